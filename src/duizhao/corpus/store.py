"""The reference corpus: documents, their paragraphs and an LSH band table in one database.

``open_store(url, params)`` opens (and creates when absent) the tables; the signature
parameters are stored in ``meta`` with the schema version, and a store opened with other
parameters raises :class:`~duizhao.similarity.ParamsMismatch`. Each document is written in
one transaction: a failure leaves nothing of it behind. ``candidates`` is the SQL twin of
:meth:`duizhao.similarity.BandIndex.query`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from duizhao.corpus.db import SCHEMA_VERSION, CorpusError, Database, Row, connect
from duizhao.corpus.paragraphs import Prepared, from_bytes, prepare, to_bytes
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.similarity import ParamsMismatch, SignatureParams, band_keys
from duizhao.similarity.signature import HASH_NAME, U32
from duizhao.text.normal import NORMALIZER_VERSION

_PARAGRAPH_COLUMNS = ("document_id", "ordinal", "text", "start_offset", "end_offset", "signature")
_DOC_COLUMNS = ("d.id, d.path, d.title, d.label, d.year, d.author, d.added_at, d.chars,"
                " (SELECT COUNT(*) FROM paragraphs c WHERE c.document_id = d.id)")


@dataclass(frozen=True)
class AddResult:
    document_id: int
    paragraphs: int
    duplicate: bool


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    path: str | None
    title: str
    label: str | None
    year: int | None
    author: str | None
    added_at: str
    chars: int
    paragraphs: int


@dataclass(frozen=True)
class ParagraphInfo:
    id: int
    ordinal: int
    text: str
    start: int
    end: int
    signature: U32 | None
    document: DocumentInfo


@dataclass(frozen=True)
class Stats:
    documents: int
    paragraphs: int
    indexed: int
    bands: int
    labels: list[tuple[str | None, int]]
    params_key: str
    size_bytes: int | None


@dataclass
class BatchResult:
    added: list[tuple[Path, AddResult]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def _document(row: Row) -> DocumentInfo:
    return DocumentInfo(*row)


class Store:
    """A corpus in an open database; use as a context manager or call :meth:`close`."""

    def __init__(self, db: Database, params: SignatureParams) -> None:
        self.db = db
        self.params = params

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add_document(self, source: Path | str, label: str | None, year: int | None,
                     author: str | None, added_at: datetime) -> AddResult:
        """Add a file (a ``Path``, read with the engine's readers) or a text (a ``str``).
        Raises ``UnreadableDocument`` for a file that cannot be read."""
        if isinstance(source, Path):
            path: str | None = str(source)
            prepared = prepare(read_text_of(source).text, source.stem, self.params)
        else:
            path, prepared = None, prepare(source, "（直接添加的文本）", self.params)
        with self.db.transaction():
            found = self.db.one("SELECT id FROM documents WHERE content_hash = ?", (prepared.content_hash,))
            if found:
                return AddResult(int(found[0]), self._count_paragraphs(int(found[0])), True)
            doc_id = self._insert(prepared, path, (label, year, author), added_at)
        return AddResult(doc_id, len(prepared.paragraphs), False)

    def add_files(self, paths: Iterable[Path], label: str | None, year: int | None, author: str | None,
                  added_at: datetime, progress: Callable[[Path], None] | None = None) -> BatchResult:
        """Add every file; an unreadable one is reported in ``failed`` and the others still added."""
        result = BatchResult()
        for path in paths:
            try:
                result.added.append((path, self.add_document(path, label, year, author, added_at)))
            except UnreadableDocument as exc:
                result.failed.append((path, str(exc)))
            if progress:
                progress(path)
        return result

    def _insert(self, prepared: Prepared, path: str | None, about: tuple[str | None, int | None, str | None],
                added_at: datetime) -> int:
        doc_id = self.db.insert(
            "INSERT INTO documents (content_hash, path, title, label, year, author, added_at, chars)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (prepared.content_hash, path, prepared.title, *about, added_at.isoformat(timespec="seconds"),
             prepared.chars))
        self.db.append("paragraphs", _PARAGRAPH_COLUMNS, [
            (doc_id, p.ordinal, p.text, p.start, p.end, to_bytes(p.signature)) for p in prepared.paragraphs])
        rows = self.db.rows("SELECT ordinal, id FROM paragraphs WHERE document_id = ?", (doc_id,))
        ids = {int(ordinal): int(par_id) for ordinal, par_id in rows}
        self.db.append("bands", ("band_key", "paragraph_id"),
                       [(key, ids[p.ordinal]) for p in prepared.paragraphs for key in p.bands])
        return doc_id

    def _count_paragraphs(self, doc_id: int) -> int:
        row = self.db.one("SELECT COUNT(*) FROM paragraphs WHERE document_id = ?", (doc_id,))
        return int(row[0]) if row else 0

    def remove(self, target: int | str) -> int:
        """Remove the document with this id (an ``int``) or every document with this label
        (a ``str``), with their paragraphs and bands; returns how many documents went."""
        column = "id" if isinstance(target, int) else "label"
        chosen = f"SELECT id FROM documents WHERE {column} = ?"
        with self.db.transaction():  # explicit deletes: no database need have cascades on
            count = len(self.db.rows(chosen, (target,)))
            self.db.run("DELETE FROM bands WHERE paragraph_id IN (SELECT id FROM paragraphs"
                        f" WHERE document_id IN ({chosen}))", (target,))
            self.db.run(f"DELETE FROM paragraphs WHERE document_id IN ({chosen})", (target,))
            self.db.run(f"DELETE FROM documents WHERE {column} = ?", (target,))
        return count

    def documents(self, label: str | None = None) -> list[DocumentInfo]:
        """Documents in the order they were added, with their paragraph counts."""
        where, params = ("WHERE d.label = ?", (label,)) if label is not None else ("", ())
        rows = self.db.rows(
            f"SELECT {_DOC_COLUMNS} FROM documents d {where} ORDER BY d.id", params)
        return [_document(r) for r in rows]

    def stats(self) -> Stats:
        def count(sql: str) -> int:
            row = self.db.one(sql)
            return int(row[0]) if row else 0

        labels = self.db.rows("SELECT label, COUNT(*) FROM documents GROUP BY label"
                              " ORDER BY COUNT(*) DESC, label")
        return Stats(count("SELECT COUNT(*) FROM documents"), count("SELECT COUNT(*) FROM paragraphs"),
                     count("SELECT COUNT(*) FROM paragraphs WHERE signature IS NOT NULL"),
                     count("SELECT COUNT(*) FROM bands"), [(r[0], int(r[1])) for r in labels],
                     self.params.key(), self.db.size())

    def candidates(self, signature: U32, limit: int = 50) -> list[int]:
        """Paragraph ids sharing at least one band with ``signature``, most shared bands first,
        then by id (as ``BandIndex.query``); at most ``limit`` of them."""
        keys = band_keys(signature, self.params)
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        rows = self.db.rows(
            f"SELECT paragraph_id FROM bands WHERE band_key IN ({marks}) GROUP BY paragraph_id"
            " ORDER BY COUNT(*) DESC, paragraph_id LIMIT ?", (*keys, limit))
        return [int(r[0]) for r in rows]

    def paragraph(self, paragraph_id: int) -> ParagraphInfo:
        """A paragraph with its document; raises ``KeyError`` for an unknown id."""
        row = self.db.one(
            "SELECT p.id, p.ordinal, p.text, p.start_offset, p.end_offset, p.signature, "
            f"{_DOC_COLUMNS} FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
            (paragraph_id,))
        if row is None:
            raise KeyError(paragraph_id)
        sig = None if row[5] is None else from_bytes(bytes(row[5]))
        return ParagraphInfo(int(row[0]), int(row[1]), str(row[2]), int(row[3]), int(row[4]), sig,
                             _document(row[6:]))


def open_store(url: str, params: SignatureParams | None = None) -> Store:
    """Open the corpus at ``url`` (a file path, ``sqlite:///path`` or ``postgresql://…``),
    creating its tables when absent. Without ``params`` the stored ones are used (the defaults
    for a new corpus); with other ``params`` than the stored ones, ``ParamsMismatch``."""
    db = connect(url)
    try:
        db.create_schema()
        return Store(db, _settle_params(db, params))
    except BaseException:
        db.close()
        raise


def _settle_params(db: Database, params: SignatureParams | None) -> SignatureParams:
    with db.transaction():
        meta = {str(r[0]): str(r[1]) for r in db.rows("SELECT name, value FROM meta")}
        if not meta:
            chosen = params or SignatureParams()
            db.many("INSERT INTO meta (name, value) VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("params_key", chosen.key()),
                     ("params", json.dumps(asdict(chosen), sort_keys=True))])
            return chosen
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise CorpusError(f"语料库数据库结构版本为 {meta.get('schema_version')}，"
                          f"本程序使用版本 {SCHEMA_VERSION}，请用相应版本的程序打开或重建语料库")
    chosen = params or _stored_params(meta["params"])
    _require(meta["params_key"], chosen)
    return chosen


def _stored_params(stored: str) -> SignatureParams:
    """The stored choices, with this program's hash and normaliser (which are not choices)."""
    values: dict[str, Any] = json.loads(stored)
    return SignatureParams(**{**values, "hash": HASH_NAME, "normalizer": NORMALIZER_VERSION})


def _require(stored_key: str, params: SignatureParams) -> None:
    if params.key() != stored_key:
        raise ParamsMismatch(stored_key, params.key())


__all__ = ["AddResult", "BatchResult", "DocumentInfo", "ParagraphInfo", "Stats", "Store", "open_store"]
