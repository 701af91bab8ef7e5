"""The start page: the meetings a user may open, and for a member their own materials."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from duizhao_web import permissions
from duizhao_web.materials.models import Material


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    meetings = permissions.meetings(request.user).select_related("team")
    person = permissions.own_person(request.user)
    own = Material.objects.filter(person=person).select_related("meeting__team") if person else []
    return render(request, "home/index.html", {"meetings": meetings, "own": own})
