"""The ``duizhao`` command line: a thin shell over :mod:`duizhao.review`."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import click

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.cli_paths import INPUT, INPUT_FILE, OUTPUT, OUTPUT_FILE, chosen_aspects, materials
from duizhao.config import ConfigError, Limits, load_settings
from duizhao.corpus import CorpusError, Store, database_errors, open_store
from duizhao.corpus_cli import corpus
from duizhao.ledger_cli import ledger
from duizhao.names import said
from duizhao.notice import ASPECTS_HELP, aspects_listing
from duizhao.reports import FORMATS, PER_MATERIAL, render, word
from duizhao.review import Review, check_ids, review_paths
from duizhao.similarity import ParamsMismatch

EXIT_HELP = ("退出码：0 没有达到 --fail-on 级别的问题；1 有（或有文件无法读取、有文件夹无法打开）；"
             "2 用法或配置有误。")
FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


class _EchoHandler(logging.Handler):
    """Log records to the standard error of the running command (``--debug``)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="duizhao")
@click.option("--debug", is_flag=True,
              help="把无法读取或审核出错的文件的程序内部详情（含调用栈）写到标准错误，供开发者排查。")
def main(debug: bool) -> None:
    """duizhao（对照）：对照检查材料自动审核。"""
    if debug:
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger = logging.getLogger("duizhao")
        logger.handlers = [handler]
        logger.setLevel(logging.DEBUG)


def _open_corpus(url: str) -> Store:
    """An existing corpus: reviewing against a path that holds none is a usage error."""
    is_file = not url.startswith(("postgresql://", "postgres://"))
    if is_file and not Path(url.removeprefix("sqlite:///")).is_file():
        raise click.UsageError(f"语料库 {url} 不存在，请先用 duizhao corpus add 建立")
    store = open_store(url)
    if store.is_empty():
        store.close()
        raise click.UsageError(f"语料库 {url} 中还没有文档，请先用 duizhao corpus add 收录")
    return store


def _context(config: Path | None, aspects: Path | None, notice: Path | None,
             kind: str, corpus: str | None = None, author: str | None = None) -> ReviewContext:
    try:
        settings = check_ids(load_settings(config))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    found = chosen_aspects(aspects, notice, settings.limits)
    try:
        store = _open_corpus(corpus) if corpus else None
    except (CorpusError, ParamsMismatch) as exc:
        raise click.UsageError(str(exc)) from exc
    except database_errors() as exc:
        raise click.UsageError(str(exc)) from exc
    return ReviewContext(settings=settings, aspects=found, kind=kind,  # type: ignore[arg-type]
                         corpus=store, author=author.strip() if author else None)


def _run(files: list[Path], ctx: ReviewContext) -> Review:
    if len(files) > 1 and sys.stderr.isatty():
        with click.progressbar(length=len(files), label="审核中", file=sys.stderr) as bar:
            return review_paths(files, ctx, progress=lambda _: bar.update(1))
    return review_paths(files, ctx)


def _emit(review: Review, fmt: str, output: Path | None, files: list[Path]) -> None:
    if fmt in PER_MATERIAL:
        _emit_word(review, output, files)
        return
    if output is not None and output.is_dir():
        raise click.UsageError(f"--output {output} 是文件夹；{fmt} 报告需要指定一个文件名")
    if output is None and fmt in ("html", "xlsx"):
        output = Path(f"duizhao-report.{fmt}")
    if output is None:
        color = fmt == "text" and sys.stdout.isatty()
        click.echo(render(review, fmt, color=color).decode("utf-8"), nl=False)
        return
    output.write_bytes(render(review, fmt))
    click.echo(f"报告已写入 {said(output.resolve())}", err=True)


def _word_targets(files: list[Path], output: Path | None) -> list[Path]:
    """Where each material's commented .docx goes: ``-o`` is the file for one material, the folder
    for several; ``<stem>-审核.docx`` by default, numbered when two materials share a stem."""
    if len(files) == 1 and output is not None and not output.is_dir():
        targets = [output]
    else:
        folder = output or Path(".")
        if folder.exists() and not folder.is_dir():
            raise click.UsageError(f"审核多份材料时 --output 应为文件夹，{folder} 是文件")
        targets, used = [], set()
        for file in files:
            stem, n = file.stem, 1
            while (name := f"{stem}-审核{'' if n == 1 else f'-{n}'}.docx") in used:
                n += 1
            used.add(name)
            targets.append(folder / name)
    inputs = {file.resolve() for file in files}
    for target in targets:
        if target.resolve() in inputs:
            raise click.UsageError(f"不能覆盖原材料 {target}：请用 -o 指定另一个文件名或文件夹")
    return targets


