"""Shared by the content checks: where a judgement is, and bag-of-bigram comparisons.

Not a check (it registers nothing). Text is compared on the normalised key: stop words
are cut out first, and bigrams never cross a cut, so “在政治建设方面” and “政治建设”
have the same terms. Judgements and node keys, which several checks read, are computed once
per document and kept in ``doc.memo``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import cast

from duizhao.document import Document, Node, SectionRole

_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_CHAR = re.compile(r"[\u3400-\u9fff]")
# Keys of the tables in ``Document.memo``; nodes are keyed by ``id``: they live as long as the document.
_JUDGEMENTS = (__name__, "judgement")
_NODE_KEYS = (__name__, "node_key")


def heading_span(doc: Document, node: Node) -> tuple[int, int]:
    """The span of a node's heading (its judgement sentence), without the label."""
    if node.heading:
        at = doc.text.find(node.heading, node.start, node.end)
        if at >= 0:
            return at, at + len(node.heading)
    return node.start, max(node.start, node.body_start)


def title_span(doc: Document) -> tuple[int, int]:
    return (doc.title.start, doc.title.end) if doc.title.text else (0, 0)


def part_anchor(doc: Document, role: SectionRole) -> tuple[int, int]:
    """The heading of the first section of a part, else the title."""
    sections = doc.sections_of(role)
    return heading_span(doc, sections[0]) if sections else title_span(doc)


def judgement(doc: Document, node: Node) -> str:
    """The normalised key of a node's heading (memoised per document, by node identity)."""
    table = cast("dict[int, str]", doc.memo.setdefault(_JUDGEMENTS, {}))
    found = table.get(id(node))
    if found is None:
        found = table[id(node)] = doc.key.slice(*heading_span(doc, node))
    return found


def node_key(doc: Document, node: Node) -> str:
    """The normalised key of a whole node (memoised per document, by node identity)."""
    table = cast("dict[int, str]", doc.memo.setdefault(_NODE_KEYS, {}))
    found = table.get(id(node))
    if found is None:
        found = table[id(node)] = doc.key.slice(node.start, node.end)
    return found


def runs(text: str, stop: re.Pattern[str]) -> list[str]:
    """Runs of Chinese characters left once the stop words are cut out."""
    return _RUN.findall(stop.sub("|", text))  # “|” is no Chinese character: runs never cross a cut


def stop_words(pattern: str) -> re.Pattern[str]:
    """Compile a stop-word pattern each of whose matches starts with a Chinese character it names.

    A look-ahead for those characters lets the regex engine pass over most positions at once;
    it changes no match, since no match can start anywhere else.
    """
    first = "".join(sorted(set(_CHAR.findall(pattern))))
    return re.compile(f"(?=[{first}])(?:{pattern})")


def bigrams(pieces: Iterable[str]) -> set[str]:
    return {p[i:i + 2] for p in pieces for i in range(len(p) - 1)}


def containment(part: AbstractSet[str], whole: AbstractSet[str]) -> float:
    """How much of ``part`` is in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def dice(a: AbstractSet[str], b: AbstractSet[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def quote(text: str, limit: int = 24) -> str:
    """A long heading shortened for a message."""
    return text if len(text) <= limit else text[:limit] + "……"


def clause_start(key: str, at: int) -> bool:
    """Whether ``key[at]`` starts a clause: after punctuation, a line start or 一是 and the like."""
    before = key[max(0, at - 2):at]
    return (not before or before[-1] in "。；！？\n，：（）”" or before in _LEADS
            or before[-1] in "但而")


_LEADS = frozenset(f"{n}是" for n in "一二三四五六七八九十") | {"同时", "其次", "另外", "此外", "首先"}
