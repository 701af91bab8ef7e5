"""The ledger's rows: one per problem item, plus one per measure that answers no problem.

Columns follow DOMAIN.md §4 (序号 … 备注), then 整改状态, 匹配依据/置信度 and 材料. What the
material states is filled in; what only people know (进展, 完成情况, 佐证, 复核, 销号) is left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from duizhao.checks.aspect import aspect_terms, covered
from duizhao.document import Document, Node
from duizhao.ledger.deadline import NONE, Deadline, clauses, parse_clause, parse_deadline
from duizhao.ledger.matching import Link, Matching
from duizhao.ledger.terms import terms
from duizhao.text.normal import normalize

SOURCE = "自我查摆"
STATUS = "未开始"
STATUSES = ("未开始", "整改中", "已完成", "长期坚持")
NO_MEASURE = "未找到对应措施"
NO_PROBLEM = "措施未对应具体问题"
NO_PROBLEM_TEXT = "（措施未对应具体问题）"

# (field, header): the order of the columns in every format.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("index", "序号"), ("source", "问题来源"), ("aspect", "方面"), ("problem", "问题表现"),
    ("goal", "整改目标"), ("measures", "整改措施"), ("owner", "责任领导/责任人"),
    ("department", "责任部门"), ("deadline", "完成时限"), ("progress", "整改进展"),
    ("outcome", "完成情况"), ("evidence", "佐证材料"), ("reviewer", "复核人"), ("closed", "销号"),
    ("remarks", "备注"), ("status", "整改状态"), ("basis", "匹配依据/置信度"), ("material", "材料"))
# A clause that states a result to reach (a level, a rate, full coverage), not an activity.
_GOAL = re.compile(r"[^，,。；……]*(?:提高到|提升到|增加到|达到|降到|降为|下降到|压缩到|精简到|"
                   r"全覆盖|100%)[^，,。；]*")


@dataclass
class LedgerRow:
    index: int
    source: str
    aspect: str
    problem: str
    goal: str
    measures: str
    owner: str
    department: str
    deadline: str
    progress: str
    outcome: str
    evidence: str
    reviewer: str
    closed: str
    remarks: str
    status: str
    basis: str
    material: str
    confidence: float | None = None
    """The lowest confidence of the row's links (None where there is no link)."""

    def values(self) -> list[str | int]:
        return [getattr(self, name) for name, _ in COLUMNS]


def level(confidence: float) -> str:
    return "高" if confidence >= 0.8 else "中" if confidence >= 0.6 else "低"


def _aspect_nodes(doc: Document) -> dict[int, Node]:
    """Each problem point's aspect, by node identity."""
    return {id(n): aspect for aspect in doc.aspects("problems") for n in aspect.walk()}


def _heading(doc: Document, node: Node) -> str:
    return node.heading.strip("。．. ") or doc.text[node.body_start:node.end].strip()[:30]


def aspect_of(doc: Document, point: Node, notice: tuple[str, ...], threshold: float) -> str:
    """The notice aspect the point's heading (or the point itself) covers, else the heading."""
    aspect = _aspect_nodes(doc).get(id(point))
    own = _heading(doc, aspect) if aspect is not None else ""
    if not notice:
        return own
    for text in (own, _heading(doc, point)):
        found = aspect_terms(text) if text else frozenset()
        for item in notice:
            if found and covered(aspect_terms(item), [(set(found), True)], threshold):
                return item
    return own


def body(doc: Document, node: Node) -> str:
    return doc.text[node.body_start:node.end].strip()


def _relevant(matching: Matching, doc: Document, link: Link, base: int) -> tuple[str, Deadline]:
    """The measure's words for this problem, and the deadline they set.

    A measure paragraph that answers several problems is cut to the clauses closest to this one
    (its label and heading kept in front); its deadline is read from those clauses first, then
    from the whole measure.
    """
    node = matching.measures[link.measure]
    whole = doc.text[node.start:node.end].strip()
    parts = clauses(body(doc, node))
    shared = sum(1 for k in matching.links if k.measure == link.measure) > 1
    weights = matching.weights
    if not shared or len(parts) < 3 or weights is None:
        return whole, parse_deadline(whole, base)
    problem = matching.problem_terms[link.problem]
    scores = [weights.cosine(problem, terms(normalize(p).key)) for p in parts]
    top = max(scores)
    if top <= 0:
        return whole, parse_deadline(whole, base)
    chosen = [p for p, s in zip(parts, scores, strict=True) if s >= 0.35 * top]
    deadline = _latest([parse_clause(c, base) for c in chosen])
    if deadline == NONE:
        deadline = parse_deadline(whole, base)
    label = node.label + (node.heading + "：" if node.role == "aspect" and node.heading else "")
    return label + "……" + "；".join(chosen) + "。", deadline


def _goal(text: str) -> str:
    return "；".join(dict.fromkeys(m.group().strip() for m in _GOAL.finditer(text)))


def _latest(deadlines: list[Deadline]) -> Deadline:
    dated = [d for d in deadlines if d.due is not None]
    if dated:
        return max(dated, key=lambda d: str(d.due))
    return next((d for d in deadlines if d.long_term), NONE)


def _basis(links: list[Link]) -> str:
    return "；".join(f"措施{k.measure + 1}：{k.basis}，置信度{level(k.confidence)}（{k.confidence:.2f}）"
                    for k in links)


def rows_of(doc: Document, matching: Matching, owner: str, base: int, notice: tuple[str, ...] = (),
            threshold: float = 0.5) -> list[LedgerRow]:
    """The rows of one material (``index`` counts from 1 within it); ``base`` is the year
    unqualified deadlines fall in (:func:`~duizhao.ledger.deadline.base_year`)."""
    material = PurePath(doc.path).name if doc.path else ""
    rows: list[LedgerRow] = []
    for i, point in enumerate(matching.problems):
        links = matching.of_problem(i)
        found = [_relevant(matching, doc, k, base) for k in links]
        measures = "\n".join(text for text, _ in found)
        rows.append(_row(len(rows) + 1, aspect_of(doc, point, notice, threshold), body(doc, point),
                         measures, owner, _latest([d for _, d in found]),
                         _basis(links) if links else NO_MEASURE, material,
                         min((k.confidence for k in links), default=None)))
    for m in matching.unanswering():
        node = matching.measures[m]
        text = doc.text[node.start:node.end].strip()
        rows.append(_row(len(rows) + 1, _measure_aspect(doc, node), NO_PROBLEM_TEXT, text, owner,
                         parse_deadline(text, base), NO_PROBLEM, material, None))
    return rows


def _measure_aspect(doc: Document, node: Node) -> str:
    for aspect in doc.aspects("measures"):
        if node is not aspect and any(n is node for n in aspect.walk()):
            return _heading(doc, aspect)
    return ""


def _row(index: int, aspect: str, problem: str, measures: str, owner: str, deadline: Deadline,
         basis: str, material: str, confidence: float | None) -> LedgerRow:
    return LedgerRow(index=index, source=SOURCE, aspect=aspect, problem=problem, goal=_goal(measures),
                     measures=measures, owner=owner, department="", deadline=deadline.label(),
                     progress="", outcome="", evidence="", reviewer="", closed="", remarks="",
                     status=STATUS, basis=basis, material=material, confidence=confidence)
