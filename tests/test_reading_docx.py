"""The .docx reader on real files built with python-docx (and by hand, for WPS-style packages)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from duizhao.outline import parse
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.reading import docx as reader
from duizhao.reading.numbering import chinese, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
Level = tuple[str, str, int]  # numFmt, lvlText, start
OUTLINE: list[Level] = [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1),
                        ("decimal", "%3.", 1)]


def add_list(document: docx.document.Document, levels: list[Level]) -> int:
    """Add an abstract list with these levels and a list instance using it; returns its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 100 + len(numbering.findall(qn("w:abstractNum")))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    for ilvl, (fmt, text, start) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", str(start)), ("w:numFmt", fmt), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    numbering.find(qn("w:num")).addprevious(abstract)
    return int(numbering.add_num(abstract_id).numId)


def restart(document: docx.document.Document, num_id: int, ilvl: int = 0, start: int = 1) -> int:
    """A second list instance of the same abstract list that restarts a level."""
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.append(parse_xml(f'<w:lvlOverride {nsdecls("w")} w:ilvl="{ilvl}">'
                         f'<w:startOverride w:val="{start}"/></w:lvlOverride>'))
    return int(num.numId)


def numbered(document: docx.document.Document, text: str, num_id: int, ilvl: int = 0) -> None:
    num_pr = document.add_paragraph(text)._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def lines(path: Path) -> list[str]:
    return reader.read(path).text.split("\n")


def test_numbered_headings_get_their_labels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("2025年度某局局长民主生活会个人对照检查材料")
    num = add_list(document, OUTLINE)
    for text, ilvl in (("存在的问题", 0), ("在政治建设方面", 1), ("学习不够系统。", 2), ("调研不够深入。", 2),
                       ("在担当作为方面", 1), ("推进项目偏慢。", 2), ("原因分析", 0), ("理想信念有所松懈", 1),
                       ("整改措施", 0)):
        numbered(document, text, num, ilvl)
    document.save(tmp_path / "a.docx")
    assert lines(tmp_path / "a.docx")[1:] == [
        "一、存在的问题", "（一）在政治建设方面", "1.学习不够系统。", "2.调研不够深入。",
        "（二）在担当作为方面", "1.推进项目偏慢。", "二、原因分析", "（一）理想信念有所松懈", "三、整改措施"]
    doc = parse(read_text_of(tmp_path / "a.docx").text)
    assert [s.role for s in doc.sections] == ["problems", "causes", "measures"]
    assert [a.label for a in doc.aspects("problems")] == ["（一）", "（二）"]


