"""LSH bands of MinHash signatures: one stable 64-bit key per band, and an in-memory index.

A band key is a hash of the band's number and its ``rows`` values (polynomial modulo 2^64,
MurmurHash3 finaliser), computed with numpy, so it is the same in every process and run
(never Python's salted ``hash()``). Keys are returned as signed 64-bit integers so that they
fit an SQL ``INTEGER`` column. :class:`BandIndex` is the reference that the database table of
(band key, paragraph id) rows mirrors: two paragraphs are candidates when they share a key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np

from duizhao.similarity.signature import U32, SignatureParams, is_empty

_POLY = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(33)
_M1, _M2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


def _check_length(sig: U32, params: SignatureParams) -> None:
    if len(sig) != params.permutations:
        raise ValueError(f"签名长度 {len(sig)} 与参数的置换数 {params.permutations} 不符")


def band_keys(sig: U32, params: SignatureParams) -> list[int]:
    """One signed 64-bit key per band; none for the signature of a too-short text."""
    _check_length(sig, params)
    if is_empty(sig):
        return []
    rows = sig[:params.bands * params.rows].reshape(params.bands, params.rows).astype(np.uint64)
    h = np.arange(1, params.bands + 1, dtype=np.uint64)
    for column in rows.T:
        h = h * _POLY + column
    h ^= h >> _SHIFT
    h *= _M1
    h ^= h >> _SHIFT
    h *= _M2
    h ^= h >> _SHIFT
    keys: list[int] = h.view(np.int64).tolist()
    return keys


class BandIndex:
    """Paragraph ids by band key, for one set of signature parameters."""

    def __init__(self, params: SignatureParams) -> None:
        self.params = params
        self._buckets: defaultdict[int, list[int]] = defaultdict(list)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def ensure(self, params: SignatureParams) -> None:
        """Raise ``ParamsMismatch`` unless signatures made with ``params`` fit this index."""
        self.params.require(params)

    def add(self, item: int, sig: U32) -> None:
        for key in band_keys(sig, self.params):
            self._buckets[key].append(item)
        self._size += 1

    def add_all(self, items: Iterable[tuple[int, U32]]) -> None:
        for item, sig in items:
            self.add(item, sig)

    def query(self, sig: U32) -> list[int]:
        """Ids sharing at least one band with ``sig``, most shared bands first, then by id."""
        shared: Counter[int] = Counter()
        for key in band_keys(sig, self.params):
            shared.update(set(self._buckets.get(key, ())))
        return [item for item, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))]
