"""typo-repeat: a character or word typed twice (觉得得, 的的, 用公款用公款).

Chinese doubles characters legitimately all the time — reduplication (常常, 认认真真,
一次次, 红红脸) and word boundaries (工作|作风, 学习|习近平) — so a doubled character is
reported only for function characters whose doubling is almost always a slip, and not
where the neighbours show a real word (为了|了解, 目的|的, 一了了之). A repeated word of
two to four characters is reported unless it is a known colloquial reduplication
(研究研究) or a 一X一X pattern. Users allow more words with ``[words] reduplication``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_CJK = "\u4e00-\u9fff"
# Function characters → (characters that may follow the pair, characters that may precede it).
_PRONE: dict[str, tuple[str, str]] = {
    "的": ("确士", "目标打"),
    "了": ("解结然如却无得事断悟之", "不"),
    "得": ("到以力失当益分罪逞出体知意手奖病主票胜利来道宠", ""),
    "是": ("非否以", "就还但总也正都或凡要于可只硬倒真老便即乃算像若别其一二三四五六七八九十"),
    "和": ("谐平睦气解美衷蔼善顺", "总温缓平祥调柔随饱共暖"),
    "与": ("会其时否", "参给赋授"),
    "把": ("握关脉手持柄控", ""),
    "被": ("动子告迫褥", "棉"),
    "就": ("业是医地近任职绪此学餐诊要算读位", "成造迁将也"),
    "都": ("市会城", "首大全"),
    "也": ("许是好", ""),
    "还": ("", "偿归退返交送奉"),
    "不": ("", ""),
    "我": ("", "自忘唯本"),
    "很": ("", ""),
    "更": ("", "变"),
    "并": ("", "合兼吞"),
    "而": ("", ""),
    "之": ("", "总反言久"),
    "于": ("是", ""),
    "从": ("", "服遵听跟无盲适随"),
    "让": ("", "转出谦忍退礼"),
    "使": ("用命得者", "即假促迫驱致指行出大纵天"),
    "已": ("", "而不业早"),
    "这": ("", ""),
    "那": ("", ""),
    "们": ("", ""),
    "着": ("力眼手重想落实陆装迷急凉", "随沿接"),
    "其": ("", "尤与极及"),
}
_CHAR_PAIR = re.compile(f"([{''.join(_PRONE)}])\\1+")
_CJK_WORD = re.compile(f"[{_CJK}]+")
_WORD_PAIR = re.compile(f"([{_CJK}]{{2,4}})\\1")
_ZEROS = {size: re.compile(re.escape(b"\0" * 2 * size) + b"\\0*") for size in (2, 3, 4)}
# Colloquial ABAB reduplication of verbs and adjectives: intended, not typos.
_COLLOQUIAL = (
    "讨论 研究 学习 商量 考虑 了解 交流 沟通 检查 休息 活动 锻炼 打扫 整理 收拾 琢磨 思考 总结 反思 梳理 "
    "盘点 调查 走访 熟悉 体验 感受 尝试 比较 分析 清理 打听 介绍 说明 请教 指导 帮助 关心 批评 提醒 "
    "教育 敲打 鼓励 雪白 通红 笔直 冰凉 漆黑 碧绿 火红 滚烫 冰冷 崭新")
COLLOQUIAL = frozenset(_COLLOQUIAL.split())


def _char_allowed(key: str, start: int, end: int) -> bool:
    char = key[start]
    after_ok, before_ok = _PRONE[char]
    after = key[end:end + 1]
    before = key[start - 1:start] if start else ""
    if before == "一" or (after and after in after_ok) or (before and before in before_ok):
        return True
    return end - start == 2 and len(key) > end + 1 and key[end] == key[end + 1] != char


def _word_allowed(unit: str) -> bool:
    return len(set(unit)) == 1 or unit[0] == "一" or unit in COLLOQUIAL


def _user_allowed(key: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    for word in words:
        at = key.find(word, max(0, start - len(word) + 1), end + len(word) - 1)
        if word and at != -1 and at < end and at + len(word) > start:
            return True
    return False


def _word_repeats(key: str) -> Iterator[tuple[int, int]]:
    """Where ``key[i:i+n] == key[i+n:i+2n]`` for n = 2..4 (a word typed twice).

    A regex with a back-reference would try every position in Python's engine; instead the
    text is compared with itself shifted by n in one big-integer XOR of its UTF-16 code
    units, and only runs of equal characters are looked at.
    """
    data = key.encode("utf-16-le")
    if len(data) != 2 * len(key):  # characters beyond the BMP: code units no longer match offsets
        yield from ((m.start(), len(m.group(1))) for m in _WORD_PAIR.finditer(key))
        return
    whole = int.from_bytes(data, "little")
    found: set[int] = set()
    for size in (4, 3, 2):
        same = (whole ^ (whole >> (16 * size))).to_bytes(len(data), "little")
        for run in _ZEROS[size].finditer(same):
            first, last = (run.start() + 1) // 2, run.end() // 2
            for i in range(first, last - size + 1):
                if not found.intersection(range(i - size, i + size)):
                    found.add(i)
                    yield i, size


def _repeats(key: str) -> Iterator[tuple[int, int, str]]:
    for m in _CHAR_PAIR.finditer(key):
        if not _char_allowed(key, m.start(), m.end()):
            yield m.start(), m.end(), m.group(1)
    for start, size in _word_repeats(key):
        unit = key[start:start + size]
        if _CJK_WORD.fullmatch(unit) and not _word_allowed(unit):
            yield start, start + 2 * size, unit


@register("typo-repeat", "warning", "字词重复")
def repeated(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    key = doc.key.key
    allowed = ctx.settings.extra_words("reduplication")
    for ks, ke, unit in sorted(_repeats(key)):
        if allowed and _user_allowed(key, ks, ke, allowed):
            continue
        start, end = doc.key.span(ks, ke)
        yield Hit(start, end, f"“{unit}”重复：“{doc.text[start:end]}”",
                  f"删去多余的“{unit}”；如是有意的叠用，可在配置 [words] reduplication 中加入该词。")
