"""Paragraph variants of a batch clustered around centres (see :mod:`duizhao.batch`).

A *variant* is one distinct paragraph text with every place it occurs. Variants are taken most
frequent first: one that differs from an earlier one only in its figures maps onto it piece by
piece between the digits; any other is signed and aligned once with the centre sharing the most
LSH bands with it, joining that centre's cluster when their common passages cover half of it,
else becoming a centre itself (aligned also with near centres: the links).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat

import numpy as np

from duizhao.document import Document
from duizhao.similarity.align import BRIDGE, MatchText, common_passages, join_nearby
from duizhao.similarity.signature import U32, SignatureParams, clean, signatures
from duizhao.text.normal import normalize

MIN_INDEXED = 20  # characters of content a paragraph needs to be compared (as in the corpus)
ATTACH = 0.5  # a variant joins a centre's cluster when their shared passages cover this share of it
LINKS = 3  # near centres a new centre is aligned with
_DIGITS = re.compile(r"(\d+)")

Segment = tuple[int, int, int, int]  # this side's start, end; the other side's start, end


@dataclass
class Variant:
    text: str
    places: list[tuple[int, int]]  # (batch position, paragraph start) of every occurrence
    centre: int = -1
    to_centre: list[Segment] = field(default_factory=list)
    chars: int = 0
    counted: list[int] = field(default_factory=list)  # counted in text[:i]; [] when all count (see batch)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # relative to the paragraph
    docs: tuple[int, ...] = ()  # the batch positions of ``places``


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


def cluster(variants: list[Variant], docs: Sequence[Document], min_chars: int
             ) -> tuple[list[Variant], dict[int, dict[int, list[Segment]]]]:
    """Give every comparable variant its centre; the links between centres (both ways)."""
    leaders = _leaders(variants)
    keys = {k: _key(docs, variants[k]) for k, leader in enumerate(leaders) if leader == k}
    long_enough = {k: len(clean(key)) >= MIN_INDEXED for k, key in keys.items()}
    keep = [k for k, leader in enumerate(leaders) if long_enough[leader]]
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
        shared = Counter(chain.from_iterable(map(self.buckets.get, bands, repeat((), len(bands)))))
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
