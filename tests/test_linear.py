"""Regression tests: inputs that once took quadratic time now read in linear time.

The bounds are loose (a CI machine may be slow); before the fixes each case took 10 s or more.
The curves themselves are in ``benchmarks/size_curve.py``.
"""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from duizhao.checks.registry import Finding, ReviewContext
from duizhao.reading import html
from duizhao.reports import xlsx
from duizhao.review import Review, Reviewed, review_text


def _seconds(run: object) -> float:
    assert callable(run)
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def test_html_with_many_unmatched_end_tags_reads_in_linear_time(tmp_path: Path) -> None:
    # each <p> stays open and each </i> closes nothing: once a scan of the whole stack per end tag
    page = tmp_path / "tags.html"
    page.write_text("<html><body>" + "<p>对照检查</i>" * 20_000 + "</body></html>", encoding="utf-8")
    assert _seconds(lambda: html.read(page)) < 2.0
    assert html.read(page).text.count("对照检查") == 20_000


def _many_findings(ctx: ReviewContext, count: int) -> Review:
    reviewed = review_text("2025年度个人对照检查材料\n一、存在的问题\n学习不够。\n" * 3, ctx, path="甲.txt")
    assert reviewed.document is not None
    findings = [Finding("placeholder", "warning", f"第{n}处", "请改正", 0, 4) for n in range(count)]
    return Review([Reviewed(reviewed.path, reviewed.document, findings, reviewed.grade)])


def test_xlsx_report_with_thousands_of_findings_renders_in_linear_time(ctx: ReviewContext) -> None:
    # once ``ws.max_row`` per appended row: 3.4 s at 2,000 findings, 39.8 s at 8,000
    review = _many_findings(ctx, 2_500)
    start = time.perf_counter()
    data = xlsx.render(review)
    assert time.perf_counter() - start < 3.0
    book = load_workbook(BytesIO(data), read_only=True)
    assert book["问题清单"].max_row == 2_501
