"""Line clean-up shared by the readers: line endings, control characters, hard wraps.

Text copied from a PDF breaks lines at the page width, in the middle of words
(习近\\n平). A break is a hard wrap when the line before it is about as long as the
text's usual full line, does not end a sentence, and the next line does not start a
heading or an item.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_SENTENCE_END = tuple("。！？；：…”」』）)!?;:")
_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、是．.]|第[一二三四五六七八九十]+|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.．]|[●○◆■□▲★·•※-])")


def clean_lines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _CONTROL.sub("", text)


def _is_wrap(line: str, following: str, width: int) -> bool:
    body = line.rstrip()
    return (len(body) >= width - 2 and not body.endswith(_SENTENCE_END)
            and bool(following.strip()) and not _MARKER.match(following))


def repair_wraps(text: str, min_lines: int = 8) -> tuple[str, int]:
    """Join hard-wrapped lines when the text looks wrapped; returns the text and joins made."""
    lines = text.split("\n")
    long_lines = [len(x.rstrip()) for x in lines if len(x.strip()) >= 15]
    if len(long_lines) < min_lines:
        return text, 0
    width = int(median(long_lines))
    near = sum(1 for n in long_lines if abs(n - width) <= 2)
    if width < 15 or near < 0.6 * len(long_lines):
        return text, 0
    out: list[str] = [lines[0]]
    joins = 0
    for previous, line in pairwise(lines):
        if _is_wrap(previous, line, width):
            out[-1] = out[-1].rstrip() + line.lstrip()
            joins += 1
        else:
            out.append(line)
    return "\n".join(out), joins
