"""Word (.docx, also saved by WPS) reader: body paragraphs and tables in document order.

The package is read with the standard library (zip + ElementTree), so files python-docx
rejects (WPS, Strict OOXML, odd part names) still open. Automatic numbering (一、 （一） 1.)
is not part of a paragraph's text: it is rebuilt from numbering.xml and put in front of
the text, so the outline parser sees the labels a reader of the document sees.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree as ET

from duizhao.config import Limits
from duizhao.reading import Extracted, UnreadableDocument
from duizhao.reading.numbering import FALLBACK, Numbering, Style, number, read_styles, val

_OLE = b"\xd0\xcf\x11\xe0"
_CHUNK = 1024 * 1024
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# LookupError: a part's XML declaration names an encoding Python does not know (encoding="UTF-e")
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ET.ParseError, EOFError, LookupError,
           NotImplementedError, RuntimeError, ValueError, OSError, RecursionError)

NOT_DOCX = "文件已损坏或不是有效的 .docx，请在 Word/WPS 中打开后重新另存为 .docx"
NO_BODY = "文件不是有效的 .docx（找不到正文 word/document.xml），请在 Word/WPS 中另存为 .docx"
ENCRYPTED = "文件已加密（设置了打开密码），无法读取：请在 Word/WPS 中取消密码后另存为 .docx"
OLD_DOC = ("该文件实为旧版 Word（.doc）格式，只是扩展名为 .docx：请在 Word/WPS 中另存为 .docx，"
           "或安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui）后再审核")
_SAVE_AS = "请在 Word/WPS 中打开后另存为 .docx"
_DISGUISED = ((b"{\\rtf", "RTF"), (b"<", "网页（HTML）"), (b"MIME", "网页（MHT）"))


def read(path: Path, limits: Limits | None = None) -> Extracted:
    with path.open("rb") as handle:
        head = handle.read(8)
    limits = limits or Limits()
    if head.startswith(_OLE):
        return _read_ole(path, limits)
    for magic, name in _DISGUISED:
        if head.lstrip().startswith(magic):
            raise UnreadableDocument(f"该文件实为{name}格式，只是扩展名为 .docx：{_SAVE_AS}")
    try:
        with zipfile.ZipFile(path) as package:
            return _extract(package, limits)
    except _BROKEN as exc:
        raise UnreadableDocument(NOT_DOCX) from exc


def _read_ole(path: Path, limits: Limits) -> Extracted:
    """An OLE compound file named .docx: an encrypted .docx, or an old .doc renamed."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableDocument(ENCRYPTED)
    if "WordDocument".encode("utf-16-le") not in data:
        raise UnreadableDocument(NOT_DOCX)
    from duizhao.reading import converted

    if converted.converter() is None:
        raise UnreadableDocument(OLD_DOC)
    return converted.read_legacy(path, limits)


class DoctypeRefused(ValueError):
    """A part declares a DTD (``<!DOCTYPE …>``): refused, whatever the part's encoding."""


class _NoDoctype(ET.TreeBuilder):
    """The standard tree builder, refusing any DTD. Expat reports ``<!DOCTYPE`` after decoding the
    part, so a DTD is refused in UTF-16 as in UTF-8 (a search of the bytes would miss it); without a
    DTD no entity can be declared (only XML's five predefined ones exist) and nothing external is
    loaded. The builder stays the C one for everything else, so parsing keeps its speed."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise DoctypeRefused(name)


def safe_parser() -> ET.XMLParser:
    """A parser that refuses any DTD or entity declaration, whatever the part's encoding."""
    return ET.XMLParser(target=_NoDoctype())


class Parts:
    """A package's members read in chunks, their decompressed bytes counted against
    ``[limits] max_unpacked_bytes`` as they come: declared sizes are never trusted."""

    def __init__(self, package: zipfile.ZipFile, limits: Limits) -> None:
        self.package, self.limits = package, limits
        self.names = set(package.namelist())
        self.left = limits.max_unpacked_bytes

    def chunks(self, name: str) -> Iterator[bytes]:
        with self.package.open(name) as member:
            while chunk := member.read(_CHUNK):
                self.left -= len(chunk)
                if self.left < 0:
                    raise UnreadableDocument(
                        f"文件解压后过大：{self.limits.exceeded('max_unpacked_bytes')}")
                yield chunk

    def read(self, name: str) -> bytes:
        return b"".join(self.chunks(name))

    def tree(self, name: str) -> ET.Element:
        """The part's tree, fed to the parser chunk by chunk: the part is never whole in memory.
        Each chunk's markup (its “<”, one or two per element) is counted against
        ``max_xml_elements`` before it is parsed: the tree, not the bytes, fills memory."""
        parser, marks = safe_parser(), 0
        for chunk in self.chunks(name):
            marks += chunk.count(b"<")
            if marks > self.limits.max_xml_elements:
                raise UnreadableDocument(f"文件结构过于庞大：{self.limits.exceeded('max_xml_elements')}")
            parser.feed(chunk)
        return parser.close()


