"""The corpus store on SQLite and on PostgreSQL (a fresh schema per test; skipped, with the
reason, when no server answers, unless DUIZHAO_REQUIRE_PG is set)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest

from duizhao.corpus import CorpusError, Store, database_errors, open_store
from duizhao.corpus import store as store_module
from duizhao.corpus.db import connect
from duizhao.corpus.search import find_copies
from duizhao.similarity import BandIndex, ParamsMismatch, SignatureParams, signatures
from duizhao.text.normal import normalize

WHEN = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
SAMPLES = ("01_clean_personal.txt", "02_template_personal.txt", "03_team.txt")
OWN = """某某局党组2024年度民主生活会对照检查材料

一、存在的问题
在理论学习方面，满足于读原文、记笔记，结合分管工作开展专题研讨不够深入，学用脱节的问题依然存在。
在作风建设方面，深入基层调研的次数偏少，对群众反映强烈的审批时限过长问题跟踪督办不够及时。
二、整改措施
建立每月一次的专题学习制度，每季度到基层蹲点调研不少于五天，形成问题清单逐项销号。
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "corpus.sqlite3")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    with open_store(url) as opened:
        yield opened


def sample(name: str) -> Path:
    return Path(str(resources.files("duizhao") / "samples" / name))


def add_samples(store: Store, label: str = "网络范文") -> list[int]:
    return [store.add_document(sample(n), label, 2024, "示例作者", WHEN).document_id for n in SAMPLES]


def test_add_and_list(store: Store) -> None:
    result = store.add_document(sample(SAMPLES[0]), "网络范文", 2024, "张三", WHEN)
    assert not result.duplicate and result.paragraphs > 20
    [doc] = store.documents()
    assert (doc.id, doc.label, doc.year, doc.author) == (result.document_id, "网络范文", 2024, "张三")
    assert doc.title.endswith("个人对照检查材料") and doc.path and doc.path.endswith(SAMPLES[0])
    assert doc.paragraphs == result.paragraphs and doc.added_at == "2025-01-15T09:30:00+00:00"
    assert store.documents("别的标签") == []


def test_same_content_is_not_added_twice(store: Store) -> None:
    first = store.add_document(sample(SAMPLES[1]), "甲", None, None, WHEN)
    again = store.add_document(sample(SAMPLES[1]), "乙", None, None, WHEN)
    text = sample(SAMPLES[1]).read_text(encoding="utf-8")
    rewrapped = store.add_document(text.replace("\n", "\n\n").replace("，", ", "), None, None, None, WHEN)
    assert again.duplicate and rewrapped.duplicate
    assert again.document_id == rewrapped.document_id == first.document_id
    assert again.paragraphs == first.paragraphs
    assert [d.label for d in store.documents()] == ["甲"]


def test_remove_by_id_and_by_label(store: Store) -> None:
    ids = add_samples(store)
    own = store.add_document(OWN, "2024年度材料", 2024, None, WHEN).document_id
    assert store.remove(ids[0]) == 1
    assert [d.id for d in store.documents()] == [*ids[1:], own]
    assert store.remove("网络范文") == 2
    assert store.remove("网络范文") == 0 and store.remove(ids[0]) == 0
    stats = store.stats()
    assert (stats.documents, stats.paragraphs) == (1, store.documents()[0].paragraphs)
    assert stats.bands == stats.indexed * store.params.bands


def test_stats(store: Store) -> None:
    add_samples(store)
    store.add_document(OWN, None, None, None, WHEN)
    stats = store.stats()
    assert stats.documents == 4
    assert stats.paragraphs == sum(d.paragraphs for d in store.documents())
    assert 0 < stats.indexed < stats.paragraphs
    assert stats.bands == stats.indexed * 42
    assert stats.labels == [("网络范文", 3), (None, 1)]
    assert stats.params_key == SignatureParams().key()
    assert stats.size_bytes is not None and stats.size_bytes > 0


