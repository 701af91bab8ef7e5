"""One small world for the web tests: two organisations under a city, a team in each, people,
an account of every role, a meeting per team with a material per participant."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.contrib.auth import get_user_model

from duizhao_web.materials.models import Material
from duizhao_web.meetings.models import Meeting, Opinion, Talk
from duizhao_web.people.models import Organisation, Person, Profile, Role, Team
from duizhao_web.reviews.services import Upload, add_version

PASSWORD = "pw-for-tests-1"
ASPECTS = ["带头深刻领悟两个确立的决定性意义", "带头践行以人民为中心的发展思想",
           "带头落实全面从严治党政治责任"]


def sample(name: str) -> str:
    return (resources.files("duizhao") / "samples" / name).read_text(encoding="utf-8")


@dataclass
class World:
    users: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    materials: dict[str, Material] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)


def _account(world: World, login: str, role: str, **attached: Any) -> None:
    user = get_user_model().objects.create_user(login, password=PASSWORD, is_staff=role == Role.ADMIN,
                                                is_superuser=role == Role.ADMIN)
    Profile.objects.create(user=user, role=role, **attached)
    world.users[login] = user


def _people(world: World, key: str, org: Organisation, team: Team, rows: list[tuple[str, str, bool]]) -> None:
    for order, (name, post, principal) in enumerate(rows):
        person = Person.objects.create(organisation=org, team=team, name=name, post=post,
                                       principal=principal, order=order)
        world.people[f"{key}{order}"] = person


def build(with_versions: bool = True) -> World:
    """Organisations: 市委 ⊃ {发改委 (A), 财政局 (B)}. People A0 (principal), A1, A2; B0, B1;
    H: a department head A1 oversees. Accounts: admin, reviewer (市委), reviewer_b (财政局 only),
    secretary_a, secretary_b, member_a1 (A1), member_a2 (A2), member_b1 (B1)."""
    w = World()
    city = Organisation.objects.create(name="某市委")
    org_a = Organisation.objects.create(name="某市发展和改革委员会", parent=city)
    org_b = Organisation.objects.create(name="某市财政局", parent=city)
    w.organisations.update(city=city, a=org_a, b=org_b)
    team_a = Team.objects.create(organisation=org_a, name="市发展改革委领导班子")
    team_b = Team.objects.create(organisation=org_b, name="市财政局领导班子")
    w.teams.update(a=team_a, b=team_b)
    _people(w, "A", org_a, team_a, [("王建国", "党组书记、主任", True), ("李明", "党组成员、副主任", False),
                                    ("赵红", "党组成员、副主任", False)])
    _people(w, "B", org_b, team_b, [("孙立", "党组书记、局长", True), ("周平", "党组成员、副局长", False)])
    head = Person.objects.create(organisation=org_a, name="钱进", post="综合处处长")
    w.people["H"] = head
    w.people["A1"].oversees.add(head)
    _account(w, "admin", Role.ADMIN)
    _account(w, "reviewer", Role.REVIEWER, organisation=city)
    _account(w, "reviewer_b", Role.REVIEWER, organisation=org_b)
    _account(w, "secretary_a", Role.SECRETARY, team=team_a)
    _account(w, "secretary_b", Role.SECRETARY, team=team_b)
    _account(w, "member_a1", Role.MEMBER, person=w.people["A1"])
    _account(w, "member_a2", Role.MEMBER, person=w.people["A2"])
    _account(w, "member_b1", Role.MEMBER, person=w.people["B1"])
    for key, team in (("a", team_a), ("b", team_b)):
        _meeting(w, key, team, with_versions)
    return w


def _meeting(w: World, key: str, team: Team, with_versions: bool) -> None:
    future = datetime.date.today() + datetime.timedelta(days=30)
    meeting = Meeting.objects.create(team=team, year=2026, theme="深刻领悟“两个确立”的决定性意义",
                                     aspects=ASPECTS, date=future, created_by=None)
    members = list(team.members.all())
    meeting.participants.set(members)
    w.meetings[key] = meeting
    w.materials[f"{key}-team"] = Material.objects.create(meeting=meeting, person=None)
    for person in members:
        material = Material.objects.create(meeting=meeting, person=person)
        w.materials[f"{key}-{person.pk}"] = material
    Opinion.objects.create(meeting=meeting, text="班子抓落实的办法不多。", source="座谈会")
    for person in members:
        Opinion.objects.create(meeting=meeting, text=f"希望{person.name}同志多到基层调研。", source="问卷",
                               addressee=person)
    Talk.objects.create(meeting=meeting, first=members[0], second=members[1], date=future, topics="工作")
    if with_versions:
        mine = w.materials[f"{key}-{members[1].pk}"]
        add_version(mine, Upload("材料.txt", text=sample("02_template_personal.txt")), None)


def material_of(w: World, key: str) -> Material:
    """The material of person ``key`` (e.g. "A1") in their team's meeting."""
    person = w.people[key]
    return Material.objects.get(meeting__team=person.team, person=person)
