"""similar-to-colleague: materials reviewed together (one ``duizhao review`` run) that share
passages — 千篇一律. Both sides get a finding naming the other.

Every paragraph long enough to index is signed; paragraphs of different documents that
share an LSH band are verified by exact alignment (13 or more matching characters, small
edits bridged). Title lines are left out, as for ``copied-passage``. Each finding carries
the other material as its source; a shared passage made of recognised quotations is info.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import PurePath

from duizhao.checks.helpers import QUOTATION_HINT, comparable_paragraphs, quoted_only
from duizhao.checks.registry import Hit, ReviewContext, register_batch
from duizhao.corpus.paragraphs import Paragraph
from duizhao.document import Document
from duizhao.similarity import BandIndex, SignatureParams
from duizhao.similarity.align import common_passages, join_nearby
from duizhao.similarity.source import Source
from duizhao.text.normal import Normalized, normalize

CANDIDATES = 5  # closest paragraphs of other documents verified per paragraph
Located = tuple[int, Paragraph]  # index of the document in the batch, and its paragraph


def _indexed(docs: Sequence[Document], params: SignatureParams) -> tuple[BandIndex, list[Located]]:
    index, located = BandIndex(params), list[Located]()
    for d, doc in enumerate(docs):
        for paragraph in comparable_paragraphs(doc, params):
            assert paragraph.signature is not None
            index.add(len(located), paragraph.signature)
            located.append((d, paragraph))
    return index, located


def _pairs(index: BandIndex, located: list[Located]) -> set[tuple[int, int]]:
    """Paragraph pairs of different documents that share a band, each pair once: for each
    paragraph the ``CANDIDATES`` closest, so a batch written from one template stays cheap."""
    pairs = set()
    for i, (d, paragraph) in enumerate(located):
        assert paragraph.signature is not None
        others = [j for j in index.query(paragraph.signature) if located[j][0] != d]
        pairs |= {(min(i, j), max(i, j)) for j in others[:CANDIDATES]}
    return pairs


def _title(doc: Document) -> str:
    return doc.title.text or PurePath(doc.path).name or "（无标题）"


def _hit(doc: Document, span: tuple[int, int], other: Document, other_span: tuple[int, int],
         ctx: ReviewContext) -> Hit:
    quoted = quoted_only(doc, *span, ctx)
    source = Source("colleague", _title(other), *other_span, other.text[slice(*other_span)],
                    "quotation" if quoted else "copy", path=other.path or None)
    chars = doc.chars(*span)
    if quoted:
        return Hit(*span, f"这段文字（{chars} 字）与{source.name()}相同，属于引用",
                   QUOTATION_HINT, "info", source)
    return Hit(*span, f"这段文字（{chars} 字）与{source.name()}相同",
               "各人的对照检查材料应由本人撰写：核实是否互相抄用或套用同一模板，结合本人实际重写。",
               source=source)


@register_batch("similar-to-colleague", "warning", "与同批材料雷同")
def similar_to_colleagues(docs: Sequence[Document], ctx: ReviewContext) -> Iterator[tuple[int, Hit]]:
    if len(docs) < 2:
        return
    index, located = _indexed(docs, SignatureParams())
    keys: dict[int, Normalized] = {}
    for i, j in sorted(_pairs(index, located)):
        (da, pa), (db, pb) = located[i], located[j]
        ka = keys.setdefault(i, normalize(pa.text))
        kb = keys.setdefault(j, normalize(pb.text))
        for passage in join_nearby(common_passages(ka, kb, ctx.settings.thresholds.min_copy_chars)):
            a_span = (pa.start + passage.a_start, pa.start + passage.a_end)
            b_span = (pb.start + passage.b_start, pb.start + passage.b_end)
            yield da, _hit(docs[da], a_span, docs[db], b_span, ctx)
            yield db, _hit(docs[db], b_span, docs[da], a_span, ctx)


