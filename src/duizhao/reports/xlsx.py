"""The XLSX report: a summary sheet (one row per document) and a findings sheet for reviewers to annotate.

Text is always written as text: a value starting with = + - @ is never stored as a formula,
and characters XML cannot hold are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from duizhao.checks.registry import REGISTRY, Finding
from duizhao.groups import Batch
from duizhao.reports.text import excerpt
from duizhao.review import Review, Reviewed

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
KIND = {"personal": "个人", "team": "班子", "unknown": "未识别"}
FILL = {name: PatternFill("solid", fgColor=color) for name, color in (
    ("不达标", "FDE4E1"), ("需修改", "FFF0C2"), ("基本达标", "DCF5E3"), ("无法读取", "ECEEF1"),
    ("错误", "FDE4E1"), ("警告", "FFF0C2"), ("提示", "E1EEFC"))}
FORMULA_START = ("=", "+", "-", "@")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

# (header, width, wrap)
SUMMARY = [("序号", 6, False), ("文件", 40, True), ("标题", 40, True), ("类型", 8, False),
           ("单位", 18, True), ("职务", 12, True), ("结论", 10, False), ("全文字数", 10, False),
           ("问题字数", 10, False), ("原因字数", 10, False), ("措施字数", 10, False), ("错误", 7, False),
           ("警告", 7, False), ("提示", 7, False), ("复制比", 9, False), ("主要来源", 40, True),
           ("读取错误", 30, True)]
FINDINGS = [("序号", 6, False), ("文件", 30, True), ("检查项", 22, False), ("检查项名称", 20, True),
            ("级别", 7, False), ("位置", 9, False), ("原文摘录", 44, True), ("说明", 40, True),
            ("建议", 40, True), ("审核人意见", 30, True), ("是否采纳", 10, False)]

GROUPS = [("组", 6, False), ("序号", 6, False), ("文件", 40, True), ("与组内其他材料相同字数", 14, False),
          ("占全文", 9, False)]
PASSAGES = [("组", 6, False), ("份数", 7, False), ("共有段落", 60, True), ("所在材料（序号:起止）", 40, True)]
PAIRS = [("组", 6, False), ("序号甲", 8, False), ("序号乙", 8, False), ("甲与乙相同字数", 12, False),
         ("占甲", 9, False), ("乙与甲相同字数", 12, False), ("占乙", 9, False)]

Row = Sequence[str | int | float | None]
RATIO_COLUMN = [name for name, _, _ in SUMMARY].index("复制比") + 1


def _cell_value(value: str | int | float | None) -> str | int | float | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _append(ws: Worksheet, row: Row, columns: list[tuple[str, int, bool]]) -> None:
    """Append styled cells; never ``ws[ws.max_row]``, which scans every cell (quadratic overall)."""
    cells = [_cell(ws, value, wrap) for value, (_, _, wrap) in zip(row, columns, strict=True)]
    ws.append(cells)


def _cell(ws: Worksheet, value: str | int | float | None, wrap: bool) -> Cell:
    cell = Cell(ws, value=_cell_value(value))
    cell.alignment = WRAP if wrap else TOP
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(cell.value, str) and cell.value in FILL:
        cell.fill = FILL[cell.value]
    return cell


def _sheet(ws: Worksheet, title: str, columns: list[tuple[str, int, bool]]) -> None:
    ws.title = title
    ws.append([name for name, _, _ in columns])
    for index, (_, width, _) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
        ws.cell(1, index).font = Font(bold=True)
        ws.cell(1, index).alignment = Alignment(horizontal="center", vertical="center")
    ws.freeze_panes = "A2"


def _finish(ws: Worksheet) -> None:
    ws.auto_filter.ref = ws.dimensions


def summary_row(n: int, item: Reviewed) -> Row:
    doc = item.document
    if doc is None:
        return [n, item.path, None, None, None, None, "无法读取", *[None] * 9, item.error]
    counts = [item.count(s) for s in SEVERITY]
    sizes = [doc.chars(), *(doc.part_chars(role) for role in ("problems", "causes", "measures"))]
    copy = item.copy
    ratio = copy.ratio_excluding_both if copy else None
    sources = "；".join(f"{s.source.name()} {s.chars} 字" for s in copy.sources[:3]) if copy else None
    return [n, item.path, doc.title.text, KIND.get(doc.kind, doc.kind), doc.title.unit, doc.title.post,
            item.grade, *sizes, *counts, ratio, sources or None, None]


def finding_row(n: int, item: Reviewed, f: Finding) -> Row:
    text = item.document.text if item.document else ""
    found = REGISTRY.get(f.check)
    line = item.document.line(f.start) if item.document else 1
    return [n, item.path, f.check, found.title if found else f.check, SEVERITY[f.severity],
            f"第{line}行", excerpt(text, f.start, f.end, width=15), f.message, f.hint, None, None]


def _adopted(ws: Worksheet, rows: int) -> None:
    """A 是/否 drop-down on the 是否采纳 column."""
    column = get_column_letter(len(FINDINGS))
    validation = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    validation.error, validation.errorTitle = "请选择“是”或“否”", "是否采纳"
    validation.add(f"{column}2:{column}{max(rows, 1) + 1}")
    ws.add_data_validation(validation)


def _percent(ws: Worksheet, *columns: int) -> None:
    for row in range(2, ws.max_row + 1):
        for column in columns:
            ws.cell(row, column).number_format = "0.0%"


def batch_sheets(book: Workbook, review: Review, batch: Batch) -> None:
    """Three sheets: the groups' members, their common passages, and every pair (all of them)."""
    sheets = [(book.create_sheet(), title, columns) for title, columns in
              (("同批分组", GROUPS), ("共有段落", PASSAGES), ("两两相同", PAIRS))]
    for ws, title, columns in sheets:
        _sheet(ws, title, columns)
    members, passages, pairs = (ws for ws, _, _ in sheets)
    for g, group in enumerate(batch.groups, 1):
        for m in group.members:
            _append(members, [g, m.number + 1, review.documents[m.number].path, m.chars, m.share], GROUPS)
        for p in group.passages:
            where = "；".join(f"{d + 1}:{start}-{end}" for d, start, end in p.places)
            _append(passages, [g, p.count, p.text, where], PASSAGES)
        for pair in group.pairs:
            _append(pairs, [g, pair.a + 1, pair.b + 1, pair.a_chars, pair.a_share, pair.b_chars,
                            pair.b_share], PAIRS)
    _percent(members, 5)
    _percent(pairs, 5, 7)
    for ws, _, _ in sheets:
        _finish(ws)


def render(review: Review) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    _sheet(summary, "汇总", SUMMARY)
    findings = book.create_sheet()
    _sheet(findings, "问题清单", FINDINGS)
    count = 0
    for n, item in enumerate(review.documents, 1):
        _append(summary, summary_row(n, item), SUMMARY)
        for f in item.findings:
            count += 1
            _append(findings, finding_row(count, item, f), FINDINGS)
    _adopted(findings, count)
    for row in range(2, summary.max_row + 1):
        summary.cell(row, RATIO_COLUMN).number_format = "0.0%"
    _finish(summary)
    _finish(findings)
    if review.batch is not None:
        batch_sheets(book, review, review.batch)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
