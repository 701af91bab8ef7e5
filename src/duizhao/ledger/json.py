"""The ledger as JSON (documented in docs/ledger.md): its title, the columns (key and header),
one object per row keyed by the columns' keys plus ``confidence``, and the materials read."""

from __future__ import annotations

import json
from dataclasses import asdict

from duizhao.ledger.draft import Ledger
from duizhao.ledger.rows import COLUMNS

FORMAT_VERSION = 1


def ledger_dict(ledger: Ledger) -> dict[str, object]:
    return {
        "format": "duizhao-ledger",
        "version": FORMAT_VERSION,
        "title": ledger.title,
        "columns": [{"key": key, "header": header} for key, header in COLUMNS],
        "rows": [asdict(row) for row in ledger.rows],
        "materials": [asdict(m) for m in ledger.materials],
    }


def render_json(ledger: Ledger) -> bytes:
    return (json.dumps(ledger_dict(ledger), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
