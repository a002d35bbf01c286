"""Shared fixtures: the bundled example and a CLI runner (paths are in tests/helpers.py,
model builders in tests/factory.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import Phase, settings

from govgraph.cli import main
from govgraph.formats import load_model
from govgraph.model import GovernanceModel
from tests.helpers import EXAMPLE

# Hypothesis: under CI (CI=true) more examples, derandomised (the same examples on every
# machine, so CI sees what a developer saw) and the seed printed with any failure;
# HYPOTHESIS_PROFILE picks a profile by name.
settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    print_blob=True,
    deadline=None,
    phases=tuple(Phase),
)
settings.register_profile("dev", print_blob=True)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE")
    or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)


@pytest.fixture(autouse=True)
def _english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output in English unless a test asks for French: the locale of the machine running
    the suite (LANG=fr_CA...) must not change what the tests read."""
    monkeypatch.setenv("GOVGRAPH_LANG", "en")


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_model() -> GovernanceModel:
    return load_model(EXAMPLE)


@pytest.fixture
def cli():
    """Run the govgraph CLI in-process: ``cli("validate", path)`` gives a click Result
    with separate ``stdout`` and ``stderr``."""
    runner = CliRunner()

    def invoke(*args: object, input: str | None = None) -> Result:
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
