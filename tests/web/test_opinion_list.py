"""opinion-list: managers see every opinion and add one; a member sees exactly those addressed to
them and to the team, unedited and read-only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.meetings.models import Opinion
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World) -> str:
    return f"/meetings/{world.meetings['a'].pk}/opinions/"


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 200), ("member_a2", 200), ("member_b1", 403), (None, 302)])
def test_who_may_open(world: World, as_user: AsUser, login: str | None, status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_manager_sees_all_and_a_form(world: World, as_user: AsUser) -> None:
    page = as_user("secretary_a").get(url(world)).content.decode()
    for name in ("王建国", "李明", "赵红"):
        assert f"希望{name}同志多到基层调研。" in page
    assert "班子抓落实的办法不多。" in page and "csrfmiddlewaretoken" in page and "班子（整体）" in page


def test_member_sees_exactly_theirs_and_the_teams(world: World, as_user: AsUser) -> None:
    page = as_user("member_a1").get(url(world)).content.decode()
    assert "希望李明同志多到基层调研。" in page and "班子抓落实的办法不多。" in page
    assert "希望赵红同志" not in page and "希望王建国同志" not in page
    assert "<form" not in page.split("<main", 1)[1]


def test_opinion_shown_unedited(world: World, as_user: AsUser) -> None:
    text = "第一行<b>不加粗</b>\n  第二行　全角空格"
    Opinion.objects.create(meeting=world.meetings["a"], text=text, addressee=world.people["A1"])
    page = as_user("member_a1").get(url(world)).content.decode()
    assert "第一行&lt;b&gt;不加粗&lt;/b&gt;\n  第二行　全角空格" in page


def test_manager_adds_an_opinion(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), {"text": "会议准备不充分。", "source": "谈话",
                                                        "addressee": world.people["A2"].pk})
    assert response.status_code == 302
    assert Opinion.objects.filter(text="会议准备不充分。", addressee=world.people["A2"]).exists()


def test_team_opinion_has_no_addressee(world: World, as_user: AsUser) -> None:
    as_user("reviewer").post(url(world), {"text": "班子调研少。", "source": "", "addressee": ""})
    assert Opinion.objects.get(text="班子调研少。").addressee is None


def test_addressee_outside_the_meeting_is_refused(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), {"text": "x", "addressee": world.people["B1"].pk})
    assert response.status_code == 200 and not Opinion.objects.filter(text="x").exists()


def test_blank_opinion_is_refused(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), {"text": "   ", "addressee": ""})
    assert response.status_code == 200 and "意见内容" in response.content.decode()


@pytest.mark.parametrize("login", ["member_a1", "secretary_b", "member_b1"])
def test_others_cannot_add(world: World, as_user: AsUser, login: str) -> None:
    assert as_user(login).post(url(world), {"text": "y", "addressee": ""}).status_code == 403
    assert not Opinion.objects.filter(text="y").exists()


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").delete(url(world)).status_code == 405
