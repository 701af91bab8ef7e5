"""Word (.docx, also saved by WPS) reader. Implementation pending."""

from __future__ import annotations

from pathlib import Path

from duizhao.reading import Extracted, UnreadableDocument


def read(path: Path) -> Extracted:
    raise UnreadableDocument("暂不支持 .docx")
