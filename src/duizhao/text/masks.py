"""Website masks: words that template sites write in pinyin or symbols to dodge filters.

The pinyin masks are generated with pypinyin from a word list (initials for words of four
characters or more, whole pinyin for any word), never listed by hand. A single ``_``, ``X``
or ``D`` stands for 党 only where the neighbouring characters show it (党员, 治党, 党的…);
``ZZ`` is 政治. Everything here is about recognising masks; reporting them is the
``masked-word`` check's job and restoring them is the normaliser's.

Runs of ``×`` or ``*`` (:func:`symbol_runs`) are either a masked word or a blank left in a
template; the words around them tell which, from the table ``data/symbol_masks.txt``
(××生活会 → 民主生活会, ××局 → a unit). The ``masked-word`` and ``placeholder`` checks
both read this one classification, so a run is reported by exactly one of them. These
runs are not restored in the normalised key (the corpus signatures do not change).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

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
_COUNTED = set("万亿千百元年月日号项个次名人篇条件份批轮届户家")  # 投入X万元: a number, not 党


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
    if _ALNUM.match(before) or not _is_cjk(after[:1]) or after[:1] in _COUNTED:
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


# --- runs of × or *: a masked word or a blank, told by the words around them -------------

CROSSES = "×╳✕"
STARS = "*＊"
_SYMBOL_RUN = re.compile("[×╳✕*＊]+")
_BLANKS = {"〈年份〉": "year", "〈数字〉": "number", "〈单位〉": "unit", "〈人名〉": "name"}
_STAR_BEFORE = re.compile(r"[\u3400-\u9fff《“（(，、：]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_BOLD = re.compile(r"\*\*[^*\n]+?\*\*")


@dataclass(frozen=True)
class Context:
    """A line of ``data/symbol_masks.txt``: the words around a run and what the run stands for."""

    before: str
    after: str
    words: tuple[str, ...] = ()  # the masked word(s)
    blank: str = ""  # or the kind of blank: year, number, unit, name


@dataclass(frozen=True)
class SymbolRun:
    """A run of × or * and what it is: ``mask`` (a masked word, ``words`` when the context
    determines them), ``name`` (a masked name: ***同志) or ``placeholder`` (``blank`` says
    what was to be filled in; "" when only the symbol says so: ××)."""

    start: int
    end: int
    kind: str
    words: tuple[str, ...] = ()
    blank: str = ""
    context: Context | None = None


def _context(line: str) -> Context:
    pattern, _, value = (part.strip() for part in line.partition("="))
    before, _, after = pattern.partition("…")
    if value in _BLANKS:
        return Context(before, after, blank=_BLANKS[value])
    return Context(before, after, tuple(w for w in value.split("|") if w))


@cache
def symbol_contexts() -> tuple[Context, ...]:
    """The contexts of ``data/symbol_masks.txt``, longest first."""
    text = files("duizhao").joinpath("data/symbol_masks.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    found = [_context(line) for line in lines if "…" in line and not line.startswith("#")]
    return tuple(sorted(found, key=lambda c: len(c.before) + len(c.after), reverse=True))


def _fitting(text: str, start: int, end: int) -> Context | None:
    for context in symbol_contexts():
        if text.startswith(context.after, end) and text.endswith(context.before, 0, start):
            return context
    return None


def _beside_latin(text: str, start: int, end: int) -> bool:
    """Whether the nearest non-space character on either side is a Latin letter or digit (3×4)."""
    before = text[max(0, start - 8):start].rstrip(" \t")[-1:]
    after = text[end:end + 8].lstrip(" \t")[:1]
    return (before.isascii() and before.isalnum()) or (after.isascii() and after.isalnum())


def _choose(context: Context, mentions: str) -> tuple[str, ...]:
    """Of several possible words, the one the text writes out elsewhere (党史学习教育), if one."""
    if len(context.words) < 2:
        return context.words
    named = tuple(w for w in context.words if f"{context.before}{w}{context.after}" in mentions)
    return named if len(named) == 1 else context.words


def _by_context(text: str, start: int, end: int, mentions: str) -> SymbolRun | None:
    context = _fitting(text, start, end)
    if context is None or not (context.words or context.blank):
        return None
    if context.words:
        return SymbolRun(start, end, "mask", _choose(context, mentions), context=context)
    if context.blank == "name" and text[start] in STARS:
        return SymbolRun(start, end, "name", context=context)
    return SymbolRun(start, end, "placeholder", blank=context.blank, context=context)


def _classify(text: str, start: int, end: int, mentions: str) -> SymbolRun | None:
    if _beside_latin(text, start, end):
        return None
    found = _by_context(text, start, end, mentions)
    if found is not None or end - start < 2:
        return found
    if text[start] in CROSSES:
        return SymbolRun(start, end, "placeholder")
    if start and _STAR_BEFORE.match(text, start - 1) and _CJK_CHAR.match(text, end):
        return SymbolRun(start, end, "mask")
    return None


def symbol_runs(text: str, mentions: str = "") -> list[SymbolRun]:
    """Every run of × or * that is a masked word or a blank, in order. The words around a run
    decide (``data/symbol_masks.txt``); failing them, two or more stars between Chinese
    characters are a website's mask and two or more crosses a template's blank. A run beside
    Latin letters or digits (3×4, 1*2, 20**) is neither here: years are the placeholder
    check's own pattern. ``mentions`` (the normalised text) settles a context that allows
    several words when the text writes one of them out elsewhere."""
    if not any(symbol in text for symbol in CROSSES + STARS):
        return []
    found = (_classify(text, m.start(), m.end(), mentions) for m in _SYMBOL_RUN.finditer(text))
    return [run for run in found if run is not None]


def markdown_bold(text: str, path: str) -> set[int]:
    """Where ``**`` marks bold type in a Markdown file (``**粗体**``): formatting, not a mask."""
    if not path.lower().endswith(".md"):
        return set()
    return {i for m in _BOLD.finditer(text) for i in (m.start(), m.end() - 2)}
