"""Plain-text reader: UTF-8/16/32 with or without BOM, GB18030/GBK and Big5.

A BOM decides; otherwise strict UTF-8 (the common case, and fast); otherwise UTF-32/UTF-16 when
nearly every character they give is text-like; otherwise GB18030 or Big5, whichever
charset-normalizer prefers, if it decodes strictly and looks like text, unless UTF-8 with a few
damaged bytes reads as more common ideographs. Text-like means mostly CJK ideographs, ASCII,
punctuation and white space; data that is not is refused as binary. docs/reliability.md has the
measured accuracy.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from duizhao.reading import Extracted, UnreadableDocument
from duizhao.text.wraps import clean_lines, repair_wraps, strip_page_numbers

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_LEGACY = ("gb18030", "big5")  # charset-normalizer chooses; in this order otherwise
_SAMPLE = 64 * 1024  # the detector looks at the start; the whole file must then decode strictly
_TEXTLIKE = 0.9  # share of characters that must be CJK, ASCII, punctuation or white space
_DAMAGED = 0.02  # at most this share of U+FFFD (or 2) for damaged UTF-8
_WIDE = 0.97  # the same for UTF-16/32 without a BOM, which is tried first
_NAMES = {"big5": "Big5", "gb18030": "GB18030（兼容 GBK）"}
BINARY = "这不是文本文件（含二进制内容），请另存为 .txt 或 .docx"


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with; raises for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"文件声明为 {encoding} 编码，但内容无法按此解码") from exc
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    wide = _wide(data)
    if wide:
        return wide
    if b"\x00" not in data:
        legacy = _legacy_text(data)
        damaged = _damaged_utf8(data)
        if damaged and (legacy is None or _common(damaged[0], "utf-8") >= _common(*legacy)):
            return damaged
        if legacy:
            return legacy
    start = data[:_SAMPLE]
    if b"\x00" in start or max(_share(start.decode(e, "replace")) for e in ("utf-8", "gb18030")) < _TEXTLIKE:
        raise UnreadableDocument(BINARY)
    raise UnreadableDocument("无法识别文件编码（不是 UTF-8/16/32、GBK/GB18030 或 Big5），请另存为 UTF-8 文本")


def _wide(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM: the decoding in which nearly every character is text-like.

    Chinese prose in UTF-16 gives ideographs, ASCII and punctuation; GB18030 or Big5 bytes
    read as UTF-16, or UTF-16 read with the wrong byte order, give Hangul, Yi, private-use and
    scattered characters, far below the bar.
    """
    best: tuple[float, str, str] | None = None
    for encoding in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = _share(text)
        if share >= _WIDE and (best is None or share > best[0]):
            best = (share, text, encoding)
    return (best[1], best[2]) if best else None


def _legacy_text(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, the detector's choice first, if it decodes strictly and looks like text."""
    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE:  # cut at a line end, where no character is split
        sample = sample[:sample.rfind(b"\n") + 1] or sample
    found = [m.encoding for m in from_bytes(sample, cp_isolation=list(_LEGACY))]
    for encoding in [e for e in found if e in _LEGACY] + [e for e in _LEGACY if e not in found]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _share(text) >= _TEXTLIKE:
            return text, encoding
    return None


def _damaged_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (cut off mid-character, a damaged sector), read with U+FFFD."""
    start = data[:_SAMPLE].decode("utf-8", "replace")
    if start.count("\ufffd") > max(2, len(start) * _DAMAGED):
        return None  # GB18030, Big5 or binary: most multi-byte sequences are bad
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    textlike = _share(text.replace("\ufffd", "")) >= _TEXTLIKE
    return (text, "utf-8") if bad <= max(2, len(text) * _DAMAGED) and textlike else None


def _common(text: str, encoding: str) -> float:
    """The share of ideographs among the 3,755 (GB2312 level 1) or 5,401 (Big5) most common ones.

    Real Chinese prose scores above 0.9; GB18030 read from UTF-8 or Big5 bytes gives rare
    ideographs and scores low, which tells the right reading from a mojibake one.
    """
    ideographs = [ch for ch in text[:_SAMPLE] if "\u4e00" <= ch <= "\u9fff"]
    if not ideographs:
        return 0.0
    lead, last = (0xA4, 0xC6) if encoding == "big5" else (0xB0, 0xD7)
    codec = "big5" if encoding == "big5" else "gb2312"
    common = sum(1 for ch in ideographs if lead <= ch.encode(codec, "replace")[0] <= last)
    return common / len(ideographs)


def _share(text: str) -> float:
    """The share of characters of Chinese prose: CJK ideographs, ASCII, punctuation, white space."""
    sample = text[:_SAMPLE]
    return sum(1 for ch in sample if _plausible(ch)) / len(sample) if sample else 0.0


def _plausible(ch: str) -> bool:
    code = ord(ch)
    return (0x20 <= code < 0x7F or ch in "\t\n\r\f" or 0x4E00 <= code <= 0x9FFF
            or 0x3400 <= code <= 0x4DBF or 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F
            or 0xFF00 <= code <= 0xFFEF or 0x2460 <= code <= 0x24FF or 0xA0 <= code <= 0xFF
            or 0x20000 <= code <= 0x2FA1F or 0x2150 <= code <= 0x218F or 0x25A0 <= code <= 0x25FF)


def read(path: Path) -> Extracted:
    text, encoding = decode(path.read_bytes())
    notes = [] if encoding == "utf-8" else [f"文本按 {_NAMES.get(encoding, encoding.upper())} 编码读取"]
    if "\ufffd" in text:
        notes.append(f"有 {text.count(chr(0xFFFD))} 处字符无法识别（显示为 �），文件可能损坏或被截断")
    text, pages = strip_page_numbers(clean_lines(text))
    if pages:
        notes.append(f"已删除 {pages} 行页码（疑似从 PDF 复制）")
    text, repaired = repair_wraps(text)
    if repaired:
        notes.append(f"已合并 {repaired} 处硬换行（疑似从 PDF 复制）")
    return Extracted(text, notes)
