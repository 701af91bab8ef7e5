"""Small tools that several checks share: spans of parts, sentences, matching on the key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import PurePath

from duizhao.checks.registry import ReviewContext
from duizhao.corpus.paragraphs import Paragraph, prepare
from duizhao.document import Document, Node
from duizhao.similarity import SignatureParams
from duizhao.text.quotation import quotation_spans, subtract

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def sentences(doc: Document, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences (or clauses ended by ；) of ``doc.text[start:end]``."""
    for m in _SENTENCE.finditer(doc.text, start, end):
        s, e = m.start(), m.end()
        while s < e and doc.text[s] in " \t\u3000":
            s += 1
        if s < e:
            yield s, e


def search(doc: Document, pattern: re.Pattern[str], start: int = 0,
           end: int | None = None) -> Iterator[tuple[re.Match[str], int, int]]:
    """Matches of ``pattern`` in the normalised key, with spans of ``doc.text``."""
    yield from doc.key.finditer(pattern, start, end)


def found_any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    """Whether one of ``patterns`` is found in ``text`` (tried in order, stopping at the first)."""
    for pattern in patterns:  # noqa: SIM110  (a plain loop: any() over a generator is slower)
        if pattern.search(text) is not None:
            return True
    return False


def key_of(doc: Document, node: Node) -> str:
    """The normalised text of a node."""
    return doc.key.slice(node.start, node.end)


def in_parts(doc: Document, *roles: str) -> list[tuple[int, int]]:
    """Spans of the sections with the given roles."""
    return [(s.start, s.end) for s in doc.sections if s.role in roles]


@lru_cache(maxsize=16)
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching any of the user's extra words (longest first), or None."""
    words = tuple(w for w in words if w)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


# the hint of a shared passage made of quotations (copied-passage, similar-to-colleague)
QUOTATION_HINT = "引用党章党规、讲话原文和规范表述是允许的：核对引文准确即可。"
_CLOSING = re.compile(r"批评指正|批评帮助|帮助指正|斧正")
CLOSING_CHARS = 60  # a closing line (以上是我的对照检查，恳请批评指正) is no longer than this


def comparable_paragraphs(doc: Document, params: SignatureParams) -> list[Paragraph]:
    """The paragraphs compared for copying: those long enough to sign, except the title line
    and a short closing line asking for criticism — every material of the genre has them
    (……民主生活会个人对照检查材料; 以上是我的个人对照检查，不妥之处，请批评指正). Signed once per
    document and parameters: the copy checks all read them."""
    memo_key = ("comparable_paragraphs", params.key())
    if memo_key not in doc.memo:
        title = doc.title.start if doc.title.text else None
        doc.memo[memo_key] = [p for p in prepare(doc.text, "", params).paragraphs
                              if p.signature is not None and p.start != title and not _closing(p.text)]
    return doc.memo[memo_key]  # type: ignore[return-value]


def _closing(line: str) -> bool:
    return len(line) <= CLOSING_CHARS and _CLOSING.search(line) is not None


def quotations(doc: Document, formulations: tuple[str, ...]) -> list[tuple[int, int]]:
    """The recognised quotations of ``doc`` (see :mod:`duizhao.text.quotation`), found once."""
    memo_key = ("quotations", formulations)
    if memo_key not in doc.memo:
        doc.memo[memo_key] = quotation_spans(doc.key, formulations)
    return doc.memo[memo_key]  # type: ignore[return-value]


def outside(spans: list[tuple[int, int]], start: int, end: int, doc: Document) -> int:
    """Characters of ``doc.text[start:end]`` (whitespace not counted) outside ``spans``."""
    return sum(doc.chars(s, e) for s, e in subtract([(start, end)], spans))


def is_own(doc: Document, author: str | None, reviewed_author: str | None) -> bool:
    """Whether a source written by ``author`` is the material's author's own: the author given
    to the review, else a name (two characters or more) found in the title line or file name."""
    if not author:
        return False
    if reviewed_author:
        return author == reviewed_author
    return len(author) >= 2 and (author in doc.title.text or author in PurePath(doc.path).stem)


def quoted_only(doc: Document, start: int, end: int, ctx: ReviewContext) -> bool:
    """Whether a passage is made of recognised quotations: what is left of it once they are
    taken out is too short to count as copying."""
    spans = quotations(doc, ctx.settings.extra_words("formulations"))
    return outside(spans, start, end, doc) < ctx.settings.thresholds.min_copy_chars
