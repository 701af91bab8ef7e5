"""Website masks: words that template sites write in pinyin or symbols to dodge filters.

The pinyin masks are generated with pypinyin from a word list (initials for words of four
characters or more, whole pinyin for any word), never listed by hand. A single ``_``, ``X``
or ``D`` stands for 党 only where the neighbouring characters show it (党员, 治党, 党的…);
``ZZ`` is 政治. Everything here is about recognising masks; reporting them is the
``masked-word`` check's job and restoring them is the normaliser's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pypinyin import Style, lazy_pinyin

MASKED_WORDS = (
    "民主生活会", "组织生活会", "专题民主生活会", "党史", "党史学习教育", "政治", "党员", "党委",
    "党组", "党建", "党性", "党风", "党章", "党中央", "习近平", "总书记", "中国共产党", "共产党",
    "社会主义", "马克思主义", "纪委", "反腐", "腐败", "廉政", "民主", "学习教育", "主题教育",
    "四个意识", "四个自信", "两个维护", "两个确立", "八项规定", "意识形态", "从严治党",
    "全面从严治党", "对照检查", "批评与自我批评", "政治站位", "领导干部",
)
EXTRA_MASKS = {"zz": "政治", "xjp": "习近平", "gcd": "共产党"}

_ANY_RUN = re.compile(r"[A-Za-z_]+")  # one character class: the engine scans it fast
_RUNS = re.compile(r"[A-Za-z]+|_+")
_ALNUM = re.compile(r"[A-Za-z0-9_*]")
_PARTY_NEXT = set("员委性风建章史组内纪规课务旗徽")
_PARTY_NEXT2 = {"中央", "和国", "政机", "的领", "的建", "的十", "的二", "的创", "的历",
                "的理", "的基", "的宗", "的光", "的组", "的纪", "的群", "的自", "的优", "的全",
                "的思", "的路", "的方", "的政", "的事", "的初", "的使"}
_PARTY_PREV = set("治入爱护")


@cache
def pinyin_masks() -> dict[str, str]:
    """Lower-case pinyin mask → the word it stands for."""
    masks: dict[str, str] = dict(EXTRA_MASKS)
    for word in MASKED_WORDS:
        if len(word) >= 4:
            masks.setdefault("".join(lazy_pinyin(word, style=Style.FIRST_LETTER)), word)
        masks.setdefault("".join(lazy_pinyin(word)), word)
    return masks


@dataclass(frozen=True)
class Mask:
    start: int
    end: int
    word: str


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def _is_party(text: str, i: int) -> bool:
    """Is the single letter or underscore at ``i`` a mask of 党? The neighbours decide."""
    before = text[i - 1] if i else ""
    after = text[i + 1:i + 3]
    if text[i] == "_":
        return (_is_cjk(before) and _is_cjk(after[:1])) or before in _PARTY_PREV
    if _ALNUM.match(before) or not _is_cjk(after[:1]):
        return False
    return after[:1] in _PARTY_NEXT or after in _PARTY_NEXT2 or before in _PARTY_PREV


def _mask_at(text: str, s: int, e: int, table: dict[str, str]) -> str | None:
    """The word a run of letters or underscores at ``s:e`` stands for, if it is a mask."""
    run = text[s:e]
    if e - s == 1:
        return "党" if run in "_XxDd" and _is_party(text, s) else None
    word = table.get(run.lower())
    if word is None or (s and text[s - 1].isdigit()) or text[e:e + 1].isdigit():
        return None
    return word


def find_masks(text: str) -> list[Mask]:
    """Every mask in a text (raw or normalised), in order."""
    table = pinyin_masks()
    found = []
    for outer in _ANY_RUN.finditer(text):
        for m in _RUNS.finditer(text, outer.start(), outer.end()):
            word = _mask_at(text, m.start(), m.end(), table)
            if word:
                found.append(Mask(m.start(), m.end(), word))
    return found
