"""What the material page shows, from stored data only: a version's findings, outline, comments,
its text marked, and what changed since the previous version (compared once, then kept)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from duizhao.checks.registry import REGISTRY, Finding
from duizhao.reports.html import GRADE_CLASS, RELATION, ROLE
from duizhao.similarity.source import Source
from duizhao.versions import compare
from duizhao_web.materials.marking import SEVERITY, Span, marked
from duizhao_web.materials.models import Comment, Version
from duizhao_web.reviews.services import findings as stored_findings

EDITS_SHOWN = 30
EXCERPT = 60
SOURCE_FIELDS = {f.name for f in dataclasses.fields(Source)} - {"excerpt"}


def short(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def findings(version: Version) -> list[Finding]:
    """The stored findings, with the source of a copied passage (for its colour)."""
    found = stored_findings(version)
    for k, raw in enumerate(version.result.get("findings", [])):
        source = raw.get("source")
        if source:
            fields = {key: value for key, value in source.items() if key in SOURCE_FIELDS}
            found[k] = dataclasses.replace(found[k], source=Source(excerpt=source.get("text", ""), **fields))
    return found


def finding_rows(text: str, found: Sequence[Finding],
                 targets: Sequence[str] | None = None) -> list[dict[str, Any]]:
    rows = []
    for k, f in enumerate(found):
        check = REGISTRY.get(f.check)
        rows.append({"number": k, "severity": f.severity,
                     "severity_name": SEVERITY.get(f.severity, f.severity), "check": f.check,
                     "title": check.title if check else f.check, "message": f.message,
                     "hint": f.hint, "quote": short(text[f.start:f.end], 40) if f.end > f.start else "",
                     "target": targets[k] if targets else ""})
    return rows


def _anchors(outline: list[dict[str, Any]]) -> tuple[dict[int, str], list[dict[str, Any]]]:
    """Section anchors for the text, and the outline's entries (sections and their aspects)."""
    anchors: dict[int, str] = {}
    entries: list[dict[str, Any]] = []
    for i, section in enumerate(outline):
        name = f"{section.get('label', '')}{section.get('heading', '')}" or ROLE.get(section["role"], "")
        anchors.setdefault(section["start"], f"s{i}")
        aspects = [c for c in section.get("children", []) if c.get("role") == "aspect"]
        items = sum(1 for c in section.get("children", []) for _ in _items(c))
        entries.append({"id": f"s{i}", "name": short(name, 30), "role": ROLE.get(section["role"], ""),
                        "depth": 0, "items": items})
        for j, aspect in enumerate(aspects):
            anchors.setdefault(aspect["start"], f"s{i}-{j}")
            entries.append({"id": f"s{i}-{j}", "name": short(aspect["label"] + aspect["heading"], 30),
                            "role": "", "depth": 1, "items": sum(1 for _ in _items(aspect))})
    return anchors, entries


def _items(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node] if node.get("role") == "item" else []
    for child in node.get("children", []):
        found += _items(child)
    return found


def copy_sources(version: Version) -> list[dict[str, Any]]:
    copy = version.result.get("copy") or {}
    return [{"title": s.get("title") or s.get("path") or "", "relation": RELATION.get(s.get("relation"), ""),
             "chars": s.get("chars", 0), "year": s.get("year"), "label": s.get("label")}
            for s in copy.get("sources", [])]


def page(version: Version, comments: Sequence[Comment]) -> dict[str, Any]:
    """The context of a version's page (the material, permissions and forms are added by the view)."""
    found = findings(version)
    anchors, outline = _anchors(version.result.get("outline", []))
    spans = [Span(c.start, c.end, c.text) for c in comments]
    text = marked(version.text, found, spans, anchors)
    rows = [{"comment": c, "target": t, "quote": short(c.quote, 40)}
            for c, t in zip(comments, text.comment_targets, strict=True)]
    differ = change(version)
    if differ is not None:
        differ = {**differ, "new": [{**row, "target": text.finding_targets[row["number"]]}
                                    for row in differ["new"] if row["number"] < len(found)]}
    return {"marked": text.html, "findings": finding_rows(version.text, found, text.finding_targets),
            "outline": outline, "comments": rows, "notes": version.result.get("notes", []),
            "grade_class": GRADE_CLASS.get(version.grade, "g-unread"), "sources": copy_sources(version),
            "change": differ}


# --- the difference from the previous version ---------------------------------------------------


def _edit(old: str, new: str, kind: str, a: tuple[int, int], b: tuple[int, int]) -> dict[str, str]:
    return {"kind": kind, "deleted": short(old[a[0]:a[1]]), "inserted": short(new[b[0]:b[1]])}


def compared(previous: Version, version: Version) -> dict[str, Any]:
    """What changed since ``previous``, as stored data (rows of findings, short passages)."""
    old, new = findings(previous), findings(version)
    change = compare(previous.text, old, version.text, new)
    old_rows, new_rows = finding_rows(previous.text, old), finding_rows(version.text, new)
    edits = [_edit(previous.text, version.text, e.kind, (e.old_start, e.old_end), (e.new_start, e.new_end))
             for e in change.edits[:EDITS_SHOWN]]
    return {"against": previous.number, "summary": change.summary(),
            "fixed": [old_rows[i] for i in change.fixed], "new": [new_rows[j] for j in change.new],
            "kept": len(change.kept), "edits": edits,
            "more_edits": max(len(change.edits) - EDITS_SHOWN, 0)}


def change(version: Version) -> dict[str, Any] | None:
    """The comparison with the previous version, computed on first need and kept in the result."""
    kept = version.result.get("change")
    if kept is not None or version.number <= 1:
        return kept or None
    previous = version.material.versions.filter(number__lt=version.number).order_by("-number").first()
    if previous is None or previous.error or version.error:
        return None
    found = compared(previous, version)
    version.result["change"] = found
    Version.objects.filter(pk=version.pk).update(result=version.result)
    return found
