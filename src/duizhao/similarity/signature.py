"""MinHash signatures of the character n-grams of normalised text, vectorised with numpy.

A text is reduced to its normalised key (``duizhao.text.normal``), stripped of punctuation and
whitespace (so a changed comma changes nothing), and cut into overlapping character n-grams.
Each n-gram is hashed by a polynomial over its code points modulo 2^64, finished with the
MurmurHash3 64-bit finaliser, top 32 bits kept (``poly64-fmix``). Permutation ``i`` maps a
shingle hash ``x`` to ``(a_i * x + b_i) mod 2^64 >> 32`` — multiply-add-shift, Dietzfelbinger's
strongly universal family for 32-bit keys, the power-of-two analogue of ``a*x+b mod p`` that
needs no division (numpy's 64-bit modulo is the slowest step of a prime-field MinHash). ``a_i``
and ``b_i`` come from splitmix64 seeded with ``seed``, in pure Python, so they never depend on
numpy's random streams. The signature is the minimum of every permutation over the shingles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from duizhao.text.normal import NORMALIZER_VERSION

HASH_NAME = "poly64-fmix/mas64"
SCHEME_VERSION = 1
EMPTY = np.uint32(0xFFFFFFFF)  # every value of the signature of a text shorter than one n-gram
_CHUNK = 4096  # shingles per matrix block: 128 permutations x 4096 x 8 bytes = 4 MiB
_DROP = re.compile(r"[\W_]+")
_MASK64 = (1 << 64) - 1
_POLY = np.uint64(0x100000001B3)
_FMIX = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]


class ParamsMismatch(ValueError):
    """Signatures or band keys made with other parameters than the index's."""

    def __init__(self, expected: str, found: str) -> None:
        super().__init__(f"相似度签名参数不一致：索引为 {expected}，当前为 {found}；"
                         "不同参数的签名不能比较，请用同一参数重建索引")
        self.expected, self.found = expected, found


@dataclass(frozen=True)
class SignatureParams:
    """Everything that decides a signature and its band keys; ``key()`` is stored with an index.

    Bands and rows: a pair of n-gram sets with Jaccard similarity ``s`` shares at least one
    band with probability ``1 - (1 - s**rows)**bands``, an S-curve that rises near
    ``(1/bands)**(1/rows)``. Copies with 10–20 % of their characters edited keep a 5-gram
    Jaccard of about 0.65–0.45, so the curve must be high there: 42 bands x 3 rows (126 of the
    128 values) rises at 0.29 and finds a pair at s = 0.6 with probability 1.000, 0.5 with
    0.996, 0.45 with 0.982, 0.4 with 0.938, while unrelated paragraphs of the genre (97 % of
    pairs below 0.05) collide with at most 0.005 (0.041 at s = 0.1). 32 x 4 would miss a
    quarter of the copies at 20 % edits (0.738 at s = 0.45). Candidates are checked by
    ``estimate_jaccard`` and exact alignment afterwards, so a few extra ones cost little.
    """

    ngram: int = 5
    permutations: int = 128
    seed: int = 1
    bands: int = 42
    rows: int = 3
    hash: str = HASH_NAME
    normalizer: int = NORMALIZER_VERSION

    def __post_init__(self) -> None:
        if self.ngram < 1 or self.permutations < 1 or self.bands < 1 or self.rows < 1:
            raise ValueError("签名参数须为正整数")
        if self.bands * self.rows > self.permutations:
            raise ValueError(f"分带数×每带行数（{self.bands}×{self.rows}）超过置换数 {self.permutations}")

    def key(self) -> str:
        """A stable description, e.g. ``minhash1;poly64-fmix/mas64;seed=1;perm=128;n=5;band=42x3;norm=1``."""
        return (f"minhash{SCHEME_VERSION};{self.hash};seed={self.seed};perm={self.permutations};"
                f"n={self.ngram};band={self.bands}x{self.rows};norm={self.normalizer}")

    def compatible(self, other: SignatureParams) -> bool:
        return self.key() == other.key()

    def require(self, other: SignatureParams) -> None:
        """Raise :class:`ParamsMismatch` unless ``other`` makes the same signatures and bands."""
        if not self.compatible(other):
            raise ParamsMismatch(self.key(), other.key())


def _splitmix(seed: int, count: int) -> list[int]:
    state, out = seed & _MASK64, []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & _MASK64
        z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        out.append(z ^ (z >> 31))
    return out


