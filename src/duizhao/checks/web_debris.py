"""web-debris: traces of the website a material was copied from.

Banners and page prompts (此处隐藏956字，下载后查看, 复制全文, 会员专享), source lines and
watermarks (百度文库), a source note in brackets (【某某范文网】, （来源：某某文库）), lines of
page buttons (举报 | 收藏 | 分享), pinyin annotations (會(huì)) and anti-scraping noise
(学a9Fk2习). The words are data (``duizhao/data/web_traces.toml``). Matching is on the
normalised key, so traditional characters, full-width letters and stray spaces do not hide
them. Navigation words that ordinary prose may use (微信公众号, 扫一扫, 下一篇) count only
on a short line of their own, at its start; button words (举报, 收藏) only on a line of
nothing else; a site named in a sentence (在学习强国平台学习) is not debris. Real codes (G20,
5G, H5N1, PM2.5, COVID-19) are not noise.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from duizhao.checks.helpers import words_pattern
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.normal import Normalized

_CJK = "\u3400-\u9fff"
# The prompts that need a pattern; the plain words are in data/web_traces.toml.
_STRONG_PATTERNS = (r"此处隐藏[：:]?[0-9,，]+字|本文由.{1,20}?整理|本文档由.{1,20}?上传"
                    r"|文章来源[：:]|本文来源[：:]?|来源[：:][^\n。]{1,20}?网|温馨提示[：:][^\n。]{0,40}?(?:下载|复制|会员|VIP|仅供参考|侵权)")
_URL = re.compile(r"[A-Za-z0-9-][A-Za-z0-9-]*+(?:\.[A-Za-z0-9-]+)*?\.(?:com|net|org|cn)(?:\.cn)?"
                  r"(?![A-Za-z0-9.])")
# Spaces only before the word ([ \t\u3000], not \s): \s* crossed every following blank line from each
# line start, n blank lines costing n².
_WEAK = re.compile(r"(?m)^[ \t\u3000]*(?:微信公众号|关注公众号|扫一扫|上一篇|下一篇|相关推荐|相关文章"
                   r"|热门文章|猜你喜欢|返回顶部|分享到|点击查看)")
# Each match of _WEAK holds one of these: where none is in the text, _WEAK is not run.
_WEAK_NEEDLES = ("公众号", "扫一扫", "一篇", "相关推荐", "相关文章", "热门文章", "猜你喜欢", "返回顶部",
                 "分享到", "点击查看")
_SHORT_LINE = 30
# One pattern per opening bracket: a pattern led by a literal is scanned much faster than by a class.
_NOTE = r"([^\n【】\[\]（）〔〕［］〖〗]{2,40})[】\]）〕］〗]"
_BRACKETED = tuple((opener, re.compile(re.escape(opener) + _NOTE)) for opener in "【[（〔［〖")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"（(?<=[{_CJK}]（)[a-zü{_TONE}]{{0,5}}[{_TONE}][a-zü{_TONE}]{{0,5}}）")
_TOKEN = re.compile(rf"[A-Za-z0-9](?<=[{_CJK}].)[A-Za-z0-9]{{2,19}}(?=[{_CJK}])")
_GROUPS = re.compile(r"[A-Za-z]+|[0-9]+")
_ALNUM = frozenset(string.ascii_letters + string.digits)
_ALNUM_RUN = re.compile("[A-Za-z0-9]*")
_LETTERS = frozenset(string.ascii_letters)
_FEW_LETTERS = 12  # with more distinct letters than this, _TOKEN is run over the whole key


def _any(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _tree(words: list[str]) -> str:
    """Literal words as one alternation grouped by their common beginnings (下载(?:后查看|文档)|…):
    each alternative still starts with a literal, so the engine scans for the first characters
    fast, and a common first character is tried once rather than once per word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[0], []).append(word)
    return "|".join(_branch(group) for group in groups.values())


def _branch(words: list[str]) -> str:
    """Words sharing a first character: their common beginning, then the rest (longest first)."""
    first, last = min(words), max(words)  # the common beginning of all is that of these two
    differ = (i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b)
    common = first[:next(differ, len(first))]
    tails = [w[len(common):] for w in words]
    longer = [t for t in tails if t]
    if not longer:
        return re.escape(common)
    rest = _tree(longer)
    rest = f"(?:{rest})" if "|" in rest or "" in tails else rest
    return re.escape(common) + rest + ("?" if "" in tails else "")


@dataclass(frozen=True)
class _Traces:
    strong: re.Pattern[str]  # prompts and watermarks, wherever they stand
    buttons: re.Pattern[str]  # a line of nothing but page buttons
    button_first: frozenset[str]  # the first characters of the buttons
    button_line: re.Pattern[str]  # a line break before one of them
    site: re.Pattern[str]  # a bracketed note naming a template site
    source: re.Pattern[str]  # a bracketed note: source word … web ending


@cache
def _traces() -> _Traces:
    data = tomllib.loads(files("duizhao").joinpath("data/web_traces.toml").read_text(encoding="utf-8"))
    sites = _any(data["watermarks"] + data["site_words"])
    button = f"(?:{_any(data['buttons'])})(?:[（(]?[0-9]+[)）]?)?"
    return _Traces(
        strong=re.compile(f"{_STRONG_PATTERNS}|{_tree(data['prompts'] + data['watermarks'])}"),
        buttons=re.compile(rf"(?:{button}[|｜/·•、，]*)+"),
        button_first=frozenset(b[0] for b in data["buttons"]),
        button_line=re.compile(f"\n[{''.join(re.escape(b[0]) for b in data['buttons'])}]"),
        site=re.compile(rf"{sites}|www\.|\.(?:com|net|org|cn)\b"),
        source=re.compile(f"(?:{_any(data['source_words'])})[：:]?.*(?:{_any(data['web_endings'])})$"),
    )


