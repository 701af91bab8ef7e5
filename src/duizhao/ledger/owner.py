"""Who is responsible for a material's rows: ``--owner``, else what the material says.

The unit and post come from the title (``Document.title``); a team material's rows belong to
its leading team. The author's name is taken when the material states it: right after the post
in the title (“农业农村局局长张三2025年度……”, “……局长张三同志……”), or on a line of its own
under the title (“张三”, “（张三）”, “发言人：张三”).
"""

from __future__ import annotations

import re

from duizhao.document import Document
from duizhao.outline.parser import split_lines

_AFTER_POST = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:同志)?"
                         r"(?=(?:19|20)\d{2}|个人|在|关于|对照|民主|专题|组织)")
_NAME_LINE = re.compile(r"[（(]?(?:发言人|报告人|姓名)?[：:]?\s*([\u4e00-\u9fff]{2,4}?)(?:同志)?[）)]?")
_NOT_A_NAME = re.compile(r"问题|材料|报告|情况|措施|原因|方面|同志们|会议|检查|提纲|领导|班子|书记|局长|主任")


def author_name(doc: Document) -> str:
    """The author's name where the material states it, else ""."""
    title = doc.title
    if title.post:
        at = title.text.find(title.post)
        found = _AFTER_POST.match(title.text, at + len(title.post)) if at >= 0 else None
        if found and not _NOT_A_NAME.search(found.group(1)):
            return found.group(1)
    lines = [x for x in split_lines(doc.text) if x.start >= title.end]
    if title.text and lines:
        found = _NAME_LINE.fullmatch(lines[0].text)
        if found and not _NOT_A_NAME.search(found.group(1)):
            return found.group(1)
    return ""


def owner_of(doc: Document, owner: str | None) -> str:
    """``--owner`` when given; else the team (“××领导班子”), or the name with the unit and post."""
    if owner:
        return owner
    title = doc.title
    if doc.kind == "team" or (title.kind == "team" and not title.post):
        return f"{title.unit}领导班子" if title.unit else "领导班子"
    role = f"{title.unit}{title.post}"
    name = author_name(doc)
    return f"{name}（{role}）" if name and role else name or role
