"""The JSON report: a contract other tools read (version 1). Offsets index into ``text``."""

from __future__ import annotations

import json
from typing import Any

from duizhao.checks.registry import Finding
from duizhao.copying import CopyStats
from duizhao.document import Document, Node
from duizhao.groups import Batch, Group
from duizhao.review import Review, Reviewed, paused_gc
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


def finding_dict(f: Finding, colleagues: tuple[int, ...] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"check": f.check, "severity": f.severity, "message": f.message,
                           "hint": f.hint, "start": f.start, "end": f.end}
    if f.source is not None:
        out["source"] = source_dict(f.source)
    if colleagues:
        out["colleagues"] = list(colleagues)
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


class Encoded(list[str]):
    """Values already written as JSON (the lines of a material's findings), put in as they are."""


class _Writer:
    """Findings written straight to JSON, each string and source encoded once: the places of one
    shared paragraph have the same source and message, and every finding of a check its hint. The
    line is exactly what the encoder makes of :func:`finding_dict` (a test holds them equal)."""

    def __init__(self, batch: Batch | None) -> None:
        self.batch = batch
        self.numbers = [str(n) for n in batch.numbers] if batch else []  # batch position → index
        self.strings: dict[str, str] = {}
        self.sources: dict[int, tuple[Source, str]] = {}  # by id; the source is kept alive with it

    def string(self, text: str | None) -> str:
        if text is None:
            return "null"
        found = self.strings.get(text)
        if found is None:
            found = self.strings[text] = _COMPACT.encode(text)
        return found

    def source(self, source: Source) -> str:
        found = self.sources.get(id(source))
        if found is None:
            s, number = self.string, _number
            line = "".join([
                '{"kind": ', s(source.kind), ', "relation": ', s(source.relation), ', "title": ',
                s(source.title), ', "document_id": ', number(source.document_id), ', "path": ',
                s(source.path), ', "label": ', s(source.label), ', "year": ', number(source.year),
                ', "author": ', s(source.author), f', "start": {source.start}, "end": {source.end}',
                ', "text": ', _COMPACT.encode(source.excerpt), "}"])
            found = self.sources[id(source)] = (source, line)
        return found[1]

    def finding(self, f: Finding, number: int) -> str:
        s = self.string
        line = (f'{{"check": {s(f.check)}, "severity": {s(f.severity)}, "message": {s(f.message)}, '
                f'"hint": {s(f.hint)}, "start": {f.start}, "end": {f.end}')
        if f.source is not None:
            line += ', "source": ' + self.source(f.source)
        if self.batch is not None and f.check == "similar-to-colleague":
            found = self.batch.positions(number, f.start, f.end)
            if found:
                line += ', "colleagues": [' + ", ".join(map(self.numbers.__getitem__, found)) + "]"
        return line + "}"


    def group(self, group: Group) -> dict[str, Any]:
        """A group with its members, passages and pairs as encoded lines (as :func:`group_dict`)."""
        return {
            "members": Encoded([f'{{"document": {m.number}, "chars": {m.chars}, "share": {m.share!r}}}'
                                for m in group.members]),
            "passages": Encoded([f'{{"text": {_COMPACT.encode(p.text)}, "count": {p.count}, "places": ['
                                 + ", ".join([f'{{"document": {d}, "start": {s}, "end": {e}}}'
                                              for d, s, e in p.places]) + "]}"
                                 for p in group.passages]),
            "pairs": Encoded([f'{{"a": {p.a}, "b": {p.b}, "a_chars": {p.a_chars}, "b_chars": {p.b_chars}, '
                              f'"a_share": {p.a_share!r}, "b_share": {p.b_share!r}}}' for p in group.pairs]),
        }


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


