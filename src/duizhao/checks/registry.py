"""The check registry: a check is a function registered under a stable id.

A check receives the parsed :class:`~duizhao.document.Document` and an immutable
:class:`ReviewContext` and yields :class:`Hit` objects; the runner turns hits into
:class:`Finding` objects, applying the severity configured for the check id.
Adding a check is adding one module with one ``@register`` function; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from duizhao.config import SEVERITIES, Settings, Severity
from duizhao.corpus import Store
from duizhao.document import Document
from duizhao.similarity.source import Source

__all__ = ["SEVERITIES", "Check", "Finding", "Hit", "ReviewContext", "Severity", "register",
           "register_batch"]


@dataclass(frozen=True)
class Hit:
    """What a check reports: the span of ``Document.text``, a message and a hint, in Chinese."""

    start: int
    end: int
    message: str
    hint: str
    severity: Severity | None = None  # None: the check's configured severity
    source: Source | None = None  # for a copied passage: where it came from


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    hint: str
    start: int
    end: int
    source: Source | None = None


@dataclass(frozen=True)
class ReviewContext:
    """Everything a check may know besides the document; never read globals instead."""

    settings: Settings
    aspects: tuple[str, ...] = ()
    kind: Literal["auto", "personal", "team"] = "auto"
    corpus: Store | None = None  # the reference corpus, when the review compares against one
    author: str | None = None  # the materials' author, to tell their own earlier materials apart


CheckFunction = Callable[[Document, ReviewContext], Iterable[Hit]]
# A batch check sees every document reviewed together and yields (index of the document, hit).
BatchFunction = Callable[[Sequence[Document], ReviewContext], Iterable[tuple[int, Hit]]]


def _alone(doc: Document, ctx: ReviewContext) -> Iterable[Hit]:
    return ()


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    title: str
    run: CheckFunction
    batch: BatchFunction | None = None  # set for checks that compare the documents of a batch


REGISTRY: dict[str, Check] = {}


def register(check_id: str, severity: Severity,
             title: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``check_id`` with its default severity and a Chinese title."""

    def decorate(function: CheckFunction) -> CheckFunction:
        if check_id in REGISTRY:
            raise ValueError(f"duplicate check id {check_id}")
        REGISTRY[check_id] = Check(check_id, severity, title, function)
        return function

    return decorate


def register_batch(check_id: str, severity: Severity,
                   title: str) -> Callable[[BatchFunction], BatchFunction]:
    """Register a check that compares the documents reviewed together (nothing per document)."""

    def decorate(function: BatchFunction) -> BatchFunction:
        if check_id in REGISTRY:
            raise ValueError(f"duplicate check id {check_id}")
        REGISTRY[check_id] = Check(check_id, severity, title, _alone, function)
        return function

    return decorate
