"""The ledger as an Excel workbook people fill in: sheet “整改台账”, plus “材料” (what was read).

A title row, the header frozen under it and repeated on every printed page, wrapped text, a list
on 整改状态, A4 landscape fitted to the page width. Text is always stored as text (a value
starting with = + - @ is never a formula) and characters XML cannot hold are dropped.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from duizhao.ledger.draft import Ledger
from duizhao.ledger.rows import COLUMNS, NO_MEASURE, NO_PROBLEM, STATUSES, LedgerRow

SHEET = "整改台账"
HEADER_ROW = 2
FIRST_ROW = HEADER_ROW + 1
WIDTHS = {"index": 6, "source": 10, "aspect": 18, "problem": 48, "goal": 22, "measures": 48,
          "owner": 16, "department": 12, "deadline": 12, "progress": 20, "outcome": 14,
          "evidence": 16, "reviewer": 10, "closed": 14, "remarks": 14, "status": 10, "basis": 26,
          "material": 18}
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DDE5F0")
FLAG_FILL = PatternFill("solid", fgColor="FFF0C2")
FORMULA_START = ("=", "+", "-", "@")
LINE_HEIGHT = 15  # points per line of 11-point text
MAX_HEIGHT = 409  # the tallest row Excel allows


def _set(cell: Cell, value: str | int | float | date | None) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def _value(row: LedgerRow, name: str) -> str | int | date:
    value: str | int = getattr(row, name)
    if name == "deadline" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return date.fromisoformat(value)
    return value


def _title(ws: Worksheet, title: str) -> None:
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    cell = ws.cell(1, 1)
    _set(cell, title)
    cell.font = Font(bold=True, size=16)
    cell.alignment = CENTER
    ws.row_dimensions[1].height = 30


def _header(ws: Worksheet) -> None:
    for col, (name, header) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = CENTER
        cell.border = BOX
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS[name]


def _rows(ws: Worksheet, rows: list[LedgerRow]) -> None:
    for r, row in enumerate(rows, start=FIRST_ROW):
        for col, (name, _) in enumerate(COLUMNS, start=1):
            cell = ws.cell(r, col)
            _set(cell, _value(row, name))
            cell.alignment = WRAP
            cell.border = BOX
            if name == "deadline" and isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            if name == "basis" and row.basis in (NO_MEASURE, NO_PROBLEM):
                cell.fill = FLAG_FILL
        ws.row_dimensions[r].height = _height(row)


def _lines(text: str, width: float) -> int:
    """Lines a wrapped cell needs: a Chinese character takes two units of the column width."""
    units = 0
    lines = 1
    for char in text:
        if char == "\n":
            lines, units = lines + 1, 0
            continue
        units += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if units > width - 1:
            lines, units = lines + 1, 0
    return lines


def _height(row: LedgerRow) -> float:
    """Rows tall enough for their wrapped text: neither Excel nor LibreOffice sizes them on opening
    a file that gives no heights, and a printed ledger would show one line of each cell."""
    lines = max(_lines(str(getattr(row, name)), WIDTHS[name]) for name, _ in COLUMNS)
    return min(MAX_HEIGHT, math.ceil(lines * LINE_HEIGHT))


def _validation(ws: Worksheet, rows: int) -> None:
    col = get_column_letter([name for name, _ in COLUMNS].index("status") + 1)
    check = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                           showErrorMessage=True, errorTitle="整改状态",
                           error="请从列表中选择：" + "、".join(STATUSES))
    check.add(f"{col}{FIRST_ROW}:{col}{FIRST_ROW + max(rows, 1) + 200}")
    ws.add_data_validation(check)


def _print_setup(ws: Worksheet) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4


def _materials(wb: Workbook, ledger: Ledger) -> None:
    ws = wb.create_sheet("材料")
    headers = [("文件", 40), ("标题", 48), ("问题条数", 10), ("措施条数", 10), ("台账行数", 10),
               ("读取错误", 48)]
    for col, (header, width) in enumerate(headers, start=1):
        ws.cell(1, col, header).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, m in enumerate(ledger.materials, start=2):
        values: tuple[str | int, ...] = (m.path, m.title, m.problems, m.measures, m.rows, m.error or "")
        for col, value in enumerate(values, start=1):
            _set(ws.cell(r, col), value)
            ws.cell(r, col).alignment = WRAP
    ws.freeze_panes = "A2"


def render_xlsx(ledger: Ledger) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    _title(ws, ledger.title)
    _header(ws)
    _rows(ws, ledger.rows)
    ws.freeze_panes = ws.cell(FIRST_ROW, 1).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{HEADER_ROW + len(ledger.rows)}"
    _validation(ws, len(ledger.rows))
    _print_setup(ws)
    _materials(wb, ledger)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
