"""The examples of ``govgraph db ... --help`` work when pasted, against the real server."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from govgraph.cli import main
from govgraph.cli.examples import help_examples
from govgraph.store import GraphStore

from .conftest import BoltServer

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent.parent


def test_db_examples_run(
    bolt_server: BoltServer, store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    lines = [line for path, line in help_examples() if path[:1] == ("db",)]
    assert len(lines) >= 6
    for line in lines:
        words = shlex.split(line)
        result = CliRunner().invoke(main, words[1:])
        assert result.exit_code == 0, f"{line}\n{result.output}"
    assert (tmp_path / "out" / "joint-councils.yaml").exists()


def test_pull_to_stdout_writes_the_model_there_and_the_summary_on_stderr(
    bolt_server: BoltServer, store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from govgraph.formats import load_model

    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    example = ROOT / "fixtures" / "joint-councils.yaml"
    assert CliRunner().invoke(main, ["db", "push", str(example)]).exit_code == 0
    result = CliRunner().invoke(main, ["db", "pull", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "-").exists()
    document = yaml.safe_load(result.stdout)
    assert len(document["entities"]) == len(load_model(example).entities)
    assert result.stderr.startswith("pulled ") and "standard output" in result.stderr
    quiet = CliRunner().invoke(main, ["db", "pull", "-o", "-", "--to", "json", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout.startswith("{")
