"""aspect-not-covered: every aspect the notice sets must be answered in the problems part.

An aspect counts as covered when most of its content bigrams (boilerplate such as
“在…方面”“带头”“坚持” cut out) appear in one problems heading or item judgement, or, for
long notice aspects restated in short, when most of an aspect heading's bigrams appear in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from duizhao.checks._terms import (
    bigrams,
    containment,
    judgement,
    part_anchor,
    quote,
    runs,
    stop_words,
)
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.normal import normalize

_STOP = stop_words(r"方面|带头|坚持|深刻|问题|不断|切实|进一步|始终|着力|更加|真正|全面(?!从严)|"
                   r"[的和与及等在]")
_MIN_HEADING_TERMS = 3  # a heading this rich may stand for a longer notice aspect


@lru_cache(maxsize=256)
def aspect_terms(aspect: str) -> frozenset[str]:
    return frozenset(bigrams(runs(normalize(aspect).key, _STOP)))


class _Candidates:
    """Terms of the problems part's aspect headings (True), then item judgements (False).

    Computed as the search reaches them: most notice aspects are matched by a heading,
    so the items' terms are seldom needed.
    """

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._nodes = [(a, True) for a in doc.aspects("problems")]
        self._nodes += [(p, False) for p in doc.points("problems") if p.role == "item"]
        self._terms: list[set[str]] = []

    def __iter__(self) -> Iterator[tuple[set[str], bool]]:
        for i, (node, is_heading) in enumerate(self._nodes):
            if i == len(self._terms):
                self._terms.append(bigrams(runs(judgement(self._doc, node), _STOP)))
            yield self._terms[i], is_heading


def covered(terms: frozenset[str], candidates: Iterable[tuple[set[str], bool]], threshold: float) -> bool:
    wanted = set(terms)
    for found, is_heading in candidates:
        if containment(wanted, found) >= threshold:
            return True
        if is_heading and len(found) >= _MIN_HEADING_TERMS and containment(found, wanted) >= threshold:
            return True
    return False


@register("aspect-not-covered", "error", "通知要求的方面未对照查摆")
def uncovered_aspects(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    if not ctx.aspects:
        return
    candidates = _Candidates(doc)
    threshold = ctx.settings.thresholds.min_aspect_overlap
    start, end = part_anchor(doc, "problems") if doc.sections_of("problems") else (doc.title.end,) * 2
    for aspect in ctx.aspects:
        terms = aspect_terms(aspect)
        if terms and not covered(terms, candidates, threshold):
            yield Hit(start, end, f"未对照通知要求的“{quote(aspect, 40)}”方面查摆问题",
                      f"在“存在的问题”中按通知的方面逐一对照，补写“{quote(aspect, 40)}”方面的具体问题；"
                      "可用“（一）在……方面”作小标题。")
