#!/usr/bin/env python3
"""Set-up and entry point for a fresh machine: needs only python3.

    python3 dev.py run    create/refresh .venv, review the bundled samples, write an HTML report
    python3 dev.py test   create/refresh .venv, run ruff, mypy and the whole pytest suite

Any further arguments after `run` are passed to `duizhao` instead of the default `demo`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".duizhao-installed"


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    """Create the virtualenv, and (re)install the project when pyproject.toml changed."""
    if not (BIN / "python").exists():
        print("创建虚拟环境 .venv …", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    print("安装依赖 …", file=sys.stderr)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(_fingerprint())


def run(args: list[str]) -> int:
    return subprocess.call([str(BIN / "duizhao"), *(args or ["demo"])])


def ensure_postgres() -> None:
    """Start the local PostgreSQL cluster when it is installed but down (the PostgreSQL tests
    need 127.0.0.1:5432 and skip, saying why, where there is no server at all)."""
    import shutil

    if not shutil.which("pg_isready") or subprocess.call(
            ["pg_isready", "-q", "-h", "127.0.0.1"]) == 0:
        return
    clusters = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").is_dir() else []
    if clusters and shutil.which("pg_ctlcluster"):
        print("启动本机 PostgreSQL …", file=sys.stderr)
        subprocess.call(["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1].name, "main",
                         "start"])


def ensure_libreoffice() -> None:
    """Install LibreOffice (Debian's libreoffice-writer-nogui) when it is missing and this runs as
    root with apt-get: the .doc conversion and Word-comment tests need it."""
    import shutil

    if shutil.which("soffice") or shutil.which("libreoffice") or not shutil.which("apt-get"):
        return
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    print("未找到 LibreOffice，正在用 apt-get 安装 libreoffice-writer-nogui …", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.call(["apt-get", "update", "-qq"], env=env) == 0:
        subprocess.call(["apt-get", "install", "-y", "-qq",
                         "libreoffice-writer-nogui"], env=env)


def test(args: list[str]) -> int:
    ensure_postgres()
    ensure_libreoffice()
    if os.environ.get("CI"):  # in CI a missing server or converter is a failure, not a skip
        os.environ.setdefault("DUIZHAO_REQUIRE_PG", "1")
        os.environ.setdefault("DUIZHAO_REQUIRE_LIBREOFFICE", "1")
    steps = [
        [str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "dev.py"],
        [str(BIN / "mypy")],
        [str(BIN / "python"), "-m", "pytest", *args],
    ]
    for step in steps:
        print("$", " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)),
              flush=True)
        code = subprocess.call(step, cwd=ROOT)
        if code:
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__, file=sys.stderr)
        return 2
    ensure_venv()
    command, rest = sys.argv[1], sys.argv[2:]
    return run(rest) if command == "run" else test(rest)


if __name__ == "__main__":
    sys.exit(main())
