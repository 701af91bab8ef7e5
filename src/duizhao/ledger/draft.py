"""Draft a rectification ledger from materials: read → outline → match → rows.

``draft_paths`` is what the CLI calls. A material that cannot be read, or that has no problems
to put in a ledger, is reported with a Chinese message and the others are still drafted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from duizhao.config import Limits, Thresholds
from duizhao.document import Document
from duizhao.ledger.deadline import base_year
from duizhao.ledger.matching import match
from duizhao.ledger.owner import owner_of
from duizhao.ledger.rows import LedgerRow, rows_of
from duizhao.names import shown
from duizhao.outline import parse
from duizhao.reading import UnreadableDocument, read_text_of

Heading = tuple[str, bool, int | None, str]
"""What a title says for the ledger's title: unit, whether a team material, year, meeting."""
NO_PROBLEMS = "没有找到“存在的问题”部分或其中的条目，无法起草台账（请确认材料有“一、存在的问题”等标题）"


@dataclass(frozen=True)
class DraftOptions:
    """What the ledger needs beyond the materials; ``today`` only matters for a material whose
    title names no year."""

    today: date
    aspects: tuple[str, ...] = ()
    owner: str | None = None
    min_aspect_overlap: float = Thresholds().min_aspect_overlap
    limits: Limits = field(default_factory=Limits)  # [limits] of duizhao.toml, for reading


@dataclass
class Material:
    path: str
    title: str = ""
    problems: int = 0
    measures: int = 0
    rows: int = 0
    error: str | None = None


@dataclass
class Ledger:
    title: str
    rows: list[LedgerRow] = field(default_factory=list)
    materials: list[Material] = field(default_factory=list)

    @property
    def failed(self) -> list[Material]:
        return [m for m in self.materials if m.error]


def draft_document(doc: Document, options: DraftOptions) -> list[LedgerRow]:
    """The rows of one parsed material, numbered from 1."""
    matching = match(doc)
    return rows_of(doc, matching, owner_of(doc, options.owner), base_year(doc.title.year, options.today),
                   options.aspects, options.min_aspect_overlap)


def draft_text(text: str, options: DraftOptions, path: str = "") -> tuple[Material, list[LedgerRow]]:
    return draft_parsed(parse(text, path), options)


def draft_parsed(doc: Document, options: DraftOptions) -> tuple[Material, list[LedgerRow]]:
    material = Material(doc.path, doc.title.text, len(doc.points("problems")), len(doc.points("measures")))
    if not material.problems:
        material.error = NO_PROBLEMS
        return material, []
    rows = draft_document(doc, options)
    material.rows = len(rows)
    return material, rows


def draft_paths(paths: Iterable[Path], options: DraftOptions) -> Ledger:
    """One ledger for all the materials: their rows one after another, numbered throughout."""
    ledger = Ledger(title="")
    titles: list[Heading] = []
    for path in paths:
        try:
            extracted = read_text_of(path, options.limits)
        except UnreadableDocument as exc:
            ledger.materials.append(Material(shown(path), error=str(exc)))
            continue
        doc = parse(extracted.text, shown(path), extracted.notes)
        material, rows = draft_parsed(doc, options)
        ledger.materials.append(material)
        titles.append((doc.title.unit, doc.kind == "team", doc.title.year, doc.title.meeting))
        for row in rows:
            row.index = len(ledger.rows) + 1
            ledger.rows.append(row)
    ledger.title = ledger_title(titles)
    return ledger


def ledger_title(titles: list[Heading]) -> str:
    """“XX 2025年度民主生活会整改台账”: the team's unit (or the one unit all the materials
    name), the year and the meeting most materials name."""
    teams = [u for u, team, _, _ in titles if team and u]
    units = {u for u, _, _, _ in titles}
    unit = teams[0] if teams else next(iter(units)) if len(units) == 1 else ""
    years = [y for _, _, y, _ in titles if y]
    meetings = [m for _, _, _, m in titles if m]
    year = f"{max(set(years), key=years.count)}年度" if years else ""
    meeting = max(set(meetings), key=meetings.count) if meetings else "民主生活会"
    return f"{unit}{year}{meeting}整改台账"
