"""Connections to the corpus database: SQLite by file path, PostgreSQL by URL.

Both speak the same small SQL, written with ``?`` placeholders (turned into ``%s`` for
PostgreSQL). Connections run in autocommit mode; :meth:`Database.transaction` opens one
explicit transaction (``BEGIN IMMEDIATE`` on SQLite, so the write lock is taken up front)
that is committed whole or rolled back whole.

Schema version 2 keeps the band table bare: no foreign key and no index on ``paragraph_id``
(version 1 had both). Band rows are derived data: ``Store.remove`` recomputes a paragraph's
band keys from its stored signature and deletes them by primary key. At a million paragraphs
(42 million band rows) the index doubled the table and the time to fill it on SQLite, and the
foreign key check tripled the time of PostgreSQL's COPY (see docs/benchmarks.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2
TABLES = ("meta", "documents", "paragraphs", "bands")
_PG_PREFIXES = ("postgresql://", "postgres://")

Row = tuple[Any, ...]


class CorpusError(Exception):
    """The corpus database cannot be used as asked; the message says why, in Chinese."""


def _schema(id_type: str, bytes_type: str, clustered: str) -> list[str]:
    """The tables; bands are keyed by (band_key, paragraph_id), clustered where the database can,
    without a foreign key or a second index (see the module docstring)."""
    return [
        "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS documents (id {id_type}, content_hash TEXT NOT NULL UNIQUE,
            path TEXT, title TEXT NOT NULL, label TEXT, year INTEGER, author TEXT,
            added_at TEXT NOT NULL, chars INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS documents_label ON documents (label)",
        f"""CREATE TABLE IF NOT EXISTS paragraphs (id {id_type},
            document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL, text TEXT NOT NULL, start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL, signature {bytes_type})""",
        "CREATE INDEX IF NOT EXISTS paragraphs_document ON paragraphs (document_id)",
        f"""CREATE TABLE IF NOT EXISTS bands (band_key BIGINT NOT NULL, paragraph_id BIGINT NOT NULL,
            PRIMARY KEY (band_key, paragraph_id)){clustered}""",
    ]


class Database:
    """One connection and the few operations the store needs."""

    placeholder = "?"
    begin = "BEGIN"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(self.conn.execute(self._sql(sql), tuple(params)).fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self.conn.execute(self._sql(sql), tuple(params)).fetchone()
        return row

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params))

    def many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.cursor().executemany(self._sql(sql), list(rows))

    def append(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows into ``table`` (bulk path: COPY on PostgreSQL)."""
        marks = ", ".join("?" * len(columns))
        self.many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def reserve_ids(self, table: str, count: int) -> list[int]:
        """``count`` fresh ids for rows of ``table`` that the caller inserts with explicit ids.
        SQLite: the ids after the largest, which holds inside a write transaction."""
        row = self.one(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        first = int(row[0]) + 1 if row else 1
        return list(range(first, first + count))

    @contextmanager
    def importing(self) -> Iterator[None]:
        """Settings for a bulk import (a bigger page cache on SQLite), restored afterwards."""
        yield

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk import (PostgreSQL only)."""

    def band_hits(self, keys: list[int], cap: int, limit: int) -> list[Row]:
        """Paragraph ids with at least one of the band ``keys``, reading at most ``cap`` rows per
        key, most shared keys first, then by id; at most ``limit`` of them."""
        capped = " UNION ALL ".join(
            f"SELECT paragraph_id FROM (SELECT paragraph_id FROM bands WHERE band_key = ? LIMIT ?) b{k}"
            for k in range(len(keys)))
        return self.rows(
            f"SELECT paragraph_id FROM ({capped}) AS hits GROUP BY paragraph_id"
            " ORDER BY COUNT(*) DESC, paragraph_id LIMIT ?",
            (*(v for key in keys for v in (key, cap)), limit))

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT and return the new row's id (``RETURNING id`` is appended)."""
        row = self.one(sql + " RETURNING id", params)
        assert row is not None
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute(self.begin)
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def create_schema(self) -> None:
        with self.transaction():
            for statement in self.schema():
                self.run(statement)

    def schema(self) -> list[str]:
        raise NotImplementedError

    def size(self) -> int | None:
        """Bytes on disk taken by the corpus, where cheap to know."""
        return None

    def foreign_tables(self) -> list[str]:
        """Tables that show the database belongs to something else (checked for SQLite files only:
        a PostgreSQL database may well hold other applications' tables beside the corpus)."""
        return []

    def close(self) -> None:
        self.conn.close()


class SQLiteDatabase(Database):
    begin = "BEGIN IMMEDIATE"
    import_cache_kib = 1 << 20  # 1 GiB, taken only as pages are read or written

    @contextmanager
    def importing(self) -> Iterator[None]:
        row = self.one("PRAGMA cache_size")
        self.run(f"PRAGMA cache_size=-{self.import_cache_kib}")
        try:
            yield
        finally:
            self.run(f"PRAGMA cache_size={int(row[0]) if row else -65536}")

    def schema(self) -> list[str]:
        return _schema("INTEGER PRIMARY KEY", "BLOB", " WITHOUT ROWID")

    def foreign_tables(self) -> list[str]:
        """The tables of a file that holds tables but no corpus (no ``meta``): not ours to change."""
        names = [str(r[0]) for r in self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return [] if "meta" in names else sorted(names)

    def size(self) -> int | None:
        pages, page_size = self.one("PRAGMA page_count"), self.one("PRAGMA page_size")
        return int(pages[0]) * int(page_size[0]) if pages and page_size else None


class PostgresDatabase(Database):
    placeholder = "%s"

    def schema(self) -> list[str]:
        return _schema("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BYTEA", "")

    def append(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def analyze(self) -> None:
        """Without statistics on a freshly filled band table the planner expects millions of rows
        for ``band_key IN (…)`` and scans the whole table (4.7 s a query at a million paragraphs).
        VACUUM also marks the new pages all-visible, so that a look-up reads the band primary key
        alone (an index-only scan) instead of one heap page per row: 7.7 → 1.4 ms a query at a
        million paragraphs. It runs outside a transaction (the connection is in autocommit)."""
        self.run("VACUUM (ANALYZE) documents, paragraphs, bands")

    def band_hits(self, keys: list[int], cap: int, limit: int) -> list[Row]:
        """One index probe per key through a lateral join: cheaper to plan than 42 subqueries."""
        return self.rows(
            "SELECT b.paragraph_id FROM unnest(?::bigint[]) AS k(key) CROSS JOIN LATERAL"
            " (SELECT paragraph_id FROM bands WHERE band_key = k.key LIMIT ?) b"
            " GROUP BY b.paragraph_id ORDER BY COUNT(*) DESC, b.paragraph_id LIMIT ?", (keys, cap, limit))

    def reserve_ids(self, table: str, count: int) -> list[int]:
        """Ids drawn from the identity sequence, so that concurrent writers never clash."""
        sequence = f"pg_get_serial_sequence('{table}', 'id')"
        rows = self.rows(f"SELECT nextval({sequence}) FROM generate_series(1, ?)", (count,))
        return [int(r[0]) for r in rows]

    def size(self) -> int | None:
        names = ", ".join(f"to_regclass('{name}')" for name in TABLES)
        row = self.one(f"SELECT COALESCE(SUM(pg_total_relation_size(c)), 0) FROM unnest(ARRAY[{names}]) c")
        return int(row[0]) if row else None


def database_errors() -> tuple[type[Exception], ...]:
    """The exceptions either driver raises for a failed statement or a lost connection."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


def connect(url: str) -> Database:
    """Open ``url``: ``postgresql://…`` for PostgreSQL, ``sqlite:///path`` or a plain path for SQLite."""
    if url.startswith(_PG_PREFIXES):
        return _connect_postgres(url)
    if url.startswith("sqlite:///"):
        url = url.removeprefix("sqlite:///")
    elif "://" in url:
        raise CorpusError(f"不支持的数据库地址“{url}”：请使用文件路径、sqlite:///路径 或 postgresql://…")
    return _connect_sqlite(url)


def _connect_sqlite(path: str) -> Database:
    if path != ":memory:" and not Path(path).parent.is_dir():
        raise CorpusError(f"数据库文件所在的文件夹不存在：{Path(path).parent}")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"无法打开 SQLite 数据库 {path}：它不是 SQLite 数据库文件或已损坏（{exc}）；"
                          "请用 --db 指定 duizhao 语料库文件，或换一个新文件名新建语料库") from exc
    # mmap: reads of a corpus larger than the page cache skip a system call per page (SQLite caps it at 2 GiB)
    for pragma in ("busy_timeout=30000", "foreign_keys=ON", "synchronous=NORMAL", "cache_size=-65536",
                   "mmap_size=2147418112"):
        conn.execute(f"PRAGMA {pragma}")
    return SQLiteDatabase(conn)


def _connect_postgres(url: str) -> Database:
    try:
        import psycopg
    except ImportError as exc:
        raise CorpusError("使用 PostgreSQL 需要安装 psycopg：pip install \"psycopg[binary]\"") from exc
    try:
        conn = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise CorpusError(f"无法连接 PostgreSQL 数据库：{exc}") from exc
    return PostgresDatabase(conn)
