from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

TITLE = "2025年度青川县水利局局长民主生活会个人对照检查材料\n"
PARTS = {
    "problems": "一、存在的问题\n一是学习不够系统。\n",
    "causes": "二、产生问题的原因\n一是理想信念有所松懈。\n",
    "measures": "三、努力方向\n一是2026年3月底前制定学习计划。\n",
}


def missing(text: str) -> list[str]:
    doc = parse(text)
    hits = list(REGISTRY["structure-missing-section"].run(doc, ReviewContext(settings=Settings())))
    assert all(h.start == h.end == doc.title.end for h in hits)
    return [h.message for h in hits]


def test_all_three_parts_present_is_silent():
    assert missing(TITLE + "".join(PARTS.values())) == []


def test_each_missing_part_is_named():
    for role, name in (("problems", "存在的问题"), ("causes", "原因分析"), ("measures", "整改措施")):
        text = TITLE + "".join(v for k, v in PARTS.items() if k != role)
        assert missing(text) == [f"材料缺少“{name}”部分"]


def test_text_without_headings_misses_all_three():
    assert len(missing(TITLE + "我认真学习，查找了不足。\n")) == 3
