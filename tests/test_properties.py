"""Properties that hold for any input: the parser, the review, the readers and the normaliser never
crash, and every offset they hand out points into the text."""

from __future__ import annotations

import io
import tempfile
import zipfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse
from duizhao.reading import Extracted, UnreadableDocument, read_text_of
from duizhao.review import review_text
from duizhao.text.normal import normalize

MARKERS = ["一、", "二、", "三、", "十一、", "（一）", "(二)", "（十二）", "一是", "二是，", "其三是",
           "1.", "2．", "3、", "（4）", "(5)", "第一，", "第二、", "第三部分", "①", "②",
           "一、存在的问题", "二、原因分析",
           "三、整改措施", "存在的问题", "原因分析", "整改措施", "努力方向", "上年度整改落实情况",
           "2025年度", "民主生活会", "对照检查材料", "班子", "我", "有的同志", "如：", "比如"]
NOISE = ["mzshh", "dangshi", "dang", "**", "xxx", "XX", "X", "_", "此处隐藏956字，下载后查看", "正文复制",
         "會(huì)", "習近平", "２０２５", "ＡＢＣ"]
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15)
PUNCT = st.sampled_from([*"。，；：！？、“”‘’（）()【】《》…—-\"'.,;:!?[]",
                         "\n", "\n\n", "\r\n", "\t", " ", "\u3000"])
FRAGMENT = st.one_of(st.sampled_from(MARKERS), st.sampled_from(NOISE), CJK, PUNCT, st.text(max_size=4))
MATERIAL = st.one_of(st.lists(FRAGMENT, max_size=80).map("".join), st.text(max_size=200))
CTX = ReviewContext(settings=Settings())
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(MATERIAL)
def test_parse_offsets_nest_inside_the_text(text: str) -> None:
    doc = parse(text)
    assert 0 <= doc.title.start <= doc.title.end <= len(text)
    for section in doc.sections:
        for node in section.walk():
            assert 0 <= node.start <= node.end <= len(text)
            for child in node.children:
                assert node.start <= child.start <= child.end <= node.end


@FAST
@given(MATERIAL)
def test_review_findings_point_into_the_text(text: str) -> None:
    reviewed = review_text(text, CTX)
    for finding in reviewed.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding


@FAST
@given(MATERIAL)
def test_normalised_key_maps_back_monotonically(text: str) -> None:
    key = normalize(text)
    spans = [key.span(k, k + 1) for k in range(len(key.key))]
    for start, end in spans:
        assert 0 <= start <= end <= len(text)
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairwise(spans))
    offsets = [key.offset(t) for t in range(len(text) + 1)]
    assert all(0 <= k <= len(key.key) for k in offsets)
    assert offsets == sorted(offsets)
    start, end = key.span(0, len(key.key))
    assert 0 <= start <= end <= len(text)


def _zip(document: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
XML_PIECES = st.sampled_from(["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "<w:tr>",
                              "<w:tc>", "<w:numPr><w:numId w:val='1'/></w:numPr>", "<w:pPr>", "</w:pPr>",
                              "<w:br/>", "<w:tab/>", "文字", "&amp;", "&#0;", "<"])
DOCX_BODY = st.lists(XML_PIECES, max_size=30).map(
    lambda parts: f"<w:document {W}><w:body>{''.join(parts)}</w:body></w:document>")
HTML_PIECES = st.sampled_from([
    "<p>", "</p>", "<div style='display:none'>", "</div>", "<br>", "<td>", "<script>", "</script>",
    "<meta charset='gbk'>", "<meta charset='nonsense'>", "&nbsp;", "&#0;", "&#x110000;", "<", ">", "<!--",
    "-->", "<![CDATA[", "文字", "<span hidden>"])
HTML_PAGE = st.lists(st.one_of(HTML_PIECES, FRAGMENT), max_size=40).map("".join)
FILES = st.one_of(
    st.tuples(st.sampled_from([".txt", ".docx", ".pdf", ".html"]), st.binary(min_size=1, max_size=2000)),
    st.tuples(st.just(".html"), HTML_PAGE.map(lambda t: t.encode("utf-8"))),
    st.tuples(st.just(".docx"), st.one_of(DOCX_BODY, st.text(max_size=200)).map(_zip)),
    st.tuples(st.just(".pdf"), st.binary(max_size=1000).map(lambda b: b"%PDF-1.4\n" + b)),
    st.tuples(st.just(".txt"), MATERIAL.map(lambda t: t.encode("gb18030"))),
)


@settings(max_examples=200, deadline=None)
@given(FILES)
def test_readers_either_read_or_refuse(file: tuple[str, bytes]) -> None:
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"material{suffix}"
        path.write_bytes(data)
        try:
            assert isinstance(read_text_of(path), Extracted)
        except UnreadableDocument as exc:
            assert str(exc)
