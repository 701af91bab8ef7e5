"""Acceptance on the two real materials in ../shared/seeds (DOMAIN.md §7).

The seeds are third-party text and are not part of this repository; these tests are
skipped, with the reason shown, where ../shared is not beside the checkout.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.review import Reviewed, review_file

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"种子材料目录不存在：{SEEDS}")


def _review(prefix: str) -> Reviewed:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return review_file(path, ReviewContext(settings=Settings()))


def _flagged(item: Reviewed, check: str) -> list[str]:
    assert item.document is not None
    return [item.document.text[f.start:f.end] for f in item.findings if f.check == check]


def test_seed_000_outline_counts():
    doc = _review("000").document
    assert doc is not None
    assert doc.kind == "personal" and doc.title.post == "副书记" and doc.title.year == 2021
    assert len(doc.aspects("problems")) == 5
    assert len(doc.points("problems")) == 17
    assert len(doc.points("causes")) == 4
    assert len(doc.points("measures")) == 3


def test_seed_004_outline_counts():
    doc = _review("004").document
    assert doc is not None
    assert doc.kind == "personal" and doc.title.unit == "投资促进局" and doc.title.post == "局长"
    assert len(doc.aspects("problems")) == 5
    assert len(doc.points("problems")) == 10
    assert len(doc.points("causes")) == 3
    assert len(doc.points("measures")) == 3


def test_seed_000_traits():
    item = _review("000")
    placeholders = Counter(_flagged(item, "placeholder"))
    assert placeholders["XX"] >= 4 and placeholders["X"] == 1
    masks = Counter(_flagged(item, "masked-word"))
    assert masks["mzshh"] == 2 and masks["**"] == 2
    assert _flagged(item, "typo-repeat") == ["得得"] or _flagged(item, "typo-repeat") == ["觉得得"]
    deflections = _flagged(item, "perspective-shift")
    assert "部分班子成员" in deflections and deflections.count("有的同志") == 2
    assert len(_flagged(item, "measure-not-concrete")) == 3
    assert item.grade == "不达标"


def test_seed_000_specific_item_is_not_called_a_slogan():
    item = _review("000")
    vague = _flagged(item, "problem-not-specific")
    assert not any("干事创业劲头不足" in text for text in vague)


def test_seed_004_traits():
    item = _review("004")
    masks = Counter(_flagged(item, "masked-word"))
    assert masks["dangshi"] == 13 and masks["mzshh"] == 4 and masks["_"] == 4
    assert Counter(_flagged(item, "placeholder"))["xxx"] == 6
    assert _flagged(item, "perspective-shift").count("有的同志") == 12
    mismatched = "".join(_flagged(item, "unit-mismatch"))
    assert "工委" in mismatched and "街道" in mismatched
    assert _flagged(item, "cause-restates-problem")
    assert _flagged(item, "measure-not-concrete")
    assert item.grade == "不达标"
