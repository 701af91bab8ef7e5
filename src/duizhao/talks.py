"""Required heart-to-heart talks (必谈) of a leadership team and how far they are covered.

The rule (DOMAIN.md §1): the principal leader talks with each member, the members talk with each
other, and each member talks with the heads of the departments they oversee. So, precisely:

- every two people of the team form one required pair. A pair with a principal leader
  (主要负责人; a team may have two, e.g. 书记 and 局长) has the reason “主要负责人与班子成员”
  and the principal first; any other pair of the team has the reason “班子成员之间”, in team
  order. Pairs with a principal come first.
- each member and each head of a department they oversee form a pair “分管部门负责人”
  (member first), unless the two are already a pair of the team (a head who is also a member),
  or are the same person.

Each pair appears once, whatever the input repeats (a member listed twice counts once; the first
listing wins). A talk counts for a pair in either order; talks outside the required pairs are kept
in ``held`` but never make anything missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["BETWEEN_MEMBERS", "DEPARTMENT_HEAD", "WITH_PRINCIPAL", "Coverage", "Member", "Pair", "coverage",
           "required_pairs"]

WITH_PRINCIPAL = "主要负责人与班子成员"
BETWEEN_MEMBERS = "班子成员之间"
DEPARTMENT_HEAD = "分管部门负责人"
HELD, MISSING, NOT_REQUIRED, SELF = "✓", "✗", "", "—"


@dataclass(frozen=True)
class Member:
    key: str  # a stable id (the web passes the person's database id as str)
    name: str
    principal: bool = False  # 主要负责人 (党委书记, 党组书记, 局长…)
    oversees: tuple[str, ...] = ()  # keys of the heads of departments this member oversees


@dataclass(frozen=True)
class Pair:
    a: str  # the principal, the member (for a department head), or the earlier in team order
    b: str
    reason: str  # WITH_PRINCIPAL, BETWEEN_MEMBERS or DEPARTMENT_HEAD

    @property
    def keys(self) -> frozenset[str]:
        return frozenset((self.a, self.b))


@dataclass
class Coverage:
    required: list[Pair]
    held: set[frozenset[str]]  # every pair of people with a talk on record, required or not
    missing: list[Pair]  # the required pairs without a talk, in the order of ``required``

    def matrix(self, members: Sequence[Member]) -> list[list[str]]:
        """One row per member, one column per member: “✓” a talk is on record, “✗” a required talk
        is missing, “” not required, “—” the member themself."""
        required = {pair.keys for pair in self.required}
        return [[_mark(row.key, column.key, required, self.held) for column in members] for row in members]


def _mark(a: str, b: str, required: set[frozenset[str]], held: set[frozenset[str]]) -> str:
    if a == b:
        return SELF
    keys = frozenset((a, b))
    if keys in held:
        return HELD
    return MISSING if keys in required else NOT_REQUIRED


def required_pairs(members: Sequence[Member]) -> list[Pair]:
    """The required talks of the team ``members``: every pair of the team, then each member with the
    heads of the departments they oversee (see the module's documentation)."""
    first: dict[str, Member] = {}
    for member in members:
        first.setdefault(member.key, member)
    team = list(first.values())
    ordered = [m for m in team if m.principal] + [m for m in team if not m.principal]
    pairs = [Pair(a.key, b.key, WITH_PRINCIPAL if a.principal else BETWEEN_MEMBERS)
             for i, a in enumerate(ordered) for b in ordered[i + 1:]]
    seen = {pair.keys for pair in pairs}
    for member in team:
        for head in member.oversees:
            keys = frozenset((member.key, head))
            if head and head != member.key and keys not in seen:
                seen.add(keys)
                pairs.append(Pair(member.key, head, DEPARTMENT_HEAD))
    return pairs


def coverage(members: Sequence[Member], talks: Iterable[tuple[str, str]]) -> Coverage:
    """Which required talks of ``members`` have a record among ``talks`` (pairs of keys, either
    order; a talk of a person with themself is ignored)."""
    required = required_pairs(members)
    held = {frozenset((a, b)) for a, b in talks if a != b}
    return Coverage(required, held, [pair for pair in required if pair.keys not in held])
