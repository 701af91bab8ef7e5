"""The ledger's output formats, by name."""

from __future__ import annotations

from collections.abc import Callable

from duizhao.ledger.draft import Ledger
from duizhao.ledger.json import render_json
from duizhao.ledger.text import render_text
from duizhao.ledger.xlsx import render_xlsx

WRITERS: dict[str, Callable[[Ledger], bytes]] = {
    "xlsx": render_xlsx, "json": render_json, "text": render_text}
FORMATS = tuple(WRITERS)


def render(ledger: Ledger, fmt: str) -> bytes:
    return WRITERS[fmt](ledger)