def test_numbering_inherited_from_a_paragraph_style(tmp_path: Path) -> None:
    document = docx.Document()
    num = add_list(document, OUTLINE)
    style = document.styles.add_style("对照一级标题", WD_STYLE_TYPE.PARAGRAPH)
    num_pr = style.element.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num
    based = document.styles.add_style("对照一级标题加粗", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = style
    document.add_paragraph("存在的问题", style=style)
    document.add_paragraph("正文不编号。")
    document.add_paragraph("原因分析", style=based)
    document.save(tmp_path / "s.docx")
    assert lines(tmp_path / "s.docx") == ["一、存在的问题", "正文不编号。", "二、原因分析"]


def test_start_values_overrides_and_shared_counters(tmp_path: Path) -> None:
    document = docx.Document()
    first = add_list(document, [("decimalEnclosedCircle", "%1", 3), ("ideographTraditional", "%2.", 1)])
    numbered(document, "甲项", first)
    numbered(document, "子项", first, 1)
    numbered(document, "乙项", first)
    numbered(document, "子项", first, 1)
    numbered(document, "接着编号", restart(document, first, 0, 1))
    numbered(document, "同一列表继续", first)
    document.save(tmp_path / "o.docx")
    assert lines(tmp_path / "o.docx") == ["③甲项", "甲.子项", "④乙项", "甲.子项", "①接着编号",
                                          "②同一列表继续"]


@pytest.mark.parametrize(("n", "expected"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (100, "一百"),
    (101, "一百零一"), (110, "一百一十"), (1005, "一千零五")])
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese(n) == expected


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (2, "chineseLegalSimplified", "贰"), (12, "chineseCountingThousand", "十二"),
    (3, "japaneseCounting", "三"), (1, "ideographTraditional", "甲"), (11, "ideographTraditional", "甲"),
    (2, "ideographZodiac", "丑"), (3, "decimalEnclosedCircle", "③"),
    (21, "decimalEnclosedCircleChinese", "㉑"),
    (2, "decimalEnclosedParen", "⑵"), (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"),
    (5, "decimalZero", "05"), (7, "decimalFullWidth", "７"), (10, "ideographDigital", "一〇"),
    (7, "someFutureFormat", "7"), (4, "none", "")])
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_tables_breaks_and_tabs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("表前段落。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "问题", "整改时限"
    table.cell(1, 0).text = "调研不够。"
    table.cell(1, 0).add_paragraph("基层去得少。")
    table.cell(1, 1).text = "2026年6月底前"
    run = document.add_paragraph("第一行").add_run()
    run.add_break()
    run.add_text("第二行")
    run.add_tab()
    run.add_text("制表符后")
    run.add_break(WD_BREAK.PAGE)
    document.save(tmp_path / "t.docx")
    extracted = reader.read(tmp_path / "t.docx")
    assert extracted.text == ("表前段落。\n问题\t整改时限\n调研不够。\n基层去得少。\t2026年6月底前\n"
                              "第一行\n第二行\t制表符后")
    assert any("表格已按文本读取" in note for note in extracted.notes)


def test_tracked_changes_and_hidden_text(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("学习")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="甲" w:date="2025-01-01T00:00:00Z">'
                          '<w:r><w:t>不够系统</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="甲" w:date="2025-01-01T00:00:00Z">'
                          '<w:r><w:delText>很好</w:delText></w:r></w:del>'))
    hidden = p.add_run("（隐藏批注）")
    hidden.font.hidden = True
    p.add_run("。")
    document.save(tmp_path / "r.docx")
    extracted = reader.read(tmp_path / "r.docx")
    assert extracted.text == "学习不够系统。"
    assert any("修订" in note for note in extracted.notes)


def write_package(path: Path, body: str, ns: str = W, part: str = "word/document.xml") -> Path:
    """A minimal .docx package written by hand, as WPS and other tools produce them."""
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/officeDocument" Target="{part}"/></Relationships>')
    document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}" '
                'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
                f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>{body}'
                '</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"/>')
        package.writestr("_rels/.rels", rels)
        package.writestr(part, document)
    return path


def test_wps_style_package_with_content_controls_and_text_box(tmp_path: Path) -> None:
    box = '<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>'
    body = ('<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内段落</w:t></w:r></w:p>'
            '</w:sdtContent></w:sdt>'
            '<w:p><w:r><w:t xml:space="preserve">正文 </w:t></w:r><w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>'
            '<w:r><w:t>继续。</w:t></w:r></w:p>')
    extracted = reader.read(write_package(tmp_path / "wps.docx", body, part="word/document2.xml"))
    assert extracted.text == "控件内段落\n正文 继续。\n框内文字"


def test_strict_ooxml_namespace(tmp_path: Path) -> None:
    path = write_package(tmp_path / "strict.docx", "<w:p><w:r><w:t>严格格式</w:t></w:r></w:p>", ns=STRICT)
    assert reader.read(path).text == "严格格式"


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "不是有效的 .docx"),
    (bytes(range(256)) * 8, "不是有效的 .docx"),
    (OLE + "EncryptedPackage".encode("utf-16-le"), "已加密"),
    (OLE, "不是有效的 .docx"),
    (b"<html><body>\xe6\xad\xa3\xe6\x96\x87</body></html>", "网页"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
])
def test_bad_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=message):
        reader.read(path)


def test_renamed_doc_asks_for_docx_or_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-libreoffice-here"))
    path = tmp_path / "old.docx"
    path.write_bytes(OLE + "WordDocument".encode("utf-16-le"))
    with pytest.raises(UnreadableDocument, match=r"另存为 \.docx.*LibreOffice"):
        reader.read(path)


def test_zip_without_a_document(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "你好")
    with pytest.raises(UnreadableDocument, match=r"word/document\.xml"):
        reader.read(path)


@pytest.mark.parametrize("xml", [
    "<w:document>not closed",
    '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><w:document/>',
    "<document><body><p>无命名空间</p></body></document>",
])
def test_broken_document_part(tmp_path: Path, xml: str) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", xml)
    with pytest.raises(UnreadableDocument):
        reader.read(path)


def test_empty_file_through_read_text_of(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(UnreadableDocument, match="为空"):
        read_text_of(path)
