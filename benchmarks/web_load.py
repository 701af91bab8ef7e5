"""Web load: latency of the meeting page, a material page and an upload under concurrent clients.

    .venv/bin/python benchmarks/web_load.py [--db sqlite|postgresql|both] [--seconds 60] [--clients 20]
        [--materials 10000] [--think 0] [--server-threads 8] [--server-workers 2] [--client-processes 1]
        [--upload-field file]
        [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--build-only] [--smoke]

For each database: a fresh one (SQLite in a temporary data directory; PostgreSQL: a database
``bench_web_<pid>`` created for the run and dropped after) is filled by ``web_data.py`` (10,000
materials in 500 meetings, each with one reviewed version); ``duizhao serve`` is started as a
real process on a free loopback port; then three scenarios, one after the other, each
``--seconds`` long with ``--clients`` closed-loop clients (``web_client.py``, in a separate
load process): (a) GET /meetings/<id>/ and (b) GET /materials/<id>/ as the team's secretary,
(c) POST a 10-page .docx to /materials/<id>/upload/ as its writer (each client its own material
and account), timed until the response: the review runs in the request. Success is 200 for
pages and 302 (the redirect after the upload) for uploads; any other status, or a failed
connection, is an error. Printed per database and scenario: requests, errors, p50/p95/p99,
requests per second, the CPU used by the server and by the load process, and the verdict.
Targets: pages p95 ≤ 100 ms, upload p95 ≤ 1,000 ms, no errors.
``--smoke``: 20 materials, 2 clients, 3 s (the CI test).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from web_client import UPLOAD_FIELD, Outcome, Plan, run_processes

HERE = Path(__file__).resolve().parent
SERVE = "import sys; from duizhao_web.cli import main; sys.exit(main())"
PAGE_TARGET_MS = 100.0
UPLOAD_TARGET_MS = 1000.0
DOCX_CHARS = 9000  # about 10 pages of 小四 text
SCENARIOS = ("会议页面 meeting", "材料页面 material", "上传并审核 upload")


@dataclass
class Row:
    scenario: str
    outcomes: list[Outcome]
    expected: int
    target_ms: float
    seconds: float
    client_cpu: float
    server_cpu: float

    def latencies_ms(self) -> list[float]:
        return sorted(x * 1000 for o in self.outcomes for x in o.latencies)

    def errors(self) -> int:
        bad = sum(s != self.expected for o in self.outcomes for s in o.statuses)
        return bad + sum(1 for o in self.outcomes if o.failure)

    def passed(self) -> bool:
        found = self.latencies_ms()
        return bool(found) and self.errors() == 0 and percentile(found, 95) <= self.target_ms


def percentile(ordered: list[float], p: float) -> float:
    """Nearest rank; NaN when there is nothing."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def sample_text() -> str:
    folder = resources.files("duizhao") / "samples"
    names = ("01_clean_personal.txt", "02_template_personal.txt", "batch/04_deputy_personal.txt")
    return "\n".join(folder.joinpath(n).read_text(encoding="utf-8") for n in names)


