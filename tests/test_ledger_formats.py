"""The ledger written out: the xlsx reopened with openpyxl, the JSON shape, the text."""

from __future__ import annotations

import json
from datetime import date, datetime
from importlib import resources
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from duizhao.ledger import COLUMNS, STATUSES, DraftOptions, Ledger, draft_paths, draft_text, render

SAMPLES = Path(str(resources.files("duizhao") / "samples"))


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    paths = [SAMPLES / "01_clean_personal.txt", SAMPLES / "03_team.txt", SAMPLES / "没有这个文件.txt"]
    return draft_paths(paths, DraftOptions(today=date(2026, 12, 2)))


def test_rows_are_numbered_through_the_materials(ledger: Ledger) -> None:
    assert [r.index for r in ledger.rows] == list(range(1, 30))
    assert {r.material for r in ledger.rows} == {"01_clean_personal.txt", "03_team.txt"}
    assert [m.error is not None for m in ledger.materials] == [False, False, True]
    assert ledger.title == "青川县石门乡党委2025年度民主生活会整改台账"


def test_xlsx_is_a_real_ledger(ledger: Ledger) -> None:
    wb = load_workbook(BytesIO(render(ledger, "xlsx")))
    ws = wb["整改台账"]
    assert ws["A1"].value == ledger.title and "A1:R1" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == [h for _, h in COLUMNS]
    assert ws.freeze_panes == "A3"
    assert ws.max_row == 2 + len(ledger.rows)
    first = [c.value for c in ws[3]]
    assert first[0] == 1 and first[1] == "自我查摆" and first[15] == "未开始"
    assert isinstance(first[8], datetime) and first[8].date() == date(2026, 6, 30)
    assert all(c.alignment.wrap_text for c in ws[3])
    assert ws.column_dimensions["D"].width >= 40  # 问题表现
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert str(validation.sqref).startswith("P3:P")
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"
    materials = wb["材料"]
    assert materials.max_row == 4 and materials["F4"].value


def test_xlsx_rows_are_as_tall_as_their_wrapped_text(ledger: Ledger) -> None:
    """Neither Excel nor LibreOffice sizes rows on opening, so the file gives each row a height."""
    ws = load_workbook(BytesIO(render(ledger, "xlsx")))["整改台账"]
    first = ws.row_dimensions[3].height
    problem = str(ws["D3"].value)
    assert len(problem) > 100 and first is not None
    assert first >= 15 * (len(problem) * 2 // 48)  # 问题表现 is 48 units wide, a character takes 2
    assert all((ws.row_dimensions[r].height or 0) >= 15 for r in range(3, ws.max_row + 1))


def test_xlsx_never_stores_a_formula() -> None:
    text = (SAMPLES / "01_clean_personal.txt").read_text(encoding="utf-8")
    material, rows = draft_text(text, DraftOptions(today=date(2026, 12, 2), owner="=SUM(A1:A2)"))
    wb = load_workbook(BytesIO(render(Ledger("台账", rows, [material]), "xlsx")))
    cell = wb["整改台账"]["G3"]
    assert cell.value == "=SUM(A1:A2)" and cell.data_type == "s"


def test_json_shape(ledger: Ledger) -> None:
    data = json.loads(render(ledger, "json"))
    assert data["format"] == "duizhao-ledger" and data["version"] == 1
    assert data["title"] == ledger.title
    assert [c["key"] for c in data["columns"]] == [k for k, _ in COLUMNS]
    row = data["rows"][0]
    assert set(row) == {k for k, _ in COLUMNS} | {"confidence"}
    assert row["deadline"] == "2026-06-30" and row["confidence"] == 0.9
    assert data["materials"][2]["error"] and data["materials"][0]["rows"] == 15


def test_text_is_readable(ledger: Ledger) -> None:
    text = render(ledger, "text").decode("utf-8")
    assert text.startswith(ledger.title)
    assert "1. 【在加强政治建设方面】 责任人：青川县农业农村局局长  时限：2026-06-30" in text
    assert "未能起草：" in text and "共 29 行，来自 2 份材料，1 份未能起草。" in text
