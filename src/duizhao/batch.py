"""The batch compared once: which passages of each material other materials of the batch share.

Colleagues who start from one template have the same paragraphs with small edits, so the work
is done per distinct paragraph, not per pair of materials:

1. Every comparable paragraph (long enough to sign; not the title line or a closing line asking
   for criticism) is a *variant*, keyed by its exact text: a paragraph fifty colleagues kept as it
   was is one variant with fifty occurrences, signed and aligned once.
2. Variants are clustered around *centres*, most frequent first: each variant is aligned (exact
   alignment, :func:`~duizhao.similarity.align.common_passages`) with the centre that shares the
   most LSH bands with it; covering at least half of it, it joins that centre's cluster, else it
   becomes a centre itself, aligned with up to ``LINKS`` near centres (a paragraph made of two).
3. Within a cluster two variants share what both share with the centre. For each variant that
   gives its shared passages and, for each passage, the materials containing it, closest first.

One alignment per variant: the cost grows with the number of distinct paragraphs, not with the
square of a group's size. :func:`compare` is memoised on the first document, so the check and
the review's batch section use one comparison.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from duizhao.document import Document
from duizhao.similarity import SignatureParams, signatures
from duizhao.similarity.align import BRIDGE, MatchText, common_passages, join_nearby
from duizhao.similarity.signature import U32, clean
from duizhao.text.normal import normalize
from duizhao.text.quotation import quotation_spans

if TYPE_CHECKING:  # the checks package imports this module
    from duizhao.checks.registry import ReviewContext

CLOSING_CHARS = 60  # a closing line asking for criticism is no longer (as in checks.helpers)
MIN_INDEXED = 20  # characters of content a paragraph needs to be compared (as in the corpus)
ATTACH = 0.5  # a variant joins a centre's cluster when their shared passages cover this share of it
LINKS = 3  # near centres a new centre is aligned with
DENSE = 2000  # up to this many materials, pair characters are summed in an array of size² counters
_LINE = re.compile(r"[^\n]+")
_CLOSING = re.compile(r"批评指正|批评帮助|帮助指正|斧正")
_WHITESPACE = re.compile("[ \t\r\n\u3000\xa0]")  # not counted (as in ``Document.chars``)
_DIGITS = re.compile(r"(\d+)")

Segment = tuple[int, int, int, int]  # this side's start, end; the other side's start, end


class Shared(NamedTuple):
    """A passage of one material that other materials of the batch also contain."""

    start: int
    end: int
    chars: int  # characters, whitespace and recognised quotations not counted
    quoted: bool  # made of quotations: shared legitimately
    colleagues: tuple[int, ...]  # the other materials (batch positions), closest first
    source: tuple[int, int, int]  # the closest one: (position, start, end of the same text there)


@dataclass
class Variant:
    text: str
    places: list[tuple[int, int]]  # (batch position, paragraph start) of every occurrence
    centre: int = -1
    to_centre: list[Segment] = field(default_factory=list)
    chars: int = 0
    quotes: list[tuple[int, int]] = field(default_factory=list)  # relative to the paragraph
    docs: tuple[int, ...] = ()  # the batch positions of ``places``


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


def _band_matrix(sigs: U32, params: SignatureParams) -> np.ndarray:
    """Band keys of many signatures at once (the formula of :func:`~duizhao.similarity.band_keys`)."""
    rows = sigs[:, :params.bands * params.rows].reshape(len(sigs), params.bands, params.rows)
    h = np.broadcast_to(np.arange(1, params.bands + 1, dtype=np.uint64), rows.shape[:2]).copy()
    poly, shift = np.uint64(0x9E3779B97F4A7C15), np.uint64(33)
    for r in range(params.rows):
        h = h * poly + rows[:, :, r].astype(np.uint64)
    for mult in (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)):
        h ^= h >> shift
        h *= mult
    h ^= h >> shift
    return h


def _segments(centre: MatchText, variant: MatchText, min_chars: int) -> list[Segment]:
    passages = join_nearby(common_passages(centre, variant, min_chars), BRIDGE)
    return [(p.b_start, p.b_end, p.a_start, p.a_end) for p in passages]


def _figure_segments(text: str, leader: str, min_chars: int) -> list[Segment]:
    """How ``text`` maps onto ``leader`` when the two differ only in their figures (a colleague's own
    numbers): the equal pieces between digit runs, joined across short differences."""
    segs: list[Segment] = []
    a = b = 0
    pieces, theirs = _DIGITS.split(text), _DIGITS.split(leader)
    if len(pieces) != len(theirs):
        return []
    for x, y in zip(pieces, theirs, strict=True):
        if x == y and x:
            if segs and a - segs[-1][1] <= BRIDGE and b - segs[-1][3] <= BRIDGE:
                segs[-1] = (segs[-1][0], a + len(x), segs[-1][2], b + len(y))
            else:
                segs.append((a, a + len(x), b, b + len(y)))
        a, b = a + len(x), b + len(y)
    return [seg for seg in segs if seg[1] - seg[0] >= min_chars]


def _compose(x_to_l: list[Segment], l_to_c: list[Segment], min_chars: int) -> list[Segment]:
    """Segments x ↔ c from segments x ↔ l and l ↔ c (offsets carried over linearly)."""
    out = []
    for x0, x1, l0, l1 in x_to_l:
        for m0, m1, c0, c1 in l_to_c:
            lo, hi = max(l0, m0), min(l1, m1)
            if hi - lo >= min_chars:
                out.append((x0 + lo - l0, min(x1, x0 + hi - l0), c0 + lo - m0, min(c1, c0 + hi - m0)))
    return sorted(out)


def _leaders(variants: list[Variant]) -> list[int]:
    """For each variant, the first variant before it that differs from it only in figures (or -1)."""
    first: dict[str, int] = {}
    return [first.setdefault(_DIGITS.sub("\x00", v.text), k) if _DIGITS.search(v.text) else k
            for k, v in enumerate(variants)]


def _key(docs: Sequence[Document], v: Variant) -> str:
    d, start = v.places[0]
    return docs[d].key.slice(start, start + len(v.text))


def _cluster(variants: list[Variant], docs: Sequence[Document], min_chars: int
             ) -> tuple[list[Variant], dict[int, dict[int, list[Segment]]]]:
    """Give every comparable variant its centre; the links between centres (both ways)."""
    leaders = _leaders(variants)
    keys = {k: _key(docs, variants[k]) for k, leader in enumerate(leaders) if leader == k}
    keep = [k for k, leader in enumerate(leaders) if len(clean(keys[leader])) >= MIN_INDEXED]
    variants, renumber = [variants[k] for k in keep], {old: new for new, old in enumerate(keep)}
    leaders = [renumber[leaders[k]] for k in keep]  # a figures-only variant has its leader's length
    signed = [k for k, leader in enumerate(leaders) if leader == k]
    keys = {renumber[k]: key for k, key in keys.items() if k in renumber}
    params = SignatureParams()
    rows = _band_matrix(signatures([keys[k] for k in signed], params), params).tolist()
    bands = dict(zip(signed, rows, strict=True))
    index = _Centres(variants, min_chars)
    for k, variant in enumerate(variants):
        leader = variants[leaders[k]]
        if leaders[k] != k:
            segs = _compose(_figure_segments(variant.text, leader.text, min_chars), leader.to_centre,
                            min_chars)
            if sum(seg[1] - seg[0] for seg in segs) >= ATTACH * len(variant.text):
                variant.centre, variant.to_centre = leader.centre, segs
                continue
        index.place(k, bands.get(k, []))
    return variants, index.links


class _Centres:
    """The centres found so far, by LSH band; places a variant in a cluster or makes it a centre."""

    def __init__(self, variants: list[Variant], min_chars: int) -> None:
        self.variants, self.min_chars = variants, min_chars
        self.buckets: dict[int, list[int]] = {}
        self.texts: dict[int, MatchText] = {}
        self.links: dict[int, dict[int, list[Segment]]] = {}

    def match(self, k: int) -> MatchText:
        if k not in self.texts:
            self.texts[k] = MatchText(normalize(self.variants[k].text))
        return self.texts[k]

    def place(self, k: int, bands: list[int]) -> None:
        variant = self.variants[k]
        shared = Counter([c for key in bands for c in self.buckets.get(key, ())])
        ranked = shared.most_common(LINKS)  # the best, and others sharing two bands or more
        near = [c for i, (c, bands_shared) in enumerate(ranked) if i == 0 or bands_shared >= 2]
        found = _segments(self.match(near[0]), self.match(k), self.min_chars) if near else []
        if near and sum(seg[1] - seg[0] for seg in found) >= ATTACH * len(variant.text):
            variant.centre, variant.to_centre = near[0], found
            return
        variant.centre, variant.to_centre = k, [(0, len(variant.text), 0, len(variant.text))]
        for c in near:
            segs = found if c == near[0] else _segments(self.match(c), self.match(k), self.min_chars)
            if segs:
                self.links.setdefault(k, {})[c] = segs
                self.links.setdefault(c, {})[k] = [(c0, c1, x0, x1) for x0, x1, c0, c1 in segs]
        for key in set(bands):
            self.buckets.setdefault(key, []).append(k)


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
        v.chars = _chars(v, 0, len(v.text))
        v.docs = tuple(d for d, _ in v.places)


def _chars(v: Variant, start: int, end: int) -> int:
    """Characters of ``v.text[start:end]``, whitespace and quotations not counted."""
    spans = _outside(v.quotes, start, end) if v.quotes else [(start, end)]
    return sum(e - s - len(_WHITESPACE.findall(v.text, s, e)) for s, e in spans)


def _outside(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    out, at = [], start
    for s, e in sorted(spans):
        if s > at:
            out.append((at, min(s, end)))
        at = max(at, e)
    if at < end:
        out.append((at, end))
    return [(s, e) for s, e in out if e > s]


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


def _overlaps(k: int, v: Variant, entries: list[Entry], variants: list[Variant],
              min_chars: int) -> list[Overlap]:
    found = []
    for x0, x1, c0, c1 in v.to_centre:
        for e0, e1, y, y0, y1 in entries:
            lo, hi = max(c0, e0), min(c1, e1)
            if hi - lo < min_chars or (y == k and not len(v.places) > 1):
                continue
            a0, a1 = x0 + lo - c0, min(x1, x0 + hi - c0)
            b0, b1 = y0 + lo - e0, min(y1, y0 + hi - e0)
            if a1 - a0 >= min_chars and b1 > b0:
                found.append((a0, a1, y, b0, b1, _chars(v, a0, a1)))
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


def _places(ordered: list[Overlap], variants: list[Variant]) -> list[tuple[int, int, int]]:
    """Every place holding the passage: (batch position, start, end), closest first."""
    return [(d, start + b0, start + b1) for _, _, y, b0, b1, _ in ordered for d, start in variants[y].places]


def _source(ordered: list[Overlap], variants: list[Variant], d: int) -> tuple[int, int, int]:
    """The closest place outside material ``d``."""
    for _, _, y, b0, b1, _ in ordered:
        for other, start in variants[y].places:
            if other != d:
                return other, start + b0, start + b1
    raise ValueError("no place outside the material")


def compare(docs: Sequence[Document], ctx: ReviewContext) -> Comparison:
    """The comparison of a batch (memoised on the first document for these documents)."""
    memo_key = ("batch-comparison", tuple(map(id, docs)), ctx.settings.thresholds.min_copy_chars,
                ctx.settings.extra_words("formulations"))
    if not docs:
        return Comparison((), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), ())
    if memo_key not in docs[0].memo:
        docs[0].memo[memo_key] = _compare(docs, ctx)
    return docs[0].memo[memo_key]  # type: ignore[return-value]


def _without(order: tuple[int, ...], d: int) -> tuple[int, ...]:
    if d not in order:
        return order
    i = order.index(d)
    return order[:i] + order[i + 1:]


def _compare(docs: Sequence[Document], ctx: ReviewContext) -> Comparison:
    min_chars = ctx.settings.thresholds.min_copy_chars
    variants, links = _cluster(_variants(docs), docs, min_chars)
    _measure(variants, docs, ctx)
    table = _entries(variants, links)
    shared: list[list[Shared]] = [[] for _ in docs]
    pairs = _PairChars(variants, len(docs))
    common: list[Common] = []
    for k, v in enumerate(variants):
        for passage in _passages(_overlaps(k, v, table.get(v.centre, []), variants, min_chars)):
            ordered = _ordered(passage, k)
            start, end = passage[0], passage[1]
            chars = _chars(v, start, end)
            quoted = chars < min_chars
            order = tuple(dict.fromkeys(chain.from_iterable(variants[o[2]].docs for o in ordered)))
            for d, at in v.places:
                colleagues = _without(order, d)
                if colleagues:
                    shared[d].append(Shared(at + start, at + end, chars, quoted, colleagues,
                                            _source(ordered, variants, d)))
            if not quoted:
                pairs.add(passage, k)
                if v.centre == k:
                    own = [(d, at + start, at + end) for d, at in v.places]
                    common.append(Common(v.text[start:end], tuple(own + _places(ordered, variants))))
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
