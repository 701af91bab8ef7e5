"""copied-passage: a material checked against a reference corpus (SQLite; PostgreSQL is
covered by the corpus store's own tests)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import opencc
import pytest
from click.testing import CliRunner

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.cli import main
from duizhao.config import Settings
from duizhao.corpus import Store, open_store
from duizhao.outline import parse

SAMPLES = resources.files("duizhao") / "samples"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
OWN = """2025年度青川县文旅局局长民主生活会个人对照检查材料
一、存在的问题
一是今年到景区调研只有3次，对乡村旅游的短板心中无数。
"""


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


@pytest.fixture
def store(sample_corpus: Store) -> Store:
    return sample_corpus


def copied(text: str, store: Store) -> list[str]:
    doc = parse(text)
    ctx = ReviewContext(settings=Settings(), corpus=store)
    return [doc.text[h.start:h.end] for h in REGISTRY["copied-passage"].run(doc, ctx)]


def borrowed_paragraph() -> str:
    return next(line for line in sample("01_clean_personal.txt").splitlines() if len(line) > 80)


def test_a_disguised_copy_is_found_with_its_source(store: Store):
    original = borrowed_paragraph()
    disguised = opencc.OpenCC("s2t").convert(original.replace("民主生活会", "mzshh"))
    disguised = disguised.replace("，", ", ", 2)
    doc = parse(OWN + disguised + "\n")
    [hit] = REGISTRY["copied-passage"].run(doc, ReviewContext(settings=Settings(), corpus=store))
    assert len(doc.text[hit.start:hit.end]) >= 0.9 * len(disguised)
    assert "语料库编号 1" in hit.message and "2024年度材料" in hit.message


def test_own_text_and_no_corpus_are_silent(store: Store):
    assert copied(OWN, store) == []
    doc = parse(OWN + borrowed_paragraph())
    assert list(REGISTRY["copied-passage"].run(doc, ReviewContext(settings=Settings()))) == []


def test_review_command_marks_a_copy_from_the_seeds(tmp_path: Path):
    if not SEEDS.is_dir():
        pytest.skip(f"种子材料目录不存在：{SEEDS}")
    db = tmp_path / "corpus.sqlite3"
    runner = CliRunner()
    assert runner.invoke(main, ["corpus", "add", str(SEEDS), "--db", str(db)]).exit_code == 0
    seed = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    line = next(x for x in seed.splitlines() if x.startswith("二是协同意识不够"))
    edited = line.replace("关注度高", "关注度很高").replace("集体决策过程中", "集体决策时")
    mine = tmp_path / "mine.txt"
    mine.write_text(OWN + edited + "\n", encoding="utf-8")
    result = runner.invoke(main, ["review", str(mine), "--corpus", str(db)])
    assert result.exit_code == 1 and "copied-passage" in result.stdout


def test_missing_corpus_is_a_usage_error(tmp_path: Path):
    mine = tmp_path / "mine.txt"
    mine.write_text(OWN, encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(mine), "--corpus", str(tmp_path / "no.db")])
    assert result.exit_code == 2 and "不存在" in result.stderr
    assert not (tmp_path / "no.db").exists()


def test_review_of_a_docx_against_the_seeds_names_the_seed(tmp_path: Path):
    """The issue's “done when”: masks restored and a few words changed, in a Word file."""
    docx = pytest.importorskip("docx")
    if not SEEDS.is_dir():
        pytest.skip(f"种子材料目录不存在：{SEEDS}")
    db = tmp_path / "corpus.sqlite3"
    runner = CliRunner()
    added = runner.invoke(main, ["corpus", "add", str(SEEDS), "--db", str(db), "--label", "网络范文"])
    assert added.exit_code == 0
    seed = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    line = next(x for x in seed.splitlines() if x.startswith("一是研读dangshi文献不深"))
    edited = line.replace("dangshi", "党史").replace("不深不透", "不够深入").replace("主要脉络", "发展脉络")
    document = docx.Document()
    for paragraph in [*OWN.splitlines(), edited]:
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "mine.docx"))
    result = runner.invoke(main, ["review", str(tmp_path / "mine.docx"), "--corpus", str(db),
                                  "--format", "json"])
    data = json.loads(result.stdout)["documents"][0]
    [copied] = [f for f in data["findings"] if f["check"] == "copied-passage"]
    assert copied["end"] - copied["start"] >= 0.9 * len(edited)
    assert copied["source"]["label"] == "网络范文" and "dangshi" in copied["source"]["text"]
    assert data["copy"]["ratio"] > 0.5 and data["grade"] == "不达标"


def test_an_empty_corpus_is_a_usage_error(tmp_path: Path, pg_url: str):
    mine = tmp_path / "mine.txt"
    mine.write_text(OWN, encoding="utf-8")
    open_store(str(tmp_path / "empty.db")).close()
    for url in (str(tmp_path / "empty.db"), pg_url):
        result = CliRunner().invoke(main, ["review", str(mine), "--corpus", url])
        assert result.exit_code == 2 and "还没有文档" in result.stderr
