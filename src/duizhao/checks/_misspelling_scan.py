"""One pass over the key finds wrong words and near-misses of formulations, by anchors.

An anchor is a pair of adjacent characters. Every wrong word is looked for by its rarest pair
(rarity counted in the bundled samples); every formulation that may be written with ``k``
wrong characters by ``k + 1`` of its pairs that do not overlap: a text that differs from it in
at most ``k`` places keeps at least one of them where it belongs. The anchors are found with
numpy: each character is looked up in a table of first and of second characters of anchors,
and the two numbers in a table of the anchor pairs, for the whole text at once; only the
windows a real anchor points to are compared in Python, and pinyin is looked up only for the
characters that differ — never for the whole text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from operator import ne
from typing import TypeVar

import numpy as np
import numpy.typing as npt
from pypinyin import Style, pinyin

from duizhao.checks._misspelling_data import Entry, Rule

Span = tuple[int, int]
_LOW, _HIGH = 0x3400, 0xA000  # anchors are Chinese characters (CJK and extension A)
T = TypeVar("T")
_FUZZY = re.compile(r"^([zcs])h")


WordAt = tuple[int, Entry]  # (offset of the anchor in the wrong word, the entry)
TermAt = tuple[int, str, int]  # (offset of the anchor in the formulation, it, wrong characters allowed)
Anchored = tuple[tuple[WordAt, ...], tuple[TermAt, ...], tuple[Rule, ...]]  # rules: at offset 0


@dataclass(frozen=True)
class Index:
    # code point - _LOW → 1 + number of a first (second) character of an anchor, or 0; the last
    # entry, 0, stands for any other character (small tables: they stay in the CPU's cache)
    firsts: npt.NDArray[np.uint16]
    seconds: npt.NDArray[np.uint16]
    width: int  # 1 + the largest number of a second character
    pairs: npt.NDArray[np.bool_]  # first number × width + second number → an anchor pair?
    anchors: dict[str, Anchored]  # anchor pair → what is looked for by it

    def find(self, key: str) -> list[int]:
        """Offsets in ``key`` where an anchor pair starts."""
        if len(key) < 2:
            return []
        points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32) - np.uint32(_LOW)
        firsts = self.firsts.take(points[:-1], mode="clip")  # below _LOW wraps round: clipped too
        codes = np.multiply(firsts, self.width, dtype=np.int32)
        codes += self.seconds.take(points[1:], mode="clip")
        return np.flatnonzero(self.pairs.take(codes)).tolist()


@dataclass(frozen=True)
class NearMiss:
    start: int  # in the key
    term: str
    differ: tuple[int, ...]  # positions in the term that differ


@dataclass
class Found:
    words: list[tuple[int, Entry]]  # (key offset, entry)
    rules: list[tuple[int, Rule, str]]  # (key offset, rule, the context that makes it wrong)
    near: list[NearMiss]
    exact: list[Span]  # formulations written correctly (key spans)


SHORT = 4  # formulations this short are looked for by their number only


def allowed(term: str) -> int:
    """How many characters of a formulation may be wrong for a text to be its near-miss."""
    return 1 if len(term) < 8 else 2


def _pairs(word: str, count: int, counts: Counter[str]) -> list[int]:
    """Offsets of ``count`` non-overlapping pairs of ``word``, the rarest that fit."""
    usable = [i for i in range(len(word) - 1) if all(_LOW <= ord(c) < _HIGH for c in word[i:i + 2])]
    by_rarity = sorted(usable, key=lambda i: (counts[word[i:i + 2]], i))
    chosen: list[int] = []
    for i in by_rarity:
        if all(abs(i - j) >= 2 for j in chosen):
            chosen.append(i)
        if len(chosen) == count:
            return sorted(chosen)
    evenly = list(range(0, 2 * count, 2))  # always fits, as len(word) >= 2 * count
    return evenly if all(i in usable for i in evenly) else []  # [] : not Chinese enough to look for


def _term_anchors(term: str, counts: Counter[str]) -> list[int]:
    """Offsets of the pairs a formulation is looked for by. A short one begins with its number
    (四个意识, 三会一课): its near-misses keep the number, so that pair alone is the anchor."""
    if len(term) <= SHORT:
        return _pairs(term[:2], 1, counts)
    return _pairs(term, allowed(term) + 1, counts)


def _group(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    grouped: dict[str, list[T]] = {}
    for pair, item in pairs:
        grouped.setdefault(pair, []).append(item)
    return {pair: tuple(items) for pair, items in grouped.items()}


def build_index(entries: tuple[Entry, ...], rules: tuple[Rule, ...], terms: tuple[str, ...],
                counts: Counter[str]) -> Index:
    """``counts``: how often each pair of characters occurs in ordinary text."""
    word_anchors = [(e.wrong[i:i + 2], (i, e)) for e in entries for i in _pairs(e.wrong, 1, counts)]
    term_anchors = [(t[i:i + 2], (i, t, allowed(t))) for t in sorted(terms, key=len, reverse=True)
                    for i in _term_anchors(t, counts)]
    words, near = _group(word_anchors), _group(term_anchors)
    by_word = _group((r.wrong[:2], r) for r in rules)
    anchored = {pair: (words.get(pair, ()), near.get(pair, ()), by_word.get(pair, ()))
                for pair in {*words, *near, *by_word}}
    anchors = set(anchored)
    firsts, seconds = _numbering({p[0] for p in anchors}), _numbering({p[1] for p in anchors})
    width = int(seconds.max()) + 1
    pairs = np.zeros((int(firsts.max()) + 1) * width, dtype=np.bool_)
    for pair in anchors:
        pairs[int(firsts[ord(pair[0]) - _LOW]) * width + int(seconds[ord(pair[1]) - _LOW])] = True
    return Index(firsts, seconds, width, pairs, anchored)


def _numbering(chars: set[str]) -> npt.NDArray[np.uint16]:
    table = np.zeros(_HIGH - _LOW + 1, dtype=np.uint16)
    for n, char in enumerate(sorted(chars), 1):
        table[ord(char) - _LOW] = n
    return table


@cache
def sounds(char: str) -> frozenset[str]:
    """The readings of a Chinese character without tone, zh/ch/sh folded into z/c/s."""
    if not "\u3400" <= char <= "\u9fff":
        return frozenset()
    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return frozenset(_FUZZY.sub(r"\1", r) for r in readings)


def homophones(a: str, b: str) -> bool:
    return bool(sounds(a) & sounds(b))


def differences(window: str, term: str, limit: int) -> tuple[int, ...] | None:
    """Positions where ``window`` differs from ``term``; None when more than ``limit``."""
    differ: list[int] = []
    for i, (a, b) in enumerate(zip(window, term, strict=True)):
        if a != b:
            differ.append(i)
            if len(differ) > limit:
                return None
    return tuple(differ)


def _near(window: str, start: int, term: str, limit: int, found: Found) -> None:
    differ = differences(window, term, limit)
    if differ and all(homophones(window[i], term[i]) for i in differ):
        found.near.append(NearMiss(start, term, differ))


def _word(key: str, start: int, entry: Entry) -> bool:
    if start < 0 or not key.startswith(entry.wrong, start):
        return False
    for longer in entry.not_in:
        at = longer.find(entry.wrong)
        while at != -1:
            if start >= at and key.startswith(longer, start - at):
                return False
            at = longer.find(entry.wrong, at + 1)
    return True


def _terms(key: str, at: int, terms: tuple[TermAt, ...], found: Found) -> int:
    """Compare the windows the anchor at ``at`` points to: the end of the (longest) formulation
    written correctly there, or else 0 after looking for near-misses."""
    for offset, term, _ in terms:
        start = at - offset
        if start >= 0 and key.startswith(term, start):
            found.exact.append((start, start + len(term)))
            return start + len(term)
    for offset, term, limit in terms:
        start = at - offset
        window = key[start:start + len(term)] if start >= 0 else ""
        if len(window) == len(term) and sum(map(ne, window, term)) <= limit:
            _near(window, start, term, limit, found)
    return 0


def scan(key: str, index: Index) -> Found:
    """Wrong words, near-misses and correct formulations of ``key`` (a near-miss or a
    formulation reached from two anchors is listed twice)."""
    found = Found([], [], [], [])
    anchors = index.anchors
    covered = 0  # the end of the last formulation written correctly
    for at in index.find(key):
        words, terms, rules = anchors[key[at:at + 2]]
        for offset, entry in words:
            if _word(key, at - offset, entry):
                found.words.append((at - offset, entry))
        if terms and at >= covered:  # inside a correct formulation, any window would overlap it
            covered = _terms(key, at, terms, found) or covered
        for rule in rules:
            context = rule.context(key, at) if key.startswith(rule.wrong, at) else None
            if context is not None:
                found.rules.append((at, rule, context))
    return found
