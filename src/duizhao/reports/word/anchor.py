"""Comment ranges in the main part: w:t split at a span's ends, runs split there, markers around.

Only the tree of word/document.xml is edited: a w:t whose text a span starts or ends inside is
cut in two (both halves keep the element's attributes), its run is split with a copy of its
w:rPr, and w:commentRangeStart / w:commentRangeEnd plus a run holding w:commentReference go
between runs. The text of the document is therefore unchanged. A span that cannot be anchored
on characters (no w:t under it, inside a text box, or its ends in different table cells) is
anchored on the whole paragraph where it starts.
"""

from __future__ import annotations

from bisect import bisect_right
from copy import deepcopy
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from duizhao.reading.docx import Stretch, Traced

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Element = Any  # an lxml element (lxml ships no type information)


@dataclass(frozen=True)
class Range:
    """A comment to place: its id and the span of ``Traced.text`` it comments on (start < end)."""

    id: int
    start: int
    end: int


@dataclass(frozen=True)
class _Cut:
    node: Element  # a w:t
    offset: int  # a character offset in its text


def place(traced: Traced, ranges: list[Range]) -> None:
    """Insert every range's markers and reference into ``traced.root``."""
    placer = _Placer(traced)
    cuts: list[tuple[Range, _Cut, _Cut]] = []
    for r in ranges:
        found = placer.cuts(r.start, r.end)
        if found is None:
            placer.whole_paragraph(r)
        else:
            cuts.append((r, *found))
    fragments = placer.split_texts([c for _, start, end in cuts for c in (start, end)])
    for r, start, end in cuts:
        placer.mark_start(r.id, fragments[("begin", id(start.node), start.offset)])
        placer.mark_end(r.id, fragments[("end", id(end.node), end.offset)])


class _Placer:
    def __init__(self, traced: Traced) -> None:
        self.w = traced.w
        self.stretches = traced.stretches
        self.ends = [s.end for s in traced.stretches]
        self.body = next(c for c in traced.root if c.tag == self.w + "body")

    # --- where a span starts and ends --------------------------------------------------------

    def cuts(self, start: int, end: int) -> tuple[_Cut, _Cut] | None:
        """The first character's and the after-last character's place in their w:t, if usable."""
        first = bisect_right(self.ends, start)
        under: list[Stretch] = []
        for stretch in self.stretches[first:]:
            if stretch.start >= end:
                break
            under.append(stretch)
        if not under:
            return None
        head, tail = under[0], under[-1]
        begin = _Cut(head.node, head.offset + max(start - head.start, 0))
        finish = _Cut(tail.node, tail.offset + min(end, tail.end) - tail.start)
        if not (self.usable(head.node) and self.usable(tail.node)):
            return None
        if self.cell(head.node) is not self.cell(tail.node):
            return None
        return begin, finish

    def usable(self, node: Element) -> bool:
        parent = node.getparent()
        if parent is None or parent.tag != self.w + "r":
            return False
        return not any(a.tag == self.w + "txbxContent" for a in node.iterancestors())

    def cell(self, node: Element) -> Element | None:
        return next(node.iterancestors(self.w + "tc"), None)

    # --- fallback: the whole paragraph ------------------------------------------------------------

    def whole_paragraph(self, r: Range) -> None:
        p = self.paragraph_near(r.start)
        at = 1 if len(p) and p[0].tag == self.w + "pPr" else 0
        p.insert(at, self.marker("commentRangeStart", r.id))
        p.append(self.marker("commentRangeEnd", r.id))
        p.append(self.reference(r.id))

    def paragraph_near(self, at: int) -> Element:
        """The body-level paragraph of the stretch at or after an offset (else the last one)."""
        index = min(bisect_right(self.ends, at), len(self.stretches) - 1)
        if index >= 0 and self.stretches:
            node = self.stretches[index].node
            outer = [a for a in node.iterancestors(self.w + "p")]
            if outer:
                return outer[-1]
        found = self.body.find(self.w + "p")
        if found is None:
            found = self.body.makeelement(self.w + "p", {})
            self.body.insert(0, found)
        return found

    # --- splitting ---------------------------------------------------------------------------------

    def split_texts(self, cuts: list[_Cut]) -> dict[tuple[str, int, int], Element]:
        """Cut every w:t at its offsets; the fragment that begins, and that ends, at each offset."""
        offsets: dict[int, tuple[Element, set[int]]] = {}
        for cut in cuts:
            offsets.setdefault(id(cut.node), (cut.node, set()))[1].add(cut.offset)
        found: dict[tuple[str, int, int], Element] = {}
        for key, (node, wanted) in offsets.items():
            text = node.text or ""
            bounds = sorted({0, len(text)} | {k for k in wanted if 0 < k < len(text)})
            previous = None
            for begin, end in pairwise(bounds):
                fragment = node if previous is None else node.makeelement(node.tag, node.attrib)
                if previous is not None:
                    previous.addnext(fragment)
                    fragment.tail, previous.tail = previous.tail, None
                if len(bounds) > 2:
                    fragment.text = text[begin:end]
                    fragment.set(XML_SPACE, "preserve")
                found[("begin", key, begin)] = found[("end", key, end)] = fragment
                previous = fragment
        return found

    def run_from(self, fragment: Element) -> Element:
        """The run that ``fragment`` begins (the run is split before it when needed)."""
        run = fragment.getparent()
        children = list(run)
        before = children[:children.index(fragment)]
        if any(c.tag != self.w + "rPr" for c in before):
            return self.split_before(run, fragment)
        return run

    def run_to(self, fragment: Element) -> Element:
        """The run that ``fragment`` ends (the run is split after it when needed)."""
        run = fragment.getparent()
        following = fragment.getnext()
        if following is not None:
            self.split_before(run, following)
        return run

    def split_before(self, run: Element, child: Element) -> Element:
        """Move ``child`` and what follows it into a new run, with the same properties, after ``run``."""
        new = run.makeelement(run.tag, run.attrib)
        properties = run.find(self.w + "rPr")
        if properties is not None:
            new.append(deepcopy(properties))
        moving = [child, *child.itersiblings()]
        for element in moving:
            new.append(element)
        new.tail, run.tail = run.tail, None
        run.addnext(new)
        return new

    # --- markers ----------------------------------------------------------------------------------

    def mark_start(self, comment: int, fragment: Element) -> None:
        self.run_from(fragment).addprevious(self.marker("commentRangeStart", comment))

    def mark_end(self, comment: int, fragment: Element) -> None:
        run = self.run_to(fragment)
        run.addnext(self.reference(comment))
        run.addnext(self.marker("commentRangeEnd", comment))

    def marker(self, name: str, comment: int) -> Element:
        return self.body.makeelement(self.w + name, {self.w + "id": str(comment)})

    def reference(self, comment: int) -> Element:
        run = self.body.makeelement(self.w + "r", {})
        run.append(self.marker("commentReference", comment))
        return run
