"""Deadlines read from measures: the table of forms, and the base year."""

from __future__ import annotations

from datetime import date

import pytest

from duizhao.ledger.deadline import base_year, parse_deadline

# (measure text, deadline label) with the base year 2026 (a 2025年度 material).
TABLE = [
    ("2026年3月底前制定学习计划", "2026-03-31"),
    ("2025年3月底前完成", "2025-03-31"),
    ("3月底前完成排查", "2026-03-31"),
    ("三月底前完成排查", "2026-03-31"),
    ("一季度完成回访", "2026-03-31"),
    ("第一季度完成回访", "2026-03-31"),
    ("2026年二季度开展专项检查", "2026-06-30"),
    ("第三季度末前完成", "2026-09-30"),
    ("上半年出台激励办法", "2026-06-30"),
    ("下半年完成验收", "2026-12-31"),
    ("年内补充教师30名", "2026-12-31"),
    ("年底前实现全覆盖", "2026-12-31"),
    ("2026年底前新增龙头企业3家", "2026-12-31"),
    ("2026年全年下乡调研不少于60天", "2026-12-31"),
    ("2026年8月15日前完成", "2026-08-15"),
    ("3月中旬前报送", "2026-03-20"),
    ("5月上旬前报送", "2026-05-10"),
    ("明年5月底前完成", "2026-05-31"),
    ("今年12月底前完成", "2025-12-31"),
    ("2026年2月底前修订规则", "2026-02-28"),
    ("2026年中心组专题研讨不少于8次", "2026-12-31"),
    ("长期坚持", "长期"),
    ("常态化开展执法回访", "长期"),
    ("持续加强学习", "长期"),
    ("2026年起每季度听取汇报1次", "长期"),
    ("每月自学不少于2次", "长期"),
    ("3月底前启动，6月底前完成", "2026-06-30"),
    ("2026年一季度起每季度开展1次培训", "长期"),
    ("认真抓好整改", ""),
    ("2026年汛期前完成", ""),
    ("比2025年压减20%", ""),
    ("两年内完成", ""),
    ("内容丰富、形式多样", ""),
]


@pytest.mark.parametrize(("text", "label"), TABLE)
def test_deadline_forms(text: str, label: str) -> None:
    assert parse_deadline(text, 2026).label() == label


def test_the_latest_date_of_a_measure_wins() -> None:
    found = parse_deadline("2026年1月底前建立清单；2026年6月底前完成。", 2026)
    assert found.due == date(2026, 6, 30)
    assert found.source == "2026年6月底前"


def test_base_year_follows_the_title_else_the_season() -> None:
    assert base_year(2025, date(2026, 12, 2)) == 2026
    assert base_year(None, date(2026, 12, 2)) == 2027
    assert base_year(None, date(2026, 4, 2)) == 2026
