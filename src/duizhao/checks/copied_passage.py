"""copied-passage: a passage of the material that matches a document of the reference corpus.

Only runs when the review has a corpus (``duizhao review --corpus URL``). Each paragraph long
enough to index is signed like the corpus paragraphs; the paragraphs sharing a band are
verified by exact alignment (``similarity.align``), so masks, traditional characters,
punctuation and a few changed words do not hide a copy. A passage is reported once, against
the source that covers most of it, and the finding carries that source (document, label and
the matching span in it). The title line is left out (see
:func:`~duizhao.checks.helpers.comparable_paragraphs`).

Not every match is copying: a passage from a corpus document labelled 引用 (the user's copy of
党章, say) or made of recognised quotations is reported as info, and one from the author's own
earlier material as a warning; the copy ratios tell them apart (see :mod:`duizhao.copying`).
"""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks.helpers import QUOTATION_HINT, comparable_paragraphs, is_own, quoted_only
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.config import Severity
from duizhao.corpus.paragraphs import Paragraph
from duizhao.corpus.search import Match, find_copies
from duizhao.corpus.store import ParagraphInfo
from duizhao.document import Document
from duizhao.similarity.align import Passage
from duizhao.similarity.source import QUOTATION_LABEL, Relation, Source

_COPY_HINT = ("对照检查材料应由本人撰写：删去照搬的内容，结合本人的工作实际重写，写明具体的事、时间和数字。")
_WORDING: dict[Relation, tuple[Severity | None, str, str]] = {
    "copy": (None, "这段文字（{n} 字）与{name}第 {p} 段相同", _COPY_HINT),
    "quotation": ("info", "这段文字（{n} 字）与{name}第 {p} 段相同，属于引用，不计入去除引用后的复制比",
                  QUOTATION_HINT),
    "own": ("warning", "这段文字（{n} 字）与本人往年材料{name}第 {p} 段相同",
            "往年材料不宜原样照搬：写明上年度问题的整改情况，结合今年实际查找新问题，避免“年年提、年年犯”。"),
}


def _relation(doc: Document, ctx: ReviewContext, info: ParagraphInfo, start: int, end: int) -> Relation:
    if info.document.label == QUOTATION_LABEL or quoted_only(doc, start, end, ctx):
        return "quotation"
    return "own" if is_own(doc, info.document.author, ctx.author) else "copy"


def _source(info: ParagraphInfo, passage: Passage, relation: Relation) -> Source:
    d = info.document
    start, end = info.start + passage.b_start, info.start + passage.b_end
    return Source("corpus", d.title, start, end, info.text[passage.b_start:passage.b_end], relation,
                  d.id, d.path, d.label, d.year, d.author)


def _hits(doc: Document, ctx: ReviewContext, paragraph: Paragraph, matches: list[Match]) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for passage, info in matches:
        start, end = paragraph.start + passage.a_start, paragraph.start + passage.a_end
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        source = _source(info, passage, _relation(doc, ctx, info, start, end))
        severity, message, hint = _WORDING[source.relation]
        yield Hit(start, end, message.format(n=doc.chars(start, end), name=source.name(), p=info.ordinal + 1),
                  hint, severity, source)


@register("copied-passage", "error", "与参考语料雷同")
def copied_passages(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    store = ctx.corpus
    if store is None:
        return
    min_chars = ctx.settings.thresholds.min_copy_chars
    for paragraph in comparable_paragraphs(doc, store.params):
        assert paragraph.signature is not None
        matches = find_copies(store, paragraph.text, paragraph.signature, min_chars)
        yield from _hits(doc, ctx, paragraph, matches)
