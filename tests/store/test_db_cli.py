"""`govgraph db ...` and MODEL as a bolt:// URI, against the real Bolt server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.formats import load_model
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore

from .conftest import BoltServer, free_port

pytestmark = pytest.mark.neo4j


@pytest.fixture
def env(bolt_server: BoltServer, store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> BoltServer:
    """NEO4J_* set for the server under test, and an empty store."""
    for key in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in bolt_server.env().items():
        monkeypatch.setenv(key, value)
    return bolt_server


def test_push_pull_round_trip(cli, env, store, example_path: Path, tmp_path: Path) -> None:
    result = cli("db", "push", example_path, "--prune")
    assert result.exit_code == 0, result.stderr
    model = load_model(example_path)
    assert f"pushed {len(model.entities)} entities" in result.stdout
    again = cli("db", "push", example_path)
    assert again.exit_code == 0 and store.counts()["entities"] == len(model.entities)
    out = tmp_path / "pulled.yaml"
    result = cli("db", "pull", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert load_model(out).canonical() == model.canonical()


def test_schema_twice(cli, env) -> None:
    first = cli("db", "schema")
    assert first.exit_code == 0, first.stderr
    second = cli("db", "schema")
    assert second.exit_code == 0
    assert "applied" not in second.stdout


def test_named_query(cli, env, store, example_model: GovernanceModel) -> None:
    store.push(example_model)
    result = cli(
        "db", "query", "reporting_chain", "-p", "id=data-driven-intelligence-wg", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"chain": ["data-driven-intelligence-wg", "pssdc", "joint-councils"], "steps": 2}
    ]
    result = cli("db", "query", "bodies_of_kind", "-p", "kind=working_group", "--as-of", "2019",
                 "--format", "csv", "--lang", "fr")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,name,")
    assert "framework-wg" not in result.stdout
    assert any("Groupe de travail sur la stratégie numérique" in line for line in lines)
    listing = cli("db", "query")
    assert listing.exit_code == 0 and "overlapping_memberships" in listing.stdout


def test_named_query_bad_input(cli, env) -> None:
    result = cli("db", "query", "nope")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no query named 'nope'")
    result = cli("db", "query", "reporting_chain", "-p", "noequals")
    assert result.exit_code == 2 and "key=value" in result.stderr


def test_cypher_reads_and_refuses_writes(cli, env, store, example_model) -> None:
    store.push(example_model)
    result = cli(
        "db", "cypher", "MATCH (n:Council) RETURN n.id AS id ORDER BY id", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "id"
    assert "pssdc" in result.stdout
    before = store.counts()
    for query in ("MATCH (n) DETACH DELETE n", "MATCH (n:Entity) SET n.x = 1 RETURN n"):
        refused = cli("db", "cypher", query)
        assert refused.exit_code == 2
        assert refused.stderr.startswith("error: refused: the query writes")
        assert len(refused.stderr.strip().splitlines()) == 1
    assert store.counts() == before


def test_model_as_bolt_uri(cli, env, store, example_model) -> None:
    store.push(example_model)
    shown = cli("show", env.uri, "--format", "json")
    assert shown.exit_code == 0, shown.stderr
    from_file = cli("show", "fixtures/joint-councils.yaml", "--format", "json")
    assert json.loads(shown.stdout)["entities"] == json.loads(from_file.stdout)["entities"]
    validated = cli("validate", env.uri, "--format", "json")
    assert validated.exit_code == 0, validated.stderr
    # the same warnings as the file (the deck's informal structure among them)
    from_file = json.loads(
        cli("validate", "fixtures/joint-councils.yaml", "--format", "json").stdout
    )
    pulled = json.loads(validated.stdout)
    assert pulled["warnings"] == from_file["warnings"] > 0
    assert {f["code"] for f in pulled["findings"]} == {f["code"] for f in from_file["findings"]}
    assert "no-formal-parent" in {f["code"] for f in pulled["findings"]}
    assert cli("validate", env.uri, "--strict").exit_code == 1


def test_model_as_bolt_uri_with_an_invalid_model(cli, env, store) -> None:
    # a stored model that breaks a rule (a formal cycle) is refused like a file would be
    store.push(
        GovernanceModel.model_validate(
            {
                "entities": [
                    {"id": "a", "kind": "council", "name": {"en": "A"}},
                    {"id": "b", "kind": "council", "name": {"en": "B"}},
                ],
                "relationships": [
                    {"from": "a", "type": "REPORTS_TO", "to": "b"},
                    {"from": "b", "type": "REPORTS_TO", "to": "a"},
                ],
            }
        )
    )
    result = cli("show", env.uri)
    assert result.exit_code == 2
    assert "hierarchy-cycle" in result.stderr


def test_server_down_is_one_line_exit_2(cli, monkeypatch, tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-secret")
    for args in (
        ("db", "push", "fixtures/joint-councils.yaml", "--uri", f"bolt://127.0.0.1:{port}"),
        ("db", "pull", "-o", tmp_path / "x.yaml", "--uri", f"bolt://127.0.0.1:{port}"),
        ("show", f"bolt://127.0.0.1:{port}"),
    ):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: cannot reach the graph store at")
        assert "hunter2" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_credentials_in_the_uri_are_refused_without_echo(cli) -> None:
    result = cli("db", "schema", "--uri", "bolt://neo4j:hunter2@127.0.0.1:1")
    assert result.exit_code == 2
    assert "hunter2" not in result.output


def test_large_push_with_progress_and_prune(cli, env, store, tmp_path: Path) -> None:
    from govgraph.cli.db_commands import PROGRESS_THRESHOLD
    from govgraph.formats import write_model
    from govgraph.generate import generate_model

    model = generate_model(bodies=300, people=1000, seed=3)
    assert len(model.entities) + len(model.relationships) > PROGRESS_THRESHOLD
    path = tmp_path / "generated.json"
    write_model(model, path)
    result = cli("db", "push", path, "--prune")
    assert result.exit_code == 0, result.stderr
    assert store.counts() == {
        "entities": len(model.entities),
        "relationships": len(model.relationships),
    }
    assert store.pull() == model.canonical()
    # the example replaces it: --prune removes every generated entity
    result = cli("db", "push", "fixtures/joint-councils.yaml", "--prune")
    assert result.exit_code == 0, result.stderr
    example_ids = {e.id for e in load_model("fixtures/joint-councils.yaml").entities}
    stale = {e.id for e in model.entities} - example_ids
    assert f"pruned {len(stale)} entities" in result.stdout
    assert store.pull() == load_model("fixtures/joint-councils.yaml").canonical()


def test_refused_credentials_are_one_line_exit_2(cli, bolt_server, tmp_path: Path, monkeypatch):
    if bolt_server.flavour != "falkordb":
        pytest.skip("this test starts its own password-protected FalkorDB")
    from .conftest import start_falkordb, stop_server

    guarded = start_falkordb(tmp_path, password="right-password")
    try:
        monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-hunter2")
        result = cli("db", "schema", "--uri", guarded.uri, "--user", "falkordb")
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "refused the credentials of user 'falkordb'" in lines[0]
        assert "hunter2" not in result.output
        monkeypatch.setenv("NEO4J_PASSWORD", "right-password")
        assert cli("db", "schema", "--uri", guarded.uri, "--user", "falkordb").exit_code == 0
    finally:
        stop_server(guarded)
