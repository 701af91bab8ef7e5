"""Mutated .docx, .pdf, .html, .txt and .md files: every one ends in a review or a Chinese error.

Cases are generated from seeds in batches (``fuzz_mutations.make_case``), not by hypothesis, so
that ten thousand of them run in about a minute. A batch fails on any new kind of failure; a batch
whose only failures are known defects (listed in KNOWN, being fixed in parallel) is an xfail, and
passes once they are fixed. ``pytest tests/fuzz -s`` prints the tally and each failure's recipe.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fuzz_mutations import make_case
from fuzz_runner import Outcome, run

BATCH = 200
BATCHES = {"txt": 10, "md": 5, "html": 10, "docx": 12, "docx-table": 5, "docx-word": 2, "pdf": 8}
# (what went wrong, a pattern of the recipe, why): failures found by this suite and not yet fixed
KNOWN: list[tuple[str, str, str]] = [
    # none open: the unknown XML encodings of .docx parts (LookupError) and an .html charset naming no
    # codec (UnicodeError), found here and listed in issue 8, are now refused or read by the readers
]


def _known(signature: str, recipes: list[str]) -> str | None:
    problem = signature.rsplit(": ", 1)[-1]
    for kind, pattern, reason in KNOWN:
        if problem.startswith(kind) and all(re.search(pattern, r) for r in recipes):
            return reason
    return None


@pytest.mark.parametrize(("kind", "batch"), [(k, b) for k, n in BATCHES.items() for b in range(n)])
def test_mutated_files(kind: str, batch: int, tmp_path: Path, tally: Outcome) -> None:
    outcome = Outcome()
    run((make_case(kind, batch, i) for i in range(BATCH)), tmp_path, outcome)
    _add(tally, outcome)
    assert outcome.cases == BATCH
    unknown = {s: r for s, r in outcome.failures.items() if _known(s, r) is None}
    assert not unknown, "\n".join(f"{s} ×{len(r)}: {r[:3]}" for s, r in unknown.items())
    if outcome.failures:
        reasons = sorted({_known(s, r) or "" for s, r in outcome.failures.items()})
        pytest.xfail("known defects: " + "; ".join(reasons))


def _add(tally: Outcome, outcome: Outcome) -> None:
    tally.cases += outcome.cases
    tally.read += outcome.read
    tally.refused += outcome.refused
    tally.seconds += outcome.seconds
    tally.slowest = max(tally.slowest, outcome.slowest)
    tally.mutations.update(outcome.mutations)
    for signature, recipes in outcome.failures.items():
        tally.failures.setdefault(signature, []).extend(recipes)
