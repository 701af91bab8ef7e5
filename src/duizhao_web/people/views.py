"""Views of the people app: the organisation tree, an organisation, a team, the roster import."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from duizhao_web import permissions
from duizhao_web.people import roster, tree
from duizhao_web.people.forms import RosterForm
from duizhao_web.people.models import Organisation, Person, Role, Team


def _require_overseer(request: HttpRequest) -> None:
    """Organisation pages are for administrators and reviewers (secretaries and members: 403)."""
    if permissions.role(request.user) not in (Role.ADMIN, Role.REVIEWER):
        raise PermissionDenied


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    _require_overseer(request)
    branches = tree.branches(permissions.organisations(request.user))
    return render(request, "people/organisation_list.html",
                  {"branches": branches, "can_import": permissions.is_admin(request.user)})


@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_overseer(request)
    organisation = get_object_or_404(Organisation.objects.select_related("parent"), pk=pk)
    if not permissions.can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    parent = organisation.parent
    return render(request, "people/organisation_detail.html", {
        "organisation": organisation,
        "parent_visible": parent is not None and permissions.can_manage_organisation(request.user, parent),
        "teams": organisation.teams.all(),
        "people": organisation.people.select_related("team").order_by("team__name", "-principal", "order"),
        "children": organisation.children.all()})


@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_object_or_404(Team.objects.select_related("organisation"), pk=pk)
    if not permissions.can_manage_team(request.user, team):
        raise PermissionDenied
    overseen = Prefetch("oversees", queryset=Person.objects.order_by("order", "pk"))
    return render(request, "people/team_detail.html", {
        "team": team,
        "members": team.members.prefetch_related(overseen),
        "meetings": permissions.meetings(request.user).filter(team=team),
        "organisation_visible": permissions.can_manage_organisation(request.user, team.organisation)})


@require_http_methods(["GET", "POST"])
def roster_import(request: HttpRequest) -> HttpResponse:
    if not permissions.is_admin(request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = RosterForm(request.POST, request.FILES) if posted else RosterForm()
    context: dict[str, Any] = {"form": form}
    if posted and form.is_valid():
        context.update(_import(form))
    return render(request, "people/roster_import.html", context)


def _import(form: RosterForm) -> dict[str, Any]:
    """The summary of a successful import, or the row errors; an unusable file is a form error."""
    try:
        return {"summary": roster.import_file(form.cleaned_data["file"].read())}
    except roster.RosterError as exc:
        form.add_error("file", str(exc))
    except roster.RosterRefused as exc:
        return {"errors": [(e.row, e.message.removeprefix(f"第 {e.row} 行：")) for e in exc.errors]}
    return {}
