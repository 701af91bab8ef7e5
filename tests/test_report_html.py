"""The HTML report: self-contained, escaped, and every finding visible in the marked text."""

from __future__ import annotations

import time
from datetime import datetime
from html.parser import HTMLParser

import pytest

from duizhao.checks.registry import Finding, ReviewContext
from duizhao.reports import html
from duizhao.review import Review, Reviewed, review_text

MATERIAL = """2025年度青川县林业局局长民主生活会个人对照检查材料
按照县委通知要求，本人认真学习，广泛征求意见，现对照检查如下。
一、存在的问题
（一）在理论学习方面
一是学习不够系统，今年只参加了 6 次集中学习。<script>alert(1)</script>
二是调研不够深入，A & B “引号” "双引号" '单引号'。
二、原因分析
一是理想信念有所松懈。
三、整改措施
一是2026年3月底前制定学习计划。
"""
NO_CAUSES = ("2025年度青川县林业局局长个人对照检查材料\n一、存在的问题\n一是学习不够。\n"
             "三、整改措施\n一是加强学习。\n")


class Page(HTMLParser):
    """Collects tags, ids, and for each full text: its characters, marks and zero-width markers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.texts: list[str] = []
        self.marks: list[tuple[dict[str, str], str, int]] = []
        self.markers: list[tuple[dict[str, str], int]] = []
        self.scripts: list[str] = []
        self._mode = self._saved = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.tags.append((tag, found))
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "div" and found.get("class") == "fulltext":
            self.texts.append("")
            self._mode = "text"
        elif self._mode == "text" and tag == "mark":
            self.marks.append((found, "", len(self.texts[-1])))
            self._mode = "mark"
        elif self._mode == "text" and "zw" in found.get("class", ""):
            self.markers.append((found, len(self.texts[-1])))
            self._mode = "marker"
        elif tag == "script":
            self._mode, self._saved = "script", self._mode

    def handle_endtag(self, tag: str) -> None:
        if (self._mode, tag) in (("mark", "mark"), ("marker", "span")):
            self._mode = "text"
        elif (self._mode, tag) == ("text", "div"):
            self._mode = ""
        elif tag == "script":
            self._mode = self._saved

    def handle_data(self, data: str) -> None:
        if self._mode in ("text", "mark"):
            self.texts[-1] += data
        if self._mode == "mark":
            attrs, text, at = self.marks[-1]
            self.marks[-1] = (attrs, text + data, at)
        if self._mode == "script":
            self.scripts.append(data)


def parse(review: Review) -> tuple[str, Page]:
    out = html.render(review).decode("utf-8")
    page = Page()
    page.feed(out)
    return out, page


@pytest.fixture
def batch(ctx: ReviewContext) -> Review:
    good = review_text(MATERIAL, ctx, path="材料/<甲>&\"乙\".txt")
    return Review([good, review_text(NO_CAUSES, ctx, path="材料/丙.txt"),
                   Reviewed("材料/坏.docx", error="文件不是有效的 Word 文档<b>")])


def with_findings(ctx: ReviewContext, findings: list[Finding]) -> Reviewed:
    item = review_text(MATERIAL, ctx, path="甲.txt")
    return Reviewed(item.path, item.document, sorted(findings, key=lambda f: f.start), "需修改")


def test_page_is_self_contained(batch: Review):
    out, page = parse(batch)
    assert out.startswith("<!doctype html>")
    assert ("html", {"lang": "zh-CN"}) in page.tags
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert not [t for t, a in page.tags if t in ("link", "img", "iframe", "object")]
    assert not [a for t, a in page.tags if "src" in a]
    assert not [a for t, a in page.tags if a.get("href", "#").startswith(("http", "//"))]
    assert [t for t, _ in page.tags].count("script") == 1 and [t for t, _ in page.tags].count("style") == 1
    assert "@media print" in out and "pre-wrap" in out


def test_user_text_is_escaped(batch: Review):
    out, page = parse(batch)
    assert "<script>alert(1)" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;甲&gt;&amp;&quot;乙&quot;.txt" in out
    assert "<b>" not in out and "&lt;b&gt;" in out
    assert page.texts[0] == MATERIAL  # every character shown, in order, none lost to markup


def test_batch_table_links_every_document(batch: Review):
    out, page = parse(batch)
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#doc-")]
    assert links == ["#doc-1", "#doc-2", "#doc-3"]
    assert {"doc-1", "doc-2", "doc-3"} <= page.ids
    assert "对照检查材料审核报告" in out
    assert "无法读取" in out and "文件不是有效的 Word 文档" in out
    assert 'class="grade g-fail"' in out  # the material without causes fails


def test_generation_time_is_given_not_read(batch: Review):
    assert "生成时间" not in html.render(batch).decode()
    stamped = html.render(batch, generated=datetime(2025, 11, 20, 9, 30)).decode()
    assert "生成时间：2025-11-20 09:30" in stamped


def test_overlapping_findings_split_into_segments(ctx: ReviewContext):
    start = MATERIAL.index("学习不够系统")
    wide = Finding("demo-wide", "warning", "表述笼统", "写清具体事例。", start, start + 10)
    inner = Finding("demo-inner", "error", "内层问题", "改正。", start + 2, start + 6)
    item = with_findings(ctx, [wide, inner])
    _, page = parse(Review([item]))
    segments = [(text, a["class"], a["data-f"].split()) for a, text, _ in page.marks]
    assert segments == [("学习", "s-warning", ["f1-0"]), ("不够系统", "s-error multi", ["f1-0", "f1-1"]),
                        ("，今年只", "s-warning", ["f1-0"])]
    both = page.marks[1][0]["title"]
    assert "表述笼统" in both and "内层问题" in both and "写清具体事例。" in both
    assert page.texts[0] == MATERIAL


def test_finding_links_point_at_their_first_segment(ctx: ReviewContext):
    start = MATERIAL.index("学习不够系统")
    same_start = [Finding("demo-a", "info", "甲", "甲。", start, start + 4),
                  Finding("demo-b", "warning", "乙", "乙。", start, start + 2)]
    _, page = parse(Review([with_findings(ctx, same_start)]))
    targets = [a["href"][1:] for t, a in page.tags if a.get("class") == "goto"]
    assert len(targets) == 2 and targets[0] == targets[1] and targets[0] in page.ids
    first = next(a for a, _, _ in page.marks if a["id"] == targets[0])
    assert set(first["data-f"].split()) == {"f1-0", "f1-1"} and first["class"].startswith("s-warning")
    assert {"f1-0", "f1-1"} <= page.ids


def test_zero_width_finding_has_a_marker_at_its_offset(batch: Review):
    item = batch.documents[1]
    assert item.document is not None
    empty = [f for f in item.findings if f.start == f.end]
    assert empty, "the material without causes should have a zero-width finding"
    _, page = parse(Review([item]))
    assert len(page.markers) == len(empty)
    attrs, offset = page.markers[0]
    assert offset == empty[0].start and attrs["data-f"] == f"f1-{item.findings.index(empty[0])}"
    assert empty[0].message in attrs["title"]
    assert page.texts[0] == NO_CAUSES


def test_findings_at_the_edges_and_out_of_range(ctx: ReviewContext):
    size = len(MATERIAL)
    edges = [Finding("demo", "info", "开头", "。", 0, 0), Finding("demo", "info", "结尾", "。", size, size),
             Finding("demo", "error", "越界", "。", size - 3, size + 50),
             Finding("demo", "warning", "全文", "。", 0, size)]
    _, page = parse(Review([with_findings(ctx, edges)]))
    assert page.texts[0] == MATERIAL
    assert [offset for _, offset in page.markers] == [0, size]
    assert page.marks[-1][0]["class"] == "s-error multi"


def test_outline_and_stats(batch: Review):
    out, page = parse(batch)
    assert "存在的问题" in out and "1 个方面，2 条" in out
    assert "全文 " in out and "问题 " in out and "原因 " in out and "措施 " in out
    outline_links = [a["href"][1:] for t, a in page.tags if t == "a" and a.get("href", "").startswith("#s1-")]
    assert outline_links and set(outline_links) <= page.ids


def test_two_hundred_documents_render_quickly(ctx: ReviewContext):
    paragraph = "一是学习不够系统，今年只参加了 6 次集中学习，调研不够深入，联系群众不够紧密。\n"
    text = MATERIAL + paragraph * 150
    item = review_text(text, ctx, path="大.txt")
    step = len(text) // 40
    findings = [Finding("demo", "warning", "问题", "建议。", i * step, i * step + 30) for i in range(40)]
    many = Reviewed(item.path, item.document, findings, "需修改")
    began = time.perf_counter()
    out = html.render(Review([many] * 200))
    assert time.perf_counter() - began < 2.0
    assert out.count(b'class="fulltext"') == 200
