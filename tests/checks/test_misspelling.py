from __future__ import annotations

import csv
import sys
from importlib import resources
from pathlib import Path

import pytest

from duizhao.checks import REGISTRY
from duizhao.checks._misspelling_data import builtin_terms, entries, parse_entry, rules
from duizhao.checks.registry import Hit, ReviewContext
from duizhao.config import Settings
from duizhao.outline import parse

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "benchmarks"))

import materials  # noqa: E402
import misspelling_fp  # noqa: E402


def hits(text: str, ctx: ReviewContext) -> list[Hit]:
    return list(REGISTRY["misspelling"].run(parse(text), ctx))


def spans(text: str, ctx: ReviewContext) -> list[str]:
    doc = parse(text)
    return [doc.text[h.start:h.end] for h in REGISTRY["misspelling"].run(doc, ctx)]


# ── the data file ──────────────────────────────────────────────────────────────────────────

def _data_lines() -> list[str]:
    text = (resources.files("duizhao") / "data" / "misspellings.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_every_line_of_the_data_file_is_a_valid_entry() -> None:
    lines = _data_lines()
    assert len(lines) >= 300
    seen: set[str] = set()
    for line in lines:
        entry = parse_entry(line)
        assert entry.wrong != entry.right, line
        assert len(entry.wrong) == len(entry.right) >= 2, line
        assert 1 <= sum(a != b for a, b in zip(entry.wrong, entry.right, strict=True)) <= 2, line
        assert entry.wrong not in seen, f"duplicate: {line}"
        seen.add(entry.wrong)
        assert all(entry.wrong in longer and longer != entry.wrong for longer in entry.not_in), line
    assert len(entries()) == len(lines)


def test_no_wrong_form_is_a_correct_form_of_another_entry() -> None:
    rights = {e.right for e in entries()}
    assert not [e.wrong for e in entries() if e.wrong in rights]
    assert not [e.wrong for e in entries() if any(e.wrong in t for t in builtin_terms())]


def test_rules_name_two_different_words() -> None:
    for rule in rules():
        assert rule.wrong != rule.right and len(rule.wrong) >= 2 and rule.contexts
        assert rule.wrong in rule.hint and rule.right in rule.hint


# ── wrong words ─────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("text", "span", "right"), [
    ("工作中按步就班，缺乏创新。", "按步就班", "按部就班"),
    ("今后再接再励，争取更大成绩。", "再接再励", "再接再厉"),
    ("有时默守成规，思想保守。", "默守成规", "墨守成规"),
    ("面对难题一愁莫展。", "一愁莫展", "一筹莫展"),
    ("把群众逼得走头无路。", "走头无路", "走投无路"),
    ("对照先进甘败下风。", "甘败下风", "甘拜下风"),
    ("对自已要求不严。", "自已", "自己"),
    ("安排布署不够周密。", "布署", "部署"),
    ("惯彻落实上级精神打了折扣。", "惯彻", "贯彻"),
    ("针贬时弊不够有力。", "针贬时弊", "针砭时弊"),
    ("整改迫在眉捷。", "迫在眉捷", "迫在眉睫"),
    ("一如继往地抓好落实。", "一如继往", "一如既往"),
    ("为工作殚精竭力。", "殚精竭力", "殚精竭虑"),
    ("震憾人心的先进事迹。", "震憾", "震撼"),
    ("坚持励行节约。", "励行节约", "厉行节约"),
    ("严肃处理，以敬效尤。", "以敬效尤", "以儆效尤"),
    ("工作上克尽职守。", "克尽职守", "恪尽职守"),
    ("消弥分歧，形成合力。", "消弥", "消弭"),
    ("坚决反对奢糜之风。", "奢糜", "奢靡"),
    ("整改台帐不够规范。", "台帐", "台账"),
    ("深刻刨析思想根源。", "刨析", "剖析"),
    ("遇到矛盾互相推委。", "互相推委", "互相推诿"),
    ("作风建设要长抓不懈。", "长抓不懈", "常抓不懈"),
    ("把群众意见如实反应给班子。", "如实反应", "如实反映"),
    ("做到学懂弄通作实。", "学懂弄通作实", "学懂弄通做实"),
    ("把风险防范于未然。", "防范于未然", "防患于未然"),
])
def test_wrong_words_fire(text: str, span: str, right: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert right in found[0].message and found[0].severity is None


@pytest.mark.parametrize("text", [
    "各部门各自已经完成自查。",
    "激动之情不能自已。",
    "结论来自已有的调研数据。",
    "养成了习惯彻夜加班的做法不可取。",
    "在网络平台帐号管理上存在漏洞。",
    "面对严峻工作形势，土地开垦切实推进。",
    "山脉落差大，深刻剖析，常抓不懈，互相推诿，如实反映，防患于未然。",
    "对自己要求不严，按部就班，再接再厉。",
    "认真贯彻落实党中央决策部署，厉行节约，恪尽职守。",
])
def test_correct_words_are_silent(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_traditional_text_is_reported_on_its_own_characters(ctx: ReviewContext) -> None:
    text = "今後我將再接再勵，對自已嚴格要求。"
    assert spans(text, ctx) == ["再接再勵", "自已"]


def test_a_wrong_word_in_the_preamble_of_a_material(ctx: ReviewContext) -> None:
    clean = (ROOT / "tests" / "checks" / "clean_material.txt").read_text(encoding="utf-8")
    text = clean.replace("现将个人对照检查情况报告如下", "现将按步就班查摆的情况报告如下", 1)
    assert text != clean
    doc = parse(text)
    found = list(REGISTRY["misspelling"].run(doc, ctx))
    assert [doc.text[h.start:h.end] for h in found] == ["按步就班"]
    preamble = next(s for s in doc.sections if s.role == "preamble")
    assert preamble.start <= found[0].start < found[0].end <= preamble.end


def test_user_wrong_words(ctx: ReviewContext) -> None:
    settings = Settings(words={"misspellings": ("落识=落实", "无效")})
    found = hits("抓工作落识不够。", ReviewContext(settings=settings))
    assert len(found) == 1 and "落实" in found[0].message


# ── context pairs ───────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("text", "span", "right"), [
    ("截止目前，已完成整改8项。", "截止", "截至"),
    ("截止2025年10月底，完成率71%。", "截止", "截至"),
    ("申报的截至日期为6月30日。", "截至", "截止"),
    ("必需坚持以人民为中心。", "必需", "必须"),
    ("为群众送去生活必须品。", "必须", "必需"),
    ("这是推进工作所必须的条件。", "必须", "必需"),
    ("防止权利寻租。", "权利", "权力"),
    ("树立正确的权利观。", "权利", "权力"),
    ("用好手中的权利。", "权利", "权力"),
    ("保障党员的民主权力。", "权力", "权利"),
    ("明确权力和义务。", "权力", "权利"),
    ("在重大问题上做出决定前征求意见不够。", "做出", "作出"),
    ("为全县发展做出了更大的贡献。", "做出", "作出"),
])
def test_context_pairs_fire(text: str, span: str, right: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert right in found[0].message and span in found[0].message
    assert span in found[0].hint and right in found[0].hint


@pytest.mark.parametrize("text", [
    "截至目前，已完成整改8项；报名截止日期为6月30日，报名于月底截止。",
    "必须坚持以人民为中心，保障生活必需品供应，这是所必需的。",
    "依法行使权力，保障群众的合法权利和民主权利，明确权利和义务。",
    "增强公民的权利观念。",
    "作出决定、作出部署、作出贡献，做出了一桌饭菜，做出成绩。",
])
def test_context_pairs_are_silent_where_right(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


# ── near-misses of formulations ─────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("text", "span", "right"), [
    ("牢固树立“四个意思”。", "四个意思", "四个意识"),
    ("坚持和发展中国特设社会主义。", "中国特设社会主义", "中国特色社会主义"),
    ("坚决做到两个唯护。", "两个唯护", "两个维护"),
    ("深刻领悟两个确利的决定性意义。", "两个确利", "两个确立"),
    ("学习习近平新时代中国特色社汇主意思想。", "习近平新时代中国特色社汇主意思想",
     "习近平新时代中国特色社会主义思想"),
    ("推动全面从严治挡向纵深发展。", "推动全面从严治挡向纵深发展", "推动全面从严治党向纵深发展"),
])
def test_near_misses_fire(text: str, span: str, right: str, ctx: ReviewContext) -> None:
    found = hits(text, ctx)
    assert [text[h.start:h.end] for h in found] == [span]
    assert f"应为“{right}”" in found[0].message and right in found[0].hint


