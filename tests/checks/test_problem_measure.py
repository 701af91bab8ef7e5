"""problem-without-measure: every problem aspect should be taken up by some measure."""

from __future__ import annotations

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

PROBLEMS = """2025年度青川县商务局局长民主生活会个人对照检查材料

一、存在的问题
（一）在理论武装方面
一是理论武装不够系统。全年只写了2篇学习体会。
二是读原著悟原理不够。党章党规学习只有3次。
（二）在联系服务群众方面
一是走访商户不够经常。全年只到商贸市场走访4次。
二是回应个体工商户诉求偏慢。有9件诉求超期办结。
二、原因分析
一是理想信念有所松懈。
三、整改措施
"""


def flagged(measures: str) -> list[str]:
    doc = parse(PROBLEMS + measures)
    ctx = ReviewContext(settings=Settings())
    return [doc.text[h.start:h.end] for h in REGISTRY["problem-without-measure"].run(doc, ctx)]


def test_aspect_no_measure_takes_up_is_flagged() -> None:
    measures = "（一）强化理论武装。2026年3月底前制定学习计划，读原著悟原理，全年撰写体会6篇。\n"
    assert flagged(measures) == ["在联系服务群众方面"]


def test_every_aspect_answered_is_silent() -> None:
    measures = ("（一）强化理论武装。2026年3月底前制定学习计划，读原著悟原理。\n"
                "（二）密切联系服务群众。每月到商贸市场走访商户1次，工商户诉求按期办结。\n")
    assert flagged(measures) == []


def test_silent_without_measures() -> None:
    assert flagged("") == []
