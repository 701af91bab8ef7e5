"""The content checks on the two real seeds (DOMAIN.md §7) and on a clean material of our own.

The seeds are third-party text kept outside the repository; those tests are skipped where
../shared/seeds is not beside the checkout. ``clean_material.txt`` was written for this
project: a fictional, well-written personal material on which no content check may fire.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.document import Document
from duizhao.outline import parse
from duizhao.reading import read_text_of

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CLEAN = Path(__file__).resolve().parent / "clean_material.txt"
CONTENT_CHECKS = ("aspect-not-covered", "problem-not-specific", "problem-cause-ratio", "length",
                  "cause-restates-problem", "measure-not-concrete", "problem-without-measure",
                  "perspective-shift", "unit-mismatch")
CLEAN_ASPECTS = ("政治建设", "担当作为", "联系服务群众", "廉洁自律", "意识形态", "力戒形式主义官僚主义")


def seed(prefix: str) -> Document:
    if not SEEDS.is_dir():
        pytest.skip(f"种子材料目录不存在：{SEEDS}")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse(read_text_of(path).text, str(path))


def flagged(doc: Document, check: str, aspects: tuple[str, ...] = ()) -> list[str]:
    ctx = ReviewContext(settings=Settings(), aspects=aspects)
    return [doc.text[h.start:h.end] for h in REGISTRY[check].run(doc, ctx)]


def test_seed_000_deflects_onto_others() -> None:
    found = Counter(flagged(seed("000"), "perspective-shift"))
    assert found == {"部分班子成员": 1, "有的同志": 2}


def test_seed_000_measures_have_no_deadlines() -> None:
    doc = seed("000")
    assert len(flagged(doc, "measure-not-concrete")) == len(doc.points("measures")) == 3


def test_seed_004_deflects_onto_others() -> None:
    found = Counter(flagged(seed("004"), "perspective-shift"))
    assert found["有的同志"] == 12
    assert found["工委班子"] == 2 and found["班子成员中"] == 1


def test_seed_004_is_a_spliced_street_template() -> None:
    found = flagged(seed("004"), "unit-mismatch")
    assert found.count("工委班子") == 2
    assert {"街道发展", "街道各项工作", "街道切实", "工委交办"} <= set(found)


def test_seed_004_restates_a_problem_as_a_cause() -> None:
    doc = seed("004")
    ctx = ReviewContext(settings=Settings())
    [hit] = REGISTRY["cause-restates-problem"].run(doc, ctx)
    assert doc.text[hit.start:hit.end] == "政治站位不够高"
    assert "站位高度不够" in hit.message


def test_seed_004_measures_are_not_concrete() -> None:
    assert len(flagged(seed("004"), "measure-not-concrete")) == 3


def test_seed_004_aspect_on_struggle_has_no_measure() -> None:
    [heading] = flagged(seed("004"), "problem-without-measure")
    assert heading.startswith("带头学习运用党在不同历史时期")


def test_seeds_slogans_are_flagged_and_facts_are_not() -> None:
    doc = seed("000")
    found = flagged(doc, "problem-not-specific")
    assert "协同意识不够" in found and "干事创业劲头不足" not in found


def test_clean_material_parses_as_a_full_personal_material() -> None:
    doc = parse(CLEAN.read_text(encoding="utf-8"))
    assert doc.kind == "personal" and doc.title.unit == "青川县农业农村局"
    assert [s.role for s in doc.sections] == ["preamble", "problems", "causes", "measures"]
    assert len(doc.aspects("problems")) == 5 and len(doc.points("causes")) == 4
    assert doc.chars() > 3300


@pytest.mark.parametrize("check", CONTENT_CHECKS)
def test_clean_material_is_silent(check: str) -> None:
    doc = parse(CLEAN.read_text(encoding="utf-8"))
    assert flagged(doc, check, CLEAN_ASPECTS) == []
