"""unit-mismatch: the body must not speak as a different kind of unit than the title's."""

from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.checks.unit_mismatch import family
from duizhao.config import Settings
from duizhao.outline import parse

BUREAU = "青川县投资促进局局长2025年度民主生活会个人对照检查材料"
STREET = "青川县城关街道党工委书记2025年度民主生活会个人对照检查材料"


def flagged(title: str, body: str) -> list[str]:
    doc = parse(f"{title}\n\n一、存在的问题\n一是作风不够扎实。{body}\n")
    ctx = ReviewContext(settings=Settings())
    return [doc.text[h.start:h.end] for h in REGISTRY["unit-mismatch"].run(doc, ctx)]


@pytest.mark.parametrize(("body", "phrase"), [
    ("工委班子能够积极学习，但落实不到位。", "工委班子"),
    ("我没有把街道各项工作放在全局中谋划。", "街道各项工作"),
    ("班子是街道发展的主心骨。", "街道发展"),
    ("街道切实开展了专项整治。", "街道切实"),
    ("工委交办的事项我直接交给了股室。", "工委交办"),
    ("我校的招生工作我过问不多。", "我校"),
    ("本公司的安全生产我抓得不紧。", "本公司"),
])
def test_another_family_spoken_of_as_own(body: str, phrase: str) -> None:
    assert flagged(BUREAU, body) == [phrase]


@pytest.mark.parametrize("body", [
    "全年只到社区走访3次，对街道的招商需求了解不多。",
    "我局支持街道发展的政策落实偏慢，机关工委交办的党建任务完成不及时。",
    "我所分管的3个项目进度滞后，全局性谋划不够。",
    "向开发区党工委班子汇报不及时，推动我乡村振兴项目偏慢。",
])
def test_mere_mentions_are_silent(body: str) -> None:
    assert flagged(BUREAU, body) == []


def test_street_material_speaking_as_a_bureau() -> None:
    assert flagged(STREET, "我局的招商项目推进慢，工委班子对此研究不够。") == ["我局"]


def test_own_word_of_the_unit_is_silent() -> None:
    college = "青川职业技术学院院长2025年度民主生活会个人对照检查材料"
    assert flagged(college, "我院的专业建设我过问不多，我校招生计划完成率只有87%。") == []


def test_unknown_or_regional_unit_is_silent() -> None:
    assert flagged("市委副书记2025年度民主生活会个人对照检查材料", "工委班子能够积极学习。") == []
    assert flagged("2025年度民主生活会个人对照检查材料", "工委班子能够积极学习。") == []


@pytest.mark.parametrize(("unit", "family_name"), [
    ("青川县投资促进局", "agency"), ("青川县投资促进中心", "agency"), ("青川县乡村振兴局", "agency"),
    ("城关街道", "street"), ("城关镇农业服务中心", "street"), ("河西社区居委会", "street"),
    ("青川县石门乡党委", "street"),
    ("青川中学", "school"), ("青川县交通建设投资有限公司", "enterprise"), ("青川县人民医院", "hospital"),
    ("青川县委", None), ("青川县人民政府", None),
])
def test_unit_families(unit: str, family_name: str | None) -> None:
    assert family(unit) == family_name
