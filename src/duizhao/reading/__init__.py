"""Readers: one per file format, each returning the extracted text plus notes.

Only this package knows file formats. ``read_text_of(path)`` picks the reader by suffix;
anything that cannot be read raises :class:`UnreadableDocument` with a Chinese message the
user can act on. Notes (“表格已按文本读取”) are data, not errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from duizhao.config import Limits

log = logging.getLogger(__name__)


class UnreadableDocument(Exception):
    """The file cannot be turned into text; the message says why, in Chinese."""


@dataclass
class Extracted:
    text: str
    notes: list[str] = field(default_factory=list)


Reader = Callable[[Path], Extracted]


def _readers(limits: Limits) -> dict[str, Reader]:
    from duizhao.reading import converted, docx, html, txt

    packaged = partial(docx.read, limits=limits)
    legacy = partial(converted.read_legacy, limits=limits)
    return {
        ".txt": txt.read, ".md": txt.read, ".text": txt.read, ".html": html.read, ".htm": html.read,
        ".docx": packaged, ".doc": legacy, ".wps": legacy,
        ".pdf": partial(converted.read_pdf, limits=limits),
    }


SUPPORTED = (".txt", ".md", ".text", ".docx", ".doc", ".wps", ".pdf", ".html", ".htm")


def read_text_of(path: Path, limits: Limits | None = None) -> Extracted:
    """The text of ``path``; ``limits`` (the defaults when None) bound the work a file may cause."""
    limits = limits or Limits()
    reader = _readers(limits).get(path.suffix.lower())
    if reader is None:
        raise UnreadableDocument(
            f"不支持的文件类型“{path.suffix or '无扩展名'}”，请另存为 .docx、.txt、.pdf 或 .html 后再审核")
    if not path.is_file():
        raise UnreadableDocument("文件不存在或不是普通文件")
    size = path.stat().st_size
    if size == 0:
        raise UnreadableDocument("文件为空（0 字节），请确认上传的是定稿")
    if size > limits.max_file_bytes:
        raise UnreadableDocument(f"文件过大（{size // 1048576} MB）：{limits.exceeded('max_file_bytes')}")
    extracted = run_reader(reader, path)
    if len(extracted.text) > limits.max_chars:
        raise UnreadableDocument(
            f"提取的文字过多（{len(extracted.text)} 字）：{limits.exceeded('max_chars')}")
    if not extracted.text.strip():
        raise UnreadableDocument("文件中没有可读取的文字（可能是扫描件图片或空白文档）")
    return extracted


def run_reader(reader: Reader, path: Path) -> Extracted:
    """``reader(path)``, with any unexpected exception turned into :class:`UnreadableDocument` for
    this file only (the batch goes on); the details are logged for a developer (``--debug``)."""
    try:
        return reader(path)
    except UnreadableDocument:
        raise
    except PermissionError as exc:
        raise UnreadableDocument("没有权限读取此文件，请检查文件权限后再审核") from exc
    except Exception as exc:  # hostile input must never stop a batch
        name = f"{getattr(reader, '__module__', '')}.{getattr(reader, '__qualname__', reader)}"
        log.debug("reader %s failed on %r", name, path, exc_info=True)
        raise UnreadableDocument(
            f"文件已损坏或格式异常（{type(exc).__name__}），请用 Word 或 WPS 打开后另存一份再审核；"
            "若仍无法读取，请用 duizhao --debug 运行并把输出交给开发者") from exc
