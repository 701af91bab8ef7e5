from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.outline import parse


def hits(text: str, ctx: ReviewContext) -> list[Hit]:
    return list(REGISTRY["punctuation"].run(parse(text), ctx))


def spans(text: str, ctx: ReviewContext) -> list[str]:
    return [text[h.start:h.end] for h in hits(text, ctx)]


@pytest.mark.parametrize(("text", "expected"), [
    ("增强“四个意识，坚定信心。", ["“"]),
    ("坚定”四个自信“。", ["”四个自信“"]),  # a reversed pair: one finding (was one per mark)
    ("增强“四个意识“，坚定信心。", ["“"]),
    ("学习《党章，遵守规矩。", ["《"]),
    ("学习党章》，遵守规矩。", ["》"]),
    ("按照要求（试行，抓好落实。", ["（"]),
    ("加强学习,提高站位。", [","]),
    ("主要问题:学习不够。", [":"]),
    ("为什么会这样?", ["?"]),
    ("存在问题，，需要整改。", ["，，"]),
    ("认真整改。。", ["。。"]),
    ("认真整改，。", ["，。"]),
])
def test_fires(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


def test_reversed_and_unmatched_are_warnings(ctx: ReviewContext) -> None:
    found = hits("坚定”四个自信“。", ctx)
    assert all(h.severity is None for h in found)


@pytest.mark.parametrize(("text", "span"), [
    ('做到"两个维护"。', '"两个维护"'),
    ("(一)加强理论学习", "(一)"),
    ("按照要求(试行)执行。", "(试行)"),
    ("（一)加强理论学习", ")"),
])
def test_info(text: str, span: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert found[0].severity == "info"


@pytest.mark.parametrize("text", [
    "增长3.5%，投资1,000万元，上午8:30开会。",
    "详见 https://www.example.org/a?b=1 的说明。",
    "He said: Hello, world! Are you ok?",
    "1.加强学习\n2.改进作风",
    "他说：“要坚持‘三严三实’要求。”",
    "学习《中国共产党章程》（2022年修订），做到“两个维护”。",
    "第一段引文开头：“学习是第一位的。\n“第二段接着说，实践是检验真理的标准。”",
    "【重要】请按时参会……会议时间——上午。",
    "Don’t forget.",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert hits(text, ctx) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("坚定”四个自信“，做到”两个维护“。", ["”四个自信“", "”两个维护“"]),
    ("坚持”三严三实“要求，践行‘三严三实’。", ["”三严三实“"]),
    ("他说：“要坚持’三严三实‘要求。”", ["’三严三实‘"]),
    ("做到”两个维护“和“四个意识”。", ["”两个维护“"]),
])
def test_reversed_pairs_once_each(text: str, expected: list[str], ctx: ReviewContext) -> None:
    assert spans(text, ctx) == expected


def test_reversed_pair_message_gives_the_correction(ctx: ReviewContext) -> None:
    hit = hits("坚定”四个自信“。", ctx)[0]
    assert hit.message == "前后引号用反了：”四个自信“"
    assert hit.hint.startswith("改为“四个自信”")
    long = hits("他强调”" + "要" * 30 + "“。", ctx)[0]
    assert "……" in long.message and len(long.message) < 40


@pytest.mark.parametrize("text", [
    "He said ”yes“ and left.",
    "The guide reads: ”Keep it short“, he said.",
    "第一条：He said ”yes“ and left.",
    "Say “hello” to ‘everyone’.",
    "他说：“要坚持‘三严三实’要求。”",
    "第一段：“学习是第一位的。\n“第二段继续引述。\n“第三段结束引述。”",
])
def test_silent_on_latin_quotes_and_good_pairs(text: str, ctx: ReviewContext) -> None:
    assert hits(text, ctx) == []
