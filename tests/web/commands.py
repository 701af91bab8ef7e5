"""Helpers for the command tests: run ``duizhao`` as a separate process, start ``serve`` on a
free port, and count what the demo data holds through any DB-API cursor (SQLite file or Django)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

COMMAND = [sys.executable, "-c", "from duizhao_web.cli import main; main()"]


def environment(database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUIZHAO_DATA")}
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def duizhao(*args: str, database_url: str | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, text=True, timeout=300,
                          env=environment(database_url))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Server:
    port: int
    process: subprocess.Popen[str]
    output: str = ""

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@contextmanager
def serving(data: Path, database_url: str | None = None, extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """``duizhao serve`` in its own process; its whole output is in ``output`` afterwards."""
    port = free_port()
    process = subprocess.Popen([*COMMAND, "serve", "--port", str(port), "--data", str(data), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=environment(database_url))
    server = Server(port, process)
    try:
        wait_for(port, process)
        yield server
    finally:
        process.terminate()
        server.output = process.communicate(timeout=30)[0]


def wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}: {process.communicate()[0]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("serve did not start listening within 60 s")


def scalar(cursor: Any, sql: str) -> int:
    cursor.execute(sql)
    value: int = cursor.fetchone()[0]
    return value


def counts(cursor: Any) -> dict[str, Any]:
    """What the demo data holds, by plain SQL (so a SQLite file made by another process counts too)."""
    cursor.execute("SELECT p.role, count(*) FROM people_profile p WHERE p.demo GROUP BY p.role")
    roles = dict(cursor.fetchall())
    cursor.execute("SELECT m.id, count(v.id) FROM materials_material m JOIN materials_version v "
                   "ON v.material_id = m.id GROUP BY m.id")
    versions = [n for _, n in cursor.fetchall()]
    cursor.execute("SELECT status, count(*) FROM materials_material GROUP BY status")
    statuses = dict(cursor.fetchall())
    return {"teams": scalar(cursor, "SELECT count(*) FROM people_team"),
            "meetings": scalar(cursor, "SELECT count(*) FROM meetings_meeting"),
            "organisations": scalar(cursor, "SELECT count(*) FROM people_organisation"),
            "roles": roles, "versions": versions, "statuses": statuses,
            "opinions": scalar(cursor, "SELECT count(*) FROM meetings_opinion"),
            "returned_with_reason": scalar(cursor, "SELECT count(*) FROM materials_statuschange "
                                                   "WHERE after = 'returned' AND reason <> ''"),
            "missing_talks": missing_talks(cursor)}


def missing_talks(cursor: Any) -> dict[str, int]:
    """Per team, the required talk pairs (principal ↔ member, member ↔ member, member ↔ head
    overseen) with no record in the team's meeting."""
    cursor.execute("SELECT t.name, p.id FROM people_person p JOIN people_team t ON p.team_id = t.id")
    teams: dict[str, set[int]] = {}
    for team, person in cursor.fetchall():  # principal ↔ each member and members pairwise: every pair
        teams.setdefault(team, set()).add(person)
    cursor.execute("SELECT from_person_id, to_person_id FROM people_person_oversees")
    oversees = cursor.fetchall()
    cursor.execute("SELECT first_id, second_id FROM meetings_talk")
    held = {frozenset(pair) for pair in cursor.fetchall()}
    missing = {}
    for team, ids in teams.items():
        required = {frozenset(pair) for pair in combinations(sorted(ids), 2)}
        required |= {frozenset(pair) for pair in oversees if pair[0] in ids}
        missing[team] = len(required - held)
    return missing
