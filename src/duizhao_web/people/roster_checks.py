"""The checks of a roster against itself and the database, before anything is written.

The core has checked each row (required columns, 是/否, roles, a login used for two names, two
parents of one organisation, cycles in the file). Here: what only the import can know — lengths
the database allows, logins Django accepts, roles that need a login or a team, one person given two
teams or logins on different rows, two principals of one team, a parent that contradicts the
database or closes a cycle with it, a login already used by another person, an administrator the
file would demote, and the people each row oversees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower

from duizhao.roster import RosterRow, RowError
from duizhao_web.people.models import Organisation, Person, Profile, Role, Team

ROLE_NAMES = dict(Role.choices)
_LENGTHS = (("organisation", "单位", Organisation, "name"), ("parent", "上级单位", Organisation, "name"),
            ("team", "班子", Team, "name"), ("name", "姓名", Person, "name"),
            ("post", "职务", Person, "post"))
_USERNAME = UnicodeUsernameValidator()


def error(row: int, message: str) -> RowError:
    return RowError(row, f"第 {row} 行：{message}")


@dataclass
class Entry:
    """One person of the file, from the first row naming them (later rows may add to it)."""

    row: int
    organisation: str
    name: str
    team: str = ""
    post: str = ""
    principal: bool = False
    login: str = ""
    role: str = Role.MEMBER
    order: int = 0
    oversees: dict[str, int] = field(default_factory=dict)  # name → the row that names them


@dataclass
class Known:
    """What the database already holds of the names in the file."""

    organisations: dict[str, Organisation]
    parents: dict[str, str]  # every organisation's name → its parent's name ("" for a root)
    teams: dict[tuple[int, str], Team]
    people: dict[tuple[str, str], Person]
    accounts: dict[int, str]  # person id → the login of their account
    users: dict[str, Any]  # login (lower case) → user
    profiles: dict[int, Profile]  # user id → profile


def entries(rows: list[RosterRow]) -> dict[tuple[str, str], Entry]:
    """The people of the file by (organisation, name); the order is the place in the team."""
    people: dict[tuple[str, str], Entry] = {}
    places: dict[tuple[str, str], int] = {}
    for row in rows:
        entry = people.setdefault((row.organisation, row.name), Entry(row.row, row.organisation, row.name))
        entry.team = entry.team or row.team
        entry.post = entry.post or row.post
        entry.principal = entry.principal or row.principal
        if row.login and not entry.login:
            entry.login, entry.role = row.login, row.role
        for name in row.oversees:
            entry.oversees.setdefault(name, row.row)
    for entry in people.values():
        place = (entry.organisation, entry.team)
        entry.order = places[place] = places.get(place, -1) + 1
    return people


def known(rows: list[RosterRow]) -> Known:
    names = {r.organisation for r in rows} | {r.parent for r in rows if r.parent}
    organisations = {o.name: o for o in Organisation.objects.filter(name__in=names)}
    people = {(p.organisation.name, p.name): p for p in
              Person.objects.filter(organisation__name__in=names).select_related("organisation")}
    logins = {r.login.lower() for r in rows if r.login}
    users = {u.username.lower(): u for u in
             get_user_model().objects.annotate(low=Lower("username")).filter(low__in=logins)}
    profiles = {p.user_id: p for p in Profile.objects.filter(user__in=users.values())
                .select_related("person__organisation")}
    accounts = dict(Profile.objects.filter(person__in=people.values())
                    .values_list("person_id", "user__username"))
    return Known(organisations, dict(Organisation.objects.values_list("name", "parent__name")),
                 {(t.organisation_id, t.name): t for t in Team.objects.filter(organisation__name__in=names)},
                 people, {k: v for k, v in accounts.items() if k is not None}, users, profiles)


def check(rows: list[RosterRow], people: dict[tuple[str, str], Entry], state: Known) -> Iterator[RowError]:
    for row in rows:
        yield from _row(row)
        yield from _merged(row, people[(row.organisation, row.name)])
    yield from _principals(people)
    yield from _logins(people)
    yield from _parents(rows, state)
    for entry in people.values():
        yield from _account(entry, state)
        yield from _oversees(entry, people, state)


def _row(row: RosterRow) -> Iterator[RowError]:
    for attribute, label, model, column in _LENGTHS:
        limit = getattr(model._meta.get_field(column), "max_length", 0) or 0
        if len(getattr(row, attribute)) > limit:
            yield error(row.row, f"「{label}」超过 {limit} 个字，请缩短")
    if row.login:
        try:
            _USERNAME(row.login)
        except ValidationError:
            yield error(row.row, f"账号「{row.login}」只能由字母、数字、汉字和 @ . + - _ 组成，不能有空格")
        if len(row.login) > 150:
            yield error(row.row, "账号超过 150 个字符，请缩短")
    if row.role != Role.MEMBER and not row.login:
        yield error(row.row, f"角色是「{ROLE_NAMES[row.role]}」，但没有填写账号")
    if row.role == Role.SECRETARY and not row.team:
        yield error(row.row, "联络员须填写所在班子")


def _merged(row: RosterRow, entry: Entry) -> Iterator[RowError]:
    """A later row naming the same person must not give them another team, login or role."""
    if row.row == entry.row:
        return
    who = f"「{row.organisation}」的「{row.name}」"
    if row.team and row.team != entry.team:
        yield error(row.row, f"{who}在第 {entry.row} 行属于班子「{entry.team}」，这里是「{row.team}」，"
                             "一人只能在一个班子")
    if row.login and (row.login.lower(), row.role) != (entry.login.lower(), entry.role):
        yield error(row.row, f"{who}在前面的行已填账号「{entry.login}」（{ROLE_NAMES[entry.role]}），"
                             f"这里是「{row.login}」（{ROLE_NAMES[row.role]}），一人只能有一个账号")


def _principals(people: dict[tuple[str, str], Entry]) -> Iterator[RowError]:
    first: dict[tuple[str, str], Entry] = {}
    for entry in people.values():
        if entry.principal and entry.team:
            found = first.setdefault((entry.organisation, entry.team), entry)
            if found is not entry:
                yield error(entry.row, f"班子「{entry.team}」已有主要负责人「{found.name}」"
                                       f"（第 {found.row} 行），一个班子只能有一位主要负责人")


def _logins(people: dict[tuple[str, str], Entry]) -> Iterator[RowError]:
    """One login for two people of the same name in different organisations (the core sees names only)."""
    first: dict[str, Entry] = {}
    for entry in people.values():
        if entry.login:
            found = first.setdefault(entry.login.lower(), entry)
            if found is not entry and found.name == entry.name:
                yield error(entry.row, f"账号「{entry.login}」已在第 {found.row} 行用于"
                                       f"「{found.organisation}」的「{found.name}」，一个账号只能属于一个人")


def _parents(rows: list[RosterRow], state: Known) -> Iterator[RowError]:
    seen: set[str] = set()
    for row in rows:
        if not row.parent or row.organisation in seen:
            continue
        seen.add(row.organisation)
        current = state.parents.get(row.organisation) or ""
        if current and current != row.parent:
            yield error(row.row, f"系统中「{row.organisation}」的上级单位是「{current}」，"
                                 f"名册中是「{row.parent}」；如确需调整，请先在后台修改")
        elif not current and _above(row.parent, row.organisation, state.parents, rows):
            yield error(row.row, f"「{row.parent}」在系统中位于「{row.organisation}」之下，"
                                 "不能作为它的上级单位")


def _above(start: str, target: str, parents: dict[str, str], rows: list[RosterRow]) -> bool:
    """Whether ``target`` is ``start`` or above it, following the file's parents, then the database's."""
    wanted = {r.organisation: r.parent for r in rows if r.parent}
    node, seen = start, set()
    while node and node not in seen:
        if node == target:
            return True
        seen.add(node)
        node = parents.get(node) or wanted.get(node, "")
    return False


def _account(entry: Entry, state: Known) -> Iterator[RowError]:
    if not entry.login:
        return
    person = state.people.get((entry.organisation, entry.name))
    user = state.users.get(entry.login.lower())
    current = state.accounts.get(person.pk) if person else None
    if current is not None and current.lower() != entry.login.lower():
        yield error(entry.row, f"「{entry.name}」在系统中已有账号「{current}」，名册中是「{entry.login}」；"
                               "如需更换账号请在后台修改")
    if user is None:
        return
    profile = state.profiles.get(user.pk)
    owner = profile.person if profile else None
    if owner is not None and (person is None or owner.pk != person.pk):
        yield error(entry.row, f"账号「{entry.login}」在系统中已属于「{owner.organisation.name}」的"
                               f"「{owner.name}」，请换一个账号")
    role = profile.role if profile else (Role.ADMIN if user.is_superuser else None)
    if role == Role.ADMIN and entry.role != Role.ADMIN:
        yield error(entry.row, f"账号「{entry.login}」是管理员，名册不能改变管理员的角色，请在后台修改")


def _oversees(entry: Entry, people: dict[tuple[str, str], Entry], state: Known) -> Iterator[RowError]:
    for name, row in entry.oversees.items():
        key = (entry.organisation, name)
        if name == entry.name:
            yield error(row, f"「{entry.name}」不能分管自己")
        elif key not in people and key not in state.people:
            yield error(row, f"分管的「{name}」不在「{entry.organisation}」的人员中：请在名册中加上此人，"
                             "或检查姓名是否写错")
