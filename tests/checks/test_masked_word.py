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
