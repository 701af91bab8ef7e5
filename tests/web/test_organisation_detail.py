"""An organisation: its teams, people with posts and sub-organisations, for those who oversee it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World, key: str) -> str:
    return f"/organisations/{world.organisations[key].pk}/"


def test_admin_sees_teams_people_posts_and_parent(world: World, as_user: AsUser) -> None:
    response = as_user("admin").get(url(world, "a"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/teams/{world.teams["a"].pk}/">市发展改革委领导班子</a>' in page
    assert "王建国 <span class=\"principal\">主要负责人</span>" in page
    for person in ("党组成员、副主任", "综合处处长", "钱进"):
        assert person in page
    assert page.index("王建国") < page.index("李明")
    assert f'href="/organisations/{world.organisations["city"].pk}/">某市委</a>' in page
    assert "没有下级单位" in page


def test_reviewer_sees_sub_organisations(world: World, as_user: AsUser) -> None:
    page = as_user("reviewer").get(url(world, "city")).content.decode()
    for key in ("a", "b"):
        org = world.organisations[key]
        assert f'href="/organisations/{org.pk}/">{org.name}</a>' in page
    assert "本单位没有班子" in page


def test_reviewer_of_a_lower_organisation(world: World, as_user: AsUser) -> None:
    client = as_user("reviewer_b")
    page = client.get(url(world, "b")).content.decode()
    assert "孙立" in page
    assert "某市委" in page
    assert f'href="/organisations/{world.organisations["city"].pk}/"' not in page
    assert client.get(url(world, "a")).status_code == 403
    assert client.get(url(world, "city")).status_code == 403


@pytest.mark.parametrize("login", ["secretary_a", "member_a1"])
def test_secretary_and_member_are_refused(world: World, as_user: AsUser, login: str) -> None:
    assert as_user(login).get(url(world, "a")).status_code == 403


def test_anonymous_is_sent_to_login(world: World, as_user: AsUser) -> None:
    response = as_user(None).get(url(world, "a"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_missing_organisation_and_wrong_method(world: World, as_user: AsUser) -> None:
    client = as_user("admin")
    assert client.get("/organisations/999999/").status_code == 404
    assert client.post(url(world, "a")).status_code == 405
