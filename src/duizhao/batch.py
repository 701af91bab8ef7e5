"""The batch compared once: which passages of each material other materials of the batch share.

Colleagues who start from one template have the same paragraphs with small edits, so the work
is done per distinct paragraph, not per pair of materials:

1. Every comparable paragraph (long enough to sign; not the title line or a closing line asking
   for criticism) is a *variant*, keyed by its exact text: a paragraph fifty colleagues kept as it
   was is one variant with fifty occurrences, signed and aligned once.
2. Variants are clustered around *centres* (:mod:`duizhao.similarity.variants`), most frequent
   first: a variant differing from an earlier one only in its figures maps onto it between the
   digits; any other is aligned (exact alignment) once with the centre sharing the most LSH bands
   with it, joining that centre's cluster when that covers half of it, else becoming a centre.
3. Within a cluster two variants share what both share with the centre. For each variant that
   gives its shared passages and, for each passage, the materials containing it, closest first.

One alignment per variant: the cost grows with the number of distinct paragraphs, not with the
square of a group's size. :func:`compare` is memoised on the first document, so the check and
the review's batch section use one comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from duizhao.document import WHITESPACE, Document, counted_chars
from duizhao.similarity.align import BRIDGE
from duizhao.similarity.variants import MIN_INDEXED, Segment, Variant, cluster
from duizhao.text.quotation import quotation_spans

if TYPE_CHECKING:  # the checks package imports this module
    from duizhao.checks.registry import ReviewContext

CLOSING_CHARS = 60  # a closing line asking for criticism is no longer (as in checks.helpers)
DENSE = 2000  # up to this many materials, pair characters are summed in an array of size² counters
_LINE = re.compile(r"[^\n]+")
_CLOSING = re.compile(r"批评指正|批评帮助|帮助指正|斧正")



class Shared(NamedTuple):
    """A passage of one material that other materials of the batch also contain."""

    start: int
    end: int
    chars: int  # characters, whitespace and recognised quotations not counted
    quoted: bool  # made of quotations: shared legitimately
    colleagues: tuple[int, ...]  # the other materials (batch positions), closest first
    source: tuple[int, int, int]  # the closest one: (position, start, end of the same text there)
    length: int = 0  # characters, whitespace not counted (``Document.chars`` of the span)


@dataclass(frozen=True)
class Comparison:
    """The shared passages of every material, and the characters each pair shares."""

    shared: tuple[tuple[Shared, ...], ...]  # by batch position
    pair_keys: npt.NDArray[np.int64]  # a * len(shared) + b for each pair (a, b) sharing text
    pair_chars: npt.NDArray[np.int64]  # characters of a shared with b (quotations not counted)
    common: tuple[Common, ...]  # the passages of cluster centres, with every place holding them

    def linked(self, min_chars: int) -> list[tuple[int, int]]:
        """Pairs (a < b) sharing at least ``min_chars`` characters each way."""
        size = len(self.shared)
        strong = set(self.pair_keys[self.pair_chars >= min_chars].tolist())
        return [(key // size, key % size) for key in sorted(strong)
                if key // size < key % size and (key % size) * size + key // size in strong]

    def chars_within(self, group_of: Sequence[int]) -> dict[tuple[int, int], int]:
        """The characters each pair shares, for the pairs inside one group (``group_of``: -1 for none)."""
        size = len(self.shared)
        groups = np.asarray(group_of, dtype=np.int64)
        a, b = self.pair_keys // size, self.pair_keys % size
        inside = (groups[a] == groups[b]) & (groups[a] >= 0)
        return {(x, y): c for x, y, c in zip(a[inside].tolist(), b[inside].tolist(),
                                              self.pair_chars[inside].tolist(), strict=True)}


@dataclass(frozen=True)
class Common:
    """A passage of a centre paragraph and where the batch holds it (quotations left out)."""

    text: str
    places: tuple[tuple[int, int, int], ...]  # (batch position, start, end)


def _paragraphs(doc: Document) -> list[tuple[int, int]]:
    title = doc.title.start if doc.title.text else None
    out = []
    for m in _LINE.finditer(doc.text):
        line = m.group()
        stripped = line.strip()
        start = m.start() + len(line) - len(line.lstrip())
        if len(stripped) < MIN_INDEXED or start == title:
            continue
        if len(stripped) <= CLOSING_CHARS and _CLOSING.search(stripped):
            continue
        out.append((start, start + len(stripped)))
    return out


def _variants(docs: Sequence[Document]) -> list[Variant]:
    by_text: dict[str, Variant] = {}
    for d, doc in enumerate(docs):
        for start, end in _paragraphs(doc):
            text = doc.text[start:end]
            found = by_text.get(text)
            if found is None:
                by_text[text] = found = Variant(text, [])
            found.places.append((d, start))
    ordered = sorted(by_text.values(), key=lambda v: -len(v.places))  # stable: batch order
    return ordered


def quotations(doc: Document, formulations: tuple[str, ...]) -> list[tuple[int, int]]:
    """The recognised quotations of ``doc``, memoised under the key ``checks.helpers`` uses."""
    memo_key = ("quotations", formulations)
    if memo_key not in doc.memo:
        doc.memo[memo_key] = quotation_spans(doc.key, formulations)
    return doc.memo[memo_key]  # type: ignore[return-value]


def _measure(variants: list[Variant], docs: Sequence[Document], ctx: ReviewContext) -> None:
    formulations = ctx.settings.extra_words("formulations")
    for v in variants:
        d, start = v.places[0]
        end = start + len(v.text)
        v.quotes = [(max(s, start) - start, min(e, end) - start)
                    for s, e in quotations(docs[d], formulations) if s < end and e > start]
        if v.quotes or any(map(v.text.__contains__, WHITESPACE)):
            v.counted = _counted(v.text, v.quotes)
        v.chars = _chars(v, 0, len(v.text))
        v.docs = tuple(d for d, _ in v.places)


def _counted(text: str, quotes: list[tuple[int, int]]) -> list[int]:
    """How many characters of ``text[:i]`` count, for every i: whitespace and quotations do not."""
    flags = [c not in WHITESPACE for c in text]
    for s, e in quotes:
        flags[s:e] = [False] * (e - s)
    return [0, *accumulate(flags)]


def _chars(v: Variant, start: int, end: int) -> int:
    """Characters of ``v.text[start:end]``, whitespace and quotations not counted."""
    return v.counted[end] - v.counted[start] if v.counted else end - start


Entry = tuple[int, int, int, int, int]  # centre start, end; variant; its start, end


def _entries(variants: list[Variant], links: dict[int, dict[int, list[Segment]]]
             ) -> dict[int, list[Entry]]:
    """Per centre, what covers it: its members' segments, and the linked centres' segments."""
    table: dict[int, list[Entry]] = {}
    for k, v in enumerate(variants):
        table.setdefault(v.centre, []).extend((c0, c1, k, x0, x1) for x0, x1, c0, c1 in v.to_centre)
    for c, linked in links.items():
        table.setdefault(c, []).extend((c0, c1, d, d0, d1) for d, segs in linked.items()
                                       for c0, c1, d0, d1 in segs)
    return table


Overlap = tuple[int, int, int, int, int, int]  # variant start, end; other variant; its start, end; chars


def _overlaps(k: int, v: Variant, entries: list[Entry], min_chars: int) -> list[Overlap]:
    """Where the other variants (and v's own other places) cover v through the centre."""
    found = []
    itself = k if len(v.places) == 1 else -1  # a paragraph held once shares nothing with itself
    counted = v.counted
    for x0, x1, c0, c1 in v.to_centre:
        for e0, e1, y, y0, y1 in entries:
            lo = c0 if c0 > e0 else e0
            hi = c1 if c1 < e1 else e1
            if hi - lo < min_chars or y == itself:
                continue
            a0, a1, b0, b1 = x0 + lo - c0, x0 + hi - c0, y0 + lo - e0, y0 + hi - e0
            a1, b1 = a1 if a1 < x1 else x1, b1 if b1 < y1 else y1
            if a1 - a0 >= min_chars and b1 > b0:
                found.append((a0, a1, y, b0, b1, counted[a1] - counted[a0] if counted else a1 - a0))
    return found


Passage = tuple[int, int, list[Overlap]]


def _passages(overlaps: list[Overlap]) -> list[Passage]:
    """Overlapping or nearby overlaps joined into passages of the variant."""
    joined: list[Passage] = []
    for o in sorted(overlaps):
        if joined and o[0] <= joined[-1][1] + BRIDGE:
            start, end, inside = joined[-1]
            inside.append(o)
            joined[-1] = (start, max(end, o[1]), inside)
        else:
            joined.append((o[0], o[1], [o]))
    return joined


def _ordered(passage: Passage, k: int) -> list[Overlap]:
    """The passage's overlaps, closest first: the same paragraph elsewhere, then by length."""
    return sorted(passage[2], key=lambda o: (o[2] != k, -o[5], o[2]))


Place = tuple[int, int, int]  # batch position, start, end


def _each_place(ordered: list[Overlap], variants: list[Variant]) -> Iterator[Place]:
    """Every place holding the passage: (batch position, start, end), closest first."""
    return ((d, start + b0, start + b1) for _, _, y, b0, b1, _ in ordered for d, start in variants[y].places)


def _sources(ordered: list[Overlap], variants: list[Variant]) -> tuple[Place, Place | None]:
    """The closest place holding the passage, and the closest in another material: a material's
    source is the first unless the first is in that material."""
    places = _each_place(ordered, variants)
    first = next(places)
    return first, next((p for p in places if p[0] != first[0]), None)


def compare(docs: Sequence[Document], ctx: ReviewContext) -> Comparison:
    """The comparison of a batch (memoised on the first document for these documents)."""
    memo_key = ("batch-comparison", tuple(map(id, docs)), ctx.settings.thresholds.min_copy_chars,
                ctx.settings.extra_words("formulations"))
    if not docs:
        return Comparison((), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), ())
    if memo_key not in docs[0].memo:
        docs[0].memo[memo_key] = _compare(docs, ctx)
    return docs[0].memo[memo_key]  # type: ignore[return-value]


