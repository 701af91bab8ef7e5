"""Demo data written by the project itself (filled in by the demo-data work)."""

from __future__ import annotations

PASSWORD = "duizhao-demo"
LOGINS: list[tuple[str, str]] = []


def empty() -> bool:
    from duizhao_web.people.models import Organisation

    return not Organisation.objects.exists()


def load() -> None:
    raise NotImplementedError
