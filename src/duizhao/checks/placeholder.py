"""placeholder: template leftovers that were never filled in (XX, ××, 某某, 202X, 【待补】, ___).

Works on the raw text so that every span is exactly the placeholder as written. A single
``X`` counts only where the words around it show a blank (来X考察, X市); recognised 党
masks (治X, X员) are the ``masked-word`` check's, and real codes (县道X212, X光, 3×4) are not
placeholders. Runs of ``*`` between Chinese characters are masks too, except in years
(20**) and before an administrative unit (**市), which are placeholders.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

from duizhao.checks.helpers import words_pattern
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document
from duizhao.text.masks import find_masks

_CJK = "\u3400-\u9fff"
_X = "XxＸｘ×"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_UNITS = "省市县区镇乡村街局厅委办处科所站队部司院校月日号名家项个次人万亿元"
_NOT_AFTER_X = ("光", "射线", "线", "刀", "型", "染色体", "轴", "世纪")

# Each pattern starts with a literal or a character set (fast to scan for); what may not come
# before a match is checked in ``_BEFORE`` rather than with a leading look-behind.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"20(?:[0-9０-９][Xx×Ｘｘ*＊]|[Xx×Ｘｘ*＊]{2})(?![A-Za-z0-9])")),
    ("x", re.compile(rf"[{_X}][{_X}]*(?![A-Za-z0-9{_X}])")),
    ("star", re.compile(r"[*＊][*＊]{0,2}(?=[省市县区镇乡村街])")),
    ("someone", re.compile("某某+")),
    ("todo", re.compile(r"[【\[（(〔［]\s*待(?:补充?|補充?|填写?|定|完善|核实|核實|确认|確認|修改|更新)"
                        r"\s*[】\]）)〕］]")),
    ("blank", re.compile(r"[_＿][_＿]+")),
)
# A pattern is tried only when one of its characters is in the text at all (a fast test).
_NEEDLES = {"x": tuple(_X), "star": ("*", "＊"), "someone": ("某某",), "todo": ("待",), "blank": ("__", "＿")}
_DIGITS = string.digits + "０１２３４５６７８９"
_BEFORE = {"year": _DIGITS, "x": string.ascii_letters + string.digits + _X, "star": "*＊" + _DIGITS}

MESSAGES = {
    "year": ("年份占位“{0}”未填写", "填写实际年份。"),
    "todo": ("待补标记“{0}”未处理", "补写相应内容后删去标记。"),
    "blank": ("留空的下划线“{0}”未填写", "填入实际内容，或删去下划线。"),
}
_DEFAULT = ("模板占位符“{0}”未替换", "替换为实际的单位、地点、人名或数字，或删去。")


def _is_party_mask(text: str, start: int) -> bool:
    """Whether the X at ``start`` is a recognised 党 mask (looked up in a small window)."""
    lo = max(0, start - 2)
    return any(m.start == start - lo for m in find_masks(text[lo:start + 4]))


def _single_x_is_blank(text: str, start: int) -> bool:
    """A lone X is a blank between Chinese characters (来X考察) or before a unit (X市)."""
    if text[start] == "×" or text[start - 1:start] in ("_", "*", "＊"):
        return False
    after = text[start + 1:start + 4]
    if not after or after.startswith(_NOT_AFTER_X):
        return False
    before = text[start - 1] if start else ""
    if after[0] in _UNITS:
        return not _is_party_mask(text, start)
    if _CJK_CHAR.match(before) and _CJK_CHAR.match(after):
        return not _is_party_mask(text, start)
    return False


def _spans(text: str) -> Iterator[tuple[str, int, int]]:
    for name, pattern in _PATTERNS:
        if name in _NEEDLES and not any(n in text for n in _NEEDLES[name]):
            continue
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if start and text[start - 1] in _BEFORE.get(name, ""):
                continue
            if name == "x" and end - start == 1:
                if _single_x_is_blank(text, start):
                    yield "x", start, end
            elif not (name == "x" and text.startswith("世纪", end)):
                yield name, start, end


@register("placeholder", "error", "模板占位符未替换")
def placeholders(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    text = doc.text
    seen: list[tuple[int, int]] = []
    found = list(_spans(text))
    extra = words_pattern(ctx.settings.extra_words("placeholders"))
    if extra is not None:
        found += [("extra", m.start(), m.end()) for m in extra.finditer(text)]
    for name, start, end in sorted(found, key=lambda f: (f[1], -f[2])):
        if any(s <= start < e for s, e in seen):
            continue
        seen.append((start, end))
        message, hint = MESSAGES.get(name, _DEFAULT)
        yield Hit(start, end, message.format(text[start:end]), hint)
