"""Shared fixtures: sample materials written for this project, and the seeds when present."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.corpus import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PG_URL = os.environ.get("DUIZHAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def ctx() -> ReviewContext:
    return ReviewContext(settings=Settings())


@pytest.fixture
def sample_corpus(tmp_path: Path) -> Iterator[Store]:
    """A SQLite corpus holding the clean sample material, labelled 2024年度材料 (corpus id 1)."""
    text = (resources.files("duizhao") / "samples" / "01_clean_personal.txt").read_text(encoding="utf-8")
    with open_store(str(tmp_path / "corpus.sqlite3")) as corpus:
        corpus.add_document(text, label="2024年度材料", year=2024, author=None, added_at=datetime(2026, 1, 1))
        yield corpus


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema of its own, dropped afterwards; skipped,
    with the reason, when no server answers (a failure instead when DUIZHAO_REQUIRE_PG is set)."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("DUIZHAO_REQUIRE_PG"):
            pytest.fail(f"PostgreSQL 不可用（{PG_URL}）：{exc}")
        pytest.skip(f"PostgreSQL 不可用（{PG_URL}），跳过：{exc}")
    schema = f"duizhao_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


@pytest.fixture
def soffice() -> str:
    """The LibreOffice executable; skipped, with the reason, when it is not installed (a failure
    instead when DUIZHAO_REQUIRE_LIBREOFFICE is set, as ``dev.py test`` does in CI)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("DUIZHAO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice（soffice）未安装")
        pytest.skip("LibreOffice（soffice）未安装，跳过")
    return found
