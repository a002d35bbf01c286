"""A real headless Chromium (Debian's ``/usr/bin/chromium``) driven by Playwright's
Python package, for the HTML view tests. No browser is downloaded: Playwright only
drives the system binary. Every request that is not a ``file:`` URL is aborted and
recorded, and console errors, page errors and dialogs are collected, so a test can
assert that a page is fully offline and quiet.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GOVGRAPH_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        try:
            yield instance
        finally:
            instance.close()


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors, dialogs, blocked requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.console_errors + self.page_errors + self.dialogs + self.blocked


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser, page_log: PageLog) -> Iterator[object]:
    """A fresh browser page with the network blocked (only ``file:`` URLs load)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})

    def route(route) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            page_log.blocked.append(url)
            route.abort()

    context.route("**/*", route)
    new_page = context.new_page()
    new_page.on(
        "console",
        lambda message: (
            page_log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    new_page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))

    def on_dialog(dialog) -> None:
        page_log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    try:
        yield new_page
    finally:
        context.close()


@pytest.fixture
def wide_page(browser):
    """A page at 1400 x 900 whose ``errors`` collects page and console errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error)))
    new_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    new_page.errors = errors
    yield new_page
    context.close()
