"""Seeded mutations of real files: each returns the mutated bytes and a recipe naming what it did.

A case is fully determined by (format, batch, index), so any failure can be rebuilt with
:func:`make_case`. The mutations stay within the readers' limits (a “bomb” here is thousands of
elements or a highly compressible part of a few MB, not gigabytes).
"""

from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import fuzz_bases as bases

Mutation = Callable[[random.Random, bytes], tuple[str, bytes]]
ENCODING_NAMES = ("UTF-e", "undefined", "utf-7", "x-user-defined", "gbk", "gb2312", "big5", "utf-16",
                  "utf-16le", "utf-32", "latin-1", "ascii", "cp037", "ebcdic", "", "utf_8", "replacement",
                  "unicode-1-1-utf-7", "\u00e9", "x" * 300)
ODD_VALUES = ("²", "³", "-1", "", "99999999999", "0", "1e9", "nan", "一", "\u0661", "\uff13", "  7 ", "%9")
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le",
                  "utf-32-be", "gb18030", "gbk", "big5", "latin-1", "cp1252", "shift_jis", "euc-kr")


@dataclass(frozen=True)
class Case:
    recipe: str
    suffix: str
    data: bytes


# ---- bytes, any format ---------------------------------------------------------------------------

def truncate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    cut = rng.randrange(len(data))
    return f"truncate@{cut}", data[:cut]


def flip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    out = bytearray(data)
    spots = [rng.randrange(len(out)) for _ in range(rng.choice((1, 2, 8, 64)))]
    for spot in spots:
        out[spot] = rng.randrange(256)
    return f"flip×{len(spots)}", bytes(out)


