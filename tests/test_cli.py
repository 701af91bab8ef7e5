from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from duizhao.cli import main

# A short but complete material, shared by the CLI tests.
GOOD = (Path(__file__).parent / "short_material.txt").read_text(encoding="utf-8")
NO_CAUSES = ("2025年度青川县林业局局长个人对照检查材料\n一、存在的问题\n一是学习不够。\n"
             "三、整改措施\n一是加强学习。\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text(NO_CAUSES, encoding="gb18030")
    (sub / "bad.docx").write_bytes(b"not a zip")
    (sub / "ignored.png").write_bytes(b"\x89PNG")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_json_contract_shape(folder: Path):
    result = run("review", str(folder), "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == 1
    docs = {Path(d["path"]).name: d for d in data["documents"]}
    assert set(docs) == {"a.txt", "b.txt", "bad.docx"}
    a = docs["a.txt"]
    assert set(a) >= {"path", "title", "kind", "unit", "post", "grade", "text", "outline", "stats",
                      "findings", "error"}
    assert a["kind"] == "personal" and a["post"] == "局长" and a["error"] is None
    assert [s["role"] for s in a["outline"]] == ["problems", "causes", "measures"]
    item = a["outline"][0]["children"][0]
    assert item["role"] == "item" and item["label"] == "一是"
    assert a["text"][item["start"]:item["start"] + 2] == "一是"
    assert set(a["stats"]) == {"chars", "problems_chars", "causes_chars", "measures_chars"}
    missing = [f for f in docs["b.txt"]["findings"] if f["check"] == "structure-missing-section"]
    assert missing and set(missing[0]) == {"check", "severity", "message", "hint", "start", "end"}
    assert docs["bad.docx"]["error"] and docs["bad.docx"]["grade"] is None


def test_exit_codes(folder: Path):
    assert run("review", str(folder / "sub" / "b.txt")).exit_code == 1
    assert run("review", str(folder / "sub" / "b.txt"), "--fail-on", "never").exit_code == 0
    assert run("review", str(folder / "missing.txt")).exit_code == 2
    assert run("review", str(folder), "--format", "pdf").exit_code == 2


def test_unreadable_file_does_not_stop_the_batch(folder: Path):
    result = run("review", str(folder), "--fail-on", "never")
    assert "无法读取" in result.stdout and "a.txt" in result.stdout and "b.txt" in result.stdout
    assert "共审核 3 份材料" in result.stdout


def test_text_report_marks_excerpt(folder: Path):
    result = run("review", str(folder / "sub" / "b.txt"))
    assert "structure-missing-section" in result.stdout
    assert "建议：" in result.stdout and "【" in result.stdout


def test_output_files(folder: Path, tmp_path: Path):
    out = tmp_path / "r.json"
    result = run("review", str(folder / "a.txt"), "--format", "json", "-o", str(out))
    assert result.exit_code in (0, 1)
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["path"].endswith("a.txt")


def test_aspects_and_notice_are_exclusive(folder: Path, tmp_path: Path):
    aspects = tmp_path / "aspects.txt"
    aspects.write_text("政治建设\n", encoding="utf-8")
    result = run("review", str(folder / "a.txt"), "--aspects", str(aspects), "--notice", str(aspects))
    assert result.exit_code == 2 and "只能选一个" in result.stderr


def test_bad_config_is_a_usage_error(folder: Path, tmp_path: Path):
    config = tmp_path / "duizhao.toml"
    config.write_text("[thresholds]\nmin_chars = 'x'\n", encoding="utf-8")
    result = run("review", str(folder / "a.txt"), "--config", str(config))
    assert result.exit_code == 2 and "min_chars" in result.stderr


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and group under ``group``, found from the group itself, so none is missed."""
    found = [list(prefix)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, (*prefix, name))
        else:
            found.append([*prefix, name])
    return found


@pytest.mark.parametrize("command", _commands(main), ids=" ".join)
def test_every_command_has_help(command: list[str]):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage" in result.stdout


def test_the_help_walk_finds_the_new_commands():
    assert {"aspects", "ledger draft", "corpus add"} <= {" ".join(c) for c in _commands(main)}


def test_review_help_documents_exit_codes():
    assert "退出码" in run("review", "--help").stdout


def test_demo_writes_report(tmp_path: Path):
    out = tmp_path / "demo.html"
    result = run("demo", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"<!")
    assert str(out) in result.stdout
    assert "共审核 4 份材料" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "04_deputy_personal.txt" in page and "similar-to-colleague" in page and "c-copy" in page


def test_console_script_runs(folder: Path):
    import subprocess

    exe = Path(sys.executable).with_name("duizhao")
    done = subprocess.run([str(exe), "review", str(folder / "a.txt"), "--format", "json"],
                          capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1) and json.loads(done.stdout)["version"] == 1
