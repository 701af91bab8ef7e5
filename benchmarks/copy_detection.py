"""Copy detection against a large reference corpus: import speed, size, query latency, recall, precision.

    .venv/bin/python benchmarks/copy_detection.py [--paragraphs 1000000] [--queries 2000]
        [--unrelated 500] [--db-dir /tmp/duizhao-bench] [--reuse] [--pg URL | --skip-pg] [--skip-sqlite]

The corpus and the queries are generated from the sentences of the bundled samples
(``_copy_corpus.py``; the same ``--seed`` gives the same texts). The index is built with
``Store.add_texts`` into a fresh SQLite file under ``--db-dir`` and a fresh schema of the
PostgreSQL database (``duizhao_bench_<N>_<seed>``, so the tests' schemas are never touched);
``--reuse`` keeps a complete earlier build. Queries are run once for each ``--caps`` value,
the most band rows ``Store.candidates`` reads per key (``none``: all of them). Each query is
matched as the copied-passage check does it (``duizhao.corpus.search``): ``store.candidates(signature, 5)``,
then the candidates' texts in one query and ``common_passages`` against each. Latency (a) is the candidates
look-up alone, (b) look-up, fetching the candidates and exact verification; the query's
signature is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from _copy_corpus import Document, Query, documents, grams, pools, queries, sentences, shared_formulations
from duizhao.corpus import Store, open_store
from duizhao.corpus.db import SQLiteDatabase
from duizhao.corpus.paragraphs import prepare
from duizhao.corpus.search import CANDIDATES, verify
from duizhao.corpus.store import BUCKET_CAP
from duizhao.similarity import band_keys, signatures
from duizhao.similarity.align import MIN_CHARS
from duizhao.similarity.signature import U32, shingle_batch
from duizhao.text.normal import Normalized, normalize

WHEN = datetime(2026, 12, 2, tzinfo=UTC)
BUCKETS = tuple((k / 100, (k + 5) / 100) for k in range(0, 30, 5))
RULE = ("判定规则：一处报出的雷同片段算正确，当且仅当 (1) 查询是某语料段落的改写副本，"
        "且报出的语料段落就是来源段落，"
        f"或该语料段落中被匹配的文字与来源段落有一段 ≥ {MIN_CHARS} 字完全相同（同一片段也存在于来源段落）；"
        f"或 (2) 查询中被匹配的文字含有一段 ≥ {MIN_CHARS} 字的表述，是留出句子与语料句子在变换之前就共有的。"
        "其余一律算误报（包括由替换词偶然拼出的相同文字）。")


def main() -> None:
    args = _arguments()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    started = time.perf_counter()
    docs = list(documents(args.paragraphs, args.seed))
    made = time.perf_counter() - started
    lines = sum(len(d.lines) for d in docs)
    chars = sum(len(d.text) for d in docs) / lines
    print(f"语料：{len(docs):,} 篇文档，{lines:,} 段，平均每段 {chars:.0f} 字；"
          f"生成用时 {made:.1f} s（种子 {args.seed}）")
    p = pools(args.seed)
    print(f"句子：示例材料中 {len(sentences())} 句，{len(p.corpus)} 句用于语料，{len(p.held_out)} 句留出，"
          f"{len(p.templates)} 个模板段落（约 1 % 的段落原样照抄）")
    _distinct_shingles(docs)
    work = queries(docs, args.queries, args.unrelated, args.seed)
    shared = shared_formulations(args.seed, MIN_CHARS)
    print(f"查询：{args.queries:,} 个改写副本（改动 0–30 %），{args.unrelated:,} 个无关段落；"
          f"留出句与语料句共有的 {MIN_CHARS} 字表述 {len(shared)} 个")
    print(RULE)
    print("签名吞吐量（与 datasketch 对比）见 benchmarks/signature_throughput.py 与 docs/benchmarks.md。")
    args.db_dir.mkdir(parents=True, exist_ok=True)
    sqlite = args.db_dir / f"copy_detection_{args.paragraphs}_{args.seed}.sqlite3"
    if not args.skip_sqlite:
        _run("SQLite", str(sqlite), docs, work, shared, args.reuse, lambda: _drop_sqlite(sqlite), args.caps)
    if not args.skip_pg:
        url, drop = _pg_schema(args.pg, f"duizhao_bench_{args.paragraphs}_{args.seed}", args.reuse)
        _run("PostgreSQL", url, docs, work, shared, args.reuse, drop, args.caps)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=2000, help="改写副本的个数")
    parser.add_argument("--unrelated", type=int, default=500, help="无关段落的个数")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db-dir", type=Path, default=Path("/tmp/duizhao-bench"))
    parser.add_argument("--reuse", action="store_true", help="沿用已建好的同规模索引")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--caps", type=_caps, default=_caps(f"none,{BUCKET_CAP}"),
                        help=f"逐一测量的每键读取上限（none 为不限），默认 none,{BUCKET_CAP}")
    return parser.parse_args()


def _caps(text: str) -> list[int | None]:
    return [None if part == "none" else int(part) for part in text.split(",")]


def _distinct_shingles(docs: list[Document], limit: int = 100_000) -> None:
    import numpy as np

    keys = [normalize(line).key for d in docs for line in d.lines][:limit]
    hashes = np.concatenate([shingle_batch(keys[k:k + 5000], 5)[0] for k in range(0, len(keys), 5000)])
    print(f"前 {len(keys):,} 段：5 字 n-gram 共 {len(hashes):,} 个，其中不同的 {len(np.unique(hashes)):,} 个")


def _drop_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _pg_schema(base: str, schema: str, reuse: bool) -> tuple[str, Callable[[], None]]:
    """A URL whose search_path is ``schema`` (as tests/conftest.py isolates the tests)."""
    import psycopg

    def drop() -> None:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            admin.execute(f"CREATE SCHEMA {schema}")

    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", drop


def _run(name: str, url: str, docs: list[Document], work: list[Query], shared: set[str], reuse: bool,
         drop: Callable[[], None], caps: list[int | None]) -> None:
    print(f"\n== {name} ==")
    lines = sum(len(d.lines) for d in docs)
    store = open_store(url)
    if not (reuse and store.stats().paragraphs == lines):
        store.close()
        drop()
        store = open_store(url)
        _build(store, docs)
    else:
        started = time.perf_counter()
        store.db.analyze()  # the state an import leaves the index in, with this program's version
        took = time.perf_counter() - started
        print(f"沿用已建好的索引（--reuse），先做导入结束时的统计与整理：{took:.1f} s")
    with store:
        _describe(store, lines)
        ids = _source_ids(store, docs)
        for cap in caps:
            store.bucket_cap = cap
            print(f"-- 每个分带键最多读 {'不限' if cap is None else cap} 行 --")
            _evaluate(store, docs, work, ids, shared)


def _build(store: Store, docs: list[Document]) -> None:
    sample = docs[:500]
    started = time.perf_counter()
    for d in sample:
        prepare(d.text, d.title, store.params)
    per_doc = (time.perf_counter() - started) / len(sample)
    started = time.perf_counter()
    results = store.add_texts(((d.text, d.title, d.label, d.year, None) for d in docs), WHEN)
    took = time.perf_counter() - started
    lines = sum(len(d.lines) for d in docs)
    print(f"建索引：{len(results):,} 篇、{lines:,} 段用时 {took:.1f} s，{lines / took:,.0f} 段/秒；"
          f"其中切段与签名（prepare）约 {per_doc * len(docs):.1f} s（按前 {len(sample)} 篇估计）；"
          f"重复文档 {sum(r.duplicate for r in results)} 篇")


def _describe(store: Store, lines: int) -> None:
    if isinstance(store.db, SQLiteDatabase):
        store.db.run("PRAGMA wal_checkpoint(TRUNCATE)")
    stats = store.stats()
    size = stats.size_bytes or 0
    print(f"数据库：{stats.documents:,} 篇，{stats.paragraphs:,} 段，{stats.indexed:,} 段有签名，"
          f"{stats.bands:,} 行分带索引；{size / 2**20:,.0f} MiB，每段 {size / lines:,.0f} 字节")
    started = time.perf_counter()
    row = store.db.one("SELECT MAX(c), COUNT(*), SUM(CASE WHEN c > 1000 THEN c ELSE 0 END)"
                       " FROM (SELECT COUNT(*) AS c FROM bands GROUP BY band_key) AS buckets")
    if row:
        print(f"分带桶：{int(row[1]):,} 个键，最大桶 {int(row[0]):,} 行，"
              f"超过 1,000 行的桶共占 {int(row[2] or 0):,} 行"
              f"（统计用时 {time.perf_counter() - started:.1f} s）")


def _source_ids(store: Store, docs: list[Document]) -> list[int]:
    """Document ids in the order the documents were generated (and added)."""
    ids = [int(r[0]) for r in store.db.rows("SELECT id FROM documents ORDER BY id")]
    assert len(ids) == len(docs), "语料库中的文档数与生成的不符"
    return ids


@dataclass
class Tally:
    lookup: list[float] = field(default_factory=list)
    verify: list[float] = field(default_factory=list)
    sign: list[float] = field(default_factory=list)
    rows_read: list[int] = field(default_factory=list)
    reported: int = 0
    correct: int = 0
    false: list[str] = field(default_factory=list)
    unrelated_flagged: int = 0
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)


def _bucket(rate: float) -> str:
    for low, high in BUCKETS:
        if rate < high:
            return f"{low:.0%}–{high:.0%}"
    return f"{BUCKETS[-1][0]:.0%}–{BUCKETS[-1][1]:.0%}"


def _evaluate(store: Store, docs: list[Document], work: list[Query], doc_ids: list[int],
              shared: set[str]) -> None:
    t = Tally()
    for q in work[:100]:  # warm-up, untimed
        norm = normalize(q.text)
        _match(store, norm, signatures([norm.key], store.params)[0])
    for q in work:
        source_id, source_text = _source(store, docs, doc_ids, q)
        started = time.perf_counter()
        mine = normalize(q.text)
        sig = signatures([mine.key], store.params)[0]
        signed = time.perf_counter()
        found, looked = _match(store, mine, sig)
        done = time.perf_counter()
        t.sign.append(signed - started)
        t.lookup.append(looked - signed)
        t.verify.append(done - signed)
        _judge(t, q, found, source_id, source_text, shared)
    cap = store.bucket_cap
    for q in work:
        sig = signatures([normalize(q.text).key], store.params)[0]
        keys = list(dict.fromkeys(band_keys(sig, store.params)))
        marks = ", ".join("?" * len(keys))
        sizes = store.db.rows(f"SELECT COUNT(*) FROM bands WHERE band_key IN ({marks}) GROUP BY band_key",
                              keys)
        t.rows_read.append(sum(int(r[0]) if cap is None else min(int(r[0]), cap) for r in sizes))
    _print(t, work, docs, doc_ids)


def _source(store: Store, docs: list[Document], doc_ids: list[int], q: Query) -> tuple[int | None, str]:
    if q.source is None:
        return None, ""
    d, ordinal = q.source
    row = store.db.one("SELECT id FROM paragraphs WHERE document_id = ? AND ordinal = ?",
                       (doc_ids[d], ordinal))
    assert row is not None
    return int(row[0]), docs[d].lines[ordinal]


Found = list[tuple[int, str, int, int, int, int]]  # paragraph id, its text, a span, b span


def _match(store: Store, mine: Normalized, sig: U32) -> tuple[Found, float]:
    """The copied-passage check's matching of one paragraph; also when the look-up ended."""
    ids = store.candidates(sig, CANDIDATES)
    looked = time.perf_counter()
    found: Found = [(info.id, info.text, p.a_start, p.a_end, p.b_start, p.b_end)
                    for p, info in verify(store, mine, ids, MIN_CHARS)]
    return found, looked


