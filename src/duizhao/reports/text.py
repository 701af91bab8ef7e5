"""The terminal report: per document, its grade and findings in order with the excerpt marked."""

from __future__ import annotations

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


def _document(item: Reviewed, color: bool) -> list[str]:
    if item.document is None:
        return [f"■ {item.path}", f"  无法读取：{item.error}", ""]
    doc = item.document
    counts = "，".join(f"{_MARK[s]} {item.count(s)}" for s in _MARK)
    lines = [f"■ {item.path}", f"  标题：{doc.title.text or '（未识别）'}",
             f"  结论：{item.grade}（{counts}；全文 {doc.chars()} 字）"]
    lines += [f"  说明：{note}" for note in doc.notes]
    for f in item.findings:
        paint = _COLOR[f.severity] if color else ""
        lines.append(f"  第{line_of(doc.text, f.start)}行 [{_MARK[f.severity]}] {f.check}：{f.message}")
        lines.append(f"      {excerpt(doc.text, f.start, f.end, color=paint)}")
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
