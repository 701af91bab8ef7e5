"""A roster of organisations, teams and people imported from an .xlsx file users fill in.

Columns are found by their header (see ``COLUMNS`` and docs/roster.md); only 单位 and 姓名 are
required. :func:`read_roster` validates every row and returns all rows with the complete list of
errors, each naming its row; whether to import anything when there are errors is the caller's
choice. A file that cannot be used at all raises :class:`RosterError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from duizhao.sheets import Column, RosterError, RowError, SheetRow, clean, compact, read_table, row_error

__all__ = ["COLUMNS", "ROLES", "Roster", "RosterError", "RosterRow", "RowError", "read_roster"]

COLUMNS = (
    Column("organisation", ("单位", "组织", "单位名称", "组织名称", "所在单位", "机构", "机构名称"),
           required=True),
    Column("parent", ("上级单位", "上级组织", "上级", "上级机构", "隶属单位", "上级单位名称")),
    Column("team", ("班子", "领导班子", "班子名称", "所在班子")),
    Column("name", ("姓名", "名字", "人员", "人员姓名"), required=True),
    Column("post", ("职务", "职位", "岗位", "现任职务")),
    Column("principal", ("主要负责人", "是否主要负责人", "一把手")),
    Column("oversees", ("分管", "分管部门负责人", "分管负责人", "分管人员", "分管对象")),
    Column("login", ("账号", "帐号", "登录名", "登录账号", "用户名")),
    Column("role", ("角色", "系统角色", "权限")),
)
ROLES = {"管理员": "admin", "系统管理员": "admin", "审核人": "reviewer", "审核员": "reviewer",
         "联络员": "secretary", "党务联络员": "secretary", "成员": "member", "普通成员": "member",
         "班子成员": "member", "admin": "admin", "reviewer": "reviewer", "secretary": "secretary",
         "member": "member"}
YES = {"是", "1", "√", "✓", "✔", "y", "yes", "true", "对"}
NO = {"否", "0", "×", "✗", "n", "no", "false", "不是"}
_SEPARATORS = re.compile(r"[、，,;；\n]+")


@dataclass(frozen=True)
class RosterRow:
    row: int  # the spreadsheet row number, as Excel shows it
    organisation: str
    parent: str
    team: str
    name: str
    post: str
    principal: bool
    oversees: tuple[str, ...]
    login: str
    role: str  # "admin", "reviewer", "secretary" or "member"


@dataclass
class Roster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no row has an error."""
        return not self.errors


def read_roster(data: bytes, *, max_rows: int = 5000) -> Roster:
    """Every row of the roster workbook ``data`` with every error found, errors in row order.

    A row with an error is still listed in ``rows`` when its name and organisation are known, so
    a caller can show it; the errors say what must be fixed."""
    table = read_table(data, COLUMNS, max_rows=max_rows, what="名册")
    roster = Roster()
    for sheet_row in table:
        row, errors = _row(sheet_row)
        roster.errors.extend(errors)
        if row is not None:
            roster.rows.append(row)
    roster.errors.extend(_conflicts(roster.rows))
    roster.errors.extend(_cycles(roster.rows))
    roster.errors.sort(key=lambda error: error.row)
    return roster


_TEXT_FIELDS = ("organisation", "parent", "team", "name", "post")
UNKNOWN_ROLE = "角色「{}」无法识别，应为 管理员、审核人、联络员 或 成员"


def _row(sheet_row: SheetRow) -> tuple[RosterRow | None, list[RowError]]:
    number, values = sheet_row.row, sheet_row.values
    text = {name: compact(values.get(name, "")) for name in _TEXT_FIELDS}
    principal, problem = _principal(values.get("principal", ""))
    role = ROLES.get(clean(values.get("role", "")).replace(" ", "").lower() or "成员")
    problems = [*sheet_row.problems, *_missing(sheet_row, text)]
    problems += [problem] if problem else []
    problems += [UNKNOWN_ROLE.format(clean(values["role"]))] if role is None else []
    errors = [row_error(number, p) for p in problems]
    if not (text["organisation"] and text["name"]):
        return None, errors
    login = " ".join(clean(values.get("login", "")).split())
    return RosterRow(number, text["organisation"], text["parent"], text["team"], text["name"],
                     text["post"], principal, _names(values.get("oversees", "")), login,
                     role or "member"), errors


def _missing(sheet_row: SheetRow, text: dict[str, str]) -> list[str]:
    """缺少… for each required column left empty (not when its cell already has a problem)."""
    unread = {p.split("」")[0] + "」" for p in sheet_row.problems}
    return [f"缺少{c.label}" for c in COLUMNS
            if c.required and not text[c.field] and f"「{c.label}」" not in unread]


def _names(text: str) -> tuple[str, ...]:
    """Names separated by 、，,;； or line breaks, each compacted, without repeats."""
    return tuple(dict.fromkeys(name for name in map(compact, _SEPARATORS.split(text)) if name))


def _principal(text: str) -> tuple[bool, str | None]:
    key = clean(text).replace(" ", "").lower()
    if key in YES:
        return True, None
    if not key or key in NO:
        return False, None
    return False, f"「主要负责人」填的是「{clean(text)}」，应填 是 或 否（也可填 1/0、√）"


def _conflicts(rows: list[RosterRow]) -> Iterator[RowError]:
    """A login used for two different names; the same person with two posts; an organisation given
    two different parent organisations."""
    logins: dict[str, RosterRow] = {}
    people: dict[tuple[str, str], RosterRow] = {}
    parents: dict[str, RosterRow] = {}
    for row in rows:
        if row.login:
            first = logins.setdefault(row.login.casefold(), row)
            if first.name != row.name:
                yield row_error(row.row, f"账号「{row.login}」已在第 {first.row} 行用于「{first.name}」，"
                                     "一个账号只能属于一个人")
        if row.post:
            first = people.setdefault((row.organisation, row.name), row)
            if first.post != row.post:
                yield row_error(row.row, f"「{row.organisation}」的「{row.name}」在第 {first.row} 行的职务是"
                                     f"「{first.post}」，这里是「{row.post}」，请统一")
        if row.parent:
            first = parents.setdefault(row.organisation, row)
            if first.parent != row.parent:
                yield row_error(row.row, f"「{row.organisation}」的上级单位在第 {first.row} 行是"
                                         f"「{first.parent}」，这里是「{row.parent}」，一个单位只能有一个上级")


def _cycles(rows: list[RosterRow]) -> Iterator[RowError]:
    """One error per cycle of parent organisations (A under B under A, or A under A), at its first
    row, naming all the rows that make it."""
    parent: dict[str, RosterRow] = {}
    for row in rows:
        if row.parent:
            parent.setdefault(row.organisation, row)
    seen: set[str] = set()
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node in parent and node not in seen:
            seen.add(node)
            path.append(node)
            node = parent[node].parent
        if node is not None and node in path:
            loop = path[path.index(node):]
            numbers = sorted(parent[org].row for org in loop)
            chain = " → ".join([*loop, node])
            rows_named = "、".join(map(str, numbers))
            yield RowError(numbers[0], f"第 {rows_named} 行：上级单位形成循环（{chain}），请改正")
