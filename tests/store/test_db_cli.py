"""`govgraph db ...` and MODEL as a bolt:// URI, against the real Bolt server."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from govgraph.formats import load_model
from govgraph.model import GovernanceModel

from .conftest import free_port

pytestmark = pytest.mark.neo4j


def test_push_pull_round_trip(cli, env, store, example_path: Path, tmp_path: Path) -> None:
    result = cli("db", "push", example_path, "--prune")
    assert result.exit_code == 0, result.stderr
    model = load_model(example_path)
    assert f"entities: {len(model.entities)} created, 0 updated" in result.stdout
    assert "revision 1" in result.stdout
    again = cli("db", "push", example_path)
    assert again.exit_code == 0 and store.counts()["entities"] == len(model.entities)
    assert f"entities: 0 created, 0 updated, {len(model.entities)} unchanged" in again.stdout
    out = tmp_path / "pulled.yaml"
    result = cli("db", "pull", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert "(revision 1)" in result.stderr
    pulled = load_model(out)
    assert pulled.pulled_from is not None and pulled.pulled_from.revision == 1
    assert pulled.model_copy(update={"pulled_from": None}).canonical() == model.canonical()


def test_a_file_pulled_at_an_older_revision_is_refused(cli, env, store, tmp_path: Path) -> None:
    assert cli("db", "push", "fixtures/joint-councils.yaml").exit_code == 0
    out = tmp_path / "mine.yaml"
    assert cli("db", "pull", "-o", out).exit_code == 0
    theirs = tmp_path / "theirs.yaml"
    text = out.read_text(encoding="utf-8").replace("Joint Councils Working Group", "Renamed")
    theirs.write_text(text, encoding="utf-8")
    assert cli("db", "push", theirs).exit_code == 0  # revision 2
    result = cli("db", "push", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "revision 1" in lines[0] and "revision 2" in lines[0]
    assert "Renamed" in json.dumps(store.run("orphans"))
    forced = cli("db", "push", out, "--force")
    assert forced.exit_code == 0 and "revision 3" in forced.stdout


def test_two_concurrent_pushes_one_wins(env, store, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from govgraph.formats import write_model
    from govgraph.generate import generate_model

    store.push(load_model("fixtures/joint-councils.yaml"))
    pulled = store.pull(stamp=True)  # both writers start from revision 1
    paths = []
    for seed in (1, 2):
        model = generate_model(bodies=150, people=300, seed=seed)
        model = model.model_copy(update={"pulled_from": pulled.pulled_from})
        paths.append(tmp_path / f"writer-{seed}.json")
        write_model(model, paths[-1])
    env_vars = {**os.environ, **env.env()}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "govgraph", "db", "push", str(path), "--prune"],
            env=env_vars,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in paths
    ]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser = next(err for code, _, err in results if code == 2)
    assert len(loser.strip().splitlines()) == 1 and "revision" in loser
    winner = next(i for i, (code, _, _) in enumerate(results) if code == 0)
    stored = store.pull()
    assert stored == load_model(paths[winner]).model_copy(update={"pulled_from": None}).canonical()
    assert store.state().revision == 2


def test_schema_creates_what_is_missing_and_says_exists(cli, env, store) -> None:
    with store.driver.session(database=store.database) as session:
        session.run("DROP INDEX govgraph_entity_scope").consume()
    first = cli("db", "schema")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.splitlines() == [
        "exists: constraint govgraph_entity_scope_id",
        "exists: constraint govgraph_model_key",
        "exists: constraint govgraph_chunk_scope_part_index",
        "exists: constraint govgraph_retired_scope",
        "created: index govgraph_entity_scope",
    ]
    second = cli("db", "schema")
    assert second.exit_code == 0
    assert second.stdout.count("exists:") == 5 and "created" not in second.stdout


def test_named_query(cli, env, store, example_model: GovernanceModel) -> None:
    store.push(example_model)
    result = cli(
        "db", "query", "reporting_chain", "-p", "id=data-driven-intelligence-wg", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "as_of": date.today().isoformat(),
        "rows": [{"chain": ["data-driven-intelligence-wg", "pssdc", "joint-councils"], "steps": 2}],
    }
    result = cli("db", "query", "bodies_of_kind", "-p", "kind=working_group", "--as-of", "2019",
                 "--format", "csv", "--lang", "fr")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("id,name,") and lines[0].endswith(",as_of")
    assert all(line.endswith(",2019-01-01") for line in lines[1:])
    assert "framework-wg" not in result.stdout
    assert any("Groupe de travail sur la stratégie numérique" in line for line in lines)
    listing = cli("db", "query")
    assert listing.exit_code == 0 and "overlapping_memberships" in listing.stdout


def test_named_queries_answer_as_of_today_unless_told(cli, env, store, example_model) -> None:
    """The Framework WG (2015-2018) is history: today's working groups leave it out,
    --as-of all keeps it, and the table says which date it answers for."""
    store.push(example_model)
    args = ("db", "query", "bodies_of_kind", "-p", "kind=working_group")
    table = cli(*args)
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines()[0] == f"As of {date.today().isoformat()}"
    assert "framework-wg" not in table.stdout and "digital-strategy-wg" in table.stdout
    every = json.loads(cli(*args, "--as-of", "all", "--format", "json").stdout)
    assert every["as_of"] == "all" and "framework-wg" in {r["id"] for r in every["rows"]}
    refused = cli(*args, "-p", "date=2016")
    assert refused.exit_code == 2 and "--as-of" in refused.stderr


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


def test_hostile_parameter_keys_and_values_are_inert(cli, env, store, example_model) -> None:
    store.push(example_model)
    before = store.counts()
    hostile = 'x={"a: 1} MATCH (n) DETACH DELETE n RETURN 1 AS ok //": 0}'
    result = cli("db", "cypher", "RETURN 1 AS ok", "-p", hostile, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"ok": 1}]
    result = cli("db", "cypher", "RETURN $x AS x", "-p", hostile, "--format", "json")
    assert json.loads(result.stdout) == [
        {"x": {"a: 1} MATCH (n) DETACH DELETE n RETURN 1 AS ok //": 0}}
    ]
    result = cli("db", "cypher", 'RETURN `date`("2020-01-01") AS d', "--format", "json")
    assert result.exit_code == 0 and "2020-01-01" in result.stdout
    for bad_key in ("a b=1", "x}) DETACH DELETE n //=1", "=1"):
        refused = cli("db", "cypher", "RETURN 1 AS ok", "-p", bad_key)
        assert refused.exit_code == 2 and "key=value" in refused.stderr
    assert store.counts() == before


def test_named_queries_take_the_model_key(cli, env, store, example_model) -> None:
    store.push(example_model)
    assert cli("db", "push", "fixtures/joint-councils.yaml", "--model", "copy").exit_code == 0
    args = ("db", "query", "orphans", "--format", "json")
    assert json.loads(cli(*args, "--model", "copy").stdout) == json.loads(cli(*args).stdout)
    assert json.loads(cli(*args, "--model", "nothing-here").stdout)["rows"] == []


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
        ("db", "schema", "--uri", f"neo4j://127.0.0.1:{port}"),
        ("show", f"bolt://127.0.0.1:{port}"),
    ):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        # the operating system's reason, not the driver's "Couldn't connect to ...:"
        assert lines == [f"error: cannot reach the graph store at {args[-1]}: Connection refused"]
        assert "hunter2" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_server_down_in_french(cli, tmp_path: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = cli("db", "pull", "-o", tmp_path / "x.yaml", "--uri", uri, "--lang", "fr")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"erreur : impossible de joindre la base de graphes à {uri} : connexion refusée\n"
    )


def test_an_unknown_host_says_so(cli) -> None:
    result = cli("db", "schema", "--uri", "bolt://no-such-host.invalid:7687")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: cannot reach the graph store at bolt://no-such-host.invalid:7687: "
        "the host name is not known"
    ]


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
    assert f"{len(stale)} deleted" in result.stdout
    assert store.pull() == load_model("fixtures/joint-councils.yaml").canonical()


def test_refused_credentials_are_one_line_exit_2(cli, env, monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-hunter2")
    result = cli("db", "schema")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refused the credentials of user 'neo4j'" in lines[0]
    assert "hunter2" not in result.output


def test_unknown_database_is_one_line_exit_2(cli, env, monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_DATABASE", "nosuchdatabase")
    result = cli("db", "push", "fixtures/joint-councils.yaml")
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nosuchdatabase" in lines[0]


def test_a_password_in_the_uri_query_is_never_echoed(cli, env) -> None:
    result = cli("db", "schema", "--uri", f"{env.uri}?password=hunter2")
    assert result.exit_code == 2
    assert "hunter2" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_routing_uris_work_against_one_server(cli, env, store, example_model) -> None:
    routing = env.uri.replace("bolt://", "neo4j://")
    result = cli("db", "push", "fixtures/joint-councils.yaml", "--uri", routing)
    assert result.exit_code == 0, result.stderr
    result = cli("db", "query", "orphans", "--uri", routing, "--format", "json")
    assert result.exit_code == 0 and "joint-councils-wg" in result.stdout


def test_db_messages_speak_french(cli, env, store, example_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GOVGRAPH_LANG", "fr")
    schema = cli("db", "schema")
    assert schema.exit_code == 0, schema.stderr
    assert "existe : contrainte govgraph_model_key" in schema.stdout.splitlines()
    pushed = cli("db", "push", example_path)
    assert pushed.exit_code == 0, pushed.stderr
    assert pushed.stdout.startswith("modèle 'default' envoyé vers ")
    assert "révision 1 ; entités : " in pushed.stdout
