"""Views of the people app (placeholders until built)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def organisation_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def organisation_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def team_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def roster_import(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
