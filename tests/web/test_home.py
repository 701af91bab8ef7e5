"""The start page: login required; each role sees the meetings it may open."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from web.world import World

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(as_user: Callable[[str | None], Client]) -> None:
    response = as_user(None).get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_secretary_sees_own_team_meeting_only(world: World, as_user: Callable[[str | None], Client]) -> None:
    page = as_user("secretary_a").get("/").content.decode()
    assert str(world.meetings["a"]) in page
    assert str(world.meetings["b"]) not in page


def test_member_sees_own_material(world: World, as_user: Callable[[str | None], Client]) -> None:
    page = as_user("member_a1").get("/").content.decode()
    assert "我的对照检查材料" in page
    assert str(world.meetings["b"]) not in page


def test_login_page_is_public_and_has_csrf(as_user: Callable[[str | None], Client]) -> None:
    page = as_user(None).get("/login/").content.decode()
    assert "csrfmiddlewaretoken" in page
