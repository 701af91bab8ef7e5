"""aspect-not-covered: every aspect the notice sets must be answered in the problems part.

An aspect counts as covered when most of its content bigrams (boilerplate such as
“在…方面”“带头”“坚持” cut out) appear in one problems heading or item judgement, or, for
long notice aspects restated in short, when most of an aspect heading's bigrams appear in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from duizhao.checks._terms import bigrams, containment, judgement, part_anchor, quote, runs
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.normal import normalize

_STOP = re.compile(r"方面|带头|坚持|深刻|问题|不断|切实|进一步|始终|着力|更加|真正|全面(?!从严)|"
                   r"[的和与及等在]")
_MIN_HEADING_TERMS = 3  # a heading this rich may stand for a longer notice aspect


@lru_cache(maxsize=256)
def aspect_terms(aspect: str) -> frozenset[str]:
    return frozenset(bigrams(runs(normalize(aspect).key, _STOP)))


def _candidates(doc: Document) -> list[tuple[set[str], bool]]:
    """Terms of each aspect heading (True) and item judgement (False) of the problems part."""
    found = [(bigrams(runs(judgement(doc, a), _STOP)), True) for a in doc.aspects("problems")]
    found += [(bigrams(runs(judgement(doc, p), _STOP)), False) for p in doc.points("problems")
              if p.role == "item"]
    return found


def covered(terms: frozenset[str], candidates: list[tuple[set[str], bool]], threshold: float) -> bool:
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
    candidates = _candidates(doc)
    threshold = ctx.settings.thresholds.min_aspect_overlap
    start, end = part_anchor(doc, "problems") if doc.sections_of("problems") else (doc.title.end,) * 2
    for aspect in ctx.aspects:
        terms = aspect_terms(aspect)
        if terms and not covered(terms, candidates, threshold):
            yield Hit(start, end, f"未对照通知要求的“{quote(aspect, 40)}”方面查摆问题",
                      f"在“存在的问题”中按通知的方面逐一对照，补写“{quote(aspect, 40)}”方面的具体问题；"
                      "可用“（一）在……方面”作小标题。")
