from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.outline import parse


def hits(text: str, ctx: ReviewContext, path: str = "") -> list[Hit]:
    return list(REGISTRY["masked-word"].run(parse(text, path), ctx))


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in hits(text, ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("召开专题mzshh。", ["mzshh"]),
    ("深入开展dangshi学习教育。", ["dangshi"]),
    ("提高ZZ站位。", ["ZZ"]),
    ("全面从严治_，加强_员教育。", ["_", "_"]),
    ("严守X的纪律，发挥X员作用。", ["X", "X"]),
    ("开好**学习教育专题会议。", ["**"]),
    ("树立正确**观。", ["**"]),
    ("向***同志汇报。", ["***"]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


def test_message_names_the_word(ctx: ReviewContext) -> None:
    hit = hits("召开专题mzshh。", ctx)[0]
    assert "mzshh" in hit.message and "民主生活会" in hit.message
    assert "民主生活会" in hit.hint
    person = hits("向***同志汇报。", ctx)[0]
    assert "人名" in person.message


@pytest.mark.parametrize("text", [
    "召开专题民主生活会，深入开展党史学习教育。",
    "县道X212、G318和5G基站建设。",
    "20**年度材料与**市的工作。",
    "单价*数量=总价。",
    "参加人员：______。",
    "The meeting was held in Beijing.",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_markdown_bold_is_not_a_mask(ctx: ReviewContext) -> None:
    text = "这是**重点**内容。"
    assert hits(text, ctx, "material.md") == []
    assert len(hits(text, ctx, "material.txt")) == 2


@pytest.mark.parametrize(("text", "span", "restored"), [
    ("召开专题××生活会。", "××", "民主生活会"),
    ("召开专题**生活会。", "**", "民主生活会"),
    ("召开专题╳╳生活会。", "╳╳", "民主生活会"),
    ("中国共产**党员。", "**", "中国共产党"),
    ("加入中国共产××。", "××", "中国共产党"),
    ("作为一名共产××员，", "××", "共产党"),
    ("做合格的共产**人。", "**", "共产党"),
    ("推进全面从严治×向纵深发展。", "×", "从严治党"),
    ("推进全面从严治**向纵深发展。", "**", "从严治党"),
    ("不断提高**站位。", "**", "政治站位"),
    ("学习***总书记重要讲话。", "***", "习近平总书记"),
    ("学习贯彻***新时代中国特色社会主义思想。", "***", "习近平新时代中国特色社会主义思想"),
    ("以***同志为核心的党中央。", "***", "习近平同志为核心"),
    ("树立正确**观。", "**", "正确党史观"),
    ("加强**员干部教育管理。", "**", "党员干部"),
])
def test_symbol_mask_names_the_word(text: str, span: str, restored: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert f"应为“{restored}”" in found[0].message and "网站屏蔽" in found[0].message


def test_message_gives_the_restored_phrase(ctx: ReviewContext) -> None:
    hit = hits("召开××生活会。", ctx)[0]
    assert hit.message == "“××生活会”是网站屏蔽的词语，应为“民主生活会”"
    assert "“民主”" in hit.hint


def test_several_possible_words_are_all_named(ctx: ReviewContext) -> None:
    hit = hits("开好**学习教育专题会议。", ctx)[0]
    assert "“党史学习教育”或“党纪学习教育”" in hit.message
    assert "年份" in hit.hint


def test_the_word_written_out_elsewhere_decides(ctx: ReviewContext) -> None:
    text = "开好**学习教育专题会议。\n党纪学习教育开展以来，我认真学习。"
    hit = hits(text, ctx)[0]
    assert "应为“党纪学习教育”" in hit.message and "党史" not in hit.message


@pytest.mark.parametrize("text", [
    "××局召开会议。",
    "**局召开会议。",
    "××同志主持会议。",
    "第×次会议。",
    "第**次会议。",
    "全年开展××次调研。",
    "投入**万元。",
    "×月×日前完成。",
    "20××年度材料。",
    "××。",
    "会议室面积为3×4米，2×2的方阵，1*2的比例。",
    "规格\t3×4\t数量\t2",
    "长×宽×高。",
])
def test_blanks_and_products_are_not_masks(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


@pytest.mark.parametrize("text", ["开展**主题教育。", "全面加强**建设。"])
def test_undetermined_stars_are_masks_without_a_word(text: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == ["**"]
    assert found[0].message == "“**”是网站屏蔽的词语" and "应为" not in found[0].message
