"""Copy ratios of a reviewed material, from the findings that carry a source.

The ratio is the share of the material's characters (whitespace not counted) inside copied
passages, as a thesis examiner's report gives it. Three more figures leave out what may be
shared: recognised quotations (passages attributed to a source, official formulations, and
corpus documents labelled 引用), the author's own earlier materials, and both — the last is
what the grade uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from duizhao.checks.helpers import quotations
from duizhao.checks.registry import Finding
from duizhao.document import Document, counted_chars
from duizhao.similarity.source import Relation, Source
from duizhao.text.quotation import Span, merge, subtract

COPY_CHECKS = ("copied-passage", "similar-to-colleague")  # identical text; a paraphrase is not counted


@dataclass(frozen=True)
class SourceShare:
    """One source document and the material's passages found in it with one relation (a document
    can give both copied passages and quotations: two shares)."""

    source: Source  # its first passage; ``title``, ``label``, ``relation`` … describe the share
    chars: int
    passages: tuple[tuple[Span, Span], ...]  # (span in the material, span in the source)


@dataclass(frozen=True)
class CopyStats:
    ratio: float
    ratio_excluding_quotations: float
    ratio_excluding_own: float
    ratio_excluding_both: float
    sources: tuple[SourceShare, ...]
    compared_with: tuple[str, ...]  # "corpus" and/or "batch"


def _count(text: str, spans: list[Span]) -> int:
    return counted_chars("".join([text[s:e] for s, e in merge(spans)]))


def _spans(findings: Sequence[Finding], left_out: tuple[Relation, ...]) -> list[Span]:
    return [(f.start, f.end) for f in _copies(findings) if f.source and f.source.relation not in left_out]


def _copies(findings: Sequence[Finding]) -> list[Finding]:
    return [f for f in findings if f.check in COPY_CHECKS and f.source is not None]


def _shares(text: str, findings: Sequence[Finding]) -> tuple[SourceShare, ...]:
    grouped: dict[object, list[tuple[Finding, Source]]] = {}  # by document and relation
    for f in _copies(findings):
        if f.source is not None:
            grouped.setdefault((f.source.identity, f.source.relation), []).append((f, f.source))
    shares = [SourceShare(group[0][1], _count(text, [(f.start, f.end) for f, _ in group]),
                          tuple(((f.start, f.end), (s.start, s.end)) for f, s in group))
              for group in grouped.values()]
    return tuple(sorted(shares, key=lambda share: -share.chars))


def copy_stats(doc: Document, findings: Sequence[Finding], compared_with: tuple[str, ...],
               formulations: tuple[str, ...] = ()) -> CopyStats:
    """The figures for one material; ``findings`` are all of its findings."""
    total = max(1, doc.chars())
    quoted = quotations(doc, formulations)

    counted: dict[tuple[Span, ...], float] = {}  # without own materials or quotations the spans repeat

    def share(spans: list[Span]) -> float:
        key = tuple(spans)
        if key not in counted:
            counted[key] = round(_count(doc.text, spans) / total, 4)
        return counted[key]

    return CopyStats(
        share(_spans(findings, ())),
        share(subtract(_spans(findings, ("quotation",)), quoted)),
        share(_spans(findings, ("own",))),
        share(subtract(_spans(findings, ("quotation", "own")), quoted)),
        _shares(doc.text, findings), compared_with)
