"""Shared by the materials view tests: the roles of the world, real Word files, a signed-in client."""

from __future__ import annotations

import io

from docx import Document

ROLES = ["admin", "reviewer", "reviewer_b", "secretary_a", "secretary_b", "member_a1", "member_a2",
         "member_b1", None]
SEE_A1 = {"admin", "reviewer", "secretary_a", "member_a1"}  # A1's material before the meeting
WRITE_A1 = {"admin", "reviewer", "secretary_a", "member_a1"}
REVIEW_A1 = {"admin", "reviewer", "secretary_a"}

DEFECTIVE = [
    "XXX同志对照检查材料",
    "根据此次民主生活会的通知要求，本人认真学习了相关文件，广泛征求了意见，现对照检查如下。",
    "一、存在的问题",
    "（一）在政治建设方面。一是学习不够深入。此处填写具体事例。二是联系群众不够。",
    "二、原因分析",
    "理想信念有所放松，宗旨意识有所淡化。",
    "三、整改措施",
    "加强理论学习，每月到基层调研不少于两次。",
]


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def fixed(paragraphs: list[str]) -> list[str]:
    """The defective material with its template leftovers filled in."""
    return [p.replace("XXX同志", "李明同志").replace("此处填写具体事例。", "去年只参加了四次集中学习。")
            for p in paragraphs]


def expected(login: str | None, allowed: set[str]) -> int:
    """The status a GET answers: 200 when allowed, the login redirect for anonymous, else 403."""
    if login is None:
        return 302
    return 200 if login in allowed else 403
