"""Template context: the signed-in user's role, for the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from duizhao_web import permissions


def role(request: HttpRequest) -> dict[str, Any]:
    found = permissions.profile(request.user)
    return {"role": found.role if found else None, "profile": found}
