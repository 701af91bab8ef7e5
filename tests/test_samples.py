"""The bundled samples that ``duizhao demo`` reviews: the notice, a clean, a template and a team material."""

from __future__ import annotations

from importlib import resources

import pytest

from duizhao.checks.registry import REGISTRY, ReviewContext
from duizhao.config import Settings
from duizhao.notice import aspects_from_notice
from duizhao.review import Reviewed, review_text

SAMPLES = resources.files("duizhao") / "samples"
NOTICE_ASPECTS = ("在加强政治建设方面", "在履职尽责、担当作为方面", "在践行以人民为中心的发展思想方面",
                  "在落实全面从严治党责任方面", "在落实中央八项规定精神、纠治“四风”方面")
# The flaws planted in 02_template_personal.txt, by check id, each with a piece of text it must flag.
PLANTED = {
    "aspect-not-covered": "", "problem-not-specific": "理论学习不够深入", "problem-cause-ratio": "",
    "length": "", "cause-restates-problem": "理论学习不够深入", "measure-not-concrete": "切实转变工作作风",
    "problem-without-measure": "在担当作为方面", "perspective-shift": "有的同志", "unit-mismatch": "街道",
    "placeholder": "202X", "masked-word": "dangshi", "fixed-phrase": "理论自信、道路自信、制度自信、文化自信",
    "typo-repeat": "的的", "numbering": "三是", "punctuation": "“", "web-debris": "此处隐藏1200字",
}


def _text(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def _review(name: str, text: str | None = None) -> Reviewed:
    ctx = ReviewContext(settings=Settings(), aspects=aspects_from_notice(_text("notice.txt")))
    return review_text(_text(name) if text is None else text, ctx, name)


def _listing(item: Reviewed) -> str:
    assert item.document is not None
    return "\n".join(f"{f.severity} {f.check}: {f.message} 〔{item.document.text[f.start:f.end]}〕"
                     for f in item.findings)


def _flagged(item: Reviewed, check: str) -> list[str]:
    assert item.document is not None
    return [item.document.text[f.start:f.end] for f in item.findings if f.check == check]


def test_notice_names_the_five_aspects():
    assert aspects_from_notice(_text("notice.txt")) == NOTICE_ASPECTS


@pytest.mark.parametrize(("name", "kind", "aspects", "items", "causes", "measures"), [
    ("01_clean_personal.txt", "personal", 5, 15, 4, 5),
    ("02_template_personal.txt", "personal", 3, 8, 3, 2),
    ("03_team.txt", "team", 5, 14, 4, 5),
])
def test_sample_outline_counts(name, kind, aspects, items, causes, measures):
    doc = _review(name).document
    assert doc is not None
    assert doc.kind == kind and doc.title.year == 2025
    assert len(doc.aspects("problems")) == aspects
    assert len(doc.points("problems")) == items
    assert len(doc.points("causes")) == causes
    assert len(doc.points("measures")) == measures


def test_clean_sample_has_no_error_and_passes():
    item = _review("01_clean_personal.txt")
    errors = [f for f in item.findings if f.severity == "error"]
    assert not errors and item.grade == "基本达标", "规范材料不应有错误：\n" + _listing(item)


def test_clean_sample_has_no_warning():
    item = _review("01_clean_personal.txt")
    assert item.count("warning") == 0, "规范材料不应有警告（疑似误报）：\n" + _listing(item)


def test_clean_sample_is_long_enough_and_first_person():
    doc = _review("01_clean_personal.txt").document
    assert doc is not None
    assert 4000 <= doc.chars() <= 5000
    assert doc.title.unit == "青川县农业农村局" and doc.title.post == "局长"
    assert not any(w in doc.text for w in ("有的同志", "部分同志", "班子成员"))


def test_template_sample_fails():
    assert _review("02_template_personal.txt").grade == "不达标"


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_template_sample_flaw_is_found(check):
    if check not in REGISTRY:
        pytest.skip(f"检查项 {check} 尚未注册")
    item = _review("02_template_personal.txt")
    flagged = _flagged(item, check)
    assert flagged, f"{check} 未报出：\n" + _listing(item)
    assert any(PLANTED[check] in span for span in flagged), f"{check} 报出的位置不对：{flagged}"


def test_template_sample_planted_checks_are_all_registered():
    assert set(PLANTED) <= set(REGISTRY), f"尚未注册：{sorted(set(PLANTED) - set(REGISTRY))}"


def test_template_sample_with_a_part_cut_off_misses_a_section():
    text = _text("02_template_personal.txt").replace("二、原因分析", "")
    item = _review("02_template_personal.txt", text)
    assert "原因分析" in " ".join(f.message for f in item.findings if f.check == "structure-missing-section")
    assert item.grade == "不达标"


def test_team_sample_has_no_error():
    item = _review("03_team.txt")
    assert item.count("error") == 0, "班子材料不应有错误：\n" + _listing(item)
    assert item.grade != "不达标"
    assert "measure-not-concrete" in {f.check for f in item.findings}, _listing(item)
