"""problem-without-measure: a problem aspect that no measure takes up.

A problem aspect's topic is the content bigrams of its heading and its items'
judgements. The aspect is answered when one measure's whole text holds at least
``min_measure_overlap`` (settings) of those bigrams; the check is conservative, firing only where every
measure shares almost nothing with the aspect, and never where there are no measures at
all (the structure check reports that).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from duizhao.checks._terms import bigrams, heading_span, judgement, node_key, quote
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document, Node

# Runs of content characters: punctuation, digits, letters and particles cut the text.
_RUNS = re.compile(r"[^\W\d_a-zA-Z的了和与及等在是对把将为要有不还也都就]{2,}")
# Bigrams of boilerplate, and of words every part of every material uses: sharing them
# says nothing about the topic.
_IGNORED = frozenset({
    "方面", "问题", "工作", "缺乏", "欠缺", "加强", "增强", "提高", "进一", "一步", "坚持", "切实", "认真",
    "深入", "全面", "持续", "带头", "自觉", "主动", "情况", "现象", "同志", "一些",
    "习近", "近平", "中央", "党中", "贯彻", "落实", "保持", "坚决", "精神", "意识", "思想",
    "发展", "政治", "维护", "坚定", "学习", "作用", "能力", "水平", "要求", "实际", "领导"})
_MIN_TERMS = 4


def terms(text: str) -> set[str]:
    return bigrams(_RUNS.findall(text)) - _IGNORED


def _topic(doc: Document, aspect: Node) -> set[str]:
    return terms("。".join([judgement(doc, aspect), *(judgement(doc, i) for i in aspect.children)]))


def answered(topic: set[str], measures: list[str], share: float) -> bool:
    """Whether some measure's text holds at least ``share`` of the topic's bigrams.

    Counts by substring search and stops at the first measure that reaches the share, so
    no bigram set of the long measures is ever built.
    """
    need = max(1, math.ceil(share * len(topic)))
    for text in measures:
        hits = 0
        for gram in topic:
            if gram in text:
                hits += 1
                if hits >= need:
                    return True
    return False


@register("problem-without-measure", "warning", "问题没有对应的整改措施")
def unanswered_problems(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    measures = [node_key(doc, m) for m in doc.points("measures")]
    if not measures:
        return
    for aspect in doc.aspects("problems") or doc.points("problems"):
        topic = _topic(doc, aspect)
        if len(topic) < _MIN_TERMS:
            continue
        if not answered(topic, measures, ctx.settings.thresholds.min_measure_overlap):
            start, end = heading_span(doc, aspect)
            yield Hit(start, end, f"问题“{quote(doc.text[start:end])}”在整改措施中没有对应的内容",
                      "整改措施要与查摆的问题一一对应：针对这一方面的问题，写出具体的整改办法、时限和成果。")
