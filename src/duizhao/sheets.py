"""Tables that users fill in Excel (rosters, opinions), read as plain text rows.

Real spreadsheets are dirty: a title above the header, blank rows, full-width spaces, merged
cells, numbers stored as text or text stored as numbers, formulas. This module finds the header
by its column names (with aliases), reads the first sheet that has one, and gives each data row
as ``field → text``. A file that cannot be used at all raises :class:`RosterError` with a Chinese
message; a cell that cannot be read (a formula with no saved result, an error value such as
``#N/A``) is a problem of its row, reported with the row.

The workbook is read in openpyxl's read-only mode (rows streamed, not held in memory) twice in
step: once for the values Excel saved, once for the formulas, so a formula whose result was never
saved can be told from an empty cell.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO
from typing import Any
from xml.etree import ElementTree as ET

from openpyxl import load_workbook

HEADER_ROWS = 20  # the header is looked for in this many rows at the top of a sheet
MAX_COLUMNS = 64  # cells right of this column are not read
MAX_UNPACKED = 100 * 1024 * 1024  # bytes of all parts of the package, decompressed
MAX_MERGES = 20_000  # merged ranges kept per sheet
BLANK_FACTOR = 10  # at most this many rows (blank or not) per allowed data row are scanned

NOT_XLSX = "文件已损坏或不是有效的 Excel 工作簿（.xlsx），请在 Excel/WPS 中打开后另存为 .xlsx"
OLD_XLS = "该文件是旧版 Excel（.xls）格式，请在 Excel/WPS 中另存为 .xlsx 后再导入"
ENCRYPTED = "文件已加密（设置了打开密码），无法读取：请在 Excel/WPS 中取消密码后另存为 .xlsx"
TOO_BIG = "文件解压后超过 100 MB，不像是名册或意见表，请只保留需要导入的工作表"

_OLE = b"\xd0\xcf\x11\xe0"
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than line breaks (full-width space, NBSP…)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_HEADER_NOISE = re.compile(r"[（(【\[].*?[）)】\]]|[*＊:：\s]")
_MERGE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


class RosterError(Exception):
    """The file as a whole cannot be used; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet row number, as Excel shows it
    message: str  # Chinese, starting with the row: "第 7 行：缺少姓名"


def row_error(row: int, message: str) -> RowError:
    return RowError(row, f"第 {row} 行：{message}")


@dataclass(frozen=True)
class Column:
    """One column the reader looks for: ``field`` is our name, ``aliases`` the headers users write
    (the first is the one messages show)."""

    field: str
    aliases: tuple[str, ...]
    required: bool = False

    @property
    def label(self) -> str:
        return self.aliases[0]


@dataclass(frozen=True)
class SheetRow:
    """A non-blank data row: its number as Excel shows it, each column's text ("" when empty), and
    the problems of cells that could not be read (Chinese, without the row number)."""

    row: int
    values: dict[str, str]
    problems: tuple[str, ...] = ()


def clean(text: str) -> str:
    """Text with zero-width characters removed, every run of spaces (full-width, NBSP, tabs) made
    one space, spaces around line breaks dropped, and the ends trimmed. Line breaks are kept."""
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n ")


def compact(text: str) -> str:
    """A name-like value on one line: :func:`clean`, line breaks as spaces, and no space between two
    Chinese characters (``张　三`` → ``张三``, a habit for aligning two-character names)."""
    return _CJK_GAP.sub("", " ".join(clean(text).split()))


def header_key(text: str) -> str:
    """A header cell reduced for matching: no spaces, no ``*`` or colon, no note in brackets
    (``姓名（必填）*`` → ``姓名``)."""
    return _HEADER_NOISE.sub("", clean(text))


