"""The comparison across a year's meetings (the page ``/meetings/compare/<year>/``): first and
kept computation for a reviewer over N materials.

    .venv/bin/python benchmarks/web_compare.py [--materials 100 300] [--seed 0]

Run in its own process: Django is set up on a temporary data directory (or on ``DATABASE_URL``
when set) and migrated. For each count, a city with one organisation per 20 materials, a team of
19 people each and its 2026 meeting (19 personal materials and the team's); every material has
one version copying a reviewed sample's fields (``web_data.reviewed_fields``) with its own text:
colleagues' materials from group templates (``templates.batch``, groups of 5–40 spread over the
meetings), written with ``bulk_create``. Times ``compare.compare`` for the city: the first call
(the core's batch comparison, computed and kept) and the second (read back), and the number of
queries of the second. Prints one line per count.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from templates import batch
from web_data import reviewed_fields, setup

PER_MEETING = 20  # 19 participants and the team's own material
YEAR = 2026


def world(count: int, seed: int, fields: dict[str, Any]) -> tuple[Any, Any]:
    """The city and its teams, with ``count`` materials of one version each."""
    from duizhao_web.materials.models import Material, Version
    from duizhao_web.meetings.models import Meeting
    from duizhao_web.people.models import Organisation, Person, Team

    city = Organisation.objects.create(name=f"基准市委{count}")
    texts = [text for _, text in batch(count, seed, low=5, high=40)]
    versions = []
    for n in range(0, count, PER_MEETING):
        org = Organisation.objects.create(name=f"基准{count}局{n // PER_MEETING:03d}", parent=city)
        team = Team.objects.create(organisation=org, name=f"{org.name}班子")
        names = [f"{org.name}成员{i:02d}" for i in range(PER_MEETING - 1)]
        people = Person.objects.bulk_create([Person(organisation=org, team=team, name=x) for x in names])
        meeting = Meeting.objects.create(team=team, year=YEAR)
        materials = Material.objects.bulk_create([Material(meeting=meeting, person=p)
                                                  for p in [None, *people]])
        versions += [Version(material=m, number=1, **{**fields, "text": texts[n + i]})
                     for i, m in enumerate(materials[:count - n])]
    Version.objects.bulk_create(versions, batch_size=500)
    return city, Team.objects.filter(organisation__parent=city)


def measure(count: int, seed: int, fields: dict[str, Any]) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duizhao_web.meetings.compare import compare

    city, teams = world(count, seed, fields)
    start = time.perf_counter()
    first = compare(city, teams, YEAR)
    cold = time.perf_counter() - start
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        second = compare(city, teams, YEAR)
        warm = time.perf_counter() - start
    assert first.computed and not second.computed
    chars = sum(len(t) for _, t in batch(count, seed, low=5, high=40)) // count
    return (f"{count} materials (~{chars} chars each): first {cold:.2f} s "
            f"(comparison {first.seconds:.2f} s), {len(first.groups)} groups; "
            f"kept {warm * 1000:.0f} ms, {len(queries)} queries")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--materials", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as data:
        setup(Path(data))
        personal, _ = reviewed_fields()
        for count in args.materials:
            print(measure(count, args.seed, personal[0]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
