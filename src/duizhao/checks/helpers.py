"""Small tools that several checks share: spans of parts, sentences, matching on the key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from duizhao.corpus.paragraphs import Paragraph, prepare
from duizhao.document import Document, Node
from duizhao.similarity import SignatureParams

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


def comparable_paragraphs(doc: Document, params: SignatureParams) -> list[Paragraph]:
    """The paragraphs compared for copying: those long enough to sign, except the title line
    (titles of one kind of meeting share their wording: ……民主生活会个人对照检查材料)."""
    return [p for p in prepare(doc.text, "", params).paragraphs
            if p.signature is not None and not (doc.title.text and p.start == doc.title.start)]
