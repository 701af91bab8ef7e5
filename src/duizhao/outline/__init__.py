"""The outline: title, preamble, the three parts, aspects and items."""

from duizhao.outline.parser import parse

__all__ = ["parse"]
