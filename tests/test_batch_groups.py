"""The batch seen as groups: who shares text with whom, and what each group shares."""

from __future__ import annotations

import json
import random
import sys
from importlib import resources
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.reports import render
from duizhao.review import Review, review_paths

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import batch_groups
import templates

SAMPLES = Path(str(resources.files("duizhao") / "samples"))


def members(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    shared = templates.template(rng)
    return [templates.member(rng, shared) for _ in range(count)]


def review_of(tmp_path: Path, texts: dict[str, str], settings: Settings | None = None) -> Review:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return review_paths([tmp_path / name for name in texts], ReviewContext(settings=settings or Settings()))


def groups(review: Review) -> list[set[str]]:
    assert review.batch is not None
    return [{Path(review.documents[m.number].path).name for m in g.members} for g in review.batch.groups]


def test_two_groups_and_a_loner(tmp_path: Path):
    one, two, alone = members(1, 3), members(2, 2), members(3, 1)
    texts = {"a1.txt": one[0], "b1.txt": two[0], "a2.txt": one[1], "c.txt": alone[0], "b2.txt": two[1],
             "a3.txt": one[2]}
    review = review_of(tmp_path, texts)
    assert sorted(map(sorted, groups(review))) == [["a1.txt", "a2.txt", "a3.txt"], ["b1.txt", "b2.txt"]]
    assert review.batch is not None
    big = review.batch.groups[0]
    assert all(0.3 < m.share <= 1 for m in big.members)
    assert len(big.pairs) == 3 and all(p.a_chars >= 300 and p.b_chars >= 300 for p in big.pairs)
    passage = big.passages[0]
    assert passage.count == 3
    for number, start, end in passage.places:
        doc = review.documents[number].document
        assert doc is not None and doc.text[start:end][:10] == passage.text[:10]


def _part(text: str, first: str, last: str | None) -> str:
    start = text.index(first)
    return text[start:text.index(last)] if last else text[start:]


def test_a_chain_is_one_group(tmp_path: Path):
    a, c = members(4, 1)[0], members(5, 1)[0]
    head = "青川县水利局副局长2025年度民主生活会个人对照检查材料\n\n"
    b = head + _part(a, "一、存在的问题", "二、原因分析") + _part(c, "二、原因分析", None)
    review = review_of(tmp_path, {"a.txt": a, "b.txt": b, "c.txt": c})
    assert groups(review) == [{"a.txt", "b.txt", "c.txt"}]
    assert review.batch is not None
    pairs = {(p.a, p.b): min(p.a_chars, p.b_chars) for p in review.batch.groups[0].pairs}
    assert pairs[0, 1] >= 300 and pairs[1, 2] >= 300
    assert pairs.get((0, 2), 0) < 300  # a and c share no more than stock phrases: linked through b


def test_quotations_alone_do_not_link(tmp_path: Path):
    quote = "".join(f"习近平总书记强调：“{s}”\n" for s in (
        "各级领导干部要把对党忠诚、为党分忧、为党尽职、为民造福作为根本政治担当，永葆共产党人政治本色，"
        "在任何时候任何情况下都要站稳政治立场，把准政治方向，坚持政治原则",
        "全面从严治党永远在路上，党的自我革命永远在路上，决不能有松劲歇脚、疲劳厌战的情绪，"
        "必须持之以恒、善作善成，把严的基调一以贯之地坚持下去",
        "调查研究是谋事之基、成事之道，没有调查就没有发言权，更没有决策权，要在全党大兴调查研究之风，"
        "做到深、实、细、准、效，真正把情况摸清、把问题找准、把对策提实"))
    a, b = members(6, 1)[0], members(7, 1)[0]
    texts = {"a.txt": a.replace("一、存在的问题", quote + "一、存在的问题"),
             "b.txt": b.replace("一、存在的问题", quote + "一、存在的问题")}
    review = review_of(tmp_path, texts)
    assert groups(review) == []
    quoted = [f for d in review.documents for f in d.findings if f.check == "similar-to-colleague"
              and d.document is not None and d.document.text.index("一、存在的问题") > f.start]
    assert len(quoted) == 6 and all(f.severity == "info" for f in quoted)


def test_a_finding_names_every_colleague(tmp_path: Path):
    paragraph = [line for line in (SAMPLES / "01_clean_personal.txt").read_text(encoding="utf-8")
                 .splitlines() if len(line) > 80][3]
    texts = {f"{n}.txt": text.replace("二、原因分析", paragraph + "\n二、原因分析", 1)
             for n, text in enumerate(members(8, 1) + members(9, 1) + members(10, 1) + members(11, 1)
                                      + members(12, 1))}
    review = review_of(tmp_path, texts)
    item = review.documents[0]
    assert item.document is not None
    [finding] = [f for f in item.findings if f.check == "similar-to-colleague"
                 and item.document.text[f.start:f.end] == paragraph]
    assert "同批 4 份材料相同：1.txt、2.txt、3.txt等 4 份" in finding.message
    assert finding.source is not None and finding.source.path == str(tmp_path / "1.txt")
    data = json.loads(render(review, "json"))
    [shared] = [f for f in data["documents"][0]["findings"]
                if f["start"] == finding.start and f["check"] == "similar-to-colleague"]
    assert shared["colleagues"] == [1, 2, 3, 4]
    assert data["batch"]["groups"] == []  # one paragraph in common is less than the threshold


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> Review:
    folder = tmp_path_factory.mktemp("grouped")
    texts = {f"<i>{n}.txt": text for n, text in enumerate(members(13, 3) + members(14, 1))}
    return review_of(folder, texts)


def test_json_has_the_batch_object(grouped: Review):
    data = json.loads(render(grouped, "json"))
    batch = data["batch"]
    assert batch["min_group_chars"] == 300 and batch["documents"] == [0, 1, 2, 3]
    [group] = batch["groups"]
    assert set(group) == {"members", "passages", "pairs"}
    assert {m["document"] for m in group["members"]} == {0, 1, 2}
    assert set(group["members"][0]) == {"document", "chars", "share"}
    passage = group["passages"][0]
    assert set(passage) == {"text", "count", "places"} and passage["count"] == len(passage["places"])
    assert set(passage["places"][0]) == {"document", "start", "end"}
    assert set(group["pairs"][0]) == {"a", "b", "a_chars", "b_chars", "a_share", "b_share"}


def test_text_report_has_the_groups(grouped: Review):
    out = render(grouped, "text").decode("utf-8")
    assert "同批材料分组" in out and "第 1 组：3 份材料" in out and "↔" in out
    assert out.rstrip().splitlines()[-1].startswith("共审核 4 份材料")


def test_html_report_has_the_groups_escaped(grouped: Review):
    page = render(grouped, "html").decode("utf-8")
    assert 'id="groups"' in page and "第 1 组（3 份材料）" in page
    assert "&lt;i&gt;0.txt" in page and "<i>0" not in page


def test_xlsx_report_has_the_group_sheets(grouped: Review):
    book = load_workbook(BytesIO(render(grouped, "xlsx")))
    assert {"同批分组", "共有段落", "两两相同"} <= set(book.sheetnames)
    assert book["同批分组"].max_row == 4 and book["两两相同"].max_row == 4


def test_no_batch_when_the_check_is_off_or_alone(tmp_path: Path):
    off = Settings(disabled=frozenset({"similar-to-colleague"}))
    assert review_of(tmp_path, {"a.txt": members(15, 1)[0], "b.txt": members(15, 1)[0]}, off).batch is None
    assert review_of(tmp_path, {"a.txt": members(16, 1)[0]}).batch is None
    assert json.loads(render(Review([]), "json"))["batch"] is None


def test_the_demo_batch_is_one_group_of_two():
    paths = [p for p in sorted(SAMPLES.glob("*.txt")) if p.name != "notice.txt"]
    review = review_paths([*paths, *sorted((SAMPLES / "batch").glob("*.txt"))],
                          ReviewContext(settings=Settings()))
    assert [sorted(g) for g in groups(review)] == [["01_clean_personal.txt", "04_deputy_personal.txt"]]


def test_benchmark_runs_on_a_small_batch(capsys: pytest.CaptureFixture[str]):
    batch_groups.measure(12, seed=1, rounds=1)
    out = capsys.readouterr().out
    assert "份/s" in out and "每组只含同一模板的材料" in out


def test_indices_are_those_of_the_review_with_an_unreadable_file(tmp_path: Path):
    one = members(17, 2)
    (tmp_path / "b.docx").write_bytes(b"not a docx")
    texts = {"a.txt": one[0], "c.txt": one[1]}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    review = review_paths([tmp_path / "a.txt", tmp_path / "b.docx", tmp_path / "c.txt"],
                          ReviewContext(settings=Settings()))
    assert review.documents[1].error is not None
    data = json.loads(render(review, "json"))
    assert data["batch"]["documents"] == [0, 2]
    [group] = data["batch"]["groups"]
    assert {m["document"] for m in group["members"]} == {0, 2}
    shared = [f for f in data["documents"][2]["findings"] if f["check"] == "similar-to-colleague"]
    assert shared and all(f["colleagues"] == [0] for f in shared)


def test_the_threshold_is_a_setting(tmp_path: Path):
    from dataclasses import replace

    from duizhao.config import Thresholds, settings_from

    assert settings_from({"thresholds": {"min_group_chars": 5000}}).thresholds.min_group_chars == 5000
    high = replace(Settings(), thresholds=replace(Thresholds(), min_group_chars=100_000))
    review = review_of(tmp_path, dict(zip(("a.txt", "b.txt"), members(18, 2), strict=True)), high)
    assert review.batch is not None and review.batch.groups == () and review.batch.min_chars == 100_000


def test_materials_with_nothing_to_compare(tmp_path: Path):
    review = review_of(tmp_path, {"a.txt": "标题\n\n一、存在的问题\n短句。\n", "b.txt": "标题\n\n短句。\n"})
    assert review.batch is not None and review.batch.groups == ()
    assert all(f.check != "similar-to-colleague" for d in review.documents for f in d.findings)


def test_figures_only_edits_and_hash_signs(tmp_path: Path):
    line = "我带队检查民生实事项目{}次，发现问题{}个，其中跟踪到底的只有{}个，整改质量不高，#标记{}。"
    base = "青川县商务局局长2025年度民主生活会个人对照检查材料\n\n"
    a = base + "\n".join(line.format(n, n + 1, n + 2, n + 3) for n in range(10, 30)) + "\n"
    b = base + "\n".join(line.format(n, n + 5, 7, "#" + str(n)) for n in range(10, 30)) + "\n"
    review = review_of(tmp_path, {"a.txt": a, "b.txt": b})
    assert review.batch is not None and len(review.batch.groups) == 1
    item = review.documents[0]
    assert item.document is not None
    spans = [(f.start, f.end) for f in item.findings if f.check == "similar-to-colleague"]
    assert len(spans) == 20  # one per line, each bridging the changed figures


def test_json_written_directly_equals_the_plain_values(grouped: Review):
    from duizhao.reports.json import as_dict

    text = render(grouped, "json").decode("utf-8")
    assert json.loads(text) == json.loads(json.dumps(as_dict(grouped), ensure_ascii=False))
    lines = text.splitlines()
    assert any(line.strip().startswith('{"check": "similar-to-colleague"') for line in lines)
    assert any('"colleagues": [' in line and line.rstrip(",").endswith("]}") for line in lines)


def test_the_collector_is_back_and_nothing_left_frozen(grouped: Review):
    import gc

    render(grouped, "json")
    assert gc.isenabled() and gc.get_freeze_count() == 0
