"""MinHash signatures: normalisation invariance, estimates against exact Jaccard, parameters, determinism."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from importlib import resources

import numpy as np
import opencc
import pytest

from duizhao.similarity import (
    ParamsMismatch,
    SignatureParams,
    band_keys,
    estimate_jaccard,
    is_empty,
    shingles,
    signature,
    signatures,
)
from duizhao.similarity.signature import clean, permutations
from duizhao.text.normal import NORMALIZER_VERSION, normalize

PARAMS = SignatureParams()
TEXT = ("在本次民主生活会准备过程中，我认真对照党史学习教育的要求，查摆出理论学习不够深入、"
        "调查研究不够扎实、联系群众不够紧密等问题，并逐条制定了整改措施，明确了完成时限。")
MASKED = ("在本次mzshh准备过程中,我认真对照dangshi学习教育的要求 , 查摆出理论学习不够深入、"
          "调查研究不够扎实、联系群众不够紧密等问题;并逐条制定了整改措施——明确了完成时限!")


def key(text: str) -> str:
    return normalize(text).key


def sig(text: str) -> np.ndarray:
    return signature(shingles(key(text), PARAMS.ngram), PARAMS)


def sample_paragraphs() -> list[str]:
    folder = resources.files("duizhao") / "samples"
    text = "\n".join((folder / name).read_text(encoding="utf-8")
                     for name in ("01_clean_personal.txt", "02_template_personal.txt", "03_team.txt"))
    return [line for line in key(text).split("\n") if len(clean(line)) >= 60]


def edited(rng: random.Random, text: str, rate: float) -> str:
    chars = list(text)
    for _ in range(round(len(chars) * rate / 2)):
        at = rng.randrange(len(chars))
        chars[at:at + 2] = rng.choice(("工作", "落实", "", "深入调研", "群众"))
    return "".join(chars)


def exact(a: str, b: str, n: int = 5) -> float:
    x = {clean(a)[i:i + n] for i in range(len(clean(a)) - n + 1)}
    y = {clean(b)[i:i + n] for i in range(len(clean(b)) - n + 1)}
    return len(x & y) / len(x | y)


def test_identical_texts_give_one_and_the_same_bands() -> None:
    assert estimate_jaccard(sig(TEXT), sig(TEXT)) == 1.0
    assert band_keys(sig(TEXT), PARAMS) == band_keys(sig(TEXT), PARAMS)


def test_masks_punctuation_and_spaces_do_not_change_the_signature() -> None:
    assert np.array_equal(sig(MASKED), sig(TEXT))


def test_traditional_characters_do_not_change_the_signature() -> None:
    traditional = opencc.OpenCC("s2t").convert(TEXT)
    assert traditional != TEXT
    assert np.array_equal(sig(traditional), sig(TEXT))


def test_different_text_differs() -> None:
    other = "县委巡察组反馈的问题已全部完成整改，共建立长效机制五项，追责问责两人，挽回经济损失三十余万元。"
    assert estimate_jaccard(sig(TEXT), sig(other)) < 0.1


def test_short_and_empty_text_never_match() -> None:
    for text in ("", "民主", "，。！"):
        empty = sig(text)
        assert is_empty(empty)
        assert estimate_jaccard(empty, empty) == 0.0
        assert band_keys(empty, PARAMS) == []


def test_shingles_are_the_hashes_of_every_window() -> None:
    hashes = shingles("理论学习，不够深入", 5)
    assert len(hashes) == len("理论学习不够深入") - 4
    assert len(set(hashes.tolist())) == len(hashes)
    assert np.array_equal(shingles("理论学习不够深入", 5), hashes)
    assert hashes.max() < 2**32


def test_batch_equals_one_by_one() -> None:
    keys = [key(TEXT), "", "短", *sample_paragraphs()[:40], "很短的话", key(MASKED)]
    batch = signatures(keys, PARAMS, batch=7)
    for row, k in zip(batch, keys, strict=True):
        assert np.array_equal(row, signature(shingles(k, PARAMS.ngram), PARAMS))


def test_long_text_is_chunked_to_the_same_minimum() -> None:
    hashes = shingles("".join(sample_paragraphs()), PARAMS.ngram)
    assert len(hashes) > 2 * 4096
    a, b = permutations(PARAMS.seed, PARAMS.permutations)
    whole = ((a * hashes + b).min(axis=1) >> np.uint64(32)).astype(np.uint32)
    assert np.array_equal(signature(hashes, PARAMS), whole)


def test_estimates_follow_exact_jaccard() -> None:
    rng = random.Random(3)
    pairs = [(p, edited(rng, p, rng.uniform(0.0, 0.3))) for p in sample_paragraphs()]
    sigs = signatures([a for a, _ in pairs] + [b for _, b in pairs], PARAMS)
    half = len(pairs)
    errors = np.array([abs(estimate_jaccard(sigs[i], sigs[half + i]) - exact(a, b))
                       for i, (a, b) in enumerate(pairs)])
    assert len(errors) >= 40
    assert errors.mean() < 0.05
    assert (errors <= 0.1).mean() >= 0.95


def test_params_key_and_mismatch() -> None:
    expected = f"minhash1;poly64-fmix/mas64;seed=1;perm=128;n=5;band=42x3;norm={NORMALIZER_VERSION}"
    assert PARAMS.key() == expected
    assert PARAMS.compatible(SignatureParams())
    other = SignatureParams(ngram=4)
    assert not PARAMS.compatible(other)
    with pytest.raises(ParamsMismatch, match="签名参数不一致"):
        PARAMS.require(other)
    with pytest.raises(ParamsMismatch):
        PARAMS.require(SignatureParams(normalizer=NORMALIZER_VERSION + 1))


def test_invalid_params_are_refused() -> None:
    with pytest.raises(ValueError, match="超过置换数"):
        SignatureParams(permutations=64, bands=32, rows=4)
    with pytest.raises(ValueError, match="正整数"):
        SignatureParams(ngram=0)


def test_seed_changes_the_signature() -> None:
    hashes = shingles(key(TEXT))
    assert not np.array_equal(signature(hashes, PARAMS), signature(hashes, SignatureParams(seed=2)))


def test_same_in_another_process() -> None:
    code = ("import json; from duizhao.similarity import *; from duizhao.text.normal import normalize;"
            f"p = SignatureParams(); s = signature(shingles(normalize({TEXT!r}).key), p);"
            "print(json.dumps([s.tolist(), band_keys(s, p)]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "12345"})
    values, bands = json.loads(out.stdout)
    assert values == sig(TEXT).tolist()
    assert bands == band_keys(sig(TEXT), PARAMS)
