"""The examples of the pages that describe the answers (guide, concepts, analyses,
scenarios) are real commands: each `govgraph` line of their ```bash blocks runs on the
bundled fixtures and succeeds, and each ``$ govgraph ...`` line of a ```text block
prints what the page shows under it (the date of a command that answers as of today
aside: those examples give ``--as-of``)."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from tests.helpers import ROOT
from tests.test_readme import fenced

PAGES = ("guide.md", "concepts.md", "analyses.md", "scenarios.md")

#: Commands that report findings exit 1 by design (`health` with an error finding).
FINDINGS_EXIT = {"health"}


def _commands(block: str) -> list[list[str]]:
    """The govgraph commands of a bash block, continuation lines joined, comments cut."""
    text = block.replace("\\\n", " ")
    commands = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "govgraph":
            commands.append(words[1:])
    return commands


def _examples(name: str) -> list[list[str]]:
    """The commands of a page's bash blocks, in the page's order."""
    text = (ROOT / "docs" / name).read_text(encoding="utf-8")
    return [words for block in fenced(text, "bash") for words in _commands(block)]


def _shown() -> list[tuple[str, list[str], list[str]]]:
    """(page, command, the lines shown under it) of each ``$ govgraph`` in text blocks."""
    found = []
    for name in PAGES:
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        for block in fenced(text, "text"):
            parts = re.split(r"^\$ govgraph (.*)\n", block, flags=re.MULTILINE)
            for command, output in zip(parts[1::2], parts[2::2], strict=True):
                found.append((name, shlex.split(command), output.rstrip("\n").splitlines()))
    return found


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """A copy of the fixtures, with an empty out/ for what the examples write."""
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(words: list[str]):
    return CliRunner().invoke(main, words, catch_exceptions=False)


def test_the_pages_have_examples():
    assert all(_examples(name) for name in PAGES)
    assert sum(len(_examples(name)) for name in PAGES) > 30 and len(_shown()) >= 3


@pytest.mark.parametrize("page", PAGES)
def test_every_documented_command_runs(workdir, page):
    """A page's commands run in its order, in one directory: what one writes to out/,
    a later one reads."""
    for words in _examples(page):
        result = _run(words)
        allowed = {0, 1} if words[0] in FINDINGS_EXIT else {0}
        assert result.exit_code in allowed, f"{page}: govgraph {shlex.join(words)}\n{result.output}"


@pytest.mark.parametrize(("page", "words", "lines"), _shown(), ids=lambda v: str(v)[:50])
def test_shown_output_is_what_the_command_prints(workdir, page, words, lines):
    result = _run(words)
    printed = [line.rstrip() for line in (result.stdout + result.stderr).splitlines()]
    assert [line.rstrip() for line in lines] == printed, f"{page}: govgraph {shlex.join(words)}"
