"""opinion-import: an .xlsx of opinions imported all or nothing, every error listed with its row,
addressees resolved to the meeting's participants; managers only."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from duizhao_web.meetings.models import Opinion
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World) -> str:
    return f"/meetings/{world.meetings['a'].pk}/opinions/import/"


def xlsx(rows: list[list[str | None]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("意见.xlsx", out.getvalue())


GOOD = [["意见", "来源", "对象"], ["调研不够深入。", "座谈会", "李明"], ["班子统筹不够。", "问卷", "班子"],
        ["落实不到位。\n第二行。", "意见箱", None]]


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 403), ("member_a2", 403), ("member_b1", 403), (None, 302)])
def test_who_may_import(world: World, as_user: AsUser, login: str | None, status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_good_file_is_imported(world: World, as_user: AsUser) -> None:
    before = Opinion.objects.count()
    response = as_user("secretary_a").post(url(world), {"file": xlsx(GOOD)})
    assert response.status_code == 302 and Opinion.objects.count() == before + 3
    assert Opinion.objects.get(text="调研不够深入。").addressee == world.people["A1"]
    assert Opinion.objects.get(text="班子统筹不够。").addressee is None
    assert Opinion.objects.get(text="落实不到位。\n第二行。").source == "意见箱"


def test_any_error_imports_nothing_and_lists_every_row(world: World, as_user: AsUser) -> None:
    before = Opinion.objects.count()
    rows = [*GOOD, ["问题多。", "问卷", "周平"], [None, "问卷", "李明"], ["多调研。", "问卷", "查无此人"]]
    response = as_user("secretary_a").post(url(world), {"file": xlsx(rows)})
    page = response.content.decode()
    assert response.status_code == 200 and Opinion.objects.count() == before
    assert "第 5 行：“周平”不是本次会议的参会人员" in page
    assert "第 6 行" in page and "第 7 行：“查无此人”" in page
    assert page.index("第 5 行") < page.index("第 6 行") < page.index("第 7 行")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("意见.xls", b"abc", "请上传 .xlsx 文件"), ("意见.xlsx", b"not a workbook", "未导入")])
def test_unusable_file_is_refused_in_chinese(world: World, as_user: AsUser, name: str, data: bytes,
                                             message: str) -> None:
    response = as_user("secretary_a").post(url(world), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and message in response.content.decode()


def test_sheet_without_opinion_column_is_refused(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), {"file": xlsx([["姓名", "职务"], ["李明", "副主任"]])})
    assert response.status_code == 200 and "未导入" in response.content.decode()


def test_member_cannot_post(world: World, as_user: AsUser) -> None:
    assert as_user("member_a1").post(url(world), {"file": xlsx(GOOD)}).status_code == 403


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").delete(url(world)).status_code == 405