def test_paragraphs_keep_offsets_and_short_lines_are_not_indexed(store: Store) -> None:
    doc_id = store.add_document(OWN, None, None, None, WHEN).document_id
    found = [store.paragraph(i) for i in range(1, 200) if _exists(store, i)]
    mine = [p for p in found if p.document.id == doc_id]
    assert [p.ordinal for p in mine] == list(range(6))
    assert all(OWN[p.start:p.end] == p.text for p in mine)
    assert mine[0].document.title == "某某局党组2024年度民主生活会对照检查材料"
    assert mine[1].text == "一、存在的问题" and mine[1].signature is None
    assert mine[2].signature is not None and len(mine[2].signature) == 128


def _exists(store: Store, paragraph_id: int) -> bool:
    try:
        store.paragraph(paragraph_id)
    except KeyError:
        return False
    return True


def lightly_edited(text: str) -> str:
    """A copy with every 30th character replaced, words changed, an ending rewritten."""
    chars = [("某" if k % 30 == 29 else c) for k, c in enumerate(text)]
    return "".join(chars).replace("认真", "切实").replace("，", ",", 2)[:-12] + "我们要长期坚持。"


def test_candidates_find_the_source_of_an_edited_copy(store: Store) -> None:
    add_samples(store)
    store.add_document(OWN, None, None, None, WHEN)
    source = max(sample(SAMPLES[1]).read_text(encoding="utf-8").splitlines(), key=len)
    sig = signatures([normalize(lightly_edited(source)).key], store.params)[0]
    [best, *_] = store.candidates(sig, limit=5)
    found = store.paragraph(best)
    assert found.text == source and found.document.path and found.document.path.endswith(SAMPLES[1])


def test_candidates_rank_as_the_in_memory_index(store: Store) -> None:
    add_samples(store)
    index = BandIndex(store.params)
    for pid in range(1, 400):
        if _exists(store, pid) and (sig := store.paragraph(pid).signature) is not None:
            index.add(pid, sig)
    text = sample(SAMPLES[2]).read_text(encoding="utf-8")
    for line in sorted(text.splitlines(), key=len)[-5:]:
        sig = signatures([normalize(lightly_edited(line)).key], store.params)[0]
        assert store.candidates(sig, limit=1000) == index.query(sig)
        assert store.candidates(sig, limit=2) == index.query(sig)[:2]


def test_unrelated_text_has_no_candidates(store: Store) -> None:
    add_samples(store)
    unrelated = ("针对农村人居环境整治中发现的垃圾清运不及时、污水管网覆盖不足等问题，"
                 "会同各乡镇制定分片包干方案。")
    assert store.candidates(signatures([normalize(unrelated).key], store.params)[0]) == []
    assert store.candidates(signatures([normalize("太短").key], store.params)[0]) == []


def test_other_params_are_refused(url: str) -> None:
    with open_store(url, SignatureParams(bands=32, rows=4)) as first:
        first.add_document(OWN, None, None, None, WHEN)
    with open_store(url) as reopened:
        assert (reopened.params.bands, reopened.params.rows) == (32, 4)
    with pytest.raises(ParamsMismatch, match="相似度签名参数不一致"):
        open_store(url, SignatureParams())
    with pytest.raises(ParamsMismatch):
        open_store(url, SignatureParams(bands=32, rows=4, seed=7))


