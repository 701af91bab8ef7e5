"""``duizhao corpus``: add, list, remove and count the reference corpus (a thin shell over
:mod:`duizhao.corpus`)."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from duizhao.cli_paths import INPUT, materials
from duizhao.corpus import BatchResult, CorpusError, Stats, Store, database_errors, open_store
from duizhao.names import printable, said
from duizhao.similarity import ParamsMismatch

DEFAULT_DB = "duizhao.sqlite3"
EXIT_HELP = ("退出码：0 成功；1 有文件无法读取或文件夹无法打开、没有可删除的文档或数据库操作失败；"
             "2 用法或配置有误。")
_HEADERS = ("编号", "标签", "年度", "作者", "段落", "字数", "添加时间", "标题")

db_option = click.option(
    "--db", "db_url", envvar="DUIZHAO_DB", default=DEFAULT_DB, show_default=True,
    help="语料库数据库：文件路径、sqlite:///路径 或 postgresql://…（也可用环境变量 DUIZHAO_DB）。")


@contextmanager
def _store(url: str) -> Iterator[Store]:
    """The open store; configuration problems exit 2, failed statements exit 1."""
    try:
        store = open_store(url)
    except (CorpusError, ParamsMismatch) as exc:
        raise click.UsageError(str(exc)) from exc
    except database_errors() as exc:
        raise click.UsageError(f"无法打开语料库 {url}：{exc}") from exc
    try:
        yield store
    except database_errors() as exc:
        raise click.ClickException(f"语料库数据库操作失败：{exc}") from exc
    finally:
        store.close()


@click.group(epilog=EXIT_HELP)
def corpus() -> None:
    """参考语料库：收录往年材料、网络范文等，供雷同（抄袭）检测比对。"""


@corpus.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True, type=INPUT)
@click.option("--label", help="标签，如“网络范文”“2024年度材料”或班子名称。")
@click.option("--year", type=click.IntRange(1949, 2100), help="材料年度。")
@click.option("--author", help="作者（个人或单位）。")
@db_option
def add(paths: tuple[Path, ...], label: str | None, year: int | None, author: str | None,
        db_url: str) -> None:
    """把 PATH 中的材料加入语料库（文件或文件夹，文件夹递归查找）。内容相同的文档不会重复收录。

    每 200 篇（或 1 万段）提交一次；数据库操作中途失败时，失败的那一批整批不收录，之前各批已收录。"""
    found = materials(paths, "没有找到可收录的材料（支持 .docx .doc .wps .pdf .txt .md .html）")
    files = found.files
    now = datetime.now().astimezone()
    with _store(db_url) as store:
        if len(files) > 1 and sys.stderr.isatty():
            with click.progressbar(length=len(files), label="收录中", file=sys.stderr) as bar:
                result = store.add_files(files, label, year, author, now, progress=lambda _: bar.update(1))
        else:
            result = store.add_files(files, label, year, author, now)
    _report(result)
    sys.exit(1 if result.failed or found.skipped else 0)


def _report(result: BatchResult) -> None:
    for path, added in result.added:
        if added.duplicate:
            click.echo(f"已在语料库中（编号 {added.document_id}），未重复收录：{said(path)}")
        else:
            click.echo(f"已收录（编号 {added.document_id}，{added.paragraphs} 段）：{said(path)}")
    for path, message in result.failed:
        click.echo(f"无法读取 {said(path)}：{message}", err=True)
    new = sum(not a.duplicate for _, a in result.added)
    click.echo(f"共收录 {new} 篇，已存在 {len(result.added) - new} 篇，无法读取 {len(result.failed)} 篇。")


@corpus.command(name="list")
@click.option("--label", help="只列出此标签的文档。")
@db_option
def list_documents(label: str | None, db_url: str) -> None:
    """列出语料库中的文档。"""
    with _store(db_url) as store:
        docs = store.documents(label)
    if not docs:
        click.echo("语料库中没有符合条件的文档。" if label else "语料库中还没有文档。")
        return
    rows = [tuple(map(printable, (str(d.id), d.label or "", str(d.year or ""), d.author or "",
                                  str(d.paragraphs), str(d.chars), d.added_at[:16].replace("T", " "),
                                  d.title))) for d in docs]
    click.echo(table(_HEADERS, rows))


def width(text: str) -> int:
    """Columns a string takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain text table, columns padded to their widest cell; the last column is not padded."""
    widths = [max(width(r[k]) for r in (headers, *rows)) for k in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - width(c)) for c, w in zip(cells[:-1], widths, strict=False)]
        return "  ".join([*padded, cells[-1]])

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


@corpus.command(epilog=EXIT_HELP)
@click.argument("ids", nargs=-1, type=int)
@click.option("--label", help="删除此标签的全部文档。")
@db_option
def remove(ids: tuple[int, ...], label: str | None, db_url: str) -> None:
    """从语料库中删除文档：按编号（可多个），或用 --label 按标签整批删除。"""
    if bool(ids) == bool(label):
        raise click.UsageError("请给出要删除的文档编号，或用 --label 指定标签（二者选一）")
    targets: list[int | str] = [label] if label else list(ids)
    with _store(db_url) as store:
        removed = sum(store.remove(t) for t in targets)
    if not removed:
        click.echo("没有找到要删除的文档。", err=True)
        sys.exit(1)
    click.echo(f"已删除 {removed} 篇文档及其段落和索引。")


@corpus.command()
@db_option
def stats(db_url: str) -> None:
    """语料库统计：文档、段落、索引行数、各标签文档数、签名参数。"""
    with _store(db_url) as store:
        click.echo(describe(store.stats()))


def describe(s: Stats) -> str:
    lines = [f"文档：{s.documents} 篇", f"段落：{s.paragraphs} 段（其中 {s.indexed} 段已建索引）",
             f"索引行数：{s.bands}", f"签名参数：{s.params_key}"]
    if s.size_bytes is not None:
        lines.append(f"数据库大小：{s.size_bytes / 1048576:.1f} MB")
    lines += [f"  {label or '（无标签）'}：{count} 篇" for label, count in s.labels]
    if s.labels:
        lines.insert(len(lines) - len(s.labels), "各标签：")
    return "\n".join(lines)
