"""Large-model generations on a real Neo4j: a generation whose writer died is deleted by
the next push (or ``db schema``); one being written is left alone."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from govgraph.formats import write_model
from govgraph.generate import generate_model
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore
from tests.helpers import kill_when, wait_while

from .conftest import BoltServer

pytestmark = pytest.mark.neo4j

SMALL = GovernanceModel.model_validate(
    {"entities": [{"id": "only", "kind": "council", "name": {"en": "Only"}}]}
)
OTHER_SCOPES = (
    "MATCH (m:GovgraphModel {key: 'default'}) "
    "MATCH (n:Entity) WHERE n.scope <> m.scope RETURN count(n) AS n"
)


def _scopes(store: GraphStore) -> dict[str, set[str]]:
    """The scopes that entities, and chunks, belong to."""
    entities = store.read("MATCH (n:Entity) RETURN DISTINCT n.scope AS s")
    chunks = store.read("MATCH (c:GovgraphChunk) RETURN DISTINCT c.scope AS s")
    return {"entities": {r["s"] for r in entities}, "chunks": {r["s"] for r in chunks}}


def _open_transactions(store: GraphStore) -> int:
    """Transactions open on the server besides the one that asks."""
    return len(store.read("SHOW TRANSACTIONS YIELD transactionId RETURN transactionId")) - 1


def _kill_mid_large_push(bolt_server: BoltServer, store: GraphStore, path: Path) -> None:
    """Start ``db push --large-model`` in a process and kill it once part of its new
    generation is committed."""
    kill_when(
        [sys.executable, "-m", "govgraph", "db", "push", str(path), "--large-model",
         "--batch-size", "100"],
        {**os.environ, **bolt_server.env()},
        lambda: store.read(OTHER_SCOPES)[0]["n"] >= 500,
    )  # fmt: skip
    # the server rolls the writer's open transaction back once it sees the connection gone
    wait_while(lambda: _open_transactions(store) > 0)


def test_a_generation_whose_writer_was_killed_goes_at_the_next_push(
    bolt_server: BoltServer, store: GraphStore, tmp_path: Path
) -> None:
    store.push(SMALL)
    current = store.state().scope
    path = tmp_path / "big.json"
    write_model(generate_model(bodies=1500, people=5000, seed=6), path)
    _kill_mid_large_push(bolt_server, store, path)
    # the killed push left part of a generation, and the model as it was
    assert store.read(OTHER_SCOPES)[0]["n"] >= 500
    assert store.pull() == SMALL.canonical()
    report = store.push(SMALL)
    assert not report.changed and report.revision == 1
    assert _scopes(store) == {"entities": {current}, "chunks": {current}}
    assert store.read("MATCH (m:GovgraphModel) RETURN m.generations AS g") == [{"g": []}]


def test_db_schema_deletes_an_abandoned_generation(
    bolt_server: BoltServer, cli, env, store: GraphStore, tmp_path: Path
) -> None:
    store.push(SMALL)
    current = store.state().scope
    path = tmp_path / "big.json"
    write_model(generate_model(bodies=1500, people=5000, seed=7), path)
    _kill_mid_large_push(bolt_server, store, path)
    (abandoned,) = _scopes(store)["entities"] - {current}
    result = cli("db", "schema")
    assert result.exit_code == 0, result.stderr
    assert f"deleted: abandoned generation {abandoned} of model 'default'" in result.stdout
    assert _scopes(store) == {"entities": {current}, "chunks": {current}}
    again = cli("db", "schema")
    assert "abandoned" not in again.stdout


def test_a_generation_being_written_is_left_alone(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(SMALL)
    other = GraphStore(store.driver, store.database)
    cleaned: list[list[tuple[str, str]]] = []

    def clean_meanwhile(done: int, total: int) -> None:
        if not cleaned:  # part of the new generation is written, its writer alive
            cleaned.append(other.clean_generations())

    writer = GraphStore(store.driver, store.database, batch_size=10)
    report = writer.push(example_model, large=True, progress=clean_meanwhile)
    assert cleaned == [[]]
    assert report.large and report.revision == 2
    assert store.pull() == example_model.canonical()
    assert _scopes(store)["entities"] == {store.state().scope}
