"""Formats read through an external converter: .doc/.wps (LibreOffice), .pdf. Pending."""

from __future__ import annotations

from pathlib import Path

from duizhao.reading import Extracted, UnreadableDocument


def read_legacy(path: Path) -> Extracted:
    raise UnreadableDocument("暂不支持 .doc/.wps")


def read_pdf(path: Path) -> Extracted:
    raise UnreadableDocument("暂不支持 .pdf")
