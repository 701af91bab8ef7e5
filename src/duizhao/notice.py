"""Aspects to check against: from a list file (one per line) or from a notice's text."""

from __future__ import annotations

import re
from pathlib import Path

from duizhao.outline import markers
from duizhao.reading import read_text_of

_ENUM = re.compile(
    rf"(?:^|(?<=[。；;：:\s]))(?:[（(][{markers.NUMERALS}]{{1,3}}[）)]|[{markers.NUMERALS}]{{1,3}}是|"
    rf"\d{{1,2}}[.．、]|[（(]\d{{1,2}}[）)]|第[{markers.NUMERALS}]{{1,3}}[，,、])")
_STOP = re.compile(r"[。；;\n]")


def aspects_from_list(text: str) -> tuple[str, ...]:
    """One aspect per non-empty line; leading numbering is dropped."""
    out = []
    for line in text.splitlines():
        line = _ENUM.sub("", line.strip(), count=1).strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


def aspects_from_notice(text: str) -> tuple[str, ...]:
    """The enumerated points of a notice: （一）…、一是…、1. …, each up to its first full stop.

    When the notice enumerates at several levels, the level with “带头”/“方面” wording or,
    failing that, the first enumerated run is taken.
    """
    runs: dict[str, list[str]] = {}
    for match in _ENUM.finditer(text):
        family = re.sub(rf"[{markers.NUMERALS}\d]+", "N", match.group())
        stop = _STOP.search(text, match.end())
        point = text[match.end():stop.start() if stop else len(text)].strip(" ，,：:")
        if point:
            runs.setdefault(family, []).append(point)
    if not runs:
        return ()
    preferred = [r for r in runs.values() if sum("带头" in p or "方面" in p for p in r) >= 2]
    return tuple((preferred or list(runs.values()))[0])


def load_aspects(path: Path, from_notice: bool) -> tuple[str, ...]:
    text = read_text_of(path).text
    return aspects_from_notice(text) if from_notice else aspects_from_list(text)
