"""Import of a roster (.xlsx) into organisations, teams, people and accounts.

The core (:mod:`duizhao.roster`) reads and validates the file; this module checks the rows against
the database (:mod:`duizhao_web.people.roster_checks`) and then, in one transaction, creates or
updates organisations (by name), teams (by organisation and name), people (by organisation and
name) and the accounts of rows with a login. Nothing is written when any row has an error; the
same file imported twice changes nothing the second time. New accounts get no usable password:
an administrator sets it in /admin/.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction

from duizhao.roster import Roster, RosterError, RosterRow, RowError, read_roster
from duizhao_web.people.models import Organisation, Person, Profile, Role, Team
from duizhao_web.people.roster_checks import Entry, Known, check, entries, known

__all__ = ["MAX_BYTES", "MAX_ROWS", "RosterError", "RosterRefused", "Summary", "import_file",
           "import_roster"]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000


@dataclass
class Summary:
    """What an import did; all zero when the file was already imported."""

    organisations_created: int = 0
    organisations_updated: int = 0
    teams_created: int = 0
    people_created: int = 0
    people_updated: int = 0
    accounts_created: int = 0
    accounts_updated: int = 0
    rows: int = 0

    @property
    def changed(self) -> bool:
        return any(value for name, value in vars(self).items() if name != "rows")


class RosterRefused(Exception):
    """Nothing was imported: ``errors`` lists every row error, in row order."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"名册有 {len(errors)} 处错误，未导入任何数据")
        self.errors = errors


def import_file(data: bytes) -> Summary:
    """Read the roster workbook ``data`` and import it; raises :class:`RosterError` for an unusable
    file and :class:`RosterRefused` when any row has an error."""
    return import_roster(read_roster(data, max_rows=MAX_ROWS))


def import_roster(roster: Roster) -> Summary:
    with transaction.atomic():
        people = entries(roster.rows)
        state = known(roster.rows)
        errors = _unique([*roster.errors, *check(roster.rows, people, state)])
        if errors:
            raise RosterRefused(errors)
        return _Writer(state).write(roster.rows, people)


def _unique(errors: Iterable[RowError]) -> list[RowError]:
    return sorted(dict.fromkeys(errors), key=lambda error: error.row)


@dataclass
class _Writer:
    state: Known
    summary: Summary = field(default_factory=Summary)
    new_organisations: set[str] = field(default_factory=set)
    new_people: set[int] = field(default_factory=set)
    updated_people: set[int] = field(default_factory=set)

    def write(self, rows: list[RosterRow], people: dict[tuple[str, str], Entry]) -> Summary:
        self.summary.rows = len(rows)
        self._organisations({r.organisation: r.parent for r in rows if r.parent}, rows)
        persons = {key: self._person(entry) for key, entry in people.items()}
        self._oversight(persons, people)
        for key, entry in people.items():
            if entry.login:
                self._account(persons[key], entry)
        self.summary.people_updated = len(self.updated_people - self.new_people)
        return self.summary

    def _organisations(self, parents: dict[str, str], rows: list[RosterRow]) -> None:
        names = {r.organisation for r in rows} | set(parents.values())
        for name in sorted(names - set(self.state.organisations)):
            self.state.organisations[name] = Organisation.objects.create(name=name)
            self.new_organisations.add(name)
            self.summary.organisations_created += 1
        for name, parent_name in sorted(parents.items()):
            organisation, parent = self.state.organisations[name], self.state.organisations[parent_name]
            if organisation.parent_id != parent.pk:
                organisation.parent = parent
                organisation.save(update_fields=["parent"])
                self.summary.organisations_updated += name not in self.new_organisations

    def _team(self, organisation: Organisation, name: str) -> Team | None:
        if not name:
            return None
        key = (organisation.pk, name)
        if key not in self.state.teams:
            self.state.teams[key] = Team.objects.create(organisation=organisation, name=name)
            self.summary.teams_created += 1
        return self.state.teams[key]

    def _person(self, entry: Entry) -> Person:
        organisation = self.state.organisations[entry.organisation]
        wanted: dict[str, Any] = {"team": self._team(organisation, entry.team), "post": entry.post,
                                  "principal": entry.principal, "order": entry.order}
        person = self.state.people.get((entry.organisation, entry.name))
        if person is None:
            person = Person.objects.create(organisation=organisation, name=entry.name, **wanted)
            self.new_people.add(person.pk)
            self.summary.people_created += 1
        elif _assign(person, wanted):
            person.save()
            self.updated_people.add(person.pk)
        return person

    def _oversight(self, persons: dict[tuple[str, str], Person],
                   people: dict[tuple[str, str], Entry]) -> None:
        """Each person's oversight as the file says, by names in the same organisation."""
        pks = {key: p.pk for key, p in self.state.people.items()} | {key: p.pk for key, p in persons.items()}
        current: dict[int, set[int]] = defaultdict(set)
        through = Person.oversees.through.objects.filter(from_person__in=[p.pk for p in persons.values()])
        for source, target in through.values_list("from_person", "to_person"):
            current[source].add(target)
        for key, entry in people.items():
            person = persons[key]
            wanted = {pks[(entry.organisation, name)] for name in entry.oversees}
            if current[person.pk] != wanted:
                person.oversees.set(wanted)
                self.updated_people.add(person.pk)

    def _account(self, person: Person, entry: Entry) -> None:
        user = self.state.users.get(entry.login.lower())
        existed = user is not None
        if user is None:
            user = get_user_model().objects.create_user(username=entry.login)  # an unusable password
            self.summary.accounts_created += 1
        changed = _admin_flags(user, entry.role == Role.ADMIN)
        profile = self.state.profiles.get(user.pk) or Profile(user=user)
        wanted: dict[str, Any] = {
            "role": entry.role, "person": person,
            "organisation": person.organisation if entry.role == Role.REVIEWER else None,
            "team": person.team if entry.role == Role.SECRETARY else None}
        if _assign(profile, wanted) or profile.pk is None:
            changed = True
            profile.save()
        self.summary.accounts_updated += existed and changed


def _assign(instance: Any, wanted: dict[str, Any]) -> bool:
    """Set the fields of ``instance`` that differ from ``wanted``; whether any did."""
    changed = False
    for name, value in wanted.items():
        related = isinstance(instance._meta.get_field(name), models.ForeignKey)
        current = getattr(instance, f"{name}_id" if related else name)
        target = value.pk if isinstance(value, models.Model) else value
        if current != target:
            setattr(instance, name, value)
            changed = True
    return changed


def _admin_flags(user: Any, admin: bool) -> bool:
    """An administrator's account may open /admin/; flags of other accounts are left as they are."""
    if not admin or (user.is_staff and user.is_superuser):
        return False
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return True
