"""``duizhao admin create``: the first administrator of a fresh data directory (a real process)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from web.commands import duizhao

STRONG = "Qiang-mima-2026"


def accounts(data: Path) -> list[tuple[str, int, str, int]]:
    with sqlite3.connect(data / "duizhao.sqlite3") as db:
        return db.execute("SELECT u.username, u.is_superuser, p.role, p.demo FROM auth_user u "
                          "JOIN people_profile p ON p.user_id = u.id").fetchall()


def test_creates_a_superuser_with_the_admin_role(tmp_path: Path) -> None:
    done = duizhao("admin", "create", "--username", "chief", "--password", STRONG, "--data", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "已建立管理员 chief" in done.stdout
    assert accounts(tmp_path) == [("chief", 1, "admin", 0)]


def test_prompts_for_the_password_when_not_given(tmp_path: Path) -> None:
    done = duizhao("admin", "create", "--username", "chief", "--data", str(tmp_path),
                   stdin=f"{STRONG}\n{STRONG}\n")
    assert done.returncode == 0, done.stderr
    assert accounts(tmp_path) == [("chief", 1, "admin", 0)]


def test_weak_password_refused_in_chinese(tmp_path: Path) -> None:
    for weak in ("123", "12345678901", "password123"):
        done = duizhao("admin", "create", "--username", "chief", "--password", weak, "--data", str(tmp_path))
        assert done.returncode == 1
        assert "密码不合要求" in done.stderr
        assert "Traceback" not in done.stderr
    assert accounts(tmp_path) == []


def test_duplicate_refused(tmp_path: Path) -> None:
    args = ("admin", "create", "--username", "chief", "--password", STRONG, "--data", str(tmp_path))
    assert duizhao(*args).returncode == 0
    done = duizhao(*args)
    assert done.returncode == 1
    assert "用户名 chief 已存在" in done.stderr
    assert len(accounts(tmp_path)) == 1


def test_blank_username_refused(tmp_path: Path) -> None:
    done = duizhao("admin", "create", "--username", "  ", "--password", STRONG, "--data", str(tmp_path))
    assert done.returncode == 1
    assert "用户名不能为空" in done.stderr
