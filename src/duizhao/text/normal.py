"""The normalised matching key of a text, with a map back to the original offsets.

The key folds what differs between copies of the same words but not their meaning:
traditional → simplified (OpenCC), full-width letters and digits → half-width, ASCII
punctuation → Chinese punctuation, website masks → their words (mzshh → 民主生活会),
and stray whitespace inside lines removed. Line breaks are kept, so the key has the same
paragraphs as the text. ``Normalized.span`` turns a span of the key back into a span of
the text; a replaced run (dangshi → 党史) maps back to the whole run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import opencc

NORMALIZER_VERSION = 1

_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_PUNCT = {ord(a): b for a, b in zip(",;:?!()", "，；：？！（）", strict=True)}
_TABLE: dict[int, int | str] = {**_WIDTH, **_PUNCT, 0x3000: " ", 0xA0: " "}
_SPACE = re.compile(r"[ \t\r\f\v\u2002-\u200b\u3000\xa0\ufeff]+")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Normalized:
    key: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that key[start:end] came from."""
        if start >= len(self.key):
            return self.length, self.length
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]

    def offset(self, text_offset: int) -> int:
        """The first key position at or after an offset of the original text."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < text_offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def finditer(self, pattern: re.Pattern[str], start: int = 0,
                 end: int | None = None) -> Iterator[tuple[re.Match[str], int, int]]:
        """Matches of a pattern in the key within a text span, with their original spans."""
        k0 = self.offset(start)
        k1 = len(self.key) if end is None else self.offset(end)
        for m in pattern.finditer(self.key, k0, k1):
            yield (m, *self.span(m.start(), m.end()))

    def slice(self, start: int, end: int) -> str:
        """The key of an original span."""
        return self.key[self.offset(start):self.offset(end)]


Edit = tuple[int, int, str]


def apply_edits(text: str, starts: list[int], ends: list[int],
                edits: list[Edit]) -> tuple[str, list[int], list[int]]:
    """Replace spans of ``text`` and carry the offset map through the change."""
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for a, b, rep in edits:
        pieces.append(text[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        origin_start = starts[a] if a < len(starts) else (ends[-1] if ends else 0)
        origin_end = ends[b - 1] if b > a else origin_start
        pieces.append(rep)
        new_starts.extend([origin_start] * len(rep))
        new_ends.extend([origin_end] * len(rep))
        pos = b
    pieces.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(pieces), new_starts, new_ends


def simplify(text: str) -> str:
    """Traditional → simplified, keeping the length (falls back per character)."""
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else ch
                   for ch in text for c in [_converter().convert(ch)])


def _space_edits(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _SPACE.finditer(text)]


def normalize(text: str) -> Normalized:
    from duizhao.text.masks import mask_edits

    key = simplify(text).translate(_TABLE)
    starts = list(range(len(text)))
    ends = list(range(1, len(text) + 1))
    for make in (mask_edits, _space_edits):
        edits = make(key)
        if edits:
            key, starts, ends = apply_edits(key, starts, ends, edits)
    return Normalized(key, tuple(starts), tuple(ends), len(text))
