"""meeting-compare: shared text across every meeting of a year under a reviewer's organisation
(an administrator: every meeting). Secretaries and members may not open it; a reviewer sees only
their organisation's meetings; the comparison is kept and read back until a version changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from duizhao_web.materials.models import OrganisationBatch
from duizhao_web.reviews.services import Upload, add_version
from web.world import World, material_of, sample

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]
URL = "/meetings/compare/2026/"


def copy_b1_into_a1(world: World) -> None:
    """A1's new version: B1's paragraphs (the template sample) after a paragraph of A1's own."""
    b1 = material_of(world, "B1").latest()
    assert b1 is not None
    own = "我是李明，本人分管项目审批工作，以下结合分管领域逐条查摆。"
    add_version(material_of(world, "A1"), Upload("李明.txt", text=own + "\n\n" + b1.text), None)


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 200), ("secretary_a", 403), ("secretary_b", 403),
    ("member_a1", 403), ("member_a2", 403), ("member_b1", 403), (None, 302)])
def test_who_may_open(world: World, as_user: AsUser, login: str | None, status: int) -> None:
    assert as_user(login).get(URL).status_code == status


def test_post_is_refused(world: World, as_user: AsUser) -> None:
    assert as_user("reviewer").post(URL).status_code == 405


def test_group_spanning_two_meetings_is_shown_to_the_city_reviewer(world: World, as_user: AsUser) -> None:
    copy_b1_into_a1(world)
    page = as_user("reviewer").get(URL).content.decode()
    assert "第1组" in page and "李明" in page and "周平" in page
    assert "市发展改革委领导班子" in page and "市财政局领导班子" in page
    for person in ("A1", "B1"):
        assert f"/materials/{material_of(world, person).pk}/" in page
    assert "共比对 2 份材料" in page and "本次计算用时" in page


def test_reviewer_b_sees_only_their_organisations_meetings(world: World, as_user: AsUser) -> None:
    copy_b1_into_a1(world)
    page = as_user("reviewer_b").get(URL).content.decode()
    assert "李明" not in page and "市发展改革委领导班子" not in page
    assert f"/materials/{material_of(world, 'A1').pk}/" not in page
    assert "可比对的材料不足两份" in page  # only B1 has a version under 财政局


def test_admin_sees_the_group_too(world: World, as_user: AsUser) -> None:
    copy_b1_into_a1(world)
    page = as_user("admin").get(URL).content.decode()
    assert "全部单位" in page and "李明" in page and "周平" in page


def test_materials_without_shared_text_say_so(world: World, as_user: AsUser) -> None:
    add_version(material_of(world, "A1"), Upload("李明.txt", text=sample("01_clean_personal.txt")), None)
    page = as_user("reviewer").get(URL).content.decode()
    assert "共比对 2 份材料" in page and "未发现成段相同的文字" in page and "第1组" not in page


def test_a_year_without_meetings_is_empty_and_offers_the_other_years(world: World, as_user: AsUser) -> None:
    page = as_user("reviewer").get("/meetings/compare/2019/").content.decode()
    assert "2019 年度可比对的材料不足两份" in page
    assert 'href="/meetings/compare/2026/"' in page and 'href="/meetings/compare/2019/"' in page


def test_writer_names_and_passages_are_escaped(world: World, as_user: AsUser) -> None:
    person = world.people["A1"]
    person.name = "<b>李明</b>"
    person.save()
    b1 = material_of(world, "B1").latest()
    assert b1 is not None
    marked = "\n\n".join(f"<script>x</script>{p}" for p in b1.text.split("\n\n"))
    add_version(material_of(world, "B1"), Upload("周平.txt", text=marked), None)
    add_version(material_of(world, "A1"), Upload("李明.txt", text=marked), None)
    page = as_user("reviewer").get(URL).content.decode()
    assert "&lt;b&gt;李明&lt;/b&gt;" in page and "<b>李明</b>" not in page
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def test_second_view_reads_the_kept_comparison(world: World, as_user: AsUser,
                                               django_assert_num_queries: Any) -> None:
    copy_b1_into_a1(world)
    client = as_user("reviewer")
    client.get(URL)
    kept = OrganisationBatch.objects.get(organisation=world.organisations["city"], year=2026)
    kept.result["groups"][0]["passages"][0]["text"] = "保存的比对结果"
    kept.save()
    # session, user, profile, two levels of organisations, versions, the kept row, names, years
    with django_assert_num_queries(9):
        page = client.get(URL).content.decode()
    assert "保存的比对结果" in page and "结果读自保存的比对" in page


def test_a_new_version_is_compared_again(world: World, as_user: AsUser) -> None:
    client = as_user("reviewer")
    assert "第1组" in client.get(URL).content.decode()  # A1 and B1 both start from the template
    add_version(material_of(world, "A1"), Upload("李明.txt", text=sample("01_clean_personal.txt")), None)
    page = client.get(URL).content.decode()
    assert "第1组" not in page and "本次计算用时" in page
    assert OrganisationBatch.objects.filter(year=2026).count() == 1


def test_admin_and_reviewer_keep_separate_comparisons(world: World, as_user: AsUser) -> None:
    as_user("reviewer").get(URL)
    as_user("reviewer_b").get(URL)  # fewer than two materials: nothing to keep
    as_user("admin").get(URL)
    kept = {(k.organisation_id, k.year) for k in OrganisationBatch.objects.all()}
    assert kept == {(world.organisations["city"].pk, 2026), (None, 2026)}


def test_links_from_the_meeting_list_and_page(world: World, as_user: AsUser) -> None:
    for login in ("reviewer", "admin"):
        assert "/meetings/compare/" in as_user(login).get("/meetings/").content.decode()
        assert 'href="/meetings/compare/2026/"' in as_user(login).get(
            f"/meetings/{world.meetings['a'].pk}/").content.decode()
    for login in ("secretary_a", "member_a1"):
        assert "/meetings/compare/" not in as_user(login).get("/meetings/").content.decode()
        assert "/meetings/compare/" not in as_user(login).get(
            f"/meetings/{world.meetings['a'].pk}/").content.decode()
