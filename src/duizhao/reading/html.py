"""Web pages saved from a browser (.html/.htm): the visible text, with its debris.

A page saved from a 范文 website is read as a reader would see it: navigation, “本文来源于……”
and other debris stay in the text (the ``web-debris`` check reports them), while scripts,
styles and elements hidden with ``display:none``/``visibility:hidden``/``hidden`` — the
random characters such sites hide inside paragraphs to spoil copying — are dropped.
Block elements end a line; table cells are separated by a tab. The encoding comes from a
BOM, else the page's ``<meta charset>``, else UTF-8, else GB18030.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from duizhao.reading import Extracted, UnreadableDocument
from duizhao.reading.txt import decode
from duizhao.text.wraps import clean_lines

_SKIPPED = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
           "section", "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre",
           "dd", "dt", "dl", "hr", "form", "figure", "figcaption", "address", "center", "title"}
_CELLS = {"td", "th"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Text(HTMLParser):
    """Collects visible text; ``skipping`` counts open elements whose content is not shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hides its content)
        self.open: Counter[str] = Counter()  # how many of each tag are on the stack
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        hides = tag in _SKIPPED or "hidden" in found or bool(_HIDDEN_STYLE.search(found.get("style") or ""))
        self._separate(tag, closing=False)
        if tag not in _VOID:
            self.stack.append((tag, hides))
            self.open[tag] += 1
            self.skipping += hides

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self.open[tag]:  # a count, not a scan: stray end tags cost O(1)
            return
        while self.stack:  # close everything left open inside ``tag`` (HTML allows omitting ends)
            open_tag, hides = self.stack.pop()
            self.open[open_tag] -= 1
            self.skipping -= hides
            if open_tag == tag:
                break
        self._separate(tag, closing=True)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(_SPACES.sub(" ", data))

    def _separate(self, tag: str, closing: bool) -> None:
        """A block starts and ends a line; a table cell ends with a tab."""
        if self.skipping:
            return
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS and closing:
            self.parts.append("\t")


def _decode(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii").lower()
        encoding = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeError):  # no such codec, a codec that refuses (“undefined”)
            pass  # a wrong declaration: guess as for plain text
    return decode(data)


def _lines(text: str) -> str:
    lines = (line.strip(" \t") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def read(path: Path) -> Extracted:
    text, encoding = _decode(path.read_bytes())
    if "<" not in text:
        raise UnreadableDocument("这不是网页文件（找不到 HTML 标记），请把扩展名改为 .txt 后再试")
    parser = _Text()
    parser.feed(text)
    parser.close()
    body = clean_lines(_lines("".join(parser.parts)))
    notes = ["网页按浏览器中可见的文字读取（脚本、样式和隐藏文字已去掉）"]
    if encoding not in ("utf-8", "utf8"):
        notes.append(f"网页按 {encoding.upper()} 编码读取")
    return Extracted(body, notes)
