"""meeting-detail: the meeting page. Managers see every material, the due dates, shared text,
aspects coverage, talks missing and opinions per member; members their own and the team's
material, their opinions and the team's, colleagues' materials only once the meeting is held."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.reviews.services import Upload, add_version
from web.world import World, material_of, sample

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]


def url(world: World, key: str = "a") -> str:
    return f"/meetings/{world.meetings[key].pk}/"


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 403), ("secretary_a", 200), ("secretary_b", 403),
    ("member_a1", 200), ("member_a2", 200), ("member_b1", 403), (None, 302)])
def test_who_may_open(world: World, as_user: AsUser, login: str | None,
                      status: int) -> None:
    assert as_user(login).get(url(world)).status_code == status


def test_manager_sees_every_material_and_due_dates(world: World, as_user: AsUser) -> None:
    page = as_user("secretary_a").get(url(world)).content.decode()
    meeting = world.meetings["a"]
    for person in ("王建国", "李明", "赵红"):
        assert person in page
    assert str(meeting.plan_due()) in page and str(meeting.report_due()) in page
    version = material_of(world, "A1").latest()
    assert version is not None and f"第{version.number}版" in page
    for check, count in version.result["by_check"].items():
        assert f"{check} {count}" in page
    assert f"/materials/{material_of(world, 'A1').pk}/" in page


def test_manager_sees_aspects_coverage_talks_and_opinions(
        world: World, as_user: AsUser) -> None:
    page = as_user("secretary_a").get(url(world)).content.decode()
    assert "带头践行以人民为中心的发展思想" in page and "方面覆盖" in page
    assert "未谈 <b>3</b> 对" in page  # A0-A2, A1-A2, A1-H; A0-A1 held
    assert f"/meetings/{world.meetings['a'].pk}/talks/" in page


def test_shared_text_group_names_the_writers(world: World, as_user: AsUser) -> None:
    add_version(material_of(world, "A2"), Upload("抄.txt", text=sample("02_template_personal.txt")), None)
    page = as_user("reviewer").get(url(world)).content.decode()
    assert "第1组" in page and "李明（" in page and "赵红（" in page


def test_no_shared_text_says_so(world: World, as_user: AsUser) -> None:
    assert "未发现成段相同的文字" in as_user("admin").get(url(world)).content.decode()


def test_member_sees_own_and_team_material_not_colleagues(
        world: World, as_user: AsUser) -> None:
    page = as_user("member_a1").get(url(world)).content.decode()
    assert f"/materials/{material_of(world, 'A1').pk}/" in page
    assert f"/materials/{world.materials['a-team'].pk}/" in page
    assert f"/materials/{material_of(world, 'A2').pk}/" not in page
    assert "只能看到本人和班子的材料" in page


def test_member_sees_colleagues_after_the_meeting(world: World, as_user: AsUser) -> None:
    meeting = world.meetings["a"]
    meeting.date = datetime.date.today() - datetime.timedelta(days=1)
    meeting.save()
    page = as_user("member_a1").get(url(world)).content.decode()
    assert f"/materials/{material_of(world, 'A2').pk}/" in page


def test_member_sees_exactly_own_and_team_opinions(world: World, as_user: AsUser) -> None:
    page = as_user("member_a1").get(url(world)).content.decode()
    assert "希望李明同志多到基层调研。" in page and "班子抓落实的办法不多。" in page
    assert "希望赵红同志" not in page and "希望王建国同志" not in page


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").post(url(world)).status_code == 405


def test_missing_meeting_is_404(world: World, as_user: AsUser) -> None:
    assert as_user("admin").get("/meetings/999999/").status_code == 404