def _without(order: tuple[int, ...], position: dict[int, int] | None, d: int) -> tuple[int, ...]:
    """The colleagues of material ``d`` (``position``: where each is in ``order``, for a paragraph
    held several times; a paragraph held once is searched)."""
    if position is not None:
        found = position.get(d)
        return order if found is None else order[:found] + order[found + 1:]
    if d not in order:
        return order
    i = order.index(d)
    return order[:i] + order[i + 1:]


def _compare(docs: Sequence[Document], ctx: ReviewContext) -> Comparison:
    min_chars = ctx.settings.thresholds.min_copy_chars
    variants, links = cluster(_variants(docs), docs, min_chars)
    _measure(variants, docs, ctx)
    table = _entries(variants, links)
    shared: list[list[Shared]] = [[] for _ in docs]
    pairs = _PairChars(variants, len(docs))
    common: list[Common] = []
    for k, v in enumerate(variants):
        for passage in _passages(_overlaps(k, v, table.get(v.centre, []), min_chars)):
            ordered = _ordered(passage, k)
            start, end = passage[0], passage[1]
            chars = _chars(v, start, end)
            quoted = chars < min_chars
            order = tuple(dict.fromkeys(chain.from_iterable(variants[o[2]].docs for o in ordered)))
            length = counted_chars(v.text[start:end])
            position = {d: i for i, d in enumerate(order)} if len(v.places) > 1 else None
            first, second = _sources(ordered, variants)
            for d, at in v.places:
                colleagues = _without(order, position, d)
                if colleagues:
                    source = first if first[0] != d else second
                    assert source is not None  # a colleague holds the passage
                    shared[d].append(Shared(at + start, at + end, chars, quoted, colleagues, source, length))
            if not quoted:
                pairs.add(passage, k)
                if v.centre == k:
                    own = [(d, at + start, at + end) for d, at in v.places]
                    common.append(Common(v.text[start:end], (*own, *_each_place(ordered, variants))))
    return Comparison(tuple(tuple(s) for s in shared), *pairs.total(), tuple(common))


