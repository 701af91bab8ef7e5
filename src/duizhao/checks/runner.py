"""Run the enabled checks and collect findings in document order."""

from __future__ import annotations

from collections.abc import Sequence

from duizhao.checks.registry import REGISTRY, Check, Finding, Hit, ReviewContext
from duizhao.document import Document


def _enabled(ctx: ReviewContext) -> list[Check]:
    return [c for c in REGISTRY.values() if c.id not in ctx.settings.disabled]


def _finding(check: Check, hit: Hit, ctx: ReviewContext) -> Finding:
    # A hit that sets its own level (a quotation found by copied-passage is info) keeps it: the
    # configured level replaces the check's usual one, not its exceptions.
    severity = hit.severity or ctx.settings.severities.get(check.id) or check.severity
    return Finding(check.id, severity, hit.message, hit.hint, hit.start, hit.end, hit.source)


def in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.start, f.end, f.check))


def run_checks(doc: Document, ctx: ReviewContext) -> list[Finding]:
    """Every per-document check on one document."""
    return in_order([_finding(c, hit, ctx) for c in _enabled(ctx) for hit in c.run(doc, ctx)])


def run_batch_checks(docs: Sequence[Document], ctx: ReviewContext) -> dict[int, list[Finding]]:
    """The checks that compare documents reviewed together: findings by document index."""
    found: dict[int, list[Finding]] = {}
    for check in _enabled(ctx):
        if check.batch is not None:
            for index, hit in check.batch(docs, ctx):
                found.setdefault(index, []).append(_finding(check, hit, ctx))
    return found
