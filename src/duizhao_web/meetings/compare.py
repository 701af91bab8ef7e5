"""Shared text across every meeting of a year that a reviewer oversees (an administrator: every
meeting): the core's batch comparison of the meetings' latest versions, as on one meeting's page.

The comparison is computed in the request that first needs it and kept (``OrganisationBatch``,
one row per organisation and year) with the set of version ids it compared: until a version is
added the page reads it back instead of comparing again. How long the comparison took is kept
with it and shown on the page.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from duizhao_web.materials.models import OrganisationBatch, Version
from duizhao_web.meetings.models import Meeting
from duizhao_web.people.models import Organisation, Team
from duizhao_web.reviews import services

SHORT_PASSAGE = 120  # characters of a shared passage shown on the page


@dataclass
class Member:
    writer: str
    meeting: str
    material: int  # the material's pk, for its page
    share: float


@dataclass
class Group:
    members: list[Member]
    passages: list[tuple[str, int]]  # text (cut short), how many materials hold it


@dataclass
class Comparison:
    compared: int  # latest readable versions compared
    groups: list[Group] = field(default_factory=list)
    seconds: float = 0.0  # how long the comparison took when it was computed
    computed: bool = False  # computed in this request (else read back)


def latest_ids(teams: QuerySet[Team], year: int) -> list[int]:
    """The ids of the latest version of every material of the teams' meetings of ``year``,
    unreadable ones left out (one query)."""
    rows = Version.objects.filter(material__meeting__team__in=teams, material__meeting__year=year)
    latest: dict[int, tuple[int, bool]] = {}
    rows = rows.order_by("material_id", "number")
    for pk, material, error in rows.values_list("pk", "material_id", "error"):
        latest[material] = (pk, bool(error))
    return sorted(pk for pk, unreadable in latest.values() if not unreadable)


def compare(organisation: Organisation | None, teams: QuerySet[Team], year: int) -> Comparison:
    """The groups of materials sharing text across the teams' meetings of ``year``, kept for
    ``organisation`` (None: an administrator's view of everything)."""
    ids = latest_ids(teams, year)
    if len(ids) < 2:
        return Comparison(len(ids))
    key = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    kept = OrganisationBatch.objects.filter(organisation=organisation, year=year, key=key).first()
    if kept is not None:
        return Comparison(len(ids), named_groups(kept.result), kept.seconds)
    start = time.perf_counter()
    result = compute(ids) or {}
    seconds = time.perf_counter() - start
    OrganisationBatch.objects.update_or_create(organisation=organisation, year=year, defaults={
        "key": key, "result": result, "seconds": seconds})
    return Comparison(len(ids), named_groups(result), seconds, computed=True)


def compute(ids: list[int]) -> dict[str, Any] | None:
    """The core's batch comparison of the versions ``ids`` (``versions``: their ids by position).
    The first version's meeting only lends the review settings (thresholds); aspects play no part."""
    found = Version.objects.filter(pk__in=ids).select_related("material__meeting")
    versions = sorted(found, key=lambda v: v.pk)
    return services.compare_versions(versions, versions[0].material.meeting)


def named_groups(result: dict[str, Any]) -> list[Group]:
    """The kept groups with each material's writer, meeting and page (one query)."""
    groups = result.get("groups") or []
    if not groups:
        return []
    ids: list[int] = result.get("versions", [])
    wanted = {ids[m["document"]] for g in groups for m in g["members"]}
    found = Version.objects.filter(pk__in=wanted).defer("text", "result").select_related(
        "material__person", "material__meeting__team")
    versions = {v.pk: v for v in found}
    named = []
    for g in groups:
        members = [member(versions.get(ids[m["document"]]), m["share"]) for m in g["members"]]
        named.append(Group([m for m in members if m is not None],
                           [(short(p["text"]), p["count"]) for p in g["passages"]]))
    return named


def member(version: Version | None, share: float) -> Member | None:
    if version is None:  # deleted since the comparison was kept
        return None
    material = version.material
    return Member(material.writer(), str(material.meeting), material.pk, share)


def short(text: str) -> str:
    return text if len(text) <= SHORT_PASSAGE else text[:SHORT_PASSAGE] + "……"


def years(teams: QuerySet[Team], year: int) -> list[int]:
    """The years with meetings of the teams, and ``year``, newest first."""
    found = set(Meeting.objects.filter(team__in=teams).values_list("year", flat=True))
    return sorted(found | {year}, reverse=True)
