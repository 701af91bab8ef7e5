"""HTML report. Pending."""

from __future__ import annotations

from duizhao.review import Review


def render(review: Review) -> bytes:
    return b"<!doctype html><meta charset=utf-8><title>duizhao</title>"
