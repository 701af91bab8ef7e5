"""meeting-export: the meeting page as .xlsx (materials, shared text, aspects, talks, opinions),
for those who manage the meeting only."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from duizhao_web.meetings.models import Opinion
from duizhao_web.reviews.services import Upload, add_version
from web.world import World, material_of, sample

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World) -> str:
    return f"/meetings/{world.meetings['a'].pk}/export.xlsx"


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 403), ("member_a2", 403), ("member_b1", 403), (None, 302)])
def test_who_may_export(world: World, as_user: AsUser, login: str | None, status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_workbook_holds_the_meeting(world: World, as_user: AsUser) -> None:
    add_version(material_of(world, "A2"), Upload("抄.txt", text=sample("02_template_personal.txt")), None)
    Opinion.objects.create(meeting=world.meetings["a"], text="=1+1 不是公式", source="意见箱")
    response = as_user("secretary_a").get(url(world))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["材料", "雷同分组", "方面覆盖", "谈话", "意见"]
    materials = [row for row in book["材料"].iter_rows(values_only=True)]
    assert [r[0] for r in materials] == ["撰写人", "班子", "王建国", "李明", "赵红"]
    assert materials[3][2] == 1 and materials[1][3] == "未上传"
    assert len(list(book["雷同分组"].iter_rows())) > 1
    assert [r[0] for r in book["方面覆盖"].iter_rows(values_only=True)][1:] == world.meetings["a"].aspects
    talks = [r for r in book["谈话"].iter_rows(values_only=True)]
    pairs = {(r[0], r[1]) for r in talks}
    assert ("王建国", "李明") in pairs and ("李明", "赵红") in pairs and ("李明", "钱进") in pairs
    opinions = [r[2] for r in book["意见"].iter_rows(values_only=True)]
    assert "=1+1 不是公式" in opinions and "希望赵红同志多到基层调研。" in opinions


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").post(url(world)).status_code == 405
