"""review --format docx: findings as Word comments, checked in the package and through LibreOffice."""

from __future__ import annotations

import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest
from click.testing import CliRunner
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from duizhao.checks.registry import Finding, ReviewContext
from duizhao.cli import main
from duizhao.config import Settings
from duizhao.reading.docx import Traced, trace
from duizhao.reports import word
from duizhao.review import Reviewed, review_file
from test_reading_docx import OUTLINE, STRICT, add_list, numbered, write_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHANGED = {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def add_hyperlink(paragraph: docx.text.paragraph.Paragraph, url: str, text: str) -> None:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def build(path: Path) -> Path:
    """A material with formatting boundaries, a hyperlink, a table, numbering and a comment."""
    document = docx.Document()
    document.add_paragraph("2025年度XX局局长民主生活会个人对照检查材料")
    document.add_paragraph("按照《关于召开2025年度民主生活会的通知》要求，本人认真学习，广泛征求意见，"
                           "开展谈心谈话，现对照检查如下。")
    num = add_list(document, OUTLINE)
    numbered(document, "存在的问题", num)
    numbered(document, "在理论学习方面", num, 1)
    p = document.add_paragraph("一是学习觉")
    p.add_run("得得不够深入，").bold = True
    p.add_run("2025年只读了3本书。").italic = True
    p = document.add_paragraph("二是转载")
    add_hyperlink(p, "https://example.org/", "XX网站")
    p.add_run("的文章未注明出处。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "有的同志认为学习是软任务"
    table.cell(0, 1).text = "全年集中学习12次"
    p = document.add_paragraph("三是调查研究不够，")
    run = p.add_run("全年下基层12次。")
    document.add_comment(run, text="请补充下基层的具体地点。", author="张三", initials="ZS")
    numbered(document, "原因分析", num)
    document.add_paragraph("理想信念有所松懈，宗旨意识有所淡化。")
    numbered(document, "整改措施", num)
    document.add_paragraph("2026年3月底前完成全部学习任务，每月下基层不少于2次。")
    document.save(path)
    return path


def reviewed(path: Path, ctx: ReviewContext) -> Reviewed:
    item = review_file(path, ctx)
    assert item.document is not None and item.findings
    return item


def add(item: Reviewed, start: int, end: int, message: str) -> Finding:
    finding = Finding("test-span", "info", message, "测试用的提示。", start, end)
    item.findings.append(finding)
    return finding


def span_of(text: str, before: str, after: str) -> tuple[int, int]:
    """From the start of ``before`` to the end of ``after`` (the first ``after`` past ``before``)."""
    start = text.index(before)
    return start, text.index(after, start) + len(after)


def package_of(data: bytes) -> tuple[zipfile.ZipFile, Traced]:
    package = zipfile.ZipFile(BytesIO(data))
    return package, trace(package, lambda b: etree.fromstring(b, SAFE))


def ranges(traced: Traced) -> dict[str, tuple[int, int]]:
    """Each comment range's span of the text: from the first w:t after its start marker to the
    end of the last w:t before its end marker."""
    at = {id(s.node): s for s in traced.stretches}
    pending: list[str] = []
    starts: dict[str, int] = {}
    found: dict[str, tuple[int, int]] = {}
    last = 0
    w = traced.w
    for element in traced.root.iter():
        if element.tag == w + "commentRangeStart":
            pending.append(element.get(w + "id"))
        elif element.tag == w + "commentRangeEnd":
            found[element.get(w + "id")] = (starts[element.get(w + "id")], last)
        elif id(element) in at:
            stretch = at[id(element)]
            starts.update(dict.fromkeys(pending, stretch.start))
            pending, last = [], stretch.end
    return found


def comment_texts(package: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Each comment's author and text (paragraphs by newlines), by id."""
    root = etree.fromstring(package.read("word/comments.xml"), SAFE)
    w = root.tag[:root.tag.index("}") + 1]
    return {c.get(w + "id"): (c.get(w + "author"), "\n".join(
                "".join(t.text or "" for t in p.iter(w + "t")) for p in c.iter(w + "p")))
            for c in root.iter(w + "comment")}


def ours(package: zipfile.ZipFile, item: Reviewed) -> dict[str, Finding]:
    """The findings by the id of their comment (duizhao's comments: the summary, then the findings)."""
    ids = sorted(int(k) for k, (author, _) in comment_texts(package).items() if author == "duizhao")
    return {str(k): f for k, f in zip(ids[1:], item.findings, strict=True)}


def covered(traced: Traced, start: int, end: int) -> tuple[int, int]:
    """The first and after-last character of a span that come from the XML's text."""
    inside = [i for s in traced.stretches for i in range(max(s.start, start), min(s.end, end))]
    return min(inside), max(inside) + 1


SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def expected_text(f: Finding) -> str:
    return f"【{SEVERITY[f.severity]}】{f.message}\n建议：{f.hint}"


def check_package(item: Reviewed, data: bytes) -> dict[str, Finding]:
    """Text unchanged, one comment per finding on exactly its characters; the findings by id."""
    package, traced = package_of(data)
    doc = item.document
    assert doc is not None and traced.text == doc.text
    spans, texts = ranges(traced), comment_texts(package)
    ours = sorted((int(k) for k, (author, _) in texts.items() if author == "duizhao"))
    assert len(ours) == len(item.findings) + 1 and len(set(texts)) == len(texts)
    assert texts[str(ours[0])][1].startswith("duizhao 审核结论：")
    by_id = {}
    for comment, finding in zip(ours[1:], item.findings, strict=True):
        key = str(comment)
        assert texts[key][1] == expected_text(finding)
        if finding.end > finding.start:
            assert spans[key] == covered(traced, finding.start, finding.end), finding
        by_id[key] = finding
    return by_id


# --- LibreOffice ---------------------------------------------------------------------------------

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"


class OdtText:
    """The text of a flat ODT as the reader lays out a .docx (paragraphs by newlines, cells by tabs),
    and where each annotation starts and ends in it."""

    def __init__(self, path: Path) -> None:
        self.out: list[str] = []
        self.starts: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.notes: dict[str, tuple[str, str]] = {}
        body = ET.parse(path).getroot().find(f"{OFFICE}body/{OFFICE}text")
        assert body is not None
        self.blocks(body)
        self.text = "".join(self.out)

    def at(self) -> int:
        return sum(len(x) for x in self.out)

    def blocks(self, parent: ET.Element) -> None:
        for child in parent:
            if child.tag in (TEXT + "p", TEXT + "h"):
                self.newline()
                self.inline(child)
            elif child.tag == TABLE + "table":
                for row in child.iter(TABLE + "table-row"):
                    self.newline()
                    for n, cell in enumerate(row.findall(TABLE + "table-cell")):
                        self.out.append("\t" if n else "")
                        self.blocks(cell)
            elif child.tag in (TEXT + "list", TEXT + "list-item", TEXT + "section"):
                self.blocks(child)

    def newline(self) -> None:
        if self.out and not self.out[-1].endswith("\t"):
            self.out.append("\n")

    def inline(self, element: ET.Element) -> None:
        self.out.append(element.text or "")
        for child in element:
            name = child.get(OFFICE + "name", "")
            if child.tag == OFFICE + "annotation":
                self.starts[name] = self.at()
                author = child.findtext(DC + "creator") or ""
                self.notes[name] = (author, "\n".join("".join(p.itertext()) for p in child.iter(TEXT + "p")))
            elif child.tag == OFFICE + "annotation-end":
                self.ends[name] = self.at()
            elif child.tag == TEXT + "s":
                self.out.append(" " * int(child.get(TEXT + "c", "1")))
            elif child.tag == TEXT + "tab":
                self.out.append("\t")
            elif child.tag == TEXT + "line-break":
                self.out.append("\n")
            elif child.tag in (TEXT + "span", TEXT + "a"):
                self.inline(child)
            self.out.append(child.tail or "")

    def between(self, name: str) -> str:
        return self.text[self.starts[name]:self.ends[name]]


def to_fodt(soffice: str, path: Path) -> OdtText:
    out = path.parent / f"{path.stem}-odt"
    subprocess.run([soffice, f"-env:UserInstallation={(path.parent / 'lo-profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "fodt", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)
    return OdtText(out / f"{path.stem}.fodt")


def without_labels(traced: Traced, start: int, end: int) -> str:
    """A span's text as LibreOffice shows it: numbering labels are not text there."""
    inside = {i for s in traced.stretches for i in range(s.start, s.end)}
    return "".join(c for i, c in enumerate(traced.text[start:end], start) if i in inside or c in "\t\n")


def check_libreoffice(item: Reviewed, source: Path, result: Path, soffice: str) -> None:
    before, after = to_fodt(soffice, source), to_fodt(soffice, result)
    assert after.text == before.text
    ours = {n: t for n, (author, t) in after.notes.items() if author == "duizhao"}
    assert len(ours) == len(item.findings) + 1
    assert set(ours) <= set(after.ends)
    _, traced = package_of(result.read_bytes())
    for finding in item.findings:
        names = [n for n, t in ours.items() if t == expected_text(finding)]
        assert names, finding
        if finding.end > finding.start:
            wanted = without_labels(traced, finding.start, finding.end).strip()
            assert any(after.between(n) == wanted for n in names), finding


# --- the tests -----------------------------------------------------------------------------------

def test_comments_on_exact_characters(tmp_path: Path, ctx: ReviewContext) -> None:
    source = build(tmp_path / "material.docx")
    item = reviewed(source, ctx)
    text = item.document.text  # type: ignore[union-attr]
    checks = {f.check: text[f.start:f.end] for f in item.findings}
    assert checks["typo-repeat"] == "得得" and checks["perspective-shift"] == "有的同志"
    assert "XX" in [text[f.start:f.end] for f in item.findings if f.check == "placeholder"]
    add(item, *span_of(text, "只读了", "3"), "一个 run 的中间")
    add(item, *span_of(text, "学习觉", "深入"), "跨过加粗的边界")
    add(item, *span_of(text, "X网", "的文章"), "从超链接里到超链接外")
    add(item, *span_of(text, "本书。", "二是转"), "跨两个段落")
    add(item, *span_of(text, "全年集中", "12"), "表格单元格中")
    add(item, *span_of(text, "调查研究", "下基层"), "跨过已有批注")
    zero = add(item, text.index("宗旨意识"), text.index("宗旨意识"), "零宽度")
    data = word(item)
    by_id = check_package(item, data)
    package, traced = package_of(data)
    zero_id = next(k for k, f in by_id.items() if f is zero)
    assert traced.text[slice(*ranges(traced)[zero_id])] == "原因分析"
    original = zipfile.ZipFile(source)
    for name in set(original.namelist()) - CHANGED:
        assert package.read(name) == original.read(name), name
    texts = comment_texts(package)
    assert ("张三", "请补充下基层的具体地点。") in texts.values()
    old, new = (etree.fromstring(z.read("word/document.xml"), SAFE) for z in (original, package))
    assert new.nsmap == old.nsmap and new.attrib == old.attrib  # prefixes and mc:Ignorable kept
    result = tmp_path / "material-审核.docx"
    result.write_bytes(data)
    assert review_file(result, ctx).document.text == text  # type: ignore[union-attr]


def test_libreoffice_shows_every_comment_on_its_text(tmp_path: Path, ctx: ReviewContext,
                                                     soffice: str) -> None:
    source = build(tmp_path / "material.docx")
    item = reviewed(source, ctx)
    text = item.document.text  # type: ignore[union-attr]
    add(item, *span_of(text, "学习觉", "深入"), "跨过加粗的边界")
    add(item, *span_of(text, "本书。", "二是转"), "跨两个段落")
    add(item, *span_of(text, "X网", "的文章"), "从超链接里到超链接外")
    result = tmp_path / "material-审核.docx"
    result.write_bytes(word(item))
    check_libreoffice(item, source, result, soffice)


def test_text_material_becomes_a_new_docx(tmp_path: Path, ctx: ReviewContext, soffice: str) -> None:
    from test_cli import NO_CAUSES

    source = tmp_path / "material.txt"
    source.write_text(NO_CAUSES.replace("学习不够", "学习觉得得不够\t有的同志") + "  末行\x07 带控制符\n",
                      encoding="utf-8")
    item = reviewed(source, ctx)
    data = word(item)
    check_package(item, data)
    result = tmp_path / "material-审核.docx"
    result.write_bytes(data)
    assert to_fodt(soffice, result).text.split("\n") == [
        line for line in item.document.text.replace("\x07", "\ufffd").split("\n")]  # type: ignore[union-attr]


def test_whole_paragraph_when_no_character_is_in_the_xml(tmp_path: Path, ctx: ReviewContext) -> None:
    item = reviewed(build(tmp_path / "material.docx"), ctx)
    text = item.document.text  # type: ignore[union-attr]
    label = text.index("（一）")
    item.findings = [Finding("test-span", "info", "只在编号上", "提示。", label, label + 3)]
    _, traced = package_of(word(item))
    p = next(p for p in traced.root.iter(W + "p") if "".join(p.itertext()) == "在理论学习方面")
    assert p[1].tag == W + "commentRangeStart" and p[-2].tag == W + "commentRangeEnd"


def test_existing_comment_ids_stay_unique(tmp_path: Path, ctx: ReviewContext) -> None:
    item = reviewed(build(tmp_path / "material.docx"), ctx)
    again = tmp_path / "again.docx"
    again.write_bytes(word(item))
    second = reviewed(again, ctx)
    package, _ = package_of(word(second))
    texts = comment_texts(package)
    assert len([a for a, _ in texts.values() if a == "duizhao"]) == 2 * (len(item.findings) + 1)


MARKUP = """
  <w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内段落</w:t></w:r></w:p></w:sdtContent></w:sdt>
  <w:p>
    <w:r><w:t xml:space="preserve">正文 </w:t></w:r>
    <w:ins w:id="1" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:t>修订插入</w:t></w:r></w:ins>
    <w:del w:id="2" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>删去</w:delText></w:r></w:del>
    <w:fldSimple w:instr=" DATE "><w:r><w:t>域结果</w:t></w:r></w:fldSimple>
    <w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>智能标记</w:t></w:r></w:smartTag>
    <w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>
    <w:r><w:t>继续。</w:t></w:r>
    <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>
      <mc:Fallback/></mc:AlternateContent></w:r>
  </w:p>
  <w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">  甲格  </w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>乙格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
"""


@pytest.mark.parametrize("ns", [W[1:-1], STRICT])
def test_content_controls_revisions_fields_and_text_boxes(tmp_path: Path, ctx: ReviewContext,
                                                         ns: str) -> None:
    source = write_package(tmp_path / "wps.docx", MARKUP, ns=ns, part="word/document2.xml")
    item = reviewed(source, ctx)
    text = item.document.text  # type: ignore[union-attr]
    assert text == "控件内段落\n正文 修订插入域结果智能标记行内控件继续。\n框内文字\n甲格\t乙格"
    item.findings = []
    for before, after in (("内段", "正文"), ("文 修", "入域"), ("结果", "智能"), ("标记", "行内"),
                          ("控件继", "续"), ("甲", "格"), ("格\t", "乙")):
        add(item, *span_of(text, before, after), f"{before}…{after}")
    box = add(item, *span_of(text, "框内", "文字"), "文本框")
    package, traced = package_of(word(item))
    w = traced.w
    findings = ours(package, item)
    for key, (start, end) in ranges(traced).items():
        finding = findings.get(key)
        if finding is not None and finding is not box and "格\t" not in finding.message:
            assert (start, end) == covered(traced, finding.start, finding.end), finding
    outer = next(p for p in traced.root.iter(w + "p") if "继续" in "".join(p.itertext()))
    assert outer[0].tag == w + "commentRangeStart" and outer[-1][0].tag == w + "commentReference"
    rels = package.read("word/_rels/document2.xml.rels").decode()
    assert ("purl.oclc.org/ooxml/officeDocument/relationships/comments" in rels) == (ns == STRICT)
    assert b"/word/comments.xml" in package.read("[Content_Types].xml")
    assert traced.text == text
    first_cell = next(p for p in traced.root.iter(w + "p") if "".join(p.itertext()).strip() == "甲格")
    assert first_cell[0].tag == w + "commentRangeStart"  # across two cells: the cell's paragraph


def test_a_docx_that_no_longer_reads_as_reviewed_gets_a_new_docx(tmp_path: Path, ctx: ReviewContext) -> None:
    item = reviewed(build(tmp_path / "material.docx"), ctx)
    changed = docx.Document()
    changed.add_paragraph("改过的文字")
    changed.save(tmp_path / "changed.docx")
    data = word(item, tmp_path / "changed.docx")
    check_package(item, data)
    assert "word/numbering.xml" not in zipfile.ZipFile(BytesIO(data)).namelist()


@pytest.fixture(scope="module")
def material(tmp_path_factory: pytest.TempPathFactory) -> Reviewed:
    return reviewed(build(tmp_path_factory.mktemp("material") / "material.docx"),
                    ReviewContext(settings=Settings()))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 330), st.integers(1, 40)), min_size=1, max_size=8))
def test_any_spans_are_commented_exactly(material: Reviewed, spans: list[tuple[int, int]]) -> None:
    """Overlapping, nested and touching spans anywhere: each comment covers exactly its span's
    characters that are in the XML, or (none there, or across table cells) its whole paragraph."""
    text = material.document.text  # type: ignore[union-attr]
    row = text.index("有的同志")
    cells = [(row, text.index("\t", row)), (text.index("\t", row) + 1, text.index("\n", row))]
    item = Reviewed(material.path, material.document, [], material.grade)
    for start, width in spans:
        add(item, min(start, len(text) - 1), min(start + width, len(text)), f"{start}+{width}")
    package, traced = package_of(word(item))
    found = ranges(traced)
    for key, finding in ours(package, item).items():
        inside = [i for s in traced.stretches for i in range(max(s.start, finding.start),
                                                              min(s.end, finding.end))]
        if not inside:
            continue
        regions = {next((n for n, (a, b) in enumerate(cells) if a <= i < b), -1)
                   for i in (inside[0], inside[-1])}
        if len(regions) == 1:
            assert found[key] == (inside[0], inside[-1] + 1), finding
    assert traced.text == text


# --- the command line ----------------------------------------------------------------------------

def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_one_material(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = build(tmp_path / "局长材料.docx")
    monkeypatch.chdir(tmp_path)
    result = run("review", str(source), "--format", "docx")
    assert result.exit_code == 1, result.output  # type: ignore[attr-defined]
    assert zipfile.ZipFile(tmp_path / "局长材料-审核.docx").read("word/comments.xml")
    result = run("review", str(source), "--format", "docx", "-o", str(tmp_path / "out" / "批注.docx"))
    assert (tmp_path / "out" / "批注.docx").is_file()


def test_cli_several_materials_and_an_unreadable_one(tmp_path: Path) -> None:
    from test_cli import GOOD

    (tmp_path / "in").mkdir()
    build(tmp_path / "in" / "甲.docx")
    (tmp_path / "in" / "乙.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "坏.docx").write_bytes(b"not a zip")
    (tmp_path / "in" / "子").mkdir()
    (tmp_path / "in" / "子" / "乙.txt").write_text(GOOD, encoding="utf-8")
    result = run("review", str(tmp_path / "in"), "--format", "docx", "-o", str(tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "乙-审核-2.docx", "乙-审核.docx", "甲-审核.docx"]
    assert "坏.docx" in result.output  # type: ignore[attr-defined]


def test_cli_refuses_to_overwrite_the_material(tmp_path: Path) -> None:
    source = build(tmp_path / "material.docx")
    before = source.read_bytes()
    result = run("review", str(source), "--format", "docx", "-o", str(source))
    assert result.exit_code == 2 and "不能覆盖原材料" in result.output  # type: ignore[attr-defined]
    assert source.read_bytes() == before
