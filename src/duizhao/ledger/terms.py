"""Content terms of a problem or a measure, and how much two of them share.

A text's terms are the character bigrams of its content runs (the normalised key cut at
punctuation, digits, particles and the stock phrases of the genre: “存在……不够”, “进一步加强”,
“2026年3月底前完成”, which every problem or every measure says) plus its numbers of two digits or
more that are not years (“8600亩” and “8600亩” link a measure to its problem). Terms are
weighted by their inverse document frequency among the problems and measures of the same
material, so the words a material repeats everywhere (its unit, its field) count little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

Terms = frozenset[str]

_STOCK = re.compile(
    r"问题|方面|工作|存在|不够|不足|不到位|不力|有待|进一步|切实|加强|强化|提高|提升|推进|推动|"
    r"完成|开展|建立|健全|完善|落实|坚持|全面|深入|持续|认真|严格|积极|主动|自觉|不少于|以上|以内|"
    r"年底|月底|底前|季度|上半年|下半年|全年|年内|每月|每季|每年|每半年|我们|本人|自己|个人|同志|"
    r"班子成员|一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|比如|其中|同时|部分|有的|一些|"
    r"情况|现象|暴露出|反映出|导致|造成|达到|实现|确保|做到|形成|针对|整改|措施|努力|今后|逐步|"
    r"不断|始终|真正|有效|及时|相关|有关|各项|各类|重点|具体|明显")
_CUT = re.compile(r"[^\u3400-\u9fff]+|[的了和与及等是把将也都就还对在为要有不又并或而]")
_NUMBER = re.compile(r"(?<![\d.])(\d{2,}(?:\.\d+)?)(?![\d.])")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def terms(key: str) -> Terms:
    """The terms of a normalised text (see the module's doc)."""
    numbers = {f"#{n}" for n in _NUMBER.findall(key) if not _YEAR.fullmatch(n)}
    runs = _CUT.split(_STOCK.sub("|", key))
    grams = {r[i:i + 2] for r in runs for i in range(len(r) - 1)}
    return frozenset(grams | numbers)


class Weights:
    """Inverse document frequency of each term among the units of one material."""

    def __init__(self, units: Iterable[Terms]) -> None:
        docs = list(units)
        self._count = max(1, len(docs))
        self._df = Counter(t for unit in docs for t in unit)

    def of(self, term: str) -> float:
        return math.log(1 + self._count / (1 + self._df.get(term, 0)))

    def norm(self, unit: Terms) -> float:
        return math.sqrt(sum(self.of(t) ** 2 for t in unit))

    def cosine(self, a: Terms, b: Terms) -> float:
        """Weighted cosine of two term sets: 0 (nothing shared) to 1 (the same terms)."""
        shared = a & b
        if not shared:
            return 0.0
        return sum(self.of(t) ** 2 for t in shared) / (self.norm(a) * self.norm(b))


def similarity(weights: Weights, problem: Terms, measure: Terms,
               clauses: Sequence[Terms] = ()) -> float:
    """How well a measure answers a problem: the better of the whole measure and its best clause.

    A measure paragraph often answers several problems one clause each; its best clause then
    says more than the whole paragraph, whose other clauses dilute the cosine.
    """
    best = weights.cosine(problem, measure)
    for clause in clauses:
        best = max(best, 0.8 * weights.cosine(problem, clause))
    return best