@pytest.mark.parametrize("text", [
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。",
    "学习习近平新时代中国特色社会主义思想，坚持和发展中国特色社会主义。",
    "听取了四个意见，提出三个意识。",  # not a homophone; another number
    "增强四个议事能力。",  # two characters differ in a short formulation
    "学习党的二十届四中全会精神。",  # 四 and 三 do not sound alike
    "开展批评与自我批评，推进全面从严治军。",
])
def test_near_misses_are_silent_on_correct_or_unlike_text(text: str, ctx: ReviewContext) -> None:
    assert spans(text, ctx) == []


def test_near_misses_in_traditional_or_spaced_text(ctx: ReviewContext) -> None:
    assert spans("牢固樹立四個意思。", ctx) == ["四個意思"]
    assert spans("坚决做到两个唯 护。", ctx) == ["两个唯 护"]


def test_a_misquote_fixed_phrase_reports_is_left_to_it(ctx: ReviewContext) -> None:
    text = "学习习近平新时代中国特色社会主意思想。"
    assert spans(text, ctx) == []
    assert [text[h.start:h.end] for h in REGISTRY["fixed-phrase"].run(parse(text), ctx)] \
        == ["习近平新时代中国特色社会主意思想"]
    alone = ReviewContext(settings=Settings(disabled=frozenset({"fixed-phrase"})))
    assert spans(text, alone) == ["习近平新时代中国特色社会主意思想"]


