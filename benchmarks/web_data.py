"""A large world for the web load benchmark (``web_load.py``): organisations, teams, meetings and
materials, each material with one reviewed version.

    .venv/bin/python benchmarks/web_data.py --data DIR [--materials 10000]

Run in its own process: Django is set up on ``DIR`` (or on ``DATABASE_URL`` when set), the
database migrated, then filled. Four real texts (the built-in samples) are reviewed once with the
core (``review_text`` and the web app's own ``version_fields``); the 10,000 versions copy those
fields and are written with ``bulk_create``. 20 materials per meeting (19 participants and the
team's), 5 meetings per team (2022–2026), a team of 19 people per organisation, 5 opinions and
4 talks per meeting. Accounts (one password): ``admin``; ``secretary`` of the measured team (the
first); ``member01``… for each of its people. The measured meeting is that team's 2026 meeting,
held in 30 days; the materials of that team's meetings are drafts (the upload scenario writes to them),
the others approved, submitted, returned or drafts in turn. The last line printed is a
JSON object: ids, accounts and the seconds each stage took.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

PASSWORD = "bench-web-load-1"
PEOPLE_PER_TEAM = 19  # + the team's own material = 20 materials per meeting
MEETINGS_PER_TEAM = 5
FIRST_YEAR = 2022
BATCH = 500
SAMPLES = ("01_clean_personal.txt", "02_template_personal.txt", "batch/04_deputy_personal.txt")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "明", "红", "立", "平", "进", "华", "强", "军", "伟", "芳", "敏", "静", "磊", "洋", "勇",
         "艳", "杰", "涛", "超"]
POSTS = ["党组书记、主任", "党组副书记、副主任", "党组成员、副主任", "党组成员、纪检监察组组长",
         "党组成员、副主任"]
ASPECTS = ["带头深刻领悟两个确立的决定性意义", "带头践行以人民为中心的发展思想",
           "带头落实全面从严治党政治责任", "带头发扬斗争精神"]


def setup(data: Path) -> None:
    os.environ["DUIZHAO_DATA"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duizhao_web.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def sample(name: str) -> str:
    return (resources.files("duizhao") / "samples" / name).read_text(encoding="utf-8")


def reviewed_fields() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Version fields of the personal samples and of the team sample, each reviewed once."""
    from duizhao.checks.registry import ReviewContext
    from duizhao.config import load_settings
    from duizhao.review import review_text
    from duizhao_web.reviews.services import Upload, version_fields

    def fields(name: str, kind: str) -> dict[str, Any]:
        text = sample(name)
        ctx = ReviewContext(settings=load_settings(None), aspects=tuple(ASPECTS), kind=kind)
        item = review_text(text, ctx, Path(name).name)
        return version_fields(item, Upload(Path(name).name, text=text), text.encode("utf-8"))

    return [fields(n, "personal") for n in SAMPLES], fields("03_team.txt", "team")


def organisations(teams: int) -> list[Any]:
    from duizhao_web.people.models import Organisation, Team

    city = Organisation.objects.create(name="某市委（基准）")
    orgs = Organisation.objects.bulk_create(
        [Organisation(name=f"某市第{i + 1:03d}局", parent=city) for i in range(teams)], batch_size=BATCH)
    return Team.objects.bulk_create([Team(organisation=o, name=f"{o.name}领导班子") for o in orgs],
                                    batch_size=BATCH)


def people(teams: list[Any]) -> dict[int, list[Any]]:
    from duizhao_web.people.models import Person

    rows = [Person(organisation_id=t.organisation_id, team=t, principal=i == 0, order=i,
                   name=SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7 + t.pk) % len(GIVEN)] + f"{i:02d}",
                   post=POSTS[min(i, len(POSTS) - 1)])
            for t in teams for i in range(PEOPLE_PER_TEAM)]
    made = Person.objects.bulk_create(rows, batch_size=BATCH)
    by_team: dict[int, list[Any]] = {}
    for person in made:
        by_team.setdefault(person.team_id, []).append(person)
    return by_team


