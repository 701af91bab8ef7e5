"""The permission walk: every URL pattern × every role (and anonymous) × objects of one's own
team and of another → allowed or forbidden, as the rules below say. A URL without a rule fails.

*Allowed* is any answer but 403/404 and a redirect to the login page (a POST with empty data may
answer with its form again or a redirect); *forbidden* is 403 or 404. Anonymous requests are sent
to the login page everywhere but the login page itself.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from web.world import World, material_of

pytestmark = pytest.mark.django_db

ROLES = ("admin", "reviewer", "reviewer_b", "secretary_a", "secretary_b", "member_a1", "member_a2",
         "member_b1")
EVERYONE = frozenset(ROLES)
MANAGE_A = frozenset({"admin", "reviewer", "secretary_a"})
MANAGE_B = frozenset({"admin", "reviewer", "reviewer_b", "secretary_b"})
SEE_A = MANAGE_A | {"member_a1", "member_a2"}
SEE_B = MANAGE_B | {"member_b1"}
OVERSEE_A = frozenset({"admin", "reviewer"})
OVERSEE_B = frozenset({"admin", "reviewer", "reviewer_b"})

Target = Callable[[World], dict[str, Any]]


def meeting(key: str) -> Target:
    return lambda w: {"pk": w.meetings[key].pk}


def material(person: str) -> Target:
    return lambda w: {"pk": material_of(w, person).pk}


def team_material(key: str) -> Target:
    return lambda w: {"pk": w.materials[f"{key}-team"].pk}


def version_number(person: str) -> Target:
    return lambda w: {"pk": material_of(w, person).pk, "number": 1}


def version(person: str) -> Target:
    return lambda w: {"pk": material_of(w, person).versions.get(number=1).pk}


@dataclass(frozen=True)
class Rule:
    method: str
    cases: tuple[tuple[Target | None, frozenset[str]], ...]  # (the URL's kwargs, who may)


def only(who: frozenset[str], method: str = "GET") -> Rule:
    return Rule(method, ((None, who),))


def per(method: str, *cases: tuple[Target, frozenset[str]]) -> Rule:
    return Rule(method, cases)


RULES: dict[str, Rule] = {
    "home": only(EVERYONE),
    "login": only(EVERYONE),
    "admin:index": only(frozenset({"admin"})),
    "organisation-list": only(frozenset({"admin", "reviewer", "reviewer_b"})),
    "organisation-detail": per("GET", (lambda w: {"pk": w.organisations["a"].pk}, OVERSEE_A),
                               (lambda w: {"pk": w.organisations["b"].pk}, OVERSEE_B)),
    "team-detail": per("GET", (lambda w: {"pk": w.teams["a"].pk}, MANAGE_A),
                       (lambda w: {"pk": w.teams["b"].pk}, MANAGE_B)),
    "roster-import": only(frozenset({"admin"})),
    "meeting-list": only(EVERYONE),
    "meeting-create": only(frozenset({"admin", "reviewer", "reviewer_b", "secretary_a", "secretary_b"})),
    "meeting-detail": per("GET", (meeting("a"), SEE_A), (meeting("b"), SEE_B)),
    "meeting-edit": per("GET", (meeting("a"), MANAGE_A), (meeting("b"), MANAGE_B)),
    "meeting-export": per("GET", (meeting("a"), MANAGE_A), (meeting("b"), MANAGE_B)),
    "opinion-list": per("GET", (meeting("a"), SEE_A), (meeting("b"), SEE_B)),
    "opinion-import": per("GET", (meeting("a"), MANAGE_A), (meeting("b"), MANAGE_B)),
    "talk-list": per("GET", (meeting("a"), SEE_A), (meeting("b"), SEE_B)),
    # reviewer_b is let in but sees only 财政局's meetings (test_meeting_compare)
    "meeting-compare": per("GET", (lambda w: {"year": w.meetings["a"].year}, OVERSEE_B)),
    "material-detail": per("GET", (material("A1"), MANAGE_A | {"member_a1"}),
                           (material("B1"), MANAGE_B | {"member_b1"}),
                           (team_material("a"), SEE_A)),
    "version-detail": per("GET", (version_number("A1"), MANAGE_A | {"member_a1"}),
                          (version_number("B1"), MANAGE_B | {"member_b1"})),
    "material-upload": per("GET", (material("A1"), MANAGE_A | {"member_a1"}),
                           (material("B1"), MANAGE_B | {"member_b1"}),
                           (team_material("a"), MANAGE_A)),
    "material-status": per("POST", (material("A1"), MANAGE_A | {"member_a1"}),
                           (material("B1"), MANAGE_B | {"member_b1"})),
    "comment-add": per("POST", (version("A1"), MANAGE_A), (version("B1"), MANAGE_B)),
    "version-word": per("GET", (version("A1"), MANAGE_A | {"member_a1"}),
                        (version("B1"), MANAGE_B | {"member_b1"})),
    "version-file": per("GET", (version("A1"), MANAGE_A | {"member_a1"}),
                        (version("B1"), MANAGE_B | {"member_b1"})),
}


def names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                yield "admin:index"  # Django's own admin: staff only, walked at its index
                continue
            yield from names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"URL {entry.pattern} has no name: the permission walk cannot give it a rule"
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_rule() -> None:
    found = set(names(get_resolver().url_patterns)) - {"logout"}  # walked by test_logout
    assert found - RULES.keys() == set(), "URLs without a permission rule: add them to RULES"
    assert RULES.keys() - found == set(), "rules for URLs that no longer exist"


LOGIN_PAGES = ("/login/", "/admin/login/")


def allowed(response: Any) -> bool:
    if response.status_code in (403, 404, 405):
        return False
    return not (response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES))


def ask(client: Client, method: str, url: str) -> Any:
    return client.post(url, {}) if method == "POST" else client.get(url)


@pytest.mark.parametrize("name", sorted(RULES))
def test_walk(name: str, world: World, as_user: Callable[[str | None], Client]) -> None:
    rule = RULES[name]
    wrong = []
    for target, who in rule.cases:
        url = reverse(name, kwargs=target(world) if target else None)
        for login in (*ROLES, None):
            response = ask(as_user(login), rule.method, url)
            expected = login in who if login else name == "login"
            if allowed(response) != expected:
                wrong.append(f"{login or '匿名'} {rule.method} {url} → {response.status_code}"
                             f"（应{'允许' if expected else '禁止'}）")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("login", [*ROLES, None])
def test_logout(login: str | None, world: World, as_user: Callable[[str | None], Client]) -> None:
    """Everyone may sign out (by POST only); afterwards the start page asks for the login again."""
    client = as_user(login)
    if login is not None:
        assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get("/")["Location"].startswith("/login/")


def test_anonymous_is_sent_to_login(world: World, as_user: Callable[[str | None], Client]) -> None:
    url = reverse("material-detail", kwargs=material("A1")(world))
    response = as_user(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_colleague_sees_material_once_the_meeting_is_held(world: World,
                                                          as_user: Callable[[str | None], Client]) -> None:
    url = reverse("material-detail", kwargs=material("A1")(world))
    assert as_user("member_a2").get(url).status_code in (403, 404)
    world.meetings["a"].date = datetime.date.today() - datetime.timedelta(days=1)
    world.meetings["a"].save()
    assert as_user("member_a2").get(url).status_code == 200