def _findings(item: Reviewed, number: int, batch: Batch | None,
              writer: _Writer | None = None) -> list[Any]:
    if writer is not None:
        return Encoded([writer.finding(f, number) for f in item.findings])

    def colleagues(f: Finding) -> tuple[int, ...] | None:
        if batch is None or f.check != "similar-to-colleague":
            return None
        return batch.colleagues(number, f.start, f.end)

    return [finding_dict(f, colleagues(f)) for f in item.findings]


def document_dict(item: Reviewed, number: int = 0, batch: Batch | None = None,
                  writer: _Writer | None = None) -> dict[str, Any]:
    doc = item.document
    if doc is None:
        return {"path": item.path, "title": None, "kind": None, "unit": None, "post": None,
                "grade": None, "text": None, "outline": [], "stats": None, "findings": [],
                "notes": [], "copy": None, "error": item.error}
    return {
        "path": item.path, "title": doc.title.text, "kind": doc.kind, "unit": doc.title.unit,
        "post": doc.title.post, "grade": item.grade, "text": doc.text,
        "outline": [node_dict(s) for s in doc.sections], "stats": stats(doc),
        "findings": _findings(item, number, batch, writer),
        "notes": doc.notes, "copy": copy_dict(item.copy), "error": None,
    }


def group_dict(group: Group, writer: _Writer | None = None) -> dict[str, Any]:
    if writer is not None:
        return writer.group(group)
    return {
        "members": [{"document": m.number, "chars": m.chars, "share": m.share} for m in group.members],
        "passages": [{"text": p.text, "count": p.count,
                      "places": [{"document": d, "start": s, "end": e} for d, s, e in p.places]}
                     for p in group.passages],
        "pairs": [{"a": p.a, "b": p.b, "a_chars": p.a_chars, "b_chars": p.b_chars,
                   "a_share": p.a_share, "b_share": p.b_share} for p in group.pairs],
    }


def batch_dict(batch: Batch | None, writer: _Writer | None = None) -> dict[str, Any] | None:
    if batch is None:
        return None
    return {"min_group_chars": batch.min_chars, "documents": list(batch.numbers),
            "groups": [group_dict(g, writer) for g in batch.groups]}


def as_dict(review: Review, writer: _Writer | None = None) -> dict[str, Any]:
    """The report as plain values (with a writer: the findings already encoded)."""
    return {"version": VERSION,
            "documents": [document_dict(d, n, review.batch, writer)
                          for n, d in enumerate(review.documents)],
            "batch": batch_dict(review.batch, writer)}


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
RECORD_DEPTH = 4  # objects this deep (a finding, a member, a pair, an outline part) take one line


def _lines(value: Any, depth: int, out: list[str]) -> None:
    """Indented JSON: objects and lists of objects opened one per line down to ``RECORD_DEPTH``;
    deeper objects, and lists of plain values (the colleagues of a finding), on one line each.
    Only the layout is written here, by the C encoder's rules for every value."""
    pad = "\n" + " " * (depth + 1)
    if isinstance(value, Encoded):
        out.append("[" + pad + ("," + pad).join(value) + "\n" + " " * depth + "]" if value else "[]")
    elif isinstance(value, dict) and value and depth < RECORD_DEPTH:
        out.append("{")
        for i, (key, item) in enumerate(value.items()):
            out.append(("," if i else "") + pad + _COMPACT.encode(key) + ": ")
            _lines(item, depth + 1, out)
        out.append("\n" + " " * depth + "}")
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        out.append("[")
        for i, item in enumerate(value):
            out.append(("," if i else "") + pad)
            _lines(item, depth + 1, out)
        out.append("\n" + " " * depth + "]")
    else:
        out.append(_COMPACT.encode(value))


def render(review: Review) -> bytes:
    """Indented JSON with one line per finding, group member, pair or common passage."""
    out: list[str] = []
    with paused_gc():  # a tree of new dicts and strings, no cycles: nothing for the collector
        _lines(as_dict(review, _Writer(review.batch)), 0, out)
    return "".join(out).encode("utf-8")