def meetings(teams: list[Any], count: int) -> list[Any]:
    from duizhao_web.meetings.models import Meeting

    today = datetime.date.today()
    rows = []
    for n in range(count):
        team, year = teams[n // MEETINGS_PER_TEAM], FIRST_YEAR + n % MEETINGS_PER_TEAM
        open_meeting = n == MEETINGS_PER_TEAM - 1  # the measured one: not yet held
        date = today + datetime.timedelta(days=30) if open_meeting else datetime.date(year, 12, 20)
        rows.append(Meeting(team=team, year=year, theme="深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”",
                            notice=sample("notice.txt"), aspects=ASPECTS, date=date))
    return Meeting.objects.bulk_create(rows, batch_size=BATCH)


def attendance(meets: list[Any], by_team: dict[int, list[Any]]) -> None:
    from duizhao_web.meetings.models import Meeting, Opinion, Talk

    through = Meeting.participants.through
    through.objects.bulk_create([through(meeting_id=m.pk, person_id=p.pk)
                                 for m in meets for p in by_team[m.team_id]], batch_size=BATCH)
    opinions, talks = [], []
    for m in meets:
        team = by_team[m.team_id]
        opinions.append(Opinion(meeting=m, text="班子抓落实的办法不多，调查研究不够深入。", source="座谈会"))
        opinions += [Opinion(meeting=m, text=f"希望{p.name}同志多到基层一线调研。", source="问卷",
                             addressee=p) for p in team[:4]]
        talks += [Talk(meeting=m, first=team[0], second=p, date=m.date, topics="思想工作")
                  for p in team[1:5]]
    Opinion.objects.bulk_create(opinions, batch_size=BATCH)
    Talk.objects.bulk_create(talks, batch_size=BATCH)


def materials(meets: list[Any], by_team: dict[int, list[Any]]) -> list[Any]:
    from duizhao_web.materials.models import Material, Status

    statuses = [Status.APPROVED, Status.SUBMITTED, Status.RETURNED, Status.DRAFT]
    rows = []
    for n, m in enumerate(meets):
        measured_team = m.team_id == meets[0].team_id  # drafts: the upload clients may write to them
        for i, person in enumerate([None, *by_team[m.team_id]]):
            status = Status.DRAFT if measured_team else statuses[(n + i) % len(statuses)]
            rows.append(Material(meeting=m, person=person, status=status))
    return Material.objects.bulk_create(rows, batch_size=BATCH)


def versions(mats: list[Any], personal: list[dict[str, Any]], team: dict[str, Any], author: Any) -> None:
    from duizhao_web.materials.models import Version

    def one(n: int, material: Any) -> Any:
        fields = team if material.person_id is None else personal[n % len(personal)]
        return Version(material=material, number=1, uploaded_by=author, **fields)

    for start in range(0, len(mats), BATCH):
        Version.objects.bulk_create([one(start + i, m) for i, m in enumerate(mats[start:start + BATCH])])


def accounts(team: Any, members: list[Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from duizhao_web.people.models import Profile, Role

    users = get_user_model()
    hashed = make_password(PASSWORD)  # hashed once: creating 21 users one by one would take seconds
    logins = ["admin", "secretary", *[f"member{i + 1:02d}" for i in range(len(members))]]
    made = users.objects.bulk_create([users(username=name, password=hashed, is_staff=name == "admin",
                                            is_superuser=name == "admin") for name in logins])
    made = list(users.objects.filter(username__in=logins).order_by("pk"))  # pks on every backend
    Profile.objects.bulk_create(
        [Profile(user=made[0], role=Role.ADMIN), Profile(user=made[1], role=Role.SECRETARY, team=team)]
        + [Profile(user=u, role=Role.MEMBER, person=p) for u, p in zip(made[2:], members, strict=True)])
    return {u.username: u for u in made}


def build(material_count: int) -> dict[str, Any]:
    """Fill the (empty) database; the ids and accounts the load benchmark needs."""
    from django.db import transaction

    from duizhao_web.materials.models import Material

    stages: dict[str, float] = {}
    start = time.perf_counter()
    personal, team_fields = reviewed_fields()
    stages["review_samples"] = time.perf_counter() - start
    meeting_count = max(1, material_count // (PEOPLE_PER_TEAM + 1))
    team_count = -(-meeting_count // MEETINGS_PER_TEAM)
    with transaction.atomic():
        mark = time.perf_counter()
        teams = organisations(team_count)
        by_team = people(teams)
        meets = meetings(teams, meeting_count)
        attendance(meets, by_team)
        users = accounts(teams[0], by_team[teams[0].pk])
        mats = materials(meets, by_team)
        stages["structure"] = time.perf_counter() - mark
        mark = time.perf_counter()
        versions(mats, personal, team_fields, users["secretary"])
        stages["versions"] = time.perf_counter() - mark
    stages["total"] = time.perf_counter() - start
    measured = meets[min(MEETINGS_PER_TEAM, meeting_count) - 1]
    ordered = Material.objects.filter(meeting=measured, person__isnull=False).order_by("person__order")
    page_material = ordered[0]
    login = {p.pk: f"member{i + 1:02d}" for i, p in enumerate(by_team[teams[0].pk])}
    mine = Material.objects.filter(meeting__team=teams[0], person__isnull=False)
    uploads = [[login[m.person_id], m.pk] for m in mine.order_by("-meeting__year", "person__order")]
    return {"meeting": measured.pk, "material": page_material.pk, "uploads": uploads,
            "password": PASSWORD, "page_login": "secretary", "materials": len(mats),
            "meetings": len(meets), "seconds": stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="为网页负载基准建立数据库（在 DATABASE_URL 或 --data 的 SQLite 中）")
    parser.add_argument("--data", type=Path, required=True,
                        help="数据目录（SQLite 数据库、上传的文件、密钥）")
    parser.add_argument("--materials", type=int, default=10000, help="材料份数（每次会议 20 份；默认 10000）")
    args = parser.parse_args(argv)
    setup(args.data)
    from duizhao_web.people.models import Organisation

    if Organisation.objects.exists():
        print("数据库中已有数据：请用新的数据目录或新建的 PostgreSQL 数据库", file=sys.stderr)
        return 2
    print(json.dumps(build(args.materials), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
