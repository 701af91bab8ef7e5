"""The data of the ``misspelling`` check: wrong words, context rules, formulations to guard.

Three files in ``duizhao/data`` (each describes its format in its header):
``misspellings.txt`` (wrong → right, with the longer correct strings that contain a wrong
form), ``misspelling_rules.toml`` (context pairs: 权力/权利, 必须/必需, 截至/截止, 作出/做出)
and ``near_miss_terms.txt`` (formulations whose near-misses are reported, besides the
segments of ``formulations.txt`` and ``fixed_phrases.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from duizhao.text.normal import normalize

_NUMBERS = "一二两三四五六七八九十"
_SEGMENT = re.compile(r"[^、，,；。：“”\"（）()《》—\s]+")
BEFORE = 8  # characters a rule's ``before`` context may span
MIN_TERM = 5  # shorter formulations only when they begin with a number (四个意识)


@dataclass(frozen=True)
class Entry:
    """A wrong form, its correction, and the longer correct strings that contain it."""

    wrong: str
    right: str
    not_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Context:
    """Where a word is wrong: what comes just before it and/or just after it."""

    before: re.Pattern[str] | None  # searched at the end of the text before the word
    after: re.Pattern[str] | None  # matched right after the word


@dataclass(frozen=True)
class Rule:
    """A context pair: ``wrong`` is reported where one of ``contexts`` calls for ``right``."""

    wrong: str
    right: str
    contexts: tuple[Context, ...]
    hint: str

    def context(self, key: str, start: int) -> str | None:
        """The words around ``key[start:]`` (which spells ``wrong``) that make it wrong, or None."""
        end = start + len(self.wrong)
        for context in self.contexts:
            before = context.before.search(key, max(0, start - BEFORE), start) if context.before else None
            after = context.after.match(key, end) if context.after else None
            if (before or not context.before) and (after or not context.after):
                return (before.group() if before else "") + self.wrong + (after.group() if after else "")
        return None


def _read(name: str) -> str:
    return files("duizhao").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _lines(name: str) -> list[str]:
    return [line for line in _read(name).splitlines() if line.strip() and not line.startswith("#")]


def parse_entry(line: str) -> Entry:
    """One line of ``misspellings.txt``: ``wrong<TAB>right[<TAB>not-in|not-in…]``."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) not in (2, 3):
        raise ValueError(f"misspellings.txt: expected 2 or 3 tab-separated fields: {line!r}")
    not_in = tuple(w for w in fields[2].split("|") if w) if len(fields) == 3 else ()
    return Entry(fields[0], fields[1], not_in)


@cache
def entries() -> tuple[Entry, ...]:
    return tuple(parse_entry(line) for line in _lines("misspellings.txt"))


def _context(data: dict[str, str]) -> Context:
    before, after = data.get("before"), data.get("after")
    return Context(re.compile(f"(?:{before})$") if before else None,
                   re.compile(f"(?:{after})") if after else None)


@cache
def rules() -> tuple[Rule, ...]:
    data = tomllib.loads(_read("misspelling_rules.toml"))
    return tuple(Rule(r["wrong"], r["right"], tuple(_context(c) for c in r["contexts"]), r["hint"])
                 for r in data["rule"])


def _segments(text: str) -> list[str]:
    return _SEGMENT.findall(normalize(text).key)


def _usable(term: str) -> bool:
    if term.startswith("的"):  # the tail of a sentence (的决定性意义), not a formulation
        return False
    return len(term) >= MIN_TERM or (len(term) >= 4 and term[0] in _NUMBERS)


@cache
def builtin_terms() -> tuple[str, ...]:
    """The formulations whose near-misses are reported: the engine's lists, cut at punctuation
    (of ``fixed-phrase``'s, the names without the explanation in brackets: 支部委员会 is no
    formulation)."""
    found = list(_lines("near_miss_terms.txt"))
    found += _lines("formulations.txt")
    found += [p["canonical"].split("（")[0] for p in tomllib.loads(_read("fixed_phrases.toml"))["phrase"]]
    return terms_of(tuple(found))


def terms_of(texts: tuple[str, ...]) -> tuple[str, ...]:
    """The usable segments of ``texts``, without repeats, longest first."""
    segments = {s for text in texts for s in _segments(text) if _usable(s)}
    return tuple(sorted(segments, key=lambda s: (-len(s), s)))


@cache
def pair_counts() -> Counter[str]:
    """How often each pair of adjacent characters occurs in the bundled sample materials: the
    rarest pairs of a word are the cheapest anchors to look for it by."""
    counts: Counter[str] = Counter()
    folder = files("duizhao").joinpath("samples")
    for entry in folder.iterdir():
        if entry.name.endswith(".txt"):
            text = normalize(entry.read_text(encoding="utf-8")).key
            counts.update(text[i:i + 2] for i in range(len(text) - 1))
    return counts
