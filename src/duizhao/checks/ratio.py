"""problem-cause-ratio: problems and causes together should be at least half the text."""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks._terms import part_anchor
from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document


@register("problem-cause-ratio", "warning", "问题和原因篇幅占比偏低")
def problem_cause_share(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    total = doc.chars()
    if not doc.sections_of("problems") or total == 0:
        return
    share = (doc.part_chars("problems") + doc.part_chars("causes")) / total
    required = ctx.settings.thresholds.min_problem_cause_share
    if share < required:
        start, end = part_anchor(doc, "problems")
        yield Hit(start, end, f"问题查摆和原因分析共占全文的{share:.0%}，低于{required:.0%}",
                  "材料的重心应在查摆问题、剖析原因上：压缩开头的学习体会和结尾的表态，"
                  "把篇幅用在具体问题和深层原因上。")
