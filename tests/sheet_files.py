"""Real .xlsx files for the roster and opinion tests, built with openpyxl."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook


def xlsx(rows: Sequence[Sequence[Any]], *, start: int = 1, merges: Sequence[str] = (),
         sheets_before: int = 0) -> bytes:
    """A workbook whose sheet holds ``rows`` from row ``start``; ``merges`` are ranges like "A3:A5"
    (their cells other than the first are emptied, as Excel does)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for index in range(sheets_before):
        wb.create_sheet(f"说明{index}", 0)["A1"] = "填表说明：请勿修改表头"
    for r, values in enumerate(rows, start=start):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for ref in merges:
        ws.merge_cells(ref)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
