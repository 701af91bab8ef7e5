"""Path parameters of every command, with Chinese messages (click's own are English), and the
materials and aspects files they name."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from duizhao.config import Limits
from duizhao.names import printable, said
from duizhao.notice import load_aspects, nothing_found
from duizhao.reading import UnreadableDocument
from duizhao.review import Collected, collect


class PathParam(click.ParamType[Path]):
    """A path given on the command line: ``exists`` — it must exist and be readable;
    ``dir_okay=False`` — it must not be a folder (for inputs and outputs alike)."""

    name = "path"

    def __init__(self, *, exists: bool = True, dir_okay: bool = True) -> None:
        self.exists = exists
        self.dir_okay = dir_okay

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        path = Path(value)
        name = said(path)
        if self.exists and not path.exists():
            raise click.UsageError(f"{name} 不存在，请检查路径是否写对", ctx)
        if not self.dir_okay and path.is_dir():
            raise click.UsageError(f"{name} 是文件夹，这里需要一个文件", ctx)
        if self.exists and not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            raise click.UsageError(f"没有权限读取 {name}，请检查文件权限", ctx)
        return path


INPUT = PathParam()  # files or folders to review
INPUT_FILE = PathParam(dir_okay=False)  # a notice, an aspects list, a configuration
OUTPUT_FILE = PathParam(exists=False, dir_okay=False)
OUTPUT = PathParam(exists=False)


def materials(paths: Sequence[Path], none_found: str) -> Collected:
    """The files under ``paths``; each folder or link not searched is a warning on standard error,
    and no file at all is a usage error ``none_found``."""
    found = collect(paths)
    for note in found.skipped:
        click.echo(f"警告：{printable(note)}", err=True)
    if not found.files:
        raise click.UsageError(none_found)
    return found


def chosen_aspects(aspects: Path | None, notice: Path | None, limits: Limits) -> tuple[str, ...]:
    """The aspects ``--aspects`` (a list) or ``--notice`` (a notice) gives, read within ``limits``;
    () with neither. Both at once, an unreadable file or one with no aspect is a usage error."""
    if aspects and notice:
        raise click.UsageError("--aspects 与 --notice 只能选一个")
    source = aspects or notice
    if source is None:
        return ()
    try:
        found = load_aspects(source, from_notice=notice is not None, limits=limits)
    except UnreadableDocument as exc:
        raise click.UsageError(str(exc)) from exc
    if not found:
        raise click.UsageError(nothing_found(source, from_notice=notice is not None))
    return found