def _xml(parts: Parts, name: str | None,
         parse: Callable[[bytes], Any] | None = None) -> ET.Element | None:
    if name is None or name not in parts.names:
        return None
    return parts.tree(name) if parse is None else parse(parts.read(name))


def _targets(package: Parts, part: str) -> dict[str, str]:
    """The parts a part refers to, by the last word of the relationship type."""
    folder, name = posixpath.split(part)
    rels = _xml(package, posixpath.join(folder, "_rels", name + ".rels"))
    found: dict[str, str] = {}
    for rel in rels.iter(_PKG_REL) if rels is not None else ():
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(full))
    return found


def _extract(package: zipfile.ZipFile, limits: Limits) -> Extracted:
    traced = trace(package, limits=limits)
    return Extracted(traced.text, traced.notes)


class Origin(NamedTuple):
    """Where a stretch of the extracted text starts: a w:t element and an offset in its text."""

    node: Any  # an element of the tree ``trace`` was given a parser for
    offset: int


Piece = tuple[str, Origin | None]  # a stretch of text; None for text not in any w:t (labels, tabs)


class Stretch(NamedTuple):
    """``Traced.text[start:end]`` is ``node.text[offset:offset + end - start]``."""

    start: int
    end: int
    node: Any
    offset: int


@dataclass
class Traced:
    """The extracted text with its provenance: which w:t each stretch of it came from."""

    text: str
    notes: list[str]
    stretches: list[Stretch]  # in text order; text not listed here is in no w:t
    part: str  # the main part's name in the package (normally word/document.xml)
    root: Any  # the main part's root element, as ``parse`` built it
    w: str  # "{namespace}" of WordprocessingML in this file


def trace(zipped: zipfile.ZipFile, parse: Callable[[bytes], Any] | None = None,
          limits: Limits | None = None) -> Traced:
    """Read the body as :func:`read` does, keeping where each stretch of text came from.

    ``parse`` builds the main part's tree (ElementTree by default; a writer passes a parser
    whose elements it can edit, e.g. lxml's, and which must refuse DTDs and entities too);
    the walk only reads tags, attributes and text.
    """
    package = Parts(zipped, limits or Limits())
    main = _targets(package, "").get("officeDocument", "word/document.xml")
    root = _xml(package, main, parse)
    body = None if root is None else next(
        (c for c in root if isinstance(c.tag, str) and c.tag.endswith("}body")), None)
    if root is None or body is None:
        raise UnreadableDocument(NO_BODY)
    ns = root.tag[1:root.tag.index("}")]
    parts = _targets(package, main)
    w = "{" + ns + "}"
    styles = read_styles(_xml(package, parts.get("styles")), w)
    walker = _Walker(w, Numbering.parse(_xml(package, parts.get("numbering")), w, styles), styles)
    text, stretches = _layout(walker.blocks(body))
    return Traced(text, walker.notes(), stretches, main, root, w)


def _layout(lines: Iterable[list[Piece]]) -> tuple[str, list[Stretch]]:
    """The lines joined by newlines, and the stretches that came from w:t elements."""
    out: list[str] = []
    stretches: list[Stretch] = []
    at = 0
    for line in _join("\n", lines):
        if line[1] is not None and line[0]:
            stretches.append(Stretch(at, at + len(line[0]), line[1].node, line[1].offset))
        out.append(line[0])
        at += len(line[0])
    return "".join(out), stretches


def _join(separator: str, lines: Iterable[list[Piece]]) -> list[Piece]:
    joined: list[Piece] = []
    for index, line in enumerate(lines):
        if index:
            joined.append((separator, None))
        joined.extend(line)
    return joined


