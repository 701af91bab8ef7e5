"""meeting-create: managers create a meeting of a team they manage, the notice pasted or uploaded;
its aspects are extracted and shown for correction; materials for every member and the team."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from duizhao_web.meetings.models import Meeting
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]
URL = "/meetings/new/"
NOTICE = ("关于召开2026年度民主生活会的通知\n一、会议主题\n深入学习贯彻党的创新理论。\n"
          "二、对照检查内容\n（一）在深刻领悟“两个确立”决定性意义方面\n（二）在践行以人民为中心的发展思想方面\n"
          "（三）在落实全面从严治党政治责任方面\n三、会前准备\n（一）认真开展学习研讨。\n（二）广泛征求意见。\n")


def form(world: World, team: str = "a", **extra: Any) -> dict[str, Any]:
    return {"team": world.teams[team].pk, "year": 2026, "kind": "democratic", "theme": "学思想",
            "date": "2026-12-20", **extra}


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("login", "status"), [
    ("admin", 200), ("reviewer", 200), ("reviewer_b", 200), ("secretary_a", 200), ("secretary_b", 200),
    ("member_a1", 403), ("member_a2", 403), ("member_b1", 403), (None, 302)])
def test_who_may_open_the_form(world: World, as_user: AsUser, login: str | None,
                               status: int) -> None:
    assert as_user(login).get(URL).status_code == status


def test_pasted_notice_gives_aspects_participants_and_materials(
        world: World, as_user: AsUser) -> None:
    client = as_user("secretary_a")
    response = client.post(URL, form(world, notice=NOTICE))
    meeting = Meeting.objects.exclude(pk__in=[m.pk for m in world.meetings.values()]).get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/edit/"
    assert len(meeting.aspects) == 3 and "践行以人民为中心的发展思想" in meeting.aspects[1]
    assert set(meeting.participants.all()) == set(world.teams["a"].members.all())
    assert meeting.materials.count() == 4 and meeting.materials.filter(person=None).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "践行以人民为中心的发展思想" in page and "提取了 3 个对照方面" in page


def test_uploaded_docx_notice(world: World, as_user: AsUser) -> None:
    upload = SimpleUploadedFile("通知.docx", docx_bytes(NOTICE))
    as_user("secretary_a").post(URL, form(world, notice_file=upload))
    meeting = Meeting.objects.order_by("-pk").first()
    assert meeting is not None and len(meeting.aspects) == 3 and "对照检查内容" in meeting.notice


@pytest.mark.parametrize(("name", "data", "message"), [
    ("通知.xls", b"abc", "通知不支持 .xls 文件"), ("通知.txt", b"", "空文件"),
    ("通知.docx", b"not a zip", "通知无法读取"), ("通知.pdf", b"x" * (5 * 1024 * 1024 + 1), "5 MB")])
def test_bad_notice_file_is_refused_in_chinese(world: World, as_user: AsUser,
                                               name: str, data: bytes, message: str) -> None:
    before = Meeting.objects.count()
    response = as_user("secretary_a").post(URL, form(world, notice_file=SimpleUploadedFile(name, data)))
    assert response.status_code == 200 and message in response.content.decode()
    assert Meeting.objects.count() == before


def test_team_outside_ones_reach_is_refused(world: World, as_user: AsUser) -> None:
    before = Meeting.objects.count()
    response = as_user("secretary_b").post(URL, form(world, team="a", notice=NOTICE))
    assert response.status_code == 200 and Meeting.objects.count() == before


def test_no_aspects_found_says_so(world: World, as_user: AsUser) -> None:
    response = as_user("reviewer").post(URL, form(world, team="b", notice="请按时参会。"), follow=True)
    assert "未从通知中提取到对照方面" in response.content.decode()


def test_member_cannot_post(world: World, as_user: AsUser) -> None:
    assert as_user("member_a1").post(URL, form(world, notice=NOTICE)).status_code == 403


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").put(URL).status_code == 405
