"""Which measures answer which problem.

The problems are the leaves of the problems part (``Document.points("problems")``), the measures
the leaves of the measures part. Three kinds of evidence, in this order:

1. **Structure.** When both parts are grouped by aspect (（一）（二）… under each, or one measure
   paragraph per problem aspect), the groups are paired first: in their order when the order
   holds up (the pairs in order share at least ``ORDER_SHARE`` of what the best pairing shares),
   else by content. Inside a pair of groups, a single measure answers every problem of the group;
   as many measures as problems are paired in order when the order holds up; otherwise each
   problem takes the measure of the group that shares most with it. Ungrouped parts with as many
   measures as problems are paired in order on the same test (a pair that shares no term at all
   is then dropped: outside a pair of aspects, position alone is no evidence).
2. **Content.** Otherwise each problem takes the measure that shares most content terms with it
   (:mod:`duizhao.ledger.terms`: IDF-weighted character bigrams and numbers, stock phrases of
   the genre removed) when the share reaches ``MIN_SCORE``, and also a second measure nearly as
   close (``SECOND_RATIO``); a measure that no problem took is then given to the problem closest to
   it when that share reaches ``MIN_REVERSE``. So a problem may have several measures and a
   measure may serve several problems.
3. **Explicit reference.** A measure that says “针对……问题” answers the problem that phrase
   names (most of the phrase's terms found in it), whatever the rest says.

Each link has a confidence in [0, 1], shown with its basis in the ledger: 0.95 stated; 0.9 paired
in order where the content agrees, 0.7 where it does not; 0.5–0.8 for aspects paired by content
and 0.5–0.9 for single links by content, with the lead of the best over the next best; 0.5 for a
second measure nearly as close and for a link found from the measure's side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from duizhao.document import Document, Node, SectionRole
from duizhao.ledger.deadline import clauses
from duizhao.ledger.terms import Terms, Weights, similarity, terms

MIN_SCORE = 0.06
MIN_REVERSE = 0.10
SECOND_RATIO = 0.85
ORDER_SHARE = 0.85
MIN_GROUP = 0.03
_EXPLICIT = re.compile(r"针对(.{2,40}?)(?:等方面|等|的)?问题")
_MIN_EXPLICIT = 0.5

Matrix = list[list[float]]


@dataclass(frozen=True)
class Link:
    problem: int
    measure: int
    score: float
    confidence: float
    basis: str


@dataclass
class Matching:
    """The links found, with the problems and measures they index."""

    problems: list[Node]
    measures: list[Node]
    links: list[Link] = field(default_factory=list)
    clause_terms: list[list[Terms]] = field(default_factory=list)
    problem_terms: list[Terms] = field(default_factory=list)
    weights: Weights | None = None

    def of_problem(self, index: int) -> list[Link]:
        return sorted((k for k in self.links if k.problem == index), key=lambda k: k.measure)

    def unanswering(self) -> list[int]:
        """Measures that answer no problem."""
        used = {k.measure for k in self.links}
        return [i for i in range(len(self.measures)) if i not in used]


def _text(doc: Document, node: Node) -> str:
    return doc.key.slice(node.start, node.end)


def match(doc: Document) -> Matching:
    problems, measures = doc.points("problems"), doc.points("measures")
    found = Matching(problems, measures)
    if not problems or not measures:
        return found
    p_terms = [terms(_text(doc, p)) for p in problems]
    m_texts = [_text(doc, m) for m in measures]
    m_terms = [terms(t) for t in m_texts]
    found.clause_terms = [[terms(c) for c in clauses(t)] for t in m_texts]
    found.problem_terms = p_terms
    weights = found.weights = Weights([*p_terms, *m_terms])
    scores = [[similarity(weights, p, m, c) for m, c in zip(m_terms, found.clause_terms, strict=True)]
              for p in p_terms]
    pgroups = _groups(doc, problems, "problems")
    mgroups = _groups(doc, measures, "measures")
    if len(mgroups) < 2 and len(measures) == len(pgroups) >= 2:
        mgroups = [[i] for i in range(len(measures))]
    if len(pgroups) >= 2 and len(mgroups) >= 2:
        group_scores = _group_scores(weights, p_terms, m_terms, pgroups, mgroups)
        links = _by_groups(scores, group_scores, pgroups, mgroups)
    else:
        links = _within(scores, list(range(len(problems))), list(range(len(measures))), 0.9, forced=False)
    found.links = _explicit(doc, measures, p_terms, links)
    return found


def _groups(doc: Document, points: list[Node], role: SectionRole) -> list[list[int]]:
    """Indices of the points under each aspect of a part, in order; points outside any aspect
    each make a group of their own. No groups when the part has no aspects."""
    if not doc.aspects(role):
        return []
    index = {id(p): i for i, p in enumerate(points)}
    groups: list[list[int]] = []
    seen: set[int] = set()
    for aspect in doc.aspects(role):
        members = [index[id(n)] for n in aspect.walk() if id(n) in index]
        if members:
            groups.append(members)
            seen.update(members)
    groups += [[i] for i in range(len(points)) if i not in seen]
    return sorted(groups, key=lambda g: g[0])


def _group_scores(weights: Weights, p_terms: list[Terms], m_terms: list[Terms],
                  pgroups: list[list[int]], mgroups: list[list[int]]) -> Matrix:
    def union(units: list[Terms], members: list[int]) -> Terms:
        return frozenset().union(*(units[i] for i in members))

    mg = [union(m_terms, g) for g in mgroups]
    return [[weights.cosine(union(p_terms, g), m) for m in mg] for g in pgroups]


def _greedy(matrix: Matrix) -> list[tuple[int, int]]:
    """A one-to-one pairing of rows and columns, best scores first."""
    cells = sorted(((v, r, c) for r, row in enumerate(matrix) for c, v in enumerate(row)), reverse=True)
    rows: set[int] = set()
    cols: set[int] = set()
    pairs = []
    for _, r, c in cells:
        if r not in rows and c not in cols:
            rows.add(r)
            cols.add(c)
            pairs.append((r, c))
    return sorted(pairs)


def in_order(matrix: Matrix) -> bool:
    """Whether pairing rows and columns in order shares nearly as much as the best pairing."""
    best = sum(matrix[r][c] for r, c in _greedy(matrix))
    diagonal = sum(matrix[i][i] for i in range(min(len(matrix), len(matrix[0]))))
    return best == 0 or diagonal >= ORDER_SHARE * best


def _is_best(row: Sequence[float], col: int) -> bool:
    return row[col] > 0 and row[col] >= max(row)


def _by_groups(scores: Matrix, group_scores: Matrix, pgroups: list[list[int]],
               mgroups: list[list[int]]) -> list[Link]:
    pairs: list[tuple[int, int]]
    if len(pgroups) == len(mgroups) and in_order(group_scores):
        pairs, basis = [(i, i) for i in range(len(pgroups))], "按方面顺序对应"
    elif len(pgroups) == len(mgroups):
        pairs, basis = _greedy(group_scores), "按方面内容对应"
    else:
        pairs, basis = [], "按方面内容对应"
        for k, row in enumerate(group_scores):
            best = max(range(len(row)), key=row.__getitem__)
            if row[best] >= MIN_GROUP:
                pairs.append((k, best))
    links: list[Link] = []
    paired = set()
    for k, j in pairs:
        confidence = _group_confidence(group_scores[k], j, basis == "按方面顺序对应")
        links += _in_group(scores, pgroups[k], mgroups[j], confidence, basis)
        paired.add(k)
    rest = [p for k, g in enumerate(pgroups) if k not in paired for p in g]
    if rest:
        links += _within(scores, rest, list(range(len(scores[0]))), 0.8, forced=False)
    return links


def _group_confidence(row: Sequence[float], col: int, ordered: bool) -> float:
    """In order: 0.9 where the content agrees (the paired group is the closest), else 0.7.
    By content: 0.5 to 0.8 with the lead of the paired group over the next closest."""
    if ordered:
        return 0.9 if _is_best(row, col) else 0.7
    others = [v for j, v in enumerate(row) if j != col]
    lead = (row[col] - max(others, default=0.0)) / row[col] if row[col] > 0 else 0.0
    return round(min(0.8, 0.5 + 0.4 * max(0.0, lead)), 2)


def _in_group(scores: Matrix, problems: list[int], measures: list[int], confidence: float,
              basis: str) -> list[Link]:
    if len(measures) == 1:
        m = measures[0]
        return [Link(p, m, scores[p][m], confidence, basis) for p in problems]
    return _within(scores, problems, measures, confidence, forced=True)


def _within(scores: Matrix, problems: list[int], measures: list[int], cap: float,
            forced: bool) -> list[Link]:
    """Links among some problems and measures: in order when they pair up in order, else by content.

    ``forced``: every problem takes its closest measure even below ``MIN_SCORE`` (the groups are
    already known to answer each other).
    """
    sub = [[scores[p][m] for m in measures] for p in problems]
    if len(problems) == len(measures) >= 2 and in_order(sub):
        paired = [Link(p, m, scores[p][m], min(cap, 0.9 if _is_best(sub[i], i) else 0.65), "按顺序对应")
                  for i, (p, m) in enumerate(zip(problems, measures, strict=True))]
        # Outside a pair of aspects, a pair in order that shares no term at all is no evidence.
        return paired if forced else [k for k in paired if k.score > 0]
    links = []
    for i, p in enumerate(problems):
        ranked = sorted(range(len(measures)), key=lambda j: -sub[i][j])
        best = sub[i][ranked[0]]
        if best < MIN_SCORE and not (forced and best > 0):
            continue
        second = sub[i][ranked[1]] if len(ranked) > 1 else 0.0
        confidence = round(min(cap, 0.5 + 0.4 * (best - second) / best), 2) if best > 0 else 0.5
        links.append(Link(p, measures[ranked[0]], best, confidence, "按内容对应"))
        if len(ranked) > 1 and second >= max(MIN_SCORE, SECOND_RATIO * best):
            links.append(Link(p, measures[ranked[1]], second, 0.5, "按内容对应"))
    return links + _reverse(scores, problems, measures, links)


def _reverse(scores: Matrix, problems: list[int], measures: list[int], links: list[Link]) -> list[Link]:
    """A measure no problem took goes to the problem closest to it, when close enough."""
    used = {k.measure for k in links}
    extra = []
    for m in measures:
        if m in used:
            continue
        p = max(problems, key=lambda q: scores[q][m])
        if scores[p][m] >= MIN_REVERSE:
            extra.append(Link(p, m, scores[p][m], 0.5, "按内容对应（措施一侧）"))
    return extra


def _explicit(doc: Document, measures: list[Node], p_terms: list[Terms], links: list[Link]) -> list[Link]:
    """Links stated in a measure (“针对……问题”) replace that measure's other links."""
    for m, node in enumerate(measures):
        said = _EXPLICIT.search(_text(doc, node))
        if not said:
            continue
        phrase = terms(said.group(1))
        if not phrase:
            continue
        shares = [len(phrase & t) / len(phrase) for t in p_terms]
        p = max(range(len(shares)), key=shares.__getitem__)
        if shares[p] >= _MIN_EXPLICIT:
            links = [k for k in links if k.measure != m]
            links.append(Link(p, m, shares[p], 0.95, f"措施写明“针对{said.group(1)}问题”"))
    return links
