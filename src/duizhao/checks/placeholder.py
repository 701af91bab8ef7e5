"""placeholder: template leftovers that were never filled in (XX, ××, 某某, 202X, X月, 【待补】, ___,
此处填写……).

Works on the raw text so that every span is exactly the placeholder as written. A single
``X`` counts only where the words around it show a blank (来X考察, X市, X月X日, X项);
recognised 党 masks (治X, X员) are the ``masked-word`` check's, and real codes (县道X212,
X光, Windows XP) are not placeholders. Runs of ``×`` or ``*`` are classified once, in
:func:`duizhao.text.masks.symbol_runs`: a blank where a name, unit or number is expected
(××局, 第×次, ××万元, ××同志), a masked word where the context gives the word (××生活会,
reported by ``masked-word``); 3×4 and 1*2 are neither. Years (202X, 20X5年, 20**) have
their own pattern.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from duizhao.checks.helpers import words_pattern
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.masks import find_masks, markdown_bold, symbol_runs

_CJK = "\u3400-\u9fff"
_X = "XxＸｘ"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_UNITS = "省市县区镇乡村街局厅委办处科所站队部司院校"
_NUMBER_WORDS = "年月日号名家项个次人万亿元篇季届批条件份期轮"
_NOT_AFTER_X = ("光", "射线", "线", "刀", "型", "染色体", "轴", "世纪")

# Each pattern starts with a literal or a character set (fast to scan for); what may not come
# before a match is checked in ``_BEFORE`` rather than with a leading look-behind.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"20(?:[0-9０-９][Xx×Ｘｘ*＊]|[Xx×Ｘｘ*＊]{2}|[Xx×Ｘｘ*＊][0-9０-９](?=年))"
                        r"(?![A-Za-z0-9])")),
    ("x", re.compile(rf"[{_X}][{_X}]*(?![A-Za-z0-9{_X}])")),
    ("someone", re.compile("某某+")),
    ("todo", re.compile(r"[【\[（(〔［]\s*待(?:补充?|補充?|填写?|定|完善|核实|核實|确认|確認|修改|更新)"
                        r"\s*[】\]）)〕］]")),
    ("blank", re.compile(r"[_＿][_＿]+")),
    ("instruction", re.compile(r"(?:此处|这里|此栏|本栏)请?(?:填写|填入|输入|插入|粘贴|列举|写明)"
                               r"[^，。；;,、\n（）()【】\[\]]{0,20}")),
)
# A pattern is tried only when one of its characters is in the text at all (a fast test).
_NEEDLES = {"x": tuple(_X), "someone": ("某某",), "todo": ("待",), "blank": ("__", "＿"),
            "instruction": ("此处", "这里", "此栏", "本栏")}
_DIGITS = string.digits + "０１２３４５６７８９"
_BEFORE = {"year": _DIGITS, "x": string.ascii_letters + string.digits + _X}

MESSAGES = {
    "year": ("年份占位“{0}”未填写", "填写实际年份。"),
    "todo": ("待补标记“{0}”未处理", "补写相应内容后删去标记。"),
    "blank": ("留空的下划线“{0}”未填写", "填入实际内容，或删去下划线。"),
    "instruction": ("模板中的填写说明“{0}”未删除", "按说明写入实际内容后，删去这句说明。"),
    "number": ("数字占位“{0}”未填写", "填写实际的数字或日期。"),
    "unit": ("单位占位“{0}”未填写", "填写实际的单位或地名。"),
    "name": ("人名占位“{0}”未填写", "填写实际的姓名。"),
}
_DEFAULT = ("模板占位符“{0}”未替换", "替换为实际的单位、地点、人名或数字，或删去。")


def _is_party_mask(text: str, start: int) -> bool:
    """Whether the X at ``start`` is a recognised 党 mask (looked up in a small window)."""
    lo = max(0, start - 2)
    return any(m.start == start - lo for m in find_masks(text[lo:start + 4]))


def _single_x(text: str, start: int) -> str | None:
    """What a lone X is: a number (X月, X项) or a blank between Chinese characters (来X考察)
    or before a unit (X市); None where it is a 党 mask, a code or part of a word."""
    if text[start - 1:start] in ("_", "*", "＊"):
        return None
    after = text[start + 1:start + 4]
    if not after or after.startswith(_NOT_AFTER_X):
        return None
    before = text[start - 1] if start else ""
    blank = after[0] in _UNITS + _NUMBER_WORDS or (_CJK_CHAR.match(before) and _CJK_CHAR.match(after))
    if not blank or _is_party_mask(text, start):
        return None
    return "number" if after[0] in _NUMBER_WORDS else "x"


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    for name, pattern in _PATTERNS:
        if name in _NEEDLES and not any(n in text for n in _NEEDLES[name]):
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if start and text[start - 1] in _BEFORE.get(name, ""):
                continue
            if name == "x" and end - start == 1:
                single = _single_x(text, start)
                if single:
                    yield single, start, end
            elif not (name == "x" and text.startswith("世纪", end)):
                yield name, start, end


def _symbol_blanks(doc: Document) -> Iterator[tuple[str, int, int]]:
    """Runs of × or * that stand for a blank (the masked ones are ``masked-word``'s)."""
    bold = markdown_bold(doc.text, doc.path)
    for run in symbol_runs(doc.text):
        if run.kind == "placeholder" and run.start not in bold:
            yield run.blank or "x", run.start, run.end


@register("placeholder", "error", "模板占位符未替换")
def placeholders(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    text = doc.text
    covered = 0  # the end of the spans reported so far (they come in order of their starts)
    found = [*_spans(text), *_symbol_blanks(doc)]
    extra = words_pattern(ctx.settings.extra_words("placeholders"))
    if extra is not None:
        found += [("extra", m.start(), m.end()) for m in extra.finditer(text)]
    for name, start, end in sorted(found, key=lambda f: (f[1], -f[2])):
        if start < covered:  # inside a span already reported
            continue
        covered = max(covered, end)
        message, hint = MESSAGES.get(name, _DEFAULT)
        yield Hit(start, end, message.format(text[start:end]), hint)
