"""What the meetings views change: a new meeting with its materials, participants kept in step
with the materials, opinions imported all or nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from duizhao_web.materials.models import Material
from duizhao_web.meetings.models import Meeting, Opinion
from duizhao_web.people.models import Person
from duizhao_web.reviews import services


@transaction.atomic
def create_meeting(data: dict[str, Any], user: Any) -> Meeting:
    """The meeting, its aspects extracted from the notice, the team's members as participants,
    a material for each and one for the team."""
    notice = data.get("notice", "")
    meeting = Meeting.objects.create(team=data["team"], year=data["year"], kind=data["kind"],
                                     special=data["special"], theme=data["theme"], date=data["date"],
                                     notice=notice, aspects=services.notice_aspects(notice), created_by=user)
    meeting.participants.set(data["team"].members.all())
    sync_materials(meeting)
    return meeting


def sync_materials(meeting: Meeting) -> list[Material]:
    """A material for the team and for every participant; those of people no longer taking part
    removed unless they have versions. Returns the materials kept for non-participants."""
    Material.objects.get_or_create(meeting=meeting, person=None)
    participants = set(meeting.participants.values_list("pk", flat=True))
    for pk in participants:
        Material.objects.get_or_create(meeting=meeting, person_id=pk)
    stale = meeting.materials.exclude(person=None).exclude(person__in=participants)
    stale.filter(versions=None).delete()
    return list(stale.select_related("person"))


def resolve_opinions(meeting: Meeting, data: bytes) -> tuple[list[Opinion], list[str]]:
    """The opinions of an .xlsx file (unsaved), addressees resolved to participants by name, and
    every error with its row. Raises services.UploadRefused for a file that cannot be used."""
    rows, errors = services.opinion_rows(data)
    messages = [e.message for e in errors]
    people: dict[str, Person] = {p.name: p for p in meeting.participants.all()}
    opinions = []
    for row in rows:
        person = people.get(row.addressee) if row.addressee else None
        if row.addressee and person is None:
            messages.append(f"第 {row.row} 行：“{row.addressee}”不是本次会议的参会人员"
                            "（留空或写“班子”表示针对班子）")
            continue
        opinions.append(Opinion(meeting=meeting, text=row.text, source=row.source[:100], addressee=person))
    if not opinions and not messages:
        messages.append("表中没有意见：请在“意见”列逐行填写")
    return opinions, sorted(messages, key=_row_number)


def _row_number(message: str) -> int:
    digits = message.removeprefix("第 ").split(" ", 1)[0]
    return int(digits) if digits.isdigit() else 0


@transaction.atomic
def import_opinions(meeting: Meeting, data: bytes) -> tuple[int, list[str]]:
    """Saves every opinion of the file, or none when any row has an error."""
    opinions, errors = resolve_opinions(meeting, data)
    if errors:
        return 0, errors
    Opinion.objects.bulk_create(opinions)
    return len(opinions), []
