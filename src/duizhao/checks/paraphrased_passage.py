"""paraphrased-passage: a sentence of the material that rewords a sentence of the reference corpus.

Runs only when the review has a corpus and the optional model is installed
(``pip install duizhao[paraphrase]``, see :mod:`duizhao.similarity.paraphrase`); otherwise it is
silent. Reworded copies share too few characters for the band index, so the sentences are
compared with those of the corpus paragraphs near the material: the ``CANDIDATES`` band
candidates of each paragraph, and every paragraph of the ``SOURCES`` documents that most of
those candidates come from (a material copied from a template keeps some of it verbatim, which
finds the template; its reworded paragraphs are then compared too). A reworded copy of a
document that shares no verbatim paragraph with the material is not found: that needs sentence
vectors stored with the corpus.

A pair whose sentences also share a passage of ``min_copy_chars`` equal characters is left to
``copied-passage``; corpus documents labelled 引用 are not compared (rewording a quotation is
not copying). The finding carries its source for the reports, but a reworded sentence is not
counted in the copy ratios, which measure identical text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from duizhao.checks.helpers import comparable_paragraphs
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.corpus import Store
from duizhao.corpus.paragraphs import Paragraph
from duizhao.corpus.store import ParagraphInfo
from duizhao.document import Document
from duizhao.similarity import paraphrase
from duizhao.similarity.align import common_passages
from duizhao.similarity.source import QUOTATION_LABEL, Source
from duizhao.text.normal import normalize

CANDIDATES = 20  # band candidates per paragraph of the material
SOURCES = 3  # documents compared whole: those most of the candidates come from
EXCERPT = 40  # characters of the corpus sentence quoted in the message

Sentence = tuple[int, int, str]  # start, end and text
_HINT = ("对照检查材料应由本人撰写：换一种说法照搬他人材料仍是照搬，请结合本人的工作实际重写，"
         "写明具体的事、时间和数字。")


def _nearby(store: Store, paragraphs: list[Paragraph]) -> list[ParagraphInfo]:
    signed = [p.signature for p in paragraphs if p.signature is not None]
    ids = [i for signature in signed for i in store.candidates(signature, CANDIDATES)]
    found = {info.id: info for info in store.paragraphs(list(dict.fromkeys(ids)))}
    votes = Counter(found[i].document.id for i in ids if i in found)
    for document_id, _ in votes.most_common(SOURCES):
        rest = [i for i in store.paragraph_ids(document_id) if i not in found]
        found.update((info.id, info) for info in store.paragraphs(rest))
    return list(found.values())


def _sentences(text: str, offset: int = 0) -> list[Sentence]:
    return [(offset + s, offset + e, text[s:e]) for s, e in paraphrase.sentence_spans(text)]


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "……"


def _source(info: ParagraphInfo, sentence: Sentence) -> Source:
    d = info.document
    start, end, text = sentence
    return Source("corpus", d.title, info.start + start, info.start + end, text, "copy", d.id, d.path,
                  d.label, d.year, d.author)


def _hits(mine: list[Sentence], theirs: list[tuple[ParagraphInfo, Sentence]],
          min_chars: int) -> Iterator[Hit]:
    keys = [normalize(s[2]).key for s in mine], [normalize(s[2]).key for _, s in theirs]
    vectors = paraphrase.embed(keys[0]), paraphrase.embed(keys[1])  # masks restored, simplified
    for pair in paraphrase.paraphrased_pairs(*vectors):
        start, end, text = mine[pair.a]
        info, sentence = theirs[pair.b]
        source = sentence[2]
        if common_passages(normalize(text), normalize(source), min_chars):
            continue  # copied word for word: reported by copied-passage
        found = _source(info, sentence)
        yield Hit(start, end, f"这句话与{found.name()}第 {info.ordinal + 1} 段的“{_excerpt(source)}”"
                              f"意思相同，只是换了说法（语义相似度 {pair.score:.2f}）", _HINT, source=found)


@register("paraphrased-passage", "warning", "改写参考语料")
def paraphrased_passages(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    store = ctx.corpus
    if store is None or not paraphrase.available():
        return
    paragraphs = comparable_paragraphs(doc, store.params)
    mine = [s for p in paragraphs for s in _sentences(p.text, p.start)]
    theirs = [(info, s) for info in _nearby(store, paragraphs) if info.document.label != QUOTATION_LABEL
              for s in _sentences(info.text)]
    if mine and theirs:
        yield from _hits(mine, theirs, ctx.settings.thresholds.min_copy_chars)
