"""problem-cause-ratio: problems and causes should be at least half of the text."""

from __future__ import annotations

from dataclasses import replace

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

PREAMBLE = "我认真学习了会议精神，广泛征求了意见建议，开展了谈心谈话。" * 8
MATERIAL = f"""2025年度青川县统计局局长民主生活会个人对照检查材料

{PREAMBLE}
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
    return [(doc.text[h.start:h.end], h.message) for h in REGISTRY["problem-cause-ratio"].run(doc, ctx)]


def test_long_preamble_and_short_problems_fire() -> None:
    [(span, message)] = flagged(MATERIAL)
    assert span == "存在的问题"
    assert "低于50%" in message


def test_balanced_material_is_silent() -> None:
    facts = "全年只写了2篇学习体会，对新修订的统计法学得不深，3次执法检查都没有用上。" * 3
    text = MATERIAL.replace(PREAMBLE, "我认真作了准备。").replace("全年只写了2篇学习体会。", facts)
    assert flagged(text) == []


def test_share_is_a_setting() -> None:
    lenient = replace(Settings(), thresholds=replace(Settings().thresholds, min_problem_cause_share=0.1))
    assert flagged(MATERIAL, lenient) == []


def test_silent_without_a_problems_part() -> None:
    assert flagged(f"2025年度青川县统计局局长个人对照检查材料\n\n{PREAMBLE}\n") == []
