"""A clean, well-written material (written for this project): the surface checks stay silent."""

from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.outline import parse

CLEAN = """2025年度某市交通运输局局长民主生活会个人对照检查材料

按照市委《关于召开2025年度民主生活会的通知》要求，会前我认认真真学习了习近平新时代中国特色社会主义思想，\
围绕增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义，\
通过座谈会、个别访谈等方式征求意见32条。现将个人对照检查情况报告如下。
一、存在的问题
（一）在政治建设方面
一是理论学习不够系统。全年参加集中学习12次，自学笔记仅1.5万字，常常以会代学，\
学习《中国共产党章程》（2022年修订）不够深入。
二是落实“三会一课”不够严格。上半年有2次支部党员大会因出差未参加，讲党课1次。
（二）在担当作为方面
一是推进重点项目偏慢。县道X212改造工程原定9月30日完工，实际延期到11月；G318沿线安全隐患整治完成率为85.5%。
二是创新意识不强。5G智慧交通试点仍停留在方案阶段，PM2.5监测设备安装进度滞后，对一个个具体问题研究不深。
（三）在作风建设方面
一是调研不够深入。全年到基层调研8次，每次平均时间不足半天，为了了解真实情况而蹲点的时间偏少。
二是开展批评和自我批评不够。对班子成员的问题，有时碍于情面没有“红红脸、出出汗”，提醒不及时。
二、产生问题的原因分析
一是理想信念有所松懈。对坚持以人民为中心的发展思想理解不深，忽视了思想改造的长期性。
二是宗旨意识有所淡化。贯彻创新、协调、绿色、开放、共享的新发展理念不够自觉，改进工作作风的劲头减弱。
三是纪律要求有所放松。对中央八项规定精神的认识停留在表面，践行“三严三实”还有差距。
三、整改措施
（一）加强理论武装。2026年3月底前制定个人学习计划，每月自学不少于8小时，坚定道路自信、理论自信、制度自信、文化自信。
（二）狠抓项目落实。县道X212改造工程于2026年6月30日前完工，5G试点于8月底前建成。
（三）转变工作作风。每季度到基层调研不少于2次，每次蹲点不少于1天，坚决反对形式主义、官僚主义、享乐主义和奢靡之风，\
踏踏实实为群众办实事。
"""


@pytest.mark.parametrize("check_id", [
    "placeholder", "masked-word", "fixed-phrase", "typo-repeat", "numbering", "punctuation", "web-debris",
])
def test_clean_material_is_silent(check_id: str, ctx: ReviewContext) -> None:
    doc = parse(CLEAN)
    assert [doc.text[h.start:h.end] for h in REGISTRY[check_id].run(doc, ctx)] == []


def test_clean_material_parses_as_expected() -> None:
    doc = parse(CLEAN)
    assert [s.role for s in doc.sections] == ["preamble", "problems", "causes", "measures"]
    assert len(doc.points("problems")) == 6