def _strip(line: list[Piece]) -> list[Piece]:
    """``str.strip`` on the line's text, keeping each piece's origin."""
    pieces = [p for p in line if p[0]]
    while pieces and not pieces[0][0].strip():
        pieces.pop(0)
    while pieces and not pieces[-1][0].strip():
        pieces.pop()
    if pieces:
        text, origin = pieces[0]
        cut = len(text) - len(text.lstrip())
        pieces[0] = (text[cut:], origin and Origin(origin.node, origin.offset + cut))
        pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    return pieces


def _text(line: list[Piece]) -> str:
    return "".join(text for text, _ in line)


# --- the body -------------------------------------------------------------------------------

class _Walker:
    """Turns the body's paragraphs and tables into lines of text, in document order."""

    def __init__(self, w: str, numbering: Numbering, styles: dict[str, Style]) -> None:
        self.w, self.numbering, self.styles = w, numbering, styles
        self.skip = {w + x for x in ("pPr", "rPr", "del", "moveFrom", "delText", "instrText",
                                     "footnoteReference", "endnoteReference")} | {FALLBACK}
        self.chars = {w + "tab": "\t", w + "ptab": "\t", w + "cr": "\n", w + "noBreakHyphen": "-"}
        self.tables = self.boxes = self.revisions = 0

    def blocks(self, parent: ET.Element) -> Iterator[list[Piece]]:
        w = self.w
        for child in parent:
            if child.tag == w + "p":
                yield from self.paragraph(child)
            elif child.tag == w + "tbl":
                self.tables += 1
                yield from self.table(child)
            elif child.tag == w + "sdt":
                content = child.find(w + "sdtContent")
                yield from self.blocks(content) if content is not None else ()
            elif child.tag in (w + "customXml", w + "ins", w + "smartTag"):
                yield from self.blocks(child)

    def table(self, table: ET.Element) -> Iterator[list[Piece]]:
        w = self.w
        for row in table.findall(w + "tr"):
            cells = [_strip(_join("\n", self.blocks(cell))) for cell in row.findall(w + "tc")]
            line = _join("\t", (c for c in cells if _text(c)))
            if _text(line):
                yield line

    def paragraph(self, p: ET.Element) -> Iterator[list[Piece]]:
        out: list[Piece] = [(self.number(p), None)]
        boxes: list[ET.Element] = []
        self.runs(p, out, boxes)
        yield out
        for box in boxes:
            self.boxes += 1
            yield from self.blocks(box)

    def runs(self, el: ET.Element, out: list[Piece], boxes: list[ET.Element]) -> None:
        w = self.w
        for child in el:
            tag = child.tag
            if tag == w + "t":
                out.append((child.text or "", Origin(child, 0)))
            elif tag in self.chars:
                out.append((self.chars[tag], None))
            elif tag == w + "br":
                out.append(("" if child.get(w + "type") in ("page", "column") else "\n", None))
            elif tag == w + "txbxContent":
                boxes.append(child)
            elif tag in self.skip or (tag == w + "r" and self.hidden(child)):
                self.revisions += tag in (w + "del", w + "moveFrom")
            else:
                self.revisions += tag == w + "ins"
                self.runs(child, out, boxes)

    def hidden(self, run: ET.Element) -> bool:
        vanish = run.find(f"{self.w}rPr/{self.w}vanish")
        return vanish is not None and val(vanish, self.w) not in ("0", "false", "off")

    def number(self, p: ET.Element) -> str:
        """The automatic numbering label of a paragraph, from its own properties or its style."""
        w = self.w
        num = p.find(f"{w}pPr/{w}numPr")
        num_id = val(num.find(w + "numId"), w) if num is not None else None
        ilvl_text = val(num.find(w + "ilvl"), w) if num is not None else None
        ilvl = None if ilvl_text is None else number(ilvl_text, 0)
        style_id: str | None = val(p.find(f"{w}pPr/{w}pStyle"), w) or ""
        seen: set[str] = set()
        while num_id is None and style_id is not None and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            if style.num_id is not None:
                num_id = style.num_id
                ilvl = ilvl if ilvl is not None else (
                    style.ilvl if style.ilvl is not None else self.numbering.style_level(num_id, style_id))
            style_id = style.based_on
        return "" if not num_id or num_id == "0" else self.numbering.label(num_id, ilvl)

    def notes(self) -> list[str]:
        notes = ["表格已按文本读取（单元格以制表符分隔）"] if self.tables else []
        if self.boxes:
            notes.append("文本框中的文字已按文本读取，附在所在段落之后")
        if self.revisions:
            notes.append("文档含未接受的修订，已按修订后的文字读取")
        return notes
