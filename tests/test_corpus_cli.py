"""``duizhao corpus``: the click group run with CliRunner on SQLite (and once on PostgreSQL)."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from duizhao.corpus import open_store
from duizhao.corpus_cli import corpus, table, width
from duizhao.similarity import SignatureParams

OWN = """某某乡党委领导班子2024年度民主生活会对照检查材料

一、存在的问题
班子成员到村组调研多是听汇报、看材料，与普通群众面对面交流不多，掌握的情况不够全面。
对年初确定的三项重点工作，推进中存在前紧后松现象，个别项目直到年底才完成验收。
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The three sample materials and one written here, in a folder with a subfolder."""
    found = tmp_path / "材料"
    (found / "子目录").mkdir(parents=True)
    samples = resources.files("duizhao") / "samples"
    for name in ("01_clean_personal.txt", "02_template_personal.txt"):
        shutil.copy(str(samples / name), found / name)
    shutil.copy(str(samples / "03_team.txt"), found / "子目录" / "03_team.txt")
    (found / "own.txt").write_text(OWN, encoding="utf-8")
    return found


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(corpus, [*args, "--db", db])


def test_add_list_stats_and_readd(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    added = run(db, "add", str(folder), "--label", "网络范文", "--year", "2024", "--author", "办公室")
    assert added.exit_code == 0, added.output
    assert added.output.count("已收录（编号") == 4
    assert "共收录 4 篇，已存在 0 篇，无法读取 0 篇。" in added.output
    listed = run(db, "list")
    lines = listed.output.splitlines()
    assert lines[0].split() == ["编号", "标签", "年度", "作者", "段落", "字数", "添加时间", "标题"]
    assert len(lines) == 6 and all("网络范文  2024  办公室" in line for line in lines[2:])
    assert "某某乡党委领导班子2024年度民主生活会对照检查材料" in listed.output
    again = run(db, "add", str(folder / "own.txt"))
    assert again.exit_code == 0 and "未重复收录" in again.output and "已存在 1 篇" in again.output
    stats = run(db, "stats")
    assert "文档：4 篇" in stats.output and "网络范文：4 篇" in stats.output
    assert "band=42x3" in stats.output and "数据库大小" in stats.output


def test_remove_by_id_and_label(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    run(db, "add", str(folder / "own.txt"), "--label", "甲")
    run(db, "add", str(folder / "子目录"), "--label", "乙")
    removed = run(db, "remove", "1")
    assert removed.exit_code == 0 and "已删除 1 篇" in removed.output
    assert run(db, "remove", "--label", "乙").exit_code == 0
    assert run(db, "list").output.strip() == "语料库中还没有文档。"
    missing = run(db, "remove", "1")
    assert missing.exit_code == 1 and "没有找到要删除的文档" in missing.output


def test_usage_errors_exit_2(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite3")
    (tmp_path / "空").mkdir()
    assert run(db, "remove").exit_code == 2
    assert run(db, "remove", "1", "--label", "甲").exit_code == 2
    assert run(db, "add", str(folder), "--year", "3000").exit_code == 2
    empty = run(db, "add", str(tmp_path / "空"))
    assert empty.exit_code == 2 and "没有找到可收录的材料" in empty.output


def test_unreadable_file_exits_1_and_others_are_added(folder: Path, tmp_path: Path) -> None:
    (folder / "坏.txt").write_bytes(b"")
    db = str(tmp_path / "c.sqlite3")
    result = run(db, "add", str(folder))
    assert result.exit_code == 1
    assert "无法读取" in result.output and "坏.txt" in result.output and "共收录 4 篇" in result.output


def test_bad_database_and_other_params_exit_2(tmp_path: Path) -> None:
    assert run("mysql://x/y", "list").exit_code == 2
    db = str(tmp_path / "c.sqlite3")
    open_store(db, SignatureParams(ngram=4)).close()
    stats = run(db, "stats")  # the stored parameters are used, so the corpus stays usable
    assert stats.exit_code == 0 and "n=4" in stats.output
    with open_store(db) as store:  # an index made by a program with another normaliser
        store.db.run("UPDATE meta SET value = ? WHERE name = 'params_key'", ("minhash1;other;norm=0",))
    refused = run(db, "list")
    assert refused.exit_code == 2 and "相似度签名参数不一致" in refused.output


def test_database_from_environment(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "env.sqlite3")
    result = CliRunner().invoke(corpus, ["add", str(folder / "own.txt")], env={"DUIZHAO_DB": db})
    assert result.exit_code == 0 and Path(db).exists()


def test_table_aligns_wide_characters() -> None:
    text = table(["编号", "标题"], [["1", "甲"], ["12", "乙"]])
    assert text.splitlines() == ["编号  标题", "----  ----", "1     甲", "12    乙"]
    assert width("a民2") == 4


def test_postgresql_round_trip(folder: Path, pg_url: str) -> None:
    assert run(pg_url, "add", str(folder), "--label", "甲").exit_code == 0
    assert "文档：4 篇" in run(pg_url, "stats").output
    assert "已删除 4 篇" in run(pg_url, "remove", "--label", "甲").output
