"""punctuation: unpaired or reversed quotes and brackets, ASCII marks in Chinese, doubled marks.

Pairs are checked within a paragraph (a quotation running over several paragraphs opens
each one with “ and closes only the last, so an open “ followed by a paragraph that starts
with “ is fine). A pair written the wrong way round (”…“) is one finding with its
correction; quote marks in Latin text (He said ”yes“) are left to the rules of that text.
ASCII marks count only between Chinese characters, so numbers (3.5, 1,000, 8:30), URLs
and English are untouched. ASCII brackets around Chinese — including the “(一)” labels
seen in real materials — are reported as info.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_CJK = "\u3400-\u9fff"
_OPEN = {"“": "”", "‘": "’", "《": "》", "（": "）", "(": ")", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_FAMILY = {"(": "（", ")": "）"}
_MARKS = re.compile("[“”‘’《》（）()【】]")
_QUOTES = "“”‘’"
_CHINESE = re.compile(rf"[{_CJK}\u3000-\u303f\uff00-\uffef]")
_SHOWN = 20  # characters of a quotation shown in a message
# Two patterns, each led by one class or literal, which the regex engine scans for quickly.
# One pattern per mark: a pattern led by one literal is scanned much faster than by a class.
_ASCII_MARKS = tuple(re.compile(rf"{re.escape(c)}(?<=[{_CJK}].)(?=\s*[{_CJK}“‘《（]|\s*$)", re.M)
                     for c in ",;:?!")
_ASCII_STOP = re.compile(rf"\.(?<=[{_CJK}]\.)(?=[{_CJK}])")
_ASCII_QUOTES = re.compile(rf'"[^"\n]*[{_CJK}][^"\n]*"')
_ASCII_PARENS = re.compile(rf"\([^()（）\n]*[{_CJK}][^()（）\n]*\)")
_STOPS = "，。、；："
# A run of two or more marks, found by the pattern of its first mark (not preceded by a mark).
_DOUBLED = tuple(re.compile(f"{c}(?<![{_STOPS}]{c})[{_STOPS}]+") for c in _STOPS)
_M = "“”‘’《》（）()【】\n"
_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), (r"\(", r"\)"), ("【", "】"))
_FLAT = "|".join(f"{o}[^{_M}]*+{c}" for o, c in _PAIRS)
_NESTED = "|".join(f"{o}(?:[^{_M}]++|{_FLAT})*+{c}" for o, c in _PAIRS)
# A line whose quotes and brackets pair up (up to two levels): the common case, one C-level match.
_GOOD = f"(?:[^{_M}]++|{_NESTED})*+"
_GOOD_LINE = re.compile(_GOOD)
_GOOD_TEXT = re.compile(f"(?:{_GOOD}\n)*+{_GOOD}")  # every line good: most texts, one pass
_FULL_WIDTH = "统一使用全角括号“（）”。"
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", ".": "句点"}


def _family(mark: str) -> str:
    return _FAMILY.get(mark, mark)


def _is_apostrophe(text: str, i: int) -> bool:
    return text[i] == "’" and text[i - 1:i].isascii() and text[i - 1:i].isalpha()


def _open_hit(mark: str, at: int) -> Hit:
    closer = _OPEN[mark]
    return Hit(at, at + 1, f"“{mark}”没有对应的“{closer}”", f"补上“{closer}”，或删去多余的“{mark}”。")


def _unclosed(text: str, stack: list[tuple[str, int]], line_end: int) -> Iterator[Hit]:
    continued = text.startswith("“", line_end + 1)
    yield from (_open_hit(mark, at) for mark, at in stack if not (mark == "“" and continued))


def _open(stack: list[tuple[str, int]], mark: str, at: int) -> Iterator[Hit]:
    if mark == "“" and stack and stack[-1][0] == "“":
        stack.pop()
        yield Hit(at, at + 1, "引号方向有误：这里应为后引号", "把这里的前引号改为后引号“””，使引号成对。")
    else:
        stack.append((mark, at))


def _close(text: str, stack: list[tuple[str, int]], mark: str, at: int) -> Iterator[Hit]:
    opener = _CLOSE[mark]
    if stack and _family(stack[-1][0]) == _family(opener):
        open_mark, _ = stack.pop()
        if open_mark != opener:
            yield Hit(at, at + 1, f"括号全角、半角混用：“{open_mark}”与“{mark}”", _FULL_WIDTH, "info")
    elif any(_family(m) == _family(opener) for m, _ in stack):
        while _family(stack[-1][0]) != _family(opener):
            yield _open_hit(*stack.pop())
        stack.pop()
    elif not _is_apostrophe(text, at):
        yield Hit(at, at + 1, f"“{mark}”前面没有对应的“{opener}”（或引号方向颠倒）",
                  f"检查引号、括号是否成对，方向是否正确：应为“{opener}……{mark}”。")


def _side(char: str) -> str:
    """What a neighbour of a quote mark is written in: "latin", "cjk" (or Chinese marks) or ""."""
    if char.isascii():
        return "latin" if char.isalnum() else ""
    return "cjk" if _CHINESE.match(char) else ""


def _in_latin(text: str, at: int, start: int, end: int) -> bool:
    """Whether a quote mark stands in Latin text (He said ”yes“): Chinese rules do not apply."""
    before = text[max(start, at - 8):at].rstrip(" \t")[-1:]
    sides = {_side(before), _side(text[at + 1:min(end, at + 9)].lstrip(" \t")[:1])}
    return "latin" in sides and "cjk" not in sides


def _shortened(inner: str) -> str:
    return inner if len(inner) <= _SHOWN else f"{inner[:_SHOWN - 6]}……{inner[-4:]}"


def _reversed_hit(text: str, first: int, last: int) -> Hit:
    closer, opener = text[first], text[last]
    inner = _shortened(text[first + 1:last])
    return Hit(first, last + 1, f"前后引号用反了：{closer}{inner}{opener}",
               f"改为{opener}{inner}{closer}：前引号在前，后引号在后。")


def _reversed_pairs(text: str, marks: list[tuple[str, int]]) -> list[tuple[int, int]]:
    """Closing quotes used as opening ones and the other way round (”…“): (first, last) of each."""
    pairs = []
    for opener, closer in (("“", "”"), ("‘", "’")):
        depth, pending = 0, -1
        for mark, at in marks:
            if mark == opener and pending >= 0:
                pairs.append((pending, at))
                pending = -1
            elif mark == opener:
                depth += 1
            elif mark == closer and depth:
                depth -= 1
            elif mark == closer and not _is_apostrophe(text, at):
                pending = at
    return pairs


def _line_pairs(text: str, start: int, end: int) -> Iterator[Hit]:
    stack: list[tuple[str, int]] = []
    marks = [(m.group(), m.start()) for m in _MARKS.finditer(text, start, end)
             if m.group() not in _QUOTES or not _in_latin(text, m.start(), start, end)]
    reversed_pairs = _reversed_pairs(text, marks)
    yield from (_reversed_hit(text, first, last) for first, last in reversed_pairs)
    paired = {at for pair in reversed_pairs for at in pair}
    for mark, at in marks:
        if at in paired:
            continue
        if mark in _OPEN:
            yield from _open(stack, mark, at)
        else:
            yield from _close(text, stack, mark, at)
    yield from _unclosed(text, stack, end)


def _pairs(text: str) -> Iterator[Hit]:
    if _GOOD_TEXT.fullmatch(text):
        return
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if not _GOOD_LINE.fullmatch(text, start, end):
            yield from _line_pairs(text, start, end)
        start = end + 1


def _ascii_marks(text: str) -> Iterator[Hit]:
    for m in (*(m for p in _ASCII_MARKS for m in p.finditer(text)), *_ASCII_STOP.finditer(text)):
        name = _NAMES[m.group()]
        yield Hit(m.start(), m.end(), f"中文语句中使用了英文{name}“{m.group()}”", "改为相应的中文标点。")
    for m in _ASCII_QUOTES.finditer(text):
        yield Hit(m.start(), m.end(), "中文语句中使用了英文双引号", "改为中文引号“……”。", "info")
    for m in _ASCII_PARENS.finditer(text):
        yield Hit(m.start(), m.end(), f"中文语句中使用了半角括号：“{m.group()}”", _FULL_WIDTH, "info")


def _doubled(text: str) -> Iterator[Hit]:
    for m in (m for p in _DOUBLED for m in p.finditer(text)):
        yield Hit(m.start(), m.end(), f"标点连用：“{m.group()}”", "只保留一个恰当的标点。")


@register("punctuation", "warning", "标点符号不规范")
def punctuation(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    text = doc.text
    hits = [*_pairs(text), *_ascii_marks(text), *_doubled(text)]
    yield from sorted(hits, key=lambda h: (h.start, h.end))
