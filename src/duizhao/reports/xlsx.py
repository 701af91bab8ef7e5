"""XLSX report. Pending."""

from __future__ import annotations

from duizhao.review import Review


def render(review: Review) -> bytes:
    raise NotImplementedError
