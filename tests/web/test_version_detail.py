"""A given version's page; from the second version on, what changed since the previous one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.materials.models import Version
from duizhao_web.reviews.services import Upload, add_version
from web.materials_kit import DEFECTIVE, ROLES, SEE_A1, docx_bytes, expected, fixed
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


@pytest.mark.parametrize("login", ROLES)
def test_who_may_open_a_version(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).get(f"/materials/{material_of(world, 'A1').pk}/v1/")
    assert response.status_code == expected(login, SEE_A1)


def two_versions(world: World) -> tuple[Version, Version]:
    material = material_of(world, "A2")
    first = add_version(material, Upload("一稿.docx", data=docx_bytes(DEFECTIVE)), None)
    data = docx_bytes([*fixed(DEFECTIVE), "另有一处XX单位的问题。"])
    second = add_version(material, Upload("二稿.docx", data=data), None)
    return first, second


def test_second_version_shows_what_was_fixed_and_what_is_new(world: World, as_user: Login) -> None:
    _first, second = two_versions(world)
    page = as_user("member_a2").get(f"/materials/{second.material.pk}/v2/").content.decode()
    assert "与第1版相比" in page and "解决了" in page and "新出现" in page
    fixed_part = page.split('<ol class="findings fixed">')[1].split("</ol>")[0]
    assert "XXX" in fixed_part or "此处填写" in fixed_part
    new_part = page.split('<ol class="findings new">')[1].split("</ol>")[0]
    assert "XX" in new_part and 'class="goto" href="#' in new_part
    assert "<del>" in page and "<ins>" in page and "李明同志" in page
    assert second.material.versions.get(number=2).result["change"]["against"] == 1


def test_an_older_version_says_it_is_not_the_latest(world: World, as_user: Login) -> None:
    first, _ = two_versions(world)
    page = as_user("member_a2").get(f"/materials/{first.material.pk}/v1/").content.decode()
    assert "不是最新版" in page and "与第" not in page and "一稿.docx" in page


def test_missing_version_is_404_and_post_405(world: World, as_user: Login) -> None:
    material = material_of(world, "A1")
    assert as_user("admin").get(f"/materials/{material.pk}/v9/").status_code == 404
    assert as_user("admin").post(f"/materials/{material.pk}/v1/").status_code == 405
