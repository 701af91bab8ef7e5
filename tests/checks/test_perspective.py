"""perspective-shift: a personal material speaks of its author, a team material of the team."""

from __future__ import annotations

from dataclasses import replace

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

PERSONAL = "2025年度青川县交通局局长民主生活会个人对照检查材料"
TEAM = "青川县交通局领导班子2025年度民主生活会对照检查材料"


def flagged(title: str, problem: str, settings: Settings | None = None) -> list[str]:
    text = f"{title}\n\n一、存在的问题\n一是作风不够扎实。{problem}\n二、原因分析\n一是宗旨意识淡化。\n"
    doc = parse(text)
    ctx = ReviewContext(settings=settings or Settings())
    return [doc.text[h.start:h.end] for h in REGISTRY["perspective-shift"].run(doc, ctx)]


@pytest.mark.parametrize(("problem", "phrase"), [
    ("有的同志下乡调研走马观花。", "有的同志"),
    ("全年下乡8次，还有的同志只听汇报。", "有的同志"),
    ("部分班子成员对分管领域过问不多。", "部分班子成员"),
    ("遇到难事班子成员中仍存在推诿现象。", "班子成员中"),
    ("工委班子能够积极学习，但落实不到位。", "工委班子"),
    ("班子成员开展调研的次数偏少。", "班子成员"),
])
def test_deflection_in_a_personal_material(problem: str, phrase: str) -> None:
    assert flagged(PERSONAL, problem) == [phrase]


@pytest.mark.parametrize("problem", [
    "我对有的同志的问题碍于情面，没有及时批评。",
    "我与班子成员之间谈心谈话全年只有2次。",
    "我对照班子的分工，分管的3项工作进度滞后。",
    "加强领导班子建设的措施不多，我只召开了1次专题会。",
    "群众反映“有的同志门难进”，我没有追查。",
    "有的同志反映我工作方法简单，我没有认真反思。",
])
def test_the_writer_as_subject_is_silent(problem: str) -> None:
    assert flagged(PERSONAL, problem) == []


def test_first_person_in_a_team_material() -> None:
    assert flagged(TEAM, "我认为调研次数不少，但深度不够；本人也有责任。") == ["我", "本人"]
    assert flagged(TEAM, "对班子成员本人及亲属的提醒不够经常。") == []


@pytest.mark.parametrize("problem", [
    "我们全年下乡调研18次，我局对基层的指导还不够。",
    "开展批评和自我批评不够，“我为群众办实事”项目推进慢。",
])
def test_team_voice_is_silent(problem: str) -> None:
    assert flagged(TEAM, problem) == []


def test_extra_deflection_words_from_settings() -> None:
    settings = replace(Settings(), words={"deflection": ("个别干部",)})
    assert flagged(PERSONAL, "个别干部下乡调研走马观花。", settings) == ["个别干部"]
    assert flagged(PERSONAL, "个别干部下乡调研走马观花。") == []
