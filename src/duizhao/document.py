"""The one document tree every reader produces and every check reads.

All offsets are character offsets into ``Document.text`` (the extracted text that is
shown to the user); normalised keys map back to it through :class:`~duizhao.text.normal.Normalized`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from duizhao.text.normal import Normalized, normalize

SectionRole = Literal["preamble", "problems", "causes", "measures", "other"]
Role = Literal["preamble", "problems", "causes", "measures", "other", "aspect", "item"]
Kind = Literal["personal", "team", "unknown"]


WHITESPACE = " \t\r\n\u3000\xa0"  # not counted in a material's length


def counted_chars(text: str) -> int:
    """Characters that count for length: everything but :data:`WHITESPACE`."""
    return len(text) - sum(map(text.count, WHITESPACE))


@dataclass
class Node:
    """A span of the text: a section, an aspect under it, or an item.

    ``label`` is the numbering as written (“一、”, “（一）”, “一是”); ``heading`` is the
    heading's text without the label; the body runs from ``body_start`` to ``end``.
    """

    role: Role
    start: int
    end: int
    label: str = ""
    heading: str = ""
    body_start: int = 0
    children: list[Node] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Title:
    text: str = ""
    start: int = 0
    end: int = 0
    unit: str = ""
    post: str = ""
    year: int | None = None
    meeting: str = ""
    kind: Kind = "unknown"


@dataclass
class Document:
    path: str
    text: str
    title: Title = field(default_factory=Title)
    sections: list[Node] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kind: Kind = "unknown"
    memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    """Results that several checks derive from the same document, computed once."""

    @cached_property
    def key(self) -> Normalized:
        """The normalised matching key of the whole text, computed once."""
        return normalize(self.text)

    def sections_of(self, role: SectionRole) -> list[Node]:
        return [s for s in self.sections if s.role == role]

    def points(self, role: SectionRole) -> list[Node]:
        """The leaves of a part: its items, or an aspect itself where it has no items.

        Computed once per document (the tree is final once parsed); do not change the list.
        """
        key = ("points", role)
        if key not in self.memo:
            self.memo[key] = self._points(role)
        return self.memo[key]  # type: ignore[return-value]

    def _points(self, role: SectionRole) -> list[Node]:
        found: list[Node] = []
        for section in self.sections_of(role):
            for child in section.children:
                if child.role == "item":
                    found.append(child)
                elif child.children:
                    found.extend(c for c in child.children if c.role == "item")
                else:
                    found.append(child)
        return found

    def aspects(self, role: SectionRole) -> list[Node]:
        return [c for s in self.sections_of(role) for c in s.children if c.role == "aspect"]

    def chars(self, start: int = 0, end: int | None = None) -> int:
        """Characters that count for length: everything but whitespace."""
        if start == 0 and end is None:
            return self.total_chars
        return counted_chars(self.text[start:end])

    @cached_property
    def _newlines(self) -> list[int]:
        return [i for i, ch in enumerate(self.text) if ch == "\n"]

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``, by bisection over the newlines (found once): a report
        that counted newlines up to each finding would take findings × text."""
        return bisect_left(self._newlines, offset) + 1

    @cached_property
    def total_chars(self) -> int:
        return counted_chars(self.text)

    def part_chars(self, role: SectionRole) -> int:
        """Length of a part (see :meth:`chars`), computed once per document."""
        key = ("part_chars", role)
        if key not in self.memo:
            self.memo[key] = sum(self.chars(s.start, s.end) for s in self.sections_of(role))
        return self.memo[key]  # type: ignore[return-value]
