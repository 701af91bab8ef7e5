from __future__ import annotations

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.fixed_phrase import BUILTIN, parse_extra
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse


def hits(text: str, ctx: ReviewContext) -> list[Hit]:
    return list(REGISTRY["fixed-phrase"].run(parse(text), ctx))


@pytest.mark.parametrize(("text", "span"), [
    ("深入学习习近平新时代特色社会主义思想。", "习近平新时代特色社会主义思想"),
    ("学习习近平中国特色社会主义思想。", "习近平中国特色社会主义思想"),
    ("用习近平新时代中国特色社会主义理论武装头脑。", "习近平新时代中国特色社会主义理论"),
    ("深刻认识“两个树立”的决定性意义。", "两个树立"),
    ("严格落实中央八条规定。", "中央八条规定"),
    ("始终牢记初心、不忘使命。", "牢记初心、不忘使命"),
    ("坚定理论自信、道路自信、制度自信、文化自信。", "理论自信、道路自信、制度自信、文化自信"),
    ("增强大局意识、政治意识、核心意识、看齐意识。", "大局意识、政治意识、核心意识、看齐意识"),
    ("增强政治、核心、大局、看齐意识。", "政治、核心、大局、看齐意识"),
    ("贯彻协调、创新、绿色、开放、共享的发展理念。", "协调、创新、绿色、开放、共享"),
    ("反对官僚主义、形式主义、享乐主义和奢靡之风。", "官僚主义、形式主义、享乐主义和奢靡之风"),
    ("践行严以律己、严以修身、严以用权的要求。", "严以律己、严以修身、严以用权"),
])
def test_fires(text: str, span: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert found[0].severity is None and found[0].hint.startswith(("应为", "按规范顺序"))


def test_traditional_and_spaced_text_is_matched(ctx: ReviewContext) -> None:
    text = "學習習近平新時代特色社會主義思想。"
    assert [text[h.start:h.end] for h in hits(text, ctx)] == ["習近平新時代特色社會主義思想"]


def test_dated_form_is_info(ctx: ReviewContext) -> None:
    found = hits("没有从“两个坚决维护”的高度推进工作。", ctx)
    assert len(found) == 1 and found[0].severity == "info"
    assert "两个维护" in found[0].hint


@pytest.mark.parametrize("text", [
    "深入学习贯彻习近平新时代中国特色社会主义思想和新时代中国特色社会主义思想。",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”。",
    "增强政治意识、大局意识、核心意识、看齐意识，坚定道路自信、理论自信、制度自信、文化自信。",
    "坚定中国特色社会主义道路、理论、制度、文化自信。",
    "落实中央八项规定及其实施细则精神，严守八项规定。",
    "贯彻创新、协调、绿色、开放、共享的新发展理念。",
    "注重开放、创新、协调发展。",
    "坚决反对形式主义、官僚主义、享乐主义和奢靡之风。",
    "开展批评和自我批评，也开展批评与自我批评。",
    "坚持以人民为中心的发展思想，践行“三严三实”。",
    "理论、制度、文化建设统筹推进。",
])
def test_silent(text: str, ctx: ReviewContext) -> None:
    assert hits(text, ctx) == []


def test_user_entries() -> None:
    entries = ("“三个务必”=三个必须|三个务须", "甲方案、乙方案、丙方案", "名称")
    settings = Settings(words={"fixed_phrases": entries})
    ctx = ReviewContext(settings=settings)
    text = "牢记三个务须，按丙方案、甲方案、乙方案推进。"
    assert [text[h.start:h.end] for h in hits(text, ctx)] == ["三个务须", "丙方案、甲方案、乙方案"]


def test_entry_format() -> None:
    assert parse_extra("名称") is None
    phrase = parse_extra("规范=错1|错2")
    assert phrase is not None and phrase.wrong == ("错1", "错2")
    assert any(p.canonical.startswith("习近平新时代") for p in BUILTIN)
