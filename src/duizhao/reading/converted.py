"""Formats that need a converter: .doc/.wps (LibreOffice, then the .docx reader) and .pdf (pypdf).

LibreOffice runs headless with its own throw-away profile and a time limit; its .docx
output keeps the automatic numbering, which the .docx reader rebuilds. PDF text comes
page by page; running page numbers and headers are dropped, lines spaced one character
apart closed up, and hard line wraps joined.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from pypdf import PageObject, PdfReader
from pypdf.errors import LimitReachedError

from duizhao.config import Limits
from duizhao.reading import Extracted, UnreadableDocument
from duizhao.text.wraps import clean_lines, repair_wraps, strip_page_numbers, unspace_cjk

TIMEOUT = 60
_GARBLED = re.compile("[\ue000-\uf8ff\ufffd]")
CONVERTERS = ("soffice", "libreoffice")
SAVE_AS = "请在 Word/WPS 中另存为 .docx"
NO_CONVERTER = ("读取 .doc/.wps 需要安装 LibreOffice（例如 apt-get install libreoffice-writer-nogui），"
                f"或{SAVE_AS}")
PDF_ENCRYPTED = "PDF 已加密（设置了打开密码），无法读取：请取消密码后重新导出，或提供 Word 原文件"
PDF_BROKEN = "PDF 文件已损坏，无法读取：请重新导出 PDF，或提供 Word 原文件"
PDF_SCANNED = "PDF 中没有可提取的文字，可能是扫描件或图片：请先用 OCR 识别成文字，或提供 Word 原文件"
PDF_BOMB = ("PDF 中有解压后异常巨大的内容（疑似“压缩炸弹”），超过读取限制，无法读取："
            "请重新导出 PDF，或提供 Word 原文件")
PDF_GARBLED = "PDF 中的文字无法正确提取（字体缺少文字编码映射）：请提供 Word 原文件，或重新导出 PDF"


def converter() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return next((found for name in CONVERTERS if (found := shutil.which(name))), None)


def read_legacy(path: Path, limits: Limits | None = None) -> Extracted:
    from duizhao.reading import docx

    with path.open("rb") as handle:
        if handle.read(2) == b"PK":
            extracted = docx.read(path, limits)
            extracted.notes.insert(0, "该文件实为 .docx 格式，已按 .docx 读取")
            return extracted
    exe = converter()
    if exe is None:
        raise UnreadableDocument(NO_CONVERTER)
    with tempfile.TemporaryDirectory(prefix="duizhao-") as tmp:
        extracted = docx.read(_convert(exe, path, Path(tmp)), limits)
    suffix = path.suffix.lower()
    legacy = suffix in (".doc", ".wps")
    extracted.notes.insert(0, f"已用 LibreOffice 将 {suffix} 转换为 .docx 后读取" if legacy
                           else "该文件实为旧版 Word（.doc）格式，已用 LibreOffice 转换后读取")
    return extracted


def _convert(exe: str, path: Path, tmp: Path) -> Path:
    """Convert a copy with a plain name (LibreOffice mishandles some names) to .docx."""
    source = tmp / f"source{path.suffix.lower()}"
    shutil.copyfile(path, source)
    _run([exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--norestore",
          "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp / "out"), str(source)])
    result = tmp / "out" / "source.docx"
    if not result.is_file():
        raise UnreadableDocument(f"LibreOffice 无法转换该文件（可能已损坏或加密）：{SAVE_AS}")
    return result


def _run(command: list[str]) -> None:
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise UnreadableDocument(f"LibreOffice 转换超时（超过 {TIMEOUT} 秒）：{SAVE_AS}") from exc


@contextmanager
def _quiet() -> Iterator[None]:
    """pypdf logs and warns about every repairable flaw; the user needs none of it."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _page_texts(path: Path, limits: Limits) -> list[str]:
    with _quiet():
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not _unlock(reader):
                raise UnreadableDocument(PDF_ENCRYPTED)
            _check_pages(_declared_pages(reader), limits)  # cheap: before the page tree is walked
            pages = list(reader.pages)
        except UnreadableDocument:
            raise
        except Exception as exc:  # pypdf raises many kinds of error on damaged files
            raise UnreadableDocument(PDF_BROKEN) from exc
        _check_pages(len(pages), limits)
        return list(_texts(pages, limits))


def _declared_pages(reader: PdfReader) -> int:
    """The page count the page tree declares (0 when it cannot be read); it may lie."""
    try:
        count = cast(Any, reader.trailer)["/Root"]["/Pages"].get("/Count", 0)
    except Exception:  # a damaged page tree: pypdf may still find the pages
        return 0
    return count if isinstance(count, int) else 0


def _check_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise UnreadableDocument(f"PDF 页数过多（{count} 页）：{limits.exceeded('max_pdf_pages')}")


def _texts(pages: list[PageObject], limits: Limits) -> Iterator[str]:
    """Each page's text, stopping with an error once more than ``max_chars`` have come."""
    total = 0
    for page in pages:
        text = _page_text(page)
        total += len(text)
        if total > limits.max_chars:
            raise UnreadableDocument(f"PDF 中的文字过多（超过 {limits.max_chars} 字）："
                                     f"{limits.exceeded('max_chars')}")
        yield text


def _unlock(reader: PdfReader) -> bool:
    """Open a PDF that has only an owner password (permissions), i.e. an empty user password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing AES library or a broken encryption dictionary
        return False


def _page_text(page: PageObject) -> str:
    try:
        page.get_contents()  # extract_text swallows pypdf's decompression limit; this raises it
        return page.extract_text() or ""
    except LimitReachedError as exc:  # a decompression bomb is not a scanned page
        raise UnreadableDocument(PDF_BOMB) from exc
    except Exception:  # one damaged page does not make the rest unreadable
        return ""


def _edge_lines(lines: list[str]) -> list[str]:
    """A page's lines without blank lines and page numbers at its top and bottom."""
    lines = [x for x in lines if x.strip()]
    while lines and _is_number(lines[0]):
        lines.pop(0)
    while lines and _is_number(lines[-1]):
        lines.pop()
    return lines


def _is_number(line: str) -> bool:
    core = line.strip().strip("-—–－―").strip()
    return (core.isdigit() and len(core) <= 4) or not strip_page_numbers(line)[0].strip()


def _drop_running(pages: list[list[str]]) -> list[list[str]]:
    """Drop a first or last line repeated on every page (most pages, in long files): a running header."""
    if len(pages) < 2:
        return pages
    need = len(pages) if len(pages) < 4 else 0.6 * len(pages)
    for edge in (0, -1):
        counts = Counter(p[edge].strip() for p in pages if p)
        running = {line for line, n in counts.items() if n >= need}
        pages = [_edge_lines((p[1:] if edge == 0 else p[:-1]) if p and p[edge].strip() in running else p)
                 for p in pages]
    return pages


def read_pdf(path: Path, limits: Limits | None = None) -> Extracted:
    texts = _page_texts(path, limits or Limits())
    pages = [_edge_lines(clean_lines(text).split("\n")) for text in texts]
    text = "\n".join(line for page in _drop_running(pages) for line in page)
    visible = "".join(text.split())
    if not visible:
        raise UnreadableDocument(PDF_SCANNED)
    if len(_GARBLED.findall(visible)) > 0.3 * len(visible):
        raise UnreadableDocument(PDF_GARBLED)
    text, joins = repair_wraps(unspace_cjk(text), min_lines=4)
    return Extracted(text, [f"已从 PDF 提取文字，并合并了 {joins} 处换行" if joins else "已从 PDF 提取文字"])
