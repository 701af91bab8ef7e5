"""Views of the meetings app (placeholders until built)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def meeting_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_export(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def opinion_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def opinion_import(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def talk_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
