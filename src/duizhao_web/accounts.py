"""Accounts made from the command line, and what ``serve`` says about them at start."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from duizhao_web.people.models import Profile, Role


class AccountRefused(Exception):
    """The account was not made: the message (Chinese) says why."""


def create_admin(username: str, password: str) -> None:
    users = get_user_model()
    username = username.strip()
    if not username:
        raise AccountRefused("用户名不能为空")
    if users.objects.filter(username=username).exists():
        raise AccountRefused(f"用户名 {username} 已存在")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise AccountRefused("密码不合要求：" + "；".join(exc.messages)) from exc
    with transaction.atomic():
        user = users.objects.create_superuser(username=username, password=password)
        Profile.objects.create(user=user, role=Role.ADMIN)


def startup_notes() -> list[str]:
    """Warnings for the console: no account at all, or demo accounts with their known password."""
    users = get_user_model()
    if not users.objects.exists():
        return ["数据库中还没有任何账号：请先运行 duizhao admin create 建立管理员，"
                "或 duizhao demo-data 载入演示数据。"]
    demo = Profile.objects.filter(demo=True).count()
    if demo:
        return ["!" * 60,
                f"警告：数据库中有 {demo} 个演示账号，密码是公开的。正式使用前请换用新的数据目录，",
                "或在后台删除这些账号。",
                "!" * 60]
    return []
