"""Line clean-up shared by the readers: line endings, control characters, page numbers, hard wraps.

Text from a PDF (extracted, or copied and pasted) breaks lines at the page width, in the
middle of words (习近\\n平). A break is a hard wrap when the line before it is about as
wide as the text's usual full line (CJK characters count two, ASCII one; a first-line
indent counts as two characters), does not end a sentence, and the next line neither
starts a heading or an item nor is indented as a new paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\ufeff]")
_SENTENCE_END = re.compile(r"(?:[。！？!?；;：:…]|[。！？!?…][”’」』）)])\s*$")
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、是．.]|第[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.．]|[●○◆■□▲★·•※①-⑳-])")
_DASH = "-—–－―"
PAGE_NUMBER = re.compile(
    rf"^[ \t\u3000]*(?:[{_DASH}]+[ \t]*\d{{1,4}}[ \t]*[{_DASH}]+"
    r"|第[ \t]*\d{1,4}[ \t]*页(?:[ \t]*[，,/]?[ \t]*共[ \t]*\d{1,4}[ \t]*页)?)[ \t\u3000]*(?:\n|$)",
    re.MULTILINE)
_SPACED = re.compile(r"^([ \t\u3000]*)((?:\S[ \t\u3000]+){3,}\S)[ \t\u3000]*$", re.MULTILINE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_GAPS = re.compile(r"[ \t\u3000]+")
INDENT = 4  # a first-line indent of two CJK characters, in width units
TOLERANCE = 4  # how much narrower than the full width a wrapped line may be
MIN_FULL = 36  # narrower “full lines” are headings or lists, not a page width


def clean_lines(text: str) -> str:
    """Unix line ends (a form feed is a page break, so a line end), no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\x0c", "\n")
    return _CONTROL.sub("", text)


def strip_page_numbers(text: str) -> tuple[str, int]:
    """Remove lines that are only a page number (“- 3 -”, “— 12 —”, “第 3 页 共 8 页”)."""
    return PAGE_NUMBER.subn("", text)


def unspace_cjk(text: str) -> str:
    """Close up lines spaced one character apart (“习 近 平 总 书 记” → “习近平总书记”)."""

    def close(match: re.Match[str]) -> str:
        body = match.group(2)
        if len(_CJK.findall(body)) < 2:
            return match.group()
        return match.group(1) + _GAPS.sub("", body)

    return _SPACED.sub(close, text)


def width(line: str) -> int:
    """Display width of a line: CJK and other wide characters 2, ASCII 1, plus any indent."""
    body = line.strip()
    indent = INDENT if body and line[0].isspace() else 0
    return 2 * len(body) - len(body.encode("ascii", "ignore")) + indent


def full_width(widths: list[int], min_lines: int) -> int | None:
    """The page width of wrapped text: the widest band of ``TOLERANCE`` holding many lines."""
    ordered = sorted(w for w in widths if w >= MIN_FULL - TOLERANCE)
    if len(ordered) < min_lines:
        return None
    best, support = 0, 0
    for i, w in enumerate(ordered):
        held = i + 1 - bisect_left(ordered, w - TOLERANCE)
        if held >= support:
            best, support = w, held
    if best < MIN_FULL or support < max(min_lines // 2, 0.4 * len(ordered)):
        return None
    return best


def _is_wrap(line: str, following: str, full: int, indents: bool) -> bool:
    body = line.rstrip()
    return (bool(body) and width(line) >= full - TOLERANCE and not _SENTENCE_END.search(body)
            and bool(following.strip()) and not (indents and following[:1].isspace())
            and not _MARKER.match(following))


def _indents_mark_paragraphs(lines: list[str]) -> bool:
    """Whether indentation tells paragraphs apart: some lines indented, most not."""
    filled = [x for x in lines if x.strip()]
    indented = sum(1 for x in filled if x[0].isspace())
    return 0 < indented < 0.8 * len(filled)


def _join(head: str, tail: str) -> str:
    head, tail = head.rstrip(), tail.lstrip()
    spaced = head[-1:].isascii() and head[-1:].isalpha() and tail[:1].isascii() and tail[:1].isalpha()
    return head + (" " if spaced else "") + tail


def repair_wraps(text: str, min_lines: int = 8) -> tuple[str, int]:
    """Join hard-wrapped lines when the text looks wrapped; returns the text and joins made."""
    lines = text.split("\n")
    full = full_width([width(x) for x in lines], min_lines)
    if full is None:
        return text, 0
    indents = _indents_mark_paragraphs(lines)
    out: list[str] = [lines[0]]
    joins = 0
    for previous, line in pairwise(lines):
        if _is_wrap(previous, line, full, indents):
            out[-1] = _join(out[-1], line)
            joins += 1
        else:
            out.append(line)
    return "\n".join(out), joins