def is_noise(token: str) -> bool:
    """Random letters and digits: several letter/digit switches, with mixed case or length ≥ 6."""
    if token.isdigit():
        return False
    letters = [c for c in token if c.isalpha()]
    if not letters or len(letters) == len(token):
        return False
    groups = len(_GROUPS.findall(token))
    mixed_case = any(c.islower() for c in letters) and any(c.isupper() for c in letters)
    return groups >= 3 and (mixed_case or len(token) >= 6)


def _line_of(key: str, at: int) -> str:
    start = key.rfind("\n", 0, at) + 1
    end = key.find("\n", at)
    return key[start:end if end != -1 else len(key)].strip()


def _found(doc: Document, extra: re.Pattern[str] | None) -> Iterator[tuple[str, int, int]]:
    key = doc.key
    traces = _traces()
    has_url = "." in key.key and any(d in key.key for d in (".com", ".net", ".org", ".cn"))
    for pattern in (traces.strong, _URL if has_url else None, extra):
        if pattern is not None:
            yield from (("banner", s, e) for _, s, e in key.finditer(pattern))
    yield from _bracketed(key, traces)
    if any(needle in key.key for needle in _WEAK_NEEDLES):
        yield from _weak(key)
    yield from _button_lines(key, traces)
    yield from (("pinyin", s, e) for _, s, e in key.finditer(_PINYIN))
    for start, end in _tokens(key.key):
        if is_noise(key.key[start:end]):
            yield "noise", *key.span(start, end)


def _tokens(key: str) -> Iterator[tuple[int, int]]:
    """Spans that _TOKEN matches, or at least those with a letter (only they can be noise).

    Letters are rare in a material: they are found with ``str.find`` and each one's run of
    letters and digits is checked, instead of scanning a character class at every position.
    """
    letters = _LETTERS.intersection(key.encode("ascii", "ignore").decode("ascii"))
    if len(letters) > _FEW_LETTERS:
        yield from ((m.start(), m.end()) for m in _TOKEN.finditer(key))
        return
    done = 0
    for at in sorted(_places(key, letters)):
        if at >= done:
            start, done = _run(key, at)
            if 3 <= done - start <= 20 and _cjk(key, start - 1) and _cjk(key, done):
                yield start, done


def _places(key: str, letters: frozenset[str]) -> Iterator[int]:
    for letter in letters:
        at = key.find(letter)
        while at != -1:
            yield at
            at = key.find(letter, at + 1)


def _run(key: str, at: int) -> tuple[int, int]:
    """The run of ASCII letters and digits around ``key[at]``."""
    start = at
    while start and key[start - 1] in _ALNUM:
        start -= 1
    match = _ALNUM_RUN.match(key, at)
    return start, match.end() if match else at


def _cjk(key: str, at: int) -> bool:
    return 0 <= at < len(key) and "\u3400" <= key[at] <= "\u9fff"


def _weak(key: Normalized) -> Iterator[tuple[str, int, int]]:
    """Navigation words on a short line of their own, at its start."""
    for m, _, _ in key.finditer(_WEAK):
        if len(_line_of(key.key, m.start())) <= _SHORT_LINE:
            yield "banner", *key.span(m.end() - len(m.group().lstrip()), m.end())


def _bracketed(key: Normalized, traces: _Traces) -> Iterator[tuple[str, int, int]]:
    """Notes in brackets naming a website: 【某某范文网】, （来源：某某文库）, [www.example.com]."""
    for opener, pattern in _BRACKETED:
        if opener not in key.key:
            continue
        for m in pattern.finditer(key.key):
            if traces.site.search(m.group(1)) or traces.source.match(m.group(1)):
                yield "source", *key.span(m.start(), m.end())


def _button_lines(key: Normalized, traces: _Traces) -> Iterator[tuple[str, int, int]]:
    """Short lines holding nothing but page buttons: 举报 | 收藏(12) | 分享."""
    text = key.key
    starts = [m.end() - 1 for m in traces.button_line.finditer(text)]
    for start in [0, *starts] if text[:1] in traces.button_first else starts:
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if end - start <= _SHORT_LINE and traces.buttons.fullmatch(text, start, end):
            yield "banner", *key.span(start, end)


_TEXTS = {
    "banner": ("疑似网站残留文字：“{0}”", "删去网站附带的提示、来源和水印，并核对正文是否完整、出自本人。"),
    "source": ("疑似网站插入的来源标记：“{0}”", "删去括号中的网站名称或来源说明，并核对正文是否出自本人。"),
    "pinyin": ("疑似网页拼音注音残留：“{0}”", "删去括号中的拼音注音。"),
    "noise": ("疑似网站防复制干扰字符：“{0}”", "删去夹在文字中的随机字母数字，并通读核对上下文。"),
}


@register("web-debris", "error", "网站残留痕迹")
def web_debris(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    extra = words_pattern(ctx.settings.extra_words("web_debris"))
    last_end = -1
    for kind, start, end in sorted(_found(doc, extra), key=lambda f: (f[1], -f[2])):
        if start < last_end:
            continue
        last_end = end
        message, hint = _TEXTS[kind]
        yield Hit(start, end, message.format(doc.text[start:end]), hint)
