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
