"""The status of a material: which action leads from which status to which, who may take it, and
whether it needs a reason. The rules are data; :func:`apply` is the only place a status changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from duizhao_web.materials.models import Material, Status, StatusChange


@dataclass(frozen=True)
class Rule:
    label: str  # the button, in Chinese
    before: tuple[str, ...]
    after: str
    by: str  # "writer" (permissions.can_write_material) or "reviewer" (can_review_material)
    reason: bool = False  # a reason is required
    version: bool = False  # the material needs a readable version


RULES: dict[str, Rule] = {
    "submit": Rule("提交审核", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED, "writer", version=True),
    "return": Rule("退回修改", (Status.SUBMITTED,), Status.RETURNED, "reviewer", reason=True),
    "approve": Rule("审核通过", (Status.SUBMITTED,), Status.APPROVED, "reviewer"),
}
UPLOADABLE = (Status.DRAFT, Status.RETURNED)  # statuses in which the writer may upload a new version


class Refused(Exception):
    """A change the rules do not allow; the message (Chinese) says why."""


def allowed(material: Material, action: str) -> bool:
    rule = RULES.get(action)
    return rule is not None and material.status in rule.before


def apply(material: Material, action: str, user: Any, reason: str = "") -> StatusChange:
    """Change the material's status by ``action`` and record who, when and why, in one transaction.
    The caller has checked that ``user`` may act as ``RULES[action].by``."""
    rule = RULES.get(action)
    if rule is None:
        raise Refused("未知的操作")
    reason = reason.strip()
    if rule.reason and not reason:
        raise Refused(f"{rule.label}需要填写理由")
    with transaction.atomic():
        locked = Material.objects.select_for_update().get(pk=material.pk)
        if locked.status not in rule.before:
            raise Refused(f"材料当前为“{locked.get_status_display()}”，不能{rule.label}")
        latest = locked.latest()
        if rule.version and (latest is None or latest.error):
            raise Refused("还没有可以审核的材料版本，请先上传材料")
        change = StatusChange.objects.create(material=locked, before=locked.status, after=rule.after,
                                             reason=reason, by=user)
        locked.status = rule.after
        locked.save(update_fields=["status"])
    material.status = rule.after
    return change
