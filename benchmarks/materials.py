"""Deterministic generator of varied materials for benchmarks, built from the bundled samples.

The samples are parsed with :func:`duizhao.outline.parse`; their items, causes and measures
are recombined (sentences of one item joined to another's), renumbered and roughened with
the edits real input shows: template placeholders, website masks, other numbers, traditional
characters (OpenCC s2t), ASCII commas. Every material has a title, a preamble and the three
parts, and is 4,000–8,000 characters long. The same ``seed`` always gives the same texts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import opencc

from duizhao.document import Document, Node
from duizhao.outline import parse
from duizhao.outline.markers import NUMERALS

MIN_CHARS, MAX_CHARS = 4000, 8000
UNITS = ("农业农村局", "自然资源局", "交通运输局", "水利局", "商务局", "文化广电旅游局", "卫生健康局",
         "住房和城乡建设局", "生态环境局", "市场监督管理局", "医疗保障局", "统计局", "林业局")
POSTS = ("局长", "党组书记、局长", "副局长", "党组成员、副局长")
TOWNS = ("石门乡", "白马镇", "龙泉镇", "高山乡", "清溪镇", "黄坪乡", "云台镇", "桃园乡")
MASKS = (("民主生活会", "mzshh"), ("党史", "dangshi"), ("全面从严治党", "全面从严治_"),
         ("组织生活会", "zzshh"))
_SENTENCE = re.compile(r"[^。]+。?")
_NUMBER = re.compile(r"(?<![\d.])(?!20[0-9]{2}年)\d{1,5}(?![\d.])")


@dataclass
class Pool:
    """Pieces of the samples of one kind: aspect headings with their items, causes, measures."""

    preambles: list[str] = field(default_factory=list)
    aspects: list[tuple[str, list[str]]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


def _body(doc: Document, node: Node) -> str:
    return doc.text[node.body_start:node.end].strip()


def _whole(doc: Document, node: Node) -> str:
    return doc.text[node.start + len(node.label):node.end].strip()


def _add(pool: Pool, doc: Document) -> None:
    pool.preambles += [doc.text[s.start:s.end].strip() for s in doc.sections_of("preamble")]
    aspects = doc.aspects("problems")
    if len(aspects) >= 5 and not pool.aspects:
        pool.aspects = [(a.heading, [_body(doc, i) for i in a.children]) for a in aspects]
    else:
        pool.loose += [_body(doc, p) for p in doc.points("problems")]
    pool.causes += [_body(doc, p) for p in doc.points("causes")]
    pool.measures += [_whole(doc, p) for p in doc.points("measures")]


@cache
def pools() -> dict[str, Pool]:
    """The personal and the team pool, from the bundled samples."""
    found = {"personal": Pool(), "team": Pool()}
    folder = resources.files("duizhao") / "samples"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt") and entry.name != "notice.txt":
            doc = parse(entry.read_text(encoding="utf-8"), entry.name)
            _add(found["team" if doc.kind == "team" else "personal"], doc)
    return found


def cn(number: int) -> str:
    """1 → 一, 12 → 十二 (1–99)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


Edit = Callable[[random.Random, str], str]


def _placeholder(rng: random.Random, text: str) -> str:
    return text.replace("2025年", "202X年", 1).replace("青川县", rng.choice(("XX县", "××县")), 1)


def _mask(rng: random.Random, text: str) -> str:
    word, mask = rng.choice(MASKS)
    return text.replace(word, mask)


def _numbers(rng: random.Random, text: str) -> str:
    return _NUMBER.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), text)


def _traditional(rng: random.Random, text: str) -> str:
    return str(_s2t().convert(text))


def _ascii_commas(rng: random.Random, text: str) -> str:
    return text.replace("，", ",")


EDITS: tuple[tuple[Edit, float], ...] = (
    (_numbers, 0.6), (_placeholder, 0.05), (_mask, 0.05), (_traditional, 0.04), (_ascii_commas, 0.03))


def _recombine(rng: random.Random, items: list[str]) -> str:
    """One item, or the first sentence of one joined to the rest of another."""
    first, second = rng.choice(items), rng.choice(items)
    head = _SENTENCE.findall(first)[:1]
    tail = _SENTENCE.findall(second)[1:]
    return "".join(head + tail) if head and tail else first


def _dirty(rng: random.Random, text: str, rates: list[float]) -> str:
    for (edit, _), rate in zip(EDITS, rates, strict=True):
        if rng.random() < rate:
            text = edit(rng, text)
    return text


@dataclass
class Draft:
    title: str
    preamble: str
    aspects: list[tuple[str, list[str]]]
    causes: list[str]
    measures: list[str]
    sources: list[int]

    def render(self) -> str:
        lines = [self.title, "", self.preamble, "", "一、存在的问题", ""]
        for n, (heading, items) in enumerate(self.aspects, 1):
            lines += [f"（{cn(n)}）{heading}", *(f"{cn(i)}是{t}" for i, t in enumerate(items, 1)), ""]
        lines += ["二、原因分析", "", *(f"{cn(i)}是{t}" for i, t in enumerate(self.causes, 1)), ""]
        lines += ["三、整改措施", "", *(f"（{cn(i)}）{t}" for i, t in enumerate(self.measures, 1)), ""]
        return "\n".join(lines)


def _title(rng: random.Random, kind: str) -> str:
    if kind == "team":
        return f"青川县{rng.choice(TOWNS)}党委领导班子2025年度民主生活会对照检查材料"
    return f"青川县{rng.choice(UNITS)}{rng.choice(POSTS)}2025年度民主生活会个人对照检查材料"


def _grow(rng: random.Random, draft: Draft, pool: Pool, dirty: Callable[[str], str]) -> None:
    """Add one piece: mostly a problem item, sometimes a cause or a measure."""
    roll = rng.random()
    if roll < 0.7 or (len(draft.causes) >= 7 and len(draft.measures) >= 8):
        k = rng.randrange(len(draft.aspects))
        own = pool.aspects[draft.sources[k]][1]
        items = own + pool.loose if rng.random() < 0.3 else own
        draft.aspects[k][1].append(dirty(_recombine(rng, items)))
    elif roll < 0.85 and len(draft.causes) < 7:
        draft.causes.append(dirty(rng.choice(pool.causes)))
    elif len(draft.measures) < 8:
        draft.measures.append(dirty(rng.choice(pool.measures)))


def material(rng: random.Random) -> str:
    """One material of a random kind and a random length in the range."""
    kind = "team" if rng.random() < 0.25 else "personal"
    pool = pools()[kind]
    rates = [rate if rng.random() < 0.5 else 0.0 for _, rate in EDITS]

    def dirty(text: str) -> str:
        return _dirty(rng, text, rates)

    chosen = sorted(rng.sample(range(len(pool.aspects)), rng.choice((5, 5, 5, 4, 3))))
    draft = Draft(_title(rng, kind), dirty(rng.choice(pool.preambles)),
                  [(pool.aspects[n][0], [dirty(_recombine(rng, pool.aspects[n][1]))]) for n in chosen],
                  [dirty(c) for c in rng.sample(pool.causes, 3)],
                  [dirty(m) for m in rng.sample(pool.measures, len(chosen))], chosen)
    target = rng.randint(MIN_CHARS + 100, MAX_CHARS - 800)
    while len(draft.render()) < target:
        _grow(rng, draft, pool, dirty)
    return draft.render()


def generate(count: int, seed: int = 0) -> list[str]:
    """``count`` materials; the same seed always gives the same list."""
    return [material(random.Random(seed * 1_000_003 + i)) for i in range(count)]
