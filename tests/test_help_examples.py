"""Every example of every ``--help`` works when pasted (store examples: tests/store)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.cli.examples import HELP_WIDTH, command_paths, examples_in, help_examples

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = help_examples()
#: each command's examples, in order (one may use what an earlier one wrote)
BY_COMMAND: dict[tuple[str, ...], list[str]] = {}
for _path, _line in EXAMPLES:
    BY_COMMAND.setdefault(_path, []).append(_line)
LOCAL = {path: lines for path, lines in BY_COMMAND.items() if path[:1] != ("db",)}


def test_every_command_shows_examples_and_they_are_collected():
    paths = {path for path, _ in EXAMPLES}
    for path, _ in command_paths():
        assert path in paths or path[:1] in paths, f"govgraph {' '.join(path)} has no example"
    assert len(EXAMPLES) >= len(command_paths())


def test_examples_read_whole_in_a_narrow_terminal():
    """An example is never wrapped mid-word: each one appears on its own line(s) exactly
    as in the command's docstring."""
    for path, command in command_paths():
        source = examples_in((command.help or "").replace("\b", ""))
        shown = examples_in(
            CliRunner().invoke(main, [*path, "--help"], terminal_width=HELP_WIDTH).output
        )
        assert shown == source, path


def run_example(line: str) -> tuple[int, str]:
    """Run one example line in the current directory: its exit code and output."""
    if "|" in line:  # a pipeline: a shell, with this environment's govgraph first on PATH
        path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", line],
            env={**os.environ, "PATH": path},
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stderr
    words = shlex.split(line)
    assert words[0] == "govgraph"
    result = CliRunner().invoke(main, words[1:])
    return result.exit_code, result.output


@pytest.mark.parametrize("path", list(LOCAL), ids=[" ".join(p) or "govgraph" for p in LOCAL])
def test_examples_run(path, tmp_path, monkeypatch):
    """Each example of the command, in order, in a temporary copy of the fixtures: none
    is refused as bad input (2) or fails (3)."""
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    for line in LOCAL[path]:
        code, output = run_example(line)
        assert code not in (2, 3), f"{line}\n{output}"
