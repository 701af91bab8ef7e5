"""The reference corpus: documents, their paragraphs and an LSH band table in one database.

``open_store(url, params)`` opens (and creates when absent) the tables; the signature
parameters are stored in ``meta`` with the schema version, and a store opened with other
parameters raises :class:`~duizhao.similarity.ParamsMismatch`. Documents are written in
batches, one transaction each (``add_document``: a batch of one): a failure leaves nothing of
the batch behind. ``candidates`` is the SQL twin of
:meth:`duizhao.similarity.BandIndex.query`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from duizhao.corpus.db import SCHEMA_VERSION, CorpusError, Database, Row, connect, database_errors
from duizhao.corpus.paragraphs import Prepared, from_bytes, prepare, to_bytes
from duizhao.names import shown
from duizhao.reading import UnreadableDocument, read_text_of
from duizhao.similarity import ParamsMismatch, SignatureParams, band_keys
from duizhao.similarity.signature import HASH_NAME, U32
from duizhao.text.normal import NORMALIZER_VERSION

_PARAGRAPH_COLUMNS = ("document_id", "ordinal", "text", "start_offset", "end_offset", "signature")
_DOC_INSERT = ("id", "content_hash", "path", "title", "label", "year", "author", "added_at", "chars")
_CHUNK = 500  # ids or hashes per IN (...) list
BUCKET_CAP = 200  # band rows read per key by ``candidates`` (see docs/benchmarks.md)
BATCH_DOCUMENTS = 200
BATCH_PARAGRAPHS = 10_000
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


def _paragraph(row: Row) -> ParagraphInfo:
    sig = None if row[5] is None else from_bytes(bytes(row[5]))
    return ParagraphInfo(int(row[0]), int(row[1]), str(row[2]), int(row[3]), int(row[4]), sig,
                         _document(row[6:]))


@dataclass(frozen=True)
class _Pending:
    """A prepared document waiting for its batch to be written."""

    prepared: Prepared
    file: Path | None
    about: tuple[str | None, int | None, str | None]  # label, year, author


Written = list[tuple[_Pending, AddResult]]


def _by_file(written: Written) -> list[tuple[Path, AddResult]]:
    return [(p.file, r) for p, r in written if p.file is not None]


class _Batcher:
    """Collects prepared documents and writes them ``BATCH_DOCUMENTS`` (or ``BATCH_PARAGRAPHS``
    paragraphs) at a time, one transaction each: one commit per document made SQLite slow down
    from about 7 to 29 ms a document by 1,500 documents. A failure while a batch is written rolls
    that whole batch back; batches written before it stay. ``add`` and ``flush`` return what the
    batch just written holds (nothing while the batch fills)."""

    def __init__(self, store: Store, added_at: datetime) -> None:
        self.store, self.added_at = store, added_at
        self.pending: list[_Pending] = []
        self.paragraphs = 0

    def add(self, item: _Pending) -> Written:
        self.pending.append(item)
        self.paragraphs += len(item.prepared.paragraphs)
        if len(self.pending) >= BATCH_DOCUMENTS or self.paragraphs >= BATCH_PARAGRAPHS:
            return self.flush()
        return []

    def flush(self) -> Written:
        batch, self.pending, self.paragraphs = self.pending, [], 0
        return list(zip(batch, self.store._write(batch, self.added_at), strict=True)) if batch else []


class Store:
    """A corpus in an open database; use as a context manager or call :meth:`close`."""

    def __init__(self, db: Database, params: SignatureParams) -> None:
        self.db = db
        self.params = params
        self.bucket_cap: int | None = BUCKET_CAP

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def add_document(self, source: Path | str, label: str | None, year: int | None,
                     author: str | None, added_at: datetime) -> AddResult:
        """Add a file (a ``Path``, read with the engine's readers) or a text (a ``str``), in one
        transaction. Raises ``UnreadableDocument`` for a file that cannot be read."""
        about = (label, year, author)
        if isinstance(source, Path):
            pending = _Pending(prepare(read_text_of(source).text, source.stem, self.params), source, about)
        else:
            pending = _Pending(prepare(source, "（直接添加的文本）", self.params), None, about)
        [result] = self._write([pending], added_at)
        return result

    def add_files(self, paths: Iterable[Path], label: str | None, year: int | None, author: str | None,
                  added_at: datetime, progress: Callable[[Path], None] | None = None) -> BatchResult:
        """Add every file, committing in batches (see :class:`_Batcher`); an unreadable file is
        reported in ``failed`` and the others still added."""
        result = BatchResult()
        with self.db.importing():
            batcher = _Batcher(self, added_at)
            for path in paths:
                try:
                    prepared = prepare(read_text_of(path).text, path.stem, self.params)
                except UnreadableDocument as exc:
                    result.failed.append((path, str(exc)))
                else:
                    result.added += _by_file(batcher.add(_Pending(prepared, path, (label, year, author))))
                if progress:
                    progress(path)
            result.added += _by_file(batcher.flush())
        if any(not added.duplicate for _, added in result.added):
            self.db.analyze()
        return result

    def add_texts(self, items: Iterable[tuple[str, str, str | None, int | None, str | None]],
                  added_at: datetime) -> list[AddResult]:
        """Add generated or pasted texts, given as (text, title, label, year, author), committing in
        batches (see :class:`_Batcher`); ``title`` is used when the first line is not a title."""
        results: list[AddResult] = []
        with self.db.importing():
            batcher = _Batcher(self, added_at)
            for text, title, label, year, author in items:
                prepared = prepare(text, title, self.params)
                results += [r for _, r in batcher.add(_Pending(prepared, None, (label, year, author)))]
            results += [r for _, r in batcher.flush()]
        if any(not r.duplicate for r in results):
            self.db.analyze()
        return results

    def _write(self, batch: list[_Pending], added_at: datetime) -> list[AddResult]:
        """Write ``batch`` in one transaction: documents already stored (or earlier in the batch)
        are not added again; a failure leaves nothing of the batch behind."""
        with self.db.transaction():
            known = self._known([p.prepared.content_hash for p in batch])
            first: dict[str, _Pending] = {}  # the first of each new content hash in the batch
            for p in batch:
                if p.prepared.content_hash not in known:
                    first.setdefault(p.prepared.content_hash, p)
            fresh = list(first.values())
            doc_ids = self.db.reserve_ids("documents", len(fresh)) if fresh else []
            par_ids = iter(self.db.reserve_ids("paragraphs", sum(len(p.prepared.paragraphs) for p in fresh)))
            stamp = added_at.isoformat(timespec="seconds")
            documents, paragraphs, bands = [], [], []
            for doc_id, p in zip(doc_ids, fresh, strict=True):
                d = p.prepared
                path = None if p.file is None else shown(p.file)
                documents.append((doc_id, d.content_hash, path, d.title, *p.about, stamp, d.chars))
                for par in d.paragraphs:
                    par_id = next(par_ids)
                    paragraphs.append((par_id, doc_id, par.ordinal, par.text, par.start, par.end,
                                       to_bytes(par.signature)))
                    bands += [(key, par_id) for key in par.bands]
            self.db.append("documents", _DOC_INSERT, documents)
            self.db.append("paragraphs", ("id", *_PARAGRAPH_COLUMNS), paragraphs)
            self.db.append("bands", ("band_key", "paragraph_id"), bands)
        ids = dict(zip(first, doc_ids, strict=True))
        return [AddResult(*known[h], True) if h in known else
                AddResult(ids[h], len(p.prepared.paragraphs), p is not first[h])
                for p in batch for h in [p.prepared.content_hash]]

    def _known(self, hashes: list[str]) -> dict[str, tuple[int, int]]:
        """Stored documents with these content hashes: hash → (id, paragraph count)."""
        found: dict[str, tuple[int, int]] = {}
        unique = sorted(set(hashes))
        for start in range(0, len(unique), _CHUNK):
            part = unique[start:start + _CHUNK]
            found.update((str(h), (int(i), int(n))) for h, i, n in self.db.rows(
                "SELECT d.content_hash, d.id, (SELECT COUNT(*) FROM paragraphs p WHERE p.document_id = d.id)"
                f" FROM documents d WHERE d.content_hash IN ({', '.join('?' * len(part))})", part))
        return found

    def remove(self, target: int | str) -> int:
        """Remove the document with this id (an ``int``) or every document with this label
        (a ``str``), with their paragraphs and bands; returns how many documents went.
        Band rows are found by their keys, recomputed from the stored signatures."""
        column = "id" if isinstance(target, int) else "label"
        with self.db.transaction():  # explicit deletes: no database need have cascades on
            chosen = self.db.rows(f"SELECT id FROM documents WHERE {column} = ?", (target,))
            doc_ids = [int(r[0]) for r in chosen]
            for start in range(0, len(doc_ids), _CHUNK):
                part = doc_ids[start:start + _CHUNK]
                marks = ", ".join("?" * len(part))
                signed = self.db.rows("SELECT id, signature FROM paragraphs WHERE signature IS NOT NULL"
                                      f" AND document_id IN ({marks})", part)
                self.db.many("DELETE FROM bands WHERE band_key = ? AND paragraph_id = ?",
                             [(key, int(pid)) for pid, sig in signed
                              for key in dict.fromkeys(band_keys(from_bytes(bytes(sig)), self.params))])
                self.db.run(f"DELETE FROM paragraphs WHERE document_id IN ({marks})", part)
                self.db.run(f"DELETE FROM documents WHERE id IN ({marks})", part)
        return len(doc_ids)

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
        then by id (as ``BandIndex.query``); at most ``limit`` of them. At most ``bucket_cap``
        rows are read per band key (the lowest paragraph ids): a passage copied into thousands
        of documents fills its buckets, and any of its copies verifies the match as well."""
        keys = list(dict.fromkeys(band_keys(signature, self.params)))
        if not keys:
            return []
        if self.bucket_cap is None:
            marks = ", ".join("?" * len(keys))
            rows = self.db.rows(
                f"SELECT paragraph_id FROM bands WHERE band_key IN ({marks}) GROUP BY paragraph_id"
                " ORDER BY COUNT(*) DESC, paragraph_id LIMIT ?", (*keys, limit))
        else:
            rows = self.db.band_hits(keys, self.bucket_cap, limit)
        return [int(r[0]) for r in rows]

    def paragraph(self, paragraph_id: int) -> ParagraphInfo:
        """A paragraph with its document; raises ``KeyError`` for an unknown id."""
        found = self.paragraphs([paragraph_id])
        if not found:
            raise KeyError(paragraph_id)
        return found[0]

    def paragraphs(self, ids: list[int]) -> list[ParagraphInfo]:
        """The paragraphs with these ids and their documents, in one query, in the order of
        ``ids``; unknown ids are left out."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = self.db.rows(
            "SELECT p.id, p.ordinal, p.text, p.start_offset, p.end_offset, p.signature, "
            f"{_DOC_COLUMNS} FROM paragraphs p JOIN documents d ON d.id = p.document_id"
            f" WHERE p.id IN ({marks})", ids)
        found = {int(row[0]): _paragraph(row) for row in rows}
        return [found[i] for i in ids if i in found]

    def is_empty(self) -> bool:
        """Whether no document has been added (cheap, unlike :meth:`stats`)."""
        return self.db.one("SELECT 1 FROM documents LIMIT 1") is None

    def paragraph_ids(self, document_id: int) -> list[int]:
        """The ids of a document's paragraphs, in document order."""
        rows = self.db.rows("SELECT id FROM paragraphs WHERE document_id = ? ORDER BY ordinal",
                            (document_id,))
        return [int(r[0]) for r in rows]


def open_store(url: str, params: SignatureParams | None = None) -> Store:
    """Open the corpus at ``url`` (a file path, ``sqlite:///path`` or ``postgresql://…``),
    creating its tables when absent. Without ``params`` the stored ones are used (the defaults
    for a new corpus); with other ``params`` than the stored ones, ``ParamsMismatch``."""
    db = connect(url)
    try:
        return Store(db, _checked(db, url, params))
    except BaseException:
        db.close()
        raise


def _checked(db: Database, url: str, params: SignatureParams | None) -> SignatureParams:
    """Create the tables where absent and settle the parameters; a database that belongs to
    something else, or whose tables or meta rows are not a corpus's, is a :class:`CorpusError`."""
    try:
        if foreign := db.foreign_tables():
            raise CorpusError(f"{url} 不是 duizhao 语料库：其中已有别的数据表（{'、'.join(foreign[:5])}），"
                              "为免破坏不会改动它；请用 --db 指定语料库文件，或换一个新文件名新建语料库")
        db.create_schema()
        return _settle_params(db, params)
    except database_errors() as exc:
        raise CorpusError(f"{url} 不是可用的 duizhao 语料库：数据表结构不符（{exc}）；请用 --db 指定"
                          "语料库，或换一个新文件名新建语料库") from exc


def _settle_params(db: Database, params: SignatureParams | None) -> SignatureParams:
    with db.transaction():
        meta = {str(r[0]): str(r[1]) for r in db.rows("SELECT name, value FROM meta")}
        if not meta and db.one("SELECT 1 FROM documents LIMIT 1") is not None:
            raise CorpusError(_DAMAGED.format("参数记录（meta 表）缺失"))
        if not meta:
            chosen = params or SignatureParams()
            db.many("INSERT INTO meta (name, value) VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("params_key", chosen.key()),
                     ("params", json.dumps(asdict(chosen), sort_keys=True))])
            return chosen
    missing = [name for name in ("schema_version", "params_key", "params") if name not in meta]
    if missing:
        raise CorpusError(_DAMAGED.format(f"参数记录（meta 表）缺少 {'、'.join(missing)}"))
    if meta["schema_version"] != str(SCHEMA_VERSION):
        raise CorpusError(f"语料库数据库结构版本为 {meta['schema_version']}，"
                          f"本程序使用版本 {SCHEMA_VERSION}，请用相应版本的程序打开或重建语料库")
    chosen = params or _stored_params(meta["params"])
    _require(meta["params_key"], chosen)
    return chosen


_DAMAGED = "语料库数据库已损坏：{}。请从备份恢复，或换一个新文件名用 duizhao corpus add 重新收录"


def _stored_params(stored: str) -> SignatureParams:
    """The stored choices, with this program's hash and normaliser (which are not choices)."""
    try:
        values: dict[str, Any] = json.loads(stored)
        return SignatureParams(**{**values, "hash": HASH_NAME, "normalizer": NORMALIZER_VERSION})
    except (ValueError, TypeError) as exc:
        raise CorpusError(_DAMAGED.format(f"签名参数记录无法解析（{stored[:40]!r}）")) from exc


def _require(stored_key: str, params: SignatureParams) -> None:
    if params.key() != stored_key:
        raise ParamsMismatch(stored_key, params.key())


__all__ = ["AddResult", "BatchResult", "DocumentInfo", "ParagraphInfo", "Stats", "Store", "open_store"]
