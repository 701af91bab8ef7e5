"""A team: members in order, the principal marked, posts, who oversees whom, the team's meetings;
for administrators, reviewers over it and its secretary."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World, key: str) -> str:
    return f"/teams/{world.teams[key].pk}/"


def test_secretary_sees_members_oversight_and_meetings(world: World,
                                                       as_user: AsUser) -> None:
    response = as_user("secretary_a").get(url(world, "a"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("王建国") < page.index("李明") < page.index("赵红")
    assert "王建国 <span class=\"principal\">主要负责人</span>" in page
    assert page.count('class="principal"') == 1
    li_row = page[page.index("李明"):page.index("赵红")]
    assert "党组成员、副主任" in li_row and "钱进（综合处处长）" in li_row
    assert f'href="/meetings/{world.meetings["a"].pk}/"' in page
    assert str(world.meetings["a"]) in page
    assert str(world.meetings["b"]) not in page
    assert f'href="/organisations/{world.organisations["a"].pk}/"' not in page


def test_admin_and_reviewers_over_it(world: World, as_user: AsUser) -> None:
    page = as_user("admin").get(url(world, "a")).content.decode()
    assert f'href="/organisations/{world.organisations["a"].pk}/">某市发展和改革委员会</a>' in page
    assert as_user("reviewer").get(url(world, "a")).status_code == 200
    assert as_user("reviewer_b").get(url(world, "b")).status_code == 200
    assert as_user("reviewer_b").get(url(world, "a")).status_code == 403


@pytest.mark.parametrize("login", ["secretary_b", "member_a1"])
def test_other_secretary_and_member_are_refused(world: World, as_user: AsUser,
                                                login: str) -> None:
    assert as_user(login).get(url(world, "a")).status_code == 403


def test_anonymous_is_sent_to_login(world: World, as_user: AsUser) -> None:
    response = as_user(None).get(url(world, "a"))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_missing_team_and_wrong_method(world: World, as_user: AsUser) -> None:
    client = as_user("admin")
    assert client.get("/teams/999999/").status_code == 404
    assert client.post(url(world, "a")).status_code == 405


def test_empty_team(world: World, as_user: AsUser) -> None:
    team = world.teams["a"]
    team.members.update(team=None)
    page = as_user("admin").get(url(world, "a")).content.decode()
    assert "班子还没有成员" in page