def docx_bytes(title: str, chars: int = DOCX_CHARS) -> bytes:
    """A Word file of about ``chars`` characters (10 pages), one paragraph per line of the samples."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    lines = [line for line in sample_text().splitlines() if line.strip()][1:]
    total = 0
    while total < chars:
        for line in lines:
            document.add_paragraph(line)
            total += len(line)
            if total >= chars:
                break
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postgres_database(admin_url: str, keep: bool) -> Iterator[str]:
    """A new, empty PostgreSQL database for the run; its URL."""
    import psycopg

    name = f"bench_web_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        if not keep:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def build(data: Path, env: dict[str, str], materials: int) -> tuple[dict[str, Any], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "web_data.py"), "--data", str(data),
                           "--materials", str(materials)], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"建库失败：\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), time.perf_counter() - start


@contextmanager
def server(data: Path, env: dict[str, str], threads: int,
           workers: int) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``duizhao serve`` on a free port, once /login/ answers; stopped afterwards."""
    port = free_port()
    log = (data / "serve.log").open("wb")
    command = [sys.executable, "-c", SERVE, "serve", "--data", str(data), "--port", str(port),
               "--threads", str(threads), "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(port, process, data / "serve.log")
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_for(port: int, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise SystemExit(f"duizhao serve 退出了（{process.returncode}）：\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"duizhao serve 在 {timeout:.0f} s 内没有应答 /login/")


def cpu_seconds(pid: int) -> float:
    """CPU time of the server and its worker processes (``serve --workers``)."""
    return sum(_own_cpu(p) for p in [pid, *_children(pid)])


def _own_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


def plans(world: dict[str, Any], clients: int, field: str, think: float) -> list[list[Plan]]:
    """The clients of each scenario: pages as the secretary, uploads as each material's writer."""
    login, password = world["page_login"], world["password"]
    meeting = [Plan(login, password, "GET", f"/meetings/{world['meeting']}/", 200, think=think)
               for _ in range(clients)]
    material = [Plan(login, password, "GET", f"/materials/{world['material']}/", 200, think=think)
                for _ in range(clients)]
    targets = world["uploads"]
    upload = []
    for i in range(clients):
        writer, material_id = targets[i % len(targets)]
        upload.append(Plan(writer, password, "POST", f"/materials/{material_id}/upload/", 302,
                           docx_bytes(f"对照检查材料（客户端 {i + 1}）"), f"对照检查材料{i + 1}.docx", field,
                           think))
    return [meeting, material, upload]


def measure(port: int, pid: int, scenario: str, group: list[Plan], args: argparse.Namespace) -> Row:
    before, start = cpu_seconds(pid), time.perf_counter()
    outcomes, client_cpu = run_processes(port, group, args.seconds, args.client_processes)
    server_cpu = (cpu_seconds(pid) - before) / (time.perf_counter() - start)
    target = UPLOAD_TARGET_MS if group[0].upload is not None else PAGE_TARGET_MS
    return Row(scenario, outcomes, group[0].expected, target, args.seconds, client_cpu, server_cpu)


def run_database(kind: str, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix="duizhao-web-load-") as tmp, \
            (postgres_database(args.pg_url, args.keep) if kind == "postgresql" else nothing()) as url:
        data = Path(tmp) / "data"
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DUIZHAO_DATA")}
        env.update({"DUIZHAO_DATA": str(data), **({"DATABASE_URL": url} if url else {})})
        world, wall = build(data, env, args.materials)
        stages = "，".join(f"{k} {v:.1f} s" for k, v in world["seconds"].items())
        print(f"\n== {kind}：{world['materials']:,} 份材料、{world['meetings']:,} 次会议，"
              f"建库 {wall:.1f} s（含迁移与启动；{stages}）", flush=True)
        if args.build_only:
            return True
        with server(data, env, args.server_threads, args.server_workers) as (port, process):
            groups = plans(world, args.clients, args.upload_field, args.think)
            rows = [measure(port, process.pid, name, group, args)
                    for name, group in zip(SCENARIOS, groups, strict=True)]
        table(rows)
        if any(r.errors() for r in rows):
            log = (data / "serve.log").read_text()[-1500:]
            print(f"服务器日志的最后部分：\n{log}")
        return all(r.passed() for r in rows)


@contextmanager
def nothing() -> Iterator[str]:
    yield ""


def table(rows: list[Row]) -> None:
    print(f"{'场景':<18} {'请求':>7} {'错误':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'请求/s':>8} "
          f"{'服务器CPU':>9} {'负载CPU':>8}  结论")
    for r in rows:
        found = r.latencies_ms()
        verdict = "PASS" if r.passed() else "FAIL"
        print(f"{r.scenario:<18} {len(found):>7} {r.errors():>6} {percentile(found, 50):>8.1f} "
              f"{percentile(found, 95):>8.1f} {percentile(found, 99):>8.1f} {len(found) / r.seconds:>8.1f} "
              f"{r.server_cpu:>8.0%} {r.client_cpu:>8.0%}  {verdict}  p95 ≤ {r.target_ms:.0f} ms，0 错误")
        statuses = Counter(s for o in r.outcomes for s in o.statuses if s != r.expected)
        failures = Counter(o.failure for o in r.outcomes if o.failure)
        if statuses or failures:
            shown = [f"{s or '连接失败'}×{n}" for s, n in statuses.most_common()]
            print("    错误：" + "，".join(shown + [f"{f}（{n} 个客户端）" for f, n in failures.items()]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="网页负载基准：会议页、材料页、上传并审核的延迟（p50/p95/p99）与错误")
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both",
                        help="数据库（默认 both）")
    parser.add_argument("--seconds", type=float, default=60, help="每个场景的时长，秒（默认 60）")
    parser.add_argument("--clients", type=int, default=20, help="并发客户端数（默认 20）")
    parser.add_argument("--materials", type=int, default=10000, help="材料份数，每次会议 20 份（默认 10000）")
    parser.add_argument("--think", type=float, default=0.0,
                        help="每个客户端两次请求之间的平均停顿，秒（在 0.5–1.5 倍之间随机；"
                             "默认 0：收到应答立即发下一个请求）")
    parser.add_argument("--server-threads", type=int, default=8, help="duizhao serve --threads（默认 8）")
    parser.add_argument("--server-workers", type=int, default=2,
                        help="duizhao serve --workers（默认 2：本机 2 核）")
    parser.add_argument("--client-processes", type=int, default=1, help="客户端分到几个负载进程（默认 1）")
    parser.add_argument("--upload-field", default=UPLOAD_FIELD,
                        help=f"上传表单的文件字段名（默认 {UPLOAD_FIELD}）")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="可建库的 PostgreSQL 连接；本次运行在其中新建并删除 bench_web_<pid>")
    parser.add_argument("--keep", action="store_true", help="保留 PostgreSQL 数据库（便于检查）")
    parser.add_argument("--build-only", action="store_true", help="只建库并打印用时，不启动服务器")
    parser.add_argument("--smoke", action="store_true", help="冒烟测试：20 份材料、2 个客户端、每场景 3 s")
    args = parser.parse_args(argv)
    if args.smoke:
        args.materials, args.clients, args.seconds = 20, 2, 3.0
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"客户端 {args.clients} 个（{args.client_processes} 个负载进程，停顿 {args.think:g} s），"
          f"每场景 {args.seconds:g} s，"
          f"服务器 {args.server_threads} 线程", flush=True)
    results = [run_database(kind, args) for kind in kinds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
