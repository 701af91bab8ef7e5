"""numbering: broken enumeration among siblings — a skipped number, a repeat, a wrong start.

Siblings are compared only within one family of markers (一、 / （一） / 一是 / 1. …). A
list that starts again at 1 is taken as a new list and left alone. Before reporting a gap
the text between the two siblings is searched for the missing marker: when it is there,
the outline merely did not take it as an item (一是…，二是…) and nothing is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document, Node
from duizhao.outline import markers
from duizhao.outline.markers import value

_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("section-di", re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分)?[、：:，,．.]?")),
    ("section", markers.SECTION),
    ("aspect", markers.ASPECT_CN),
    *markers.ITEM_FAMILIES.items(),
)

_BY_NAME = dict(_FAMILIES)


@dataclass(frozen=True)
class Marked:
    node: Node
    family: str
    value: int


@lru_cache(maxsize=512)
def _family(label: str) -> tuple[str, int] | None:
    """The marker family of a label and the number it stands for."""
    number = value(label)
    for name, pattern in _FAMILIES:
        if number is not None and pattern.fullmatch(label):
            return name, number
    return None


def _marked(nodes: list[Node]) -> list[Marked]:
    out = []
    for node in nodes:
        family = _family(node.label) if node.label else None
        if family is not None:
            level = node.role if node.role in ("aspect", "item") else "section"
            out.append(Marked(node, f"{level}:{family[0]}", family[1]))
    return out


def _present(doc: Document, family: str, numbers: set[int], start: int, end: int) -> bool:
    """Whether a marker with one of ``numbers`` is written between ``start`` and ``end``."""
    pattern = _BY_NAME[family.split(":", 1)[1]]
    return any(value(m.group()) in numbers for m in pattern.finditer(doc.text, start, end))


def _label_hit(node: Node, message: str, hint: str) -> Hit:
    return Hit(node.start, node.start + len(node.label), message, hint)


def _check_run(doc: Document, parent_start: int, run: list[Marked]) -> Iterator[Hit]:
    first = run[0]
    if first.value > 1 and not _present(doc, first.family, set(range(1, first.value)),
                                        parent_start, first.node.start):
        yield _label_hit(first.node, f"编号从“{first.node.label}”开始，前面的序号缺失",
                         "检查是否漏写了前面的条目，或把编号改为从“一”（或 1）开始。")
    for before, this in pairwise(run):
        yield from _pair(doc, before, this)


def _pair(doc: Document, before: Marked, this: Marked) -> Iterator[Hit]:
    label, gap = this.node.label, this.value - before.value
    if gap == 0:
        yield _label_hit(this.node, f"编号“{label}”与上一条重复", "依次顺延后面的编号。")
    elif gap > 1 and not _present(doc, this.family, set(range(before.value + 1, this.value)),
                                  before.node.start, this.node.start):
        yield _label_hit(this.node, f"编号不连续：“{before.node.label}”之后是“{label}”",
                         "补上缺失的条目，或把编号改为连续。")
    elif gap < 0 and this.value != 1:
        yield _label_hit(this.node, f"编号顺序颠倒：“{before.node.label}”之后是“{label}”",
                         "按先后顺序重新编号。")


def _runs(marked: list[Marked]) -> Iterator[list[Marked]]:
    """Siblings of one family, split where the numbering starts again at 1."""
    for family in dict.fromkeys(m.family for m in marked):
        run: list[Marked] = []
        for m in (x for x in marked if x.family == family):
            if run and m.value == 1 and run[-1].value > 1:
                yield run
                run = []
            run.append(m)
        yield run


def _siblings(doc: Document, parent_start: int, nodes: list[Node]) -> Iterator[Hit]:
    for run in _runs(_marked(nodes)):
        yield from _check_run(doc, parent_start, run)
    for node in nodes:
        if node.children:
            yield from _siblings(doc, node.body_start, node.children)


@register("numbering", "warning", "编号不连续或重复")
def numbering(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    body_start = doc.sections[0].start if doc.sections else 0
    yield from _siblings(doc, body_start, doc.sections)
