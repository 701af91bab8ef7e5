import zipfile
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from duizhao.roster import Roster, RosterError, RosterRow, read_roster
from sheet_files import xlsx

HEADER = ["单位", "上级单位", "班子", "姓名", "职务", "主要负责人", "分管", "账号", "角色"]
CLEAN = [
    HEADER,
    ["甲县", "", "县委班子", "王一", "县委书记", "是", "", "wangyi", "管理员"],
    ["甲县", "", "县委班子", "李二", "副书记", "否", "张三、赵四", "lier", ""],
    ["甲县组织部", "甲县", "", "张三", "部长", "", "", "", "联络员"],
]


def messages(roster: Roster) -> list[str]:
    return [error.message for error in roster.errors]


def test_clean_roster() -> None:
    roster = read_roster(xlsx(CLEAN))
    assert roster.ok
    assert roster.rows[0] == RosterRow(2, "甲县", "", "县委班子", "王一", "县委书记", True, (), "wangyi",
                                       "admin")
    assert roster.rows[1].oversees == ("张三", "赵四")
    assert roster.rows[1].role == "member"
    assert (roster.rows[2].parent, roster.rows[2].team, roster.rows[2].role) == ("甲县", "", "secretary")


def test_dirty_roster_title_blank_rows_spaces_aliases_numbers() -> None:
    rows = [
        ["2025年度领导班子名册"],
        [],
        ["序号", " 组织名称 ", "姓　名*", "职位", "是否主要负责人", "分管部门负责人", "登录名", "备注"],
        [1, "甲县\u3000财政局", "王\u3000五", "局长\xa0", "√", "孙六，周七;吴八", 13800000000, ""],
        [],
        [None, None, None],
        ["2", "甲县财政局", "孙\u200b六", "副局长", 0, "", "13900000000", ""],
        [3, "甲县财政局", "周七", "科长", True, "", "", ""],
    ]
    roster = read_roster(xlsx(rows, start=2))
    assert roster.ok, messages(roster)
    first, second, third = roster.rows
    assert (first.row, first.organisation, first.name, first.post) == (5, "甲县财政局", "王五", "局长")
    assert first.principal and first.oversees == ("孙六", "周七", "吴八")
    assert first.login == "13800000000"
    assert (second.row, second.name, second.principal, second.login) == (8, "孙六", False, "13900000000")
    assert third.principal


def test_header_on_a_later_sheet() -> None:
    roster = read_roster(xlsx(CLEAN, sheets_before=1))
    assert len(roster.rows) == 3


def test_merged_organisation_and_team_cells() -> None:
    rows = [["单位", "班子", "姓名"], ["乙镇", "镇党委", "甲"], [None, None, "乙"], [None, None, "丙"],
            ["丙镇", None, "丁"]]
    roster = read_roster(xlsx(rows, merges=["A2:A4", "B2:B4"]))
    assert roster.ok
    assert [(r.organisation, r.team) for r in roster.rows] == [("乙镇", "镇党委")] * 3 + [("丙镇", "")]


def test_empty_cell_outside_a_merge_stays_empty() -> None:
    roster = read_roster(xlsx([["单位", "姓名"], ["乙镇", "甲"], [None, "乙"]]))
    assert messages(roster) == ["第 3 行：缺少单位"]


def test_every_row_error_is_listed_with_its_row() -> None:
    rows = [
        HEADER,
        ["甲县", "", "", "", "书记", "", "", "", ""],
        ["", "", "", "王一", "", "", "", "", ""],
        ["甲县", "", "", "王二", "", "也许", "", "", "领导"],
        ["甲县", "", "", "王三", "书记", "", "", "w3", ""],
        ["甲县", "", "", "王四", "", "", "", "W3", ""],
        ["甲县", "", "", "王三", "县长", "", "", "w3", ""],
    ]
    assert messages(read_roster(xlsx(rows))) == [
        "第 2 行：缺少姓名",
        "第 3 行：缺少单位",
        "第 4 行：「主要负责人」填的是「也许」，应填 是 或 否（也可填 1/0、√）",
        "第 4 行：角色「领导」无法识别，应为 管理员、审核人、联络员 或 成员",
        "第 6 行：账号「W3」已在第 5 行用于「王三」，一个账号只能属于一个人",
        "第 7 行：「甲县」的「王三」在第 5 行的职务是「书记」，这里是「县长」，请统一",
    ]


def test_same_person_twice_with_same_post_or_two_units_is_fine() -> None:
    rows = [HEADER, ["甲县", "", "县委班子", "王一", "书记", "是", "", "w1", ""],
            ["甲县", "", "县委常委", "王一", "书记", "", "", "w1", ""],
            ["乙县", "", "", "王一", "顾问", "", "", "w1", ""]]
    assert read_roster(xlsx(rows)).ok