def test_user_formulations_are_guarded(ctx: ReviewContext) -> None:
    settings = Settings(words={"formulations": ("全面推进乡村振兴",)})
    assert spans("全面推进相村振兴。", ReviewContext(settings=settings)) == ["全面推进相村振兴"]
    assert spans("全面推进相村振兴。", ctx) == []


# ── silent on every clean text we have ──────────────────────────────────────────────────────

def test_silent_on_the_bundled_samples(ctx: ReviewContext) -> None:
    folder = resources.files("duizhao") / "samples"
    texts = [p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".txt")]
    texts += [p.read_text(encoding="utf-8") for p in (folder / "batch").iterdir() if p.name.endswith(".txt")]
    assert texts
    assert [s for t in texts for s in spans(t, ctx)] == []


def test_silent_on_the_clean_test_material(ctx: ReviewContext) -> None:
    text = (ROOT / "tests" / "checks" / "clean_material.txt").read_text(encoding="utf-8")
    assert spans(text, ctx) == []


def test_silent_on_generated_materials(ctx: ReviewContext) -> None:
    assert [s for t in materials.generate(40, seed=11) for s in spans(t, ctx)] == []


def test_silent_on_the_paraphrase_pairs(ctx: ReviewContext) -> None:
    path = ROOT / "benchmarks" / "data" / "paraphrase_pairs.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert [s for r in rows for side in ("a", "b") for s in spans(r[side], ctx)] == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"种子材料目录不存在：{SEEDS}")
def test_silent_on_the_seeds(ctx: ReviewContext) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert texts and [s for t in texts for s in spans(t, ctx)] == []


def test_false_positive_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert misspelling_fp.main(["--count", "2", "--show", "0"]) == 0
    out = capsys.readouterr().out
    assert "合计 total" in out and "每万字" in out
