"""cause-restates-problem: a cause that only says a problem again (把问题当原因).

Compares each cause's judgement with each problem's judgement after cutting out the
words that say “not enough” (不够深入, 有所弱化, 还要加强…), so what is left is the topic:
“理论学习不够深入” as a problem and “理论学习不够系统” as a cause share the topic 理论学习.
A cause restates a problem when every phrase of its topic matches a phrase of the
problem's: one holds the other (站位 in 政治站位) or most of the smaller one's bigrams are
in the larger, when they are of comparable length; else their bigram Dice coefficient.
"""

from __future__ import annotations

from collections.abc import Iterator
from heapq import merge
from itertools import groupby, islice

from duizhao.checks._terms import (
    bigrams,
    containment,
    dice,
    heading_span,
    judgement,
    quote,
    runs,
    stop_words,
)
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document, Node

_ADJ = ("深入|系统|全面|到位|扎实|透彻|坚定|牢固|自觉|主动|严格|有力|及时|精准|紧密|细致|充分|明显|"
        "突出|广泛|高|深|实|严|强|细|牢|准|够|足|多|少|好|力|紧|透|广|精|硬|够高")
_STOP = stop_words(
    rf"(?:还|仍|仍然|有时|一定程度上|有待|需要|还要|亟待|进一步)*(?:不够|不太|不很|不|欠|未)(?:{_ADJ})?"
    r"|(?:有所|逐渐|日益)?(?:弱化|淡化|减弱|减退|放松|松懈|下降|滑坡|松弛|退化|懈怠)"
    r"|(?:还要|有待|需要|亟待|仍需)(?:进一步)?(?:加强|提高|提升|增强|改进)"
    r"|浮于表面|浮在表面|流于形式|不深不透|缺乏|欠缺|缺少|存在|偏弱|偏少|偏低|较弱|较少|较多|较差|较低|薄弱|差距|短板|不足"
    r"|高度|深度|力度|程度|方面|问题|现象|情况|还|仍|有所|的|和|与|及|等|了|在|对|上"
)
_MOST_COMPARED = 100  # problems compared with one cause: see ``_Problems._holding``
_MAX_RATIO = 2.5  # beyond this length ratio, containment of the smaller phrase proves little


Phrase = tuple[str, frozenset[str]]


def topic(text: str) -> list[Phrase]:
    """The phrases left of a judgement once the “not enough” words are cut out."""
    return [(r, frozenset(bigrams([r]))) for r in runs(text, _STOP)]


def restates(cause: list[Phrase], problem: list[Phrase], threshold: float) -> bool:
    """Every phrase of the cause says again a phrase of the problem."""
    return bool(cause) and all(any(similarity(c, p) >= threshold for p in problem) for c in cause)


def similarity(a: Phrase, b: Phrase) -> float:
    """1.0 when one phrase holds the other (站位 in 政治站位), else bigram overlap."""
    if a[1].isdisjoint(b[1]):
        return 0.0  # a phrase of two or more characters shares a bigram with any phrase holding it
    small, large = (a, b) if len(a[0]) <= len(b[0]) else (b, a)
    if len(large[0]) > _MAX_RATIO * len(small[0]):
        return dice(a[1], b[1])
    if small[0] in large[0]:
        return 1.0
    return containment(small[1], large[1])


@register("cause-restates-problem", "warning", "原因分析重复问题表述")
def restated_causes(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    problems = _Problems(doc)
    threshold = ctx.settings.thresholds.min_restate_similarity
    for cause in doc.points("causes"):
        match = problems.restated(topic(judgement(doc, cause)), threshold)
        if match is not None:
            start, end = heading_span(doc, cause)
            said = quote(doc.text[start:end])
            yield Hit(start, end, f"原因“{said}”与问题“{quote(match.heading)}”说的是同一件事",
                      "原因要回答“为什么会这样”：从理想信念、党性修养、宗旨意识、纪律规矩等思想根源上"
                      "剖析，不要把问题换个说法当作原因。")


class _Problems:
    """The problems' judgements; a problem's phrases are worked out only for a cause whose
    bigrams are in its judgement (every bigram of its phrases is), so most never are."""

    def __init__(self, doc: Document) -> None:
        self.nodes = doc.points("problems")
        self.texts = [judgement(doc, p) for p in self.nodes]
        self.holders: dict[str, list[int]] = {}  # bigram → the problems holding it, in order
        for i, text in enumerate(self.texts):
            for gram in bigrams([text]):
                self.holders.setdefault(gram, []).append(i)
        self.phrases: dict[int, tuple[list[Phrase], frozenset[str]]] = {}

    def restated(self, mine: list[Phrase], threshold: float) -> Node | None:
        """The first problem that a cause's phrases say again."""
        grams = frozenset().union(*(g for _, g in mine))
        for i in self._holding(grams):
            phrases, theirs = self._phrases(i)
            if not grams.isdisjoint(theirs) and restates(mine, phrases, threshold):
                return self.nodes[i]
        return None

    def _holding(self, grams: frozenset[str]) -> Iterator[int]:
        """The problems whose judgement holds one of ``grams``, in order, at most
        ``_MOST_COMPARED`` of them: a material has a few dozen problems, and comparing every
        cause with every problem of a huge file would take quadratic time."""
        merged = merge(*(self.holders.get(gram, []) for gram in sorted(grams)))
        distinct = (i for i, _ in groupby(merged))
        return islice(distinct, _MOST_COMPARED)

    def _phrases(self, i: int) -> tuple[list[Phrase], frozenset[str]]:
        if i not in self.phrases:
            phrases = topic(self.texts[i])
            self.phrases[i] = phrases, frozenset().union(*(g for _, g in phrases))
        return self.phrases[i]
