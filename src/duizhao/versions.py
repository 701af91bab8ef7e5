"""Two reviewed versions of a material compared: the text edits, and which findings were fixed,
which are new and which remain.

The text is compared paragraph by paragraph (difflib on lines), then character by character
inside the changed paragraphs, within a bounded cost. A finding is the same in both versions
when its check and its flagged text (whitespace aside) match; of several candidates the one its
position maps to through the edits is taken first, so moved text or an edit elsewhere keeps it.
A zero-width finding (a missing section, say) matches by check and message. Last, a finding left
unmatched is the same as an unmatched one of the same check whose span overlaps where its own span
lies after the edits: the writer edited the flagged words (全文仅733字 → 全文仅877字 on the same
title, a vague sentence rewritten and still vague) but the problem is still there.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from duizhao.checks.registry import Finding
from duizhao.marks import span

CHAR_DIFF_LIMIT = 1_000_000  # at most this product of lengths is compared character by character
ROUGH_LIMIT = 12_000  # at most this many characters together are compared roughly (autojunk)


@dataclass(frozen=True)
class Edit:
    kind: str  # "insert" | "delete" | "replace"
    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass
class Change:
    fixed: list[int] = field(default_factory=list)  # old findings gone from the new version
    new: list[int] = field(default_factory=list)  # new findings not in the old version
    kept: list[tuple[int, int]] = field(default_factory=list)  # (old, new): the same finding in both
    edits: list[Edit] = field(default_factory=list)  # the text edits, old → new

    def summary(self) -> str:
        """In Chinese, e.g. 修改了 3 处文字；解决了 5 个问题，新出现 1 个，仍有 7 个."""
        text = f"修改了 {len(self.edits)} 处文字" if self.edits else "文字没有改动"
        return f"{text}；解决了 {len(self.fixed)} 个问题，新出现 {len(self.new)} 个，仍有 {len(self.kept)} 个"


@dataclass(frozen=True)
class Same:
    """A stretch of text unchanged between the versions."""

    old: int
    new: int
    size: int


# --- text edits --------------------------------------------------------------------------------


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _opcodes(old: str, new: str, at_old: int, at_new: int, rough: bool) -> tuple[list[Edit], list[Same]]:
    edits: list[Edit] = []
    same: list[Same] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=rough).get_opcodes():
        if tag == "equal":
            same.append(Same(at_old + i1, at_new + j1, i2 - i1))
        else:
            edits.append(Edit(tag, at_old + i1, at_old + i2, at_new + j1, at_new + j2))
    return edits, same


def _chars(old: str, new: str, at_old: int, at_new: int) -> tuple[list[Edit], list[Same]]:
    """Character edits between two changed stretches: exact when short, line by line when both have
    as many lines, roughly (difflib's autojunk) when long, one replacement when too long."""
    if len(old) * len(new) <= CHAR_DIFF_LIMIT:
        return _opcodes(old, new, at_old, at_new, rough=False)
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(old_lines) == len(new_lines) > 1:
        return _lines(old_lines, new_lines, at_old, at_new)
    if len(old) + len(new) <= ROUGH_LIMIT:
        return _opcodes(old, new, at_old, at_new, rough=True)
    return [Edit("replace", at_old, at_old + len(old), at_new, at_new + len(new))], []


def _lines(old_lines: list[str], new_lines: list[str], at_old: int,
           at_new: int) -> tuple[list[Edit], list[Same]]:
    """Each line diffed with the line in the same place."""
    edits: list[Edit] = []
    same: list[Same] = []
    for old, new in zip(old_lines, new_lines, strict=True):
        more_edits, more_same = _chars(old, new, at_old, at_new)
        edits += more_edits
        same += more_same
        at_old, at_new = at_old + len(old), at_new + len(new)
    return edits, same


def diff(old_text: str, new_text: str) -> tuple[list[Edit], list[Same]]:
    """The edits from one text to the other, and the stretches left as they were, in order."""
    old_lines, new_lines = old_text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    old_at, new_at = _starts(old_lines), _starts(new_lines)
    edits: list[Edit] = []
    same: list[Same] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same.append(Same(old_at[i1], new_at[j1], old_at[i2] - old_at[i1]))
            continue
        more_edits, more_same = _chars(old_text[old_at[i1]:old_at[i2]], new_text[new_at[j1]:new_at[j2]],
                                       old_at[i1], new_at[j1])
        edits += more_edits
        same += more_same
    return edits, same


def moved(same: list[Same], offset: int) -> int | None:
    """Where an offset of the old text lies in the new one; None inside changed text."""
    i = bisect_right(same, offset, key=lambda s: s.old) - 1
    if i >= 0 and offset <= same[i].old + same[i].size:
        return same[i].new + offset - same[i].old
    return None


# --- findings ----------------------------------------------------------------------------------


def _key(f: Finding, text: str) -> tuple[str, str, str]:
    start, end = span(f, len(text))
    if start == end:
        return ("here", f.check, f.message)
    return ("text", f.check, "".join(text[start:end].split()))


def _candidates(text: str, findings: Sequence[Finding]) -> dict[tuple[str, str, str], list[int]]:
    by_key: dict[tuple[str, str, str], list[int]] = {}
    for j, f in enumerate(findings):
        by_key.setdefault(_key(f, text), []).append(j)
    return by_key


def _match(old_text: str, old_findings: Sequence[Finding], new_text: str, new_findings: Sequence[Finding],
           same: list[Same]) -> dict[int, int]:
    """Old finding → the same finding in the new version: first where positions map, then any."""
    by_key = _candidates(new_text, new_findings)
    new_at = [span(f, len(new_text))[0] for f in new_findings]
    wanted = [moved(same, span(f, len(old_text))[0]) for f in old_findings]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for i, f in enumerate(old_findings):
            if i in pairs or (exact and wanted[i] is None):
                continue
            found = (j for j in by_key.get(_key(f, old_text), [])
                     if j not in used and (not exact or new_at[j] == wanted[i]))
            j = next(found, None)
            if j is not None:
                pairs[i] = j
                used.add(j)
    return pairs


def _projected(same: list[Same], start: int, end: int) -> tuple[int, int]:
    """Where the span ``start``–``end`` of the old text lies in the new one: a boundary inside
    edited text moves out to the edges of the edit."""
    def edge(offset: int, after: bool) -> int:
        found = moved(same, offset)
        if found is not None:
            return found
        i = bisect_right(same, offset, key=lambda s: s.old) - 1
        if after:
            return same[i + 1].new if i + 1 < len(same) else 1 << 62
        return same[i].new + same[i].size if i >= 0 else 0

    return edge(start, after=False), edge(end, after=True)


def _in_place(old_text: str, old_findings: Sequence[Finding], new_text: str, new_findings: Sequence[Finding],
              same: list[Same], pairs: dict[int, int]) -> None:
    """Pair what is left: the same check where the old span, after the edits, overlaps the new."""
    used = set(pairs.values())
    for i, f in enumerate(old_findings):
        start, end = span(f, len(old_text))
        if i in pairs or start == end:
            continue
        low, high = _projected(same, start, end)
        for j, g in enumerate(new_findings):
            a, b = span(g, len(new_text))
            if j not in used and g.check == f.check and a < b and a < high and low < b:
                pairs[i] = j
                used.add(j)
                break


def compare(old_text: str, old_findings: Sequence[Finding], new_text: str,
            new_findings: Sequence[Finding]) -> Change:
    """What changed from one reviewed version of a material to the next."""
    edits, same = diff(old_text, new_text)
    pairs = _match(old_text, old_findings, new_text, new_findings, same)
    _in_place(old_text, old_findings, new_text, new_findings, same, pairs)
    kept_new = set(pairs.values())
    return Change(fixed=[i for i in range(len(old_findings)) if i not in pairs],
                  new=[j for j in range(len(new_findings)) if j not in kept_new],
                  kept=sorted(pairs.items()), edits=edits)
