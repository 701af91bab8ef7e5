"""PDF (pypdf) and .doc/.wps (LibreOffice) reading, on real files made in the test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from duizhao.outline import parse
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.reading.converted import NO_CONVERTER, read_legacy, read_pdf

pytest.importorskip("reportlab")
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
BODY = ParagraphStyle("body", fontName="STSong-Light", fontSize=16, leading=28, firstLineIndent=32,
                      wordWrap="CJK", alignment=TA_JUSTIFY)
ITEM = ("一是理论学习不够系统深入，对党的创新理论的学习还停留在读原文、记笔记层面，"
        "2025年只参加了6次集中学习，运用理论指导实践、推动工作的能力还有差距，在学用结合、知行合一上下功夫不够。")
CAUSE = "一是理想信念有所松懈，对加强自身党性修养的重要性认识不足，放松了对世界观、人生观、价值观的改造。"
MEASURE = "一是加强理论武装，2026年3月底前制定个人学习计划，每月至少精读一本理论著作，撰写一篇心得体会。"


def material_pdf(path: Path, copies: int = 3) -> Path:
    """A three-part material set in justified, indented paragraphs, with page numbers."""

    def page_number(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
        c.setFont("STSong-Light", 12)
        c.drawCentredString(300, 40, f"- {doc.page} -")
        c.drawCentredString(300, 800, "某局党组民主生活会材料")

    texts = ["2025年度某局局长民主生活会个人对照检查材料", "一、存在的问题", *[ITEM] * copies,
             "二、原因分析", CAUSE, "三、整改措施", MEASURE]
    story: list[object] = [Paragraph(t, BODY) for t in texts]
    story.insert(4, PageBreak())
    SimpleDocTemplate(str(path)).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return path


def test_pdf_text_is_unwrapped_and_page_furniture_removed(tmp_path: Path) -> None:
    extracted = read_pdf(material_pdf(tmp_path / "m.pdf"))
    lines = [x.strip() for x in extracted.text.split("\n")]
    assert lines == ["2025年度某局局长民主生活会个人对照检查材料", "一、存在的问题", ITEM, ITEM, ITEM,
                     "二、原因分析", CAUSE, "三、整改措施", MEASURE]
    assert any(n.startswith("已从 PDF 提取文字，并合并了") for n in extracted.notes)
    doc = parse(read_text_of(tmp_path / "m.pdf").text)
    assert [s.role for s in doc.sections] == ["problems", "causes", "measures"]


def test_pdf_spaced_characters_closed_up(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "s.pdf"))
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "学 习 贯 彻 习 近 平 新 时 代 中 国 特 色 社 会 主 义 思 想")
    c.drawString(72, 730, "正常排版的一行 2025 年")
    c.save()
    assert read_pdf(tmp_path / "s.pdf").text.split("\n") == ["学习贯彻习近平新时代中国特色社会主义思想",
                                                             "正常排版的一行 2025 年"]


def test_pdf_with_owner_password_only_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=material_pdf(tmp_path / "m.pdf", copies=1))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "owner.pdf")
    assert ITEM in read_pdf(tmp_path / "owner.pdf").text


def test_pdf_with_open_password_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=material_pdf(tmp_path / "m.pdf", copies=1))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    assert PdfReader(tmp_path / "locked.pdf").is_encrypted
    with pytest.raises(UnreadableDocument, match="已加密"):
        read_pdf(tmp_path / "locked.pdf")


def test_scanned_pdf_suggests_ocr(tmp_path: Path) -> None:
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(72, 72, 400, 600, fill=1)
    c.save()
    with pytest.raises(UnreadableDocument, match="OCR"):
        read_pdf(tmp_path / "scan.pdf")


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n" + bytes(range(256)) * 4,
    b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    b"not a pdf at all",
])
def test_corrupt_pdf_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument):
        read_text_of(path)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_without_libreoffice_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        suffix: str) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    with pytest.raises(UnreadableDocument) as caught:
        read_text_of(path)
    assert str(caught.value) == NO_CONVERTER and "LibreOffice" in NO_CONVERTER


def test_docx_saved_with_a_doc_suffix_is_read_directly(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、存在的问题")
    document.save(tmp_path / "really-docx.doc")
    extracted = read_legacy(tmp_path / "really-docx.doc")
    assert extracted.text == "一、存在的问题" and "实为 .docx" in extracted.notes[0]


def test_doc_and_wps_converted_with_libreoffice(tmp_path: Path, soffice: str) -> None:
    from test_reading_docx import OUTLINE, add_list, numbered

    document = docx.Document()
    document.add_paragraph("2025年度某局局长民主生活会个人对照检查材料")
    num = add_list(document, OUTLINE)
    numbered(document, "存在的问题", num)
    numbered(document, "在政治建设方面", num, 1)
    document.add_paragraph(ITEM)
    numbered(document, "原因分析", num)
    document.save(tmp_path / "source.docx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "source.docx")],
                   check=True, timeout=120, capture_output=True)
    expected = ["一、存在的问题", "（一）在政治建设方面", ITEM, "二、原因分析"]
    shutil.copyfile(tmp_path / "source.doc", tmp_path / "source.wps")
    shutil.copyfile(tmp_path / "source.doc", tmp_path / "renamed.docx")
    cases = (("source.doc", "将 .doc 转换"), ("source.wps", "将 .wps 转换"), ("renamed.docx", "实为旧版"))
    for name, note in cases:
        extracted = read_text_of(tmp_path / name)
        assert extracted.text.split("\n")[1:] == expected
        assert note in extracted.notes[0]
