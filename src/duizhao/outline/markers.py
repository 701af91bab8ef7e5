"""Numbering markers as written in materials, and their values."""

from __future__ import annotations

import re

NUMERALS = "一二三四五六七八九十"
_CN = f"[{NUMERALS}]{{1,3}}"

SECTION = re.compile(rf"(?:{_CN}[、．.，,]|第{_CN}部分[、：:，,．.]?)")
ASPECT_CN = re.compile(rf"[（(]{_CN}[）)]")
ASPECT_DOT = re.compile(r"\d{1,2}[.．](?!\d)")
ITEM_FAMILIES: dict[str, re.Pattern[str]] = {
    "shi": re.compile(rf"(?:其)?{_CN}是(?:[，,：:]?)"),
    "di": re.compile(rf"第{_CN}[，,、：:]"),
    "dun": re.compile(r"\d{1,2}、"),
    "paren": re.compile(r"[（(]\d{1,2}[）)]"),
    "dot": re.compile(r"\d{1,2}[.．](?!\d)"),
    "circled": re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩]"),
}
ITEM_ANY = re.compile("|".join(f"(?P<{name}>{p.pattern})" for name, p in ITEM_FAMILIES.items()))
# After a sentence or clause end, where an item label may follow. The scan starts with one
# character class, which ``re`` searches fast (an alternation at the start is 3–10× slower).
_PLACE = re.compile(rf"[。；;！!？?：:]\s*(?=[其第{NUMERALS}0-9（(①-⑩])")
_LABEL_START = frozenset(f"其第{NUMERALS}0123456789（(①②③④⑤⑥⑦⑧⑨⑩")


def item_labels(line: str) -> list[re.Match[str]]:
    """Item labels at the start of a line or right after a sentence or clause end."""
    first = ITEM_ANY.match(line) if line[:1] in _LABEL_START else None
    later = (ITEM_ANY.match(line, place.end()) for place in _PLACE.finditer(line))
    return [m for m in (first, *later) if m]


def value(label: str) -> int | None:
    """The number a label stands for: “三是” → 3, “（十二）” → 12, “4.” → 4, “②” → 2."""
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    circled = re.search(r"[①-⑩]", label)
    if circled:
        return ord(circled.group()) - ord("①") + 1
    chinese = re.search(f"[{NUMERALS}]+", label)
    return cn_value(chinese.group()) if chinese else None


def cn_value(numeral: str) -> int | None:
    digits = [NUMERALS.index(c) + 1 for c in numeral]
    if len(digits) == 1:
        return digits[0]
    if len(digits) == 2 and digits[0] == 10:
        return 10 + digits[1]
    if len(digits) == 2 and digits[1] == 10:
        return digits[0] * 10
    if len(digits) == 3 and digits[1] == 10:
        return digits[0] * 10 + digits[2]
    return None
