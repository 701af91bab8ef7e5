"""measure-not-concrete: a measure needs a deadline, a quantity, an owner or a deliverable."""

from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

TEMPLATE = """2025年度青川县文旅局局长民主生活会个人对照检查材料

一、存在的问题
一是学习不够系统。全年只写了2篇学习体会。
二、原因分析
一是理想信念有所松懈。
三、整改措施
（一）加强理论学习。{measure}
"""


def flagged(measure: str) -> list[str]:
    doc = parse(TEMPLATE.format(measure=measure))
    ctx = ReviewContext(settings=Settings())
    return [doc.text[h.start:h.end] for h in REGISTRY["measure-not-concrete"].run(doc, ctx)]


@pytest.mark.parametrize("measure", [
    "坚持不懈学习，做到学思用贯通，长期坚持、常态化推进。",
    "强化“四个意识”、坚定“四个自信”、做到“两个维护”，落实八项规定精神。",
    "建立长效机制，认真学习《中国共产党章程》。",
])
def test_vague_measure_is_flagged_at_its_heading(measure: str) -> None:
    assert flagged(measure) == ["加强理论学习"]


@pytest.mark.parametrize("measure", [
    "2026年3月底前读完指定书目。",
    "年底前完成全部专题学习。",
    "每季度讲一次专题党课。",
    "全年撰写学习体会不少于6篇。",
    "全年参加集中研讨三次以上。",
    "由办公室负责安排学习时间。",
    "制定《个人理论学习计划》并严格执行。",
    "形成问题整改台账，逐项销号。",
])
def test_concrete_measure_is_silent(measure: str) -> None:
    assert flagged(measure) == []
