"""``duizhao demo-data``: into an empty SQLite data directory (a real process), refused into a
database that has data, ``--if-empty`` a no-op; and ``demo.load()`` in-process on the test database
(SQLite or PostgreSQL, as DATABASE_URL says)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from duizhao_web import demo
from web.commands import counts, duizhao

FIRST_TEAM = "示例市农业农村局领导班子"


def check(found: dict[str, Any]) -> None:
    assert found["teams"] == 2
    assert found["meetings"] == 2
    assert found["organisations"] == 3
    assert set(found["roles"]) == {"admin", "reviewer", "secretary", "member"}
    assert found["roles"]["member"] >= 3
    assert found["roles"]["secretary"] == 2
    assert sorted(found["versions"]) == [2, 2, 2]  # clean, copied, defective: two versions each
    assert found["statuses"]["submitted"] == 1
    assert found["statuses"]["returned"] == 1
    assert found["statuses"]["approved"] == 1
    assert found["returned_with_reason"] >= 1
    assert found["opinions"] >= 6
    assert found["missing_talks"] == {FIRST_TEAM: 1, "示例市投资促进局领导班子": 0}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data = tmp_path_factory.mktemp("demo") / "data"
    done = duizhao("demo-data", "--data", str(data))
    assert done.returncode == 0, done.stderr
    return data, done.stdout


def sqlite_counts(data: Path) -> dict[str, Any]:
    with sqlite3.connect(data / "duizhao.sqlite3") as db:
        return counts(db.cursor())


def test_loads_into_an_empty_data_directory(loaded: tuple[Path, str]) -> None:
    data, output = loaded
    check(sqlite_counts(data))
    assert "已载入演示数据" in output
    assert demo.PASSWORD in output
    for login, label in demo.LOGINS:
        assert login in output
        assert label in output


def test_refused_into_a_database_with_data(loaded: tuple[Path, str]) -> None:
    data, _ = loaded
    done = duizhao("demo-data", "--data", str(data))
    assert done.returncode == 1
    assert "数据库中已有数据" in done.stderr
    assert "Traceback" not in done.stderr
    check(sqlite_counts(data))  # nothing loaded twice


def test_if_empty_is_a_no_op_that_lists_the_demo_logins(loaded: tuple[Path, str]) -> None:
    data, _ = loaded
    done = duizhao("demo-data", "--if-empty", "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "未载入演示数据" in done.stdout
    assert all(login in done.stdout for login, _ in demo.LOGINS)
    check(sqlite_counts(data))


def test_if_empty_without_demo_accounts_says_so(tmp_path: Path) -> None:
    data = tmp_path / "real"
    assert duizhao("admin", "create", "--username", "chief", "--password", "Qiang-mima-2026",
                   "--data", str(data)).returncode == 0
    with sqlite3.connect(data / "duizhao.sqlite3") as db:
        db.execute("INSERT INTO people_organisation (name) VALUES ('某单位')")
    done = duizhao("demo-data", "--if-empty", "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "没有演示账号" in done.stdout


def test_if_empty_loads_into_an_empty_database(tmp_path: Path) -> None:
    done = duizhao("demo-data", "--if-empty", "--data", str(tmp_path / "fresh"))
    assert done.returncode == 0, done.stderr
    assert "已载入演示数据" in done.stdout


@pytest.mark.django_db
def test_load_in_process_on_the_test_database() -> None:
    assert demo.empty()
    demo.load()
    assert not demo.empty()
    with connection.cursor() as cursor:
        check(counts(cursor))
    assert demo.present() == demo.LOGINS


@pytest.mark.django_db
def test_the_first_teams_meeting_is_weeks_ahead_and_has_the_notices_aspects() -> None:
    from django.utils import timezone

    from duizhao_web.meetings.models import Meeting

    demo.load()
    meeting = Meeting.objects.get(team__name=FIRST_TEAM)
    assert 14 <= (meeting.date - timezone.localdate()).days <= 35
    assert meeting.year == timezone.localdate().year
    assert len(meeting.aspects) == 5
    assert "${" not in meeting.notice
    assert all("${" not in v.text for m in meeting.materials.all() for v in m.versions.all())
