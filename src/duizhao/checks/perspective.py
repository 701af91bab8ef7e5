"""perspective-shift: the material speaks about others instead of its author.

A personal material (个人) must examine the writer: “有的同志…”, “部分班子成员…”, or the
team as the subject of a sentence (“工委班子能够…”) deflect the problems onto others. A
team material (班子) speaks for the team, so the first person singular (“我认为”) is out
of place. Only the problems and causes are read (and the measures of a team material);
quotations and phrases after 对/向/与 (objects, not subjects) are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from duizhao.checks._terms import clause_start
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_OTHERS = ("有的同志", "个别同志", "部分同志", "一些同志", "少数同志", "部分班子成员", "有的班子成员",
           "个别班子成员", "少数班子成员", "一些班子成员", "班子成员中")
_TEAM_SUBJECT = re.compile(r"班子(?:成员)?(?=能够|还|仍|在|存在|是|缺乏|整体|开展|普遍|大多|多数)")
_TEAM_NAME = ("党工委", "工委", "党委", "党组", "领导")  # may stand before 班子 as its name
_ME = re.compile(r"本人|我(?<![自忘敌你无本]我)"
                 r"(?![们局市区县省镇乡村校院委办厅司部国党处科站队组支街社公集单]|代表|为群众)")
_QUOTE = re.compile(r"“[^“”\n]{0,200}”")
_OBJECT_BEFORE = ("对", "向", "与", "和", "跟", "同", "给", "让", "被", "把", "将", "帮助", "提醒", "批评",
                  "督促", "要求", "教育", "指出", "发现", "了解", "关心", "约谈", "带领", "团结")
# “有的同志反映我……”: opinions about the writer, not deflection.
_FEEDBACK_AFTER = ("反映", "提出", "指出", "批评", "认为我", "对我", "说我", "给我", "建议", "提醒")
_PERSONAL_HINT = ("个人对照检查只讲自己的问题：以“我”为主语写清本人在其中的表现和责任，"
                  "他人或班子的问题请在谈心谈话、相互批评或班子材料中提出。")
_TEAM_HINT = "班子对照检查材料应以班子为主语（“班子”“我们”“局党组”），个人的问题写入个人对照检查材料。"


@lru_cache(maxsize=16)
def _others_pattern(extra: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted({*_OTHERS, *(w for w in extra if w)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


class _Quotes:
    """The quotations of a key, to leave quoted words alone."""

    def __init__(self, key: str) -> None:
        found = [(m.start(), m.end()) for m in _QUOTE.finditer(key)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def __contains__(self, at: int) -> bool:
        i = bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.ends[i]


def _spans(doc: Document, *roles: str) -> list[tuple[int, int]]:
    """Key spans of the sections with these roles."""
    return [(doc.key.offset(s.start), doc.key.offset(s.end)) for s in doc.sections if s.role in roles]


@register("perspective-shift", "warning", "对照检查的视角不当")
def shifted_perspective(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    if doc.kind == "personal":
        yield from _deflections(doc, _others_pattern(ctx.settings.extra_words("deflection")))
    elif doc.kind == "team":
        yield from _first_person(doc)


def _deflections(doc: Document, others: re.Pattern[str]) -> Iterator[Hit]:
    key = doc.key.key
    quoted = _Quotes(key)
    for start, end in _spans(doc, "problems", "causes"):
        found = [(m.start(), m.end()) for m in others.finditer(key, start, end)]
        teams = [(_named_from(key, m.start()), m.end()) for m in _TEAM_SUBJECT.finditer(key, start, end)]
        found += [(ks, ke) for ks, ke in teams if clause_start(key, ks)]
        for ks, ke in sorted(found):
            if ks in quoted or key.startswith(_FEEDBACK_AFTER, ke):
                continue
            if not key[max(0, ks - 2):ks].endswith(_OBJECT_BEFORE):
                s, e = doc.key.span(ks, ke)
                yield Hit(s, e, f"个人对照检查材料中以“{doc.text[s:e]}”为主语，把问题推给了他人",
                          _PERSONAL_HINT)


def _named_from(key: str, at: int) -> int:
    """Where “班子” at ``at`` starts with its name (工委班子, 党组班子) included."""
    for name in _TEAM_NAME:
        if key.startswith(name, at - len(name)):
            return at - len(name)
    return at


def _first_person(doc: Document) -> Iterator[Hit]:
    quoted = _Quotes(doc.key.key)
    for start, end in _spans(doc, "problems", "causes", "measures"):
        for m in _ME.finditer(doc.key.key, start, end):
            if m.start() not in quoted and (m.group() == "我" or clause_start(doc.key.key, m.start())):
                s, e = doc.key.span(m.start(), m.end())
                yield Hit(s, e, f"班子对照检查材料中出现第一人称单数“{doc.text[s:e]}”", _TEAM_HINT)
