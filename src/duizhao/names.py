"""File names as reports and messages show them.

On Linux a file name is bytes; one saved under GBK (or any bytes that are not UTF-8) reaches
Python as a string with lone surrogates (``surrogateescape``), which no UTF-8 writer accepts.
:func:`shown` is the one place that turns such a name into text every writer can write; the
terminal report also passes names and titles through :func:`printable`.
"""

from __future__ import annotations

import os
import unicodedata

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(path: str | os.PathLike[str]) -> str:
    """``path`` as text: a name saved under GBK (a Windows archive unpacked on Linux) is read as
    GB18030 when each of its parts is; any other bytes that are not UTF-8 become U+FFFD (“�”)."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(text)
        except UnicodeEncodeError:  # a lone surrogate that did not come from the file system
            return text.encode("utf-8", "replace").decode("utf-8")
        return os.fsdecode(b"/").join(_part(p) for p in raw.split(b"/"))
    return text


def _part(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def printable(text: str) -> str:
    """``text`` safe to print in a terminal: control characters (escape sequences, carriage
    returns, line breaks) and bidirectional overrides are written as visible ``\\x1b``-style
    escapes, so a file name or title cannot move the cursor, recolour or reorder the report."""
    if text.isprintable():
        return text
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs"):
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


def said(path: str | os.PathLike[str]) -> str:
    """A file name as a terminal message gives it: :func:`shown`, then :func:`printable`."""
    return printable(shown(path))
