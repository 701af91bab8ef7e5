"""Odd values in numbering.xml (a superscript digit as a level or start) do not make a .docx unreadable."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.reading import read_text_of
from duizhao.reading.numbering import number
from duizhao.review import review_file


def _odd_list(document: docx.document.Document, ilvl: str, start: str) -> int:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="%1、"/></w:lvl>'
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>')
    numbering.find(qn("w:num")).addprevious(abstract)
    return int(numbering.add_num(90).numId)


def _numbered(document: docx.document.Document, text: str, num_id: int, ilvl: str) -> None:
    p_pr = document.add_paragraph(text)._p.get_or_add_pPr()
    p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                          f'<w:numId w:val="{num_id}"/></w:numPr>'))


@pytest.mark.parametrize(("ilvl", "start"), [("²", "1"), ("1", "³"), ("¹", "²"), ("١", "٣")])
def test_superscript_digits_in_numbering(tmp_path: Path, ilvl: str, start: str) -> None:
    document = docx.Document()
    document.add_paragraph("某同志对照检查材料")
    num = _odd_list(document, ilvl, start)
    _numbered(document, "存在的问题", num, "0")
    _numbered(document, "学习不够系统。", num, ilvl)
    document.save(tmp_path / "odd.docx")
    lines = read_text_of(tmp_path / "odd.docx").text.split("\n")
    assert lines[1] == "一、存在的问题"
    # a level that cannot be read is left out; a paragraph that names it is numbered at level 0
    assert lines[2] in ("二、学习不够系统。", "1.学习不够系统。")
    assert review_file(tmp_path / "odd.docx", ReviewContext(settings=Settings())).error is None


@pytest.mark.parametrize(("text", "expected"), [
    ("3", 3), ("²", 7), ("١٢", 7), ("", 7), (None, 7), ("-1", 7), ("12345678", 7), ("３", 7)])
def test_number_accepts_ascii_digits_only(text: str | None, expected: int) -> None:
    assert number(text, 7) == expected
