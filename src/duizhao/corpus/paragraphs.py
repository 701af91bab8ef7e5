"""A document cut into corpus paragraphs, with its content hash and paragraph signatures.

A paragraph is a non-empty line of the extracted text (readers already join wrapped lines),
kept with its offsets in that text, surrounding whitespace excluded. Only paragraphs with at
least ``MIN_INDEXED`` characters of content (normalised, punctuation and whitespace dropped)
get a signature and band keys: shorter lines (headings, “一、存在的问题”, signatures and dates)
are shared by every material of the genre and would only add false candidates, but their text
is stored all the same so that a document can be shown whole.

The content hash is the SHA-256 of the normalised key with all whitespace removed, so the same
material saved as .docx and as .txt, rewrapped, in traditional characters or with masked words
is recognised as one document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from duizhao.outline.title import looks_like_title
from duizhao.similarity import SignatureParams, band_keys, signatures
from duizhao.similarity.signature import U32, clean
from duizhao.text.normal import normalize

MIN_INDEXED = 20
TITLE_CHARS = 80
_LINE = re.compile(r"[^\n]+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Paragraph:
    """One line of a document; ``signature`` and ``bands`` are empty for a short line."""

    ordinal: int
    text: str
    start: int
    end: int
    signature: U32 | None
    bands: list[int]


@dataclass(frozen=True)
class Prepared:
    """A document ready to store."""

    content_hash: str
    title: str
    chars: int
    paragraphs: list[Paragraph]


def _spans(text: str) -> list[tuple[int, int]]:
    """Start and end of every non-blank line, surrounding whitespace excluded."""
    spans = []
    for m in _LINE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + len(line) - len(line.lstrip())
            spans.append((start, start + len(stripped)))
    return spans


def _line_keys(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[str]]:
    """The whole key and the key of each line (normalised once when the line breaks line up)."""
    key = normalize(text).key
    lines = [line for line in key.split("\n") if line.strip()]
    if len(lines) != len(spans):
        lines = [normalize(text[s:e]).key for s, e in spans]
    return key, lines


def prepare(text: str, fallback_title: str, params: SignatureParams) -> Prepared:
    """Cut ``text`` into paragraphs and sign those long enough to index."""
    spans = _spans(text)
    key, line_keys = _line_keys(text, spans)
    indexed = [k for k, line in enumerate(line_keys) if len(clean(line)) >= MIN_INDEXED]
    sigs = signatures([line_keys[k] for k in indexed], params)
    signed: dict[int, U32] = dict(zip(indexed, sigs, strict=True))
    paragraphs = [Paragraph(k, text[s:e], s, e, signed.get(k), _bands(signed.get(k), params))
                  for k, (s, e) in enumerate(spans)]
    digest = hashlib.sha256(_WHITESPACE.sub("", key).encode("utf-8")).hexdigest()
    return Prepared(digest, _title(paragraphs, fallback_title), len(_WHITESPACE.sub("", text)), paragraphs)


def _bands(sig: U32 | None, params: SignatureParams) -> list[int]:
    return [] if sig is None else list(dict.fromkeys(band_keys(sig, params)))  # unique: the primary key


def _title(paragraphs: list[Paragraph], fallback: str) -> str:
    first = paragraphs[0].text if paragraphs else ""
    return first[:TITLE_CHARS] if first and looks_like_title(first) else fallback


def to_bytes(sig: U32 | None) -> bytes | None:
    """A signature as stored: little-endian unsigned 32-bit values (NULL for a short line)."""
    return None if sig is None else sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> U32:
    values: U32 = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return values
