"""MinHash signature throughput against datasketch and rensa, and band retrieval quality.

    .venv/bin/python benchmarks/signature_throughput.py [--count 60] [--seed 0] [--rounds 3]

Paragraphs are the lines of ``--count`` generated materials (``materials.py``), normalised.
Throughput: signatures per second of ``duizhao.similarity.signatures`` against datasketch's
``MinHash`` (same number of permutations and seed, fed the same n-grams of the same cleaned key
through ``update_batch``) and rensa's ``RMinHash`` (same n-gram strings); the best of
``--rounds`` rounds of each. Both anchors are timed from the cleaned key (cutting the n-grams is
part of the work), datasketch also from ready n-gram bytes. They are not dependencies of duizhao:
a missing one is noted and skipped. Target: ≥ 10 × datasketch.

Retrieval: every distinct paragraph of ≥ 40 characters goes into a ``BandIndex``; 300 of them
are copied with 0–30 % of their characters edited — runs of 1–4 characters inserted, deleted or
substituted, new characters drawn from the corpus — and each copy is looked up. Recall: the share
of copies whose source is among the candidates. The generator recombines the same sample
sentences, so most paragraphs have near copies in the corpus; precision counts a candidate as
right when it is the source or has n-gram Jaccard ≥ 0.5 with it, and "unrelated" is the mean
number of candidates per look-up below 0.2. Then: MinHash estimate against exact Jaccard.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from duizhao.similarity import BandIndex, SignatureParams, estimate_jaccard, signatures
from duizhao.similarity.signature import clean
from duizhao.text.normal import normalize
from materials import generate

RATES = (0.0, 0.05, 0.10, 0.15, 0.20, 0.25, 0.30)


def paragraphs(count: int, seed: int) -> list[str]:
    keys = (normalize(text).key for text in generate(count, seed))
    return [line.strip() for key in keys for line in key.split("\n") if line.strip()]


def grams(key: str, n: int) -> list[str]:
    text = clean(key)
    return [text[i:i + n] for i in range(len(text) - n + 1)]


def best(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def anchors(keys: Sequence[str], params: SignatureParams) -> dict[str, Callable[[], object]]:
    """The competitors that import, by name."""
    found: dict[str, Callable[[], object]] = {}
    n, perm, seed = params.ngram, params.permutations, params.seed
    try:
        from datasketch import MinHash
    except ImportError:
        print("注：未安装 datasketch，跳过与其比较（pip install datasketch，仅用于本基准）")
    else:
        def ds_key(key: str) -> Any:
            m = MinHash(num_perm=perm, seed=seed)
            m.update_batch([g.encode("utf-8") for g in grams(key, n)])
            return m.digest()

        ready = [[g.encode("utf-8") for g in grams(k, n)] for k in keys]

        def ds_ready(batch: list[bytes]) -> Any:
            m = MinHash(num_perm=perm, seed=seed)
            m.update_batch(batch)
            return m.digest()

        found["datasketch"] = lambda: [ds_key(k) for k in keys]
        found["datasketch (ready n-gram bytes)"] = lambda: [ds_ready(b) for b in ready]
    try:
        from rensa import RMinHash
    except ImportError:
        print("注：未安装 rensa，跳过与其比较")
    else:
        def rensa_key(key: str) -> Any:
            m = RMinHash(num_perm=perm, seed=seed)
            m.update(grams(key, n))
            return m.digest()

        found["rensa"] = lambda: [rensa_key(k) for k in keys]
    return found


def throughput(keys: list[str], params: SignatureParams, rounds: int) -> None:
    ours = best(lambda: signatures(keys, params), rounds)
    print(f"duizhao: {len(keys) / ours:12,.0f} signatures/s  ({ours / len(keys) * 1e6:.1f} µs each)")
    for name, work in anchors(keys, params).items():
        took = best(work, rounds)
        print(f"{name}: {len(keys) / took:12,.0f} signatures/s  → duizhao is {took / ours:.1f} × faster")


def edit(rng: random.Random, key: str, rate: float, alphabet: str) -> str:
    chars, budget = list(key), round(len(key) * rate)
    while budget > 0:
        run = min(budget, rng.randint(1, 4))
        at = rng.randrange(len(chars) + 1)
        kind = rng.choice(("insert", "delete", "substitute"))
        new = [rng.choice(alphabet) for _ in range(run)] if kind != "delete" else []
        chars[at:at + (0 if kind == "insert" else run)] = new
        budget -= run
    return "".join(chars)


def jaccard(a: str, b: str, n: int) -> float:
    x, y = set(grams(a, n)), set(grams(b, n))
    return len(x & y) / len(x | y) if x | y else 0.0


def judged(source: str, found: list[int], indexed: list[str], n: int) -> tuple[int, int]:
    """Candidates that are the source or a near copy of it (Jaccard ≥ 0.5), and unrelated ones (< 0.2)."""
    scores = [jaccard(source, indexed[i], n) for i in found]
    return sum(j >= 0.5 for j in scores), sum(j < 0.2 for j in scores)


def retrieval(keys: list[str], params: SignatureParams, seed: int, queries: int = 300) -> None:
    indexed = [k for k in dict.fromkeys(keys) if len(clean(k)) >= 40]
    index = BandIndex(params)
    index.add_all(enumerate(signatures(indexed, params)))
    rng, alphabet = random.Random(seed), "".join(indexed)
    chosen = rng.sample(range(len(indexed)), min(queries, len(indexed)))
    print(f"\nretrieval: {len(indexed)} distinct paragraphs indexed ({params.bands}×{params.rows} bands), "
          f"{len(chosen)} edited copies looked up per rate")
    for rate in RATES:
        copies = [edit(rng, indexed[i], rate, alphabet) for i in chosen]
        found = [index.query(s) for s in signatures(copies, params)]
        hits = sum(i in f for i, f in zip(chosen, found, strict=True))
        good, bad = np.sum([judged(indexed[i], f, indexed, params.ngram)
                            for i, f in zip(chosen, found, strict=True)], axis=0)
        exact = np.mean([jaccard(indexed[i], c, params.ngram) for i, c in zip(chosen, copies, strict=True)])
        total = sum(map(len, found))
        print(f"  {rate:4.0%} edited: Jaccard {exact:.2f}  recall {hits / len(chosen):.3f}  "
              f"precision {good / max(total, 1):.3f}  candidates/query {total / len(chosen):.1f} "
              f"(unrelated {bad / len(chosen):.2f})")


def accuracy(keys: list[str], params: SignatureParams, seed: int) -> None:
    rng = random.Random(seed + 1)
    base = [k for k in dict.fromkeys(keys) if len(clean(k)) >= 40][:300]
    copies = [edit(rng, k, rng.uniform(0, 0.3), "".join(base)) for k in base]
    sigs, copy_sigs = signatures(base, params), signatures(copies, params)
    errors = [abs(estimate_jaccard(s, c) - jaccard(a, b, params.ngram))
              for a, b, s, c in zip(base, copies, sigs, copy_sigs, strict=True)]
    print(f"\nestimate − exact Jaccard over {len(errors)} pairs: mean |error| {np.mean(errors):.3f}, "
          f"max {max(errors):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ngram", type=int, default=SignatureParams.ngram)
    parser.add_argument("--bands", type=int, default=SignatureParams.bands)
    parser.add_argument("--rows", type=int, default=SignatureParams.rows)
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    params = SignatureParams(ngram=args.ngram, bands=args.bands, rows=args.rows)
    keys = paragraphs(args.count, args.seed)
    print(f"{len(keys)} paragraphs, {np.mean([len(k) for k in keys]):.0f} characters on average; "
          f"{params.key()}")
    if not args.skip_throughput:
        throughput(keys, params, args.rounds)
    retrieval(keys, params, args.seed)
    accuracy(keys, params, args.seed)


if __name__ == "__main__":
    main()
