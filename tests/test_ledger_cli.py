"""``duizhao ledger draft`` run with CliRunner: formats, files, a .docx, bad input, exit codes."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from io import BytesIO
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from duizhao.cli import main

SAMPLES = Path(str(resources.files("duizhao") / "samples"))


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["ledger", "draft", *args])


@pytest.fixture
def material(tmp_path: Path) -> Path:
    path = tmp_path / "局长材料.txt"
    shutil.copy(SAMPLES / "01_clean_personal.txt", path)
    return path


def test_json_to_stdout(material: Path) -> None:
    result = run(str(material), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["rows"]) == 15 and data["rows"][0]["material"] == "局长材料.txt"


def test_xlsx_to_a_file_with_an_owner(material: Path, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    result = run(str(material), "-o", str(out), "--owner", "王五")
    assert result.exit_code == 0, result.output
    assert "台账已写入" in result.stderr and "15 行" in result.stderr
    ws = load_workbook(BytesIO(out.read_bytes()))["整改台账"]
    assert ws["G3"].value == "王五"


def test_notice_aspects(material: Path) -> None:
    result = run(str(material), "--notice", str(SAMPLES / "notice.txt"), "--format", "text")
    assert result.exit_code == 0, result.output
    assert "【在加强政治建设方面】" in result.stdout


def test_notice_and_aspects_together_is_a_usage_error(material: Path, tmp_path: Path) -> None:
    aspects = tmp_path / "方面.txt"
    aspects.write_text("带头强化政治建设\n", encoding="utf-8")
    result = run(str(material), "--notice", str(SAMPLES / "notice.txt"), "--aspects", str(aspects))
    assert result.exit_code == 2 and "只能选一个" in result.output


def test_an_unreadable_material_is_reported_and_the_rest_drafted(material: Path, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"this is no zip")
    empty = tmp_path / "没有问题.txt"
    empty.write_text("一段没有结构的文字。", encoding="utf-8")
    result = run(str(material), str(broken), str(empty), "--format", "text")
    assert result.exit_code == 1
    assert "未能起草" in result.stderr and "坏文件.docx" in result.stderr
    assert "没有问题.txt" in result.stderr and "存在的问题" in result.stderr
    assert "共 15 行，来自 1 份材料，2 份未能起草。" in result.stdout


def test_a_docx_material(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (SAMPLES / "03_team.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "班子材料.docx"
    document.save(str(path))
    result = run(str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 14 and rows[0]["owner"] == "青川县石门乡党委领导班子"
    assert rows[0]["measures"].startswith("（一）")


def test_help_states_the_method_and_the_exit_codes() -> None:
    result = run("--help")
    assert "对应方法" in result.output and "退出码" in result.output and "一季度" in result.output


def test_nothing_drafted_writes_no_ledger(tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"PK\x03\x04 not a package")
    out = tmp_path / "台账.xlsx"
    result = run(str(broken), "-o", str(out))
    assert result.exit_code == 1
    assert "未能起草" in result.stderr and "未写入台账" in result.stderr
    assert not out.exists()
