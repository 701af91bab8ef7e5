"""Parse extracted text into the document tree.

Works on the displayed text's lines, so every offset is an offset into ``Document.text``.
Order of work: title → level-one headings (the parts) → aspects → items, each inside the
span of its parent. Items may be paragraphs of their own or inline (一是…。二是…).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from duizhao.document import Document, Kind, Node, SectionRole
from duizhao.outline import markers
from duizhao.outline.title import looks_like_title, read_title
from duizhao.text.normal import normalize


class Line(NamedTuple):
    start: int
    end: int
    text: str


_OTHER = re.compile(r"上年|去年|上一年|上次|上一次|回头看|整改落实情况|整改情况|有关事项|需要说明|"
                    r"说明的|报告的事项|廉洁自律情况")
_CAUSES = re.compile(r"原因|根源|根子|症结")
_MEASURES = re.compile(r"整改|措施|努力方向|下一步|打算|今后|改进方向|努力的方向")
_PROBLEMS = re.compile(r"问题|查摆|不足|差距|检视|剖析|短板")
_BARE_HEADING = re.compile(r"^(?:存在的?问题|主要问题|问题查摆|原因分析|根源剖析|产生问题的原因|"
                           r"整改措施|努力方向|下一步打算|整改方向)")
_HEAD_END = re.compile(r"[。：:！？]")
_LINE = re.compile(r"\S[^\n]*")


@lru_cache(maxsize=4096)
def classify(heading: str) -> SectionRole | None:
    """The part a heading names, or None when it names none (then it is no part heading)."""
    key = normalize(heading).key
    for pattern, role in ((_OTHER, "other"), (_CAUSES, "causes"), (_MEASURES, "measures"),
                          (_PROBLEMS, "problems")):
        if pattern.search(key):
            return role  # type: ignore[return-value]
    return None


def split_lines(text: str) -> list[Line]:
    """The non-blank lines, stripped, with their spans in ``text``."""
    lines = []
    for m in _LINE.finditer(text):
        stripped = m.group().rstrip()
        start = m.start()
        lines.append(Line(start, start + len(stripped), stripped))
    return lines


def _heading_of(line: Line, label_len: int) -> tuple[str, int]:
    """The heading text after a label (up to the first full stop) and where it ends."""
    rest = line.text[label_len:]
    stop = _HEAD_END.search(rest)
    heading = rest[:stop.start()] if stop else rest
    return heading.strip(), line.start + label_len + (stop.end() if stop else len(rest))


def _section_at(line: Line) -> Node | None:
    label = markers.SECTION.match(line.text)
    if label:
        heading, body = _heading_of(line, label.end())
        role = classify(heading) if len(heading) <= 60 else None
        return Node(role, line.start, line.end, label.group(), heading, body) if role else None
    if len(line.text) <= 25 and _BARE_HEADING.match(line.text):
        heading, body = _heading_of(line, 0)
        role = classify(heading)
        return Node(role, line.start, line.end, "", heading, body) if role else None
    return None


def _close(nodes: list[Node], end: int) -> None:
    for node, following in pairwise(nodes):
        node.end = following.start
    if nodes:
        nodes[-1].end = end


def _aspect_pattern(lines: list[Line]) -> re.Pattern[str] | None:
    for pattern in (markers.ASPECT_CN, markers.ASPECT_DOT):
        if any(pattern.match(line.text) for line in lines):
            return pattern
    return None


def _item_starts(lines: list[Line], text: str, skip: re.Pattern[str] | None) -> list[Node]:
    """Items in a run of lines: the first family found decides which markers count."""
    family: str | None = None
    items: list[Node] = []
    for line in lines:
        if skip is not None and skip.match(line.text):
            continue
        for m in markers.item_labels(line.text):
            if (family or m.lastgroup) != m.lastgroup:
                continue
            family = m.lastgroup
            items.append(Node("item", line.start + m.start(), line.end, m.group().rstrip("，,：:"),
                              "", line.start + m.end()))
    for item in items:
        item.heading = _first_sentence(text, item.body_start, item.end)
    return items


def _first_sentence(text: str, start: int, end: int) -> str:
    stop = _HEAD_END.search(text, start, end)
    return text[start:stop.start() if stop else end].strip()


def _trim(text: str, start: int, end: int) -> Line:
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return Line(start + lead, end, raw.strip())


def _fill(section: Node, lines: list[Line], starts: list[int], text: str) -> None:
    """``starts``: the lines' starts, computed once (per section, it made parsing quadratic)."""
    inner = lines[bisect_left(starts, section.body_start):bisect_left(starts, section.end)]
    pattern = _aspect_pattern(inner)
    if pattern is None:
        section.children = _item_starts(inner, text, None)
        _close(section.children, section.end)
        return
    aspects = []
    for line in inner:
        label = pattern.match(line.text)
        if label:
            heading, body = _heading_of(line, label.end())
            aspects.append(Node("aspect", line.start, line.end, label.group(), heading, body))
    _close(aspects, section.end)
    inner_starts = [x.start for x in inner]
    intro = inner[:bisect_left(inner_starts, aspects[0].start)]
    section.children = [*_item_starts(intro, text, None), *aspects]
    _close(section.children[:-len(aspects)] or [], aspects[0].start)
    for aspect in aspects:
        span = inner[bisect_left(inner_starts, aspect.start):bisect_left(inner_starts, aspect.end)]
        within = [x for x in span if x.end > aspect.body_start]
        trimmed = [x if x.start >= aspect.body_start else _trim(text, aspect.body_start, x.end)
                   for x in within]
        aspect.children = _item_starts([x for x in trimmed if x.text], text, pattern)
        _close(aspect.children, aspect.end)


def _infer_kind(key: str) -> Kind:
    others = sum(key.count(w) for w in ("我们", "我局", "我区", "我市", "我县"))
    me = key.count("我") - others
    team = key.count("班子") + key.count("我们")
    if me >= 3 and me > team:
        return "personal"
    if team >= 3:
        return "team"
    return "unknown"


def parse(text: str, path: str = "", notes: list[str] | None = None) -> Document:
    doc = Document(path=path, text=text, notes=list(notes or []))
    lines = split_lines(text)
    body = lines
    if lines and looks_like_title(lines[0].text):
        doc.title = read_title(text, lines[0].start, lines[0].end)
        body = lines[1:]
    sections = [s for s in (_section_at(x) for x in body) if s is not None]
    _close(sections, len(text))
    preamble_start = body[0].start if body else len(text)
    preamble_end = sections[0].start if sections else len(text)
    if preamble_end > preamble_start:
        doc.sections.append(Node("preamble", preamble_start, preamble_end,
                                 body_start=preamble_start))
    starts = [x.start for x in body]
    for section in sections:
        _fill(section, body, starts, text)
    doc.sections += sections
    doc.kind = doc.title.kind if doc.title.kind != "unknown" else _infer_kind(doc.key.key)
    return doc
