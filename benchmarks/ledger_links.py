"""How well the ledger links problems to measures, on materials labelled by hand.

    .venv/bin/python benchmarks/ledger_links.py [--verbose]

Each ``benchmarks/data/ledger/NN.txt`` has a sidecar ``NN.links.json``: for each problem (its
1-based index among ``Document.points("problems")``) the 1-based indices of the measures
(``Document.points("measures")``) that answer it, ``[]`` for none; ``split`` is ``tune`` (used
while tuning the matcher), ``held-out`` (written with the others, looked at only once the
tuning was done) or ``sample``. ``samples/*.links.json`` label the bundled samples
(``source`` names the material).

Figures, per split and overall:
- **problems right**: the share of problems whose predicted set of measures equals the labelled
  set exactly (a problem labelled ``[]`` is right only when no measure is predicted) — this is
  the “share of links right” the target (≥ 90 %) refers to;
- **link precision / recall**: over (problem, measure) pairs, predicted vs labelled.

It also times drafting (parse, match, rows: ``draft_text``) over all the materials, best of
``--rounds``.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from duizhao.ledger import DraftOptions, draft_text
from duizhao.ledger.matching import match
from duizhao.outline import parse

DATA = Path(__file__).resolve().parent / "data" / "ledger"
ROOT = Path(__file__).resolve().parents[1]

Pairs = set[tuple[int, int]]


@dataclass
class Case:
    name: str
    split: str
    text: str
    labelled: dict[int, set[int]]


@dataclass
class Score:
    problems: int = 0
    right: int = 0
    true_links: int = 0
    predicted: int = 0
    labelled: int = 0

    def add(self, other: Score) -> None:
        for name in ("problems", "right", "true_links", "predicted", "labelled"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def share_right(self) -> float:
        return self.right / self.problems if self.problems else 1.0

    @property
    def precision(self) -> float:
        return self.true_links / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_links / self.labelled if self.labelled else 1.0


def cases(data: Path = DATA) -> list[Case]:
    found = []
    for sidecar in sorted([*data.glob("*.links.json"), *data.glob("samples/*.links.json")]):
        label = json.loads(sidecar.read_text(encoding="utf-8"))
        source = ROOT / label["source"] if "source" in label else sidecar.with_name(
            sidecar.name.removesuffix(".links.json") + ".txt")
        links = {int(p): set(ms) for p, ms in label["links"].items()}
        found.append(Case(sidecar.name.removesuffix(".links.json"), label["split"],
                          source.read_text(encoding="utf-8"), links))
    return found


def predicted(text: str) -> dict[int, set[int]]:
    matching = match(parse(text))
    out: dict[int, set[int]] = {i + 1: set() for i in range(len(matching.problems))}
    for link in matching.links:
        out[link.problem + 1].add(link.measure + 1)
    return out


def score(case: Case) -> tuple[Score, dict[int, set[int]]]:
    got = predicted(case.text)
    if set(got) != set(case.labelled):
        raise ValueError(f"{case.name}: {len(got)} problems parsed, {len(case.labelled)} labelled")
    result = Score(problems=len(got))
    for p, labelled in case.labelled.items():
        result.right += got[p] == labelled
        result.true_links += len(got[p] & labelled)
        result.predicted += len(got[p])
        result.labelled += len(labelled)
    return result, got


def evaluate(data: Path = DATA, verbose: bool = False) -> dict[str, Score]:
    totals: dict[str, Score] = {}
    for case in cases(data):
        result, got = score(case)
        for key in (case.split, "all"):
            totals.setdefault(key, Score()).add(result)
        if verbose:
            print(f"{case.split:9} {case.name:22} {result.right}/{result.problems}")
            for p in sorted(case.labelled):
                if got[p] != case.labelled[p]:
                    print(f"    problem {p}: predicted {sorted(got[p])}, labelled {sorted(case.labelled[p])}")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every material and every miss")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds (the best is kept)")
    args = parser.parse_args()
    totals = evaluate(verbose=args.verbose)
    print(f"{'split':9} {'problems':>8} {'right':>7} {'share':>7} {'link P':>7} {'link R':>7}")
    for split in ("tune", "held-out", "held-out-2", "hard", "sample", "all"):
        s = totals.get(split)
        if s:
            print(f"{split:9} {s.problems:8} {s.right:7} {s.share_right:7.1%} "
                  f"{s.precision:7.1%} {s.recall:7.1%}")
    print("share = problems whose predicted set of measures equals the labelled set exactly "
          "(an unanswered problem counts only when nothing is predicted)")
    texts = [c.text for c in cases()]
    best = min(_time(texts) for _ in range(max(1, args.rounds)))
    print(f"drafting: {len(texts)} materials in {best * 1000:.1f} ms, {best / len(texts) * 1000:.2f} ms each "
          f"(best of {args.rounds})")


def _time(texts: list[str]) -> float:
    options = DraftOptions(today=date(2026, 12, 2))
    start = time.perf_counter()
    for text in texts:
        draft_text(text, options)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
