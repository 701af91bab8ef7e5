from duizhao.outline import parse

MATERIAL = """2025年度某局局长民主生活会个人对照检查材料

按照通知要求，我认真学习，广泛征求意见。现将个人对照检查情况报告如下。
一、存在的问题
（一）在政治建设方面
一是学习不够系统。今年只参加了 6 次集中学习。
二是调研不够深入。全年到基层调研 4 次。
（二）在担当作为方面。一是推进项目偏慢，2 个项目延期。二是创新不足，例如审批流程仍需 12 天。
二、原因分析
一是理想信念有所松懈。二是宗旨意识有所淡化。
三、整改措施
(一)加强学习。2026年3月底前制定学习计划。
(二)改进作风。每季度到基层调研不少于2次。
"""


def test_parses_parts_aspects_and_items():
    doc = parse(MATERIAL)
    assert doc.title.text.startswith("2025年度")
    assert doc.title.year == 2025 and doc.title.post == "局长" and doc.kind == "personal"
    roles = [s.role for s in doc.sections]
    assert roles == ["preamble", "problems", "causes", "measures"]
    problems = doc.sections_of("problems")[0]
    assert [a.label for a in problems.children] == ["（一）", "（二）"]
    assert [i.label for i in problems.children[0].children] == ["一是", "二是"]
    assert [i.label for i in problems.children[1].children] == ["一是", "二是"]
    assert len(doc.points("causes")) == 2
    assert [a.label for a in doc.aspects("measures")] == ["(一)", "(二)"]


def test_offsets_point_into_text():
    doc = parse(MATERIAL)
    for section in doc.sections:
        for node in section.walk():
            assert 0 <= node.start <= node.end <= len(doc.text)
            if node.label:
                assert doc.text[node.start:node.start + len(node.label)] == node.label


def test_inline_item_spans_stop_at_next_item():
    doc = parse(MATERIAL)
    first, second = doc.sections_of("problems")[0].children[1].children
    assert doc.text[first.start:first.end].startswith("一是推进项目偏慢")
    assert first.end == second.start
    assert first.heading == "推进项目偏慢，2 个项目延期" or first.heading.startswith("推进项目偏慢")


VARIANTS = """某镇党委领导班子2024年度民主生活会对照检查材料
根据要求，班子认真准备。
一、上年度民主生活会整改落实情况
去年查摆的 5 个问题已全部整改。
二、存在的问题。在以下两个方面还有差距。
1.在政治建设方面
第一，学习不够系统。第二，调研偏少。
2.在作风建设方面
1、会议偏多。2、文件偏长。
三、问题产生的原因
(一)理想信念有所弱化
(二)宗旨意识有所淡化
四、下一步整改措施
首先要加强学习。
五、个人有关事项
无。
"""


def test_variants_extra_sections_and_other_numbering():
    doc = parse(VARIANTS)
    assert doc.kind == "team"
    assert [s.role for s in doc.sections] == [
        "preamble", "other", "problems", "causes", "measures", "other"]
    problems = doc.sections_of("problems")[0]
    assert problems.heading == "存在的问题"
    assert [a.label for a in problems.children] == ["1.", "2."]
    assert [i.label for i in problems.children[0].children] == ["第一", "第二"]
    assert [i.label for i in problems.children[1].children] == ["1、", "2、"]
    assert [p.heading for p in doc.points("causes")] == ["理想信念有所弱化", "宗旨意识有所淡化"]


def test_numbered_line_that_names_no_part_is_content():
    doc = parse("一、存在的问题\n二、学习不够深入\n三、整改措施\n一是加强学习。\n")
    assert [s.role for s in doc.sections] == ["problems", "measures"]


def test_team_title_names_the_unit():
    title = parse("中共青川县石门乡委员会领导班子2025年度民主生活会对照检查材料\n").title
    assert (title.unit, title.post, title.kind, title.year) == ("青川县石门乡委员会", "", "team", 2025)
    title = parse("2025年度青川县林业局局长民主生活会个人对照检查材料\n").title
    assert (title.unit, title.post, title.kind) == ("青川县林业局", "局长", "personal")
