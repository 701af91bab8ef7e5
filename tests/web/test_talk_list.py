"""talk-list: managers see every talk, add one, and the coverage matrix with the missing pairs;
a member sees only the talks they took part in, without the matrix."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.meetings.models import Talk
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World) -> str:
    return f"/meetings/{world.meetings['a'].pk}/talks/"


def talk(world: World, first: str, second: str) -> dict[str, object]:
    return {"first": world.people[first].pk, "second": world.people[second].pk, "date": "2026-11-01",
            "topics": "思想工作", "points": "谈了分管工作"}


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 200), ("member_a2", 200), ("member_b1", 403), (None, 302)])
def test_who_may_open(world: World, as_user: AsUser, login: str | None, status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_manager_sees_matrix_and_missing_pairs(world: World, as_user: AsUser) -> None:
    page = as_user("secretary_a").get(url(world)).content.decode()
    assert "必谈覆盖" in page and "未谈（3 / 4）" in page
    assert "王建国 ↔ 赵红" in page and "李明 ↔ 赵红" in page and "李明 ↔ 钱进" in page
    assert "王建国 ↔ 李明" not in page


def test_added_talk_covers_its_pair(world: World, as_user: AsUser) -> None:
    client = as_user("secretary_a")
    assert client.post(url(world), talk(world, "H", "A1")).status_code == 302
    page = client.get(url(world)).content.decode()
    assert "李明 ↔ 钱进" not in page and "未谈（2 / 4）" in page


def test_all_pairs_held(world: World, as_user: AsUser) -> None:
    client = as_user("admin")
    for a, b in (("A0", "A2"), ("A2", "A1"), ("A1", "H")):
        client.post(url(world), talk(world, a, b))
    assert "必谈的谈话都已记录" in client.get(url(world)).content.decode()


def test_talk_with_oneself_is_refused(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), talk(world, "A1", "A1"))
    assert response.status_code == 200 and "不能是同一人" in response.content.decode()


def test_person_of_another_team_is_refused(world: World, as_user: AsUser) -> None:
    before = Talk.objects.count()
    assert as_user("secretary_a").post(url(world), talk(world, "A1", "B1")).status_code == 200
    assert Talk.objects.count() == before


def test_member_sees_only_their_talks_and_no_matrix(world: World, as_user: AsUser) -> None:
    meeting = world.meetings["a"]
    Talk.objects.create(meeting=meeting, first=world.people["A0"], second=world.people["A2"],
                        date=datetime.date(2026, 11, 2), topics="只属于赵红的谈话")
    mine = as_user("member_a1").get(url(world)).content.decode()
    assert "王建国" in mine and "只属于赵红的谈话" not in mine and "必谈覆盖" not in mine
    assert "只属于赵红的谈话" in as_user("member_a2").get(url(world)).content.decode()


@pytest.mark.parametrize("login", ["member_a1", "secretary_b"])
def test_others_cannot_add(world: World, as_user: AsUser, login: str) -> None:
    before = Talk.objects.count()
    assert as_user(login).post(url(world), talk(world, "A1", "A2")).status_code == 403
    assert Talk.objects.count() == before


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").delete(url(world)).status_code == 405
