"""Two reviewed versions of a material: the text edits, and the findings fixed, new and kept."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao import versions
from duizhao.checks.registry import Finding, ReviewContext
from duizhao.config import load_settings
from duizhao.review import review_text
from duizhao.versions import Change, Edit

CTX = ReviewContext(settings=load_settings(None))


def sample(name: str) -> str:
    return (resources.files("duizhao") / "samples" / name).read_text(encoding="utf-8")


def reviewed(text: str) -> list[Finding]:
    return review_text(text, CTX).findings


def compared(old: str, new: str) -> tuple[Change, list[Finding], list[Finding]]:
    old_findings, new_findings = reviewed(old), reviewed(new)
    return versions.compare(old, old_findings, new, new_findings), old_findings, new_findings


def applied(old: str, new: str, edits: list[Edit]) -> str:
    out, at = [], 0
    for edit in edits:
        assert at <= edit.old_start <= edit.old_end and edit.kind in ("insert", "delete", "replace")
        out += [old[at:edit.old_start], new[edit.new_start:edit.new_end]]
        at = edit.old_end
    return "".join([*out, old[at:]])


@pytest.fixture(scope="module")
def template() -> str:
    return sample("02_template_personal.txt")


def test_identical_versions_change_nothing(template: str):
    change, old, _ = compared(template, template)
    assert change.edits == [] and change.fixed == [] and change.new == []
    assert change.kept == [(i, i) for i in range(len(old))]
    assert change.summary() == f"文字没有改动；解决了 0 个问题，新出现 0 个，仍有 {len(old)} 个"


def test_fixing_one_defect_fixes_exactly_that_finding(template: str):
    fixed = template.replace("学习的的系统性", "学习的系统性")
    change, old, new = compared(template, fixed)
    assert [old[i].check for i in change.fixed] == ["typo-repeat"]
    assert change.new == [] and len(change.kept) == len(old) - 1 == len(new)
    assert change.edits == [Edit("delete", template.index("的的"), template.index("的的") + 1,
                                 template.index("的的"), template.index("的的"))]
    assert change.summary() == f"修改了 1 处文字；解决了 1 个问题，新出现 0 个，仍有 {len(new)} 个"


def test_a_new_defect_is_new():
    clean = sample("01_clean_personal.txt")
    at = clean.index("\n", clean.index("一、")) + 20
    worse = clean[:at] + "的的" + clean[at:]
    change, old, new = compared(clean, worse)
    assert [new[j].check for j in change.new] == ["typo-repeat"]
    assert change.fixed == [] and len(change.kept) == len(old)


def test_of_repeated_defects_the_one_fixed_is_the_one_edited(template: str):
    first = template.index("有的同志")
    second = template.index("有的同志", first + 1)
    edited = template[:second] + "我" + template[second + 4:]
    change, old, _ = compared(template, edited)
    assert [(old[i].check, old[i].start) for i in change.fixed] == [("perspective-shift", second)]
    assert change.new == []


def test_editing_another_paragraph_keeps_every_finding_in_place(template: str):
    at = template.index("现将个人对照检查情况")
    added = "会前我还重读了去年的对照检查材料。"
    change, old, new = compared(template, template[:at] + added + template[at:])
    assert change.fixed == [] and change.new == [] and len(change.edits) == 1
    assert change.edits[0] == Edit("insert", at, at, at, at + len(added))
    assert all(old[i].start + (old[i].start >= at) * len(added) == new[j].start for i, j in change.kept)


def test_moving_a_paragraph_keeps_its_findings(template: str):
    lines = template.splitlines(keepends=True)
    moved = next(i for i, line in enumerate(lines) if line.startswith("三是艰苦奋斗"))
    reordered = [*lines[:moved - 2], lines[moved], *lines[moved - 2:moved], *lines[moved + 1:]]
    text = "".join(reordered)
    change, old, new = compared(template, text)
    kept = sorted(old[i].check for i, _ in change.kept if old[i].check != "numbering")
    assert sorted(f.check for f in old if f.check != "numbering") == kept
    assert all(text[new[j].start:new[j].end] == template[old[i].start:old[i].end] for i, j in change.kept
               if old[i].start < old[i].end)


def test_a_missing_section_added_is_fixed():
    without = ("2025年度青川县林业局局长个人对照检查材料\n一、存在的问题\n"
               "一是学习不够，全年只参加 3 次集中学习。\n三、整改措施\n一是2026年3月底前制定学习计划。\n")
    causes = "二、原因分析\n一是理想信念有所松懈。\n"
    at = without.index("三、")
    change, old, new = compared(without, without[:at] + causes + without[at:])
    missing = [i for i, f in enumerate(old) if f.start == f.end]
    assert missing and set(missing) <= set(change.fixed)
    assert all(new[j].start < new[j].end or new[j].message == old[i].message for i, j in change.kept)


def test_long_texts_compare():
    base = (sample("01_clean_personal.txt") * 2)[:20000]
    other = base.replace("的", "得").replace("\n\n", "\n")[:19000] + base[:1000][::-1]
    change = versions.compare(base, [], other, [])
    assert applied(base, other, change.edits) == other
    assert versions.compare(base, [], base[::-1], []).edits


def finding(check: str, start: int, end: int) -> Finding:
    return Finding(check, "warning", "问题", "改正。", start, end)


texts = st.text(alphabet="的学习不够\n 一二。", max_size=60)
spans = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.integers(-3, 65), st.integers(-3, 65)), max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts, texts, spans, spans)
def test_edits_rebuild_the_new_text_and_every_finding_is_counted_once(old: str, new: str,
                                                                      old_spans: list, new_spans: list):
    old_findings = [finding(*s) for s in old_spans]
    new_findings = [finding(*s) for s in new_spans]
    change = versions.compare(old, old_findings, new, new_findings)
    assert applied(old, new, change.edits) == new
    assert sorted(change.fixed + [i for i, _ in change.kept]) == list(range(len(old_findings)))
    assert sorted(change.new + [j for _, j in change.kept]) == list(range(len(new_findings)))
    assert (change.edits == []) == (old == new)
    assert change.summary().startswith(("修改了", "文字没有改动"))


SHORT = ("XXX同志个人对照检查材料\n一、存在的问题\n（一）在政治建设方面\n"
         "一是理论学习不够深入，学习笔记多是摘抄。\n二、原因分析\n理想信念有所松懈。\n三、整改措施\n加强理论学习。\n")


def test_a_problem_still_there_after_its_words_were_edited_is_kept():
    """The title edited (XXX → 李明) and a sentence added: the material is still too short, and the
    length finding on the title stays kept although its message and flagged words changed."""
    new_text = SHORT.replace("XXX", "李明").replace("加强理论学习。", "加强理论学习，每周读书一次。")
    change, old, new = compared(SHORT, new_text)
    assert "length" in {old[i].check for i, _ in change.kept}
    assert "length" not in {old[i].check for i in change.fixed} | {new[j].check for j in change.new}
    assert [old[i].check for i in change.fixed] == ["placeholder"]  # XXX really was fixed


def test_a_fixed_finding_is_not_paired_with_another_check_in_the_same_place():
    new_text = SHORT.replace("XXX", "李明")
    change, old, _ = compared(SHORT, new_text)
    assert [old[i].check for i in change.fixed] == ["placeholder"]
    assert change.new == []
