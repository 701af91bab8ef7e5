"""Size curve: time and peak memory against input size, to show both grow linearly.

    .venv/bin/python benchmarks/size_curve.py [--sizes 1 5 10 50] [--findings 1000 4000 16000]
                                              [--html]

(1) A plain-text material of 1/5/10/50 MB (the built-in samples repeated) is read and reviewed
(``review_file``, every check, no corpus) with the limits raised so that every size is read;
(2) the XLSX report of one material with N = 1k/4k/16k findings is rendered (the
``max_findings`` limit lifted); with ``--html`` also a 1/5/10 MB web page is read and reviewed.
Each measurement runs in a fresh process, so its peak memory (VmHWM) is its own (the
interpreter and imports included, about 60 MB). Printed per row: seconds, peak MB, and the
ratios to the first row of seconds and of size — equal ratios mean linear time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from duizhao.checks.registry import Finding, ReviewContext
from duizhao.config import Limits, Settings
from duizhao.review import Review, Reviewed, review_file, review_text

MB = 1024 * 1024
UNLIMITED = Limits(max_file_bytes=10**12, max_unpacked_bytes=10**12, max_xml_elements=10**9,
                   max_chars=10**12, max_pdf_pages=10**9, max_findings=10**9)


def sample_text() -> str:
    samples = resources.files("duizhao.samples")
    return "\n".join(samples.joinpath(name).read_text(encoding="utf-8")
                     for name in ("01_clean_personal.txt", "02_template_personal.txt", "03_team.txt"))


def write_text(path: Path, megabytes: int, html: bool = False) -> None:
    base = sample_text() + "\n"
    if html:
        base = "".join(f"<p>{line}</p>\n" for line in base.split("\n"))
        base = "<div class=\"content\">" + base + "</div>\n"
    copies = megabytes * MB // len(base.encode()) + 1
    body = base * copies
    path.write_text(f"<html><body>{body}</body></html>" if html else body, encoding="utf-8")


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss keeps the parent's peak
    across fork and exec, so it would show the parent's text generation), else ru_maxrss."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_review(path: Path) -> dict[str, float]:
    ctx = ReviewContext(Settings(limits=UNLIMITED))
    start = time.perf_counter()
    item = review_file(path, ctx)
    assert item.error is None, item.error
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def measure_xlsx(findings: int) -> dict[str, float]:
    from duizhao.reports import xlsx

    ctx = ReviewContext(Settings(limits=UNLIMITED))
    item = review_text(sample_text(), ctx, path="甲.txt")
    assert item.document is not None
    found = [Finding("placeholder", "warning", f"第{n}处", "请改正", n % 1000, n % 1000 + 4)
             for n in range(findings)]
    review = Review([Reviewed(item.path, item.document, found, item.grade)])
    start = time.perf_counter()
    xlsx.render(review)
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb()}


def child(args: list[str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--one", *args], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def table(title: str, unit: str, rows: list[tuple[int, dict[str, float]]]) -> None:
    print(f"\n{title}")
    print(f"{unit:>8} {'秒':>8} {'峰值 MB':>9} {'时间比':>7} {'规模比':>7}")
    first_size, first = rows[0]
    for size, row in rows:
        print(f"{size:>8} {row['seconds']:>8.2f} {row['peak_mb']:>9.0f} "
              f"{row['seconds'] / first['seconds']:>7.1f} {size / first_size:>7.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 10, 50])
    parser.add_argument("--findings", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--html", action="store_true")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        kind, value = args.one
        result = measure_xlsx(int(value)) if kind == "xlsx" else measure_review(Path(value))
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="duizhao-size-") as tmp:
        kinds = [("txt", False)] + ([("html", True)] if args.html else [])
        for suffix, html in kinds:
            rows = []
            for size in args.sizes:
                path = Path(tmp) / f"m{size}.{suffix}"
                write_text(path, size, html)
                rows.append((size, child(["review", str(path)])))
                path.unlink()
            table(f"读取并审核 .{suffix}（全部检查）", "MB", rows)
    table("渲染 XLSX 报告", "问题数", [(n, child(["xlsx", str(n)])) for n in args.findings])


if __name__ == "__main__":
    main()
