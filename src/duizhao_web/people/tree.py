"""The organisation tree as the list page shows it: depth-first, each with its counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from duizhao_web.people.models import Organisation


@dataclass(frozen=True)
class Branch:
    organisation: Organisation
    depth: int
    teams: int
    people: int


def branches(visible: set[int] | None) -> list[Branch]:
    """The organisations with ids in ``visible`` (None: all), each under its parent; an organisation
    whose parent is not visible is a root."""
    found = Organisation.objects.annotate(team_count=Count("teams", distinct=True),
                                          people_count=Count("people", distinct=True)).order_by("name")
    if visible is not None:
        found = found.filter(pk__in=visible)
    ids = {o.pk for o in found}
    below: dict[int | None, list[Any]] = defaultdict(list)
    for organisation in found:
        below[organisation.parent_id if organisation.parent_id in ids else None].append(organisation)
    result: list[Branch] = []
    stack = [(o, 0) for o in reversed(below[None])]
    while stack:
        organisation, depth = stack.pop()
        result.append(Branch(organisation, depth, organisation.team_count, organisation.people_count))
        stack.extend((child, depth + 1) for child in reversed(below[organisation.pk]))
    return result
