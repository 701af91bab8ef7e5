"""Views of the materials app (placeholders until built)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def material_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def material_upload(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def material_status(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def comment_add(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_word(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def version_file(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
