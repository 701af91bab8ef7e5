"""Views of the meetings app: meetings, their page and export, opinions, talks."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from duizhao_web import permissions
from duizhao_web.meetings import actions, compare, pages
from duizhao_web.meetings.export import workbook
from duizhao_web.meetings.forms import (
    MeetingCreateForm,
    MeetingEditForm,
    OpinionForm,
    OpinionImportForm,
    TalkForm,
)
from duizhao_web.meetings.models import Meeting
from duizhao_web.reviews import services
from duizhao_web.reviews.services import UploadRefused

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("team"), pk=pk)
    if not permissions.can_see_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


def managed(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("team"), pk=pk)
    if not permissions.can_manage_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = permissions.meetings(request.user).select_related("team")
    can_create = permissions.role(request.user) != "member" and permissions.teams(request.user).exists()
    return render(request, "meetings/list.html", {"meetings": meetings, "can_create": can_create,
                                                  "compare_year": compare_year(request)})


def compare_year(request: HttpRequest) -> int | None:
    """This year, for the link to the comparison across meetings (reviewers and administrators)."""
    return permissions.today().year if permissions.role(request.user) in ("admin", "reviewer") else None


@require_GET
def meeting_compare(request: HttpRequest, year: int) -> HttpResponse:
    """Shared text across all meetings of ``year`` under the reviewer's organisation (admin: all)."""
    found = permissions.profile(request.user)
    if found is None or found.role not in ("admin", "reviewer"):
        raise PermissionDenied
    teams = permissions.teams(request.user)
    organisation = None if found.role == "admin" else found.organisation
    result = compare.compare(organisation, teams, year)
    return render(request, "meetings/compare.html", {
        "year": year, "years": compare.years(teams, year), "comparison": result,
        "scope": organisation.name if organisation else "全部单位"})


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    teams = permissions.teams(request.user)
    if permissions.role(request.user) not in ("admin", "reviewer", "secretary") or not teams.exists():
        raise PermissionDenied
    form = MeetingCreateForm(request.POST or None, request.FILES or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        meeting = actions.create_meeting(form.cleaned_data, request.user)
        if meeting.aspects:
            messages.success(request, f"会议已创建，从通知中提取了 {len(meeting.aspects)} 个对照方面，"
                                      "请逐条核对修改")
        else:
            messages.warning(request, "会议已创建，但未从通知中提取到对照方面，请在下方逐行填写")
        return redirect("meeting-edit", meeting.pk)
    return render(request, "meetings/create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed(request, pk)
    form = MeetingEditForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.aspects = form.cleaned_data["aspects_text"]
        meeting.save()
        form.save_m2m()
        kept = actions.sync_materials(meeting)
        messages.success(request, "会议信息已保存")
        for material in kept:
            messages.warning(request, f"{material.writer()}已不在参会人员中，但其材料已有版本，予以保留")
        return redirect("meeting-detail", meeting.pk)
    return render(request, "meetings/edit.html", {"meeting": meeting, "form": form})


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    if permissions.can_manage_meeting(request.user, meeting):
        summary = services.meeting_summary(meeting)
        rows = pages.material_rows(meeting, summary)
        talks = pages.talk_counts(meeting)
        return render(request, "meetings/detail.html", {
            "meeting": meeting, "rows": rows, "groups": pages.batch_groups(meeting, summary),
            "coverage": pages.coverage_table(meeting, rows), "talks": talks,
            "opinion_counts": pages.opinion_counts(meeting),
            "can_compare": permissions.role(request.user) in ("admin", "reviewer")})
    materials = [m for m in meeting.materials.select_related("person", "meeting")
                 if permissions.can_see_material(request.user, m)]
    return render(request, "meetings/detail_member.html", {
        "meeting": meeting, "materials": materials, "person": permissions.own_person(request.user),
        "held": meeting.held(permissions.today()),
        "opinions": permissions.opinions(request.user, meeting).select_related("addressee")})


@require_GET
def meeting_export(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed(request, pk)
    response = HttpResponse(workbook(meeting), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
def opinion_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    manager = permissions.can_manage_meeting(request.user, meeting)
    if request.method == "POST" and not manager:
        raise PermissionDenied
    form = OpinionForm(request.POST or None, meeting=meeting) if manager else None
    if form is not None and request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, "意见已添加")
        return redirect("opinion-list", meeting.pk)
    opinions = permissions.opinions(request.user, meeting).select_related("addressee")
    return render(request, "meetings/opinions.html", {"meeting": meeting, "opinions": opinions,
                                                      "form": form, "manager": manager})


@require_http_methods(["GET", "POST"])
def opinion_import(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = managed(request, pk)
    form = OpinionImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count, errors = actions.import_opinions(meeting, form.cleaned_data["file"])
        except UploadRefused as exc:
            count, errors = 0, [str(exc)]
        if not errors:
            messages.success(request, f"已导入 {count} 条意见")
            return redirect("opinion-list", meeting.pk)
    return render(request, "meetings/opinion_import.html", {"meeting": meeting, "form": form,
                                                            "errors": errors})


@require_http_methods(["GET", "POST"])
def talk_list(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    manager = permissions.can_manage_meeting(request.user, meeting)
    if request.method == "POST" and not manager:
        raise PermissionDenied
    form = TalkForm(request.POST or None, meeting=meeting) if manager else None
    if form is not None and request.method == "POST" and form.is_valid():
        form.instance.meeting = meeting
        form.save()
        messages.success(request, "谈话记录已添加")
        return redirect("talk-list", meeting.pk)
    talks = permissions.talks(request.user, meeting).select_related("first", "second")
    return render(request, "meetings/talks.html", {
        "meeting": meeting, "talks": talks, "form": form, "manager": manager,
        "coverage": pages.talk_coverage(meeting) if manager else None})