def test_an_unreadable_file_is_reported_and_the_others_added(store: Store, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(OWN, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = store.add_files([empty, good, binary], "批量", None, None, WHEN)
    assert [p for p, _ in result.added] == [good]
    assert [p for p, _ in result.failed] == [empty, binary]
    assert "为空" in result.failed[0][1] and "二进制" in result.failed[1][1]
    assert [d.path for d in store.documents()] == [str(good)]


def _fail_on_marked_paragraphs(store: Store) -> None:
    """A trigger that aborts the insert of a paragraph containing 故障注入."""
    if isinstance(store.db.conn, sqlite3.Connection):
        store.db.conn.execute("CREATE TRIGGER fail_marked BEFORE INSERT ON paragraphs"
                              " WHEN NEW.text LIKE '%故障注入%' BEGIN SELECT RAISE(ABORT, '故障注入'); END")
        return
    store.db.conn.execute("CREATE FUNCTION fail_marked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                          " IF NEW.text LIKE '%故障注入%' THEN RAISE EXCEPTION '故障注入'; END IF;"
                          " RETURN NEW; END $$")
    store.db.conn.execute("CREATE TRIGGER fail_marked BEFORE INSERT ON paragraphs"
                          " FOR EACH ROW EXECUTE FUNCTION fail_marked()")


def test_a_failure_mid_document_leaves_nothing_behind(store: Store) -> None:
    _fail_on_marked_paragraphs(store)
    broken = OWN.replace("二、整改措施", "二、整改措施（故障注入）")
    with pytest.raises(database_errors(), match="故障注入"):
        store.add_document(broken, "坏", None, None, WHEN)
    stats = store.stats()
    assert (stats.documents, stats.paragraphs, stats.bands) == (0, 0, 0)
    assert not store.add_document(OWN, "好", None, None, WHEN).duplicate
    assert store.stats().documents == 1


def test_unknown_paragraph(store: Store) -> None:
    with pytest.raises(KeyError):
        store.paragraph(12345)


def test_sqlite_urls_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with open_store(f"sqlite:///{path}") as store:
        store.add_document(OWN, None, None, None, WHEN)
        assert store.db.one("PRAGMA journal_mode") == ("wal",)
        assert store.db.one("PRAGMA foreign_keys") == (1,)
    with open_store(str(path)) as store:
        assert store.stats().documents == 1
    with pytest.raises(CorpusError, match="不支持的数据库地址"):
        open_store("mysql://localhost/x")
    with pytest.raises(CorpusError, match="文件夹不存在"):
        open_store(str(tmp_path / "missing" / "c.sqlite3"))


@pytest.mark.parametrize(("version", "message"),
                         [("99", "结构版本为 99"), ("1", "结构版本为 1，本程序使用版本 2")])
def test_other_schema_version_is_refused(tmp_path: Path, version: str, message: str) -> None:
    path = str(tmp_path / "c.sqlite3")
    open_store(path).close()
    db = connect(path)
    db.run("UPDATE meta SET value = ? WHERE name = 'schema_version'", (version,))
    db.close()
    with pytest.raises(CorpusError, match=message):
        open_store(path)


Item = tuple[str, str, str | None, int | None, str | None]


def _texts(count: int, marked: int | None = None) -> list[Item]:
    """``count`` distinct small materials; the one numbered ``marked`` trips the fault trigger."""
    lines = OWN.splitlines()
    return [("\n".join([*lines[:3], f"{lines[3]}第{k}次{'故障注入' if k == marked else ''}", *lines[4:]]),
             f"材料{k}", "生成", 2024, None) for k in range(count)]


def test_add_texts_commits_in_batches_and_finds_duplicates(store: Store,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BATCH_DOCUMENTS", 3)
    texts = _texts(7)
    items = [texts[0], texts[1], texts[0], *texts[2:5], texts[1], *texts[5:], texts[6]]
    results = store.add_texts(items, WHEN)
    # batches of 3: [0 1 0] (a duplicate within the batch), [2 3 4], [1 5 6], [6] (duplicates of stored ones)
    assert [k for k, r in enumerate(results) if r.duplicate] == [2, 6, 9]
    assert results[2].document_id == results[0].document_id
    assert results[6].document_id == results[1].document_id
    assert results[9].document_id == results[8].document_id
    assert all(r.paragraphs == 6 for r in results)
    docs = store.documents()
    assert [d.id for d in docs] == [r.document_id for r in results if not r.duplicate]
    stats = store.stats()
    assert (stats.documents, stats.paragraphs, stats.bands) == (7, 42, stats.indexed * 42)
    if not isinstance(store.db.conn, sqlite3.Connection):  # analysed: the planner knows the band table
        assert store.db.one("SELECT reltuples FROM pg_class WHERE relname = 'bands'"
                            " AND relnamespace = current_schema()::regnamespace") == (stats.bands,)
    again = store.add_texts(texts[:2], WHEN)
    assert [(r.document_id, r.duplicate, r.paragraphs) for r in again] == [(d.id, True, 6) for d in docs[:2]]
    assert store.add_document(OWN, None, None, None, WHEN).document_id > docs[-1].id


def test_a_failure_rolls_back_its_batch_and_keeps_the_earlier_ones(store: Store,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BATCH_DOCUMENTS", 3)
    _fail_on_marked_paragraphs(store)
    with pytest.raises(database_errors(), match="故障注入"):
        store.add_texts(_texts(8, marked=4), WHEN)
    stats = store.stats()
    assert (stats.documents, stats.paragraphs, stats.bands) == (3, 18, stats.indexed * 42)
    assert [r.duplicate for r in store.add_texts(_texts(8), WHEN)] == [True] * 3 + [False] * 5


def test_add_files_in_batches_skips_unreadable_files(store: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BATCH_DOCUMENTS", 2)
    paths = []
    for k, (text, *_) in enumerate(_texts(5)):
        paths.append(tmp_path / f"{k}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"")
    copy = tmp_path / "copy.txt"
    copy.write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    seen: list[Path] = []
    files = [*paths[:2], tmp_path / "bad.txt", *paths[2:], copy]
    result = store.add_files(files, "批量", 2023, None, WHEN, progress=seen.append)
    assert seen == files
    assert [p for p, _ in result.added] == [*paths, copy]
    assert [p for p, _ in result.failed] == [tmp_path / "bad.txt"]
    assert [a.duplicate for _, a in result.added] == [False] * 5 + [True]
    assert result.added[-1][1].document_id == result.added[0][1].document_id
    assert [d.path for d in store.documents()] == [str(p) for p in paths]
    if isinstance(store.db.conn, sqlite3.Connection):
        assert store.db.one("PRAGMA cache_size") == (-65536,)  # the import cache is given back


def test_remove_deletes_the_band_rows_by_their_keys(store: Store) -> None:
    ids = add_samples(store)
    own = store.add_document(OWN, None, None, None, WHEN).document_id
    source = max(OWN.splitlines(), key=len)
    sig = signatures([normalize(source).key], store.params)[0]
    assert store.candidates(sig, 5)
    store.remove(own)
    assert store.candidates(sig, 5) == []
    assert [d.id for d in store.documents()] == ids
    remaining = store.db.one("SELECT COUNT(*) FROM bands b WHERE NOT EXISTS"
                             " (SELECT 1 FROM paragraphs p WHERE p.id = b.paragraph_id)")
    assert remaining == (0,)
    assert store.stats().bands == store.stats().indexed * 42


def test_candidates_read_at_most_bucket_cap_rows_per_band(store: Store) -> None:
    results = store.add_texts(_texts(6), WHEN)
    copied = OWN.splitlines()[4]  # in every one of the six materials
    sig = signatures([normalize(copied).key], store.params)[0]
    store.bucket_cap = None
    everyone = store.candidates(sig, 100)
    assert len(everyone) == 6 and {store.paragraph(p).document.id for p in everyone} == {
        r.document_id for r in results}
    store.bucket_cap = 2
    assert store.candidates(sig, 100) == sorted(everyone)[:2]
    assert store.candidates(sig, 1) == sorted(everyone)[:1]


def test_paragraphs_in_one_query_keep_the_order_asked(store: Store) -> None:
    doc_id = add_samples(store)[0]
    ids = store.paragraph_ids(doc_id)
    assert len(ids) > 10 and [store.paragraph(i).ordinal for i in ids] == list(range(len(ids)))
    asked = [ids[3], ids[0], 10**9, ids[7]]
    assert [p.id for p in store.paragraphs(asked)] == [ids[3], ids[0], ids[7]]
    assert store.paragraphs([]) == [] and store.paragraph_ids(10**9) == []


def test_find_copies_verifies_the_candidates(store: Store) -> None:
    add_samples(store)
    original = max(sample(SAMPLES[1]).read_text(encoding="utf-8").splitlines(), key=len)
    copy = lightly_edited(original)
    [(passage, info), *_] = find_copies(store, copy, signatures([normalize(copy).key], store.params)[0])
    assert info.text == original and passage.a_end - passage.a_start >= 0.8 * len(copy)
    unrelated = "今年我到景区调研只有三次，对乡村旅游的短板心中无数，全年只跑了两个乡镇，很多情况靠听汇报。"
    assert find_copies(store, unrelated, signatures([normalize(unrelated).key], store.params)[0]) == []
