"""The roster import: administrators only; every row error listed and nothing imported; a clean
file creates organisations, teams, people and accounts; the same file again changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from duizhao_web.people.models import Organisation, Person, Profile, Team
from duizhao_web.people.roster import RosterError, RosterRefused, import_file
from sheet_files import xlsx
from web.world import World

pytestmark = pytest.mark.django_db
AsUser = Callable[[str | None], Client]
URL = "/people/import/"
HEADER = ["单位", "上级单位", "班子", "姓名", "职务", "主要负责人", "分管", "账号", "角色"]
ROSTER = [
    HEADER,
    ["某区委", "某市委", "区委领导班子", "陈一", "区委书记", "是", "", "chenyi", "审核人"],
    ["某区委", "某市委", "区委领导班子", "林二", "区委副书记", "否", "黄五", "liner", "联络员"],
    ["某区委", "", "区委领导班子", "何三", "区委常委", "", "", "hesan", ""],
    ["某区委", "", "", "黄五", "办公室主任", "", "", "", ""],
    ["某区财政局", "某区委", "区财政局领导班子", "吴六", "局长", "是", "", "", ""],
]


def upload(client: Client, data: bytes, name: str = "名册.xlsx") -> HttpResponse:
    response: HttpResponse = client.post(URL, {"file": SimpleUploadedFile(name, data)})
    return response


def snapshot() -> tuple[Any, ...]:
    """Everything the import may write, to prove that nothing was."""
    return (list(Organisation.objects.order_by("pk").values()), list(Team.objects.order_by("pk").values()),
            list(Person.objects.order_by("pk").values()),
            sorted(Person.oversees.through.objects.values_list("from_person", "to_person")),
            list(get_user_model().objects.order_by("pk").values("username", "password", "is_superuser")),
            list(Profile.objects.order_by("pk").values()))


def page_of(response: HttpResponse) -> str:
    assert response.status_code == 200
    return response.content.decode()


def error_rows(page: str) -> list[str]:
    section = page.split('class="card errors"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<tr><td class="n">(\d+)</td>', section)


# --- who may import

def test_admin_gets_the_form(world: World, as_user: AsUser) -> None:
    page = page_of(as_user("admin").get(URL))
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert 'accept=".xlsx"' in page


@pytest.mark.parametrize("login", ["reviewer", "reviewer_b", "secretary_a", "member_a1"])
def test_others_are_refused_and_import_nothing(world: World, as_user: AsUser, login: str) -> None:
    client = as_user(login)
    assert client.get(URL).status_code == 403
    before = snapshot()
    assert upload(client, xlsx(ROSTER)).status_code == 403
    assert snapshot() == before


def test_anonymous_is_sent_to_login(world: World, as_user: AsUser) -> None:
    before = snapshot()
    response = upload(as_user(None), xlsx(ROSTER))
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert snapshot() == before


def test_wrong_method(world: World, as_user: AsUser) -> None:
    assert as_user("admin").put(URL).status_code == 405


# --- a clean file

def test_clean_roster_creates_everything(world: World, as_user: AsUser) -> None:
    page = page_of(upload(as_user("admin"), xlsx(ROSTER)))
    assert "导入完成" in page
    assert '<tr><td>单位</td><td class="n">2</td><td class="n">0</td></tr>' in page
    assert '<tr><td>班子</td><td class="n">2</td>' in page
    assert '<tr><td>人员</td><td class="n">5</td><td class="n">0</td></tr>' in page
    assert '<tr><td>账号</td><td class="n">3</td><td class="n">0</td></tr>' in page
    assert "还没有密码" in page and "/admin/auth/user/" in page
    district = Organisation.objects.get(name="某区委")
    assert district.parent == world.organisations["city"]
    assert Organisation.objects.get(name="某区财政局").parent == district
    team = Team.objects.get(organisation=district, name="区委领导班子")
    assert [(p.name, p.post, p.principal, p.order) for p in team.members.all()] == [
        ("陈一", "区委书记", True, 0), ("林二", "区委副书记", False, 1), ("何三", "区委常委", False, 2)]
    huang = Person.objects.get(organisation=district, name="黄五")
    assert huang.team is None
    assert list(Person.objects.get(name="林二").oversees.all()) == [huang]


def test_accounts_have_roles_attachments_and_no_password(world: World, as_user: AsUser) -> None:
    upload(as_user("admin"), xlsx(ROSTER))
    users = get_user_model().objects
    chen, lin, he = (users.get(username=login) for login in ("chenyi", "liner", "hesan"))
    assert not any(u.has_usable_password() for u in (chen, lin, he))
    assert not chen.is_superuser
    assert (chen.profile.role, chen.profile.organisation.name, chen.profile.person.name) == (
        "reviewer", "某区委", "陈一")
    assert (lin.profile.role, lin.profile.team.name, lin.profile.organisation) == (
        "secretary", "区委领导班子", None)
    assert (he.profile.role, he.profile.person.name) == ("member", "何三")


def test_imported_reviewer_sees_their_subtree(world: World, as_user: AsUser) -> None:
    upload(as_user("admin"), xlsx(ROSTER))
    client = Client()
    client.force_login(get_user_model().objects.get(username="chenyi"))
    page = page_of(client.get("/organisations/"))
    assert "某区财政局" in page and "某市财政局" not in page


def test_reimport_twice_changes_and_duplicates_nothing(world: World, as_user: AsUser) -> None:
    client = as_user("admin")
    upload(client, xlsx(ROSTER))
    after_first = snapshot()
    for _ in range(2):
        page = page_of(upload(client, xlsx(ROSTER)))
        assert "名册共 5 行，与系统中已有的数据一致，没有任何改动" in page
        assert "还没有密码" not in page
        assert snapshot() == after_first


def test_reimport_updates_posts_order_and_oversight(world: World, as_user: AsUser) -> None:
    client = as_user("admin")
    upload(client, xlsx(ROSTER))
    changed = [HEADER, ROSTER[3], ROSTER[1],
               ["某区委", "某市委", "区委领导班子", "林二", "区委常务副书记", "否", "", "liner", "联络员"],
               ROSTER[4], ROSTER[5]]
    page = page_of(upload(client, xlsx(changed)))
    assert '<tr><td>人员</td><td class="n">0</td><td class="n">3</td></tr>' in page
    team = Team.objects.get(name="区委领导班子")
    in_order = [(p.name, p.order) for p in team.members.order_by("order")]
    assert in_order == [("何三", 0), ("陈一", 1), ("林二", 2)]
    lin = Person.objects.get(name="林二")
    assert lin.post == "区委常务副书记" and not lin.oversees.exists()
    assert Person.objects.filter(name="林二").count() == 1


def test_existing_people_and_accounts_are_matched(world: World, as_user: AsUser) -> None:
    rows = [HEADER, ["某市发展和改革委员会", "某市委", "市发展改革委领导班子", "李明", "党组副书记、副主任",
                     "否", "钱进", "member_a1", "成员"]]
    page = page_of(upload(as_user("admin"), xlsx(rows)))
    assert '<tr><td>人员</td><td class="n">0</td><td class="n">1</td></tr>' in page
    assert '<tr><td>账号</td><td class="n">0</td><td class="n">0</td></tr>' in page
    world.people["A1"].refresh_from_db()
    assert world.people["A1"].post == "党组副书记、副主任"
    assert world.users["member_a1"].has_usable_password()


def test_admin_role_makes_a_superuser(world: World, as_user: AsUser) -> None:
    rows = [HEADER, ["某区委", "", "", "周八", "信息科科长", "", "", "zhouba", "管理员"]]
    upload(as_user("admin"), xlsx(rows))
    user = get_user_model().objects.get(username="zhouba")
    assert user.is_superuser and user.is_staff and user.profile.role == "admin"


# --- errors: every one listed, nothing imported

def test_one_bad_row_leaves_the_database_unchanged(world: World, as_user: AsUser) -> None:
    before = snapshot()
    bad = [*ROSTER, ["某区委", "", "区委领导班子", "郑七", "常委", "也许", "", "", ""]]
    page = page_of(upload(as_user("admin"), xlsx(bad)))
    assert "名册有 1 处错误，未导入任何数据" in page
    assert error_rows(page) == ["7"]
    assert "「主要负责人」填的是「也许」" in page
    assert snapshot() == before


def test_every_error_is_listed_with_its_row(world: World, as_user: AsUser) -> None:
    before = snapshot()
    bad = [HEADER,
           ["某区委", "", "区委领导班子", "", "书记", "", "", "", ""],  # 2: no name
           ["某区委", "", "", "甲", "", "", "", "", "联络员"],  # 3: secretary without login and team
           ["某区委", "", "区委领导班子", "乙", "", "", "查无此人", "", ""],  # 4: unknown oversee
           ["某区委", "", "区委领导班子", "丙", "", "", "", "has space", ""],  # 5: bad login
           ["某区委", "", "区委领导班子", "丁", "", "是", "", "", ""],
           ["某区委", "", "区委领导班子", "戊", "", "是", "", "", ""]]  # 7: second principal
    page = page_of(upload(as_user("admin"), xlsx(bad)))
    assert error_rows(page) == ["2", "3", "3", "4", "5", "7"]
    for text in ("缺少姓名", "没有填写账号", "联络员须填写所在班子",
                 "分管的「查无此人」不在「某区委」的人员中", "账号「has space」只能由",
                 "已有主要负责人「丁」"):
        assert text in page
    assert snapshot() == before


def test_conflicts_with_the_database(world: World, as_user: AsUser) -> None:
    before = snapshot()
    bad = [HEADER,
           ["某市财政局", "某市发展和改革委员会", "", "新人", "", "", "", "", ""],  # 2: another parent
           ["某市委", "某市财政局", "", "新人二", "", "", "", "", ""],  # 3: a cycle through the database
           ["某区委", "", "", "新人三", "", "", "", "member_a1", ""],  # 4: login of 李明
           ["某市发展和改革委员会", "", "", "李明", "", "", "", "li-ming", ""],  # 5: 李明 has member_a1
           ["某区委", "", "", "新人五", "", "", "", "admin", "成员"],  # 6: demotes the administrator
           ["某区财政局", "", "", "新人四", "", "", "", "xinren", ""],
           ["某区委", "", "", "新人四", "", "", "", "XinRen", ""]]  # 8: one login, two people
    page = page_of(upload(as_user("admin"), xlsx(bad)))
    assert error_rows(page) == ["2", "3", "4", "5", "6", "8"]
    for text in ("系统中「某市财政局」的上级单位是「某市委」", "「某市财政局」在系统中位于「某市委」之下",
                 "账号「member_a1」在系统中已属于「某市发展和改革委员会」的「李明」",
                 "「李明」在系统中已有账号「member_a1」", "账号「admin」是管理员",
                 "账号「XinRen」已在第 7 行用于「某区财政局」的「新人四」"):
        assert text in page
    assert snapshot() == before


def test_user_text_in_errors_is_escaped(world: World, as_user: AsUser) -> None:
    bad = [HEADER, ["某区委", "", "", "甲", "", "", "<i>某</i>", "", ""]]
    page = page_of(upload(as_user("admin"), xlsx(bad)))
    assert "分管的「&lt;i&gt;某&lt;/i&gt;」不在「某区委」的人员中" in page
    assert "<i>某</i>" not in page


# --- hostile uploads

def test_not_an_xlsx_name(world: World, as_user: AsUser) -> None:
    before = snapshot()
    page = page_of(upload(as_user("admin"), xlsx(ROSTER), name="名册.xls"))
    assert "只能导入 .xlsx 格式的名册" in page
    assert snapshot() == before


def test_garbage_named_xlsx(world: World, as_user: AsUser) -> None:
    page = page_of(upload(as_user("admin"), "姓名,单位\n".encode() * 50))
    assert "不是有效的 Excel 工作簿" in page
    assert "导入完成" not in page


def test_too_big(world: World, as_user: AsUser) -> None:
    before = snapshot()
    page = page_of(upload(as_user("admin"), b"PK" + b"\0" * (5 * 1024 * 1024)))
    assert "文件超过 5 MB" in page
    assert snapshot() == before


def test_missing_file(world: World, as_user: AsUser) -> None:
    page = page_of(as_user("admin").post(URL, {}))
    assert "这个字段是必填项" in page


def workbook(rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for values in rows:
        ws.append(list(values))
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("cell", ["#N/A", "=1/0"])
def test_formula_errors_are_row_errors(world: World, as_user: AsUser, cell: str) -> None:
    before = snapshot()
    data = workbook([HEADER, ROSTER[1], ["某区委", "", "区委领导班子", cell, "常委", "", "", "", ""]])
    page = page_of(upload(as_user("admin"), data))
    assert error_rows(page) == ["3"]
    assert "「姓名」" in page
    assert snapshot() == before


# --- any roster: imported (and then stable) or refused with nothing written

NAMES = st.sampled_from(["甲", "乙", "丙", "", "某市委", "某市财政局", "王建国", "<x>", "长" * 120])
CELLS = st.tuples(NAMES, NAMES, st.sampled_from(["", "班子", "某市财政局"]), NAMES, NAMES,
                  st.sampled_from(["", "是", "否", "也许"]), st.sampled_from(["", "甲", "乙、丙", "王建国"]),
                  st.sampled_from(["", "a", "A", "b", "admin", "member_a1", "x y"]),
                  st.sampled_from(["", "审核人", "联络员", "管理员", "成员", "主任"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(CELLS, min_size=1, max_size=6))
def test_any_roster_is_imported_stably_or_refused(world: World, rows: list[tuple[str, ...]]) -> None:
    data = xlsx([HEADER, *rows])
    before = snapshot()
    try:
        import_file(data)
    except RosterRefused as refused:
        assert refused.errors and all(e.message.startswith("第 ") for e in refused.errors)
        assert snapshot() == before
        return
    except RosterError:
        return
    after = snapshot()
    assert not import_file(data).changed
    assert snapshot() == after
