"""The writer's file back as Word, with the findings and the reviewers' comments as comments."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from urllib.parse import quote

import docx
import pytest
from django.test import Client

from duizhao_web.materials.models import Comment
from duizhao_web.reviews.services import Upload, add_version
from web.materials_kit import DEFECTIVE, ROLES, SEE_A1, docx_bytes, expected
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def url(world: World) -> str:
    version = material_of(world, "A1").latest()
    assert version is not None
    return f"/materials/versions/{version.pk}/word/"


@pytest.mark.parametrize("login", ROLES)
def test_who_may_download(world: World, as_user: Login, login: str | None) -> None:
    assert as_user(login).get(url(world)).status_code == expected(login, SEE_A1)


def test_word_has_findings_and_reviewer_comments(world: World, as_user: Login) -> None:
    material = material_of(world, "A1")
    version = add_version(material, Upload("材料.docx", data=docx_bytes(DEFECTIVE)), world.users["member_a1"])
    Comment.objects.create(version=version, start=0, end=5, quote=version.text[:5], text="称谓请写实名",
                           author=world.users["secretary_a"])
    response = as_user("member_a1").get(f"/materials/versions/{version.pk}/word/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('李明-审核-第2版.docx')}" in disposition
    data = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = package.read("word/comments.xml").decode("utf-8")
    assert "称谓请写实名" in comments and "secretary_a" in comments and "占位" in comments
    assert any("此处填写" in p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_pasted_text_version_downloads_as_word_too(world: World, as_user: Login) -> None:
    response = as_user("secretary_a").get(url(world))
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert "word/comments.xml" in package.namelist()


def test_missing_version_is_404_and_post_405(world: World, as_user: Login) -> None:
    assert as_user("admin").get("/materials/versions/999999/word/").status_code == 404
    assert as_user("admin").post(url(world)).status_code == 405
