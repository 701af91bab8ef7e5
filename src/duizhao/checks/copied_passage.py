"""copied-passage: a passage of the material that matches a document of the reference corpus.

Only runs when the review has a corpus (``duizhao review --corpus URL``). Each paragraph long
enough to index is signed like the corpus paragraphs; the paragraphs sharing a band are
verified by exact alignment (``similarity.align``), so masks, traditional characters,
punctuation and a few changed words do not hide a copy. A passage is reported once, against
the source that covers most of it. The title line is left out (see
:func:`~duizhao.checks.helpers.comparable_paragraphs`).
"""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks.helpers import comparable_paragraphs
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.corpus import Store
from duizhao.corpus.paragraphs import Paragraph
from duizhao.document import Document
from duizhao.similarity.align import MIN_CHARS, Passage, common_passages
from duizhao.text.normal import normalize

CANDIDATES = 5  # corpus paragraphs verified per paragraph of the material


def _source(store: Store, paragraph_id: int) -> tuple[str, str]:
    info = store.paragraph(paragraph_id)
    doc = info.document
    label = f"，{doc.label}" if doc.label else ""
    year = f"，{doc.year}年" if doc.year else ""
    return info.text, f"《{doc.title}》（语料库编号 {doc.id}{label}{year}，第 {info.ordinal + 1} 段）"


def _matches(store: Store, paragraph: Paragraph) -> list[tuple[Passage, str]]:
    assert paragraph.signature is not None
    mine = normalize(paragraph.text)
    found = []
    for paragraph_id in store.candidates(paragraph.signature, CANDIDATES):
        text, name = _source(store, paragraph_id)
        found += [(p, name) for p in common_passages(mine, normalize(text), MIN_CHARS)]
    return sorted(found, key=lambda pair: -pair[0].chars)


def _hits(paragraph: Paragraph, matches: list[tuple[Passage, str]]) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for passage, name in matches:
        start, end = paragraph.start + passage.a_start, paragraph.start + passage.a_end
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        yield Hit(start, end, f"这段文字（{passage.chars} 字）与语料库中{name}相同",
                  "对照检查材料应由本人撰写：删去照搬的内容，结合本人的工作实际重写，"
                  "写明具体的事、时间和数字。")


@register("copied-passage", "error", "与参考语料雷同")
def copied_passages(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    store = ctx.corpus
    if store is None:
        return
    for paragraph in comparable_paragraphs(doc, store.params):
        yield from _hits(paragraph, _matches(store, paragraph))
