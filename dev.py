#!/usr/bin/env python3
"""Set-up and entry point for a fresh machine: needs only python3.

    python3 dev.py run    create/refresh .venv, load the demo data into an empty database, start the
                          web app on http://127.0.0.1:8000/ and print the demo logins
    python3 dev.py test   create/refresh .venv, run ruff, mypy and the whole pytest suite (on SQLite,
                          then the web tests again on PostgreSQL)

Any further arguments after `run` are passed to `duizhao` instead (e.g. `run demo` writes the
HTML report of the bundled sample materials).
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
    if args:
        return subprocess.call([str(BIN / "duizhao"), *args])
    code = subprocess.call([str(BIN / "duizhao"), "demo-data", "--if-empty"])
    return code or subprocess.call([str(BIN / "duizhao"), "serve"])


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


def ensure_debian_packages() -> None:
    """Install what the tests need from Debian when it is missing and this runs as root with
    apt-get: LibreOffice for the .doc conversion and Word-comment tests, Chromium and CJK fonts
    for the browser tests."""
    import shutil

    wanted = {"libreoffice-writer-nogui": shutil.which("soffice") or shutil.which("libreoffice"),
              "chromium": shutil.which("chromium"),
              "fonts-noto-cjk": Path("/usr/share/fonts/opentype/noto").is_dir()}
    missing = [package for package, found in wanted.items() if not found]
    if not missing or not shutil.which("apt-get") or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    print(f"正在用 apt-get 安装 {' '.join(missing)} …", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.call(["apt-get", "update", "-qq"], env=env) == 0:
        subprocess.call(["apt-get", "install", "-y", "-qq", *missing], env=env)


PG_WEB = "postgresql://postgres@127.0.0.1:5432/duizhao"  # pytest-django makes test_duizhao


def postgres_up() -> bool:
    import shutil

    return bool(shutil.which("pg_isready")) and subprocess.call(
        ["pg_isready", "-q", "-h", "127.0.0.1"]) == 0


def test(args: list[str]) -> int:
    import tempfile

    ensure_postgres()
    ensure_debian_packages()
    if os.environ.get("CI"):  # in CI a missing server, converter or browser is a failure, not a skip
        for name in ("DUIZHAO_REQUIRE_PG", "DUIZHAO_REQUIRE_LIBREOFFICE", "DUIZHAO_REQUIRE_BROWSER"):
            os.environ.setdefault(name, "1")
    os.environ.setdefault("DUIZHAO_DATA", tempfile.mkdtemp(prefix="duizhao-test-data-"))
    os.environ.pop("DATABASE_URL", None)
    steps = [
        ([str(BIN / "ruff"), "check", "src", "tests", "benchmarks", "dev.py"], {}),
        ([str(BIN / "mypy")], {}),
        ([str(BIN / "python"), "-m", "pytest", *args], {}),
    ]
    if not args and (postgres_up() or os.environ.get("DUIZHAO_REQUIRE_PG")):
        steps.append(([str(BIN / "python"), "-m", "pytest", "tests/web"], {"DATABASE_URL": PG_WEB}))
    for step, extra in steps:
        shown = " ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step))
        print("$", *(f"{k}={v}" for k, v in extra.items()), shown, flush=True)
        code = subprocess.call(step, cwd=ROOT, env={**os.environ, **extra})
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
