"""Word's automatic numbering: the lists of numbering.xml, their counters and number formats.

A paragraph's label (“一、”, “（二）”, “3.”) is not in its text; Word renders it from the
list's level (format, text like “%1、”, start value) and a counter. Lists (w:num) that share
an abstract list continue one count, as in Word, unless a w:startOverride restarts a level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PLACEHOLDER = re.compile(r"%([1-9])")


def val(el: ET.Element | None, w: str) -> str | None:
    return None if el is None else el.get(w + "val")


def number(text: str | None, default: int) -> int:
    """A level or start value; anything but a few ASCII digits (“²”, “３”, “-1”) gives the default."""
    return int(text) if text and text.isascii() and text.isdigit() and len(text) < 7 else default


@dataclass(frozen=True)
class Style:
    num_id: str | None
    ilvl: int | None
    based_on: str | None


def read_styles(root: ET.Element | None, w: str) -> dict[str, Style]:
    """Styles by id with their numbering; the default paragraph style is also under ""."""
    styles: dict[str, Style] = {}
    for style in root.iter(w + "style") if root is not None else ():
        num = style.find(f"{w}pPr/{w}numPr")
        ilvl = val(num.find(w + "ilvl"), w) if num is not None else None
        entry = Style(val(num.find(w + "numId"), w) if num is not None else None,
                      None if ilvl is None else number(ilvl, 0), val(style.find(w + "basedOn"), w))
        styles[style.get(w + "styleId", "")] = entry
        if style.get(w + "default") in ("1", "true", "on") and style.get(w + "type") == "paragraph":
            styles[""] = entry
    return styles


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False
    style: str | None = None


def _level(lvl: ET.Element, w: str) -> Level:
    fmt = lvl.find(w + "numFmt")
    if fmt is None:
        fmt = lvl.find(f".//{FALLBACK}/{w}numFmt")
    legal = lvl.find(w + "isLgl")
    return Level(val(fmt, w) or "decimal", val(lvl.find(w + "lvlText"), w) or "",
                 number(val(lvl.find(w + "start"), w), 1),
                 legal is not None and val(legal, w) not in ("0", "false", "off"),
                 val(lvl.find(w + "pStyle"), w))


@dataclass
class ListInstance:
    """A w:num: its abstract list, levels it redefines, and levels it restarts."""

    abstract: str
    levels: dict[int, Level] = field(default_factory=dict)
    starts: dict[int, int] = field(default_factory=dict)


def _instance(num: ET.Element, w: str) -> ListInstance:
    instance = ListInstance(val(num.find(w + "abstractNumId"), w) or "")
    for override in num.findall(w + "lvlOverride"):
        ilvl = number(override.get(w + "ilvl"), 0)
        lvl, start = override.find(w + "lvl"), override.find(w + "startOverride")
        if lvl is not None:
            instance.levels[ilvl] = _level(lvl, w)
        if start is not None:
            instance.starts[ilvl] = number(val(start, w), 1)
    return instance


@dataclass
class Numbering:
    """The lists of numbering.xml and their running counters, used in document order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, ListInstance] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: ET.Element | None, w: str, styles: dict[str, Style]) -> Numbering:
        numbering = cls()
        links: dict[str, str] = {}
        for abstract in root.iter(w + "abstractNum") if root is not None else ():
            key = abstract.get(w + "abstractNumId", "")
            numbering.levels[key] = {ilvl: _level(x, w) for x in abstract.iter(w + "lvl")
                                     if (ilvl := number(x.get(w + "ilvl") or "0", -1)) >= 0}
            link = val(abstract.find(w + "numStyleLink"), w)
            if link:
                links[key] = link
        for num in root.iter(w + "num") if root is not None else ():
            numbering.lists[num.get(w + "numId", "")] = _instance(num, w)
        for key, link in links.items():
            style = styles.get(link)
            target = numbering.lists.get(style.num_id or "") if style else None
            if target and not numbering.levels[key]:
                numbering.levels[key] = numbering.levels.get(target.abstract, {})
        return numbering

    def label(self, num_id: str, ilvl: int | None) -> str:
        """The label of the next paragraph of a list at a level; advances the count."""
        instance = self.lists.get(num_id)
        if instance is None:
            return ""
        levels = {**self.levels.get(instance.abstract, {}), **instance.levels}
        ilvl = ilvl or 0
        if ilvl not in levels:
            return ""
        count = self.counters.setdefault(instance.abstract, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            count.update({k: v - 1 for k, v in instance.starts.items()})
        count[ilvl] = count.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        return render(levels, count, ilvl)

    def style_level(self, num_id: str, style: str) -> int | None:
        """The level of a list that names a style (a heading style linked to a list)."""
        instance = self.lists.get(num_id)
        levels = self.levels.get(instance.abstract, {}) if instance else {}
        return next((k for k, v in levels.items() if v.style == style), None)


def render(levels: dict[int, Level], count: dict[int, int], ilvl: int) -> str:
    level = levels[ilvl]
    if level.fmt == "bullet":
        return ""

    def placeholder(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        if k not in levels:
            return ""
        return format_number(count.get(k, levels[k].start), "decimal" if level.legal else levels[k].fmt)

    return _PLACEHOLDER.sub(placeholder, level.text)


_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千", "万")
_LEGAL = str.maketrans("一二三四五六七八九十百千万", "壹贰叁肆伍陆柒捌玖拾佰仟萬")


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as Word's chineseCounting renders them)."""
    if not 0 < n < 100000:
        return str(n)
    out: list[str] = []
    digits = str(n)
    zero = False
    for i, d in enumerate(digits):
        if d == "0":
            zero = bool(out)
            continue
        out.append(("零" if zero else "") + _CN_DIGITS[int(d)] + _CN_UNITS[len(digits) - 1 - i])
        zero = False
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def _enclosed(first: int, n: int) -> str:
    return chr(first + n - 1) if 1 <= n <= 20 else str(n)


def _circle(n: int) -> str:
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    return chr(0x32B1 + n - 36) if 36 <= n <= 50 else _enclosed(0x2460, n)


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n < 1000 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out += numeral * (n // value)
        n %= value
    return out


_FORMATS: dict[str, Callable[[int], str]] = {
    "chineseCounting": chinese, "chineseCountingThousand": chinese, "japaneseCounting": chinese,
    "taiwaneseCounting": chinese, "taiwaneseCountingThousand": chinese,
    "chineseLegalSimplified": lambda n: chinese(n).translate(_LEGAL),
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "taiwaneseDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "decimalEnclosedCircle": _circle, "decimalEnclosedCircleChinese": _circle,
    "decimalEnclosedParen": lambda n: _enclosed(0x2474, n),
    "decimalEnclosedFullstop": lambda n: _enclosed(0x2488, n),
    "decimalFullWidth": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(d) + 0xFEE0) for d in str(n)),
    "decimalZero": lambda n: f"{n:02d}", "none": lambda n: "",
    "upperLetter": _letter, "lowerLetter": lambda n: _letter(n).lower(),
    "upperRoman": _roman, "lowerRoman": lambda n: _roman(n).lower(),
}


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word number format; unknown formats fall back to decimal."""
    return _FORMATS.get(fmt, str)(n)
