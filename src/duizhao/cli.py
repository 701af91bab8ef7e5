"""The ``duizhao`` command line: a thin shell over :mod:`duizhao.review`."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from duizhao.checks import REGISTRY
from duizhao.checks.registry import ReviewContext
from duizhao.config import ConfigError, load_settings
from duizhao.corpus import CorpusError, Store, database_errors, open_store
from duizhao.corpus_cli import corpus
from duizhao.ledger_cli import ledger
from duizhao.notice import load_aspects
from duizhao.reading import UnreadableDocument
from duizhao.reports import FORMATS, render
from duizhao.review import Review, collect_files, review_paths
from duizhao.similarity import ParamsMismatch

EXIT_HELP = """退出码：0 没有达到 --fail-on 级别的问题；1 有（或有文件无法读取）；2 用法或配置有误。"""
FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "never": ()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="duizhao")
def main() -> None:
    """duizhao（对照）：对照检查材料自动审核。"""


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
    if aspects and notice:
        raise click.UsageError("--aspects 与 --notice 只能选一个")
    try:
        settings = load_settings(config)
        source = aspects or notice
        found = load_aspects(source, from_notice=notice is not None) if source else ()
        store = _open_corpus(corpus) if corpus else None
    except (ConfigError, UnreadableDocument, CorpusError, ParamsMismatch) as exc:
        raise click.UsageError(str(exc)) from exc
    except database_errors() as exc:
        raise click.UsageError(str(exc)) from exc
    if source and not found:
        raise click.UsageError(f"没能从 {source} 中读出任何方面，请检查文件内容")
    return ReviewContext(settings=settings, aspects=found, kind=kind,  # type: ignore[arg-type]
                         corpus=store, author=author.strip() if author else None)


def _run(paths: list[Path], ctx: ReviewContext) -> Review:
    files = collect_files(paths)
    if not files:
        raise click.UsageError("没有找到可审核的材料（支持 .docx .doc .wps .pdf .txt .md .html）")
    if len(files) > 1 and sys.stderr.isatty():
        with click.progressbar(length=len(files), label="审核中", file=sys.stderr) as bar:
            return review_paths(files, ctx, progress=lambda _: bar.update(1))
    return review_paths(files, ctx)


def _emit(review: Review, fmt: str, output: Path | None) -> None:
    if output is None and fmt in ("html", "xlsx"):
        output = Path(f"duizhao-report.{fmt}")
    if output is None:
        color = fmt == "text" and sys.stdout.isatty()
        click.echo(render(review, fmt, color=color).decode("utf-8"), nl=False)
        return
    output.write_bytes(render(review, fmt))
    click.echo(f"报告已写入 {output.resolve()}", err=True)


@main.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--aspects", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="方面清单文件，每行一个方面。")
@click.option("--notice", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="会议通知文件，从中提取需要对照的方面。")
@click.option("--kind", type=click.Choice(["auto", "personal", "team"]), default="auto",
              show_default=True, help="材料类型：个人 personal、班子 team，auto 按标题判断。")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="报告格式。html/xlsx 未指定 --output 时写入 duizhao-report.*。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="报告写入的文件；不指定时 text/json 输出到标准输出。")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), default="error",
              show_default=True, help="达到哪一级问题时退出码为 1。")
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
    result = _run(list(paths), _context(config, aspects, notice, kind, corpus, author))
    _emit(result, fmt, output)
    sys.exit(1 if result.worst() in FAIL_LEVELS[fail_on] else 0)


@main.command(epilog="示例材料为本项目自行撰写，含有故意设置的常见问题；batch/ 中的副局长材料"
                    "照搬了局长材料中的几段，用来演示同批材料比对和复制比。")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
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
    click.echo(f"报告已写入 {output.resolve()}，用浏览器打开即可查看。")


@main.command(name="checks")
def list_checks() -> None:
    """列出全部检查项（编号、默认级别、说明）。"""
    for check in REGISTRY.values():
        click.echo(f"{check.id:28} {check.severity:8} {check.title}")


main.add_command(corpus)
main.add_command(ledger)
