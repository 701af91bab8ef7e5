"""A notice cut into parts by its headings, and the enumerations found in each part.

A *run* is one enumeration: labelled items of one numbering style that count up from
their first (（一）（二）…, 1. 2. …, 一是 二是 …); numbering that starts again starts a new
run. Enumerations without labels are runs too: “重点从以下方面进行对照检查：带头……；带头……。”,
one aspect per line after such a colon, and “围绕政治建设、思想建设、作风建设三个方面”.
Each run remembers the heading it sits under and the words that lead into it, which
:mod:`duizhao.notice.choose` uses to pick the aspects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from duizhao.outline import markers

CN = markers.NUMERALS
PART = re.compile(rf"[ \t\u3000#*]*(?:[{CN}]{{1,3}}[、．.]|第[{CN}]{{1,3}}部分[、：:，,．.]?)[ \t\u3000]*")
_FAMILIES = {
    "paren_cn": rf"[（(][{CN}]{{1,3}}[）)]",
    "dot": r"\d{1,2}[.．](?![\d.．])",
    "dun": r"\d{1,2}、",
    "paren_d": r"[（(]\d{1,2}[）)]",
    "circled": "[①-⑩]",
}
_CLAUSE_FAMILIES = {"shi": rf"(?:其)?[{CN}]{{1,3}}是[，,：:]?", "di": rf"第[{CN}]{{1,3}}[，,、：:]"}
# A label starts a line or follows a sentence or clause end; 一是/第一， may also follow a comma.
_LABEL = re.compile("|".join(
    [rf"(?<![^。；;！!？?：:\s*#])(?P<{k}>{v})" for k, v in _FAMILIES.items()]
    + [rf"(?<![^。；;！!？?：:，,、\s*#])(?P<{k}>{v})" for k, v in _CLAUSE_FAMILIES.items()]))
# An aspect written as its own paragraph, without a label.
_ASPECT_LINE = re.compile(r"[*#\s]*(?:带头|在[^。，,；;]{2,30}方面)")
_STOP = re.compile(r"[。；;！!？?]")
_STOP_SENTENCE = re.compile("[。！!？?]|\n\\s*\n")
# What follows an aspect's own words: a colon, “（重点查摆……）”, “……方面，” then the explanation.
_EXPLAINED = re.compile("[：:]")
_EXPLANATION = re.compile("[（(](?:重点|主要|包括|具体|即|如)")
_ASPECT_END = re.compile("方面(?=[，,])")
_LONG = 40  # an aspect longer than this is cut at its first comma
_MIN_HEAD = 6
_TITLE_MAX = 24
_INTRO = re.compile(r"方面|对照|查摆|检视|重点|围绕")
_COUNTED = re.compile(rf"(?:围绕|从|聚焦|对照|就)([^。；;：:\n]{{4,160}}?)等?([{CN}两]|\d)个方面")
_MAX_LINES = 12
_MAX_INLINE = 800
_REACH = 2000  # how far after a colon its enumeration may run
_LOOK_BACK = 200  # how far before a run its heading or lead-in may be


@dataclass(frozen=True)
class Run:
    family: str
    items: tuple[str, ...]
    start: int
    heading: str  # the nearest heading above the run (a part heading or a short titled item)
    part: str  # the heading of the part the run is in ("" before the first part)
    lead: str  # the words between that heading and the run


@dataclass(frozen=True)
class _Title:
    end: int
    family: str
    text: str


@dataclass(frozen=True)
class _Item:
    family: str
    value: int | None
    start: int
    text: str


class Notice:
    """The notice's lines, parts and titles, with the runs found in it."""

    def __init__(self, text: str) -> None:
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.parts: list[tuple[int, str]] = [(0, "")]
        self.titles: list[_Title] = []
        self.items: list[_Item] = []
        self._aspect_lines = 0
        self._read_lines()
        self._part_starts = [start for start, _ in self.parts]
        self._title_ends = [title.end for title in self.titles]

    def _read_lines(self) -> None:
        offset = 0
        for line in self.text.split("\n"):
            self._read_line(line, offset)
            offset += len(line) + 1

    def _read_line(self, line: str, offset: int) -> None:
        part = PART.match(line)
        if part and line[part.end():].strip():
            self._aspect_lines = 0
            heading = head(line[part.end():])
            self.parts.append((offset, heading))
            self.titles.append(_Title(offset + len(line), "part", heading))
            self.items.append(_Item("part", markers.value(part.group()), offset, heading))
            # A heading glued to its first sentence: “二、检视剖析。……：一是……，二是……”.
            labels = list(_LABEL.finditer(line, part.end()))
        else:
            labels = list(_LABEL.finditer(line))
            self._aspect_line(line, offset, bool(labels))
        for i, label in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(line)
            stop = _STOP.search(line, label.end(), end)
            body = line[label.end():stop.start() if stop else end]
            family = label.lastgroup or ""
            self.items.append(_Item(family, markers.value(label.group()), offset + label.start(), head(body)))
            if len(labels) == 1 and _is_title(line[label.end():]):
                self.titles.append(_Title(offset + len(line), family, line[label.end():].strip()))

    def _aspect_line(self, line: str, offset: int, labelled: bool) -> None:
        """Consecutive unlabelled paragraphs that read like aspects count as items 1, 2, 3 …"""
        if not line.strip():
            return
        if labelled or not _ASPECT_LINE.match(line):
            self._aspect_lines = 0
            return
        self._aspect_lines += 1
        self.items.append(_Item("lines", self._aspect_lines, offset, head(line)))

    def part_at(self, offset: int) -> tuple[int, str]:
        return self.parts[bisect_right(self._part_starts, offset) - 1]

    def context(self, offset: int, family: str) -> tuple[str, str, str]:
        """The heading above ``offset`` (not one of ``family``'s own items), the part, the lead."""
        part_start, part = self.part_at(offset)
        heading, since = part, part_start
        last = bisect_right(self._title_ends, offset)
        for title in reversed(self.titles[max(0, last - _LOOK_BACK):last]):
            if title.end < part_start:
                break
            if title.family != family:
                heading, since = title.text, title.end
                break
        return heading, part, self.text[max(since, offset - 120):offset]

    def runs(self) -> list[Run]:
        return [*self._labelled_runs(), *self._listed_runs(), *self._counted_runs()]

    def _labelled_runs(self) -> list[Run]:
        groups: list[list[_Item]] = []
        current: dict[tuple[int, str], list[_Item]] = {}
        for item in self.items:
            key = (-1 if item.family == "part" else self.part_at(item.start)[0], item.family)
            run = current.get(key)
            last = run[-1].value if run else None
            if run is None or item.value is None or last is None or item.value <= last:
                run = current[key] = []
                groups.append(run)
            run.append(item)
        return [self._run(group[0].family, [i.text for i in group], group[0].start) for group in groups]

    def _run(self, family: str, items: list[str], start: int) -> Run:
        if family == "part":
            lead = self.text[:start][-120:]
            return Run(family, tuple(items), start, "", "", lead)
        heading, part, lead = self.context(start, family)
        return Run(family, tuple(items), start, heading, part, lead)

    def _listed_runs(self) -> list[Run]:
        """After “……对照检查：”, items split by ；, or one per line when the colon ends its line."""
        runs = []
        for colon in re.finditer("[：:]", self.text):
            since = max(0, colon.start() - _LOOK_BACK)
            line_start = self.text.rfind("\n", since, colon.start()) + 1
            intro = re.split("[。；;]", self.text[max(line_start, since):colon.start()])[-1]
            if not _INTRO.search(intro):
                continue
            rest = self.text[colon.end():colon.end() + _REACH]
            own_line = "\n" in rest and not rest.split("\n", 1)[0].strip()
            items = _lines_after(rest) if own_line else _clauses(rest)
            if len(items) >= 2:
                heading, part, _ = self.context(colon.start(), "inline")
                runs.append(Run("inline", tuple(items), colon.end(), heading, part, intro))
        return runs

    def _counted_runs(self) -> list[Run]:
        """“围绕政治建设、思想建设、作风建设三个方面”: as many pieces as the number says."""
        runs = []
        for match in _COUNTED.finditer(self.text):
            pieces = [p.strip() for p in re.split("[、，,]|以及|和", match.group(1)) if p.strip()]
            if len(pieces) >= 2 and len(pieces) == markers.value(match.group(2).replace("两", "二")):
                heading, part, lead = self.context(match.start(), "inline")
                runs.append(Run("counted", tuple(pieces), match.start(1), heading, part, lead))
        return runs


