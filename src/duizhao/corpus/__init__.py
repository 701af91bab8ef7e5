"""The reference corpus: earlier materials, paragraph by paragraph, with an LSH band table,
in SQLite or PostgreSQL."""

from __future__ import annotations

from duizhao.corpus.db import CorpusError, database_errors
from duizhao.corpus.paragraphs import MIN_INDEXED
from duizhao.corpus.store import (
    AddResult,
    BatchResult,
    DocumentInfo,
    ParagraphInfo,
    Stats,
    Store,
    open_store,
)

__all__ = [
    "MIN_INDEXED",
    "AddResult",
    "BatchResult",
    "CorpusError",
    "DocumentInfo",
    "ParagraphInfo",
    "Stats",
    "Store",
    "database_errors",
    "open_store",
]
