"""The real files the fuzz suite mutates: .docx, .pdf, .html and .txt built here from our own text.

Most .docx bases are lean packages written by hand (as WPS writes them: few parts, small
styles), so that a case costs a few milliseconds; one is saved by python-docx with Word's
full styles and automatic numbering.
"""

from __future__ import annotations

import functools
import io
import zipfile
from importlib import resources
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.cache
def material(chars: int = 900) -> str:
    """The start of the clean sample material, cut at a line end: title, parts, aspects, items."""
    text = (resources.files("duizhao") / "samples" / "01_clean_personal.txt").read_text(encoding="utf-8")
    return text[:text.rfind("\n", 0, chars) + 1]


def _paragraph(line: str, num: int | None = None, ilvl: int = 0) -> str:
    props = (f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
             if num else "")
    return f'<w:p>{props}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'


NUMBERING = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">'
             '<w:abstractNum w:abstractNumId="0">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
             '<w:lvlText w:val="%1、"/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
             '<w:lvlText w:val="（%2）"/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%3."/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="H1"><w:basedOn w:val="Normal"/>'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                 'officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')
DOC_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>')


def _document_xml(numbered: bool, table: bool) -> str:
    body: list[str] = []
    for line in material().split("\n"):
        head = line[:2]
        if numbered and head in ("一、", "二、", "三、"):
            body.append(_paragraph(line[2:], 1, 0))
        elif numbered and line.startswith("（") and "）" in line[:5]:
            body.append(_paragraph(line[line.index("）") + 1:], 1, 1))
        else:
            body.append(_paragraph(line))
    if table:
        cells = "".join(f"<w:tc>{_paragraph(t)}</w:tc>" for t in ("问题", "整改措施", "完成时限"))
        body.insert(len(body) // 2, f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{cells}</w:tr></w:tbl>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" '
            f'xmlns:r="{REL}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')


def lean_docx(numbered: bool = True, table: bool = False) -> bytes:
    members = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
               "word/document.xml": _document_xml(numbered, table),
               "word/_rels/document.xml.rels": DOC_RELS, "word/numbering.xml": NUMBERING,
               "word/styles.xml": STYLES}
    return zip_bytes({k: v.encode() for k, v in members.items()})


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


def word_docx() -> bytes:
    """A .docx saved by python-docx: Word's full styles part, a table and a bulleted list."""
    import docx

    document = docx.Document()
    lines = material(500).split("\n")
    for line in lines:
        document.add_paragraph(line)
    document.add_paragraph("整改事项", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "问题", "措施"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont("STSong-Light", 12)
    y = 800
    for line in material(700).split("\n"):
        for start in range(0, max(len(line), 1), 38):
            c.drawString(50, y, line[start:start + 38])
            y -= 18
            if y < 60:
                c.showPage()
                c.setFont("STSong-Light", 12)
                y = 800
    c.save()
    return out.getvalue()


def html() -> str:
    lines = material(700).split("\n")
    body = "".join(f"<p>{escape(x)}</p>" if i % 5 else f"<h2>{escape(x)}</h2>" for i, x in enumerate(lines))
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>对照检查材料</title>'
            '<style>.h{display:none}</style><script>var a = "<p>脚本</p>";</script></head><body>'
            f'<div class="main">{body}<span class="h">隐藏文字</span>'
            '<table><tr><td>问题</td><td>措施</td></tr></table></div></body></html>')
