"""``duizhao serve`` started for real on a free port: pages, static files, the secret key, WAL,
the demo warning, and PostgreSQL through DATABASE_URL."""

from __future__ import annotations

import http.client
import os
import socket
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from web.commands import duizhao, serving

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"


def test_serves_login_static_and_redirects_home(tmp_path: Path) -> None:
    with serving(tmp_path / "data") as server:
        status, _, body = server.get("/login/")
        assert status == 200
        assert "登录" in body and "用户名" in body
        status, headers, body = server.get("/static/duizhao/app.css")
        assert status == 200
        assert headers["content-type"].startswith("text/css")
        assert body.strip()
        status, headers, _ = server.get("/")
        assert status == 302
        assert headers["location"].startswith("/login/")
    assert f"http://127.0.0.1:{server.port}/" in server.output
    assert "还没有任何账号" in server.output  # a fresh data directory: no account yet
    assert "演示账号" not in server.output


def test_secret_key_private_and_per_data_directory_and_sqlite_in_wal(tmp_path: Path) -> None:
    keys = []
    for name in ("one", "two"):
        data = tmp_path / name
        with serving(data) as server:
            assert server.get("/login/")[0] == 200
        key = data / "secret_key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        keys.append(key.read_text().strip())
        with sqlite3.connect(data / "duizhao.sqlite3") as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(keys[0]) >= 40
    assert keys[0] != keys[1]


def test_the_key_is_kept_across_starts(tmp_path: Path) -> None:
    with serving(tmp_path):
        pass
    first = (tmp_path / "secret_key").read_text()
    with serving(tmp_path):
        pass
    assert (tmp_path / "secret_key").read_text() == first


def test_warns_loudly_about_demo_accounts(tmp_path: Path) -> None:
    assert duizhao("demo-data", "--data", str(tmp_path)).returncode == 0
    with serving(tmp_path) as server:
        assert server.get("/login/")[0] == 200
    assert "警告" in server.output
    assert "演示账号" in server.output
    assert "!" * 60 in server.output


def test_a_real_account_gives_no_warning(tmp_path: Path) -> None:
    assert duizhao("admin", "create", "--username", "chief", "--password", "Qiang-mima-2026",
                   "--data", str(tmp_path)).returncode == 0
    with serving(tmp_path) as server:
        assert server.get("/login/")[0] == 200
    assert "警告" not in server.output
    assert "还没有任何账号" not in server.output


@pytest.fixture
def fresh_postgres() -> Iterator[str]:
    """A database of its own on the local server, dropped afterwards; skipped when no server
    answers (a failure when DUIZHAO_REQUIRE_PG is set)."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("DUIZHAO_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL 不可用（{PG_SERVER}）：{exc}")
        pytest.skip(f"PostgreSQL 不可用（{PG_SERVER}），跳过：{exc}")
    name = f"duizhao_serve_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def test_serves_from_postgresql(tmp_path: Path, fresh_postgres: str) -> None:
    with serving(tmp_path, database_url=fresh_postgres) as server:
        status, _, body = server.get("/login/")
        assert status == 200
        assert "登录" in body
        assert server.get("/")[0] == 302
    assert not (tmp_path / "duizhao.sqlite3").exists()
    done = duizhao("demo-data", "--data", str(tmp_path), database_url=fresh_postgres)
    assert done.returncode == 0, done.stderr
    done = duizhao("demo-data", "--data", str(tmp_path), database_url=fresh_postgres)
    assert done.returncode == 1 and "数据库中已有数据" in done.stderr


@pytest.mark.parametrize("workers", ["1", "3"])
def test_workers_serve_and_stop_together(tmp_path: Path, workers: str) -> None:
    with serving(tmp_path / "data", extra=("--workers", workers)) as server:
        for _ in range(6):  # new connections, spread over the processes
            assert server.get("/login/")[0] == 200
    assert server.process.returncode == 0
    assert f"（{workers} 个进程" in server.output
    with pytest.raises(OSError):  # no worker left listening
        socket.create_connection(("127.0.0.1", server.port), timeout=2).close()


def test_a_taken_port_is_a_clear_error(tmp_path: Path) -> None:
    with serving(tmp_path / "data") as server:
        taken = duizhao("serve", "--port", str(server.port), "--data", str(tmp_path / "other"),
                        "--workers", "1")
    assert taken.returncode == 1
    assert "端口可能已被占用" in taken.stderr and "Traceback" not in taken.stderr


def test_a_huge_request_body_is_refused_before_it_is_read(tmp_path: Path) -> None:
    with serving(tmp_path / "data") as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.putrequest("POST", "/login/")
        connection.putheader("Content-Length", str(200 * 1024 * 1024))
        connection.endheaders()
        connection.send(b"x" * 1024)
        assert connection.getresponse().status == 413
        connection.close()