def _emit_word(review: Review, output: Path | None, files: list[Path]) -> None:
    """``files``: the materials' own paths, in the order of ``review.documents`` (whose paths are
    names for display)."""
    targets = _word_targets(files, output)
    when = datetime.now(UTC)
    for item, file, target in zip(review.documents, files, targets, strict=True):
        if item.document is None:
            click.echo(f"无法读取，未生成批注文件：{said(item.path)}（{item.error}）", err=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(word(item, file, when))
        click.echo(f"已写入批注：{said(target.resolve())}（{item.grade}，{len(item.findings)} 条问题）",
                   err=True)


@main.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=INPUT)
@click.option("--aspects", type=INPUT_FILE,
              help="方面清单文件：纯文本（扩展名不限）每行一个方面，可由 duizhao aspects 生成。")
@click.option("--notice", type=INPUT_FILE,
              help="会议通知文件，从中提取需要对照的方面。")
@click.option("--kind", type=click.Choice(["auto", "personal", "team"]), default="auto",
              show_default=True, help="材料类型：个人 personal、班子 team，auto 按标题判断。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="报告格式。html/xlsx 未指定 --output 时写入 duizhao-report.*。"
              "docx：把问题作为 Word 批注写回材料本身（每条问题一条批注，批注在问题文字上，"
              "开头一条总评），每份材料写出“原文件名-审核.docx”；不是 .docx 的材料生成新的 .docx。")
@click.option("--output", "-o", type=OUTPUT,
              help="报告写入的文件；不指定时 text/json 输出到标准输出。docx 格式审核一份材料时"
              "为输出文件名，多份材料时为输出文件夹（不存在则新建，默认当前目录）；不会覆盖原材料。")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="error",
              show_default=True, help="达到哪一级问题时退出码为 1。")
@click.option("--config", type=INPUT_FILE,
              help="配置文件（默认读取当前目录的 duizhao.toml）。")
@click.option("--corpus", metavar="URL",
              help="与参考语料库比对（duizhao corpus add 建立；SQLite 文件路径或 postgresql://…）。")
@click.option("--author", help="材料作者：语料库中此作者的往年材料算作本人材料，复制比另行计算。"
              "不指定时按标题行或文件名中的作者名判断。")
def review(paths: tuple[Path, ...], aspects: Path | None, notice: Path | None, kind: str,
           fmt: str, output: Path | None, fail_on: str, config: Path | None,
           corpus: str | None, author: str | None) -> None:
    """审核 PATH 中的材料（文件或文件夹，文件夹递归查找）。

    与参考语料库（--corpus）或同批其他材料比对时，报告给出每份材料的复制比和雷同文字的来源。"""
    found = materials(paths, "没有找到可审核的材料（支持 .docx .doc .wps .pdf .txt .md .html）")
    result = _run(found.files, _context(config, aspects, notice, kind, corpus, author))
    _emit(result, fmt, output, found.files)
    sys.exit(1 if result.worst() in FAIL_LEVELS[fail_on] or found.skipped else 0)


@main.command(epilog="示例材料为本项目自行撰写，含有故意设置的常见问题；batch/ 中的副局长材料"
                    "照搬了局长材料中的几段，用来演示同批材料比对和复制比。")
@click.option("--output", "-o", type=OUTPUT_FILE,
              default=Path("duizhao-report.html"), show_default=True, help="HTML 报告写入的文件。")
def demo(output: Path) -> None:
    """审核内置的示例材料（作为同一批互相比对），按示例通知对照方面，生成 HTML 报告。"""
    samples = resources.files("duizhao") / "samples"
    with resources.as_file(samples) as folder:
        ctx = _context(None, None, folder / "notice.txt", "auto")
        materials = [p for p in sorted(folder.glob("*.txt")) if p.name != "notice.txt"]
        result = review_paths([*materials, *sorted((folder / "batch").glob("*.txt"))], ctx)
    click.echo(render(result, "text").decode("utf-8").splitlines()[-1])
    output.write_bytes(render(result, "html"))
    click.echo(f"报告已写入 {said(output.resolve())}，用浏览器打开即可查看。")


@main.command(name="aspects", epilog=ASPECTS_HELP)
@click.argument("notice", type=INPUT_FILE)
@click.option("--output", "-o", type=OUTPUT_FILE,
              help="写入的文件（UTF-8，每行一个方面）；不指定时输出到标准输出。")
def extract_aspects(notice: Path, output: Path | None) -> None:
    """列出从会议通知 NOTICE 中提取的需要对照的方面，每行一个，供核对修改后用 --aspects 指定。"""
    found = chosen_aspects(None, notice, Limits())
    if output is None:
        click.echo(aspects_listing(found).encode("utf-8"), nl=False)
        return
    output.write_text(aspects_listing(found), encoding="utf-8")
    click.echo(f"已将 {len(found)} 个方面写入 {said(output.resolve())}；核对修改后用 "
               f"duizhao review --aspects {said(output)} 审核", err=True)


@main.command(name="checks")
def list_checks() -> None:
    """列出全部检查项（编号、默认级别、说明）。"""
    for check in REGISTRY.values():
        click.echo(f"{check.id:28} {check.severity:8} {check.title}")


main.add_command(corpus)
main.add_command(ledger)
