"""problem-not-specific: a problem needs facts (见人见事见思想), not a bare slogan."""

from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

TEMPLATE = """2025年度青川县水务局局长民主生活会个人对照检查材料

一、存在的问题
（一）在政治建设方面
一是理论学习不够深入。{fact}
二是调研不够扎实。全年到基层调研6次。
二、原因分析
一是理想信念有所松懈。
三、整改措施
（一）2026年3月底前制定学习计划。
"""


def flagged(fact: str) -> list[str]:
    doc = parse(TEMPLATE.format(fact=fact))
    ctx = ReviewContext(settings=Settings())
    return [doc.text[h.start:h.end] for h in REGISTRY["problem-not-specific"].run(doc, ctx)]


@pytest.mark.parametrize("slogan", [
    "思想认识不够到位，学用结合不够紧密。",
    "对做到“两个维护”的认识还不深，落实八项规定精神有差距。",
    "在工作中，有时满足于一般化要求。",
    "有时学习碎片化，没有做到学思用贯通。",
])
def test_slogan_is_flagged_at_its_judgement(slogan: str) -> None:
    assert flagged(slogan) == ["理论学习不够深入"]


@pytest.mark.parametrize("fact", [
    "全年只写了2篇学习体会。",
    "全年缺席集中学习三次。",
    "两个专题一直没有学完。",
    "今年中心组学习有一半是传达文件。",
    "9月份的专题研讨我没有作准备。",
    "对《习近平谈治国理政》第四卷只读了一半。",
    "如：研究防汛方案时没有用上所学。",
    "比如对水价改革的政策理解不透。",
    "在推进白水河治理项目过程中，我没有把学习成果用上。",
    "具体表现在对新修订的水法条文不熟。",
])
def test_fact_makes_the_problem_specific(fact: str) -> None:
    assert flagged(fact) == []
