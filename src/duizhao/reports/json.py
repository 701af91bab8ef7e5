"""The JSON report: a contract other tools read (version 1). Offsets index into ``text``."""

from __future__ import annotations

import json
from typing import Any

from duizhao.document import Document, Node
from duizhao.review import Review, Reviewed

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


def document_dict(item: Reviewed) -> dict[str, Any]:
    doc = item.document
    if doc is None:
        return {"path": item.path, "title": None, "kind": None, "unit": None, "post": None,
                "grade": None, "text": None, "outline": [], "stats": None, "findings": [],
                "notes": [], "error": item.error}
    return {
        "path": item.path, "title": doc.title.text, "kind": doc.kind, "unit": doc.title.unit,
        "post": doc.title.post, "grade": item.grade, "text": doc.text,
        "outline": [node_dict(s) for s in doc.sections], "stats": stats(doc),
        "findings": [{"check": f.check, "severity": f.severity, "message": f.message,
                      "hint": f.hint, "start": f.start, "end": f.end} for f in item.findings],
        "notes": doc.notes, "error": None,
    }


def as_dict(review: Review) -> dict[str, Any]:
    return {"version": VERSION, "documents": [document_dict(d) for d in review.documents]}


def render(review: Review) -> bytes:
    return json.dumps(as_dict(review), ensure_ascii=False, indent=1).encode("utf-8")
