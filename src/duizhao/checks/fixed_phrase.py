"""fixed-phrase: fixed official formulations quoted wrongly or enumerated out of order.

The formulations live in ``duizhao/data/fixed_phrases.toml`` (format described there).
Users add their own through ``[words] fixed_phrases``: ``"规范表述=错误表述1|错误表述2"``
adds misquotes, ``"甲、乙、丙"`` adds an enumeration whose order is checked. Matching is
on the normalised key, so traditional characters, masks and stray spaces do not hide a hit.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.normal import normalize

_SEP = r"(?:以及|[、，和与及])"


@dataclass(frozen=True)
class Phrase:
    canonical: str
    wrong: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    short: tuple[str, ...] = ()
    min_parts: int = 3


@dataclass(frozen=True)
class Table:
    """Compiled lookups: misquote → (phrase, dated?), and part → (phrase, position, short?)."""

    wrong: dict[str, tuple[Phrase, bool]]
    wrong_pattern: re.Pattern[str] | None
    parts: dict[str, tuple[Phrase, int, bool]]
    list_pattern: re.Pattern[str] | None
    part_pattern: re.Pattern[str] | None


def _key(text: str) -> str:
    return normalize(text).key


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _load_builtin() -> tuple[Phrase, ...]:
    data = tomllib.loads(files("duizhao").joinpath("data/fixed_phrases.toml").read_text(encoding="utf-8"))
    return tuple(Phrase(p["canonical"], tuple(p.get("wrong", ())), tuple(p.get("dated", ())),
                        tuple(p.get("parts", ())), tuple(p.get("short", ())), int(p.get("min_parts", 3)))
                 for p in data["phrase"])


def parse_extra(entry: str) -> Phrase | None:
    """A user entry: ``规范表述=错误1|错误2`` or an ordered enumeration ``甲、乙、丙``."""
    if "=" in entry:
        canonical, _, wrong = entry.partition("=")
        misquotes = tuple(w.strip() for w in wrong.split("|") if w.strip())
        return Phrase(canonical.strip(), misquotes) if canonical.strip() and misquotes else None
    parts = tuple(p.strip() for p in entry.split("、") if p.strip())
    return Phrase(entry.strip(), parts=parts, min_parts=len(parts)) if len(parts) >= 3 else None


def build(phrases: tuple[Phrase, ...]) -> Table:
    wrong = {_key(w): (p, False) for p in phrases for w in p.wrong}
    wrong |= {_key(w): (p, True) for p in phrases for w in p.dated}
    parts = {_key(w): (p, i, False) for p in phrases for i, w in enumerate(p.parts)}
    parts |= {_key(w): (p, i, True) for p in phrases for i, w in enumerate(p.short)}
    alt = _alternation(list(parts))
    return Table(wrong, re.compile(_alternation(list(wrong))) if wrong else None, parts,
                 re.compile(f"(?:{alt})(?:{_SEP}(?:{alt})){{2,}}") if parts else None,
                 re.compile(alt) if parts else None)


BUILTIN = _load_builtin()


@lru_cache(maxsize=8)
def table_for(extra: tuple[str, ...]) -> Table:
    added = tuple(p for p in (parse_extra(e) for e in extra) if p is not None)
    return build(BUILTIN + added)


def _misquotes(doc: Document, table: Table) -> Iterator[Hit]:
    if table.wrong_pattern is None:
        return
    for m, start, end in doc.key.finditer(table.wrong_pattern):
        phrase, dated = table.wrong[m.group()]
        written = doc.text[start:end]
        if dated:
            yield Hit(start, end, f"“{written}”是较早或不够规范的提法",
                      f"现行规范表述为{phrase.canonical}。", "info")
        else:
            yield Hit(start, end, f"规范表述引用有误：“{written}”", f"应为{phrase.canonical}。")


def _out_of_order(items: list[tuple[Phrase, int, bool]]) -> Phrase | None:
    """The phrase an enumeration quotes, when its components are in the wrong order."""
    phrase = items[0][0]
    if any(p is not phrase for p, _, _ in items):
        return None
    positions = [i for _, i, _ in items]
    short = any(s for _, _, s in items)
    needed = len(phrase.short) if short else min(phrase.min_parts, len(phrase.parts))
    if len(set(positions)) != len(positions) or len(positions) < needed:
        return None
    return phrase if positions != sorted(positions) else None


def _enumerations(doc: Document, table: Table) -> Iterator[Hit]:
    if table.list_pattern is None or table.part_pattern is None:
        return
    for m, start, end in doc.key.finditer(table.list_pattern):
        items = [table.parts[p.group()] for p in table.part_pattern.finditer(m.group())]
        phrase = _out_of_order(items)
        if phrase is not None:
            yield Hit(start, end, f"固定表述的顺序有误：“{doc.text[start:end]}”",
                      f"按规范顺序书写：{phrase.canonical}。")


@register("fixed-phrase", "error", "固定表述引用不规范")
def fixed_phrases(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    table = table_for(ctx.settings.extra_words("fixed_phrases"))
    yield from _misquotes(doc, table)
    yield from _enumerations(doc, table)
