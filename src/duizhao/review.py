"""The review pipeline: read → normalise → outline → run checks → grade.

``review_paths`` is what the CLI (and later the web app) calls. One unreadable file is
reported with its error and the rest of the batch is still reviewed.
"""

from __future__ import annotations

import gc
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from duizhao.batch import compare
from duizhao.checks import REGISTRY
from duizhao.checks.registry import Finding, ReviewContext
from duizhao.checks.runner import in_order, run_batch_checks, run_checks
from duizhao.config import ConfigError, GradeRules, Settings
from duizhao.copying import CopyStats, copy_stats
from duizhao.document import Document
from duizhao.groups import Batch, build
from duizhao.names import shown
from duizhao.outline import parse
from duizhao.reading import SUPPORTED, UnreadableDocument, read_text_of

GRADES = ("不达标", "需修改", "基本达标")
log = logging.getLogger(__name__)


@dataclass
class Reviewed:
    path: str
    document: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    grade: str | None = None
    error: str | None = None
    copy: CopyStats | None = None  # when the material was compared with a corpus or a batch

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class Review:
    documents: list[Reviewed]
    batch: Batch | None = None  # groups of materials sharing text; None: fewer than 2 or not compared

    def worst(self) -> str | None:
        """The most severe level reached anywhere in the batch (an unreadable file is an error)."""
        levels = {f.severity for d in self.documents for f in d.findings}
        if any(d.error for d in self.documents):
            levels.add("error")
        return next((s for s in ("error", "warning", "info") if s in levels), None)


def check_ids(settings: Settings) -> Settings:
    """``settings``, once every check id it names ([severity], [checks] disabled,
    [grade] fail_checks) is a registered check; else a :class:`ConfigError` naming the id."""
    named = [("severity", c) for c in settings.severities] + [("checks", c) for c in settings.disabled]
    named += [("grade", c) for c in settings.grade.fail_checks]
    for section, check_id in named:
        if check_id not in REGISTRY:
            raise ConfigError(f"配置 [{section}] 中的“{check_id}”不是已有的检查项，"
                              "可用 duizhao checks 查看全部编号")
    return settings


def grade(findings: list[Finding], rules: GradeRules, copy: CopyStats | None = None) -> str:
    errors = [f for f in findings if f.severity == "error"]
    warnings = sum(1 for f in findings if f.severity == "warning")
    copied = copy.ratio_excluding_both if copy else 0.0
    if (len(errors) >= rules.fail_errors or any(f.check in rules.fail_checks for f in errors)
            or copied >= rules.fail_copy_ratio):
        return "不达标"
    if (len(errors) >= rules.revise_errors or warnings >= rules.revise_warnings
            or copied >= rules.revise_copy_ratio):
        return "需修改"
    return "基本达标"


def settle(item: Reviewed, ctx: ReviewContext, compared_with: tuple[str, ...]) -> None:
    """Copy figures (when the material was compared with anything) and the grade."""
    if item.document is not None and compared_with:
        item.copy = copy_stats(item.document, item.findings, compared_with,
                               ctx.settings.extra_words("formulations"))
    item.grade = grade(item.findings, ctx.settings.grade, item.copy)


def review_document(doc: Document, ctx: ReviewContext, keep_all: bool = False) -> Reviewed:
    """``keep_all``: leave every finding in (a batch adds its own, grades, then applies
    ``max_findings`` once); otherwise at most ``max_findings`` go into the report."""
    if ctx.kind != "auto":
        doc.kind = ctx.kind
    item = Reviewed(doc.path, doc, run_checks(doc, ctx))
    settle(item, ctx, compared_with(ctx, batch=False))
    if not keep_all:
        _keep_findings(item, ctx.settings.limits.max_findings)
    return item


def _keep_findings(item: Reviewed, most: int) -> None:
    """At most ``most`` findings go into a report (the grade counted all of them)."""
    if len(item.findings) > most and item.document is not None:
        item.document.notes.append(f"共发现 {len(item.findings)} 处问题，报告只列出前 {most} 处"
                                   f"（限制 [limits] max_findings = {most}，可在 duizhao.toml 中调高）")
        del item.findings[most:]


def compared_with(ctx: ReviewContext, batch: bool) -> tuple[str, ...]:
    """What the copy checks compared a material with: the corpus, the batch, both or nothing."""
    on = {"corpus": ctx.corpus is not None and "copied-passage" not in ctx.settings.disabled,
          "batch": batch and "similar-to-colleague" not in ctx.settings.disabled}
    return tuple(name for name, used in on.items() if used)


