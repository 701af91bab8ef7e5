"""Reviewers' comments on a span of a version's text."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.materials.models import Comment, Version
from web.materials_kit import REVIEW_A1, ROLES
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def version(world: World) -> Version:
    found = material_of(world, "A1").latest()
    assert found is not None
    return found


def url(world: World) -> str:
    return f"/materials/versions/{version(world).pk}/comment/"


@pytest.mark.parametrize("login", ROLES)
def test_who_may_comment(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).post(url(world), {"start": 40, "end": 60, "text": "请具体些"})
    assert response.status_code == (302 if login is None or login in REVIEW_A1 else 403)
    assert Comment.objects.exists() == (login in REVIEW_A1)


def test_comment_keeps_its_quote_and_shows_on_the_page(world: World, as_user: Login) -> None:
    client = as_user("reviewer")
    text = version(world).text
    start = text.index("存在的问题")
    response = client.post(url(world), {"start": start, "end": start + 5, "text": "标题请用规范表述"})
    comment = Comment.objects.get()
    assert (comment.quote, comment.author) == ("存在的问题", world.users["reviewer"])
    page = client.get(response["Location"]).content.decode()
    assert "审核意见已添加" in page and "标题请用规范表述" in page
    assert re.search(r'<mark id="p\d+" class="[^"]*\bcm\b[^"]*" data-start="\d+" data-f="[^"]*\bc0\b', page)


@pytest.mark.parametrize(("start", "end"), [(10, 5), (0, 10_000_000), (5, 5)])
def test_span_outside_the_text_is_refused(world: World, as_user: Login, start: int, end: int) -> None:
    response = as_user("secretary_a").post(url(world), {"start": start, "end": end, "text": "意见"})
    assert response.status_code == 400 and "所选范围" in response.content.decode()
    assert not Comment.objects.exists()


def test_negative_and_blank_fields_are_refused(world: World, as_user: Login) -> None:
    client = as_user("secretary_a")
    assert client.post(url(world), {"start": -1, "end": 5, "text": "意见"}).status_code == 400
    assert client.post(url(world), {"start": 1, "end": 5, "text": ""}).status_code == 400
    assert client.post(url(world), {"start": "a", "end": 5, "text": "x"}).status_code == 400
    assert not Comment.objects.exists()


def test_whitespace_only_span_is_refused(world: World, as_user: Login) -> None:
    text = version(world).text
    at = text.index("\n\n")
    response = as_user("secretary_a").post(url(world), {"start": at, "end": at + 2, "text": "意见"})
    assert response.status_code == 400 and not Comment.objects.exists()


def test_get_is_405_and_missing_version_404(world: World, as_user: Login) -> None:
    assert as_user("admin").get(url(world)).status_code == 405
    assert as_user("admin").post("/materials/versions/999999/comment/", {}).status_code == 404
