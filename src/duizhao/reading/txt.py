"""Plain-text reader: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""

from __future__ import annotations

from pathlib import Path

from duizhao.reading import Extracted, UnreadableDocument
from duizhao.text.wraps import clean_lines, repair_wraps, strip_page_numbers

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with; raises for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"文件声明为 {encoding} 编码，但内容无法按此解码") from exc
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("这不是文本文件（含二进制内容），请另存为 .txt 或 .docx")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本")


def read(path: Path) -> Extracted:
    text, encoding = decode(path.read_bytes())
    notes = [] if encoding == "utf-8" else [f"文本按 {encoding.upper()} 编码读取"]
    text, pages = strip_page_numbers(clean_lines(text))
    if pages:
        notes.append(f"已删除 {pages} 行页码（疑似从 PDF 复制）")
    text, repaired = repair_wraps(text)
    if repaired:
        notes.append(f"已合并 {repaired} 处硬换行（疑似从 PDF 复制）")
    return Extracted(text, notes)
