"""masked-word: words a template website masked and the writer never restored.

Pinyin masks (mzshh, dangshi, ZZ) and ``_``/``X``/``D`` standing for 党 are recognised by
:func:`duizhao.text.masks.find_masks` while normalising (``doc.key.masks``). Runs of ``×``
or ``*`` come from :func:`duizhao.text.masks.symbol_runs`, which tells a masked word from a
template's blank by the words around it (××生活会 → 民主生活会, ***同志 → a name; ××局 and
第×次 are blanks, reported by ``placeholder``). Works on the raw text: the key has the
pinyin masks expanded already.
"""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.masks import SymbolRun, markdown_bold, symbol_runs

_HINT = "将“{0}”改回“{1}”。从网站下载的材料常有此类屏蔽词，请逐字核对全文。"
_NAME_HINT = "恢复为原来的姓名（通常是领导同志的姓名）。"
_CHOOSE = "根据材料的年份和上下文，将“{0}”改回{1}。从网站下载的材料常有此类屏蔽词，请逐字核对全文。"


def _or(texts: list[str]) -> str:
    return "或".join(f"“{t}”" for t in texts)


def _restored(text: str, run: SymbolRun) -> Hit:
    """A mask whose word the context determines: the message gives the words restored."""
    before, after = (run.context.before, run.context.after) if run.context else ("", "")
    raw = text[run.start:run.end]
    phrases = [f"{before}{word}{after}" for word in run.words]
    message = f"“{before}{raw}{after}”是网站屏蔽的词语，应为{_or(phrases)}"
    if len(run.words) == 1:
        return Hit(run.start, run.end, message, _HINT.format(raw, run.words[0]))
    return Hit(run.start, run.end, message, _CHOOSE.format(raw, _or(list(run.words))))


def _symbol_hit(text: str, run: SymbolRun) -> Hit:
    raw = text[run.start:run.end]
    if run.words:
        return _restored(text, run)
    if run.kind == "name":
        return Hit(run.start, run.end, f"“{raw}”是网站屏蔽的人名", _NAME_HINT)
    return Hit(run.start, run.end, f"“{raw}”是网站屏蔽的词语",
               "根据上下文恢复被屏蔽的原词（常见的是“党史”“政治”“民主生活会”等）。")


@register("masked-word", "error", "网站屏蔽词未还原")
def masked_words(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    text = doc.text
    hits: list[Hit] = []
    for mask in doc.key.masks:
        raw = text[mask.start:mask.end]
        hits.append(Hit(mask.start, mask.end, f"网站屏蔽词“{raw}”未还原，应为“{mask.word}”",
                        _HINT.format(raw, mask.word)))
    bold = markdown_bold(doc.text, doc.path)
    runs = symbol_runs(text, doc.key.key)
    hits += [_symbol_hit(text, run) for run in runs if run.kind != "placeholder" and run.start not in bold]
    yield from sorted(hits, key=lambda h: h.start)
