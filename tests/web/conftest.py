"""Web fixtures: a data directory per test, the world of :mod:`tests.web.world`, logged-in clients."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from web.browser import browser, chrome  # noqa: F401  (fixtures of the browser tests)
from web.world import World, build


@pytest.fixture(autouse=True)
def data_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    settings.DATA_DIR = folder
    return folder


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """A cheap hasher: the world's eight accounts cost 2 s per test with the default PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db: None) -> World:
    return build()


@pytest.fixture
def as_user(world: World) -> Callable[[str | None], Client]:
    """A client signed in as one of the world's accounts (None: anonymous)."""

    def make(login: str | None) -> Client:
        client = Client()
        if login is not None:
            client.force_login(world.users[login])
        return client

    return make
