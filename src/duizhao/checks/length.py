"""length: the whole text, the problems and the causes must each reach a minimum length."""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks._terms import part_anchor, title_span
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document, SectionRole

_PARTS: tuple[tuple[SectionRole, str, str], ...] = (
    ("problems", "min_problems_chars", "问题查摆部分"),
    ("causes", "min_causes_chars", "原因分析部分"),
)


@register("length", "warning", "篇幅不足")
def short_text(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    thresholds = ctx.settings.thresholds
    total = doc.chars()
    if total < thresholds.min_chars:
        start, end = title_span(doc)
        yield Hit(start, end, f"全文仅{total}字，少于要求的{thresholds.min_chars}字",
                  "对照检查材料一般不少于3000字：把问题写具体、把原因挖深、把措施写实，不要靠空话凑字数。")
    for role, setting, name in _PARTS:
        if not doc.sections_of(role):
            continue
        count, required = doc.part_chars(role), getattr(thresholds, setting)
        if count < required:
            start, end = part_anchor(doc, role)
            yield Hit(start, end, f"{name}仅{count}字，少于要求的{required}字",
                      f"充实{name}：每个问题写明事实、时间、数量和后果，原因从思想根源上剖析。")
