"""Finding the corpus paragraphs a text was copied from: band candidates, then exact alignment.

This is what ``copied-passage`` does for each paragraph of a material, and what
``benchmarks/copy_detection.py`` times. The candidates' texts come in one query, and the
material's side of the alignment is indexed once for all of them.
"""

from __future__ import annotations

from duizhao.corpus.store import ParagraphInfo, Store
from duizhao.similarity.align import MIN_CHARS, MatchText, Passage, common_passages, join_nearby
from duizhao.similarity.signature import U32
from duizhao.text.normal import Normalized, normalize

CANDIDATES = 5  # corpus paragraphs verified per paragraph of the material
Match = tuple[Passage, ParagraphInfo]


def find_copies(store: Store, text: str, signature: U32, min_chars: int = MIN_CHARS,
                limit: int = CANDIDATES) -> list[Match]:
    """Passages of ``text`` found in corpus paragraphs (a reworded phrase inside a copy is
    bridged: see ``join_nearby``), the longest first."""
    return verify(store, normalize(text), store.candidates(signature, limit), min_chars)


def verify(store: Store, mine: Normalized, ids: list[int], min_chars: int = MIN_CHARS) -> list[Match]:
    """The passages ``mine`` shares with the corpus paragraphs ``ids``, the longest first."""
    infos = store.paragraphs(ids)
    if not infos:
        return []
    indexed = MatchText(mine)
    found = [(p, info) for info in infos
             for p in join_nearby(common_passages(indexed, normalize(info.text), min_chars))]
    return sorted(found, key=lambda pair: -pair[0].chars)
