"""Run every enabled check on a document and collect findings in document order."""

from __future__ import annotations

from duizhao.checks.registry import REGISTRY, Finding, ReviewContext
from duizhao.document import Document


def run_checks(doc: Document, ctx: ReviewContext) -> list[Finding]:
    settings = ctx.settings
    findings: list[Finding] = []
    for check in REGISTRY.values():
        if check.id in settings.disabled:
            continue
        configured = settings.severities.get(check.id)
        for hit in check.run(doc, ctx):
            severity = configured or hit.severity or check.severity
            findings.append(Finding(check.id, severity, hit.message, hit.hint, hit.start, hit.end))
    findings.sort(key=lambda f: (f.start, f.end, f.check))
    return findings
