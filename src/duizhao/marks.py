"""Highlight marks: the text cut at every finding boundary, computed once for every renderer.

:func:`pieces` splits a text into plain and marked pieces (each marked piece lists the findings
covering it) with inserts between them: section anchors and zero-width markers (a finding with
``start == end``, e.g. a missing section). The HTML report and the web application's material
page render from the same pieces; this module knows nothing of HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from duizhao.checks.registry import Finding

RANK = {"error": 0, "warning": 1, "info": 2}  # the most severe first


@dataclass(frozen=True)
class Piece:
    """A stretch of the text, or an insert (``start == end``) placed before the character at ``start``.

    ``findings`` lists the findings covering a text piece, in the order they start (then by index);
    a zero-width marker lists its own finding; a plain piece and an anchor list none.
    """

    start: int
    end: int
    findings: tuple[int, ...] = ()
    zero_width: int | None = None  # a zero-width marker: the index of its finding
    anchor: str | None = None  # a section anchor: its id

    @property
    def marked(self) -> bool:
        return bool(self.findings) and self.zero_width is None and self.anchor is None


def span(finding: Finding, size: int) -> tuple[int, int]:
    """The finding's span clamped to ``[0, size]`` and ordered (an end before the start is swapped)."""
    start, end = sorted((min(max(finding.start, 0), size), min(max(finding.end, 0), size)))
    return start, end


def _inserts(spans: list[tuple[int, int]], anchors: Mapping[int, str], size: int) -> dict[int, list[Piece]]:
    """Anchors first (clamped into the text), then zero-width markers in finding order."""
    inserts: dict[int, list[Piece]] = {}
    for offset, anchor_id in anchors.items():
        at = min(max(offset, 0), size)
        inserts.setdefault(at, []).append(Piece(at, at, anchor=anchor_id))
    for k, (start, end) in enumerate(spans):
        if start == end:
            inserts.setdefault(start, []).append(Piece(start, end, (k,), zero_width=k))
    return inserts


def pieces(text_len: int, findings: Sequence[Finding],
           anchors: Mapping[int, str] | None = None) -> list[Piece]:
    """The text ``[0, text_len)`` cut at every finding boundary and insert, in document order."""
    size = max(text_len, 0)
    spans = [span(f, size) for f in findings]
    inserts = _inserts(spans, anchors or {}, size)
    opening: dict[int, list[int]] = {}
    for k, (start, end) in enumerate(spans):
        if start < end:
            opening.setdefault(start, []).append(k)
    cuts = sorted({0, size, *inserts, *(s for pair in spans for s in pair)})
    out: list[Piece] = []
    active: list[int] = []
    for a, b in zip(cuts, [*cuts[1:], size], strict=True):
        out += inserts.get(a, [])
        if a < b:
            active = [k for k in active if spans[k][1] > a] + opening.get(a, [])
            out.append(Piece(a, b, tuple(active)))
    return out


def worst(findings: Sequence[Finding], covering: Sequence[int]) -> str:
    """The most severe severity among the covering findings ("error" before "warning" before "info")."""
    return min((findings[k].severity for k in covering), key=RANK.__getitem__)


def copy_class(findings: Sequence[Finding], covering: Sequence[int]) -> str:
    """Copied text has its own colour: "c-copy" (from others or the author's old material), "c-quote"."""
    relations = {f.source.relation for k in covering if (f := findings[k]).source}
    return "c-copy" if relations & {"copy", "own"} else "c-quote" if relations else ""


def first_pieces(cut: Sequence[Piece], count: int | None = None) -> list[int | None]:
    """For each finding, the index of the piece to scroll to: the first marked piece it covers, or its
    zero-width marker; None for a finding no piece lists. ``count``: the number of findings
    (by default one more than the largest index the pieces list)."""
    if count is None:
        count = 1 + max((k for p in cut for k in p.findings), default=-1)
    first: list[int | None] = [None] * count
    for i, piece in enumerate(cut):
        for k in piece.findings:
            if k < count and first[k] is None:
                first[k] = i
    return first