def test_parent_cycle_and_two_parents() -> None:
    rows = [["单位", "上级单位", "姓名"], ["甲", "乙", "一"], ["丙", "丁", "二"], ["乙", "甲", "三"],
            ["丙", "戊", "四"], ["己", "己", "五"]]
    assert messages(read_roster(xlsx(rows))) == [
        "第 2、4 行：上级单位形成循环（甲 → 乙 → 甲），请改正",
        "第 5 行：「丙」的上级单位在第 3 行是「丁」，这里是「戊」，一个单位只能有一个上级",
        "第 6 行：上级单位形成循环（己 → 己），请改正",
    ]


def test_a_tree_is_no_cycle() -> None:
    rows = [["单位", "上级单位", "姓名"], ["市", "", "一"], ["县", "市", "二"], ["镇", "县", "三"],
            ["乡", "县", "四"]]
    assert read_roster(xlsx(rows)).ok


def formula_roster(*, cached: bool) -> bytes:
    data = xlsx([["单位", "姓名", "职务"], ["甲县", "王一", '=B2&"-"&A2'], ["甲县", "王二", "=1/0"]])
    if not cached:
        return data
    with zipfile.ZipFile(BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace('A2</f><v></v>', "A2</f><v>县长</v>")
    sheet = sheet.replace("<f>1/0</f><v></v>", "<f>1/0</f><v>#DIV/0!</v>").replace(
        '<c r="C2"', '<c r="C2" t="str"').replace('<c r="C3"', '<c r="C3" t="e"')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


def test_formula_without_cached_value_is_a_row_error() -> None:
    roster = read_roster(formula_roster(cached=False))
    assert len(roster.errors) == 2
    assert roster.errors[0].message.startswith('第 2 行：「职务」单元格是公式（=B2&"-"&A2）'
                                               "但没有保存计算结果")


def test_formula_takes_its_cached_value_and_error_values_are_errors() -> None:
    roster = read_roster(formula_roster(cached=True))
    assert roster.rows[0].post == "县长"
    assert messages(roster) == ["第 3 行：「职务」单元格为错误值 #DIV/0!，请改正公式或改填文字"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"", "不是有效的 Excel"),
    (b"hello", "不是有效的 Excel"),
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "旧版 Excel"),
    (b"\xd0\xcf\x11\xe0" + "EncryptedPackage".encode("utf-16-le"), "已加密"),
])
def test_unusable_files(data: bytes, expected: str) -> None:
    with pytest.raises(RosterError, match=expected):
        read_roster(data)


def zipped(parts: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


def test_a_zip_that_is_not_a_workbook() -> None:
    with pytest.raises(RosterError, match="不是有效的 Excel"):
        read_roster(zipped({"word/document.xml": b"<w/>"}))
    with pytest.raises(RosterError, match="不是有效的 Excel"):
        read_roster(zipped({"xl/workbook.xml": b"<not-a-workbook"}))


def test_no_header() -> None:
    with pytest.raises(RosterError, match=r"找不到名册的表头.*「单位」、「姓名」"):
        read_roster(xlsx([["姓名", "职务"], ["王一", "书记"]]))
    with pytest.raises(RosterError, match="找不到"):
        read_roster(xlsx([[]] * 30 + [HEADER], start=1))


def test_too_many_rows() -> None:
    rows = [["单位", "姓名"]] + [["甲县", f"人{i}"] for i in range(30)]
    assert len(read_roster(xlsx(rows), max_rows=30).rows) == 30
    with pytest.raises(RosterError, match="名册超过 29 行"):
        read_roster(xlsx(rows), max_rows=29)


def test_too_many_blank_rows() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["单位", "姓名"])
    ws.cell(500, 1, "甲县")
    ws.cell(500, 2, "王一")
    out = BytesIO()
    wb.save(out)
    assert len(read_roster(out.getvalue()).rows) == 1
    with pytest.raises(RosterError, match="行数过多"):
        read_roster(out.getvalue(), max_rows=10)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_roster_or_a_roster_error(data: bytes) -> None:
    try:
        assert isinstance(read_roster(data), Roster)
    except RosterError as exc:
        assert str(exc)


GOOD = xlsx(CLEAN)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(GOOD) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_workbooks_give_a_roster_or_a_roster_error(changes: list[tuple[int, int]]) -> None:
    data = bytearray(GOOD)
    for at, byte in changes:
        data[at] = byte
    try:
        assert isinstance(read_roster(bytes(data)), Roster)
    except RosterError as exc:
        assert str(exc)


def test_a_package_that_unpacks_too_large() -> None:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("xl/sharedStrings.xml", b"\0" * (101 * 1024 * 1024))
    with pytest.raises(RosterError, match="超过 100 MB"):
        read_roster(out.getvalue())
