"""The organisation tree: administrators see every root, a reviewer their organisation's subtree,
secretaries and members are refused."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]
URL = "/organisations/"


def names(page: str) -> list[str]:
    """The organisation names in tree order, each with its depth."""
    return re.findall(r'--depth: (\d+)">\s*<a href="/organisations/\d+/">([^<]+)</a>', page)


def test_admin_sees_every_organisation_indented_with_counts(world: World, as_user: AsUser) -> None:
    response = as_user("admin").get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert names(page) == [("0", "某市委"), ("1", "某市发展和改革委员会"), ("1", "某市财政局")]
    row = page[page.index("某市发展和改革委员会"):]
    assert re.match(r'某市发展和改革委员会</a></td>\s*<td class="n">1</td><td class="n">4</td>', row)
    assert "/people/import/" in page


def test_reviewer_sees_their_subtree_without_import(world: World, as_user: AsUser) -> None:
    page = as_user("reviewer").get(URL).content.decode()
    assert [name for _, name in names(page)] == ["某市委", "某市发展和改革委员会", "某市财政局"]
    assert "/people/import/" not in page


def test_reviewer_of_a_lower_organisation_sees_it_as_root(world: World,
                                                          as_user: AsUser) -> None:
    page = as_user("reviewer_b").get(URL).content.decode()
    assert names(page) == [("0", "某市财政局")]
    assert "某市委" not in page.split("<main", 1)[1]


@pytest.mark.parametrize("login", ["secretary_a", "member_a1"])
def test_secretary_and_member_are_refused(world: World, as_user: AsUser, login: str) -> None:
    assert as_user(login).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(world: World, as_user: AsUser) -> None:
    response = as_user(None).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_post_is_not_allowed(world: World, as_user: AsUser) -> None:
    assert as_user("admin").post(URL).status_code == 405


def test_names_are_escaped(world: World, as_user: AsUser) -> None:
    world.organisations["b"].name = "<b>财政</b>"
    world.organisations["b"].save()
    page = as_user("admin").get(URL).content.decode()
    assert "&lt;b&gt;财政&lt;/b&gt;" in page
    assert "<b>财政" not in page
