"""similar-to-colleague: materials reviewed together (one ``duizhao review`` run) that share
passages — 千篇一律. One finding per shared passage of a material, naming every colleague
whose material contains it, closest first.

The batch is compared once (:func:`duizhao.batch.compare`: identical paragraphs grouped, the
rest aligned with the nearest paragraph seen before, exact alignment of 13 or more matching
characters, small edits bridged); the review's batch section is built from the same comparison.
Title lines and closing lines are left out, as for ``copied-passage``. Each finding carries the
closest colleague as its source; a shared passage made of recognised quotations is info.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePath

from duizhao.batch import Shared, compare
from duizhao.checks.helpers import QUOTATION_HINT
from duizhao.checks.registry import Hit, ReviewContext, register_batch
from duizhao.document import Document
from duizhao.similarity.source import Source

NAMED = 3  # colleagues named in a message before “等 N 份”
HINT = "各人的对照检查材料应由本人撰写：核实是否互相抄用或套用同一模板，结合本人实际重写。"


def _title(doc: Document) -> str:
    return doc.title.text or PurePath(doc.path).name or "（无标题）"


def label(doc: Document) -> str:
    """How a message names a colleague's material: its file name, else its title."""
    return PurePath(doc.path).name if doc.path else _title(doc)


def _message(chars: int, colleagues: tuple[int, ...], labels: Sequence[str], source: Source) -> str:
    count = len(colleagues)
    if count == 1:
        return f"这段文字（{chars} 字）与{source.name()}相同"
    names = "、".join(labels[c] for c in colleagues[:NAMED])
    more = f"等 {count} 份" if count > NAMED else ""
    return f"这段文字（{chars} 字）与同批 {count} 份材料相同：{names}{more}"


class _Hits:
    """Findings of one batch. The places of one paragraph variant share their source (the closest
    colleague) and, but for the first colleagues named, their message: both are made once."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self.docs = docs
        self.labels = [label(doc) for doc in docs]
        self.sources: dict[tuple[tuple[int, int, int], bool], Source] = {}
        self.messages: dict[tuple[int, int, tuple[int, ...], Source], str] = {}

    def source(self, shared: Shared) -> Source:
        key = (shared.source, shared.quoted)
        found = self.sources.get(key)
        if found is None:
            d, start, end = shared.source
            other = self.docs[d]
            found = self.sources[key] = Source(
                "colleague", _title(other), start, end, other.text[start:end],
                "quotation" if shared.quoted else "copy", path=other.path or None)
        return found

    def hit(self, shared: Shared) -> Hit:
        source = self.source(shared)
        chars = shared.length
        key = (chars, len(shared.colleagues), shared.colleagues[:NAMED], source)
        message = self.messages.get(key)
        if message is None:
            message = self.messages[key] = _message(chars, shared.colleagues, self.labels, source)
        if shared.quoted:
            return Hit(shared.start, shared.end, message + "，属于引用", QUOTATION_HINT, "info", source)
        return Hit(shared.start, shared.end, message, HINT, source=source)


@register_batch("similar-to-colleague", "warning", "与同批材料雷同")
def similar_to_colleagues(docs: Sequence[Document], ctx: ReviewContext) -> Iterator[tuple[int, Hit]]:
    if len(docs) < 2:
        return
    hits = _Hits(docs)
    for d, found in enumerate(compare(docs, ctx).shared):
        for shared in found:
            yield d, hits.hit(shared)
