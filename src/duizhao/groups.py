"""The batch seen as groups: materials that share text, what each shares, and with whom.

Two materials are *linked* when each shares at least ``[thresholds] min_group_chars``
characters with the other (whitespace and recognised quotations not counted, so a batch
quoting the same speeches is not a group). Groups are the connected sets of linked materials
(union-find): a chain A–B–C is one group even when A and C share nothing. Everything here is
derived from :func:`duizhao.batch.compare`; no text is aligned again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from duizhao.batch import Comparison, Shared
from duizhao.document import Document


@dataclass(frozen=True)
class Member:
    number: int  # index in the review's documents
    chars: int  # characters shared with the rest of the group
    share: float  # chars / the material's length


@dataclass(frozen=True)
class Pair:
    a: int  # review indices
    b: int
    a_chars: int  # characters of a found in b
    b_chars: int  # characters of b found in a
    a_share: float
    b_share: float


@dataclass(frozen=True)
class CommonPassage:
    """A passage several members contain: the text (from its first place) and where it is."""

    text: str
    places: tuple[tuple[int, int, int], ...]  # (review index, start, end), in member order

    @property
    def count(self) -> int:
        return len(self.places)


@dataclass(frozen=True)
class Group:
    members: tuple[Member, ...]  # largest share first
    passages: tuple[CommonPassage, ...]  # most members first
    pairs: tuple[Pair, ...]  # most characters first


@dataclass(frozen=True)
class Batch:
    """The batch section of a review."""

    min_chars: int  # the linking threshold used
    numbers: tuple[int, ...]  # batch position → index in the review's documents
    groups: tuple[Group, ...]  # largest first
    shared: tuple[tuple[Shared, ...], ...]  # by batch position: each material's shared passages

    def colleagues(self, number: int, start: int, end: int) -> tuple[int, ...]:
        """The review indices of the materials sharing a passage of one material (for a finding)."""
        return tuple(map(self.numbers.__getitem__, self.positions(number, start, end)))

    def positions(self, number: int, start: int, end: int) -> tuple[int, ...]:
        """The same as batch positions (index ``numbers`` for the review indices)."""
        return self._colleagues.get((number, start, end), ())

    @cached_property
    def _colleagues(self) -> dict[tuple[int, int, int], tuple[int, ...]]:
        return {(n, s.start, s.end): s.colleagues
                for n, shared in zip(self.numbers, self.shared, strict=True) for s in shared}


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def build(docs: Sequence[Document], numbers: Sequence[int], comparison: Comparison,
          min_chars: int) -> Batch:
    """Groups of linked materials with their members, common passages and pairs."""
    union = _Union(len(docs))
    links = comparison.linked(min_chars)
    for a, b in links:
        union.join(a, b)
    sets: dict[int, list[int]] = {union.find(a): [] for a, _ in links}
    for d in range(len(docs)):
        if union.find(d) in sets:
            sets[union.find(d)].append(d)
    member_lists = list(sets.values())
    group_of = [-1] * len(docs)
    for g, members in enumerate(member_lists):
        for d in members:
            group_of[d] = g
    chars = comparison.chars_within(group_of)
    passages = _passages(member_lists, numbers, comparison)
    groups = [_group(docs, numbers, comparison, members, common, chars)
              for members, common in zip(member_lists, passages, strict=True)]
    groups.sort(key=lambda g: (-len(g.members), min(m.number for m in g.members)))
    return Batch(min_chars, tuple(numbers), tuple(groups), comparison.shared)


def _group(docs: Sequence[Document], numbers: Sequence[int], comparison: Comparison,
           members: list[int], passages: list[CommonPassage], pairs: dict[tuple[int, int], int]) -> Group:
    inside = set(members)
    shares = []
    for d in members:  # the closest colleague is nearly always in the group: tested first
        chars = sum(s.chars for s in comparison.shared[d] if not s.quoted and (
            s.colleagues[0] in inside or not inside.isdisjoint(s.colleagues)))
        shares.append(Member(numbers[d], chars, round(chars / max(1, docs[d].chars()), 4)))
    shares.sort(key=lambda m: (-m.share, m.number))
    return Group(tuple(shares), tuple(passages), _pairs(docs, numbers, pairs, members))


def _pairs(docs: Sequence[Document], numbers: Sequence[int], chars: dict[tuple[int, int], int],
           members: list[int]) -> tuple[Pair, ...]:
    out = []
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            ab, ba = chars.get((a, b), 0), chars.get((b, a), 0)
            if ab or ba:
                out.append(Pair(numbers[a], numbers[b], ab, ba, round(ab / max(1, docs[a].chars()), 4),
                                round(ba / max(1, docs[b].chars()), 4)))
    out.sort(key=lambda p: (-(p.a_chars + p.b_chars), p.a, p.b))
    return tuple(out)


def _passages(groups: list[list[int]], numbers: Sequence[int],
              comparison: Comparison) -> list[list[CommonPassage]]:
    """For each group, the centre passages held by two or more of its members (a member's first
    place in each)."""
    group_of = {d: g for g, members in enumerate(groups) for d in members}
    found: list[list[CommonPassage]] = [[] for _ in groups]
    for common in comparison.common:
        by_group: dict[int, dict[int, tuple[int, int, int]]] = {}
        for d, start, end in common.places:
            g = group_of.get(d)
            if g is not None:
                by_group.setdefault(g, {}).setdefault(d, (numbers[d], start, end))
        for g, places in by_group.items():
            if len(places) >= 2:
                found[g].append(CommonPassage(common.text, tuple(places.values())))
    for passages in found:
        passages.sort(key=lambda p: (-p.count, p.places[0]))
    return found
