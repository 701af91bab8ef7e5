"""structure-missing-section: the three parts — problems, causes, measures — must all be there."""

from __future__ import annotations

from collections.abc import Iterator

from duizhao.checks.registry import Hit, ReviewContext, register
from duizhao.document import Document

PARTS = {
    "problems": ("存在的问题", "“一、存在的问题”（或“对照查摆的问题”）"),
    "causes": ("原因分析", "“二、产生问题的原因分析”（或“根源剖析”）"),
    "measures": ("整改措施", "“三、整改措施”（或“努力方向”“下一步打算”）"),
}


@register("structure-missing-section", "error", "缺少问题、原因或整改措施部分")
def missing_sections(doc: Document, ctx: ReviewContext) -> Iterator[Hit]:
    present = {s.role for s in doc.sections}
    title_end = doc.title.end
    for role, (name, heading) in PARTS.items():
        if role not in present:
            yield Hit(title_end, title_end, f"材料缺少“{name}”部分",
                      f"按照对照检查材料的基本结构，补写以{heading}为标题的一部分。")
