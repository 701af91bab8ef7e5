from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse
from duizhao.reading import read_text_of


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in REGISTRY["placeholder"].run(parse(text), ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("按照《XX党委关于召开会议的通知》要求。", ["XX"]),
    ("牵头推动XX、XX等4项改革任务。", ["XX", "XX"]),
    ("中共xxx市xxx区委组织部。", ["xxx", "xxx"]),
    ("××同志主持会议。", ["××"]),
    ("ＸＸ单位。", ["ＸＸ"]),
    ("某某同志在会上发言。", ["某某"]),
    ("202X年度民主生活会。", ["202X"]),
    ("20XX年工作总结。", ["20XX"]),
    ("20**年度对照检查材料。", ["20**"]),
    ("202*年底前完成。", ["202*"]),
    ("此处补充数据【待补】。", ["【待补】"]),
    ("全年调研（待补充）次。", ["（待补充）"]),
    ("全年完成[待填]项。", ["[待填]"]),
    ("参加人员：______。", ["______"]),
    ("到X市调研。", ["X"]),
    ("随市领导来X考察。", ["X"]),
    ("分管**市的工作。", ["**"]),
    ("一是此处填写具体事例。", ["此处填写具体事例"]),
    ("（此处插入典型案例）", ["此处插入典型案例"]),
    ("这里请列举三个方面的表现，每条不少于100字。", ["这里请列举三个方面的表现"]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "县道X212改造工程于年内完工。",
    "G318沿线的安全隐患已经排查。",
    "新购型号X5的检测设备。",
    "体检项目包括X光和X射线检查。",
    "会议室面积为3×4米。",
    "The XXL size is not a placeholder.",
    "某单位的某些做法值得借鉴。",
    "从严治X，全面加强X的建设。",
    "开好**学习教育专题会议。",
    "对***同志的批评意见。",
    "变量_名称保持一致。",
    "此处不再赘述，这里主要谈三点体会。",
    "在此基础上补充完善了制度。",
    "把群众的意见填写进台账，逐条销号。",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_user_words() -> None:
    ctx = ReviewContext(settings=Settings(words={"placeholders": ("〇〇",)}))
    assert spans("〇〇局召开会议。", ctx) == ["〇〇"]


def test_message_and_hint(ctx: ReviewContext) -> None:
    hit = next(iter(REGISTRY["placeholder"].run(parse("202X年度。"), ctx)))
    assert "202X" in hit.message and hit.hint
    assert REGISTRY["placeholder"].severity == "error"


@pytest.mark.parametrize(("text", "expected"), [
    ("××局召开会议。", ["××"]),
    ("**局召开会议。", ["**"]),
    ("第×次会议。", ["×"]),
    ("第**次会议。", ["**"]),
    ("全年开展××次调研，投入**万元，完成××项任务。", ["××", "**", "××"]),
    ("××年××月××日。", ["××", "××", "××"]),
    ("×月×日前完成。", ["×", "×"]),
    ("*月*日前完成。", ["*", "*"]),
    ("××××年度总结。", ["××××"]),
    ("✕✕街道党工委。", ["✕✕"]),
    ("第**届运动会。", ["**"]),
    ("20××年度总结。", ["20××"]),
    ("开展××主题教育。", ["××"]),
    ("召开专题XX生活会。", ["XX"]),
])
def test_symbol_blanks(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("202X年度民主生活会。", ["202X"]),
    ("20X5年完成。", ["20X5"]),
    ("X月X日召开会议。", ["X", "X"]),
    ("于X月底前完成。", ["X"]),
    ("第X季度完成。", ["X"]),
    ("完成X项任务，X次调研。", ["X", "X"]),
    ("培训X名干部，建成X个站点，撰写x篇文章。", ["X", "X", "x"]),
    ("投入X万元。", ["X"]),
    ("投入Ｘ万元。", ["Ｘ"]),
])
def test_one_character_numbers(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


def test_number_message(ctx: ReviewContext) -> None:
    hit = next(iter(REGISTRY["placeholder"].run(parse("第×次会议。"), ctx)))
    assert hit.message == "数字占位“×”未填写" and "数字" in hit.hint


@pytest.mark.parametrize("text", [
    "县道X212改造，G107国道，X光和X射线检查，B超检查。",
    "办公电脑还在使用Windows XP系统。",
    "规格\t3×4\t数量\t2",
    "采用2×2的方阵，按1*2的比例。",
    "长×宽×高。",
    "召开专题××生活会。",
    "推进全面从严治×。",
    "TXT格式和Excel表格，型号X5。",
    "2025年度民主生活会。",
])
def test_silent_on_codes_and_masks(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


@pytest.mark.parametrize("text", [
    "召开专题××生活会，××局参加，第×次会议，***同志讲话，开好**学习教育，20**年，3×4米。",
    "××同志、**市、树立正确**观、全年××次、×月×日、中国共产**、**主题教育。",
])
def test_each_symbol_run_is_reported_once(text: str, ctx: ReviewContext) -> None:
    doc = parse(text)
    placeholder = [(h.start, h.end) for h in REGISTRY["placeholder"].run(doc, ctx)]
    masked = [(h.start, h.end) for h in REGISTRY["masked-word"].run(doc, ctx)]
    runs = [(m.start(), m.end()) for m in re.finditer("[×*]+", text)]
    products = [(s, e) for s, e in runs if text[s - 1].isdigit()]  # 20**, 3×4: not symbol runs
    assert not set(placeholder) & set(masked)
    assert all((placeholder + masked).count(run) == 1 for run in runs if run not in products)


def test_products_in_a_word_table_are_silent(tmp_path: Path, ctx: ReviewContext) -> None:
    document = docx.Document()
    document.add_paragraph("一、存在的问题")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("项目", "规格", "完成"), ("展板", "3×4", "✕"), ("桌椅", "2×2", "√")],
                          strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.add_paragraph("县道X212改造，X光机1台，第×次会议。")
    path = tmp_path / "material.docx"
    document.save(str(path))
    doc = parse(read_text_of(path).text, str(path))
    assert "3×4" in doc.text
    for check in ("placeholder", "masked-word"):
        found = [doc.text[h.start:h.end] for h in REGISTRY[check].run(doc, ctx)]
        assert found == (["×"] if check == "placeholder" else [])


@pytest.mark.parametrize("text", [
    "在相应栏内打×号，带*号的为必填项。",
    "推行“1+X”模式，提供7×24小时服务，5×8小时工作制。",
])
def test_marks_are_not_blanks(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []
    assert list(REGISTRY["masked-word"].run(parse(text), ctx)) == []


PIECES = ["×", "××", "*", "**", "***", "＊", "╳╳", "X", "XX", "x", "20", "3", "年", "月", "次", "第",
          "局", "市", "同志", "生活会", "学习教育", "从严治", "中国共产", "正确", "观", "党", "民主",
          "，", "。", " ", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_no_span_is_reported_by_both(text: str) -> None:
    doc = parse(text)
    ctx = ReviewContext(settings=Settings())
    placeholder = [(h.start, h.end) for h in REGISTRY["placeholder"].run(doc, ctx)]
    masked = [(h.start, h.end) for h in REGISTRY["masked-word"].run(doc, ctx)]
    assert not any(s < e2 and s2 < e for s, e in placeholder for s2, e2 in masked)