def splice(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """A slice of the file repeated, deleted or moved."""
    a, b = sorted(rng.randrange(len(data)) for _ in range(2))
    kind = rng.choice(("repeat", "delete", "move"))
    if kind == "repeat":
        return f"splice-repeat[{a}:{b}]", data[:b] + data[a:b] * rng.randrange(2, 30) + data[b:]
    if kind == "delete":
        return f"splice-delete[{a}:{b}]", data[:a] + data[b:]
    at = rng.randrange(len(data))
    return f"splice-move[{a}:{b}]→{at}", data[:at] + data[a:b] + data[at:]


def noise(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    size = rng.choice((1, 7, 300, 5000))
    return f"noise×{size}", rng.randbytes(size)


BYTES: list[Mutation] = [truncate, flip, flip, splice, noise]


# ---- XML text (a .docx part) ---------------------------------------------------------------------

def _declare(xml: bytes, encoding: str) -> bytes:
    body = re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    return f'<?xml version="1.0" encoding="{encoding}"?>'.encode() + body


def xml_encoding(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    name = rng.choice(ENCODING_NAMES)
    return f"xml-encoding={name[:20]!r}", _declare(xml, name)


def xml_reencode(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "big5"))
    text = _declare(xml, encoding.split("-l")[0].split("-b")[0]).decode()
    bom = rng.random() < 0.5
    data = text.encode(encoding, "replace")
    return f"xml-reencode={encoding}{'+bom' if bom else ''}", (b"\xef\xbb\xbf" if bom else b"") + data


def xml_doctype(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    """A DTD with entities (a small billion-laughs), in UTF-8 or UTF-16, before the root element."""
    depth, width = rng.randrange(1, 5), rng.randrange(2, 10)
    ents = '<!ENTITY e0 "笑">' + "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * width}">' for i in range(1, depth))
    root = re.search(rb"<w:document|<w:numbering|<w:styles|<Relationships|<Types", xml)
    at = root.start() if root else 0
    data = xml[:at] + f"<!DOCTYPE x [{ents}]>".encode() + xml[at:]
    data = data.replace(b"</w:t>", f"&e{depth - 1};</w:t>".encode(), 3)
    if rng.random() < 0.3:
        return "xml-doctype+utf16", _declare(data, "utf-16").decode().encode("utf-16")
    return f"xml-doctype depth={depth} width={width}", data


def xml_attribute(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    names = rb'w:(?:val|ilvl|numId|abstractNumId|styleId)="[^"]*"'
    spots = list(re.finditer(names, xml))
    if not spots:
        return "xml-attribute (none)", xml
    out = bytearray(xml)
    for match in sorted(rng.sample(spots, min(len(spots), rng.randrange(1, 6))), key=lambda m: -m.start()):
        name = match.group().split(b"=")[0]
        value = rng.choice(ODD_VALUES).encode()
        out[match.start():match.end()] = name + b'="' + value + b'"'
    return "xml-attribute odd values", bytes(out)


def xml_tags(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    """Drop, duplicate or unbalance tags."""
    tags = list(re.finditer(rb"<[^<>]+>", xml))
    if not tags:
        return "xml-tags (none)", xml
    match = rng.choice(tags)
    kind = rng.choice(("drop", "dup", "close", "rename"))
    if kind == "drop":
        return "xml-tag-drop", xml[:match.start()] + xml[match.end():]
    if kind == "dup":
        return "xml-tag-dup", xml[:match.end()] + match.group() * rng.randrange(1, 50) + xml[match.end():]
    if kind == "close":
        return "xml-tag-close", xml[:match.start()] + b"</w:p>" + xml[match.start():]
    renamed = re.sub(rb"w:[a-zA-Z]+", b"w:zz", match.group(), count=1)
    return "xml-tag-rename", xml[:match.start()] + renamed + xml[match.end():]


def xml_nesting(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    """Deep nesting inside the body: content controls, tables or runs thousands deep."""
    depth = rng.choice((100, 1000, 5000, 20000))
    opener, closer = rng.choice(((b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
                                 (b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>"),
                                 (b"<w:ins>", b"</w:ins>"), (b"<w:smartTag>", b"</w:smartTag>")))
    at = xml.find(b"<w:p>")
    if at < 0:
        return "xml-nesting (no paragraph)", xml
    inner = b"<w:p><w:r><w:t>\xe6\xb7\xb1</w:t></w:r></w:p>"
    nested = opener * depth + inner + closer * depth
    return f"xml-nesting {opener[:10]!r}×{depth}", xml[:at] + nested + xml[at:]


def xml_bomb(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    """Many empty paragraphs or one long run: compresses to almost nothing."""
    at = xml.find(b"<w:p>")
    if at < 0:
        return "xml-bomb (no paragraph)", xml
    if rng.random() < 0.5:
        n = rng.choice((1_000, 5_000))
        return f"xml-bomb empty-paragraphs×{n}", xml[:at] + b"<w:p/>" * n + xml[at:]
    n = rng.choice((10_000, 50_000))
    run = b"<w:p><w:r><w:t>" + "问".encode() * n + b"</w:t></w:r></w:p>"
    return f"xml-bomb one-run×{n}", xml[:at] + run + xml[at:]


def xml_text(rng: random.Random, xml: bytes) -> tuple[str, bytes]:
    """Odd characters in the text: controls, noncharacters, entities, CDATA."""
    junk = rng.choice(("&#0;", "&#x110000;", "&#xFFFF;", "&#xD800;", "\x01", "\ufffe", "<![CDATA[a]]>",
                       "&amp;&lt;", "&unknown;", "]]>", "&#99999999999;", "\u202e"))
    return f"xml-text {junk!r}", xml.replace(b"</w:t>", junk.encode("utf-8", "surrogatepass") + b"</w:t>", 5)


XML: list[Mutation] = [xml_encoding, xml_reencode, xml_doctype, xml_attribute, xml_attribute, xml_tags,
                       xml_tags, xml_tags, xml_nesting, xml_bomb, xml_text, truncate, flip]


# ---- zip packages (.docx) ------------------------------------------------------------------------

def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def docx_part(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    members = _members(data)
    xml_names = [n for n in members if n.endswith((".xml", ".rels"))]
    name = rng.choice(xml_names + ["word/document.xml"] * 4)
    mutation = rng.choice(XML)
    recipe, members[name] = mutation(rng, members[name])
    return f"part {name}: {recipe}", bases.zip_bytes(members)


def docx_delete(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    members = _members(data)
    name = rng.choice(list(members))
    del members[name]
    return f"member-delete {name}", bases.zip_bytes(members)


def docx_rename(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    members = _members(data)
    name = rng.choice(list(members))
    new = rng.choice((name.upper(), "/" + name, name.replace("/", "\\"), name + "x", "../" + name,
                      name.replace("word", "Word"), "word/" + name.rsplit("/", 1)[-1] + "/x"))
    members[new] = members.pop(name)
    return f"member-rename {name}→{new}", bases.zip_bytes(members)


def docx_zip(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """Package-level oddities: stored members, duplicates, a garbage comment, a wrong flag."""
    members = _members(data)
    kind = rng.choice(("stored", "duplicate", "comment", "encrypted-flag", "nested-zip"))
    if kind == "stored":
        return "zip-stored", bases.zip_bytes(members, zipfile.ZIP_STORED)
    if kind == "duplicate":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": the point of this mutation
            for name, member in [*members.items(), ("word/document.xml", b"<w:document/>")]:
                package.writestr(name, member)
        return "zip-duplicate word/document.xml", out.getvalue()
    if kind == "comment":
        return "zip-comment", data + rng.randbytes(rng.randrange(1, 2000))
    if kind == "encrypted-flag":
        out = bytearray(data)
        for match in re.finditer(rb"PK\x01\x02|PK\x03\x04", data):
            flag = match.start() + (8 if data[match.start() + 2] == 1 else 6)
            out[flag] |= 1
        return "zip-encrypted-flag", bytes(out)
    members["word/document.xml"] = data
    return "zip-nested (a .docx as the body)", bases.zip_bytes(members)


DOCX: list[Mutation] = [docx_part] * 6 + [docx_delete, docx_rename, docx_zip, *BYTES]


# ---- PDF -----------------------------------------------------------------------------------------

def pdf_structure(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.choice(("no-xref", "no-startxref", "bad-length", "bad-ref", "nested-array", "encrypt",
                       "no-font", "pages-loop", "deep-dict"))
    if kind == "no-xref":
        return "pdf-no-xref", data.replace(b"xref", b"xxxx")
    if kind == "no-startxref":
        return "pdf-no-startxref", data.replace(b"startxref", b"startxxxx")
    if kind == "bad-length":
        length = f"/Length {rng.choice((0, 9, 999999))}".encode()
        return "pdf-bad-length", re.sub(rb"/Length \d+", length, data)
    if kind == "bad-ref":
        return "pdf-bad-ref", re.sub(rb"(\d+) 0 R", lambda m: b"%d 0 R" % rng.randrange(999), data, count=3)
    if kind == "nested-array":
        depth = rng.choice((100, 1000, 10000))
        return f"pdf-nested-array×{depth}", data.replace(b"/MediaBox", b"/X " + b"[" * depth + b"]" * depth
                                                        + b" /MediaBox", 1)
    if kind == "deep-dict":
        depth = rng.choice((100, 1000, 10000))
        return f"pdf-deep-dict×{depth}", data.replace(b"/MediaBox", b"/X " + b"<</A " * depth + b"1"
                                                     + b">>" * depth + b" /MediaBox", 1)
    if kind == "encrypt":
        return "pdf-encrypt-entry", data.replace(b"trailer\n<<", b"trailer\n<< /Encrypt 1 0 R", 1)
    if kind == "no-font":
        return "pdf-no-font", data.replace(b"/Font", b"/Fxnt")
    return "pdf-pages-loop", re.sub(rb"/Parent \d+ 0 R", b"/Parent 3 0 R", data).replace(
        b"/Kids [", b"/Kids [ 3 0 R ", 1)


def pdf_stream(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """Replace the first content stream by garbage, a flate bomb within limits or a long operator list."""
    import zlib

    match = re.search(rb"stream\r?\n(.*?)endstream", data, re.S)
    if not match:
        return "pdf-stream (none)", data
    kind = rng.choice(("garbage", "bomb", "operators"))
    if kind == "garbage":
        body = rng.randbytes(rng.randrange(1, 3000))
    elif kind == "bomb":
        body = zlib.compress(b" " * rng.choice((1 << 20, 8 << 20)), 9)
    else:
        body = zlib.compress(b"BT /F1 12 Tf (x) Tj ET\n" * rng.choice((1000, 30000)), 9)
    out = data[:match.start(1)] + body + data[match.end(1):]
    return f"pdf-stream-{kind}", re.sub(rb"/Length \d+", f"/Length {len(body)}".encode(), out, count=1)


PDF: list[Mutation] = [pdf_structure, pdf_structure, pdf_stream, pdf_stream, *BYTES]


# ---- HTML ----------------------------------------------------------------------------------------

def html_tags(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    n = rng.choice((10, 1000, 3000))
    kind = rng.choice(("end-tags", "open-tags", "nesting", "unclosed-script", "comment", "random-tags"))
    snippet = {"end-tags": b"</div>" * n, "open-tags": b"<p><span>" * n,
               "nesting": b"<div>" * n + "深".encode() + b"</div>" * n,
               "unclosed-script": b"<script>var x = 1;", "comment": b"<!-- never closed",
               "random-tags": b"".join(f"<{rng.choice('abpqxyz')}{rng.randrange(9)}>".encode()
                                       for _ in range(n))}[kind]
    at = data.find(b"<div") if rng.random() < 0.5 else len(data) // 2
    return f"html-{kind}×{n}", data[:at] + snippet + data[at:]


def html_charset(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    name = rng.choice(ENCODING_NAMES)
    return f"html-charset={name[:20]!r}", data.replace(b'charset="utf-8"', f'charset="{name}"'.encode(), 1)


def html_entities(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    junk = rng.choice(("&#0;", "&#x110000;", "&#xD800;", "&#99999999999999;", "&nbsp" * 1000, "&amp;" * 5000,
                       "&#x" + "0" * 5000 + "41;", "&zzz;"))
    return f"html-entity {junk[:16]!r}", data.replace(b"</p>", junk.encode() + b"</p>", 3)


def reencode(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    """The same text in another encoding, with or without a BOM, sometimes not representable."""
    encoding = rng.choice(TEXT_ENCODINGS)
    return f"encode={encoding}", data.decode("utf-8", "replace").encode(encoding, "replace")


HTML: list[Mutation] = [html_tags, html_tags, html_charset, html_entities, reencode, *BYTES]


# ---- plain text ----------------------------------------------------------------------------------

def text_controls(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    junk = rng.choice(("\x00", "\x07", "\x1b[31m", "\ufeff", "\u202e", "\r", "\x0c", "\ud800", "\U0010ffff"))
    spots = sorted((rng.randrange(len(data)) for _ in range(rng.choice((1, 10, 100)))), reverse=True)
    out = data
    for spot in spots:
        out = out[:spot] + junk.encode("utf-8", "surrogatepass") + out[spot:]
    return f"text-controls {junk!r}×{len(spots)}", out


def text_shape(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    kind = rng.choice(("one-line", "blank-lines", "markers", "long-line"))
    if kind == "one-line":
        return "text-one-line", data.replace(b"\n", b"")
    if kind == "blank-lines":
        return "text-blank-lines", data.replace(b"\n", b"\n" * rng.choice((3, 50)))
    if kind == "markers":
        return "text-markers", "一、（一）1.①一是第一，".encode() * rng.choice((10, 500)) + data
    return "text-long-line", "学".encode() * rng.choice((10_000, 100_000)) + data


TXT: list[Mutation] = [reencode, reencode, text_controls, text_shape, *BYTES]


# ---- cases ---------------------------------------------------------------------------------------

BASES: dict[str, tuple[str, Callable[[], bytes], list[Mutation]]] = {
    "docx": (".docx", lambda: bases.lean_docx(), DOCX),
    "docx-table": (".docx", lambda: bases.lean_docx(numbered=False, table=True), DOCX),
    "docx-word": (".docx", bases.word_docx, DOCX),
    "pdf": (".pdf", bases.pdf, PDF),
    "html": (".html", lambda: bases.html().encode(), HTML),
    "txt": (".txt", lambda: bases.material().encode(), TXT),
    "md": (".md", lambda: bases.material(400).encode("gb18030"), TXT),
}
_BUILT: dict[str, bytes] = {}


def base(kind: str) -> bytes:
    if kind not in _BUILT:
        _BUILT[kind] = BASES[kind][1]()
    return _BUILT[kind]


def make_case(kind: str, batch: int, index: int) -> Case:
    """Case ``index`` of ``batch`` for a base: one or two mutations chosen by a seeded generator."""
    rng = random.Random(f"{kind}/{batch}/{index}")
    suffix, _, mutations = BASES[kind]
    data, recipes = base(kind), []
    for _ in range(1 if rng.random() < 0.8 else 2):
        if not data:
            break
        try:
            recipe, data = rng.choice(mutations)(rng, data)
        except Exception:
            continue  # the first mutation broke the package; the second one needs it whole
        recipes.append(recipe)
    return Case(f"{kind}/{batch}/{index}: " + " + ".join(recipes), suffix, data)