@cache
def permutations(seed: int, count: int) -> tuple[U64, U64]:
    """The multipliers and offsets of ``count`` permutations, as (count, 1) columns."""
    values = np.array(_splitmix(seed, 2 * count), dtype=np.uint64)
    return values[0::2].reshape(-1, 1), values[1::2].reshape(-1, 1)


def _fmix(h: U64) -> U64:
    shift, m1, m2 = _FMIX
    h ^= h >> shift
    h *= m1
    h ^= h >> shift
    h *= m2
    h ^= h >> shift
    return h


def _windows(chars: U64, n: int) -> U64:
    count = len(chars) - n + 1
    h = chars[:count].copy()
    for j in range(1, n):
        h *= _POLY
        h += chars[j:j + count]
    return h


def clean(key: str) -> str:
    """The key without punctuation, whitespace or underscores: the characters that are shingled."""
    return _DROP.sub("", key)


def shingle_batch(keys: Sequence[str], n: int) -> tuple[U64, npt.NDArray[np.int64]]:
    """The shingle hashes of several keys, concatenated, and how many each key has."""
    cleaned = [clean(k) for k in keys]
    lens = np.fromiter(map(len, cleaned), dtype=np.int64, count=len(cleaned))
    chars = np.frombuffer("".join(cleaned).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    counts = np.maximum(lens - n + 1, 0)
    if len(chars) < n:
        return np.empty(0, dtype=np.uint64), counts
    h = _windows(chars, n)
    inside = np.arange(n, len(h) + n) <= np.repeat(np.cumsum(lens), lens)[:len(h)]
    return _fmix(h[inside]) >> np.uint64(32), counts


def shingles(key: str, n: int = 5) -> U64:
    """The hashes (32-bit values as uint64) of the character n-grams of a normalised key,
    punctuation and whitespace dropped; empty for a key shorter than ``n``."""
    return shingle_batch([key], n)[0]


def _block(hashes: U64, starts: npt.NDArray[np.int64], params: SignatureParams) -> U64:
    if len(starts) == 1 and len(hashes) > _CHUNK:  # one long text: a running minimum over slices
        first = np.zeros(1, dtype=np.int64)
        parts = [_block(hashes[k:k + _CHUNK], first, params) for k in range(0, len(hashes), _CHUNK)]
        low: U64 = np.minimum.reduce(parts)
        return low
    a, b = permutations(params.seed, params.permutations)
    matrix = np.multiply(a, hashes)
    matrix += b
    return np.minimum.reduceat(matrix, starts, axis=1)


def minhash(hashes: U64, counts: npt.NDArray[np.int64], params: SignatureParams) -> U32:
    """Signatures (one row per count) of concatenated shingle hashes; a count of 0 gives EMPTY."""
    out = np.full((len(counts), params.permutations), EMPTY, dtype=np.uint32)
    rows = np.flatnonzero(counts)
    ends = np.cumsum(counts[rows])
    starts = ends - counts[rows]
    i = 0
    while i < len(rows):
        j = max(i + 1, int(np.searchsorted(ends, starts[i] + _CHUNK, "right")))
        lo = int(starts[i])
        part = _block(hashes[lo:int(ends[j - 1])], starts[i:j] - lo, params)
        out[rows[i:j]] = (part >> np.uint64(32)).T.astype(np.uint32)
        i = j
    return out


def signature(shingle_hashes: U64, params: SignatureParams) -> U32:
    """The MinHash signature (``params.permutations`` uint32 values) of one set of shingle hashes."""
    counts = np.array([len(shingle_hashes)], dtype=np.int64)
    row: U32 = minhash(shingle_hashes, counts, params)[0]
    return row


def signatures(keys: Sequence[str], params: SignatureParams, batch: int = 512) -> U32:
    """Signatures of many normalised keys, one row each (the fast path)."""
    out = np.empty((len(keys), params.permutations), dtype=np.uint32)
    for start in range(0, len(keys), batch):
        part = keys[start:start + batch]
        out[start:start + len(part)] = minhash(*shingle_batch(part, params.ngram), params)
    return out


def is_empty(sig: U32) -> bool:
    """Whether a signature is that of a text too short for one n-gram."""
    return bool((sig == EMPTY).all())


def estimate_jaccard(sig_a: U32, sig_b: U32) -> float:
    """The share of equal values: an estimate of the Jaccard similarity of the two n-gram sets."""
    if len(sig_a) != len(sig_b):
        raise ValueError(f"签名长度不同（{len(sig_a)} 与 {len(sig_b)}），不能比较")
    if is_empty(sig_a) or is_empty(sig_b):
        return 0.0
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)
