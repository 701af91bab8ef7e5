"""The JSON report: a contract other tools read (version 1). Offsets index into ``text``."""

from __future__ import annotations

import json
from typing import Any

from duizhao.checks.registry import Finding
from duizhao.copying import CopyStats
from duizhao.document import Document, Node
from duizhao.review import Review, Reviewed
from duizhao.similarity.source import Source

VERSION = 1


def node_dict(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {"role": node.role}
    if node.role == "item":
        out["label"] = node.label
    else:
        out["heading"] = node.heading
        out["label"] = node.label
    out.update(start=node.start, end=node.end, children=[node_dict(c) for c in node.children])
    return out


def stats(doc: Document) -> dict[str, int]:
    return {"chars": doc.chars(), "problems_chars": doc.part_chars("problems"),
            "causes_chars": doc.part_chars("causes"), "measures_chars": doc.part_chars("measures")}


def source_dict(source: Source) -> dict[str, Any]:
    return {"kind": source.kind, "relation": source.relation, "title": source.title,
            "document_id": source.document_id, "path": source.path, "label": source.label,
            "year": source.year, "author": source.author, "start": source.start, "end": source.end,
            "text": source.excerpt}


def finding_dict(f: Finding) -> dict[str, Any]:
    out: dict[str, Any] = {"check": f.check, "severity": f.severity, "message": f.message,
                           "hint": f.hint, "start": f.start, "end": f.end}
    if f.source is not None:
        out["source"] = source_dict(f.source)
    return out


def copy_dict(copy: CopyStats | None) -> dict[str, Any] | None:
    if copy is None:
        return None
    sources = [{**{k: v for k, v in source_dict(s.source).items() if k not in ("start", "end", "text")},
                "chars": s.chars,
                "passages": [{"start": a[0], "end": a[1], "source_start": b[0], "source_end": b[1]}
                             for a, b in s.passages]}
               for s in copy.sources]
    return {"ratio": copy.ratio, "ratio_excluding_quotations": copy.ratio_excluding_quotations,
            "ratio_excluding_own": copy.ratio_excluding_own,
            "ratio_excluding_both": copy.ratio_excluding_both,
            "compared_with": list(copy.compared_with), "sources": sources}


def document_dict(item: Reviewed) -> dict[str, Any]:
    doc = item.document
    if doc is None:
        return {"path": item.path, "title": None, "kind": None, "unit": None, "post": None,
                "grade": None, "text": None, "outline": [], "stats": None, "findings": [],
                "notes": [], "copy": None, "error": item.error}
    return {
        "path": item.path, "title": doc.title.text, "kind": doc.kind, "unit": doc.title.unit,
        "post": doc.title.post, "grade": item.grade, "text": doc.text,
        "outline": [node_dict(s) for s in doc.sections], "stats": stats(doc),
        "findings": [finding_dict(f) for f in item.findings],
        "notes": doc.notes, "copy": copy_dict(item.copy), "error": None,
    }


def as_dict(review: Review) -> dict[str, Any]:
    return {"version": VERSION, "documents": [document_dict(d) for d in review.documents]}


def render(review: Review) -> bytes:
    return json.dumps(as_dict(review), ensure_ascii=False, indent=1).encode("utf-8")
