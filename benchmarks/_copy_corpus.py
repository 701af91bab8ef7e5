"""Deterministic corpus and queries for ``copy_detection.py``, from the sentences of the samples.

The sentences of ``src/duizhao/samples/*.txt`` (our own text) are split in two pools by the
seed: 85 % feed the corpus, 15 % are held out and only ever appear in queries as unrelated
text. A corpus paragraph joins 2–4 sentences; each sentence is varied on the way: units,
places, posts, names, numbers, years and common verbs and adverbs are replaced from pools,
clauses are swapped, or a clause is taken from another sentence. 1 % of the paragraphs are
verbatim copies of eight template paragraphs (the popular passages that fill band buckets),
and every document starts with a title line of the genre. Documents hold 20 lines.

A query copies a corpus paragraph, edits 0–30 % of its characters (runs inserted, deleted or
replaced, neighbouring characters or two-character words swapped), sometimes masks words
(民主生活会 → mzshh, 党史 → dangshi, 党 → D) or turns it into traditional characters, and half
the time puts it between held-out sentences. Unrelated queries join held-out sentences only.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import opencc

from duizhao.similarity.align import MatchText
from duizhao.text.normal import normalize

LINES_PER_DOCUMENT = 20
HELD_OUT = 0.15
TEMPLATES, TEMPLATE_SHARE = 8, 0.01
UNITS = ("农业农村局", "自然资源局", "交通运输局", "水利局", "商务局", "文化广电旅游局", "卫生健康局",
         "住房和城乡建设局", "生态环境局", "市场监督管理局", "医疗保障局", "统计局", "林业局", "教育局",
         "民政局", "司法局", "财政局", "审计局", "应急管理局", "退役军人事务局", "科技局", "人社局",
         "发展改革委", "工信局", "信访局", "档案馆", "供销社", "总工会", "团县委", "妇联")
PLACES = ("青川县", "石门乡", "白马镇", "龙泉镇", "高山乡", "清溪镇", "黄坪乡", "云台镇", "桃园乡", "河口镇",
          "新华街道", "东城街道", "西湖乡", "凤凰镇", "柳林乡", "金沙镇", "双河镇", "马鞍乡", "红岩村",
          "白云村", "长岭县", "平安县", "永和县", "安宁区", "城关镇")
POSTS = ("局长", "党组书记", "副局长", "党组成员", "主任", "副主任", "书记", "副书记", "镇长", "乡长",
         "科长", "股长", "站长", "所长", "队长")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰建国红志春梅海波斌宇浩凯鹏飞"
SYNONYMS = (("加强", "强化", "深化", "狠抓", "推进"), ("落实", "执行", "贯彻", "推动"),
            ("不够", "不足", "欠缺", "有待加强"), ("深入", "扎实", "系统", "全面"),
            ("存在", "仍有", "还有"), ("认真", "切实", "严格", "主动"), ("研究", "谋划", "部署"),
            ("群众", "百姓", "老百姓", "人民群众"), ("问题", "短板", "不足之处"), ("工作", "任务"),
            ("学习", "研学", "钻研"), ("及时", "迅速", "按时"), ("基层", "一线", "村组"))
YEARS = tuple(range(2018, 2026))
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_LEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、是]|\d+[.、．])\s*")
_NUMBER = re.compile(r"\d+")
_CLAUSE = re.compile(r"[^，、]+[，、]?")
_WORDS = {w: group for group in SYNONYMS for w in group}
_SUBSTITUTABLE = re.compile("|".join(sorted([*UNITS, *PLACES, *POSTS, *_WORDS], key=len, reverse=True))
                            + r"|20[12]\d年|\d+")
_MASKS = (("民主生活会", "mzshh"), ("组织生活会", "zzshh"), ("党史", "dangshi"), ("党", "D"))


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@cache
def sentences() -> tuple[str, ...]:
    """Every distinct sentence of at least 15 characters in the samples, numbering dropped."""
    found: dict[str, None] = {}
    folder = resources.files("duizhao") / "samples"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            for line in entry.read_text(encoding="utf-8").splitlines():
                for m in _SENTENCE.finditer(line):
                    sentence = _LEAD.sub("", m.group().strip())
                    if len(sentence) >= 15:
                        found[sentence] = None
    return tuple(found)


@dataclass(frozen=True)
class Pools:
    corpus: list[str]
    held_out: list[str]
    templates: list[str]


def pools(seed: int) -> Pools:
    rng = random.Random(seed)
    shuffled = list(sentences())
    rng.shuffle(shuffled)
    cut = round(len(shuffled) * HELD_OUT)
    held, kept = shuffled[:cut], shuffled[cut:]
    templates = ["".join(rng.sample(kept, 3)) for _ in range(TEMPLATES)]
    return Pools(kept, held, templates)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _replace(rng: random.Random, word: str) -> str:
    if word[0].isdigit():
        if word.endswith("年"):
            return f"{rng.choice(YEARS)}年"
        return str(rng.randint(1, 10 ** len(word) - 1))
    if word in _WORDS:
        return rng.choice(_WORDS[word])
    if word in UNITS:
        return rng.choice(UNITS)
    if word in PLACES:
        return rng.choice(PLACES)
    return rng.choice(POSTS) + (_name(rng) if rng.random() < 0.2 else "")


def vary(rng: random.Random, sentence: str, pool: list[str]) -> str:
    """A sentence with words replaced from the pools and, at times, clauses swapped or borrowed."""
    def swap(m: re.Match[str]) -> str:
        return _replace(rng, m.group()) if rng.random() < 0.6 else m.group()

    text = _SUBSTITUTABLE.sub(swap, sentence)
    clauses = _CLAUSE.findall(text)
    roll = rng.random()
    if len(clauses) > 2 and roll < 0.25:
        i = rng.randrange(len(clauses) - 2)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    elif len(clauses) > 1 and roll < 0.5:
        borrowed = _CLAUSE.findall(rng.choice(pool))
        clause = borrowed[rng.randrange(len(borrowed))].rstrip("。！？；，、")
        clauses[rng.randrange(len(clauses) - 1)] = clause + "，"
    return "".join(clauses)


def paragraph(rng: random.Random, pool: list[str]) -> str:
    return "".join(vary(rng, s, pool) for s in rng.sample(pool, rng.choice((2, 3, 3, 4))))


def _title(rng: random.Random, year: int) -> str:
    who = rng.choice(("领导班子", f"{rng.choice(POSTS)}{_name(rng)}"))
    return f"{rng.choice(PLACES)}{rng.choice(UNITS)}{who}{year}年度民主生活会对照检查材料"


@dataclass(frozen=True)
class Document:
    text: str
    title: str
    label: str
    year: int
    lines: list[str]  # line k is paragraph ordinal k


def documents(paragraphs: int, seed: int) -> Iterator[Document]:
    """Documents of ``LINES_PER_DOCUMENT`` lines until ``paragraphs`` lines in all (the title counts)."""
    p = pools(seed)
    rng = random.Random(seed * 7919 + 1)
    made = 0
    while made < paragraphs:
        count = min(LINES_PER_DOCUMENT, paragraphs - made)
        year = rng.choice(YEARS)
        title = _title(rng, year)
        body = [rng.choice(p.templates) if rng.random() < TEMPLATE_SHARE else paragraph(rng, p.corpus)
                for _ in range(count - 1)]
        lines = [title, *body][:count]
        label = rng.choice(("网络范文", f"{year}年度材料", "往年材料", "上级通报"))
        yield Document("\n".join(lines), title, label, year, lines)
        made += count


@dataclass(frozen=True)
class Query:
    text: str
    source: tuple[int, int] | None  # (document index, ordinal) of the copied paragraph, None: unrelated
    rate: float  # share of the copy's characters edited
    masked: bool
    traditional: bool


def _edit(rng: random.Random, text: str, rate: float) -> str:
    """Edit about ``rate`` of the characters: runs of 1–3 inserted, deleted or replaced, or swaps."""
    chars = list(text)
    budget = round(rate * len(text))
    while budget > 0 and len(chars) > 4:
        run = min(budget, rng.randint(1, 3))
        at = rng.randrange(len(chars) - 2)
        kind = rng.random()
        if kind < 0.25:
            chars[at:at] = [rng.choice(_FILL) for _ in range(run)]
        elif kind < 0.5:
            del chars[at:at + run]
        elif kind < 0.75:
            chars[at:at + run] = [rng.choice(_FILL) for _ in range(run)]
        elif kind < 0.9:
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
            run = 2
        elif at + 4 <= len(chars):
            chars[at:at + 4] = chars[at + 2:at + 4] + chars[at:at + 2]
            run = 4
        budget -= run
    return "".join(chars)


_FILL = list("的一是在不了有和人这中大为上个我以要时来用们生到作地于出就分对成会可主发年动同工也能下过子说")


def _mask(text: str) -> str:
    for word, mask in _MASKS:
        text = text.replace(word, mask)
    return text


def queries(docs: list[Document], count: int, unrelated: int, seed: int) -> list[Query]:
    """``count`` edited copies of body paragraphs of ``docs`` and ``unrelated`` held-out paragraphs."""
    p = pools(seed)
    rng = random.Random(seed * 104729 + 2)
    found = []
    for k in range(count):
        d = rng.randrange(len(docs))
        ordinal = rng.randrange(1, len(docs[d].lines)) if len(docs[d].lines) > 1 else 0
        rate = 0.30 * (k % 30 + rng.random()) / 30  # even over the range 0–30 %
        text = _edit(rng, docs[d].lines[ordinal], rate)
        masked, traditional = rng.random() < 0.15, rng.random() < 0.1
        text = _mask(text) if masked else text
        text = str(_s2t().convert(text)) if traditional else text
        roll = rng.random()
        if roll < 0.25:
            text = vary(rng, rng.choice(p.held_out), p.held_out) + text
        elif roll < 0.5:
            text += vary(rng, rng.choice(p.held_out), p.held_out)
        found.append(Query(text, (d, ordinal), rate, masked, traditional))
    for _ in range(unrelated):
        found.append(Query(paragraph(rng, p.held_out), None, 0.0, False, False))
    return found


def grams(text: str, n: int) -> set[str]:
    """The n-grams of the match text (CJK, letters, digits of the normalised key)."""
    match = MatchText(normalize(text)).text
    return {match[i:i + n] for i in range(len(match) - n + 1)}


def shared_formulations(seed: int, n: int) -> set[str]:
    """n-grams that a held-out sentence shares with a corpus sentence, before any variation."""
    p = pools(seed)
    corpus: set[str] = set().union(*(grams(s, n) for s in p.corpus))
    return {g for s in p.held_out for g in grams(s, n) if g in corpus}
