"""meeting-list: each role sees the meetings it may open; only managers get the create link."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]
URL = "/meetings/"


@pytest.mark.parametrize(("login", "sees_a", "sees_b"), [
    ("admin", True, True), ("reviewer", True, True), ("reviewer_b", False, True),
    ("secretary_a", True, False), ("secretary_b", False, True), ("member_a1", True, False),
    ("member_a2", True, False), ("member_b1", False, True)])
def test_each_role_sees_its_meetings(world: World, as_user: AsUser, login: str,
                                     sees_a: bool, sees_b: bool) -> None:
    response = as_user(login).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert (f"/meetings/{world.meetings['a'].pk}/" in page) is sees_a
    assert (f"/meetings/{world.meetings['b'].pk}/" in page) is sees_b


@pytest.mark.parametrize(("login", "can_create"), [("secretary_a", True), ("reviewer", True),
                                                   ("member_a1", False)])
def test_create_link_for_managers_only(world: World, as_user: AsUser, login: str,
                                       can_create: bool) -> None:
    assert ("/meetings/new/" in as_user(login).get(URL).content.decode()) is can_create


def test_anonymous_is_sent_to_login(world: World, as_user: AsUser) -> None:
    response = as_user(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_post_is_not_allowed(world: World, as_user: AsUser) -> None:
    assert as_user("admin").post(URL).status_code == 405
