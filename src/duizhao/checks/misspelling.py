"""misspelling: wrong characters (按步就班, 自已), context pairs (截止目前, 权利寻租) and
near-misses of the official formulations (四个意思, 中国特设社会主义).

Three kinds of finding, all errors, each with the correction:

* a wrong word of ``duizhao/data/misspellings.txt`` or the user's ``[words] misspellings``
  (``错词=正词``), unless it lies inside one of the longer correct strings listed with it
  (各自已经 holds 自已);
* a context pair of ``duizhao/data/misspelling_rules.toml``: both words exist, and the
  neighbours decide (截止 + a date → 截至; 做出 + 决定 → 作出);
* a span that differs from a formulation the engine knows (``near_miss_terms.txt``, the
  segments of ``formulations.txt`` and ``fixed_phrases.toml``, the user's ``[words]
  formulations``) in characters that sound alike (pinyin without tone, zh/ch/sh = z/c/s):
  one character for formulations shorter than eight, two for longer ones; a formulation of
  four characters is used only when it begins with a number, and its first two characters
  must be right (四个意识 → 四个意思).

The whole text is read, preamble included, on the normalised key (traditional characters,
masks and stray spaces do not hide a hit) and reported on the exact characters. A span the
``fixed-phrase`` check already reports as a misquote is left to it; a formulation written
correctly is never taken for a near-miss of another.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from duizhao.checks._misspelling_data import Entry, builtin_terms, entries, pair_counts, rules, terms_of
from duizhao.checks._misspelling_scan import Index, NearMiss, Span, build_index, scan
from duizhao.checks.fixed_phrase import table_for
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.normal import normalize

WRITTEN = "\0written\0"  # stands for the exact characters of the text in a message


def parse_extra(entry: str) -> Entry | None:
    """A user entry ``错词=正词`` (the wrong form two characters or more), or None."""
    wrong, sep, right = (part.strip() for part in entry.partition("="))
    wrong = normalize(wrong).key  # matched on the key: simplified, without spaces
    return Entry(wrong, right) if sep and len(wrong) >= 2 and right and wrong != right else None


@lru_cache(maxsize=8)
def index_for(formulations: tuple[str, ...] = (), misspellings: tuple[str, ...] = ()) -> Index:
    """The anchor index of the built-in data, the user's formulations and wrong words."""
    terms = builtin_terms()
    if formulations:
        terms = tuple(sorted(set(terms) | set(terms_of(formulations)), key=lambda s: (-len(s), s)))
    added = tuple(e for e in map(parse_extra, misspellings) if e is not None)
    return build_index(entries() + added, rules(), terms, pair_counts())


class _Taken:
    """Spans already accounted for, kept disjoint and in order: an overlap is found by bisection
    (a scan of every span per candidate made a text with thousands of errors quadratic)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, span: Span) -> bool:
        before = bisect_left(self.starts, span[1])  # the spans that start before this one ends
        return before > 0 and self.ends[before - 1] > span[0]

    def add(self, span: Span) -> None:
        """Add a span that overlaps none already taken."""
        at = bisect_left(self.starts, span[0])
        self.starts.insert(at, span[0])
        self.ends.insert(at, span[1])


def _fixed_phrase_spans(doc: Document, ctx: ReviewContext) -> list[Span]:
    """Key spans of the misquotes ``fixed-phrase`` reports (they are its findings, not ours)."""
    if "fixed-phrase" in ctx.settings.disabled:
        return []
    pattern = table_for(ctx.settings.extra_words("fixed_phrases")).wrong_pattern
    return [] if pattern is None else [m.span() for m in pattern.finditer(doc.key.key)]


def _near_hint(key: str, near: NearMiss) -> str:
    window = key[near.start:near.start + len(near.term)]
    pairs = "、".join(f"“{window[i]}”应为“{near.term[i]}”" for i in near.differ)
    return f"{pairs}（同音或近音字误用）；按规范表述书写：{near.term}。"


def _candidates(doc: Document, ctx: ReviewContext) -> list[tuple[Span, str, str]]:
    """(key span, message with {written} for the text, hint), in order of precedence: wrong
    words, context rules, near-misses (longest formulation first)."""
    key = doc.key.key
    words = ctx.settings.extra_words
    found = scan(key, index_for(words("formulations"), words("misspellings")))
    out: list[tuple[Span, str, str]] = []
    for at, entry in found.words:
        out.append(((at, at + len(entry.wrong)), f"错别字：“{WRITTEN}”应为“{entry.right}”",
                    f"改为“{entry.right}”。"))
    for at, rule, context in found.rules:
        corrected = context.replace(rule.wrong, rule.right)
        out.append(((at, at + len(rule.wrong)),
                    f"用字有误：“{context}”中的“{WRITTEN}”应为“{rule.right}”（{corrected}）", rule.hint))
    exact = _Taken(found.exact)
    for near in sorted(found.near, key=lambda n: (-len(n.term), n.start)):
        span = (near.start, near.start + len(near.term))
        if not exact.overlaps(span):
            out.append((span, f"规范表述有误：“{WRITTEN}”应为“{near.term}”", _near_hint(key, near)))
    return out


@register("misspelling", "error", "错别字")
def misspelling(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    candidates = _candidates(doc, ctx)
    if not candidates:
        return
    taken = _Taken(_fixed_phrase_spans(doc, ctx))
    hits: list[Hit] = []
    for (ks, ke), message, hint in candidates:
        if taken.overlaps((ks, ke)):
            continue
        taken.add((ks, ke))
        start, end = doc.key.span(ks, ke)
        hits.append(Hit(start, end, message.replace(WRITTEN, doc.text[start:end]), hint))
    yield from sorted(hits, key=lambda h: h.start)
