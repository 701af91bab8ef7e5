"""Any text gives ledger rows or a clear error, never an exception; every problem is a row."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.ledger import DraftOptions, draft_text
from duizhao.ledger.deadline import parse_deadline
from duizhao.ledger.rows import NO_PROBLEM_TEXT

MARKERS = ["一、存在的问题\n", "二、原因分析\n", "三、整改措施\n", "（一）", "（二）", "(三)", "一是", "二是",
           "三是", "1、", "2、", "1.", "第一，", "\n", "。", "；", "针对", "问题", "2026年3月底前", "一季度",
           "上半年", "年内", "长期坚持", "每季度", "2025年度民主生活会对照检查材料\n", "局长", "班子"]
CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12)
FRAGMENT = st.one_of(st.sampled_from(MARKERS), CJK, st.text(max_size=4))
MATERIAL = st.one_of(st.lists(FRAGMENT, max_size=60).map("".join), st.text(max_size=200))
OPTIONS = DraftOptions(today=date(2026, 12, 2))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(MATERIAL)
def test_any_text_gives_rows_or_a_clear_error(text: str) -> None:
    material, rows = draft_text(text, OPTIONS)
    if material.error:
        assert rows == [] and "存在的问题" in material.error
        return
    problems = [r for r in rows if r.problem != NO_PROBLEM_TEXT]
    assert len(problems) == material.problems
    assert [r.index for r in rows] == list(range(1, len(rows) + 1))
    assert all(0 <= (r.confidence or 0) <= 1 for r in rows)


@FAST
@given(MATERIAL)
def test_any_text_gives_a_deadline_or_none(text: str) -> None:
    label = parse_deadline(text, 2026).label()
    assert label in ("", "长期") or (len(label) == 10 and label[4] == "-")
