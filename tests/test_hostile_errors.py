"""Hostile input ends in a review or a clear Chinese error for that file only (issue 8)."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from duizhao.checks.registry import ReviewContext
from duizhao.cli import main
from duizhao.config import ConfigError, Settings, load_settings, settings_from
from duizhao.corpus import CorpusError, open_store
from duizhao.names import shown
from duizhao.reading import Extracted, UnreadableDocument, read_text_of, run_reader
from duizhao.reports import render
from duizhao.review import check_ids, collect, review_paths

# A short but complete material, shared by the CLI tests.
GOOD = (Path(__file__).parent / "short_material.txt").read_text(encoding="utf-8")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def unknown_encoding_docx(path: Path) -> Path:
    """A .docx whose main part declares an encoding no codec knows (LookupError before the fix)."""
    plain = path.with_name("plain.docx")
    document = docx.Document()
    document.add_paragraph("存在的问题")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"encoding=['\"]UTF-8['\"]", b'encoding="UTF-e"', data, count=1)
                assert b"UTF-e" in data
            out.writestr(info, data)
    plain.unlink()
    return path


def undefined_charset_html(path: Path) -> Path:
    path.write_bytes('<html><head><meta charset="undefined"></head><body><p>存在的问题</p></body></html>'
                     .encode())
    return path


@pytest.mark.parametrize("make", [unknown_encoding_docx, undefined_charset_html], ids=["docx", "html"])
def test_a_reader_never_raises_anything_but_unreadable(tmp_path: Path, make):
    path = make(tmp_path / ("bad.docx" if make is unknown_encoding_docx else "bad.html"))
    try:
        assert isinstance(read_text_of(path), Extracted)
    except UnreadableDocument as exc:
        assert str(exc)


def _crash(path: Path) -> Extracted:
    raise LookupError(f"unknown encoding in {path.name}")


def test_an_unexpected_exception_becomes_unreadable_with_its_cause(tmp_path: Path):
    with pytest.raises(UnreadableDocument, match="损坏或格式异常（LookupError）") as caught:
        run_reader(_crash, tmp_path / "x.docx")
    assert isinstance(caught.value.__cause__, LookupError)


def test_the_batch_goes_on_past_a_broken_docx(tmp_path: Path):
    unknown_encoding_docx(tmp_path / "bad.docx")
    undefined_charset_html(tmp_path / "bad.html")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("review", str(tmp_path))
    assert "Traceback" not in result.output
    assert "good.txt" in result.output and "结论：" in result.output
    assert "共审核 3 份材料" in result.output


def test_debug_logs_the_details_and_plain_runs_do_not(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.DEBUG, logger="duizhao"), pytest.raises(UnreadableDocument):
        run_reader(_crash, tmp_path / "x.docx")
    assert "LookupError" in caplog.text and "x.docx" in caplog.text
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert run("--debug", "review", str(tmp_path / "good.txt")).exit_code in (0, 1)


def test_corpus_add_commits_the_good_files_and_lists_the_bad(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    unknown_encoding_docx(folder / "bad.docx")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("corpus", "add", str(folder), "--db", str(tmp_path / "c.sqlite3"))
    assert result.exit_code in (0, 1)
    assert "已收录" in result.output and "good.txt" in result.output
    listed = run("corpus", "list", "--db", str(tmp_path / "c.sqlite3"))
    assert "存在的问题" in listed.output or "林业局" in listed.output


@pytest.mark.parametrize("toml, fragment", [
    ("severity = 5", "“severity”应为一个表"),
    ("thresholds = 5", "“thresholds”应为一个表"),
    ("grade = \"严格\"", "“grade”应为一个表"),
    ("checks = [1]", "“checks”应为一个表"),
    ("words = 5", "“words”应为一个表"),
    ("[grade]\nfail_errors = \"5\"", "fail_errors"),
    ("[grade]\nfail_checks = \"structure-missing-section\"", "fail_checks"),
    ("[grade]\nfail_copy_ratio = [0.3]", "fail_copy_ratio"),
    ("[thresholds]\nmin_aspect_overlap = nan", "min_aspect_overlap"),
    ("[thresholds]\nmin_copy_chars = -1", "min_copy_chars"),
    ("[thresholds]\nmin_restate_similarity = inf", "min_restate_similarity"),
    ("[grade]\nfail_copy_ratio = -0.1", "fail_copy_ratio"),
])
def test_a_malformed_config_is_a_chinese_error_naming_the_key(tmp_path: Path, toml: str, fragment: str):
    path = tmp_path / "duizhao.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        load_settings(path)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run("review", "--config", str(path), str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and fragment in result.output


@pytest.mark.parametrize("data, section", [
    ({"severity": {"no-such-check": "info"}}, "severity"),
    ({"checks": {"disabled": ["no-such-check"]}}, "checks"),
    ({"grade": {"fail_checks": ["no-such-check"]}}, "grade"),
])
def test_unknown_check_ids_are_named(data, section: str):
    settings = settings_from(data)  # the config knows no checks; the review validates the ids
    with pytest.raises(ConfigError, match=rf"\[{section}\] 中的“no-such-check”不是已有的检查项"):
        check_ids(settings)


def test_unknown_fail_check_is_a_usage_error(tmp_path: Path):
    path = tmp_path / "duizhao.toml"
    path.write_text('[grade]\nfail_checks = ["structure-missing"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = run("review", "--config", str(path), str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and "structure-missing" in result.output


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert run("corpus", "add", str(tmp_path / "good.txt"), "--db", str(path)).exit_code == 0
    return path


@pytest.mark.parametrize("damage, fragment", [
    ("UPDATE meta SET value = '{broken' WHERE name = 'params'", "签名参数记录无法解析"),
    ("UPDATE meta SET value = '[1, 2]' WHERE name = 'params'", "签名参数记录无法解析"),
    ("DELETE FROM meta WHERE name = 'params_key'", "缺少 params_key"),
    ("DELETE FROM meta WHERE name = 'schema_version'", "缺少 schema_version"),
    ("DELETE FROM meta", "meta 表）缺失"),
])
def test_a_damaged_meta_row_is_a_chinese_corpus_error(tmp_path: Path, damage: str, fragment: str):
    path = _corpus(tmp_path)
    with sqlite3.connect(path) as conn:
        conn.execute(damage)
    conn.close()
    with pytest.raises(CorpusError, match=fragment):
        open_store(str(path))
    for args in (["corpus", "stats", "--db", str(path)],
                 ["review", "--corpus", str(path), str(tmp_path / "good.txt")]):
        result = run(*args)
        assert result.exit_code == 2 and "语料库数据库已损坏" in result.output and fragment in result.output


def test_an_unrelated_sqlite_file_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(CorpusError, match=r"不是 duizhao 语料库.*people"):
        open_store(str(path))
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert tables == {"people"}
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run("corpus", "add", str(tmp_path), "--db", str(path))
    assert result.exit_code == 2 and "不是 duizhao 语料库" in result.output


def test_a_meta_table_of_another_shape_is_a_chinese_corpus_error(tmp_path: Path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, val TEXT)")
    conn.close()
    with pytest.raises(CorpusError, match="数据表结构不符"):
        open_store(str(path))


def test_a_file_that_is_not_a_database_is_a_chinese_corpus_error(tmp_path: Path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(CorpusError, match="不是 SQLite 数据库文件"):
        open_store(str(path))


@pytest.mark.parametrize("args", [
    ["review", "{missing}"], ["review", "--config", "{missing}", "{good}"],
    ["review", "--notice", "{missing}", "{good}"], ["aspects", "{missing}"],
    ["ledger", "draft", "{missing}"], ["corpus", "add", "{missing}", "--db", "{db}"],
])
def test_a_missing_path_is_named_in_chinese(tmp_path: Path, args: list[str]):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    names = {"missing": str(tmp_path / "没有这个.txt"), "good": str(tmp_path / "good.txt"),
             "db": str(tmp_path / "c.sqlite3")}
    result = run(*(a.format(**names) for a in args))
    assert result.exit_code == 2
    assert f"{names['missing']} 不存在，请检查路径是否写对" in result.output
    assert "does not exist" not in result.output and "Invalid value" not in result.output


@pytest.mark.parametrize("args", [["review", "--config", "{dir}", "{good}"], ["aspects", "{dir}"],
                                  ["aspects", "{good}", "-o", "{dir}"]])
def test_a_folder_where_a_file_is_needed_is_named_in_chinese(tmp_path: Path, args: list[str]):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run(*(a.format(dir=str(tmp_path), good=str(tmp_path / "good.txt")) for a in args))
    assert result.exit_code == 2 and f"{tmp_path} 是文件夹，这里需要一个文件" in result.output
    assert "is a directory" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_path_is_named_in_chinese(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    result = run("review", str(path))
    assert result.exit_code == 2 and "没有权限读取" in result.output


def gbk_named(folder: Path) -> Path:
    """A material whose file name is GBK bytes (not UTF-8), as Python sees it on Linux."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + "中文材料.txt".encode("gbk")))
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_shown_reads_gbk_names_replaces_undecodable_bytes_and_keeps_good_names():
    assert shown(os.fsdecode("材料/中文材料.txt".encode("gbk"))) == "材料/中文材料.txt"
    assert shown(os.fsdecode("材料/".encode() + "中文.txt".encode("gbk"))) == "材料/中文.txt"
    assert shown(os.fsdecode(b"\xff\xfe.txt")) == "\ufffd\ufffd.txt"
    assert shown("/材料/局长.txt") == "/材料/局长.txt"
    assert shown("\ud800.txt") == "?.txt"


