"""What the meeting page, its export and the talks page show, computed from the records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Subquery

from duizhao_web.materials.models import Material, Version
from duizhao_web.meetings.forms import talk_people
from duizhao_web.meetings.models import Meeting
from duizhao_web.reviews import services

SHORT_PASSAGE = 120  # characters of a shared passage shown on the page


@dataclass
class MaterialRow:
    material: Material
    latest: Version | None
    by_check: list[tuple[str, int]] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)


def material_rows(meeting: Meeting, summary: dict[str, Any] | None = None) -> list[MaterialRow]:
    """Every material of the meeting, the team's first, with its latest version (an unreadable
    latest version shown as such), its findings per check and the aspects it leaves out."""
    materials = meeting.materials.select_related("person").order_by("person__order", "person__pk")
    newest = Version.objects.filter(material=OuterRef("pk")).order_by("-number").values("pk")[:1]
    materials = materials.annotate(latest_id=Subquery(newest))
    summary = summary or services.meeting_summary(meeting)
    versions = Version.objects.filter(material__meeting=meeting).defer("text", "result")
    latest = {v.pk: v for v in versions.filter(pk__in=[m.latest_id for m in materials if m.latest_id])}
    rows = []
    for material in sorted(materials, key=lambda m: m.person_id is not None):
        version = latest.get(material.latest_id)
        key = str(version.pk) if version else ""
        by_check = sorted(summary["by_check"].get(key, {}).items())
        rows.append(MaterialRow(material, version, by_check, set(summary["missing"].get(key, []))))
    return rows


@dataclass
class Group:
    members: list[tuple[str, float]]  # writer, share of their text
    passages: list[tuple[str, int]]  # text (cut short), how many materials hold it


def batch_groups(meeting: Meeting, summary: dict[str, Any] | None = None) -> list[Group]:
    """The groups of materials sharing text, with writers' names instead of document numbers."""
    batch = (summary or services.meeting_summary(meeting))["batch"]
    if not batch:
        return []
    ids = batch.get("versions", [])
    versions = Version.objects.filter(pk__in=ids).defer("text", "result").select_related("material__person")
    writers = {v.pk: v.material.writer() for v in versions}
    name = [writers.get(pk, "?") for pk in ids]
    return [Group([(name[m["document"]], m["share"]) for m in g["members"]],
                  [(_short(p["text"]), p["count"]) for p in g["passages"]]) for g in batch["groups"]]


def _short(text: str) -> str:
    return text if len(text) <= SHORT_PASSAGE else text[:SHORT_PASSAGE] + "……"


def coverage_table(meeting: Meeting, rows: list[MaterialRow]) -> list[tuple[str, list[str]]]:
    """One row per aspect, one mark per material: ✓ answered, ✗ not, — no readable version yet."""
    table = []
    for aspect in meeting.aspects:
        marks = ["—" if r.latest is None or r.latest.error else ("✗" if aspect in r.missing else "✓")
                 for r in rows]
        table.append((aspect, marks))
    return table


def talk_coverage(meeting: Meeting) -> dict[str, Any]:
    """The required talks of the participants (and the heads they oversee): the matrix and the
    missing pairs with names."""
    participants = list(meeting.participants.prefetch_related("oversees"))
    keys = {p.pk for p in participants}
    heads = [p for p in talk_people(meeting) if p.pk not in keys]
    people = [(str(p.pk), p.name, p.principal, tuple(str(h.pk) for h in p.oversees.all()))
              for p in participants]
    held = [(str(a), str(b)) for a, b in meeting.talks.values_list("first_id", "second_id")]
    found, everyone = services.talk_coverage(people, [(str(h.pk), h.name) for h in heads], held)
    names = {m.key: m.name for m in everyone}
    missing = [(names.get(p.a, "?"), names.get(p.b, "?"), p.reason) for p in found.missing]
    matrix = list(zip([m.name for m in everyone], found.matrix(everyone), strict=True))
    return {"names": [m.name for m in everyone], "matrix": matrix, "missing": missing,
            "required": len(found.required)}


def talk_counts(meeting: Meeting) -> dict[str, int]:
    """How many talks are required among the participants (and the heads they oversee) and how
    many of them have no record: the meeting page's line, without the matrix."""
    participants = meeting.participants.prefetch_related("oversees")
    people = [(str(p.pk), p.name, p.principal, tuple(str(h.pk) for h in p.oversees.all()))
              for p in participants]
    held = [(str(a), str(b)) for a, b in meeting.talks.values_list("first_id", "second_id")]
    found, _ = services.talk_coverage(people, [], held)
    return {"required": len(found.required), "missing": len(found.missing)}


def opinion_counts(meeting: Meeting) -> list[tuple[str, int]]:
    """How many opinions each participant has, the team first."""
    counts: dict[int | None, int] = dict(
        meeting.opinions.values("addressee").annotate(n=Count("pk")).values_list("addressee", "n"))
    rows = [("班子", counts.get(None, 0))]
    rows += [(p.name, counts.get(p.pk, 0)) for p in meeting.participants.all()]
    return rows
