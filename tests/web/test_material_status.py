"""Status changes: the writer submits; a reviewer returns (with a reason) or approves; each change
recorded with who, when and why."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from duizhao_web.materials.models import Status, StatusChange
from duizhao_web.materials.workflow import RULES, Refused, apply
from web.materials_kit import REVIEW_A1, ROLES, WRITE_A1
from web.world import World, material_of

pytestmark = pytest.mark.django_db
Login = Callable[[str | None], Client]


def url(world: World, key: str = "A1") -> str:
    return f"/materials/{material_of(world, key).pk}/status/"


def set_status(world: World, status: str) -> None:
    material = material_of(world, "A1")
    material.status = status
    material.save()


@pytest.mark.parametrize("login", ROLES)
def test_who_may_submit(world: World, as_user: Login, login: str | None) -> None:
    response = as_user(login).post(url(world), {"action": "submit"})
    if login is None:
        assert response.status_code == 302 and response["Location"].startswith("/login/")
    else:
        assert response.status_code == (302 if login in WRITE_A1 else 403)
    submitted = material_of(world, "A1").status == Status.SUBMITTED
    assert submitted == (login in WRITE_A1)


@pytest.mark.parametrize("login", ROLES)
def test_who_may_approve(world: World, as_user: Login, login: str | None) -> None:
    set_status(world, Status.SUBMITTED)
    response = as_user(login).post(url(world), {"action": "approve"})
    assert response.status_code == (302 if login is None or login in REVIEW_A1 else 403)
    assert (material_of(world, "A1").status == Status.APPROVED) == (login in REVIEW_A1)


def test_submit_records_who_and_when(world: World, as_user: Login) -> None:
    client = as_user("member_a1")
    response = client.post(url(world), {"action": "submit"})
    change = StatusChange.objects.get(material=material_of(world, "A1"))
    assert (change.before, change.after) == (Status.DRAFT, Status.SUBMITTED)
    assert change.by == world.users["member_a1"]
    assert change.at is not None
    page = client.get(response["Location"]).content.decode()
    assert "材料状态已改为“已提交”" in page and "草稿 → 已提交" in page


def test_return_needs_a_reason(world: World, as_user: Login) -> None:
    set_status(world, Status.SUBMITTED)
    client = as_user("secretary_a")
    response = client.post(url(world), {"action": "return", "reason": "  "})
    assert "需要填写理由" in client.get(response["Location"]).content.decode()
    assert material_of(world, "A1").status == Status.SUBMITTED and not StatusChange.objects.exists()
    client.post(url(world), {"action": "return", "reason": "问题查摆不具体，请补充事例"})
    assert material_of(world, "A1").status == Status.RETURNED
    change = StatusChange.objects.get()
    assert change.reason == "问题查摆不具体，请补充事例" and change.by == world.users["secretary_a"]
    page = as_user("member_a1").get(f"/materials/{material_of(world, 'A1').pk}/").content.decode()
    assert "理由：问题查摆不具体，请补充事例" in page and "退回修改" in page


def test_writer_may_resubmit_after_return_but_not_approve(world: World, as_user: Login) -> None:
    set_status(world, Status.RETURNED)
    client = as_user("member_a1")
    assert client.post(url(world), {"action": "approve"}).status_code == 403
    client.post(url(world), {"action": "submit"})
    assert material_of(world, "A1").status == Status.SUBMITTED


def test_transitions_out_of_order_are_refused(world: World, as_user: Login) -> None:
    client = as_user("secretary_a")
    response = client.post(url(world), {"action": "approve"})
    assert "不能审核通过" in client.get(response["Location"]).content.decode()
    assert material_of(world, "A1").status == Status.DRAFT
    set_status(world, Status.APPROVED)
    client.post(url(world), {"action": "submit"})
    assert material_of(world, "A1").status == Status.APPROVED and not StatusChange.objects.exists()


def test_submit_needs_a_version(world: World, as_user: Login) -> None:
    client = as_user("member_a2")
    response = client.post(url(world, "A2"), {"action": "submit"})
    assert "请先上传材料" in client.get(response["Location"]).content.decode()
    assert material_of(world, "A2").status == Status.DRAFT


def test_unknown_action_changes_nothing(world: World, as_user: Login) -> None:
    client = as_user("admin")
    response = client.post(url(world), {"action": "delete"})
    assert response.status_code == 302 and material_of(world, "A1").status == Status.DRAFT


def test_rules_are_data_and_apply_checks_them(world: World) -> None:
    assert set(RULES) == {"submit", "return", "approve"}
    material = material_of(world, "A1")
    with pytest.raises(Refused):
        apply(material, "return", world.users["admin"], "理由")
    apply(material, "submit", world.users["member_a1"])
    assert material.status == Status.SUBMITTED


def test_get_is_405(world: World, as_user: Login) -> None:
    assert as_user("admin").get(url(world)).status_code == 405


def test_missing_material_is_404(as_user: Login, world: World) -> None:
    assert as_user("admin").post("/materials/999999/status/", {"action": "submit"}).status_code == 404
