"""Copy ratios, quotations and own earlier materials, on SQLite and PostgreSQL corpora, and
how the reports show them."""

from __future__ import annotations

import json
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import GradeRules, Settings
from duizhao.copying import CopyStats
from duizhao.corpus import Store, open_store
from duizhao.reports import render
from duizhao.review import Review, Reviewed, grade, review_paths, review_text
from duizhao.text.normal import normalize
from duizhao.text.quotation import quotation_spans, subtract

SAMPLES = resources.files("duizhao") / "samples"
WHEN = datetime(2026, 1, 1)
HEAD = """2025年度青川县文旅局局长民主生活会个人对照检查材料
一、存在的问题
一是今年到景区调研只有3次，对乡村旅游的短板心中无数，全年只跑了两个乡镇，很多情况靠听汇报。
"""
OLD_OWN = "二是对文旅项目的资金监管不够严格，2024年有两个项目验收时才发现台账缺失，追补材料花了一个多月时间。"
QUOTED = "干部要把群众的安危冷暖放在心上，真正做到问政于民、问需于民、问计于民，这是做好一切工作的出发点。"


def sample_lines() -> list[str]:
    text = (SAMPLES / "01_clean_personal.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if len(line) > 80]


def fill(store: Store) -> Store:
    store.add_document((SAMPLES / "01_clean_personal.txt").read_text(encoding="utf-8"),
                       label="网络范文", year=2024, author=None, added_at=WHEN)
    store.add_document("2024年度青川县文旅局局长民主生活会个人对照检查材料\n" + OLD_OWN + "\n",
                       label="2024年度材料", year=2024, author="李明", added_at=WHEN)
    store.add_document("学习材料\n" + QUOTED + "\n", label="引用", year=None, author=None, added_at=WHEN)
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = str(tmp_path / "c.sqlite3") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as opened:
        yield fill(opened)


def material() -> str:
    copied = sample_lines()[7]
    return HEAD + copied + "\n" + OLD_OWN + "\n" + "对照要求，" + QUOTED + "\n"


def reviewed(store: Store, text: str, author: str | None = "李明",
             settings: Settings | None = None) -> Reviewed:
    ctx = ReviewContext(settings=settings or Settings(), corpus=store, author=author)
    return review_text(text, ctx, "mine.txt")


def by_relation(item: Reviewed) -> dict[str, list[str]]:
    assert item.document is not None
    out: dict[str, list[str]] = {}
    for f in item.findings:
        if f.source:
            out.setdefault(f.source.relation, []).append(f.severity)
    return out


def test_copy_own_and_quotation_are_told_apart(store: Store):
    item = reviewed(store, material())
    assert by_relation(item) == {"copy": ["error"], "own": ["warning"], "quotation": ["info"]}
    copy = item.copy
    assert copy is not None and copy.compared_with == ("corpus",)
    assert copy.ratio > copy.ratio_excluding_quotations > copy.ratio_excluding_both > 0
    assert copy.ratio > copy.ratio_excluding_own > copy.ratio_excluding_both
    assert {s.source.relation for s in copy.sources} == {"copy", "own", "quotation"}
    chars = item.document.chars() if item.document else 0
    assert copy.ratio == pytest.approx(sum(s.chars for s in copy.sources) / chars, abs=1e-3)


def test_the_source_span_points_into_the_source_document(store: Store):
    item = reviewed(store, material())
    [finding] = [f for f in item.findings if f.source and f.source.relation == "own"]
    assert finding.source is not None
    assert finding.source.excerpt in OLD_OWN and len(finding.source.excerpt) >= 0.9 * len(OLD_OWN)
    assert finding.source.author == "李明" and finding.source.year == 2024


def test_without_the_author_an_old_material_is_a_copy(store: Store):
    assert set(by_relation(reviewed(store, material(), author=None))) == {"copy", "quotation"}
    assert set(by_relation(reviewed(store, material(), author="王芳"))) == {"copy", "quotation"}


def test_an_attributed_quotation_is_not_copying(store: Store):
    borrowed = sample_lines()[9]
    text = HEAD + "习近平总书记深刻指出：“" + borrowed + "”我对照检查，差距明显。\n"
    item = reviewed(store, text)
    assert by_relation(item) == {"quotation": ["info"]}
    assert item.copy is not None and item.copy.ratio > 0.3 and item.copy.ratio_excluding_quotations == 0
    assert item.grade == "基本达标" or all(f.check != "copied-passage" or f.severity == "info"
                                           for f in item.findings)


def test_an_unrelated_material_has_a_zero_ratio(store: Store):
    item = reviewed(store, HEAD)
    assert item.copy is not None and item.copy.ratio == 0 and item.copy.sources == ()


def test_grade_takes_the_copy_ratio_into_account():
    rules = GradeRules(fail_copy_ratio=0.3, revise_copy_ratio=0.1)

    def stats(ratio: float) -> CopyStats:
        return CopyStats(ratio + 0.2, ratio, ratio, ratio, (), ("corpus",))

    assert grade([], rules, stats(0.35)) == "不达标"
    assert grade([], rules, stats(0.15)) == "需修改"
    assert grade([], rules, stats(0.05)) == "基本达标"
    assert grade([], rules, None) == "基本达标"


def test_copy_ratio_threshold_is_configurable(store: Store):
    strict = Settings(grade=GradeRules(fail_errors=99, revise_errors=99, fail_copy_ratio=0.01))
    assert reviewed(store, material(), settings=strict).grade == "不达标"
    lax = Settings(grade=GradeRules(fail_errors=99, fail_checks=(), revise_errors=99, revise_warnings=99,
                                    fail_copy_ratio=1.0, revise_copy_ratio=1.0))
    assert reviewed(store, material(), settings=lax).grade == "基本达标"


def test_quotation_spans_cover_attributed_quotes_and_formulations():
    text = ("总书记指出：“干部要把群众的冷暖放在心上。”我要增强“四个意识”、坚定“四个自信”、做到“两个维护”。"
            "有人说“差不多就行”是常态。")
    spans = [text[s:e] for s, e in quotation_spans(normalize(text))]
    assert spans == ["“干部要把群众的冷暖放在心上。”", "增强“四个意识”、坚定“四个自信”、做到“两个维护”"]
    masked = "以xjp新时代中国特色社会主义思想为指导"
    assert [masked[s:e] for s, e in quotation_spans(normalize("以習近平新時代中國特色社會主義思想為指導"))]
    assert quotation_spans(normalize("我要抓好乡村振兴示范村建设"), ("乡村振兴示范村",)) == [(4, 11)]


def test_subtract_leaves_what_is_outside():
    assert subtract([(0, 10), (5, 20)], [(3, 6), (15, 30)]) == [(0, 3), (6, 15)]
    assert subtract([(0, 5)], []) == [(0, 5)]


def test_json_carries_the_ratios_and_each_source(store: Store):
    data = json.loads(render(Review([reviewed(store, material())]), "json"))
    [doc] = data["documents"]
    assert set(doc["copy"]) == {"ratio", "ratio_excluding_quotations", "ratio_excluding_own",
                                "ratio_excluding_both", "compared_with", "sources"}
    source = doc["copy"]["sources"][0]
    assert source["kind"] == "corpus" and source["relation"] == "copy" and source["label"] == "网络范文"
    assert source["passages"][0]["source_end"] > source["passages"][0]["source_start"]
    with_source = [f for f in doc["findings"] if "source" in f]
    assert len(with_source) == 3 and with_source[0]["source"]["text"]


def test_no_comparison_means_no_ratio():
    item = review_text(HEAD, ReviewContext(settings=Settings()))
    assert item.copy is None
    assert json.loads(render(Review([item]), "json"))["documents"][0]["copy"] is None


def test_html_colours_copies_and_shows_the_source_escaped(tmp_path: Path, store: Store):
    odd = tmp_path / "<i>范文.txt"
    unique = "三是对景区安全生产检查流于形式，国庆前的隐患排查只看台账不看现场，索道维护记录缺了两个月。"
    odd.write_text(unique + "\n", encoding="utf-8")
    store.add_document(odd, label="<b>标签</b>", year=None, author=None, added_at=WHEN)
    text = material() + unique + "\n"
    page = render(Review([reviewed(store, text)]), "html").decode("utf-8")
    assert 'class="s-error c-copy"' in page and "c-quote" in page
    assert "来源（照搬）" in page and "来源（引用）" in page and "来源（本人往年材料）" in page
    assert "&lt;i&gt;范文" in page and "&lt;b&gt;标签&lt;/b&gt;" in page
    assert "<i>范文" not in page and "<b>标签" not in page
    assert "复制来源" in page


def test_text_report_prints_the_ratios(store: Store):
    out = render(Review([reviewed(store, material())]), "text").decode("utf-8")
    assert "复制比：" in out and "去除引用" in out and "主要来源：" in out and "来源原文：" in out


def test_colleagues_are_sources_and_both_get_ratios(tmp_path: Path):
    shared = sample_lines()[3]
    (tmp_path / "a.txt").write_text(HEAD + shared + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(HEAD.replace("文旅局", "水务局").replace("景区", "水库")
                                    .replace("乡村旅游", "防汛") + shared + "\n", encoding="utf-8")
    review = review_paths([tmp_path], ReviewContext(settings=Settings()))
    for item, other in zip(review.documents, reversed(review.documents), strict=True):
        assert item.copy is not None and item.copy.compared_with == ("batch",)
        [share] = item.copy.sources
        assert share.source.kind == "colleague" and share.source.path == other.path
        assert item.copy.ratio > 0.3


def test_xlsx_summary_has_the_ratio_and_sources(store: Store):
    from io import BytesIO

    from openpyxl import load_workbook

    data = render(Review([reviewed(store, material())]), "xlsx")
    sheet = load_workbook(BytesIO(data))["汇总"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    ratio = row[header.index("复制比")]
    assert isinstance(ratio, float) and 0 < ratio < 1
    assert sheet.cell(2, header.index("复制比") + 1).number_format == "0.0%"
    assert "网络范文" in str(row[header.index("主要来源")])


def test_a_configured_severity_leaves_quotations_and_own_materials_as_they_are(store: Store):
    softer = Settings(severities={"copied-passage": "warning"})
    assert by_relation(reviewed(store, material(), settings=softer)) == {
        "copy": ["warning"], "own": ["warning"], "quotation": ["info"]}
