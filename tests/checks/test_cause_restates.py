"""cause-restates-problem: a cause must not merely say a problem again (把问题当原因)."""

from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

TEMPLATE = """2025年度青川县民政局局长民主生活会个人对照检查材料

一、存在的问题
（一）在政治建设方面
一是{problem}。全年只写了2篇学习体会。
二是服务群众不够主动。全年只到4个社区走访。
二、原因分析
一是{cause}。我把学习当成了任务。
二是宗旨意识有所淡化。
三、整改措施
（一）2026年3月底前制定学习计划。
"""


def flagged(problem: str, cause: str) -> list[tuple[str, str]]:
    doc = parse(TEMPLATE.format(problem=problem, cause=cause))
    ctx = ReviewContext(settings=Settings())
    return [(doc.text[h.start:h.end], h.message) for h in REGISTRY["cause-restates-problem"].run(doc, ctx)]


@pytest.mark.parametrize(("problem", "cause"), [
    ("理论学习不够深入", "理论学习不够深入"),
    ("理论学习不够深入", "理论学习不够系统"),
    ("学习不够深入", "理论学习浮于表面"),
    ("站位高度不够", "政治站位不够高"),
    ("纪律规矩意识不强", "纪律规矩意识有所淡化"),
])
def test_restated_cause_is_flagged_with_the_problem_quoted(problem: str, cause: str) -> None:
    [(span, message)] = flagged(problem, cause)
    assert span == cause
    assert f"问题“{problem}”" in message


@pytest.mark.parametrize("cause", [
    "理想信念有所松懈",
    "对理论学习的重要性认识不足",
    "党性修养有所放松",
    "政绩观有偏差",
])
def test_root_cause_is_silent(cause: str) -> None:
    assert flagged("理论学习不够深入", cause) == []


def test_similar_wording_on_another_topic_is_silent() -> None:
    assert flagged("创新意识偏弱", "宗旨意识淡化") == []
