"""The original upload as stored; a pasted version as a .txt."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from django.test import Client

from duizhao_web.reviews.services import Upload, add_version
from web.materials_kit import DEFECTIVE, ROLES, SEE_A1, docx_bytes, expected
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def url(world: World) -> str:
    version = material_of(world, "A1").latest()
    assert version is not None
    return f"/materials/versions/{version.pk}/file/"


@pytest.mark.parametrize("login", ROLES)
def test_who_may_download(world: World, as_user: Login, login: str | None) -> None:
    assert as_user(login).get(url(world)).status_code == expected(login, SEE_A1)


def test_pasted_version_is_its_text(world: World, as_user: Login) -> None:
    response = as_user("member_a1").get(url(world))
    version = material_of(world, "A1").latest()
    assert version is not None
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode("utf-8") == version.text
    assert quote("李明-第1版.txt") in response["Content-Disposition"]


def test_uploaded_docx_comes_back_byte_for_byte(world: World, as_user: Login) -> None:
    data = docx_bytes(DEFECTIVE)
    version = add_version(material_of(world, "A1"), Upload("我的材料.docx", data=data), None)
    response = as_user("secretary_a").get(f"/materials/versions/{version.pk}/file/")
    assert response.status_code == 200 and response.content == data
    assert f"filename*=UTF-8''{quote('我的材料.docx')}" in response["Content-Disposition"]


def test_missing_version_is_404_and_post_405(world: World, as_user: Login) -> None:
    assert as_user("admin").get("/materials/versions/999999/file/").status_code == 404
    assert as_user("admin").post(url(world)).status_code == 405
