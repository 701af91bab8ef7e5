"""The terminal report: per document, its grade and findings in order with the excerpt marked."""

from __future__ import annotations

from duizhao.copying import CopyStats
from duizhao.groups import Batch, Group
from duizhao.names import printable
from duizhao.review import Review, Reviewed

_MARK = {"error": "错误", "warning": "警告", "info": "提示"}
_COLOR = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def excerpt(text: str, start: int, end: int, width: int = 14, color: str = "") -> str:
    """The flagged characters in 【】 (or colour) with a little context, on one line."""
    before = printable(text[max(0, start - width):start].replace("\n", "⏎"))
    inside = text[start:end].replace("\n", "⏎")
    if len(inside) > 40:
        inside = inside[:18] + "…" + inside[-18:]
    inside = printable(inside)
    after = printable(text[end:end + width].replace("\n", "⏎"))
    marked = f"{color}【{inside}】{_RESET if color else ''}"
    return f"…{before}{marked}{after}…"


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
    named = printable("；".join(f"{s.source.name()} {s.chars} 字" for s in copy.sources[:3]))
    return [f"  复制比：{ratios(copy)}"] + ([f"  主要来源：{named}"] if named else [])


def _document(item: Reviewed, color: bool) -> list[str]:
    if item.document is None:
        return [f"■ {printable(item.path)}", f"  无法读取：{printable(item.error or '')}", ""]
    doc = item.document
    counts = "，".join(f"{_MARK[s]} {item.count(s)}" for s in _MARK)
    lines = [f"■ {printable(item.path)}", f"  标题：{printable(doc.title.text) or '（未识别）'}",
             f"  结论：{item.grade}（{counts}；全文 {doc.chars()} 字）"]
    lines += copy_lines(item.copy) if item.copy else []
    lines += [f"  说明：{printable(note)}" for note in doc.notes]
    for f in item.findings:
        paint = _COLOR[f.severity] if color else ""
        where = f"第{doc.line(f.start)}行 [{_MARK[f.severity]}] {f.check}"
        lines.append(f"  {where}：{printable(f.message)}")
        lines.append(f"      {excerpt(doc.text, f.start, f.end, color=paint)}")
        if f.source:
            lines.append(f"      来源原文：{excerpt(f.source.excerpt, 0, len(f.source.excerpt), 0)}")
        lines.append(f"      建议：{printable(f.hint)}")
    return [*lines, ""]


TOP_PAIRS = 10  # pairs printed per group (all of them are in the JSON and XLSX reports)
TOP_PASSAGES = 5  # common passages printed per group


def name_of(review: Review, number: int) -> str:
    """A material as the batch section names it: its number in the report and its path."""
    return f"{number + 1}. {printable(review.documents[number].path)}"


def _group(review: Review, g: int, group: Group) -> list[str]:
    lines = [f"  第 {g} 组：{len(group.members)} 份材料，共有段落 {len(group.passages)} 处"]
    lines += [f"    {name_of(review, m.number)}：与组内其他材料相同 {m.chars} 字，占 {percent(m.share)}"
              for m in group.members]
    for p in group.passages[:TOP_PASSAGES]:
        where = "、".join(str(d + 1) for d, _, _ in p.places[:12]) + ("…" if p.count > 12 else "")
        lines.append(f"    共有（{p.count} 份：{where}）：{excerpt(p.text, 0, len(p.text), 0)}")
    if len(group.passages) > TOP_PASSAGES:
        lines.append(f"    ……另有 {len(group.passages) - TOP_PASSAGES} 处共有段落见 JSON 或 XLSX 报告")
    for pair in group.pairs[:TOP_PAIRS]:
        lines.append(f"    {pair.a + 1} ↔ {pair.b + 1}：{pair.a_chars} 字（{percent(pair.a_share)}）/ "
                     f"{pair.b_chars} 字（{percent(pair.b_share)}）")
    if len(group.pairs) > TOP_PAIRS:
        lines.append(f"    ……共 {len(group.pairs)} 对，完整列表见 JSON 或 XLSX 报告")
    return lines


def batch_lines(review: Review, batch: Batch) -> list[str]:
    """The batch section: groups of materials that share text."""
    head = (f"同批材料分组（两份材料互有至少 {batch.min_chars} 字相同即连为一组，不计引用）：")
    if not batch.groups:
        return [head + "没有雷同的材料。", ""]
    lines = [head + f"{len(batch.groups)} 组"]
    for g, group in enumerate(batch.groups, 1):
        lines += _group(review, g, group)
    return [*lines, ""]


def render(review: Review, color: bool = False) -> bytes:
    lines: list[str] = []
    for item in review.documents:
        lines += _document(item, color)
    if review.batch is not None:
        lines += batch_lines(review, review.batch)
    grades = [d.grade or "无法读取" for d in review.documents]
    summary = "，".join(f"{g} {grades.count(g)} 份" for g in dict.fromkeys(grades))
    lines.append(f"共审核 {len(review.documents)} 份材料：{summary or '无'}")
    return ("\n".join(lines) + "\n").encode("utf-8")
