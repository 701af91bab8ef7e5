"""The batch seen as groups: cost and report size of comparing colleagues' materials.

    .venv/bin/python benchmarks/batch_groups.py [--counts 100 200 400] [--seed 0] [--rounds 3]

For each count, generates that many materials in groups of 20–60 colleagues who started from
one template (``templates.py``: each group's template is generated text of our own; each
member edits its title, figures and a few items), writes them to a temporary folder and, in
one process, times the whole run a user has (``duizhao review FOLDER --format json -o r.json``):
``review_paths`` over the folder (reading, normalising, parsing, every check, grading) and then
the JSON report, with and without the batch comparison (``similar-to-colleague`` disabled in
``Settings``), alternated, best of ``--rounds``; CPU time of the process (and wall time). Prints
both ratios: the review alone, and the whole process (review + JSON report). Then the JSON and
HTML report sizes (and the CPU time to render each), findings per material, the groups found
against the groups generated.
Targets: the batch comparison adds ≤ 50 % to the whole run; the report grows linearly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from duizhao.checks.registry import ReviewContext
from duizhao.config import Settings
from duizhao.reports import render
from duizhao.review import Review, review_paths
from templates import batch

TARGET_EXTRA = 0.5
ALONE = Settings(disabled=frozenset({"similar-to-colleague"}))


def timed(work: Callable[[], Review]) -> tuple[float, float, Review]:
    """CPU seconds of this process (what the ratios use: other processes on a shared machine
    inflate wall time), wall seconds, and the result."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def whole(folder: Path, settings: Settings) -> tuple[tuple[float, float, float], Review]:
    """One run as a user has it (``duizhao review FOLDER --format json -o r.json``): the review, then
    the JSON report, in CPU seconds (review, review + report) and wall seconds (review + report)."""
    cpu, wall = time.process_time(), time.perf_counter()
    review = review_paths([folder], ReviewContext(settings=settings))
    reviewed = time.process_time()
    render(review, "json")
    return (reviewed - cpu, time.process_time() - cpu, time.perf_counter() - wall), review


def write(folder: Path, texts: list[str], as_docx: bool = False) -> None:
    """The materials as .txt files, or as Word files (one paragraph a line, python-docx) as users
    send them: reading a .docx costs more, so the batch comparison's share of the run is smaller."""
    for i, text in enumerate(texts):
        if not as_docx:
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
            continue
        import docx  # a dev dependency, needed only for this variant

        document = docx.Document()
        for line in text.splitlines():
            document.add_paragraph(line)
        document.save(str(folder / f"{i:05d}.docx"))


def grouping(review: Review, labels: list[int]) -> str:
    """How the groups found match the groups generated (files are numbered in batch order)."""
    assert review.batch is not None
    found = sorted(sorted(labels[m.number] for m in g.members) for g in review.batch.groups)
    pure = all(len(set(g)) == 1 for g in found)
    verdict = "每组只含同一模板的材料" if pure else "有组混入其他模板"
    return f"{len(found)} 组（生成 {len(set(labels))} 组），{verdict}"


Run = tuple[float, float, float]  # review CPU s, review + JSON CPU s, wall s


def best(runs: list[Run], index: int) -> Run:
    return min(runs, key=lambda r: r[index])


def measure(count: int, seed: int, rounds: int, as_docx: bool = False) -> dict[str, float]:
    generated = batch(count, seed)
    labels = [g for g, _ in generated]
    alone: list[Run] = []
    full: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="duizhao-groups-") as name:
        folder = Path(name)
        write(folder, [t for _, t in generated], as_docx)
        whole(folder, Settings())  # warm up (imports, caches, first allocations)
        for _ in range(rounds):  # alternated; only the fastest of each is kept
            times, base = whole(folder, ALONE)
            alone.append(times)
            del base  # a review kept alive would slow the next run's garbage collection
            times, review = whole(folder, Settings())
            full.append(times)
            del review
        base, review = whole(folder, ALONE)[1], whole(folder, Settings())[1]
    review_extra = best(full, 0)[0] / best(alone, 0)[0] - 1
    whole_extra = best(full, 1)[1] / best(alone, 1)[1] - 1
    json_s, json_bytes = timed_render(review, "json")
    html_s, html_bytes = timed_render(review, "html")
    base_json_s, base_json = timed_render(base, "json")
    base_html_s, base_html = timed_render(base, "html")
    findings = sum(len(d.findings) for d in review.documents) / count
    colleague = sum(1 for d in review.documents for f in d.findings if f.check == "similar-to-colleague")
    average = sum(len(t) for _, t in generated) // count
    kind = "Word 文件" if as_docx else "文本文件"
    print(f"\n材料 {count} 份（{kind}，平均 {average:,} 字）：{grouping(review, labels)}")
    for title, runs in (("不比对同批", alone), ("比对同批  ", full)):
        only, both, wall = best(runs, 0)[0], best(runs, 1)[1], best(runs, 2)[2]
        print(f"  {title} 审核 CPU {only:5.2f} s，审核+JSON CPU {both:5.2f} s  {count / both:6.1f} 份/s"
              f"（墙钟 {wall:.2f} s）")
    print(f"  比对同批多用：只计审核 {review_extra:6.1%}，审核+JSON 报告（全过程） {whole_extra:6.1%}")
    print(f"  报告 JSON {json_bytes / 1e6:6.2f} MB，生成 CPU {json_s:.2f} s"
          f"（不比对 {base_json / 1e6:.2f} MB，{base_json_s:.2f} s）  HTML {html_bytes / 1e6:6.2f} MB，"
          f"生成 CPU {html_s:.2f} s（不比对 {base_html / 1e6:.2f} MB，{base_html_s:.2f} s）")
    print(f"  每份问题 {findings:.1f} 条，其中 similar-to-colleague {colleague / count:.1f} 条")
    return {"count": count, "extra": whole_extra, "review_extra": review_extra,
            "json": json_bytes, "html": html_bytes}


def timed_render(review: Review, fmt: str) -> tuple[float, int]:
    """CPU seconds to render one report, and its size in bytes."""
    start = time.process_time()
    size = len(render(review, fmt))
    return time.process_time() - start, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="同批分组基准：比对同批材料的耗时与报告大小")
    parser.add_argument("--counts", type=int, nargs="+", default=[100, 200, 400], help="材料份数（可多个）")
    parser.add_argument("--seed", type=int, default=0, help="生成器的随机种子（默认 0）")
    parser.add_argument("--rounds", type=int, default=3, help="交替计时的轮数，各取最快一轮（默认 3）")
    parser.add_argument("--docx", action="store_true", help="材料写成 Word 文件（默认写成 .txt）")
    args = parser.parse_args(argv)
    results = [measure(count, args.seed, args.rounds, args.docx) for count in args.counts]
    first = results[0]
    print("\n比值（以第一个份数为 1）：")
    for r in results:
        scale = r["count"] / first["count"]
        print(f"  {r['count']:5.0f} 份：份数 ×{scale:.2f}  JSON ×{r['json'] / first['json']:.2f}  "
              f"HTML ×{r['html'] / first['html']:.2f}  比对多用：审核 {r['review_extra']:.1%}，"
              f"全过程 {r['extra']:.1%}")
    worst = max(r["extra"] for r in results)
    verdict = "PASS" if worst <= TARGET_EXTRA else "FAIL"
    print(f"{verdict}  比对同批使全过程（审核+JSON 报告）多用 ≤ {TARGET_EXTRA:.0%}（最多 {worst:.1%}）")
    return 0 if worst <= TARGET_EXTRA else 1


if __name__ == "__main__":
    sys.exit(main())
