"""The .docx package: parts parsed safely with lxml, the comments part, and a new package from text.

lxml keeps namespace prefixes and declarations as written (``mc:Ignorable`` names prefixes that
must stay declared), which ElementTree does not. Parts are parsed without DTDs, entities or
network access, and a part with a DOCTYPE is refused as the reader refuses it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from datetime import datetime
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree

from duizhao.reading import UnreadableDocument
from duizhao.reading.docx import NOT_DOCX

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
REL_TYPES = {  # the comments relationship, transitional and strict
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
    "http://purl.oclc.org/ooxml/wordprocessingml/main":
        "http://purl.oclc.org/ooxml/officeDocument/relationships/comments",
}
W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR, INITIALS = "duizhao", "DZ"
BROKEN = (etree.LxmlError, zipfile.BadZipFile, zlib.error, ValueError, OSError, KeyError, EOFError,
          NotImplementedError, RuntimeError, RecursionError)  # a package that cannot be edited
_NOT_XML = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def parse(data: bytes) -> Any:
    """A part's tree: no DTD (in any encoding: libxml2 decodes before it looks), no entities,
    no network; a part that declares a DTD is refused."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(data, parser)
    if root.getroottree().docinfo.doctype:
        raise UnreadableDocument(NOT_DOCX)
    return root


def serialize(root: Any) -> bytes:
    tree = root.getroottree()
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8",  # type: ignore[no-any-return]
                          standalone=tree.docinfo.standalone)


def xml_safe(text: str) -> str:
    """Characters XML cannot hold replaced one for one by U+FFFD, so offsets stay the same."""
    return _NOT_XML.sub("\ufffd", text)


# --- the comments part and where it is registered -----------------------------------------------

def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def comments_target(package: zipfile.ZipFile, part: str, w: str) -> tuple[str, bytes | None]:
    """The comments part's name, its relationships file with the part registered, if changed."""
    name = rels_name(part)
    folder = posixpath.dirname(part)
    data = package.read(name) if name in package.namelist() else None
    root = parse(data) if data is not None else etree.Element(f"{{{PKG_REL}}}Relationships",
                                                                nsmap={None: PKG_REL})
    rel_type = REL_TYPES.get(w[1:-1], REL_TYPES[W_MAIN])
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type", "").rsplit("/", 1)[-1] == "comments" and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            return posixpath.normpath(full), None
    taken = {rel.get("Id") for rel in root.iter(f"{{{PKG_REL}}}Relationship")}
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(root, f"{{{PKG_REL}}}Relationship",
                     {"Id": rid, "Type": rel_type, "Target": "comments.xml"})
    return posixpath.join(folder, "comments.xml"), serialize(root)


def content_types(data: bytes, part: str) -> bytes | None:
    """[Content_Types].xml with an Override for the comments part, or None when it has one."""
    root = parse(data)
    wanted = "/" + part
    for override in root.iter(f"{{{CONTENT_TYPES}}}Override"):
        if override.get("PartName", "").lower() == wanted.lower():
            return None
    etree.SubElement(root, f"{{{CONTENT_TYPES}}}Override",
                     {"PartName": wanted, "ContentType": COMMENTS_TYPE})
    return serialize(root)


def comments_root(data: bytes | None, w: str) -> Any:
    if data is not None:
        return parse(data)
    return etree.Element(w + "comments", nsmap={"w": w[1:-1]})


def add_comment(root: Any, w: str, comment: int, paragraphs: list[str], when: datetime | None) -> None:
    """One w:comment by duizhao: one paragraph per string, the first with the annotation mark."""
    element = etree.SubElement(root, w + "comment", {w + "id": str(comment), w + "author": AUTHOR,
                                                     w + "initials": INITIALS})
    if when is not None:
        element.set(w + "date", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    for index, text in enumerate(paragraphs):
        p = etree.SubElement(element, w + "p")
        if index == 0:
            etree.SubElement(etree.SubElement(p, w + "r"), w + "annotationRef")
        t = etree.SubElement(etree.SubElement(p, w + "r"), w + "t")
        t.text = xml_safe(text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def rebuild(package: zipfile.ZipFile, changed: dict[str, bytes]) -> bytes:
    """The package with some parts replaced or added; every other member copied as it was."""
    out = BytesIO()
    pending = dict(changed)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in package.infolist():
            data = pending.pop(info.filename, None)
            new.writestr(info, data if data is not None else package.read(info))
        for name, data in pending.items():
            new.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- a new package for a material that was not a .docx ----------------------------------------------

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_TYPES = (_HEAD + f'<Types xmlns="{CONTENT_TYPES}">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.styles+xml"/></Types>')
_ROOT_RELS = (_HEAD + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="http://schemas.'
              'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
              'Target="word/document.xml"/></Relationships>')
_DOC_RELS = (_HEAD + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="http://schemas.'
             'openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             '</Relationships>')
_STYLES = (_HEAD + f'<w:styles xmlns:w="{W_MAIN}"><w:docDefaults><w:rPrDefault><w:rPr>'
           '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/>'
           '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
           '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr>'
           '</w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
           '<w:name w:val="Normal"/></w:style></w:styles>')
_SECTION = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" '
            'w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')


def _paragraph(line: str) -> str:
    runs = "<w:r><w:tab/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' if part else ""
        for part in line.split("\t"))
    return f"<w:p>{runs}</w:p>"


def from_text(text: str) -> bytes:
    """A minimal .docx whose text, read back, is ``text``: one paragraph per line, tabs as w:tab."""
    body = "".join(_paragraph(line) for line in xml_safe(text).split("\n"))
    document = (_HEAD + f'<w:document xmlns:w="{W_MAIN}"><w:body>{body}{_SECTION}</w:body></w:document>')
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in (("[Content_Types].xml", _TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("word/document.xml", document), ("word/_rels/document.xml.rels", _DOC_RELS),
                           ("word/styles.xml", _STYLES)):
            package.writestr(name, data.encode("utf-8"))
    return out.getvalue()
