"""Regression tests: inputs that once took quadratic time now read in linear time.

The bounds are loose (a CI machine may be slow); before the fixes each case took 10 s or more.
The curves themselves are in ``benchmarks/size_curve.py``.
"""

from __future__ import annotations

import time
from functools import partial
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from duizhao.checks.registry import REGISTRY, Finding, ReviewContext
from duizhao.config import Limits, Settings
from duizhao.outline import parse
from duizhao.reading import html
from duizhao.reports import render, xlsx
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


def _many_points(problems: int, causes: int) -> str:
    lines = ["2025年度个人对照检查材料", "一、存在的问题"]
    lines += [f"{n % 90 + 1}. 理论学习不够深入，第{n}次学习走了过场。" for n in range(problems)]
    lines.append("二、原因分析")
    lines += [f"{n % 90 + 1}. 理论武装抓得不紧，党性锻炼放松了。" for n in range(causes)]
    return "\n".join(lines) + "\n"


def test_causes_are_compared_with_a_bounded_number_of_problems(ctx: ReviewContext) -> None:
    # every cause shares 理论 with every problem without restating it: once causes × problems
    doc = parse(_many_points(2_000, 500))
    check = REGISTRY["cause-restates-problem"]
    assert _seconds(lambda: list(check.run(doc, ctx))) < 2.0


def test_outline_of_a_long_text_parses_in_linear_time() -> None:
    small, large = _many_points(1_000, 1_000), _many_points(8_000, 8_000)
    fastest = [min(_seconds(partial(parse, text)) for _ in range(3)) for text in (small, large)]
    assert fastest[1] / max(fastest[0], 1e-3) < 25  # 8× the text: once 57× the time


def _placeholder_lines(count: int) -> str:
    return "2025年度个人对照检查材料\n一、存在的问题\n" + "".join(
        f"第{i}条：XX单位的XX同志。\n" for i in range(count))


def test_many_placeholders_are_reviewed_and_reported_in_linear_time() -> None:
    # once: each placeholder checked against every span reported before it, and each report line
    # number counted from the start of the text (64,000 findings: 40 s and 10 s)
    ctx = ReviewContext(settings=Settings(limits=Limits(max_findings=100_000)))
    reviewed: list[Reviewed] = []
    assert _seconds(lambda: reviewed.append(review_text(_placeholder_lines(20_000), ctx, "甲.txt"))) < 3.0
    (item,) = reviewed
    assert sum(f.check == "placeholder" for f in item.findings) == 40_000
    for fmt in ("text", "html"):
        assert _seconds(partial(render, Review([item]), fmt)) < 3.0
    assert item.document is not None and item.document.line(item.findings[-1].start) == 20_002


def test_thousands_of_misspellings_are_reviewed_in_linear_time() -> None:
    # once: each candidate checked against every span taken before it (16,000 errors: 40 s)
    ctx = ReviewContext(settings=Settings(limits=Limits(max_findings=100_000)))
    text = "2025年度局长民主生活会个人对照检查材料\n" + "按步就班截止目前，牢固树立四个意思。\n" * 8_000
    reviewed: list[Reviewed] = []
    assert _seconds(lambda: reviewed.append(review_text(text, ctx, "甲.txt"))) < 3.0
    assert sum(f.check == "misspelling" for f in reviewed[0].findings) == 24_000
