"""aspect-not-covered: each aspect of the notice must be answered in the problems part."""

from __future__ import annotations

from dataclasses import replace

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

MATERIAL = """2025年度青川县林业局局长民主生活会个人对照检查材料

按照通知要求，我认真作了准备。
一、存在的问题
（一）在政治建设方面
一是学习不够系统。全年只写了2篇学习体会。
（二）在作风建设方面
一是调研不够深入。全年到林场调研仅5天。
二是落实意识形态工作责任制不到位。10月份有1条信息未经审核就发布。
二、原因分析
一是理想信念有所松懈。
三、整改措施
（一）2026年3月底前制定学习计划。
"""


def flagged(text: str, *aspects: str, settings: Settings | None = None) -> list[tuple[str, str]]:
    doc = parse(text)
    ctx = ReviewContext(settings=settings or Settings(), aspects=aspects)
    return [(doc.text[h.start:h.end], h.message) for h in REGISTRY["aspect-not-covered"].run(doc, ctx)]


def test_silent_without_aspects() -> None:
    assert flagged(MATERIAL) == []


def test_short_aspects_match_their_headings() -> None:
    assert flagged(MATERIAL, "政治建设", "作风建设", "在作风建设方面带头") == []


def test_aspect_answered_by_an_item_counts() -> None:
    assert flagged(MATERIAL, "意识形态") == []


def test_missing_aspect_is_reported_at_the_problems_heading() -> None:
    found = flagged(MATERIAL, "政治建设", "廉洁自律")
    assert len(found) == 1
    span, message = found[0]
    assert span == "存在的问题"
    assert "廉洁自律" in message


def test_long_notice_aspect_restated_at_length() -> None:
    aspect = "带头践行以人民为中心的发展思想，尊重群众意愿，为群众办实事解难题"
    text = MATERIAL.replace("（二）在作风建设方面", f"（二）在{aspect}方面")
    assert flagged(text, aspect) == []


def test_long_notice_aspect_answered_by_a_short_heading() -> None:
    aspect = "带头践行以人民为中心的发展思想，尊重群众意愿，为群众办实事解难题"
    text = MATERIAL.replace("（二）在作风建设方面", "（二）在践行以人民为中心的发展思想方面")
    assert flagged(text, aspect) == []


def test_threshold_is_a_setting() -> None:
    text = MATERIAL.replace("在政治建设方面", "在政治能力建设方面")
    assert flagged(text, "政治建设") == []
    strict = replace(Settings(), thresholds=replace(Settings().thresholds, min_aspect_overlap=0.9))
    assert len(flagged(text, "政治建设", settings=strict)) == 1


def test_without_problems_part_points_at_the_title_end() -> None:
    text = "2025年度青川县林业局局长民主生活会个人对照检查材料\n\n我今年学习不够系统。\n"
    doc = parse(text)
    ctx = ReviewContext(settings=Settings(), aspects=("政治建设",))
    [hit] = REGISTRY["aspect-not-covered"].run(doc, ctx)
    assert hit.start == hit.end == doc.title.end
