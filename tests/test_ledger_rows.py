"""Ledger rows: every problem a row, unmatched measures kept, owner, aspect and deadline filled."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from duizhao.ledger import DraftOptions, draft_text
from duizhao.ledger.rows import COLUMNS, NO_MEASURE, NO_PROBLEM, NO_PROBLEM_TEXT

TODAY = date(2026, 12, 2)
OPTIONS = DraftOptions(today=TODAY)
MISSING = """云岭县卫生健康局局长2025年度民主生活会个人对照检查材料

会前认真准备。

一、存在的问题
（一）在服务群众方面
一是基层医疗服务能力偏弱。全县23个乡镇卫生院中，能开展二级手术的只有4个。
二是看病就医流程不够便捷。门诊高峰期挂号排队超过40分钟。
二、原因分析
一是宗旨意识有所淡化。
三、整改措施
一是针对基层医疗服务能力偏弱的问题，一季度支持6个乡镇卫生院达到二级手术能力。
二是持续加强学习，坚持每月参加中心组学习。
"""


def sample(name: str) -> str:
    return (resources.files("duizhao") / "samples" / name).read_text(encoding="utf-8")


def test_a_problem_without_a_measure_and_a_measure_without_a_problem_are_rows() -> None:
    material, rows = draft_text(MISSING, OPTIONS, "卫健局.txt")
    assert (material.problems, material.measures, material.rows) == (2, 2, 3)
    first, second, third = rows
    assert first.deadline == "2026-03-31"  # 一季度 of a 2025年度 material
    assert "达到二级手术能力" in first.goal
    assert first.aspect == "在服务群众方面"
    assert second.measures == "" and second.basis == NO_MEASURE and second.deadline == ""
    assert third.problem == NO_PROBLEM_TEXT and third.basis == NO_PROBLEM and third.deadline == "长期"
    assert [r.index for r in rows] == [1, 2, 3]
    assert {r.status for r in rows} == {"未开始"} and {r.source for r in rows} == {"自我查摆"}
    assert {r.material for r in rows} == {"卫健局.txt"}
    assert first.owner == "云岭县卫生健康局局长"


def test_columns_in_the_order_of_the_domain() -> None:
    headers = [h for _, h in COLUMNS]
    assert headers[:15] == ["序号", "问题来源", "方面", "问题表现", "整改目标", "整改措施",
                            "责任领导/责任人", "责任部门", "完成时限", "整改进展", "完成情况", "佐证材料",
                            "复核人", "销号", "备注"]
    assert headers[15:] == ["整改状态", "匹配依据/置信度", "材料"]


def test_every_problem_of_a_sample_is_a_row_with_a_deadline() -> None:
    material, rows = draft_text(sample("01_clean_personal.txt"), OPTIONS)
    assert material.rows == len(rows) == 15
    assert all(r.deadline for r in rows)
    assert all(r.measures and "置信度高" in r.basis for r in rows)
    assert rows[3].deadline == "2026-03-31" and "8600亩" in rows[3].measures


def test_team_owner_and_the_owner_given() -> None:
    _, rows = draft_text(sample("03_team.txt"), OPTIONS)
    assert rows[0].owner == "青川县石门乡党委领导班子"
    _, rows = draft_text(sample("03_team.txt"), DraftOptions(today=TODAY, owner="张三"))
    assert {r.owner for r in rows} == {"张三"}


def test_notice_aspects_replace_the_headings() -> None:
    aspects = ("带头强化政治建设", "带头践行以人民为中心的发展思想")
    _, rows = draft_text(sample("01_clean_personal.txt"), DraftOptions(today=TODAY, aspects=aspects))
    assert rows[0].aspect == "带头强化政治建设"
    assert rows[6].aspect == "带头践行以人民为中心的发展思想"
    assert rows[3].aspect == "在履职尽责、担当作为方面"  # no notice aspect matches: the heading stays


def test_a_material_without_problems_is_an_error_not_an_exception() -> None:
    material, rows = draft_text("随便写的一段话，没有任何结构。", OPTIONS)
    assert rows == [] and material.error and "存在的问题" in material.error


@pytest.mark.parametrize(("head", "owner"), [
    ("云岭县水利局局长张三2025年度民主生活会个人对照检查材料\n\n", "张三（云岭县水利局局长）"),
    ("云岭县水利局局长李四同志在2025年度民主生活会上的对照检查发言\n\n", "李四（云岭县水利局局长）"),
    ("云岭县水利局局长2025年度民主生活会个人对照检查材料\n（王五）\n", "王五（云岭县水利局局长）"),
    ("云岭县水利局局长2025年度民主生活会个人对照检查材料\n发言人：赵六\n", "赵六（云岭县水利局局长）"),
    ("云岭县水利局局长2025年度民主生活会个人对照检查材料\n同志们：\n", "云岭县水利局局长"),
])
def test_the_author_name_when_the_material_states_it(head: str, owner: str) -> None:
    _, rows = draft_text(head + MISSING.split("\n", 1)[1], OPTIONS)
    assert rows[0].owner == owner
