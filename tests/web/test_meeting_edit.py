"""meeting-edit: managers correct the aspects and the participants; materials follow the
participants, and a material with versions is never deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from duizhao_web.materials.models import Material
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World) -> str:
    return f"/meetings/{world.meetings['a'].pk}/edit/"


ASPECTS = "（一）在政治忠诚方面\n# 注释\n2. 在担当作为方面\n"


def form(world: World, people: list[str], aspects: str = ASPECTS) -> dict[str, Any]:
    return {"year": 2026, "kind": "democratic", "theme": "新主题", "date": "2026-12-20",
            "participants": [world.people[k].pk for k in people], "aspects_text": aspects}


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 403), ("member_a2", 403), ("member_b1", 403), (None, 302)])
def test_who_may_edit(world: World, as_user: AsUser, login: str | None,
                      status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_form_shows_aspects_one_per_line(world: World, as_user: AsUser) -> None:
    page = as_user("secretary_a").get(url(world)).content.decode()
    assert "带头深刻领悟两个确立的决定性意义\n带头践行以人民为中心的发展思想" in page


def test_aspects_corrected(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), form(world, ["A0", "A1", "A2"]))
    assert response.status_code == 302
    meeting = world.meetings["a"]
    meeting.refresh_from_db()
    assert meeting.aspects == ["在政治忠诚方面", "在担当作为方面"] and meeting.theme == "新主题"


def test_removed_participant_without_versions_loses_material(
        world: World, as_user: AsUser) -> None:
    as_user("secretary_a").post(url(world), form(world, ["A0", "A1"]))
    meeting = world.meetings["a"]
    assert not Material.objects.filter(meeting=meeting, person=world.people["A2"]).exists()
    assert Material.objects.filter(meeting=meeting, person=None).exists()


def test_material_with_versions_is_kept(world: World, as_user: AsUser) -> None:
    client = as_user("secretary_a")
    response = client.post(url(world), form(world, ["A0", "A2"]), follow=True)
    assert Material.objects.filter(meeting=world.meetings["a"], person=world.people["A1"]).exists()
    assert "李明已不在参会人员中" in response.content.decode()


def test_added_participant_gets_a_material(world: World, as_user: AsUser) -> None:
    as_user("secretary_a").post(url(world), form(world, ["A0", "A1"]))
    as_user("secretary_a").post(url(world), form(world, ["A0", "A1", "A2"]))
    assert Material.objects.filter(meeting=world.meetings["a"], person=world.people["A2"]).exists()


def test_other_team_person_cannot_be_added(world: World, as_user: AsUser) -> None:
    response = as_user("secretary_a").post(url(world), form(world, ["A0", "B1"]))
    assert response.status_code == 200
    assert not world.meetings["a"].participants.filter(pk=world.people["B1"].pk).exists()


def test_member_cannot_post(world: World, as_user: AsUser) -> None:
    assert as_user("member_a1").post(url(world), form(world, ["A0"])).status_code == 403


def test_missing_meeting_is_404(world: World, as_user: AsUser) -> None:
    assert as_user("admin").get("/meetings/999999/edit/").status_code == 404


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").delete(url(world)).status_code == 405
