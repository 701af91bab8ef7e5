import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.opinions import OpinionRow, RosterError, read_opinions
from sheet_files import xlsx


def test_opinions_with_source_and_addressee() -> None:
    rows = [["意见", "来源", "对象"],
            ["调研不够深入，\n基层去得少", "座谈会", "王　一"],
            ["会议偏多", "问卷", "领导班子"],
            ["文件多", "", ""],
            ["对班子整体：落实不够", "意见箱", "班子"]]
    opinions, errors = read_opinions(xlsx(rows))
    assert errors == []
    assert opinions == [OpinionRow(2, "调研不够深入，\n基层去得少", "座谈会", "王一"),
                        OpinionRow(3, "会议偏多", "问卷", ""), OpinionRow(4, "文件多", "", ""),
                        OpinionRow(5, "对班子整体：落实不够", "意见箱", "")]


def test_dirty_sheet_with_title_aliases_and_blank_rows() -> None:
    rows = [["征求意见汇总表"], ["序号", "意见内容（原文）", "意见来源", "针对"], [],
            [1, "  有的工作\u200b部署多、落实少\u3000", "谈心谈话", "李二"], [None, None, None]]
    opinions, errors = read_opinions(xlsx(rows, start=3))
    assert errors == []
    assert opinions == [OpinionRow(6, "有的工作部署多、落实少", "谈心谈话", "李二")]


def test_row_without_text_is_an_error() -> None:
    rows = [["内容", "来源"], ["意见一", ""], ["", "问卷"], ["意见三", ""]]
    opinions, errors = read_opinions(xlsx(rows))
    assert [o.row for o in opinions] == [2, 4]
    assert [e.message for e in errors] == ["第 3 行：缺少意见内容"]


def test_no_header_or_not_a_workbook() -> None:
    with pytest.raises(RosterError, match=r"找不到意见表的表头.*「意见」"):
        read_opinions(xlsx([["姓名", "职务"]]))
    with pytest.raises(RosterError, match="不是有效的 Excel"):
        read_opinions(b"PK\x03\x04 broken")


def test_too_many_opinions() -> None:
    rows = [["意见"]] + [[f"意见{i}"] for i in range(6)]
    with pytest.raises(RosterError, match="意见表超过 5 行"):
        read_opinions(xlsx(rows), max_rows=5)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1000))
def test_arbitrary_bytes(data: bytes) -> None:
    try:
        opinions, errors = read_opinions(data)
    except RosterError as exc:
        assert str(exc)
    else:
        assert isinstance(opinions, list) and isinstance(errors, list)
