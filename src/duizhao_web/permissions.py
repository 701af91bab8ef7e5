"""Who may see and do what. Every view asks here; nothing is protected only by hiding a link.

- administrator: everything;
- reviewer (组织部门/纪委): the organisations under theirs (their own included);
- secretary (联络员): their team;
- member: their own materials, the opinions addressed to them and to the team, the team's
  material, and colleagues' materials only once the meeting has taken place.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from duizhao_web.materials.models import Material
from duizhao_web.meetings.models import Meeting, Opinion, Talk
from duizhao_web.people.models import Organisation, Person, Profile, Role, Team


def profile(user: Any) -> Profile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    found: Profile | None = getattr(user, "_duizhao_profile", None)
    if found is None:
        found = Profile.objects.select_related("person", "team", "organisation").filter(user=user).first()
        if found is None and user.is_superuser:
            found = Profile(user=user, role=Role.ADMIN)
        user._duizhao_profile = found
    return found


def role(user: Any) -> str | None:
    found = profile(user)
    return found.role if found else None


def today() -> datetime.date:
    return timezone.localdate()


def organisations(user: Any) -> set[int] | None:
    """Ids of the organisations a user oversees; None: all (administrator); empty: none."""
    found = profile(user)
    if found is None:
        return set()
    if found.role == Role.ADMIN:
        return None
    if found.role == Role.REVIEWER and found.organisation is not None:
        return found.organisation.subtree_ids()
    return set()


def teams(user: Any) -> QuerySet[Team]:
    """Teams whose meetings the user manages (secretary: their own; reviewer: those under theirs)."""
    found = profile(user)
    orgs = organisations(user)
    if orgs is None:
        return Team.objects.all()
    if found is not None and found.role == Role.SECRETARY and found.team_id is not None:
        return Team.objects.filter(pk=found.team_id)
    return Team.objects.filter(organisation__in=orgs)


def can_manage_team(user: Any, team: Team) -> bool:
    """Asked several times per request: the ids are looked up once and kept on the user object
    (which lives for one request)."""
    ids: set[int] | None = getattr(user, "_duizhao_teams", None)
    if ids is None:
        ids = set(teams(user).values_list("pk", flat=True))
        if getattr(user, "is_authenticated", False):
            user._duizhao_teams = ids
    return team.pk in ids


def meetings(user: Any) -> QuerySet[Meeting]:
    """Meetings a user may open: managed teams' meetings, and for a member those they attend."""
    found = profile(user)
    if found is None:
        return Meeting.objects.none()
    if found.role == Role.MEMBER:
        if found.person_id is None:
            return Meeting.objects.none()
        return Meeting.objects.filter(participants=found.person_id)
    return Meeting.objects.filter(team__in=teams(user))


def can_see_meeting(user: Any, meeting: Meeting) -> bool:
    return meetings(user).filter(pk=meeting.pk).exists()


def can_manage_meeting(user: Any, meeting: Meeting) -> bool:
    """Edit the meeting, its opinions and talks, see every material (secretary, reviewer, admin)."""
    return role(user) in (Role.ADMIN, Role.REVIEWER, Role.SECRETARY) and can_manage_team(user, meeting.team)


def own_person(user: Any) -> Person | None:
    found = profile(user)
    return found.person if found else None


def can_see_material(user: Any, material: Material) -> bool:
    meeting = material.meeting
    if can_manage_meeting(user, meeting):
        return True
    person = own_person(user)
    if person is None or not meeting.participants.filter(pk=person.pk).exists():
        return False
    own = material.person_id == person.pk or material.person_id is None
    return own or meeting.held(today())


def can_write_material(user: Any, material: Material) -> bool:
    """Upload a version and submit: the writer, or for the team material its secretary/reviewer."""
    person = own_person(user)
    if person is not None and material.person_id == person.pk:
        return True
    return can_manage_meeting(user, material.meeting)


def can_review_material(user: Any, material: Material) -> bool:
    """Comment, return, approve: the team's secretary, a reviewer over it, an administrator."""
    return can_manage_meeting(user, material.meeting)


def opinions(user: Any, meeting: Meeting) -> QuerySet[Opinion]:
    """All for those who manage the meeting; for a member those addressed to them and to the team."""
    if can_manage_meeting(user, meeting):
        return meeting.opinions.all()
    person = own_person(user)
    if person is None or not can_see_meeting(user, meeting):
        return Opinion.objects.none()
    return meeting.opinions.filter(Q(addressee=person) | Q(addressee=None))


def talks(user: Any, meeting: Meeting) -> QuerySet[Talk]:
    if can_manage_meeting(user, meeting):
        return meeting.talks.all()
    person = own_person(user)
    if person is None or not can_see_meeting(user, meeting):
        return Talk.objects.none()
    return meeting.talks.filter(Q(first=person) | Q(second=person))


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    orgs = organisations(user)
    return orgs is None or organisation.pk in orgs


def is_admin(user: Any) -> bool:
    return role(user) == Role.ADMIN
