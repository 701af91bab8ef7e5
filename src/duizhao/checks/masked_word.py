"""masked-word: words a template website masked and the writer never restored.

Pinyin masks (mzshh, dangshi, ZZ), ``_``/``X``/``D`` standing for 党 — all recognised by
:func:`duizhao.text.masks.find_masks` while normalising (``doc.key.masks``) — and runs
of ``*`` between Chinese characters (开好**学习教育, ***同志). Works on the raw text: the key
has the masks expanded already.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

_CJK = "\u3400-\u9fff"
# Stars between Chinese characters (or after an opening mark); 20** and **市 are placeholders.
_STARS = re.compile(rf"[*＊][*＊]+(?=[{_CJK}])(?![省市县区镇乡村街])")
_STARS_AFTER = re.compile(rf"[{_CJK}《“（(，、：]")
_BOLD = re.compile(r"\*\*[^*\n]+?\*\*")
_HINT = "将“{0}”改回“{1}”。从网站下载的材料常有此类屏蔽词，请逐字核对全文。"


def _star_hit(text: str, start: int, end: int) -> Hit:
    raw = text[start:end]
    if text.startswith("同志", end):
        return Hit(start, end, f"“{raw}”是网站屏蔽的人名", "恢复为原来的姓名（通常是领导同志的姓名）。")
    return Hit(start, end, f"“{raw}”是网站屏蔽的词语",
               "根据上下文恢复被屏蔽的原词（常见的是“党史”“政治”“民主生活会”等）。")


def _markdown_bold(doc: Document) -> set[int]:
    """In Markdown files ``**粗体**`` is formatting, not a mask."""
    if not doc.path.lower().endswith(".md"):
        return set()
    return {i for m in _BOLD.finditer(doc.text) for i in (m.start(), m.end() - 2)}


@register("masked-word", "error", "网站屏蔽词未还原")
def masked_words(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    text = doc.text
    hits: list[Hit] = []
    for mask in doc.key.masks:
        raw = text[mask.start:mask.end]
        hits.append(Hit(mask.start, mask.end, f"网站屏蔽词“{raw}”未还原，应为“{mask.word}”",
                        _HINT.format(raw, mask.word)))
    bold = _markdown_bold(doc)
    hits += [_star_hit(text, m.start(), m.end()) for m in _STARS.finditer(text)
             if m.start() and _STARS_AFTER.match(text, m.start() - 1) and m.start() not in bold]
    yield from sorted(hits, key=lambda h: h.start)
