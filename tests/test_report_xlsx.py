"""The XLSX report: two sheets, text kept as text, a reviewer's columns ready to fill in."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from duizhao.checks.registry import REGISTRY, Finding, ReviewContext
from duizhao.cli import main
from duizhao.reports import xlsx
from duizhao.review import Review, Reviewed, review_text

MATERIAL = """2025年度青川县林业局局长民主生活会个人对照检查材料
一、存在的问题
一是学习不够系统，今年只参加了 6 次集中学习。计算=1+1不是公式。
二、原因分析
一是理想信念有所松懈。
三、整改措施
一是2026年3月底前制定学习计划。
"""
NO_CAUSES = ("2025年度青川县林业局局长个人对照检查材料\n一、存在的问题\n一是学习不够。\n"
             "三、整改措施\n一是加强学习。\n")


@pytest.fixture
def review(ctx: ReviewContext) -> Review:
    good = review_text(MATERIAL, ctx, path="=1+1.txt")
    assert good.document is not None
    start = MATERIAL.index("=1+1")
    extra = Finding("structure-missing-section", "warning", "=SUM(A1)", "-改正", start, start + 4)
    good = Reviewed(good.path, good.document, [*good.findings, extra], good.grade)
    return Review([good, review_text(NO_CAUSES, ctx, path="材料/丙.txt"),
                   Reviewed("@坏.docx", error="文件已损坏\x01\x0b")])


def book(review: Review) -> Workbook:
    return load_workbook(BytesIO(xlsx.render(review)))


def rows(book: Workbook, sheet: str) -> list[list[object]]:
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def test_sheets_and_headers(review: Review):
    wb = book(review)
    assert wb.sheetnames == ["汇总", "问题清单"]
    assert rows(wb, "汇总")[0] == ["序号", "文件", "标题", "类型", "单位", "职务", "结论", "全文字数",
                                 "问题字数", "原因字数", "措施字数", "错误", "警告", "提示", "复制比",
                                 "主要来源", "读取错误"]
    assert rows(wb, "问题清单")[0] == ["序号", "文件", "检查项", "检查项名称", "级别", "位置", "原文摘录",
                                   "说明", "建议", "审核人意见", "是否采纳"]
    for ws in wb:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
        assert all(c.font.b for c in ws[1])
        assert ws.column_dimensions["B"].width >= 30


def test_summary_rows(review: Review):
    table = rows(book(review), "汇总")[1:]
    assert [r[0] for r in table] == [1, 2, 3]
    good, failing, broken = table
    assert good[2] == "2025年度青川县林业局局长民主生活会个人对照检查材料" and good[3] == "个人"
    assert good[5] == "局长" and isinstance(good[7], int) and good[7] > 50
    assert failing[6] == "不达标" and isinstance(failing[11], int) and failing[11] >= 1
    assert broken[6] == "无法读取" and broken[16] == "文件已损坏" and broken[2] is None


def test_one_row_per_finding(review: Review):
    table = rows(book(review), "问题清单")[1:]
    findings = [(d, f) for d in review.documents for f in d.findings]
    assert len(table) == len(findings)
    assert [r[0] for r in table] == list(range(1, len(findings) + 1))
    for row, (item, f) in zip(table, findings, strict=True):
        assert row[1] == item.path and row[2] == f.check and row[3] == REGISTRY[f.check].title
        assert row[4] == {"error": "错误", "warning": "警告", "info": "提示"}[f.severity]
        assert row[7] == f.message and row[8] == f.hint and row[9] is None and row[10] is None
    extra = next(r for r in table if r[7] == "=SUM(A1)")
    assert extra[5] == "第3行"
    assert "【=1+1】" in str(extra[6]) and "集中学习。计算【" in str(extra[6])


def test_text_is_never_a_formula(review: Review):
    data = xlsx.render(review)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in s for s in sheets)
    wb = load_workbook(BytesIO(data))
    cells = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for value in ("=1+1.txt", "=SUM(A1)", "-改正", "@坏.docx"):
        assert cells[value].data_type == "s"
        assert cells[value].quotePrefix


def test_adopted_column_has_a_yes_no_dropdown(review: Review):
    ws = book(review)["问题清单"]
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    assert validations[0].type == "list" and validations[0].formula1 == '"是,否"'
    assert str(validations[0].sqref) == f"K2:K{ws.max_row}"


def test_long_columns_wrap(review: Review):
    ws = book(review)["问题清单"]
    assert ws["G2"].alignment.wrap_text and ws["H2"].alignment.wrap_text and not ws["A2"].alignment.wrap_text


def test_empty_review_is_a_valid_workbook():
    wb = book(Review([]))
    assert rows(wb, "问题清单") == [rows(wb, "问题清单")[0]]


def test_cli_writes_xlsx(tmp_path: Path):
    (tmp_path / "a.txt").write_text(NO_CAUSES, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["review", str(tmp_path), "--format", "xlsx", "-o", str(out),
                                       "--fail-on", "never"])
    assert result.exit_code == 0
    assert load_workbook(out)["汇总"]["G2"].value == "不达标"
