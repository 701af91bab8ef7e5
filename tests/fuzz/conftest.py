"""The fuzz suite's tally: cases run, how they ended, time taken; printed at the end of the run."""

from __future__ import annotations

import time

import pytest
from fuzz_runner import Outcome

TALLY = Outcome()
HYPOTHESIS: dict[str, int] = {"examples": 0}
_STARTED = time.perf_counter()


@pytest.fixture
def tally() -> Outcome:
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.cases and not HYPOTHESIS["examples"]:
        return
    known = sum(len(v) for v in TALLY.failures.values())
    terminalreporter.write_line(
        f"fuzz: {TALLY.cases + HYPOTHESIS['examples']} cases ({TALLY.cases} mutated files: "
        f"{TALLY.read} reviewed, {TALLY.refused} refused with a Chinese error, {known} known failures; "
        f"{HYPOTHESIS['examples']} hypothesis examples) in {time.perf_counter() - _STARTED:.1f} s; "
        f"slowest case {TALLY.slowest[0]:.2f} s")
    for signature, recipes in sorted(TALLY.failures.items()):
        terminalreporter.write_line(f"fuzz failure {signature} ×{len(recipes)}, e.g. {recipes[0]}")
