"""The web load benchmark: its data builder, its Word file, its percentiles, and a smoke run of the
whole harness (a real ``duizhao serve`` on SQLite, 2 clients, 3 s per scenario)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import web_load  # noqa: E402


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DUIZHAO_DATA"] = str(data)
    return env


def build(data: Path, materials: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH / "web_data.py"), "--data", str(data),
                           "--materials", str(materials)], env=env_for(data), capture_output=True,
                          text=True, timeout=120)


def test_builder_fills_meetings_of_twenty_materials(tmp_path):
    done = build(tmp_path / "data", 40)
    assert done.returncode == 0, done.stderr
    world = json.loads(done.stdout.strip().splitlines()[-1])
    assert (world["materials"], world["meetings"]) == (40, 2)
    materials = [m for _, m in world["uploads"]]
    assert len(set(materials)) == len(materials) == 2 * 19  # every writer of the team, in both meetings
    assert world["material"] in materials and world["page_login"] == "secretary"
    assert set(world["seconds"]) == {"review_samples", "structure", "versions", "total"}


def test_builder_refuses_a_database_with_data(tmp_path):
    assert build(tmp_path / "data", 20).returncode == 0
    again = build(tmp_path / "data", 20)
    assert again.returncode == 2
    assert "已有数据" in again.stderr


def test_upload_is_a_word_file_of_about_ten_pages():
    document = docx.Document(io.BytesIO(web_load.docx_bytes("标题")))
    chars = sum(len(p.text) for p in document.paragraphs)
    assert web_load.DOCX_CHARS <= chars < web_load.DOCX_CHARS + 1000
    assert document.paragraphs[0].text == "标题"


@pytest.mark.parametrize(("p", "expected"), [(50, 50.0), (95, 95.0), (99, 99.0), (100, 100.0)])
def test_percentile_is_the_nearest_rank(p, expected):
    assert web_load.percentile([float(x) for x in range(1, 101)], p) == expected


def test_percentile_of_nothing_is_nan():
    assert web_load.percentile([], 95) != web_load.percentile([], 95)


def test_smoke_run_serves_three_scenarios_without_errors(tmp_path):
    """Fails while the meeting, material and upload views are placeholders (404)."""
    done = subprocess.run([sys.executable, str(BENCH / "web_load.py"), "--smoke", "--db", "sqlite"],
                          env=env_for(tmp_path / "unused"), capture_output=True, text=True, timeout=60)
    assert "建库" in done.stdout, done.stdout + done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines()
            if line.split() and line.split()[0] in {s.split()[0] for s in web_load.SCENARIOS}}
    assert set(rows) == {"会议页面", "材料页面", "上传并审核"}, done.stdout
    for name, row in rows.items():
        requests, errors = int(row[2]), int(row[3])
        assert requests > 0 and errors == 0, f"{name}: {done.stdout}"
