"""Shared fixtures: the bundled example, a CLI runner, small model builders."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from govgraph.cli import main
from govgraph.formats import load_model
from govgraph.model import GovernanceModel

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "joint-councils.yaml"
BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"


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
