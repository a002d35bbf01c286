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


def kill_when(argv: list[str], env: dict[str, str], started, timeout: float = 120.0) -> None:
    """Run ``argv`` in its own process and ``SIGKILL`` it as soon as ``started()`` is
    true (polled every 50 ms); fail if the process ends first or ``timeout`` passes.

    >>> import sys, os
    >>> kill_when([sys.executable, "-c", "import time; time.sleep(60)"], dict(os.environ),
    ...           lambda: True)
    """
    import os
    import signal
    import subprocess
    import time

    client = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + timeout
        while not started():
            assert client.poll() is None, "the process ended before it could be interrupted"
            assert time.monotonic() < deadline, "the process never reached the point to kill"
            time.sleep(0.05)
        os.kill(client.pid, signal.SIGKILL)
        client.wait(timeout=30)
    finally:
        if client.poll() is None:
            os.kill(client.pid, signal.SIGKILL)
            client.wait(timeout=30)


def wait_while(condition, timeout: float = 60.0) -> None:
    """Poll ``condition()`` every 200 ms until it is false or ``timeout`` passes (the
    caller asserts what must hold afterwards).

    >>> wait_while(lambda: False)
    """
    import time

    deadline = time.monotonic() + timeout
    while condition() and time.monotonic() < deadline:
        time.sleep(0.2)
