"""Opinions solicited before the meeting (征求意见), imported from an .xlsx file.

Columns by header: 意见/内容 (required), 来源 (座谈会, 问卷, 意见箱…), 对象/针对 (a member's name;
empty, 班子 or 领导班子 means the team). The text is kept as written (line breaks included), only
invisible characters and runs of spaces are tidied: opinions are fed back unedited.
"""

from __future__ import annotations

from dataclasses import dataclass

from duizhao.sheets import Column, RosterError, RowError, SheetRow, clean, compact, read_table, row_error

__all__ = ["COLUMNS", "TEAM", "OpinionRow", "RosterError", "RowError", "read_opinions"]

COLUMNS = (
    Column("text", ("意见", "内容", "意见内容", "意见建议", "具体意见", "意见和建议", "问题"), required=True),
    Column("source", ("来源", "意见来源", "渠道", "征求方式", "征求渠道")),
    Column("addressee", ("对象", "针对", "意见对象", "针对对象", "提给", "针对班子成员")),
)
TEAM = {"班子", "领导班子", "班子整体", "全体", "班子集体", "党委班子", "党组班子", "集体"}


@dataclass(frozen=True)
class OpinionRow:
    row: int  # the spreadsheet row number, as Excel shows it
    text: str
    source: str
    addressee: str  # a member's name; "" = the team


def read_opinions(data: bytes, *, max_rows: int = 5000) -> tuple[list[OpinionRow], list[RowError]]:
    """The opinions of the workbook ``data`` and the errors of its rows, both in row order. A row with
    text is listed even when another of its cells has an error. Raises :class:`RosterError` for a
    file that cannot be used at all."""
    opinions: list[OpinionRow] = []
    errors: list[RowError] = []
    for sheet_row in read_table(data, COLUMNS, max_rows=max_rows, what="意见表"):
        problems = list(sheet_row.problems)
        opinion = _opinion(sheet_row)
        if opinion is None and not any(p.startswith("「意见」") for p in problems):
            problems.append("缺少意见内容")
        errors += [row_error(sheet_row.row, problem) for problem in problems]
        if opinion is not None:
            opinions.append(opinion)
    return opinions, errors


def _opinion(sheet_row: SheetRow) -> OpinionRow | None:
    text = clean(sheet_row.values.get("text", ""))
    if not text:
        return None
    addressee = compact(sheet_row.values.get("addressee", ""))
    source = compact(sheet_row.values.get("source", ""))
    return OpinionRow(sheet_row.row, text, source, "" if addressee in TEAM else addressee)
