"""The review as Word comments: the writer's own .docx back, with one comment per finding.

``render(item, source)`` returns the bytes of a .docx. When the material is a .docx whose text
reads back exactly as it was reviewed, that file is returned unchanged except for the comments
(word/document.xml gains the comment ranges, word/comments.xml the comments, and the package's
relationships and content types register it); any other material (.txt, .md, .pdf, .html, .doc)
becomes a new .docx of its extracted text, one paragraph per line, with the same comments.
A finding without width (a missing part, ▲) is commented on the nearest heading before it; a
summary comment (grade, counts, copy ratio) is put on the title.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from datetime import datetime
from io import BytesIO
from pathlib import Path

from duizhao.checks.registry import Finding
from duizhao.document import Document
from duizhao.reading import UnreadableDocument
from duizhao.reading.docx import Traced, trace
from duizhao.reports.text import ratios
from duizhao.reports.word import package as pkg
from duizhao.reports.word.anchor import Range, place
from duizhao.review import Reviewed

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_SPACE = " \t\r\n\u3000\xa0"


def render(item: Reviewed, source: Path | None = None, when: datetime | None = None,
           extra: Sequence[tuple[int, int, list[str]]] = ()) -> bytes:
    """The material (``source``, by default ``item.path``) with the review as Word comments,
    dated ``when`` (undated when None); ``extra`` comments (span, paragraphs) are added after them."""
    if item.document is None:
        raise ValueError(f"{item.path} 无法读取，没有可以加批注的正文")
    doc = item.document
    original = _original(source or Path(item.path), doc.text)
    if original is None:
        package = zipfile.ZipFile(BytesIO(pkg.from_text(doc.text)))
        traced = trace(package, pkg.parse)
    else:
        package, traced = original
    with package:
        return _annotate(package, traced, [*comments(item), *_extra(doc, extra)], when)


def _original(path: Path, text: str) -> tuple[zipfile.ZipFile, Traced] | None:
    """The material's own package, when it is a .docx that reads back as the reviewed text."""
    if path.suffix.lower() != ".docx" or not zipfile.is_zipfile(path):
        return None
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None
    try:
        traced = trace(package, pkg.parse)
    except (UnreadableDocument, *pkg.BROKEN):
        traced = None
    if traced is None or traced.text != text:
        package.close()
        return None
    return package, traced


def comments(item: Reviewed) -> list[tuple[int, int, list[str]]]:
    """Each comment's span of the text and its paragraphs: the summary first, then the findings."""
    doc = item.document
    assert doc is not None
    found = [(*_title_span(doc), summary(item))]
    for f in item.findings:
        start, end = (f.start, f.end) if f.end > f.start else heading_span(doc, f.start)
        found.append((start, end, finding_text(f)))
    return found


def _extra(doc: Document, extra: Sequence[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[str]]]:
    """Further comments, their spans clamped to the text; an empty span goes on the nearest heading."""
    size = len(doc.text)
    out = []
    for start, end, paragraphs in extra:
        start, end = sorted((min(max(start, 0), size), min(max(end, 0), size)))
        out.append((*((start, end) if end > start else heading_span(doc, start)), paragraphs))
    return out


def summary(item: Reviewed) -> list[str]:
    counts = "，".join(f"{name} {item.count(key)} 条" for key, name in SEVERITY.items())
    lines = [f"duizhao 审核结论：{item.grade or '未评级'}（{counts}）。"]
    if item.copy is not None:
        lines.append(f"复制比：{ratios(item.copy)}")
    lines.append("每个问题在原文相应位置有一条批注（缺少内容的问题批注在最近的标题上）。")
    return lines


def finding_text(f: Finding) -> list[str]:
    return [f"【{SEVERITY.get(f.severity, f.severity)}】{f.message}", f"建议：{f.hint}"]


def _title_span(doc: Document) -> tuple[int, int]:
    if doc.title.end > doc.title.start and doc.text[doc.title.start:doc.title.end].strip(_SPACE):
        return doc.title.start, doc.title.end
    return _line(doc.text, 0)


def heading_span(doc: Document, at: int) -> tuple[int, int]:
    """The nearest heading at or before an offset (the title, a part or an aspect), else after it."""
    spans = [_title_span(doc)] if doc.title.end > doc.title.start else []
    for section in doc.sections:
        for node in section.walk():
            if node.role != "item":
                line = _line(doc.text, node.start)
                end = node.body_start if line[0] < node.body_start < line[1] else line[1]
                spans.append((line[0], line[0] + len(doc.text[line[0]:end].rstrip(_SPACE))))
    spans = [s for s in spans if s[1] > s[0]]
    before = [s for s in spans if s[0] <= at]
    if before:
        return max(before)
    return min(spans) if spans else _line(doc.text, at)


def _line(text: str, at: int) -> tuple[int, int]:
    """The non-blank line at an offset, or the first non-blank line after it (else before it)."""
    for start in (text.rfind("\n", 0, at) + 1, 0):
        offset = start
        while offset <= len(text):  # line by line, not a split of the whole rest of the text
            end = text.find("\n", offset)
            end = len(text) if end < 0 else end
            line = text[offset:end]
            stripped = line.strip(_SPACE)
            if stripped and (start == 0 or end >= at):
                lead = len(line) - len(line.lstrip(_SPACE))
                return offset + lead, offset + lead + len(stripped)
            offset = end + 1
    return 0, len(text)


def _annotate(package: zipfile.ZipFile, traced: Traced, found: list[tuple[int, int, list[str]]],
              when: datetime | None) -> bytes:
    w = traced.w
    part, rels = pkg.comments_target(package, traced.part, w)
    existing = package.read(part) if part in package.namelist() else None
    root = pkg.comments_root(existing, w)
    first = _next_id(root, traced.root, w)
    ranges = [Range(first + n, start, end) for n, (start, end, _) in enumerate(found)]
    place(traced, ranges)
    for r, (_, _, paragraphs) in zip(ranges, found, strict=True):
        pkg.add_comment(root, w, r.id, paragraphs, when)
    changed = {traced.part: pkg.serialize(traced.root), part: pkg.serialize(root)}
    if rels is not None:
        changed[pkg.rels_name(traced.part)] = rels
    types = pkg.content_types(package.read("[Content_Types].xml"), part)
    if types is not None:
        changed["[Content_Types].xml"] = types
    return pkg.rebuild(package, changed)


def _next_id(comments: object, document: object, w: str) -> int:
    ids = [0]
    for root, tags in ((comments, ("comment",)),
                       (document, ("commentRangeStart", "commentRangeEnd", "commentReference"))):
        for tag in tags:
            ids += [int(x) + 1 for e in root.iter(w + tag)  # type: ignore[attr-defined]
                    if (x := e.get(w + "id", "")).isdigit()]
    return max(ids)
