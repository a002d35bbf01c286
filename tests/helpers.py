"""Paths the tests share: ``from tests.helpers import ROOT, EXAMPLE, BAD_INPUTS``.

Fixtures live in ``conftest.py``; plain values and functions live here, so that no test
imports a conftest module.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository's root: the directory that holds ``pyproject.toml``."""

EXAMPLE = ROOT / "fixtures" / "joint-councils.yaml"
"""The bundled example: the Joint Councils before the quick wins."""

BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"
"""The bad-input corpus: one malformed file or CSV directory per kind of mistake."""


def wait_until_ready(page, timeout: float = 60.0) -> None:
    """Wait until a govgraph page says it has drawn (``govgraph.ready``), polling from
    here: Playwright's ``wait_for_function`` polls by evaluating its text inside the
    page, which the page's Content-Security-Policy (no ``unsafe-eval``) refuses."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate("() => !!(window.govgraph && window.govgraph.ready === true)"):
        if time.monotonic() > deadline:
            raise AssertionError(f"the page was not ready within {timeout:.0f} s")
        page.wait_for_timeout(50)
