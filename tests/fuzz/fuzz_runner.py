"""Run fuzz cases through ``review_file`` under a per-case time bound and sort the failures.

A case passes when the review returns a ``Reviewed`` with either a document or a Chinese error.
Anything else (an exception escaping, a case over the time bound, an English or empty error)
is a failure, named by its signature: the base, the first mutation's name and what went wrong.
"""

from __future__ import annotations

import re
import signal
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from fuzz_mutations import Case

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.review import review_file

CASE_SECONDS = 20.0  # far above any sane case (most take milliseconds); a hang trips it
CTX = ReviewContext(settings=Settings())
_CJK = re.compile("[\u4e00-\u9fff]")


class CaseTimeout(BaseException):
    """Raised by the alarm; a BaseException so that no reader's ``except Exception`` swallows it."""


@dataclass
class Outcome:
    cases: int = 0
    read: int = 0  # reviewed with a document
    refused: int = 0  # reviewed with an error
    seconds: float = 0.0
    slowest: tuple[float, str] = (0.0, "")
    failures: dict[str, list[str]] = field(default_factory=dict)  # signature → recipes
    mutations: Counter[str] = field(default_factory=Counter)
    examples: int = 0  # hypothesis examples


TALLY = Outcome()  # the whole run's, printed by conftest.py's terminal summary


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: FrameType | None) -> None:
        raise CaseTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The catch-alls of read_text_of and review_file name the exception and ask for --debug: they keep
# a batch going, but for this suite such an error is still a defect, named by its exception type.
_CAUGHT = re.compile(r"（([A-Za-z_][A-Za-z0-9_]*)）.*duizhao --debug")


def signature(case: Case, problem: str) -> str:
    kind = case.recipe.split("/", 1)[0]
    first = case.recipe.split(": ", 1)[1].split(" + ")[0] if ": " in case.recipe else ""
    mutation = re.split(r"[ =@×\[(]", first.split(": ")[-1], maxsplit=1)[0]
    return f"{kind} {mutation}: {problem}"


def run(cases: Iterable[Case], folder: Path, outcome: Outcome) -> None:
    for case in cases:
        path = folder / f"case{case.suffix}"
        path.write_bytes(case.data)
        started = time.perf_counter()
        problem = None
        try:
            with time_bound(CASE_SECONDS):
                item = review_file(path, CTX)
        except CaseTimeout:
            problem = f"over {CASE_SECONDS:.0f} s"
        except Exception as exc:  # the point of the suite: no exception may escape
            problem = type(exc).__name__
        else:
            caught = _CAUGHT.search(item.error or "")
            if caught:  # an exception the reader did not expect, turned into an error by the catch-all
                problem = caught.group(1)
            elif item.document is not None:
                outcome.read += 1
            elif item.error and _CJK.search(item.error):
                outcome.refused += 1
            else:
                problem = f"error without a Chinese message: {item.error!r}"
        took = time.perf_counter() - started
        outcome.cases += 1
        outcome.seconds += took
        outcome.slowest = max(outcome.slowest, (took, case.recipe))
        outcome.mutations[signature(case, "").rstrip(": ")] += 1
        if problem:
            outcome.failures.setdefault(signature(case, problem), []).append(case.recipe)
