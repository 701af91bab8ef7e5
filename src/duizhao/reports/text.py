"""The terminal report: per document, its grade and findings in order with the excerpt marked."""

from __future__ import annotations

from duizhao.copying import CopyStats
from duizhao.review import Review, Reviewed

_MARK = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def excerpt(text: str, start: int, end: int, width: int = 14, color: str = "") -> str:
    """The flagged characters in 【】 (or colour) with a little context, on one line."""
    before = text[max(0, start - width):start].replace("\n", "⏎")
    inside = text[start:end].replace("\n", "⏎")
    if len(inside) > 40:
        inside = inside[:18] + "…" + inside[-18:]
    after = text[end:end + width].replace("\n", "⏎")
    marked = f"{color}【{inside}】{_RESET if color else ''}"
    return f"…{before}{marked}{after}…"


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def percent(ratio: float) -> str:
    return f"{ratio * 100:.1f}%"


def ratios(copy: CopyStats) -> str:
    """The four copy ratios and what the material was compared with, in one phrase."""
    where = "、".join({"corpus": "参考语料", "batch": "同批材料"}[c] for c in copy.compared_with)
    return (f"{percent(copy.ratio)}（去除引用 {percent(copy.ratio_excluding_quotations)}，"
            f"去除本人往年材料 {percent(copy.ratio_excluding_own)}，"
            f"两者都去除 {percent(copy.ratio_excluding_both)}；比对范围：{where}）")


def copy_lines(copy: CopyStats) -> list[str]:
    """The copy ratios, and the main sources when there are any."""
    named = "；".join(f"{s.source.name()} {s.chars} 字" for s in copy.sources[:3])
    return [f"  复制比：{ratios(copy)}"] + ([f"  主要来源：{named}"] if named else [])


def _document(item: Reviewed, color: bool) -> list[str]:
    if item.document is None:
        return [f"■ {item.path}", f"  无法读取：{item.error}", ""]
    doc = item.document
    counts = "，".join(f"{_MARK[s]} {item.count(s)}" for s in _MARK)
    lines = [f"■ {item.path}", f"  标题：{doc.title.text or '（未识别）'}",
             f"  结论：{item.grade}（{counts}；全文 {doc.chars()} 字）"]
    lines += copy_lines(item.copy) if item.copy else []
    lines += [f"  说明：{note}" for note in doc.notes]
    for f in item.findings:
        paint = _COLOR[f.severity] if color else ""
        lines.append(f"  第{line_of(doc.text, f.start)}行 [{_MARK[f.severity]}] {f.check}：{f.message}")
        lines.append(f"      {excerpt(doc.text, f.start, f.end, color=paint)}")
        if f.source:
            lines.append(f"      来源原文：{excerpt(f.source.excerpt, 0, len(f.source.excerpt), 0)}")
        lines.append(f"      建议：{f.hint}")
    return [*lines, ""]


def render(review: Review, color: bool = False) -> bytes:
    lines: list[str] = []
    for item in review.documents:
        lines += _document(item, color)
    grades = [d.grade or "无法读取" for d in review.documents]
    summary = "，".join(f"{g} {grades.count(g)} 份" for g in dict.fromkeys(grades))
    lines.append(f"共审核 {len(review.documents)} 份材料：{summary or '无'}")
    return ("\n".join(lines) + "\n").encode("utf-8")