def _judge(t: Tally, q: Query, found: Found, source_id: int | None, source_text: str,
           shared: set[str]) -> None:
    source_grams = grams(source_text, MIN_CHARS) if source_id is not None else set()

    def from_source(pid: int, passage: str) -> bool:
        return source_id is not None and (pid == source_id or bool(grams(passage, MIN_CHARS) & source_grams))

    hit = False
    for pid, text, a_start, a_end, b_start, b_end in found:
        t.reported += 1
        if from_source(pid, text[b_start:b_end]):
            t.correct += 1
            hit = True
        elif grams(q.text[a_start:a_end], MIN_CHARS) & shared:
            t.correct += 1
        elif len(t.false) < 10:
            t.false.append(f"{'副本' if source_id else '无关'}：{q.text[a_start:a_end]} ← 段落 {pid}")
    if source_id is None:
        t.unrelated_flagged += bool(found)
        return
    containment = _containment(q.text, source_text)
    for key in (_bucket(q.rate), "全部", "包含度≥60%" if containment >= 0.6 else "包含度<60%"):
        t.total[key] += 1
        t.found[key] += hit
    if containment >= 0.6:
        t.total[f"≥60% {_bucket(q.rate)}"] += 1
        t.found[f"≥60% {_bucket(q.rate)}"] += hit