def review_text(text: str, ctx: ReviewContext, path: str = "") -> Reviewed:
    return review_document(parse(text, path), ctx)


def review_file(path: Path, ctx: ReviewContext, keep_all: bool = False) -> Reviewed:
    try:
        extracted = read_text_of(path, ctx.settings.limits)
    except UnreadableDocument as exc:
        return Reviewed(shown(path), error=str(exc))
    try:
        return review_document(parse(extracted.text, shown(path), extracted.notes), ctx, keep_all)
    except Exception as exc:  # one material's failure must never stop the batch
        log.debug("review failed on %r", path, exc_info=True)
        return Reviewed(shown(path), error=f"审核此材料时程序出错（{type(exc).__name__}），其他材料不受影响；"
                                         "请用 duizhao --debug 运行并把输出交给开发者")


@dataclass
class Collected:
    """The files to review, and a note (Chinese) for each folder or link that was not searched."""

    files: list[Path]
    skipped: list[str] = field(default_factory=list)


def collect(paths: Iterable[Path]) -> Collected:
    """Files to review: the files given, and supported files anywhere under given folders
    (hidden and ``~$`` temporary names left out). A folder that cannot be opened, a link to a
    folder (not followed: no loops, no repeats) and a link that cannot be resolved (a loop, a
    missing target) are noted in ``skipped``; a supported name that is not a readable regular
    file is listed, so that reading it reports it."""
    out = Collected([])
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            _walk(path, found, out.skipped)
            out.files += sorted(found)
        else:
            out.files.append(path)
    return out


def collect_files(paths: Iterable[Path]) -> list[Path]:
    return collect(paths).files


def _walk(folder: Path, found: list[Path], skipped: list[str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        skipped.append(f"文件夹 {shown(folder)} 无法打开（{exc.strerror or type(exc).__name__}），"
                       "其中的材料没有审核；请检查文件夹权限")
        return
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        path = Path(entry.path)
        supported = path.suffix.lower() in SUPPORTED
        if entry.is_symlink():
            _link(path, supported, found, skipped)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, found, skipped)
        elif supported:
            found.append(path)


def _link(path: Path, supported: bool, found: list[Path], skipped: list[str]) -> None:
    try:
        target = os.stat(path)
    except OSError:
        if supported:
            found.append(path)  # reading it reports it as unreadable
        else:
            skipped.append(f"符号链接 {shown(path)} 无法解析（循环链接或目标不存在），已跳过")
        return
    if stat.S_ISDIR(target.st_mode):
        skipped.append(f"{shown(path)} 是指向文件夹的符号链接，为免循环和重复没有进入；"
                       "如需审核其中的材料，请直接给出它的实际路径")
    elif supported:
        found.append(path)


def review_paths(paths: Iterable[Path], ctx: ReviewContext,
                 progress: Callable[[Path], None] | None = None) -> Review:
    reviewed = []
    for path in collect_files(paths):
        reviewed.append(review_file(path, ctx, keep_all=True))
        if progress:
            progress(path)
    batch = compare_batch(reviewed, ctx)
    for item in reviewed:  # after the batch's findings and grades, which count every finding
        _keep_findings(item, ctx.settings.limits.max_findings)
    return Review(reviewed, batch)


@contextmanager
def paused_gc() -> Iterator[None]:
    """The batch comparison makes several hundred thousand small tuples that hold no cycles: the
    cyclic garbage collector would only rescan every document each time (a third of the time).
    Afterwards the objects made meanwhile are handed to the oldest generation at once (freeze,
    unfreeze: a list splice), not scanned by the young collections first; cycles among them are
    still found by the next full collection. Skipped when someone else has frozen objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def compare_batch(reviewed: list[Reviewed], ctx: ReviewContext) -> Batch | None:
    """Add the findings of checks that compare the documents of a batch, and re-grade; the
    batch's groups (None with fewer than two readable materials or similar-to-colleague off)."""
    numbers = [n for n, r in enumerate(reviewed) if r.document is not None]
    docs = [d for r in reviewed if (d := r.document) is not None]
    if len(docs) < 2:
        return None
    with paused_gc():
        extra = run_batch_checks(docs, ctx)
        for index, n in enumerate(numbers):
            item = reviewed[n]
            item.findings = in_order(item.findings + extra.get(index, []))
            settle(item, ctx, compared_with(ctx, batch=True))
        if "similar-to-colleague" in ctx.settings.disabled:
            return None
        return build(docs, numbers, compare(docs, ctx), ctx.settings.thresholds.min_group_chars)
