from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in REGISTRY["typo-repeat"].run(parse(text), ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("总觉得得自己职务低。", ["得得"]),
    ("违规用公款用公款报销。", ["用公款用公款"]),
    ("这是我的的责任。", ["的的"]),
    ("工作做了了不少。", ["了了"]),
    ("我们我们要加强学习。", ["我们我们"]),
    ("这是是工作中的短板。", ["是是"]),
    ("问题很很突出。", ["很很"]),
    ("推动工作落实落实到位。", ["落实落实"]),
    ("觉 得 得自己不够。", ["得 得"]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


@pytest.mark.parametrize("text", [
    "距离“红红脸、出出汗”还有差距。",
    "受到一次次深刻教育，一个个问题得到解决，一步一步推进。",
    "常常认认真真、扎扎实实、踏踏实实干工作，做到清清楚楚、干干净净。",
    "天天学习，人人参与，层层压实，处处带头，渐渐形成习惯。",
    "为了了解情况，我多次走访；这是实现目的的手段，的的确确有效。",
    "改进工作作风，认真学习习近平总书记重要讲话，养成学习习惯。",
    "有的问题一了了之，处理不了了。",
    "分清是是非非，坚持一一对应，谢谢大家。",
    "经常坐下来讨论讨论、研究研究。",
    "觉得得到了群众认可。",
    "服从从严管理的要求，成就就业梦想。",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_user_reduplication() -> None:
    text = "要多多掂量掂量。"
    assert spans(text, ReviewContext(settings=Settings())) == ["掂量掂量"]
    allowed = ReviewContext(settings=Settings(words={"reduplication": ("掂量掂量",)}))
    assert spans(text, allowed) == []


def test_severity_and_hint(ctx: ReviewContext) -> None:
    hit = next(iter(REGISTRY["typo-repeat"].run(parse("觉得得自己。"), ctx)))
    assert REGISTRY["typo-repeat"].severity == "warning"
    assert "得" in hit.message and "删去" in hit.hint


def test_characters_beyond_the_bmp_keep_offsets(ctx: ReviewContext) -> None:
    text = "𠀀学习，违规用公款用公款报销。"
    assert spans(text, ctx) == ["用公款用公款"]
