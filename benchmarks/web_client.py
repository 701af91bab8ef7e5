"""The load generator of ``web_load.py``: closed-loop clients, each with its own keep-alive
connection and its own signed-in session, timing every request.

A client signs in like a browser (GET /login/ for the CSRF cookie and token, POST the
credentials, keep the ``sessionid`` cookie), makes one warm-up request, waits for the others, then
repeats its request until the time is up. Clients run as threads of a load process (by default
one process, so the load generator's GIL is not the server's); ``run_processes`` starts them.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

UPLOAD_FIELD = "file"  # the upload form's file field (materials/views.py); web_load.py --upload-field
CSRF_FIELD = "csrfmiddlewaretoken"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Plan:
    """One client's work: who signs in, what it requests, what status counts as success."""

    login: str
    password: str
    method: str
    path: str
    expected: int
    upload: bytes | None = None  # the .docx for POST uploads
    upload_name: str = "材料.docx"
    upload_field: str = UPLOAD_FIELD
    think: float = 0.0  # mean seconds between a response and the next request (0: closed loop)


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # seconds, every measured request
    statuses: list[int] = field(default_factory=list)  # 0: the connection failed
    failure: str = ""  # a client that could not sign in or warm up


class Session:
    """One keep-alive connection with its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, str]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, path, body=body, headers=sent)
            response = self.conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            return 0, ""
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return response.status, text

    def token(self, page: str) -> str:
        found = TOKEN.search(page)
        return found.group(1) if found else self.cookies.get("csrftoken", "")

    def login(self, login: str, password: str) -> str:
        """Sign in; an empty string, or what went wrong."""
        status, page = self.request("GET", "/login/")
        if status != 200:
            return f"GET /login/ → {status}"
        form = urlencode({CSRF_FIELD: self.token(page), "username": login, "password": password})
        status, _ = self.request("POST", "/login/", form.encode(),
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 302 or "sessionid" not in self.cookies:
            return f"POST /login/ as {login} → {status}（未登录）"
        return ""


def multipart(fields: dict[str, str], name: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: {DOCX_TYPE}\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def timed_once(session: Session, plan: Plan) -> tuple[float, int]:
    """One request, timed. An upload posts the CSRF cookie's value as the form token (Django accepts
    the unmasked secret), as a page's form would after the login rotated it."""
    body, headers = None, {}
    if plan.upload is not None:
        token = session.cookies.get("csrftoken", "")
        body, kind = multipart({CSRF_FIELD: token}, plan.upload_field, plan.upload_name, plan.upload)
        headers = {"Content-Type": kind}
    start = time.perf_counter()
    status = session.request(plan.method, plan.path, body, headers)[0]
    return time.perf_counter() - start, status


def client(port: int, plan: Plan, seconds: float, ready: Any, out: Outcome) -> None:
    session = Session(port)
    out.failure = session.login(plan.login, plan.password)
    if not out.failure:
        timed_once(session, plan)  # warm-up: not counted
    ready.wait()
    if out.failure:
        return
    end = time.perf_counter() + seconds
    pause = random.Random(id(out))
    time.sleep(pause.uniform(0, plan.think))  # with a think time, clients start spread out
    while time.perf_counter() < end:
        latency, status = timed_once(session, plan)
        out.latencies.append(latency)
        out.statuses.append(status)
        time.sleep(plan.think * pause.uniform(0.5, 1.5))  # jittered: no bursts in step


def load_process(port: int, plans: list[Plan], seconds: float, ready: Any, results: Any) -> None:
    """Run ``plans`` as threads; put (outcomes, CPU seconds, wall seconds) of the measured part."""
    outcomes = [Outcome() for _ in plans]
    local = threading.Barrier(len(plans) + 1)
    threads = [threading.Thread(target=client, args=(port, p, seconds, local, o))
               for p, o in zip(plans, outcomes, strict=True)]
    for thread in threads:
        thread.start()
    local.wait()  # every client signed in and warmed up
    ready.wait()  # every load process too
    cpu, wall = sum(os.times()[:2]), time.perf_counter()
    for thread in threads:
        thread.join()
    results.put(([(o.latencies, o.statuses, o.failure) for o in outcomes],
                 sum(os.times()[:2]) - cpu, time.perf_counter() - wall))


def run_processes(port: int, plans: list[Plan], seconds: float,
                  processes: int) -> tuple[list[Outcome], float]:
    """All clients, split over ``processes`` load processes; their outcomes and the load processes'
    CPU use over the measured time (1.0 = one core busy)."""
    ctx = multiprocessing.get_context("spawn")
    shares = [plans[i::processes] for i in range(processes) if plans[i::processes]]
    ready, results = ctx.Barrier(len(shares)), ctx.Queue()
    workers = [ctx.Process(target=load_process, args=(port, share, seconds, ready, results))
               for share in shares]
    for worker in workers:
        worker.start()
    gathered = [results.get(timeout=seconds + 600) for _ in workers]
    for worker in workers:
        worker.join()
    outcomes = [Outcome(lat, st, fail) for rows, _, _ in gathered for lat, st, fail in rows]
    cpu = sum(c for _, c, _ in gathered) / max(w for _, _, w in gathered)
    return outcomes, cpu
