"""Hypothesis properties of the text decoder, the HTML and .docx readers and Word numbering.

Each property holds for any input: the result is text or an ``UnreadableDocument``, never
another exception. The examples are counted into the fuzz tally.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from pathlib import Path

import fuzz_bases as bases
import pytest
from fuzz_runner import CTX, TALLY, time_bound
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.reading.numbering import Level, format_number, number, render
from duizhao.reading.txt import decode
from duizhao.review import review_text

FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
CHINESE = st.text(st.one_of(HANZI, st.sampled_from(list("，。、；：“”（）\n 0123456789abc"))),
                  min_size=1, max_size=300)
TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<br>", "<script>", "</script>", "<style>",
                        "</style>", "<table><tr><td>", "</td>", "<!--", "-->", "<![CDATA[", "&amp;", "&#0;",
                        "&#x110000;", '<meta charset="gbk">', '<span style="display:none">', "</span>",
                        "<", ">", "&", '"', "学习", "一、存在的问题\n"])
XML_PIECES = st.sampled_from(["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tab/>", "<w:br/>",
                              "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "<w:sdt><w:sdtContent>",
                              "</w:sdtContent></w:sdt>", '<w:pPr><w:numPr><w:ilvl w:val="²"/>'
                              '<w:numId w:val="1"/></w:numPr></w:pPr>', "<w:del>", "</w:del>", "学习",
                              "&amp;", "&#0;", "]]>", "<w:instrText>", "</w:instrText>"])


def _count() -> None:
    TALLY.examples += 1


@FUZZ
@given(st.binary(max_size=3000))
def test_decode_any_bytes(data: bytes) -> None:
    _count()
    try:
        text, encoding = decode(data)
    except UnreadableDocument as exc:
        assert str(exc)
    else:
        assert isinstance(text, str) and encoding


@FUZZ
@given(CHINESE, st.sampled_from(["utf-8-sig", "utf-16", "utf-32", "utf-8"]))
def test_decode_round_trip_with_a_bom(text: str, encoding: str) -> None:
    _count()
    assert decode(text.encode(encoding))[0] == text


@FUZZ
@given(st.lists(st.one_of(TAGS, st.text(max_size=5)), max_size=60).map("".join))
def test_html_reader_any_markup(markup: str) -> None:
    _count()
    _read_bytes(markup.encode("utf-8", "surrogatepass"), ".html")


@FUZZ
@given(st.lists(XML_PIECES, max_size=60).map("".join))
def test_docx_reader_any_body(body: str) -> None:
    _count()
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{bases.W}"><w:body>{body}'
           "</w:body></w:document>").encode()
    members = {"[Content_Types].xml": bases.CONTENT_TYPES.encode(), "_rels/.rels": bases.ROOT_RELS.encode(),
               "word/document.xml": xml, "word/_rels/document.xml.rels": bases.DOC_RELS.encode(),
               "word/numbering.xml": bases.NUMBERING.encode()}
    _read_bytes(bases.zip_bytes(members), ".docx")


@FUZZ
@given(st.text(max_size=12), st.integers(min_value=-10, max_value=10**7), st.text(max_size=30),
       st.sampled_from(["decimal", "chineseCounting", "upperRoman", "lowerLetter", "decimalEnclosedCircle",
                        "ideographTraditional", "bullet", "none", "unknownFormat", ""]))
def test_numbering_any_values(value: str, n: int, lvl_text: str, fmt: str) -> None:
    _count()
    assert 0 <= number(value, 0) < 10**6
    assert isinstance(format_number(n, fmt), str)
    assert isinstance(render({0: Level(fmt, lvl_text)}, {0: n}, 0), str)


@FUZZ
@given(st.text(max_size=400))
def test_review_any_text(text: str) -> None:
    _count()
    item = review_text(text, CTX)
    assert item.grade is not None


def _read_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"case{suffix}"
        path.write_bytes(data)
        try:
            read_text_of(path)
        except UnreadableDocument as exc:
            assert str(exc)


@pytest.mark.parametrize("charset", ["undefined"])
def test_html_charset_naming_no_codec(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>一、存在的问题</p>'.encode())
    with contextlib.suppress(UnreadableDocument):
        read_text_of(path)


@pytest.mark.parametrize("encoding", ["UTF-e", "x-user-defined", "ebcdic"])
def test_docx_part_declaring_an_unknown_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.docx"
    members = {"[Content_Types].xml": bases.CONTENT_TYPES.encode(), "_rels/.rels": bases.ROOT_RELS.encode(),
               "word/document.xml": f'<?xml version="1.0" encoding="{encoding}"?><w:document xmlns:w='
                                    f'"{bases.W}"><w:body><w:p><w:r><w:t>学习</w:t></w:r></w:p></w:body>'
                                    "</w:document>".encode()}
    path.write_bytes(bases.zip_bytes(members))
    with contextlib.suppress(UnreadableDocument):
        read_text_of(path)


def test_a_long_run_of_blank_lines_is_reviewed_in_linear_time() -> None:
    """Found by this suite: web-debris's (?m)^\\s*(…) scanned every following blank line from each
    line start, so n blank lines cost n² (4 s at 20,000); the pattern now stops at the line's end."""
    material = bases.material()
    text = material[:300] + "\n" * 20_000 + material[300:]
    started = time.perf_counter()
    with time_bound(1.5):
        review_text(text, CTX)
    assert time.perf_counter() - started < 1.5
