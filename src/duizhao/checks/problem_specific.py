"""problem-not-specific: a problem stated as a bare slogan, with no fact behind it.

A problem is specific (见人见事见思想) when its text has at least one of: a number or a
counted quantity (3次, 两个项目, 4项), a date or a year, a named document or project
(《…》, “…基地”), an example marker (如：, 比如, 具体表现在), or a concrete occasion
(在推进……过程中，). Counted slogans (“两个维护”“八项规定”) and routine phrases
(在工作中，) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks._terms import heading_span, node_key, quote
from duizhao.checks.helpers import found_any
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document, Node

_CN = "[两二三四五六七八九十百千万]"
_NOUNS = "项目|企业|村|社区|单位|部门|问题|课题|专题|乡镇|街道|科室|月|小时|工作日|群众|家庭|困难户"
_ROUTINE = "(?:实际|日常|具体|平时|平常|一些|有些|个别|部分)?(?:工作|学习|生活|落实|实践|执行|思想|行动)"
# Any digit is a fact (3次, 2025年). Each pattern starts with a literal or one class of
# characters, which the regex engine scans for quickly; one alternation of them all would be
# tried at every position. A numeral run before a unit is found at its last numeral.
_DIGIT = re.compile(r"\d")
_COUNTED = re.compile(rf"{_CN}(?:项(?!规定|注意|纪律|原则)|次(?!次)|件|篇|名|家|场|户|笔|起|批|期|轮|份|条"
                      rf"|人次|天|周|年(?=来|间|内)|万元|亿元|个[^，。；]{{0,6}}?(?:{_NOUNS}))")
_MONTH = re.compile("[一二三四五六七八九十]月")
_MARKERS = re.compile(
    r"今年|去年|前年|上半年|下半年|年初|年底|年中"
    r"|《[^》]{2,40}》|“[^”]{2,20}(?:项目|工程|基地|中心|园区|平台|行动|系统|大会|专项|计划)”"
    r"|如[：:]|比如|例如|譬如|具体表现[在为]|典型的是|以[^，。；]{2,12}为例|像[^，。；]{2,20}(?:等|这样|那样)"
    r"|如(?=在|对|去年|今年|前期|近期)")
_OCCASION = re.compile(rf"在(?!{_ROUTINE}(?:中|上|时))[^，。；：\n]{{3,18}}?"
                       r"(?:中|期间|过程中|时)(?=[，、；：])")
_FACTS = (_DIGIT, _COUNTED, _MONTH, _MARKERS, _OCCASION)


def is_specific(key: str) -> bool:
    return found_any(_FACTS, key)


@register("problem-not-specific", "warning", "问题表述空泛，缺少具体事实")
def slogan_problems(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    for point in doc.points("problems"):
        if not is_specific(node_key(doc, point)):
            start, end = _judgement_span(doc, point)
            yield Hit(start, end, f"问题“{quote(doc.text[start:end])}”只有定性判断，没有具体事实",
                      "按“见人见事见思想”的要求，写明在什么时间、哪项工作中、出现了什么情况、"
                      "数量多少、造成什么后果，可用“如：……”举出1至2个实例。")


def _judgement_span(doc: Document, point: Node) -> tuple[int, int]:
    start, end = heading_span(doc, point)
    return (start, end) if end > start else (point.start, point.end)
