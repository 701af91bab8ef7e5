"""Demo data written by the project itself: an organisation tree, two teams, a meeting each made
from the demo notice, accounts for every role, opinions, talks (one required pair missing in the
first team) and materials with two reviewed versions each (clean, defective, copied).

The texts live in ``demo_texts/`` (derived from the project's own samples); ``${year}``,
``${next}`` stand for the meeting's year and the one after, so the data fits whenever it is loaded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from importlib import resources
from string import Template
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from duizhao.notice import aspects_from_notice
from duizhao_web.materials.models import Material, Status, StatusChange
from duizhao_web.meetings.models import Meeting, Opinion, Talk
from duizhao_web.people.models import Organisation, Person, Profile, Role, Team
from duizhao_web.reviews.services import Upload, add_version

PASSWORD = "duizhao-demo"
CITY = "中共示例市委组织部"
THEME = "强化政治担当、狠抓工作落实、推动高质量发展"

LOGINS: list[tuple[str, str]] = [
    ("admin", "管理员：全部单位、账号和后台"),
    ("shenhe", f"审核人：{CITY}（审核下属两个单位的材料）"),
    ("lianluo1", "联络员：示例市农业农村局领导班子"),
    ("lianluo2", "联络员：示例市投资促进局领导班子"),
    ("zhoujh", "成员：周建华，农业农村局局长（材料两版，已审核通过）"),
    ("wuhb", "成员：吴海波，农业农村局副局长（材料照搬同事段落，已提交）"),
    ("zhengl", "成员：郑丽，农业农村局副局长（尚未上传材料）"),
    ("linyt", "成员：林雨亭，农业农村局总农艺师（与高远的谈话未记录）"),
    ("gaoy", "成员：高远，农业农村局副局长"),
    ("sunm", "成员：孙明，投资促进局局长（材料两版，退回修改）"),
]

# A material's history: ("upload", text), ("submitted" | "returned" | "approved", reason).
Step = tuple[str, str]


@dataclass(frozen=True)
class TeamSpec:
    organisation: str
    name: str
    secretary: str
    people: list[tuple[str, str, str]]  # name, post, login ("" for no account); the first is principal
    days_to_meeting: int
    opinions: list[tuple[str, str, int | None]]  # text, source, index of the addressee (None: the team)
    head: tuple[str, str, int] | None = None  # a department head outside the team, overseen by index
    missing: tuple[int, int] | None = None  # the required talk left unrecorded
    histories: dict[int, list[Step]] = field(default_factory=dict)


CLEAN: list[Step] = [
    ("upload", "clean_v1"), ("submitted", ""),
    ("returned", "整改措施没有写明完成时限和具体举措，原因分析少了宗旨意识、纪律规矩两个方面，"
                 "请补充后重新提交。"),
    ("upload", "clean_v2"), ("submitted", ""), ("approved", "问题具体，原因深刻，措施明确，同意提交会议。"),
]
COPIED: list[Step] = [("upload", "copied_v1"), ("upload", "copied_v2"), ("submitted", "")]
DEFECTIVE: list[Step] = [
    ("upload", "defective_v1"), ("submitted", ""),
    ("returned", "材料里有“此处隐藏1200字”“XX”“mzshh”等网上下载留下的字样，请本人亲自撰写。"),
    ("upload", "defective_v2"), ("submitted", ""),
    ("returned", "问题没有具体事例，原因分析只是把问题换个说法，第（二）部分还写了街道的工作，"
                 "像是照搬其他单位的材料，请结合本局实际重写。"),
]

TEAMS = [
    TeamSpec(
        organisation="示例市农业农村局", name="示例市农业农村局领导班子", secretary="lianluo1",
        people=[("周建华", "党组书记、局长", "zhoujh"), ("吴海波", "党组成员、副局长", "wuhb"),
                ("郑丽", "党组成员、副局长", "zhengl"), ("林雨亭", "党组成员、总农艺师", "linyt"),
                ("高远", "党组成员、副局长", "gaoy")],
        days_to_meeting=21,
        opinions=[("班子研究高标准农田建设时听取乡镇意见不够，有的项目选址群众不认可。", "座谈会", None),
                  ("局里发给乡镇的报表太多，同一组数据要填好几遍。", "意见箱", None),
                  ("希望周局长多到偏远村看看，灌溉渠的事拖了两年还没解决。", "问卷", 0),
                  ("吴局长对养殖户反映的问题批转多、跟踪少。", "座谈会", 1),
                  ("郑局长分管的窗口办事要跑两趟，能否一次办好。", "意见箱", 2),
                  ("农技推广站的培训内容多年没有更新，希望林总多听听种植户的需要。", "问卷", 3),
                  ("高局长主持的会议时间偏长，会前材料发得晚。", "问卷", 4)],
        head=("何立新", "畜牧股股长", 1), missing=(3, 4),
        histories={0: CLEAN, 1: COPIED}),
    TeamSpec(
        organisation="示例市投资促进局", name="示例市投资促进局领导班子", secretary="lianluo2",
        people=[("孙明", "党组书记、局长", "sunm"), ("钱文", "党组成员、副局长", ""),
                ("冯晓", "党组成员、副局长", ""), ("蒋涛", "党组成员、副局长", "")],
        days_to_meeting=-3,
        opinions=[("招商项目签约多、落地少，对签约后的跟踪服务不够。", "座谈会", None),
                  ("企业反映办事找不到对口联系人。", "意见箱", None),
                  ("希望孙局长多到落地企业现场，少开推进会。", "问卷", 0),
                  ("钱局长对企业提出的用地问题答复不够及时。", "座谈会", 1)],
        histories={0: DEFECTIVE}),
]


def empty() -> bool:
    return not Organisation.objects.exists()


def present() -> list[tuple[str, str]]:
    """The demo logins that exist in this database, with their labels."""
    found = set(Profile.objects.filter(demo=True).values_list("user__username", flat=True))
    return [(login, label) for login, label in LOGINS if login in found]


def text(stem: str, year: int) -> str:
    raw = (resources.files("duizhao_web") / "demo_texts" / f"{stem}.txt").read_text(encoding="utf-8")
    return Template(raw).substitute(year=year, next=year + 1)


def load() -> None:
    """Load the demo data in one transaction (into an empty database: see :func:`empty`)."""
    today = timezone.localdate()
    with transaction.atomic():
        city = Organisation.objects.create(name=CITY)
        users = {"admin": _account("admin", Role.ADMIN),
                 "shenhe": _account("shenhe", Role.REVIEWER, organisation=city)}
        for spec in TEAMS:
            _team(spec, city, today, users)


def _account(login: str, role: str, **attached: Any) -> Any:
    admin = role == Role.ADMIN
    user = get_user_model().objects.create_user(login, password=PASSWORD, is_staff=admin, is_superuser=admin)
    Profile.objects.create(user=user, role=role, demo=True, **attached)
    return user


def _team(spec: TeamSpec, city: Organisation, today: datetime.date, users: dict[str, Any]) -> None:
    org = Organisation.objects.create(name=spec.organisation, parent=city)
    team = Team.objects.create(organisation=org, name=spec.name)
    users[spec.secretary] = _account(spec.secretary, Role.SECRETARY, team=team)
    people = _people(spec, org, team, users)
    heads = []
    if spec.head is not None:
        name, post, overseer = spec.head
        head = Person.objects.create(organisation=org, name=name, post=post)
        people[overseer].oversees.add(head)
        heads.append((people[overseer], head))
    meeting = _meeting(team, today, spec.days_to_meeting, users[spec.secretary])
    meeting.participants.set(people)
    for body, source, addressee in spec.opinions:
        Opinion.objects.create(meeting=meeting, text=body, source=source,
                               addressee=None if addressee is None else people[addressee])
    missing = None if spec.missing is None else {people[i] for i in spec.missing}
    _talks(meeting, [p for p in _required(people) + heads if set(p) != missing], today)
    _materials(spec, meeting, people, users)


def _people(spec: TeamSpec, org: Organisation, team: Team, users: dict[str, Any]) -> list[Person]:
    people = []
    for order, (name, post, login) in enumerate(spec.people):
        person = Person.objects.create(organisation=org, team=team, name=name, post=post,
                                       principal=order == 0, order=order)
        if login:
            users[login] = _account(login, Role.MEMBER, person=person)
        people.append(person)
    return people


def _meeting(team: Team, today: datetime.date, days: int, secretary: Any) -> Meeting:
    notice = text("notice", today.year)
    return Meeting.objects.create(team=team, year=today.year, theme=THEME, notice=notice,
                                  aspects=list(aspects_from_notice(notice)),
                                  date=today + datetime.timedelta(days=days), created_by=secretary)


def _required(people: list[Person]) -> list[tuple[Person, Person]]:
    """The principal with each member, then the members with each other."""
    principal, members = people[0], people[1:]
    pairs = [(principal, m) for m in members]
    return pairs + [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]


def _talks(meeting: Meeting, pairs: list[tuple[Person, Person]], today: datetime.date) -> None:
    for i, (first, second) in enumerate(pairs):
        Talk.objects.create(meeting=meeting, first=first, second=second,
                            date=today - datetime.timedelta(days=30 - i), topics="思想、工作和作风",
                            points=f"{first.name}同志指出{second.name}同志在分管工作中抓落实跟踪不够，"
                                   f"{second.name}同志表示接受，并提出对班子工作的意见。")


def _materials(spec: TeamSpec, meeting: Meeting, people: list[Person], users: dict[str, Any]) -> None:
    Material.objects.create(meeting=meeting, person=None)
    reviewer = users["shenhe"]
    for index, person in enumerate(people):
        material = Material.objects.create(meeting=meeting, person=person)
        writer = users.get(spec.people[index][2])
        for action, detail in spec.histories.get(index, []):
            if action == "upload":
                add_version(material, Upload(f"{person.name}对照检查材料.txt",
                                             text=text(detail, meeting.year)), writer)
            else:
                _change(material, action, detail, writer if action == Status.SUBMITTED else reviewer)


def _change(material: Material, after: str, reason: str, by: Any) -> None:
    StatusChange.objects.create(material=material, before=material.status, after=after, reason=reason, by=by)
    material.status = after
    material.save(update_fields=["status"])
