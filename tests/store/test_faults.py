"""Faults on a real Neo4j: the server killed mid-push, the client killed mid-push.
Each leaves the previous model intact."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from govgraph.formats import write_model
from govgraph.generate import generate_model
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore, StoreError
from tests.helpers import kill_when, wait_while

from .conftest import BoltServer, launcher, start_neo4j, stop_server

pytestmark = pytest.mark.neo4j

SMALL = GovernanceModel.model_validate(
    {
        "title": {"en": "Before"},
        "entities": [{"id": "only", "kind": "council", "name": {"en": "Only"}}],
    }
)


def test_server_killed_mid_push_keeps_the_previous_model(tmp_path: Path) -> None:
    # a server of its own, on a data directory that outlives it
    data = tmp_path / "neo4j-data"
    server = start_neo4j(data=data)
    big = generate_model(bodies=400, people=1200, seed=5)
    try:
        with server.driver() as driver:
            store = GraphStore(driver, batch_size=200)
            store.push(SMALL)

            def kill_server(done: int, total: int) -> None:
                if done >= 1000:  # batches are on the server, uncommitted
                    launcher().kill(server.handle)

            with pytest.raises(StoreError) as failure:
                store.push(big, prune=True, progress=kill_server)
            message = str(failure.value)
            assert len(message.splitlines()) == 1 and "graph store" in message
    finally:
        stop_server(server)
    restarted = start_neo4j(data=data)
    try:
        with restarted.driver() as driver:
            store = GraphStore(driver)
            assert store.pull() == SMALL.canonical()
            assert store.state().revision == 1
            assert store.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 1}]
    finally:
        stop_server(restarted)


def _running_push(store: GraphStore) -> bool:
    rows = store.read("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery")
    return any("UNWIND $rows" in (row["currentQuery"] or "") for row in rows)


def test_client_killed_mid_push_keeps_the_previous_model(
    bolt_server: BoltServer, store: GraphStore, tmp_path: Path
) -> None:
    store.push(SMALL)
    path = tmp_path / "big.json"
    write_model(generate_model(bodies=1500, people=5000, seed=6), path)
    kill_when(
        [sys.executable, "-m", "govgraph", "db", "push", str(path), "--prune",
         "--batch-size", "100"],
        {**os.environ, **bolt_server.env()},
        lambda: _running_push(store),
    )  # fmt: skip
    # the server rolls the orphaned transaction back once it sees the connection gone
    wait_while(lambda: _running_push(store))
    assert store.pull() == SMALL.canonical()
    assert store.state().revision == 1
    assert store.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 1}]
    assert store.push(SMALL, prune=True).revision == 1  # the lock was released
