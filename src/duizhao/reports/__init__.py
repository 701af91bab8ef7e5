"""Report writers: text, json, html, xlsx take a whole :class:`~duizhao.review.Review`;
docx writes one material back with the findings as Word comments (:func:`word`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from duizhao.review import Review, Reviewed

FORMATS = ("text", "json", "html", "xlsx", "docx")
PER_MATERIAL = ("docx",)  # formats written one file per material, not one report per batch


def render(review: Review, fmt: str, *, color: bool = False) -> bytes:
    """The report as bytes, in one of :data:`FORMATS` except those in :data:`PER_MATERIAL`."""
    from duizhao.reports import html, json, text, xlsx

    if fmt in PER_MATERIAL:
        raise ValueError(f"{fmt} is written per material: use duizhao.reports.word()")
    writers: dict[str, Callable[[Review], bytes]] = {
        "json": json.render, "html": html.render, "xlsx": xlsx.render,
    }
    if fmt == "text":
        return text.render(review, color=color)
    return writers[fmt](review)


def word(item: Reviewed, source: Path | None = None, when: datetime | None = None,
         extra: Sequence[tuple[int, int, list[str]]] = ()) -> bytes:
    """One readable material (``source``, by default its own path) as .docx with Word comments;
    ``extra``: further comments (span of the text, paragraphs), e.g. a reviewer's."""
    from duizhao.reports.word import render as render_word

    return render_word(item, source, when, extra)


def write(review: Review, fmt: str, path: Path) -> None:
    path.write_bytes(render(review, fmt))