def _is_title(rest: str) -> bool:
    """A short labelled line with no sentence in it, such as “（二）对照检查内容”."""
    rest = rest.strip().rstrip("。")
    return len(rest) <= _TITLE_MAX and not re.search("[，,。；;：:]", rest)


def _clauses(rest: str) -> list[str]:
    end = _STOP_SENTENCE.search(rest)
    body = rest[:end.start() if end else len(rest)]
    if _LABEL.match(body.lstrip()) or len(body) > _MAX_INLINE:
        return []
    return [head(piece) for piece in re.split(r"[；;\n]", body) if piece.strip()]


def _lines_after(rest: str) -> list[str]:
    items: list[str] = []
    for line in rest.split("\n")[1:]:
        if not line.strip():
            if items:
                break
            continue
        if PART.match(line) or _LABEL.match(line.strip()) or len(items) == _MAX_LINES:
            break
        items.append(head(line))
    return items


def head(text: str) -> str:
    """The aspect itself, without its explanation: up to a colon, “……方面”, or a long clause's comma."""
    text = _STOP.split(text.strip(), maxsplit=1)[0].strip("，,、*# \t\u3000")
    text = _EXPLANATION.split(text, maxsplit=1)[0]
    colon = _EXPLAINED.search(text)
    if colon and colon.start() >= 2:
        text = text[:colon.start()]
    aspect_end = _ASPECT_END.search(text)
    if aspect_end and aspect_end.end() <= _LONG:
        text = text[:aspect_end.end()]
    if len(text) > _LONG:
        comma = text.find("，", _MIN_HEAD)
        text = text[:comma] if comma > 0 else text
    return text.strip().rstrip("。；;，,、*#").strip()
