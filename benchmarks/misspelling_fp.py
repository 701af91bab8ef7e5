"""False positives of the ``misspelling`` check on every clean text we have.

    .venv/bin/python benchmarks/misspelling_fp.py [--count 500] [--seed 0] [--show 20]

Runs the check over: the bundled sample materials (``src/duizhao/samples``, the batch
included), the clean material of the tests, ``--count`` materials generated from the samples
(``materials.py``: recombined, renumbered, some in traditional characters or with masks), both
sentences of every pair in ``benchmarks/data/paraphrase_pairs.tsv``, and the seeds
(``../shared/seeds``) when present. None of these texts has a misspelling that we know of, so
every finding counts as a false positive (the seeds are real materials: read what is shown).
Prints, per source and in all, the texts, the characters scanned, the findings and the findings
per 10,000 characters, then the first ``--show`` findings with their context.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from duizhao.checks import REGISTRY
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse
from materials import generate

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "duizhao" / "samples"
PAIRS = ROOT / "benchmarks" / "data" / "paraphrase_pairs.tsv"
CLEAN_TEST = ROOT / "tests" / "checks" / "clean_material.txt"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class Tally:
    texts: int = 0
    chars: int = 0
    findings: list[tuple[str, str, Hit]] = field(default_factory=list)  # (name, text, hit)

    def per_10k(self) -> float:
        return 10_000 * len(self.findings) / self.chars if self.chars else 0.0


def sources(count: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """Clean texts by source: (name, text)."""
    samples = sorted(p for p in SAMPLES.rglob("*.txt") if p.name != "notice.txt")
    found = {
        "样例材料 samples": [(p.name, p.read_text(encoding="utf-8")) for p in samples],
        "测试用干净材料 clean_material": [(CLEAN_TEST.name, CLEAN_TEST.read_text(encoding="utf-8"))],
        f"生成材料 generated ×{count}": [(f"gen{i}", t) for i, t in enumerate(generate(count, seed))],
        "改写句对 paraphrase_pairs": pairs(),
    }
    if SEEDS.is_dir():
        seeds = sorted(SEEDS.glob("*.txt"))
        found["种子材料 seeds"] = [(p.name, p.read_text(encoding="utf-8")) for p in seeds]
    return found


def pairs() -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(f"pair{r['group']}{side}", r[side]) for r in rows for side in ("a", "b")]


def tally(texts: list[tuple[str, str]], ctx: ReviewContext) -> Tally:
    result = Tally()
    run = REGISTRY["misspelling"].run
    for name, text in texts:
        doc = parse(text, name)
        result.texts += 1
        result.chars += len(doc.text)
        result.findings += [(name, doc.text, hit) for hit in run(doc, ctx)]
    return result


def show(findings: list[tuple[str, str, Hit]], limit: int) -> None:
    for name, text, hit in findings[:limit]:
        context = text[max(0, hit.start - 8):hit.end + 8].replace("\n", "⏎")
        print(f"  {name}: {text[hit.start:hit.end]} — {hit.message} …{context}…")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="错别字检查在干净文本上的误报率")
    parser.add_argument("--count", type=int, default=500, help="生成材料的份数（默认 500）")
    parser.add_argument("--seed", type=int, default=0, help="生成器的随机种子（默认 0）")
    parser.add_argument("--show", type=int, default=20, help="列出前几条意见（默认 20）")
    args = parser.parse_args(argv)
    ctx = ReviewContext(settings=Settings())
    total = Tally()
    print(f"{'来源 source':32} {'篇数':>6} {'字数 chars':>12} {'意见':>6} {'每万字':>8}")
    for source, texts in sources(args.count, args.seed).items():
        part = tally(texts, ctx)
        print(f"{source:32} {part.texts:6d} {part.chars:12,d} {len(part.findings):6d} {part.per_10k():8.3f}")
        total.texts += part.texts
        total.chars += part.chars
        total.findings += part.findings
    print(f"{'合计 total':32} {total.texts:6d} {total.chars:12,d} {len(total.findings):6d} "
          f"{total.per_10k():8.3f}")
    show(total.findings, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
