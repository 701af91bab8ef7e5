"""The benchmark's material generator: deterministic, in the length range, and parseable."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import materials
import review_throughput
from duizhao.outline import parse


@pytest.fixture(scope="module")
def generated() -> list[str]:
    return materials.generate(16, seed=3)


def test_same_seed_same_materials(generated):
    assert materials.generate(16, seed=3) == generated
    assert materials.generate(4, seed=4) != generated[:4]


def test_materials_are_in_the_length_range(generated):
    assert all(materials.MIN_CHARS <= len(text) <= materials.MAX_CHARS for text in generated)


def test_materials_parse_into_the_three_parts(generated):
    for text in generated:
        doc = parse(text)
        assert {"problems", "causes", "measures"} <= {s.role for s in doc.sections}
        assert doc.title.year == 2025 and len(doc.aspects("problems")) >= 3
        assert len(doc.points("causes")) >= 3 and len(doc.points("measures")) >= 3


def test_materials_vary_in_kind_and_text(generated):
    assert {parse(text).kind for text in generated} == {"personal", "team"}
    assert len(set(generated)) == len(generated)


def test_chinese_numerals():
    assert [materials.cn(n) for n in (1, 10, 12, 20, 35)] == ["一", "十", "十二", "二十", "三十五"]


def test_benchmark_runs_on_a_few_materials(capsys):
    review_throughput.main(["--count", "3", "--seed", "1"])
    out = capsys.readouterr().out
    assert "份/s" in out and "审核/底线" in out and "各检查项耗时" in out
    assert out.count("PASS") + out.count("FAIL") == 2
