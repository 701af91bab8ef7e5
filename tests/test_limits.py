"""``[limits]``: files past a limit are refused with a message naming it; packages are read in
bounded memory; XML parts declaring a DTD are refused whatever their encoding."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

from duizhao.checks.registry import ReviewContext
from duizhao.config import ConfigError, Limits, Settings, settings_from
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.review import review_file, review_paths

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY = "一、存在的问题\n学习不够深入，联系实际不够紧密。\n"


def material_docx(path: Path, paragraphs: int = 3) -> Path:
    document = docx.Document()
    for _ in range(paragraphs):
        document.add_paragraph("学习不够深入，联系实际不够紧密。")
    document.save(str(path))
    return path


def replaced(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of a package with one member's bytes replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == name else old.read(info))
    return target


def test_limits_parsed_from_config() -> None:
    limits = settings_from({"limits": {"max_chars": 10, "max_pdf_pages": 3}}).limits
    assert (limits.max_chars, limits.max_pdf_pages, limits.max_file_bytes) == (10, 3, Limits().max_file_bytes)
    with pytest.raises(ConfigError, match="max_page"):
        settings_from({"limits": {"max_page": 3}})
    with pytest.raises(ConfigError, match="正整数"):
        settings_from({"limits": {"max_chars": 0}})


def test_file_over_max_file_bytes_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    message = r"文件过大.*超过限制 \[limits\] max_file_bytes = 1000，可在 duizhao.toml 中调高"
    with pytest.raises(UnreadableDocument, match=message):
        read_text_of(path, Limits(max_file_bytes=1000))


def test_text_over_max_chars_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    assert read_text_of(path, Limits(max_chars=5000)).text
    with pytest.raises(UnreadableDocument, match=r"超过限制 \[limits\] max_chars = 1000"):
        read_text_of(path, Limits(max_chars=1000))


def test_review_uses_the_configured_limits(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY * 100, encoding="utf-8")
    item = review_file(path, ReviewContext(Settings(limits=Limits(max_chars=1000))))
    assert item.error is not None and "max_chars = 1000" in item.error


def test_findings_kept_in_a_report_are_capped_with_a_note(tmp_path: Path, ctx: ReviewContext) -> None:
    path = tmp_path / "a.txt"
    path.write_text("2025年度个人对照检查材料\n" + "【XXX】同志【XX】。\n" * 50, encoding="utf-8")
    full = review_file(path, ctx)
    assert len(full.findings) > 3
    capped = review_file(path, ReviewContext(Settings(limits=Limits(max_findings=3))))
    assert capped.findings == full.findings[:3] and capped.grade == full.grade
    assert capped.document is not None
    assert any("max_findings = 3" in note for note in capped.document.notes)


def test_findings_capped_once_in_a_batch(tmp_path: Path) -> None:
    text = "2025年度个人对照检查材料\n" + "【XXX】同志【XX】。\n" * 50
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    review = review_paths([tmp_path], ReviewContext(Settings(limits=Limits(max_findings=3))))
    for item in review.documents:
        assert item.document is not None and len(item.findings) == 3
        assert sum("max_findings" in note for note in item.document.notes) == 1


def test_in_a_batch_the_grade_counts_every_finding_before_the_cap(tmp_path: Path) -> None:
    # all three parts, so the errors are the placeholders: graded on the first 3 only, it passed
    parts = ("2025年度个人对照检查材料\n一、存在的问题\n{}二、原因分析\n一是放松学习。\n"
             "三、整改措施\n一是加强学习。\n")
    (tmp_path / "a.txt").write_text(parts.format("一是【XXX】同志【XX】。\n" * 20), encoding="utf-8")
    (tmp_path / "b.txt").write_text(parts.format("一是学习不够。\n"), encoding="utf-8")
    full = review_paths([tmp_path], ReviewContext(Settings()))
    capped = review_paths([tmp_path], ReviewContext(Settings(limits=Limits(max_findings=3))))
    assert [d.grade for d in capped.documents] == [d.grade for d in full.documents]
    assert full.documents[0].grade == "不达标"
    first, whole = capped.documents[0], full.documents[0]
    assert first.document is not None and len(first.findings) == 3
    assert f"共发现 {len(whole.findings)} 处问题" in " ".join(first.document.notes)


def test_docx_parts_past_max_unpacked_bytes_are_refused(tmp_path: Path) -> None:
    source = material_docx(tmp_path / "a.docx")
    big = (f'<w:document xmlns:w="{W}"><w:body>' + "<w:p><w:r><w:t>学习</w:t></w:r></w:p>" * 40_000
           + "</w:body></w:document>").encode()
    path = replaced(source, tmp_path / "big.docx", "word/document.xml", big)
    assert read_text_of(path).text.startswith("学习")
    with pytest.raises(UnreadableDocument, match=r"\[limits\] max_unpacked_bytes = 1000000"):
        read_text_of(path, Limits(max_unpacked_bytes=1_000_000))


def test_the_total_across_parts_is_counted(tmp_path: Path) -> None:
    # each part alone is under the limit; together they are over it
    source = material_docx(tmp_path / "a.docx")
    styles = b"<w:styles xmlns:w='" + W.encode() + b"'>" + b"<!-- padding -->" * 40_000 + b"</w:styles>"
    path = replaced(source, tmp_path / "styles.docx", "word/styles.xml", styles)
    size = len(styles) + 100  # the other parts read hold more than 100 bytes
    with pytest.raises(UnreadableDocument, match="max_unpacked_bytes"):
        read_text_of(path, Limits(max_unpacked_bytes=size))


def _falsify_declared_sizes(data: bytes, member: str) -> bytes:
    """Claim 10 bytes as the uncompressed size of ``member`` in its local and central headers."""
    out = bytearray(data)
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = out.find(signature)
        while at != -1:
            if out[at + name_at:at + name_at + len(name)] == name:
                out[at + size_at:at + size_at + 4] = struct.pack("<I", 10)
            at = out.find(signature, at + 4)
    return bytes(out)


def test_a_falsified_declared_size_is_not_trusted(tmp_path: Path) -> None:
    source = material_docx(tmp_path / "a.docx")
    big = (f'<w:document xmlns:w="{W}"><w:body>' + "<w:p><w:r><w:t>学习</w:t></w:r></w:p>" * 40_000
           + "</w:body></w:document>").encode()
    honest = replaced(source, tmp_path / "honest.docx", "word/document.xml", big)
    path = tmp_path / "lying.docx"
    path.write_bytes(_falsify_declared_sizes(honest.read_bytes(), "word/document.xml"))
    with pytest.raises(UnreadableDocument):
        read_text_of(path, Limits(max_unpacked_bytes=1_000_000))


DTD_PART = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w:document [<!ENTITY x "秘密">]>'
            f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&x;学习</w:t></w:r></w:p></w:body>'
            '</w:document>')


def test_utf16_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    source = material_docx(tmp_path / "a.docx")
    path = replaced(source, tmp_path / "dtd.docx", "word/document.xml", DTD_PART.encode("utf-16"))
    with pytest.raises(UnreadableDocument, match="已损坏"):
        read_text_of(path)


def test_comment_writer_parser_refuses_a_utf16_dtd() -> None:
    # imported here: importing the subpackage at collection would shadow ``duizhao.reports.word()``
    from duizhao.reports.word import package

    with pytest.raises(UnreadableDocument):
        package.parse(DTD_PART.encode("utf-16"))
    assert package.parse(DTD_PART.split("\n", 1)[1].split("]>", 1)[1].replace("&x;", "")
                         .encode()) is not None


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(200, 200)
    writer.write(path)
    return path


def test_pdf_past_max_pdf_pages_is_refused(tmp_path: Path) -> None:
    path = blank_pdf(tmp_path / "many.pdf", 2_001)  # once read page by page, 50,000 took over 60 s
    with pytest.raises(UnreadableDocument, match=r"\[limits\] max_pdf_pages = 2000"):
        read_text_of(path)
    with pytest.raises(UnreadableDocument, match=r"max_pdf_pages = 5"):
        read_text_of(blank_pdf(tmp_path / "six.pdf", 6), Limits(max_pdf_pages=5))


def test_pdf_decompression_bomb_is_not_called_a_scan(tmp_path: Path) -> None:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    stream._data = zlib.compress(b" " * 80_000_000, 9)  # past pypdf's 75 MB output limit
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(out.getvalue())
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_text_of(path)


def test_docx_part_past_max_xml_elements_is_refused(tmp_path: Path) -> None:
    # once a 674 KB .docx of empty paragraphs (189 MB unpacked) took 1.6 GB to read
    source = material_docx(tmp_path / "a.docx")
    empty = (f'<w:document xmlns:w="{W}"><w:body>' + "<w:p/>" * 20_000 + "</w:body></w:document>").encode()
    path = replaced(source, tmp_path / "empty.docx", "word/document.xml", empty)
    with pytest.raises(UnreadableDocument, match=r"\[limits\] max_xml_elements = 10000"):
        read_text_of(path, Limits(max_xml_elements=10_000))


def test_the_configured_limits_apply_to_notices_and_ledger_materials(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from duizhao.cli import main

    config = tmp_path / "duizhao.toml"
    config.write_text("[limits]\nmax_chars = 50\n", encoding="utf-8")
    notice = tmp_path / "通知.txt"
    notice.write_text("二、对照检查内容\n" + "（一）在政治建设方面。\n（二）在作风建设方面。\n" * 5,
                      encoding="utf-8")
    material = tmp_path / "材料.txt"
    material.write_text("2025年度局长个人对照检查材料\n一、存在的问题\n一是学习不够。\n" * 5,
                        encoding="utf-8")
    runner, configured = CliRunner(), ["--config", str(config)]
    reviewed = runner.invoke(main, ["review", str(material), "--notice", str(notice), *configured])
    assert reviewed.exit_code == 2 and "max_chars = 50" in reviewed.stderr
    drafted = runner.invoke(main, ["ledger", "draft", str(material), "--format", "json", *configured])
    assert drafted.exit_code == 1 and "max_chars = 50" in drafted.stderr
