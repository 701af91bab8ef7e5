"""Browser tests in a real headless Chromium (Debian's ``chromium``, driven by Playwright for
Python). Skipped, saying why, where there is no Chromium; a failure instead when
``DUIZHAO_REQUIRE_BROWSER`` is set (``dev.py test`` does so in CI). Screenshots of the pages go
to ``out/screenshots/`` (or ``DUIZHAO_SCREENSHOTS``)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-dev-shm-usage"]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("DUIZHAO_REQUIRE_BROWSER"):
            pytest.fail("Chromium 未安装（Debian 软件包 chromium）")
        pytest.skip("Chromium 未安装，跳过浏览器测试")
    return found


def screenshots() -> Path:
    folder = Path(os.environ.get("DUIZHAO_SCREENSHOTS") or ROOT / "out" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium()
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"  # Playwright's loop runs in the test's thread
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def chrome(browser: Any) -> Iterator[Any]:
    """The session's Chromium; the contexts a test opens are closed after it, so that no keep-alive
    connection to the live server outlives the test (its server thread would then close a database
    connection that the next tests no longer share with it)."""
    yield browser
    for context in browser.contexts:
        context.close()


def login(browser: Any, base: str, username: str, password: str) -> Any:
    """A new page in its own context, signed in through the login form."""
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def shoot(page: Any, name: str, full_page: bool = True) -> Path:
    """A screenshot of the whole page (or of the window only: what the user sees now)."""
    path = screenshots() / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
