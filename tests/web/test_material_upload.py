"""Uploading a version: a real .docx or pasted text is reviewed and kept; hostile uploads are refused
with a Chinese message and nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duizhao.config import Limits
from duizhao.corpus import open_store
from duizhao_web.datadir import uploads
from duizhao_web.materials.models import Status, Version
from web.materials_kit import DEFECTIVE, ROLES, WRITE_A1, docx_bytes, expected
from web.world import World, material_of, sample

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def url(world: World, key: str = "A1") -> str:
    return f"/materials/{material_of(world, key).pk}/upload/"


def send(client: Client, target: str, name: str, data: bytes) -> Any:
    return client.post(target, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("login", ROLES)
def test_who_may_open_the_upload_form(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).get(url(world))
    assert response.status_code == expected(login, WRITE_A1)
    if response.status_code == 200:
        assert "csrfmiddlewaretoken" in response.content.decode()


@pytest.mark.parametrize("login", ["member_a2", "member_b1", "secretary_b", "reviewer_b"])
def test_others_may_not_upload(world: World, as_user: Login, login: str) -> None:
    response = send(as_user(login), url(world), "a.docx", docx_bytes(DEFECTIVE))
    assert response.status_code == 403
    assert material_of(world, "A1").versions.count() == 1


def test_writer_uploads_a_defective_docx_and_sees_it_marked(world: World, as_user: Login,
                                                              data_dir: Path) -> None:
    client = as_user("member_a1")
    response = send(client, url(world), "李明的材料.docx", docx_bytes(DEFECTIVE))
    assert response.status_code == 302
    version = material_of(world, "A1").latest()
    assert version is not None and version.number == 2 and version.file_name == "李明的材料.docx"
    assert version.uploaded_by == world.users["member_a1"] and version.errors > 0
    assert len(list(uploads(data_dir).iterdir())) == 1
    page = client.get(response["Location"]).content.decode()
    assert "已上传第2版" in page
    assert '<mark id="p' in page and "XXX" in page and "此处填写" in page
    assert "与第1版相比" in page


def test_pasted_text_becomes_a_version(world: World, as_user: Login) -> None:
    response = as_user("member_a2").post(url(world, "A2"), {"text": sample("01_clean_personal.txt")})
    assert response.status_code == 302
    version = material_of(world, "A2").latest()
    assert version is not None and version.result["pasted"] and version.text.strip()


def test_a_reviewer_may_upload_for_the_writer(world: World, as_user: Login) -> None:
    assert send(as_user("secretary_a"), url(world), "a.docx", docx_bytes(DEFECTIVE)).status_code == 302


@pytest.mark.parametrize(("name", "data", "message"), [
    ("材料.docx", b"MZ\x90\x00\x03" + b"\x00" * 500, "程序文件"),
    ("材料.docx", b"just some text, not a zip" * 10, "不是Word 文档"),
    ("材料.pdf", b"<html>not a pdf</html>" * 10, "不是PDF 文件"),
    ("setup.exe", b"MZ" + b"\x00" * 100, "不支持 .exe"),
    ("材料", b"hello", "无扩展名"),
])
def test_hostile_files_are_refused_and_nothing_is_stored(world: World, as_user: Login, data_dir: Path,
                                                         name: str, data: bytes, message: str) -> None:
    response = send(as_user("member_a1"), url(world), name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert material_of(world, "A1").versions.count() == 1
    assert not list(uploads(data_dir).iterdir())


def test_too_big_is_refused(world: World, as_user: Login, settings: Any, data_dir: Path) -> None:
    settings.LIMITS = Limits(max_file_bytes=2048)
    response = send(as_user("member_a1"), url(world), "材料.docx", docx_bytes(DEFECTIVE))
    assert response.status_code == 400 and "上限" in response.content.decode()
    assert material_of(world, "A1").versions.count() == 1
    assert not list(uploads(data_dir).iterdir())


def test_empty_file_and_empty_form_are_refused(world: World, as_user: Login) -> None:
    client = as_user("member_a1")
    assert send(client, url(world), "a.docx", b"").status_code == 400
    response = client.post(url(world), {"text": "   "})
    assert response.status_code == 400 and "二选一" in response.content.decode()
    assert Version.objects.filter(material=material_of(world, "A1")).count() == 1


def test_upload_refused_once_submitted(world: World, as_user: Login) -> None:
    material = material_of(world, "A1")
    material.status = Status.SUBMITTED
    material.save()
    client = as_user("member_a1")
    response = send(client, url(world), "a.docx", docx_bytes(DEFECTIVE))
    assert response.status_code == 302
    assert material.versions.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "不能再上传新版本" in page and "上传新版本</a>" not in page


def test_wrong_method_is_405(world: World, as_user: Login) -> None:
    assert as_user("member_a1").put(url(world)).status_code == 405


def test_reviewed_against_the_reference_corpus_when_configured(world: World, as_user: Login, settings: Any,
                                                               tmp_path: Path) -> None:
    """DUIZHAO_CORPUS: a material copied from last year's corpus shows its copy ratio and source."""
    text = sample("01_clean_personal.txt")
    with open_store(str(tmp_path / "corpus.sqlite3")) as corpus:
        corpus.add_document(text, label="2025年度材料", year=2025, author="王建国",
                            added_at=datetime(2026, 1, 1))
    settings.CORPUS_URL = str(tmp_path / "corpus.sqlite3")
    assert as_user("member_a2").post(url(world, "A2"), {"text": text}).status_code == 302
    version = material_of(world, "A2").latest()
    assert version is not None and version.copy_ratio is not None and version.copy_ratio > 0.8
    assert version.result["copy"]["sources"][0]["label"] == "2025年度材料"


def test_an_unusable_corpus_is_noted_and_the_upload_still_reviewed(world: World, as_user: Login,
                                                                   settings: Any, tmp_path: Path) -> None:
    (tmp_path / "not-a-corpus.sqlite3").write_bytes(b"this is not a database" * 100)
    settings.CORPUS_URL = str(tmp_path / "not-a-corpus.sqlite3")
    response = as_user("member_a2").post(url(world, "A2"), {"text": sample("01_clean_personal.txt")})
    assert response.status_code == 302
    version = material_of(world, "A2").latest()
    assert version is not None and version.grade and version.copy_ratio is None
    assert any("参考语料库无法打开" in note for note in version.result["notes"])