def cell_text(value: Any) -> str:
    """A cell's value as the text a user sees: whole numbers without ``.0``, dates as
    ``2025-03-01``, TRUE/FALSE as 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def read_table(data: bytes, columns: Sequence[Column], *, max_rows: int, what: str) -> list[SheetRow]:
    """The data rows under the first header found in the workbook ``data``.

    ``what`` names the table in messages (“名册”). Raises :class:`RosterError` for a file that is not
    a usable .xlsx, has no header with every required column, or more than ``max_rows`` data rows."""
    _check_package(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read(data, columns, max_rows, what)
    except RosterError:
        raise
    except Exception as exc:  # openpyxl raises anything (KeyError, TypeError…) on a malformed part
        raise RosterError(NOT_XLSX) from exc


def _check_package(data: bytes) -> None:
    if data.startswith(_OLE):
        raise RosterError(ENCRYPTED if "EncryptedPackage".encode("utf-16-le") in data else OLD_XLS)
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise RosterError(NOT_XLSX) from exc
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise RosterError(NOT_XLSX)
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise RosterError(TOO_BIG)


def _read(data: bytes, columns: Sequence[Column], max_rows: int, what: str) -> list[SheetRow]:
    values = load_workbook(BytesIO(data), read_only=True, data_only=True)
    formulas = load_workbook(BytesIO(data), read_only=True, data_only=False)
    try:
        for sheet, formula_sheet in zip(values.worksheets, formulas.worksheets, strict=True):
            rows = _rows(sheet, formula_sheet)
            found = _header(rows, columns)
            if found is not None:
                merges = _Merges(data, sheet, set(found.values()))
                labels = {c.field: c.label for c in columns}
                return list(_data(rows, found, merges, labels, max_rows, what))
    finally:
        values.close()
        formulas.close()
    wanted = "、".join(f"「{c.label}」" for c in columns if c.required)
    raise RosterError(f"找不到{what}的表头：任何工作表的前 {HEADER_ROWS} 行中都没有同时含有{wanted}的一行，"
                      "请检查列名")


_Cells = tuple[int, list[tuple[Any, Any]]]  # row number, (value cell, formula cell) per column


def _rows(sheet: Any, formula_sheet: Any) -> Iterator[_Cells]:
    if not hasattr(sheet, "iter_rows"):  # a chart sheet
        return
    pairs = zip(sheet.iter_rows(max_col=MAX_COLUMNS), formula_sheet.iter_rows(max_col=MAX_COLUMNS),
                strict=False)
    for number, (row, formula_row) in enumerate(pairs, start=1):
        yield number, list(zip(row, formula_row, strict=False))


def _header(rows: Iterator[_Cells], columns: Sequence[Column]) -> dict[str, int] | None:
    """Field → column index of the first row among the top ones that names every required column."""
    for number, cells in rows:
        found: dict[str, int] = {}
        for index, (cell, _) in enumerate(cells):
            key = header_key(cell_text(cell.value))
            for column in columns:
                if key in column.aliases and column.field not in found:
                    found[column.field] = index
        if all(c.field in found for c in columns if c.required):
            return found
        if number >= HEADER_ROWS:
            return None
    return None


def _data(rows: Iterator[_Cells], found: dict[str, int], merges: _Merges, labels: dict[str, str],
          max_rows: int, what: str) -> Iterator[SheetRow]:
    count = 0
    for scanned, (number, cells) in enumerate(rows, start=1):
        if scanned > max_rows * BLANK_FACTOR:
            raise RosterError(f"{what}的行数过多（连同空行超过 {max_rows * BLANK_FACTOR} 行），"
                              "请删除多余的行后再导入")
        merges.remember(number, cells)
        read = {field: merges.cell(number, index, cells) for field, index in found.items()}
        values = {field: text for field, (text, _) in read.items()}
        problems = tuple(f"「{labels[field]}」{problem}" for field, (_, problem) in read.items() if problem)
        if not any(values.values()) and not problems:
            continue
        count += 1
        if count > max_rows:
            raise RosterError(f"{what}超过 {max_rows} 行（上限），请拆分成几个文件分批导入")
        yield SheetRow(number, values, problems)


def _own(pair: tuple[Any, Any] | None) -> tuple[str, str | None]:
    """A cell's text and its problem, if any, from the cell of values and the cell of formulas."""
    cell, formula = pair or (None, None)
    value = getattr(cell, "value", None)
    is_formula = getattr(formula, "data_type", None) == "f"
    failed = is_formula and isinstance(value, str) and value.startswith("#")
    if getattr(cell, "data_type", None) == "e" or failed:
        return "", f"单元格为错误值 {value}，请改正公式或改填文字"
    if value is None and is_formula:
        source = str(getattr(formula, "value", ""))[:40]
        return "", f"单元格是公式（{source}）但没有保存计算结果，请在 Excel 中打开并保存，或改填文字"
    return cell_text(value), None


class _Merges:
    """Merged ranges over the columns read: a cell inside a range, left empty by Excel, takes the
    text of the range's first cell. Read from the sheet's XML (read-only mode does not expose
    them); at most ``MAX_MERGES`` ranges are kept."""

    def __init__(self, data: bytes, sheet: Any, columns: set[int]) -> None:
        self.columns = columns
        self.covering: dict[int, list[tuple[int, int, int]]] = {}  # column → (first row, last row, first col)
        self.anchors: dict[tuple[int, int], tuple[str, str | None]] = {}
        path = getattr(sheet, "_worksheet_path", None)
        if path:
            self._read(data, path)
        for ranges in self.covering.values():
            ranges.sort()
        self.starts: dict[int, set[int]] = {}  # first row → first columns of the ranges starting there
        for ranges in self.covering.values():
            for first, _, col in ranges:
                self.starts.setdefault(first, set()).add(col)

    def _read(self, data: bytes, path: str) -> None:
        kept = 0
        with zipfile.ZipFile(BytesIO(data)) as package, package.open(path) as part:
            for _, element in ET.iterparse(part):
                if element.tag == _MERGE and kept < MAX_MERGES:
                    kept += self._add(element.get("ref", ""))
                element.clear()

    def _add(self, ref: str) -> int:
        corners = _REF.findall(ref.upper())
        if len(corners) != 2:
            return 0
        (col_a, row_a), (col_b, row_b) = corners
        first_col, last_col = _column(col_a), _column(col_b)
        for index in self.columns & set(range(first_col, min(last_col, MAX_COLUMNS) + 1)):
            self.covering.setdefault(index, []).append((int(row_a), int(row_b), first_col))
        return 1

    def remember(self, number: int, cells: list[tuple[Any, Any]]) -> None:
        for col in self.starts.get(number, ()):
            if col < len(cells):
                self.anchors[number, col] = _own(cells[col])

    def cell(self, number: int, index: int, cells: list[tuple[Any, Any]]) -> tuple[str, str | None]:
        own = _own(cells[index] if index < len(cells) else None)
        ranges = self.covering.get(index)
        if own != ("", None) or not ranges:
            return own
        at = bisect.bisect_right(ranges, (number, sys.maxsize, sys.maxsize)) - 1
        if at < 0 or ranges[at][1] < number:
            return own
        first, _, col = ranges[at]
        return self.anchors.get((first, col), own)


def _column(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1
