"""The fuzz suite's tally: cases run, how they ended, time taken; printed at the end of the run."""

from __future__ import annotations

import resource

import pytest
from fuzz_runner import TALLY, Outcome

_SPENT = {"seconds": 0.0}  # the fuzz tests' own time, set-up and tear-down included


@pytest.fixture
def tally() -> Outcome:
    return TALLY


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "tests/fuzz/" in report.nodeid.replace("\\", "/") or report.nodeid.startswith("test_fuzz_"):
        _SPENT["seconds"] += report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.cases and not TALLY.examples:
        return
    known = sum(len(v) for v in TALLY.failures.values())
    terminalreporter.write_line(
        f"fuzz: {TALLY.cases + TALLY.examples} cases in {_SPENT['seconds']:.1f} s ({TALLY.cases} mutated "
        f"files: {TALLY.read} reviewed, {TALLY.refused} refused with a Chinese error, {known} known "
        f"failures; {TALLY.examples} hypothesis examples); slowest file {TALLY.slowest[0]:.2f} s; "
        f"peak memory of the test process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    for signature, recipes in sorted(TALLY.failures.items()):
        terminalreporter.write_line(f"fuzz failure {signature} ×{len(recipes)}, e.g. {recipes[0]}")
