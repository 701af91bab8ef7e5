"""Views of the materials app: a material's page (a version with its findings marked), upload,
status changes, reviewers' comments and the downloads. Every view asks :mod:`permissions`."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duizhao_web import permissions
from duizhao_web.materials import pages, uploads, workflow
from duizhao_web.materials.forms import CommentForm, StatusForm, UploadForm
from duizhao_web.materials.models import Comment, Material, Version
from duizhao_web.reviews import services

WHO = {"writer": permissions.can_write_material, "reviewer": permissions.can_review_material}


def _material(request: HttpRequest, pk: int) -> Material:
    material = get_object_or_404(Material.objects.select_related("meeting__team", "person"), pk=pk)
    if not permissions.can_see_material(request.user, material):
        raise PermissionDenied
    return material


def _version(request: HttpRequest, pk: int) -> Version:
    version = get_object_or_404(Version.objects.select_related("material__meeting__team", "material__person"),
                                pk=pk)
    if not permissions.can_see_material(request.user, version.material):
        raise PermissionDenied
    return version


def _may_upload(request: HttpRequest, material: Material) -> bool:
    return permissions.can_write_material(request.user, material) and material.status in workflow.UPLOADABLE


def _actions(request: HttpRequest, material: Material) -> list[tuple[str, workflow.Rule]]:
    return [(key, rule) for key, rule in workflow.RULES.items()
            if workflow.allowed(material, key) and WHO[rule.by](request.user, material)]


def _show(request: HttpRequest, material: Material, version: Version, status: int = 200,
          comment_form: CommentForm | None = None) -> HttpResponse:
    comments = list(version.comments.select_related("author"))
    context: dict[str, Any] = {
        "material": material, "version": version, "latest": material.latest(),
        "versions": material.versions.defer("text", "result").select_related("uploaded_by")
        .order_by("-number"),
        "changes": material.changes.select_related("by").order_by("-at", "-pk"),
        "may_upload": _may_upload(request, material), "actions": _actions(request, material),
        "may_review": permissions.can_review_material(request.user, material),
        "comment_form": comment_form or CommentForm(version=version), **pages.page(version, comments)}
    return render(request, "materials/version.html", context, status=status)


def _upload_page(request: HttpRequest, material: Material, form: UploadForm,
                 status: int = 200) -> HttpResponse:
    return render(request, "materials/upload.html",
                  {"material": material, "form": form, "may_upload": _may_upload(request, material),
                   "may_write": permissions.can_write_material(request.user, material)}, status=status)


@require_GET
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    version = material.latest()
    if version is None:
        return _upload_page(request, material, UploadForm())
    return _show(request, material, version)


@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    material = _material(request, pk)
    return _show(request, material, get_object_or_404(material.versions, number=number))


@require_http_methods(["GET", "POST"])
def material_upload(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    if not permissions.can_write_material(request.user, material):
        raise PermissionDenied
    if request.method == "GET":
        return _upload_page(request, material, UploadForm())
    if material.status not in workflow.UPLOADABLE:
        messages.error(request, f"材料{material.get_status_display()}，不能再上传新版本")
        return redirect("material-detail", material.pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, material, form, 400)
    try:
        upload = uploads.from_form(form.cleaned_data.get("file"), form.cleaned_data.get("text") or "")
        uploads.check(upload)
        version = services.add_version(material, upload, request.user)
    except services.UploadRefused as refused:
        form.add_error(None, str(refused))
        return _upload_page(request, material, form, 400)
    pages.change(version)
    messages.success(request, f"已上传第{version.number}版并完成审核")
    return redirect("version-detail", material.pk, version.number)


@require_POST
def material_status(request: HttpRequest, pk: int) -> HttpResponse:
    material = _material(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "未知的操作")
        return redirect("material-detail", material.pk)
    action = form.cleaned_data["action"]
    if not WHO[workflow.RULES[action].by](request.user, material):
        raise PermissionDenied
    try:
        change = workflow.apply(material, action, request.user, form.cleaned_data["reason"])
    except workflow.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"材料状态已改为“{change.get_after_display()}”")
    return redirect("material-detail", material.pk)


@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    material = version.material
    if not permissions.can_review_material(request.user, material):
        raise PermissionDenied
    form = CommentForm(request.POST, version=version)
    if not form.is_valid():
        return _show(request, material, version, 400, form)
    _comment(version, form.cleaned_data, request.user)
    messages.success(request, "审核意见已添加")
    return redirect("version-detail", material.pk, version.number)


def _comment(version: Version, data: dict[str, Any], author: Any) -> Comment:
    return Comment.objects.create(version=version, start=data["start"], end=data["end"], quote=data["quote"],
                                  text=data["text"].strip(), author=author)


def _attachment(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response


@require_GET
def version_word(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    name = f"{version.material.writer()}-审核-第{version.number}版.docx"
    return _attachment(services.word_file(version), name,
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@require_GET
def version_file(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version(request, pk)
    path = services.stored_file(version)
    if path is not None:
        return _attachment(path.read_bytes(), version.file_name, "application/octet-stream")
    if not version.result.get("pasted"):
        raise Http404("原文件已不在服务器上")
    return _attachment(version.text.encode("utf-8"), f"{version.material.writer()}-第{version.number}版.txt",
                       "text/plain; charset=utf-8")
