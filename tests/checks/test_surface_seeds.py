"""The surface checks on the two seed materials (skipped where the seeds are not present)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.document import Document
from duizhao.outline import parse
from duizhao.reading import read_text_of

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed materials not found at {SEEDS}")


def seed(prefix: str) -> Document:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse(read_text_of(path).text, str(path))


def found(doc: Document, check_id: str, ctx: ReviewContext) -> list[str]:
    return [doc.text[h.start:h.end] for h in REGISTRY[check_id].run(doc, ctx)]


def context(doc: Document, check_id: str, ctx: ReviewContext, width: int = 4) -> list[str]:
    return [doc.text[h.start - width:h.end + width] for h in REGISTRY[check_id].run(doc, ctx)]


def test_seed_000_placeholders(ctx: ReviewContext) -> None:
    doc = seed("000")
    assert found(doc, "placeholder", ctx) == ["XX", "X", "XX", "XX", "XX"]
    around = "".join(context(doc, "placeholder", ctx))
    for expected in ("XX党委", "来X考察", "推动XX、XX等", "XX一体化"):
        assert expected in around or expected in doc.text


def test_seed_000_masks(ctx: ReviewContext) -> None:
    doc = seed("000")
    assert sorted(found(doc, "masked-word", ctx)) == ["**", "**", "mzshh", "mzshh"]


def test_seed_000_repeat_only_where_typed_twice(ctx: ReviewContext) -> None:
    doc = seed("000")
    hits = list(REGISTRY["typo-repeat"].run(doc, ctx))
    assert [doc.text[h.start - 1:h.end] for h in hits] == ["觉得得"]
    assert "红红脸、出出汗" in doc.text


def test_seed_004_masks(ctx: ReviewContext) -> None:
    doc = seed("004")
    spans = found(doc, "masked-word", ctx)
    assert spans.count("dangshi") == len(re.findall("dangshi", doc.text)) == 13
    assert spans.count("mzshh") == len(re.findall("mzshh", doc.text)) == 4
    underscores = len(re.findall(r"(?<=[\u4e00-\u9fff])_(?=[\u4e00-\u9fff])", doc.text))
    assert spans.count("_") == underscores == 4
    assert len(spans) == 13 + 4 + 4


def test_seed_004_placeholders(ctx: ReviewContext) -> None:
    doc = seed("004")
    assert found(doc, "placeholder", ctx) == ["xxx"] * len(re.findall("xxx", doc.text)) == ["xxx"] * 6


def test_seed_004_no_repeat_on_reduplication(ctx: ReviewContext) -> None:
    doc = seed("004")
    assert "一次次" in doc.text
    assert found(doc, "typo-repeat", ctx) == []


@pytest.mark.parametrize("check_id", ["numbering", "punctuation", "web-debris"])
def test_seeds_have_no_false_alarms(check_id: str, ctx: ReviewContext) -> None:
    for prefix in ("000", "004"):
        assert found(seed(prefix), check_id, ctx) == []


def test_seed_000_dated_formulation(ctx: ReviewContext) -> None:
    hits = list(REGISTRY["fixed-phrase"].run(seed("000"), ctx))
    assert [h.severity for h in hits] == ["info"]
    assert list(REGISTRY["fixed-phrase"].run(seed("004"), ctx)) == []