@pytest.mark.parametrize("fmt", ["text", "json", "html", "xlsx"])
def test_a_non_utf8_file_name_is_shown_safely_in_every_report(tmp_path: Path, fmt: str):
    path = gbk_named(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    broken = tmp_path / "坏.docx"
    broken.write_bytes(os.fsencode(path))
    review = review_paths([tmp_path], ReviewContext(settings=Settings()))
    assert all(d.path.encode("utf-8") for d in review.documents)
    data = render(review, fmt)
    if fmt != "xlsx":
        assert "中文材料.txt".encode() in data


def test_a_non_utf8_file_name_in_the_cli(tmp_path: Path):
    path = gbk_named(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = run("review", "--format", "docx", "-o", str(out), str(path), str(tmp_path / "x.txt"))
    assert result.exit_code == 2  # x.txt does not exist
    result = run("review", "--format", "docx", "-o", str(out), str(path))
    assert "Traceback" not in result.output and len(list(out.iterdir())) == 1
    for fmt in ("text", "xlsx"):
        result = run("ledger", "draft", "--format", fmt, "-o", str(tmp_path / f"ledger.{fmt}"), str(path))
        assert result.exit_code in (0, 1) and (tmp_path / f"ledger.{fmt}").exists()
    result = run("corpus", "add", str(tmp_path), "--db", str(tmp_path / "c.sqlite3"))
    assert result.exit_code == 0 and "中文材料.txt" in result.output
    listed = run("corpus", "list", "--db", str(tmp_path / "c.sqlite3"))
    assert listed.exit_code == 0


def test_control_characters_in_names_and_titles_are_escaped_in_the_text_report(tmp_path: Path):
    path = tmp_path / "局长\x1b[2J\r材料\u202e.txt"
    path.write_text(GOOD.replace("个人对照检查材料", "个人对照\x1b[31m检查材料"), encoding="utf-8")
    text = render(review_paths([path], ReviewContext(settings=Settings())), "text").decode("utf-8")
    assert "\x1b" not in text and "\r" not in text and "\u202e" not in text
    assert "局长\\x1b[2J\\x0d材料\\u202e.txt" in text


def hostile_folder(tmp_path: Path) -> Path:
    """Good material beside a FIFO and a looping link with material names, a link to a folder and
    a link to nowhere."""
    folder = tmp_path / "materials"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.docx").symlink_to("loop.docx")
    (folder / "back").symlink_to("..")
    (folder / "nowhere").symlink_to("no/such/place")
    return folder


def test_collect_notes_links_it_does_not_follow_and_lists_odd_material_names(tmp_path: Path):
    folder = hostile_folder(tmp_path)
    found = collect([folder])
    assert [p.name for p in found.files] == ["good.txt", "loop.docx", "pipe.txt"]
    assert len(found.skipped) == 2
    assert any("back 是指向文件夹的符号链接" in note for note in found.skipped)
    assert any("nowhere 无法解析（循环链接或目标不存在）" in note for note in found.skipped)


def test_odd_entries_are_reported_and_the_rest_reviewed(tmp_path: Path):
    folder = hostile_folder(tmp_path)
    result = run("review", str(folder))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "good.txt" in result.output and "结论：" in result.output
    assert result.output.count("无法读取：文件不存在或不是普通文件") == 2
    assert "警告：" in result.output and "back" in result.output and "nowhere" in result.output
    added = run("corpus", "add", str(folder), "--db", str(tmp_path / "c.sqlite3"))
    assert added.exit_code == 1 and "已收录" in added.output and "无法读取 2 篇" in added.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens every folder and file")
def test_an_unreadable_folder_and_file_are_reported(tmp_path: Path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked, secret = tmp_path / "locked", tmp_path / "secret.txt"
    locked.mkdir()
    secret.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    secret.chmod(0)
    try:
        result = run("review", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 1 and "文件夹" in result.output and "locked 无法打开" in result.output
    assert "没有权限读取此文件" in result.output and "结论：" in result.output


def test_a_permission_error_in_a_reader_is_unreadable(tmp_path: Path):
    def denied(path: Path) -> Extracted:
        raise PermissionError(13, "Permission denied", str(path))

    with pytest.raises(UnreadableDocument, match="没有权限读取此文件"):
        run_reader(denied, tmp_path / "secret.txt")


def test_control_characters_in_names_never_reach_the_terminal_raw(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "局长\x1b]0;x\x07.txt").write_text(GOOD.replace("局长", "局长\x1b[5m"), encoding="utf-8")
    added = run("corpus", "add", str(folder), "--db", str(tmp_path / "c.sqlite3"))
    listed = run("corpus", "list", "--db", str(tmp_path / "c.sqlite3"))
    drafted = run("ledger", "draft", "--format", "text", str(folder))
    for result in (added, listed, drafted):
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;x\\x07.txt" in added.output


def test_a_failure_while_reviewing_one_material_spares_the_batch(tmp_path: Path):
    from duizhao.corpus import open_store

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("林业局", "水利局"), encoding="utf-8")
    store = open_store(str(tmp_path / "c.sqlite3"))
    store.close()  # a corpus whose connection is gone: the copy check fails on every material
    review = review_paths([tmp_path], ReviewContext(settings=Settings(), corpus=store))
    assert [d.error is not None for d in review.documents] == [True, True]
    assert all("审核此材料时程序出错" in (d.error or "") for d in review.documents)


def test_a_postgres_table_of_another_shape_is_a_chinese_corpus_error(pg_url: str):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE documents (id integer, name text)")
    with pytest.raises(CorpusError, match="数据表结构不符"):
        open_store(pg_url)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_default_config_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "duizhao.toml").write_text("[grade]\nfail_errors = 2\n", encoding="utf-8")
    (tmp_path / "duizhao.toml").chmod(0)
    with pytest.raises(ConfigError, match="无法读取配置文件"):
        load_settings()
