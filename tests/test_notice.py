"""Aspects from a meeting notice, as notices are written, and aspects list files.

Each ``tests/notices/NAME.txt`` is a notice written for this project; ``NAME.aspects`` beside
it lists the aspects it must give, one per line (empty: the notice sets none).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.checks.registry import ReviewContext
from duizhao.cli import main
from duizhao.config import Settings
from duizhao.notice import aspects_from_list, aspects_from_notice, load_aspects, read_list, read_notice
from duizhao.reading import UnreadableDocument
from duizhao.review import review_text
from test_reading_docx import add_list, numbered, restart

NOTICES = Path(__file__).parent / "notices"
SAMPLES = resources.files("duizhao") / "samples"
LAYOUTS = sorted(p.stem for p in NOTICES.glob("*.txt"))
PREPARATIONS = ("学习研讨", "征求意见", "谈心谈话", "撰写", "材料", "报送", "会议时间")


def expected(name: str) -> tuple[str, ...]:
    return aspects_from_list((NOTICES / f"{name}.aspects").read_text(encoding="utf-8"))


def notice_text(name: str) -> str:
    return (NOTICES / f"{name}.txt").read_text(encoding="utf-8")


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", LAYOUTS)
def test_each_layout_gives_its_aspects(name: str) -> None:
    assert aspects_from_notice(notice_text(name)) == expected(name)


def test_there_are_enough_layouts() -> None:
    assert len(LAYOUTS) >= 10 and all((NOTICES / f"{name}.aspects").is_file() for name in LAYOUTS)


@pytest.mark.parametrize("name", LAYOUTS)
def test_no_preparation_step_is_taken_as_an_aspect(name: str) -> None:
    for aspect in aspects_from_notice(notice_text(name)):
        assert not any(word in aspect for word in PREPARATIONS), aspect


def test_two_lists_numbered_alike_give_only_the_aspects() -> None:
    """The defect: （一）… under 对照检查 and （一）… again under 会前准备 were merged."""
    aspects = aspects_from_notice(notice_text("two_lists_county"))
    assert len(aspects) == 4 and aspects[0] == "在深化理论武装方面"


def test_theme_sentence_is_never_an_aspect() -> None:
    text = ("一、会议主题和重点内容\n对照检查重点：一是以“学思想、强党性、建新功”为主题开展对照检查；"
            "二是在理论学习方面；三是在担当作为方面；四是在廉洁自律方面。\n")
    assert aspects_from_notice(text) == ("在理论学习方面", "在担当作为方面", "在廉洁自律方面")
    for name in LAYOUTS:
        assert not any("主题" in aspect for aspect in aspects_from_notice(notice_text(name)))


def test_inline_aspects_after_a_colon_on_their_own_lines_without_labels() -> None:
    text = ("二、对照检查内容\n重点对照以下方面：\n带头坚定理想信念。重点查摆……\n带头担当作为。重点查摆……\n\n"
            "三、会议要求\n会前要开展谈心谈话。\n")
    assert aspects_from_notice(text) == ("带头坚定理想信念", "带头担当作为")


def test_requirements_and_schedule_lists_are_never_taken_even_alone() -> None:
    text = ("一、会议要求\n（一）加强组织领导。\n（二）严肃会议纪律。\n"
            "二、时间安排\n1. 12月20日前报送方案。\n2. 12月底前召开会议。\n")
    assert aspects_from_notice(text) == ()


def test_the_bundled_sample_notice_gives_its_five_aspects() -> None:
    assert len(aspects_from_notice(sample("notice.txt"))) == 5


def test_clean_material_is_covered_when_the_second_list_is_numbered_like_the_first() -> None:
    """The sample notice with its requirements renumbered （一）（二）… as county notices write them."""
    def chinese(match: re.Match[str]) -> str:
        return f"（{'一二三四五'[int(match.group(1)) - 1]}）"

    renumbered = re.sub(r"^(\d)\. ", chinese, sample("notice.txt"), flags=re.M)
    assert renumbered.count("（一）") == 2
    aspects = aspects_from_notice(renumbered)
    assert aspects == aspects_from_notice(sample("notice.txt"))
    ctx = ReviewContext(settings=Settings(), aspects=aspects)
    reviewed = review_text(sample("01_clean_personal.txt"), ctx)
    assert [f.message for f in reviewed.findings if f.check == "aspect-not-covered"] == []


def auto_numbered_notice(path: Path, restarted: bool) -> None:
    """A notice as Word writes it: parts 一、二、三、 and their （一）（二） from one multi-level list,
    the second （一） restarted by the level above or (``restarted``) by a list that restarts it."""
    document = docx.Document()
    document.add_paragraph("关于召开2025年度县直机关领导班子民主生活会的通知")
    document.add_paragraph("县直各部门党组（党委）：")
    num = add_list(document, [("chineseCounting", "%1、", 1), ("chineseCounting", "（%2）", 1)])
    numbered(document, "会议主题", num)
    document.add_paragraph("以“担当实干、争先进位”为主题。")
    numbered(document, "对照检查内容", num)
    for aspect in ("在政治建设方面。重点查摆……", "在担当作为方面。重点查摆……", "在作风建设方面。重点查摆……"):
        numbered(document, aspect, num, ilvl=1)
    numbered(document, "会前准备", num)
    steps = restart(document, num, ilvl=1) if restarted else num
    for step in ("开展学习研讨。", "征求意见建议。", "开展谈心谈话。", "撰写对照检查材料。"):
        numbered(document, step, steps, ilvl=1)
    document.save(path)


@pytest.mark.parametrize("restarted", [False, True])
def test_docx_with_word_numbering(tmp_path: Path, restarted: bool) -> None:
    auto_numbered_notice(tmp_path / "notice.docx", restarted)
    text = read_notice(tmp_path / "notice.docx")
    assert "二、对照检查内容\n（一）在政治建设方面" in text and "三、会前准备\n（一）开展学习研讨" in text
    assert load_aspects(tmp_path / "notice.docx", from_notice=True) == (
        "在政治建设方面", "在担当作为方面", "在作风建设方面")


def test_aspects_list_file_of_any_extension_and_encoding(tmp_path: Path) -> None:
    listing = "# 今年的方面\n1. 在政治建设方面\n在担当作为方面\n"
    for name, data in (("a.aspects", listing.encode("utf-8")), ("b", listing.encode("gbk")),
                       ("c.list", "\ufeff".encode() + listing.encode("utf-8")),
                       ("d.txt", listing.encode("gb18030"))):
        (tmp_path / name).write_bytes(data)
        assert load_aspects(tmp_path / name, from_notice=False) == ("在政治建设方面", "在担当作为方面"), name


def test_aspects_list_as_a_docx(tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("在政治建设方面", "在担当作为方面"):
        document.add_paragraph(line)
    document.save(tmp_path / "aspects.docx")
    assert load_aspects(tmp_path / "aspects.docx", from_notice=False) == ("在政治建设方面", "在担当作为方面")


def test_binary_list_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "x.aspects").write_bytes(b"\x00\x01PK" * 10)
    with pytest.raises(UnreadableDocument, match="不是文本文件"):
        read_list(tmp_path / "x.aspects")


def test_list_file_drops_numbering_and_blank_lines() -> None:
    listing = "1. 政治建设\n\n（二）担当作为\n# 注释\n纠治四风\n"
    assert aspects_from_list(listing) == ("政治建设", "担当作为", "纠治四风")


def test_notice_without_enumeration_gives_nothing() -> None:
    assert aspects_from_notice("请各单位认真准备。") == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["一、", "（一）", "1.", "一是", "：", "；", "。", "\n", "带头", "在", "方面",
                                 "对照检查", "会前准备", "为主题", "三个方面", "、", "，", "第一部分"])
                | st.text(max_size=12), max_size=40).map("".join) | st.text(max_size=300))
def test_any_text_gives_a_tuple_of_aspects(text: str) -> None:
    aspects = aspects_from_notice(text)
    assert isinstance(aspects, tuple) and all(isinstance(a, str) and a.strip() for a in aspects)


# The command line: duizhao aspects NOTICE [-o FILE], and the round trip through review --aspects.

def test_aspects_command_prints_one_per_line() -> None:
    result = run("aspects", str(NOTICES / "two_lists_county.txt"))
    assert result.exit_code == 0
    assert tuple(result.stdout_bytes.decode("utf-8").splitlines()) == expected("two_lists_county")


def test_aspects_command_writes_a_file_that_review_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "今年.aspects"
    notice = NOTICES / "two_lists_county.txt"
    result = run("aspects", str(notice), "-o", str(out))
    assert result.exit_code == 0 and "4 个方面" in result.stderr
    assert load_aspects(out, from_notice=False) == load_aspects(notice, from_notice=True)
    material = tmp_path / "m.txt"
    material.write_text(sample("01_clean_personal.txt"), encoding="utf-8")
    as_json = ("--format", "json", "--fail-on", "never")
    by_list = run("review", str(material), "--aspects", str(out), *as_json)
    by_notice = run("review", str(material), "--notice", str(notice), *as_json)
    assert by_list.exit_code == by_notice.exit_code == 0 and "aspect-not-covered" in by_list.stdout
    assert by_list.stdout == by_notice.stdout


def test_aspects_command_explains_a_notice_without_aspects() -> None:
    result = run("aspects", str(NOTICES / "no_aspects.txt"))
    assert result.exit_code == 2
    assert "没能从通知" in result.stderr and "--aspects" in result.stderr and "对照检查内容" in result.stderr


def test_review_explains_a_notice_without_aspects(tmp_path: Path) -> None:
    material = tmp_path / "m.txt"
    material.write_text(sample("01_clean_personal.txt"), encoding="utf-8")
    result = run("review", str(material), "--notice", str(NOTICES / "no_aspects.txt"))
    assert result.exit_code == 2 and "--aspects" in result.stderr


def test_aspects_help_states_the_rules() -> None:
    result = run("aspects", "--help")
    unwrapped = "".join(result.stdout.split())
    assert result.exit_code == 0 and "会前准备" in unwrapped and "--aspects" in unwrapped
