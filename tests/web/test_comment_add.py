"""Reviewers' comments on a span of a version's text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from duizhao.checks.registry import Finding
from duizhao_web.materials.marking import Span, marked
from duizhao_web.materials.models import Comment, Version
from web.materials_kit import REVIEW_A1, ROLES
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def version(world: World) -> Version:
    found = material_of(world, "A1").latest()
    assert found is not None
    return found


def url(world: World) -> str:
    return f"/materials/versions/{version(world).pk}/comment/"


@pytest.mark.parametrize("login", ROLES)
def test_who_may_comment(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).post(url(world), {"start": 40, "end": 60, "text": "请具体些"})
    assert response.status_code == (302 if login is None or login in REVIEW_A1 else 403)
    assert Comment.objects.exists() == (login in REVIEW_A1)


def test_comment_keeps_its_quote_and_shows_on_the_page(world: World, as_user: Login) -> None:
    client = as_user("reviewer")
    text = version(world).text
    start = text.index("存在的问题")
    response = client.post(url(world), {"start": start, "end": start + 5, "text": "标题请用规范表述"})
    comment = Comment.objects.get()
    assert (comment.quote, comment.author) == ("存在的问题", world.users["reviewer"])
    page = client.get(response["Location"]).content.decode()
    assert "审核意见已添加" in page and "标题请用规范表述" in page
    assert re.search(r'<mark id="p\d+" class="[^"]*\bcm\b[^"]*" data-start="\d+" data-f="[^"]*\bc0\b', page)


@pytest.mark.parametrize(("start", "end"), [(10, 5), (0, 10_000_000), (5, 5)])
def test_span_outside_the_text_is_refused(world: World, as_user: Login, start: int, end: int) -> None:
    response = as_user("secretary_a").post(url(world), {"start": start, "end": end, "text": "意见"})
    assert response.status_code == 400 and "所选范围" in response.content.decode()
    assert not Comment.objects.exists()


def test_negative_and_blank_fields_are_refused(world: World, as_user: Login) -> None:
    client = as_user("secretary_a")
    assert client.post(url(world), {"start": -1, "end": 5, "text": "意见"}).status_code == 400
    assert client.post(url(world), {"start": 1, "end": 5, "text": ""}).status_code == 400
    assert client.post(url(world), {"start": "a", "end": 5, "text": "x"}).status_code == 400
    assert not Comment.objects.exists()


def test_whitespace_only_span_is_refused(world: World, as_user: Login) -> None:
    text = version(world).text
    at = text.index("\n\n")
    response = as_user("secretary_a").post(url(world), {"start": at, "end": at + 2, "text": "意见"})
    assert response.status_code == 400 and not Comment.objects.exists()


def test_get_is_405_and_missing_version_404(world: World, as_user: Login) -> None:
    assert as_user("admin").get(url(world)).status_code == 405
    assert as_user("admin").post("/materials/versions/999999/comment/", {}).status_code == 404


class Tree(HTMLParser):
    """The rendered text as nested {attrs, children} with text strings, for the script's stand-in DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[dict[str, Any]] = [{"attrs": {}, "children": []}]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element: dict[str, Any] = {"attrs": {k: v or "" for k, v in attrs}, "children": []}
        self.stack[-1]["children"].append(element)
        self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1]["children"].append(data)


def points(children: list[dict[str, Any]]) -> list[tuple[dict[str, Any], int]]:
    """Selection boundaries the browser may report, each with the offset in the text it means."""
    found: list[tuple[dict[str, Any], int]] = []
    for i, child in enumerate(children):
        attrs = child["attrs"]
        if "data-start" in attrs:
            start, text = int(attrs["data-start"]), child["children"][0]
            found.append(({"child": None, "offset": i, "units": None}, start))
            for k in range(len(text) + 1):
                units = len(text[:k].encode("utf-16-le")) // 2
                found.append(({"child": i, "offset": 0, "units": units}, start + k))
        elif "data-zw" in attrs:
            found.append(({"child": i, "offset": 0, "units": None}, int(attrs["data-zw"])))
        else:
            after = [int(c["attrs"]["data-start"]) for c in children[i + 1:] if "data-start" in c["attrs"]]
            found.append(({"child": i, "offset": 0, "units": None}, after[0] if after else -1))
    return found


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_script_turns_a_selection_into_exact_offsets() -> None:
    text = "一、存在的问题\r\n𠀀字XX同志<b>&此处填写。\n二、原因分析"
    found = [Finding("placeholder", "error", "占位", "", 10, 14),
             Finding("placeholder", "warning", "x", "", 12, 20),
             Finding("missing", "info", "缺少", "", 22, 22)]
    html = marked(text, found, [Span(3, 6, "意见")], {0: "s0", 23: "s1"}).html
    tree = Tree()
    tree.feed(str(html))
    children = tree.stack[0]["children"]
    marks = points(children)
    size = len(text)
    cases, wanted = [], []
    for a, x in marks:
        for b, y in marks:
            x2, y2 = (size if x < 0 else x), (size if y < 0 else y)
            if x2 < y2:
                cases.append([a, b])
                wanted.append([str(x2), str(y2)])
    script = Path(__file__).parents[2] / "src/duizhao_web/static/duizhao/materials.js"
    data = json.dumps({"attrs": {"data-length": str(size)}, "children": children, "script": str(script),
                       "cases": cases})
    ran = subprocess.run(["node", str(Path(__file__).parent / "js/selection.js")], input=data, text=True,
                         capture_output=True, check=True, timeout=60)
    assert json.loads(ran.stdout) == wanted
