"""length: minimum lengths of the whole text, the problems and the causes."""

from __future__ import annotations

from dataclasses import replace

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

SHORT = """2025年度青川县审计局局长民主生活会个人对照检查材料

一、存在的问题
一是学习不够系统。全年只写了2篇学习体会。
二、原因分析
一是理想信念有所松懈。
三、整改措施
（一）2026年3月底前制定学习计划。
"""


def flagged(text: str, settings: Settings | None = None) -> list[tuple[str, str]]:
    doc = parse(text)
    ctx = ReviewContext(settings=settings or Settings())
    return [(doc.text[h.start:h.end], h.message) for h in REGISTRY["length"].run(doc, ctx)]


def test_each_shortfall_is_one_finding_with_counts() -> None:
    found = flagged(SHORT)
    assert [span for span, _ in found] == [SHORT.splitlines()[0], "存在的问题", "原因分析"]
    doc = parse(SHORT)
    assert f"全文仅{doc.chars()}字，少于要求的3000字" == found[0][1]
    assert f"仅{doc.part_chars('problems')}字，少于要求的500字" in found[1][1]
    assert "少于要求的300字" in found[2][1]


def test_thresholds_are_settings() -> None:
    low = replace(Settings().thresholds, min_chars=50, min_problems_chars=20, min_causes_chars=10)
    assert flagged(SHORT, replace(Settings(), thresholds=low)) == []


def test_missing_part_is_left_to_the_structure_check() -> None:
    text = SHORT.replace("二、原因分析\n一是理想信念有所松懈。\n", "")
    assert "原因分析" not in [span for span, _ in flagged(text)]
