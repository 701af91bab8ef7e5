"""Recognised quotations in a material: text everyone may share word for word.

Two kinds, both found on the normalised key and returned as spans of the original text:

* a passage in quotation marks attributed to a source — ……指出：“……”, 《党章》规定：“……”;
* an official formulation (``duizhao/data/formulations.txt`` plus the user's own).

The copy checks report a passage made of quotations apart from copying, and the copy ratio
excluding quotations leaves their characters out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from duizhao.text.normal import Normalized, normalize

_SAYS = ("重要论述|重要讲话|深刻指出|明确指出|指出|强调|要求|提出|告诫|号召|指示|批示|论述|写道|讲到|谈到"
         "|规定|明确|所说|说过|曾说|讲过")
_ATTRIBUTED = re.compile(
    rf"(?:{_SAYS})(?:的那样|的|过)?[：，]?\s*(?P<quote>[“\"「『][^”\"」』\n]{{4,400}}[”\"」』])")

Span = tuple[int, int]


def _builtin() -> tuple[str, ...]:
    text = files("duizhao").joinpath("data/formulations.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=8)
def formulations_pattern(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One pattern for the built-in formulations and ``extra`` ones, longest first."""
    keys = {normalize(f).key.replace(" ", "") for f in _builtin() + extra}
    return re.compile("|".join(re.escape(k) for k in sorted(keys - {""}, key=len, reverse=True)))


def quotation_spans(key: Normalized, extra: tuple[str, ...] = ()) -> list[Span]:
    """Sorted, merged spans of the original text that are recognised quotations."""
    spans = [key.span(*m.span("quote")) for m in _ATTRIBUTED.finditer(key.key)]
    spans += [(s, e) for _, s, e in key.finditer(formulations_pattern(extra))]
    return merge(spans)


def merge(spans: list[Span]) -> list[Span]:
    """Overlapping or touching spans joined, in order."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def subtract(spans: list[Span], removed: list[Span]) -> list[Span]:
    """The parts of ``spans`` (merged) outside ``removed`` (merged)."""
    out: list[Span] = []
    for start, end in merge(spans):
        at = start
        for r_start, r_end in removed:
            if r_end <= at or r_start >= end:
                continue
            if r_start > at:
                out.append((at, r_start))
            at = max(at, r_end)
        if at < end:
            out.append((at, end))
    return out
