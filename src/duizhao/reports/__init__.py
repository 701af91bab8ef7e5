"""Report writers: text, json, html, xlsx. Each takes a :class:`~duizhao.review.Review`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from duizhao.review import Review

FORMATS = ("text", "json", "html", "xlsx")


def render(review: Review, fmt: str, *, color: bool = False) -> bytes:
    """The report as bytes, in one of :data:`FORMATS`."""
    from duizhao.reports import html, json, text, xlsx

    writers: dict[str, Callable[[Review], bytes]] = {
        "json": json.render, "html": html.render, "xlsx": xlsx.render,
    }
    if fmt == "text":
        return text.render(review, color=color)
    return writers[fmt](review)


def write(review: Review, fmt: str, path: Path) -> None:
    path.write_bytes(render(review, fmt))
