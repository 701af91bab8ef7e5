"""The full text of a version with its findings and the reviewers' comments marked.

The cutting is the core's (:func:`duizhao.marks.pieces`, the same as the HTML report's); this module
only writes the markup. Every piece of text carries ``data-start`` (its offset in ``Version.text``,
in characters) so the page's script can turn a selection into exact offsets; inserts that are not
text (a ▲ for a missing part, a section anchor) carry none. All text is escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from duizhao import marks
from duizhao.checks.registry import Finding

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Span:
    """A reviewer's comment as marked: its span and its text for the tooltip."""

    start: int
    end: int
    text: str


@dataclass
class Marked:
    html: SafeString
    finding_targets: list[str]  # per finding: the element id to scroll to ("" when none)
    comment_targets: list[str]


def _text(text: str) -> str:
    """Text escaped so that the page's DOM holds exactly these characters: the HTML parser would turn
    a carriage return into a line feed and drop a NUL, unless written as character references."""
    return escape(text).replace("\r", "&#13;").replace("\x00", "&#0;")


def _tip(findings: Sequence[Finding], covering: Sequence[int], comments: Sequence[Span],
         noted: Sequence[int]) -> str:
    parts = [f"[{SEVERITY.get(findings[k].severity, '')}] {findings[k].message}" for k in covering]
    parts += [f"[审核意见] {comments[c].text}" for c in noted]
    return escape("\n".join(parts))


def _mark(i: int, piece: marks.Piece, text: str, findings: Sequence[Finding],
          comments: Sequence[Span]) -> str:
    count = len(findings)
    covering = [k for k in piece.findings if k < count]
    noted = [k - count for k in piece.findings if k >= count]
    classes = []
    if covering:
        classes.append(f"s-{marks.worst(findings, covering)}")
        classes.append(marks.copy_class(findings, covering))
        classes.append("multi" if len(covering) > 1 else "")
    if noted:
        classes.append("cm")
    data = " ".join([*(f"f{k}" for k in covering), *(f"c{c}" for c in noted)])
    return (f'<mark id="p{i}" class="{" ".join(c for c in classes if c)}" data-start="{piece.start}" '
            f'data-f="{data}" title="{_tip(findings, covering, comments, noted)}">'
            f"{_text(text[piece.start:piece.end])}</mark>")


def _piece(i: int, piece: marks.Piece, text: str, findings: Sequence[Finding],
           comments: Sequence[Span]) -> str:
    if piece.anchor is not None:
        return f'<span class="anchor" id="{piece.anchor}"></span>'
    if piece.zero_width is not None:
        if piece.zero_width >= len(findings):
            return ""
        f = findings[piece.zero_width]
        return (f'<span class="zw s-{f.severity}" id="z{piece.zero_width}" data-zw="{piece.start}" '
                f'data-f="f{piece.zero_width}" title="{escape(f.message)}">▲</span>')
    if piece.marked:
        return _mark(i, piece, text, findings, comments)
    return f'<span data-start="{piece.start}">{_text(text[piece.start:piece.end])}</span>'


def _element(i: int, piece: marks.Piece) -> str:
    return f"z{piece.zero_width}" if piece.zero_width is not None else f"p{i}"


def marked(text: str, findings: Sequence[Finding], comments: Sequence[Span],
           anchors: dict[int, str] | None = None) -> Marked:
    """The text cut at every finding and comment boundary, as HTML, and where each one starts."""
    spans = [*findings, *(Finding("comment", "info", c.text, "", c.start, c.end) for c in comments)]
    cut = marks.pieces(len(text), spans, anchors)
    html = "".join(_piece(i, p, text, findings, comments) for i, p in enumerate(cut))
    first = marks.first_pieces(cut, len(spans))
    targets = ["" if i is None else _element(i, cut[i]) for i in first]
    return Marked(mark_safe(html), targets[:len(findings)], targets[len(findings):])
