"""The normalised matching key of a text, with a map back to the original offsets.

The key folds what differs between copies of the same words but not their meaning:
traditional → simplified (OpenCC), full-width letters and digits → half-width, ASCII
punctuation → Chinese punctuation, website masks → their words (mzshh → 民主生活会),
and stray whitespace inside lines removed. Line breaks are kept, so the key has the same
paragraphs as the text. ``Normalized.span`` turns a span of the key back into a span of
the text; a replaced run (dangshi → 党史) maps back to the whole run.

The map is stored as segments (a run copied one to one, or a run replaced as a whole),
so it costs memory and time in proportion to the edits, not to the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import opencc

from duizhao.text.masks import Mask, find_masks

NORMALIZER_VERSION = 1

_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_PUNCT = dict(zip(",;:?!()", "，；：？！（）", strict=True))
_FOLD = {**_WIDTH, **_PUNCT}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")
_SPACE = re.compile(r"[ \t\r\f\v\u2002-\u200b\u3000\xa0\ufeff]+")
_CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _traditional_pattern() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(traditional_chars()))) + "]")


@cache
def traditional_chars() -> frozenset[str]:
    """Characters that OpenCC changes on their own: a text without any needs no conversion."""
    found: set[str] = set()
    for lo, hi in _CJK_BLOCKS:
        block = "".join(map(chr, range(lo, hi)))
        converted = _converter().convert(block)
        if len(converted) == len(block):
            found.update(a for a, b in zip(block, converted, strict=True) if a != b)
        else:
            found.update(ch for ch in block if _converter().convert(ch) != ch)
    return frozenset(found)


def simplify(text: str) -> str:
    """Traditional → simplified, keeping the length (falls back per character)."""
    if not _traditional_pattern().search(text):
        return text
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c) == 1 else ch for ch in text for c in [_converter().convert(ch)])


def fold(text: str) -> str:
    """Full-width letters and digits → half-width; ASCII punctuation → Chinese (same length)."""
    return _FOLDABLE.sub(lambda m: _FOLD[m.group()], text)


@dataclass(frozen=True)
class Normalized:
    """A key and its map: segment ``i`` starts at ``key_starts[i]`` in the key and at
    ``text_starts[i]`` in the text; a copied segment maps one to one, a replaced one maps
    every key character to the whole replaced run ``text_starts[i]:text_ends[i]``."""

    key: str
    key_starts: tuple[int, ...]
    text_starts: tuple[int, ...]
    text_ends: tuple[int, ...]
    copied: tuple[bool, ...]
    length: int
    masks: tuple[Mask, ...] = ()  # the website masks replaced, at their offsets in the text

    def _text_at(self, k: int, end: bool) -> int:
        i = bisect_right(self.key_starts, k) - 1
        if self.copied[i]:
            return self.text_starts[i] + k - self.key_starts[i] + end
        return self.text_ends[i] if end else self.text_starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that key[start:end] came from."""
        if start >= len(self.key):
            return self.length, self.length
        first = self._text_at(start, False)
        return (first, first) if end <= start else (first, self._text_at(end - 1, True))

    def offset(self, text_offset: int) -> int:
        """The first key position at or after an offset of the original text."""
        i = bisect_right(self.text_starts, text_offset) - 1
        if i < 0:
            return 0
        size = (self.key_starts[i + 1] if i + 1 < len(self.key_starts) else len(self.key)) \
            - self.key_starts[i]
        inside = text_offset - self.text_starts[i]
        if self.copied[i]:
            return self.key_starts[i] + min(inside, size)
        return self.key_starts[i] + (size if inside > 0 else 0)

    def finditer(self, pattern: re.Pattern[str], start: int = 0,
                 end: int | None = None) -> Iterator[tuple[re.Match[str], int, int]]:
        """Matches of a pattern in the key within a text span, with their original spans."""
        k0 = self.offset(start) if start else 0
        k1 = len(self.key) if end is None else self.offset(end)
        for m in pattern.finditer(self.key, k0, k1):
            yield (m, *self.span(m.start(), m.end()))

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """Per key character, where it starts in the text (for tests and debugging: O(n))."""
        return tuple(self._text_at(k, False) for k in range(len(self.key)))

    @cached_property
    def ends(self) -> tuple[int, ...]:
        """Per key character, where it ends in the text (for tests and debugging: O(n))."""
        return tuple(self._text_at(k, True) for k in range(len(self.key)))

    def slice(self, start: int, end: int) -> str:
        """The key of an original span."""
        return self.key[self.offset(start):self.offset(end)]


Edit = tuple[int, int, str]


def build(source: str, edits: list[Edit], masks: tuple[Mask, ...] = ()) -> Normalized:
    """Apply non-overlapping, sorted edits to a same-length rendering of the text."""
    pieces: list[str] = []
    key_starts: list[int] = []
    text_starts: list[int] = []
    text_ends: list[int] = []
    copied: list[bool] = []
    pos = k = 0

    def segment(text_start: int, text_end: int, piece: str, is_copy: bool) -> None:
        nonlocal k
        key_starts.append(k)
        text_starts.append(text_start)
        text_ends.append(text_end)
        copied.append(is_copy)
        pieces.append(piece)
        k += len(piece)

    for a, b, rep in edits:
        if a < pos:
            continue
        if a > pos:
            segment(pos, a, source[pos:a], True)
        segment(a, b, rep, False)
        pos = b
    segment(pos, len(source), source[pos:], True)
    return Normalized("".join(pieces), tuple(key_starts), tuple(text_starts), tuple(text_ends),
                      tuple(copied), len(source), masks)


def _space_edits(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _SPACE.finditer(text)]


def normalize(text: str) -> Normalized:
    folded = fold(simplify(text))  # same length as text: offsets are shared
    masks = tuple(find_masks(folded))
    edits = sorted([(m.start, m.end, m.word) for m in masks] + _space_edits(folded))
    return build(folded, edits, masks)
