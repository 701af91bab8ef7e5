"""measure-not-concrete: a measure with no deadline, quantity, owner or deliverable.

A measure is concrete when its text names at least one of: a deadline or a rhythm
(2026年3月底前, 年底前, 月内, 每季度, 限期), a quantity (不少于2次, 3篇, 两次), an
owner (由……负责, 牵头, 责任人), or a deliverable that is written down (制定《……》,
形成……清单/台账/方案/报告). “长期坚持”“常态化”“建立长效机制” are none of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks._terms import heading_span, node_key, quote
from duizhao.checks.helpers import found_any
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_CN = "[两二三四五六七八九十百]"
# Any digit makes a measure concrete (2026年, 3月底前, 不少于2次, 10天内), so the patterns
# below need no digit-led forms. Each starts with a literal or one class of characters, which
# the regex engine scans for quickly; one alternation of them all would be tried at every
# position. A numeral run before a unit is found at its last numeral, so ``{_CN}`` needs no ``+``.
_DIGIT = re.compile(r"\d")
_DEADLINE = re.compile(r"年底|年末|年内|年初|月内|月底|季度|上半年|下半年|每[年月周]|限期|前完成|底前")
_MONTH = re.compile("[一二三四五六七八九十]月(?:份|底|末|前|中旬|上旬|下旬)")
_QUANTITY = re.compile("不少于|不低于|至少|全覆盖")
_COUNTED = re.compile(rf"{_CN}(?:个?周内|次(?!次)|篇|场|期|项(?!规定|注意|纪律|原则)|名|课时|学时"
                      r"|份|本|件|户|家|批|轮)")
_OWNER = re.compile(r"由[^，。；]{1,15}?(?:负责|牵头)|牵头|责任人|责任单位|责任部门|负责人")
_DELIVERABLE = re.compile(r"(?:制定|修订|修改|形成|撰写|出台|编制|印发|起草|完成|提交|建立|列出)"
                          r"[^，。；]{0,15}?(?:清单|台账|方案|报告|计划|细则|办法|规定|笔记|心得|文章|论文|》)")
_CONCRETE = (_DIGIT, _DEADLINE, _MONTH, _QUANTITY, _COUNTED, _OWNER, _DELIVERABLE)


def is_concrete(key: str) -> bool:
    return found_any(_CONCRETE, key)


@register("measure-not-concrete", "warning", "整改措施不具体")
def vague_measures(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    for point in doc.points("measures"):
        if is_concrete(node_key(doc, point)):
            continue
        start, end = heading_span(doc, point)
        if end <= start:
            start, end = point.start, point.end
        yield Hit(start, end, f"整改措施“{quote(doc.text[start:end])}”没有时限、数量、责任人或成果形式",
                  "把措施写成能检查的事：写明完成时限（如“2026年3月底前”）、数量（如“每季度不少于1次”）、"
                  "由谁负责，以及形成什么成果（如制定《……》、建立……台账）。")
