"""The suite's Hypothesis profiles: under CI (``CI=true``) more examples,
derandomised (every machine draws the same examples, so CI sees what a developer
saw) and the reproduction blob printed with any failure; elsewhere the default
number of examples, the blob printed too. ``HYPOTHESIS_PROFILE`` picks one by name."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT

_READ = (
    "import json, tests.conftest; from hypothesis import settings; d = settings.default; "
    "print(json.dumps([d.max_examples, d.derandomize, d.print_blob, d.deadline is None]))"
)


def _settings(**env: str) -> list:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    done = subprocess.run(
        [sys.executable, "-c", _READ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("ci", ["true", "TRUE"])
def test_ci_runs_more_examples_derandomised_and_prints_the_blob(ci):
    assert _settings(CI=ci) == [200, True, True, True]


def test_a_developer_draws_fresh_examples_and_sees_the_blob():
    examples, derandomize, blob, _ = _settings()
    assert (examples, derandomize, blob) == (100, False, True)


def test_the_profile_can_be_named():
    assert _settings(HYPOTHESIS_PROFILE="ci") == [200, True, True, True]
