"""Problems matched to measures on small materials, and the hand-labelled benchmark (≥ 90 %)."""

from __future__ import annotations

import sys
from pathlib import Path

from duizhao.ledger.matching import match
from duizhao.outline import parse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import ledger_links

HEAD = "云岭县某局局长2025年度民主生活会个人对照检查材料\n\n会前认真准备。\n\n"


def links(text: str) -> dict[int, set[int]]:
    found = match(parse(HEAD + text))
    out: dict[int, set[int]] = {i + 1: set() for i in range(len(found.problems))}
    for link in found.links:
        out[link.problem + 1].add(link.measure + 1)
    return out


IN_ORDER = """一、存在的问题
一是防汛隐患排查不细，河堤管涌2处。
二是农村供水保障不足，14个自然村旱季需要送水。
二、原因分析
一是责任心不强。
三、整改措施
一是2026年4月底前完成河堤隐患排查，抽查堤防10处。
二是2026年底前完成14个自然村稳定水源工程。
"""

SWAPPED_WITH_A_GAP = """一、存在的问题
一是防汛隐患排查不细，河堤管涌2处。
二是农村供水保障不足，14个自然村旱季需要送水。
三是文件会议偏多，全年发文56件。
二、原因分析
一是责任心不强。
三、整改措施
一是2026年底前完成14个自然村稳定水源工程，结束旱季送水。
二是2026年4月底前完成河堤隐患排查，抽查堤防10处。
三是持续加强政治理论学习，每月自学2次。
"""

EXPLICIT = """一、存在的问题
一是家庭医生签约履约率低，不少居民一年没见过家庭医生。
二是基层医疗服务能力偏弱，卫生院不能开展二级手术。
二、原因分析
一是宗旨意识淡化。
三、整改措施
一是针对基层医疗服务能力偏弱的问题，派驻骨干医师20名。
"""

GROUPED = """一、存在的问题
（一）在学习方面
一是学习笔记不足8000字。二是水网规划节水措施少。
（二）在作风方面
一是超标准安排工作餐1次。
二、原因分析
一是学习不够。
三、整改措施
（一）加强学习。全年学习笔记不少于2万字，修改水网规划增加节水专章。
（二）严守纪律。严格执行公务接待规定，每季度自查1次。
"""


def test_measures_in_the_same_order() -> None:
    assert links(IN_ORDER) == {1: {1}, 2: {2}}


def test_measures_in_another_order_and_a_problem_without_a_measure() -> None:
    found = match(parse(HEAD + SWAPPED_WITH_A_GAP))
    assert links(SWAPPED_WITH_A_GAP) == {1: {2}, 2: {1}, 3: set()}
    assert found.unanswering() == [2]


def test_an_explicit_reference_wins() -> None:
    found = match(parse(HEAD + EXPLICIT))
    assert links(EXPLICIT) == {1: set(), 2: {1}}
    assert found.links[0].confidence >= 0.9
    assert "针对" in found.links[0].basis


def test_one_measure_paragraph_per_aspect_answers_its_items() -> None:
    found = match(parse(HEAD + GROUPED))
    assert links(GROUPED) == {1: {1}, 2: {1}, 3: {2}}
    assert {k.basis for k in found.links} == {"按方面顺序对应"}


def test_no_measures_part_gives_no_links() -> None:
    found = match(parse(HEAD + "一、存在的问题\n一是学习不够。\n二是调研不够。\n"))
    assert len(found.problems) == 2 and found.links == []


def test_hand_labelled_links_are_at_least_90_percent_right() -> None:
    totals = ledger_links.evaluate()
    for split in ("tune", "held-out", "held-out-2", "hard", "sample"):
        assert totals[split].share_right >= 0.9, split
    assert totals["all"].precision >= 0.9
    assert totals["all"].recall >= 0.9