def _containment(query: str, source: str) -> float:
    mine = grams(query, 5)
    return len(mine & grams(source, 5)) / len(mine) if mine else 0.0


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[int(len(ordered) * 0.95)]
    return f"中位数 {statistics.median(ordered) * 1000:.2f} ms，p95 {p95 * 1000:.2f} ms"


def _print(t: Tally, work: list[Query], docs: list[Document], doc_ids: list[int]) -> None:
    rows = sorted(t.rows_read)
    print(f"查询签名：{_ms(t.sign)}")
    print(f"(a) 只查候选：{_ms(t.lookup)}")
    print(f"(b) 查候选 + 取候选原文 + 精确比对：{_ms(t.verify)}")
    print(f"每次查询读取的分带行数：中位数 {statistics.median(rows):,.0f}，"
          f"p95 {rows[int(len(rows) * 0.95)]:,}，"
          f"最大 {rows[-1]:,}")
    key = "包含度≥60%"
    print(f"召回率（包含度 ≥ 60 % 的副本）：{t.found[key] / max(t.total[key], 1):.4f}"
          f"（{t.found[key]}/{t.total[key]}，目标 ≥ 0.95）；"
          f"全部副本 {t.found['全部'] / max(t.total['全部'], 1):.4f}；"
          f"包含度 < 60 % 的副本 {t.found['包含度<60%']}/{t.total['包含度<60%']}")
    for low, high in BUCKETS:
        b = f"{low:.0%}–{high:.0%}"
        print(f"  改动 {b}：全部 {t.found[b]}/{t.total[b]} = {t.found[b] / max(t.total[b], 1):.3f}；"
              f"包含度 ≥ 60 % {t.found['≥60% ' + b]}/{t.total['≥60% ' + b]}"
              f" = {t.found['≥60% ' + b] / max(t.total['≥60% ' + b], 1):.3f}")
    unrelated = sum(q.source is None for q in work)
    print(f"核实后的准确率：{t.correct / max(t.reported, 1):.4f}"
          f"（{t.correct}/{t.reported} 处片段，目标 ≥ 0.99）；"
          f"无关段落被报出 {t.unrelated_flagged}/{unrelated}")
    for line in t.false:
        print(f"  误报示例 {line}")


if __name__ == "__main__":
    main()
