"""Near-copy detection: MinHash signatures of normalised text and their LSH band keys."""

from __future__ import annotations

from duizhao.similarity.lsh import BandIndex, band_keys
from duizhao.similarity.signature import (
    EMPTY,
    ParamsMismatch,
    SignatureParams,
    estimate_jaccard,
    is_empty,
    shingles,
    signature,
    signatures,
)

__all__ = [
    "EMPTY",
    "BandIndex",
    "ParamsMismatch",
    "SignatureParams",
    "band_keys",
    "estimate_jaccard",
    "is_empty",
    "shingles",
    "signature",
    "signatures",
]
