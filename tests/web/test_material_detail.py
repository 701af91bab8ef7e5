"""The material page: the latest version with findings marked, or the upload form when none."""

from __future__ import annotations

import datetime
import html
import re
import time
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.checks.registry import Finding
from duizhao_web.materials.marking import Span, marked
from duizhao_web.materials.models import Comment
from duizhao_web.reviews.services import Upload, add_version
from web.materials_kit import ROLES, SEE_A1, expected
from web.world import World, material_of, sample

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


@pytest.mark.parametrize("login", ROLES)
def test_who_may_open_a1s_material(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).get(f"/materials/{material_of(world, 'A1').pk}/")
    assert response.status_code == expected(login, SEE_A1)


def test_colleague_sees_it_once_the_meeting_took_place(world: World, as_user: Login) -> None:
    meeting = world.meetings["a"]
    meeting.date = datetime.date.today() - datetime.timedelta(days=1)
    meeting.save()
    assert as_user("member_a2").get(f"/materials/{material_of(world, 'A1').pk}/").status_code == 200
    assert as_user("member_b1").get(f"/materials/{material_of(world, 'A1').pk}/").status_code == 403


def test_page_shows_marks_findings_grade_and_outline(world: World, as_user: Login) -> None:
    page = as_user("member_a1").get(f"/materials/{material_of(world, 'A1').pk}/").content.decode()
    assert '<mark id="p' in page and 'class="s-error' in page
    assert "模板占位符“XX”未替换" in page and "placeholder" in page and "模板占位符未替换" in page
    assert 'class="goto" href="#p' in page
    assert 'class="grade g-fail"' in page and "不达标" in page
    assert "存在的问题" in page and 'href="#s1"' in page and 'id="s1"' in page
    assert "第1版" in page and "草稿" in page and "李明" in page
    assert "上传新版本" in page and "提交审核" in page
    assert "审核通过" not in page.split("<h2>状态</h2>")[1].split("</form>")[0]


def test_every_text_piece_starts_where_it_says(world: World, as_user: Login) -> None:
    material = material_of(world, "A1")
    text = material.latest().text
    page = as_user("member_a1").get(f"/materials/{material.pk}/").content.decode()
    pieces = re.findall(r'data-start="(\d+)"[^>]*>([^<]*)<', page)
    assert pieces
    for start, shown in pieces:
        body = html.unescape(shown)
        assert text[int(start):int(start) + len(body)] == body


def test_reviewer_sees_review_forms_the_writer_does_not(world: World, as_user: Login) -> None:
    url = f"/materials/{material_of(world, 'A1').pk}/"
    assert 'id="comment-form"' in as_user("secretary_a").get(url).content.decode()
    assert 'id="comment-form"' not in as_user("member_a1").get(url).content.decode()


def test_no_version_yet_shows_the_upload_form_to_the_writer(world: World, as_user: Login) -> None:
    url = f"/materials/{material_of(world, 'A2').pk}/"
    page = as_user("member_a2").get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and "上传并审核" in page


def test_team_material_without_version_tells_a_member_it_is_missing(world: World, as_user: Login) -> None:
    page = as_user("member_a1").get(f"/materials/{world.materials['a-team'].pk}/").content.decode()
    assert "撰写人还没有上传材料" in page and "上传并审核" not in page


def test_comments_are_listed_and_marked(world: World, as_user: Login) -> None:
    version = material_of(world, "A1").latest()
    Comment.objects.create(version=version, start=100, end=110, quote=version.text[100:110],
                           text="请写具体事例", author=world.users["secretary_a"])
    page = as_user("member_a1").get(f"/materials/{version.material.pk}/").content.decode()
    assert "请写具体事例" in page and "secretary_a" in page
    assert re.search(r'class="[^"]*\bcm\b[^"]*" data-start="\d+" data-f="[^"]*\bc0\b', page)


def test_user_text_is_escaped(world: World, as_user: Login) -> None:
    material = material_of(world, "A2")
    add_version(material, Upload("x.txt", text=sample("01_clean_personal.txt") + "<script>alert(1)</script>"),
                None)
    page = as_user("member_a2").get(f"/materials/{material.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_missing_material_is_404_and_post_is_405(world: World, as_user: Login) -> None:
    assert as_user("admin").get("/materials/999999/").status_code == 404
    assert as_user("admin").post(f"/materials/{material_of(world, 'A1').pk}/").status_code == 405


def test_long_material_renders_fast(world: World, as_user: Login) -> None:
    material = material_of(world, "A2")
    body = sample("02_template_personal.txt")
    add_version(material, Upload("长.txt", text=body * 4), None)  # about 10 pages, ~140 findings
    client = as_user("member_a2")
    url = f"/materials/{material.pk}/"
    client.get(url)
    begun = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - begun
    assert response.status_code == 200 and material.latest().result["findings"]
    assert took < 0.25, took


class Pieces(HTMLParser):
    """(data-start, text) of every element of the rendered text that carries data-start."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = dict(attrs).get("data-start")
        self.open.append(start is not None)
        if start is not None:
            self.found.append((int(start), ""))

    def handle_endtag(self, tag: str) -> None:
        self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1]:
            start, text = self.found[-1]
            self.found[-1] = (start, text + data)


TEXTS = st.text(alphabet=st.sampled_from(list("问题\r\n\x00<&\"' 𠀀a")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, spans=st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                                            st.sampled_from(["error", "warning", "info"])), max_size=8),
       notes=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=3))
def test_rendered_pieces_rebuild_the_text_exactly(text: str, spans: list[tuple[int, int, str]],
                                                  notes: list[tuple[int, int]]) -> None:
    found = [Finding("placeholder", severity, "说明<b>", "建议", a, b) for a, b, severity in spans]
    comments = [Span(a, a + n, "意见") for a, n in notes if a + n <= len(text)]
    result = marked(text, found, comments, {0: "s0"})
    parser = Pieces()
    parser.feed(str(result.html))
    rebuilt = "".join(piece for _, piece in parser.found)
    assert rebuilt == text.replace("\x00", "\ufffd")
    at = 0
    for start, piece in parser.found:
        assert start == at
        at += len(piece)
    assert "<b>" not in str(result.html)
    assert len(result.finding_targets) == len(found) and len(result.comment_targets) == len(comments)