class _PairChars:
    """Characters shared per pair of materials: (variant, other variant, characters) triples,
    expanded to every pair of their occurrences with numpy at the end."""

    def __init__(self, variants: list[Variant], size: int) -> None:
        self.size = size
        counts = np.array([len(v.places) for v in variants], dtype=np.int64)
        self.starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if len(counts) else counts
        self.counts = counts
        self.docs = np.array([d for v in variants for d, _ in v.places], dtype=np.int64)
        self.triples: list[tuple[int, int, int]] = []

    def add(self, passage: Passage, k: int) -> None:
        shared: dict[int, int] = {}  # other variant → characters of this passage it shares
        for o in passage[2]:
            shared[o[2]] = shared.get(o[2], 0) + o[5]
        self.triples += [(k, y, chars) for y, chars in shared.items()]

    def total(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Pair keys (a * size + b) and the characters of a shared with b."""
        if not self.triples:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        x, y, w = (np.array(column, dtype=np.int64) for column in zip(*self.triples, strict=True))
        na, nb = self.counts[x], self.counts[y]
        sizes = na * nb
        t = np.repeat(np.arange(len(x)), sizes)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        da = self.docs[self.starts[x[t]] + within // nb[t]]
        db = self.docs[self.starts[y[t]] + within % nb[t]]
        apart = da != db
        keys, weights = da[apart] * self.size + db[apart], w[t][apart]
        if self.size <= DENSE:  # a counter per pair: faster than sorting the keys
            sums = np.bincount(keys, weights=weights, minlength=self.size * self.size).astype(np.int64)
            found = np.flatnonzero(sums)
            return found.astype(np.int64), sums[found]
        unique, inverse = np.unique(keys, return_inverse=True)
        return unique, np.bincount(inverse, weights=weights).astype(np.int64)
