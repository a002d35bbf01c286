"""Large-model generations on a real Neo4j: a generation whose writer died is deleted by
the next push (or ``db schema``); one being written is left alone."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from govgraph.errors import InputError
from govgraph.formats import write_model
from govgraph.generate import generate_model
from govgraph.model import GovernanceModel
from govgraph.store import ConflictError, GraphStore
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


ENTITIES_ANY_SCOPE = "MATCH (n:Entity) RETURN count(n) AS n"


@pytest.mark.parametrize("large", [False, True], ids=["default", "large-model"])
def test_the_first_push_of_a_key_is_seen_only_once_it_is_switched_to(
    store: GraphStore, example_model: GovernanceModel, large: bool
) -> None:
    reader = GraphStore(store.driver, store.database)
    seen: list[tuple[int, int, int, int]] = []

    def look(done: int, total: int) -> None:
        state = reader.state()
        seen.append(
            (
                store.read(ENTITIES_ANY_SCOPE)[0]["n"],  # committed batches, any scope
                len(reader.pull().entities),  # what a reader of the key sees
                state.revision if state else 0,
                len(reader.run("orphans")),
            )
        )

    writer = GraphStore(store.driver, store.database, batch_size=10)
    report = writer.push(example_model, large=large, progress=look)
    assert len(seen) > 3
    # the batches were committed as they went (the server held one at a time) ...
    assert max(committed for committed, *_ in seen) > 0
    # ... and no reader saw any of them before the switch: no model, revision 0
    assert {(pulled, revision, orphans) for _, pulled, revision, orphans in seen} == {(0, 0, 0)}
    assert report.large is large and report.revision == 1
    assert report.entities.created == len(example_model.entities)
    assert report.relationships.created == len(example_model.relationships)
    assert store.pull() == example_model.canonical()
    assert _scopes(store)["entities"] == {store.state().scope}
    assert store.read("MATCH (m:GovgraphModel) RETURN m.generations AS g") == [{"g": []}]


def test_a_first_push_whose_writer_was_killed_leaves_no_model_and_goes_at_the_next(
    bolt_server: BoltServer, store: GraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "big.json"
    write_model(generate_model(bodies=1500, people=5000, seed=9), path)
    kill_when(
        [sys.executable, "-m", "govgraph", "db", "push", str(path), "--batch-size", "100"],
        {**os.environ, **bolt_server.env()},
        lambda: store.read(OTHER_SCOPES)[0]["n"] >= 500,
    )
    wait_while(lambda: _open_transactions(store) > 0)
    # part of a generation was committed; the key holds no model
    assert store.read(OTHER_SCOPES)[0]["n"] >= 500
    assert store.state().revision == 0 and len(store.pull().entities) == 0
    report = store.push(SMALL)
    assert report.revision == 1 and report.entities.created == 1
    assert _scopes(store) == {"entities": {store.state().scope}, "chunks": {store.state().scope}}
    assert store.pull() == SMALL.canonical()


def test_a_new_generation_that_loses_an_entity_while_written_is_refused_and_dropped(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(SMALL)
    before = store.state()
    entities = len(example_model.entities)
    deleted: list[int] = []

    def delete_one_meanwhile(done: int, total: int) -> None:
        # once every entity of the new generation is written, before its relationships
        if done >= entities and not deleted:
            deleted.append(
                store.read(
                    "MATCH (m:GovgraphModel {key: 'default'}) MATCH (n:Entity)-[]-() "
                    "WHERE n.scope <> m.scope RETURN count(n) AS n"
                )[0]["n"]
            )
            with store.driver.session(database=store.database) as session:
                session.run(
                    "MATCH (m:GovgraphModel {key: 'default'}) MATCH (n:Entity) "
                    "WHERE n.scope <> m.scope AND n.id = $id DETACH DELETE n",
                    id=example_model.relationships[-1].to,
                ).consume()

    writer = GraphStore(store.driver, store.database, batch_size=10)
    with pytest.raises(ConflictError, match="deleted while it was written; nothing was written"):
        writer.push(example_model, large=True, progress=delete_one_meanwhile)
    assert deleted == [0]  # the entities were written, no relationship yet
    assert store.state() == before
    assert store.pull() == SMALL.canonical()
    assert _scopes(store) == {"entities": {before.scope}, "chunks": {before.scope}}
    assert store.read("MATCH (m:GovgraphModel) RETURN m.generations AS g") == [{"g": []}]


@pytest.mark.parametrize("large", [False, True], ids=["default", "large-model"])
def test_a_relationship_to_an_entity_the_model_lacks_is_refused_before_writing(
    store: GraphStore, large: bool
) -> None:
    dangling = GovernanceModel.model_validate(
        {
            "entities": [{"id": "only", "kind": "council", "name": {"en": "Only"}}],
            "relationships": [{"from": "only", "to": "elsewhere", "type": "REPORTS_TO"}],
        }
    )
    with pytest.raises(InputError, match=r"'elsewhere' is not an entity of the model"):
        store.push(dangling, large=large)
    assert store.state() is None and store.counts() == {"entities": 0, "relationships": 0}


RETIRED = "MATCH (r:GovgraphRetired) RETURN r.scope AS scope, r.reason AS reason"


def _expire_leases(store: GraphStore) -> None:
    """What two minutes do to the lease of a deleter that died: it runs out."""
    store.driver.execute_query(
        "MATCH (r:GovgraphRetired) SET r.lease_until = 0", database_=store.database
    )


def _retire(store: GraphStore, model: str, scope: str, owner: str) -> None:
    """Record generation ``scope`` of ``model`` as replaced, leased to ``owner``."""
    from govgraph.store.retired import LEASE_MS
    from govgraph.store.statements import statement

    store.driver.execute_query(
        statement("retire_scope").text,
        model=model, scope=scope, reason="replaced", owner=owner, lease=LEASE_MS,
        database_=store.database,
    )  # fmt: skip


def test_an_old_generation_half_deleted_is_finished_once_its_deleter_is_gone(
    bolt_server: BoltServer, cli, env, store: GraphStore, tmp_path: Path
) -> None:
    big = generate_model(bodies=1500, people=5000, seed=8)
    store.push(big)
    old = store.state().scope
    old_count = len(big.entities)
    small = tmp_path / "small.json"
    write_model(SMALL, small)
    # switched to the small model, then killed while deleting the old generation
    kill_when(
        [sys.executable, "-m", "govgraph", "db", "push", str(small), "--large-model",
         "--batch-size", "100"],
        {**os.environ, **bolt_server.env()},
        lambda: store.state().revision == 2
        and 0 < store.read(OTHER_SCOPES)[0]["n"] < old_count,
    )  # fmt: skip
    wait_while(lambda: _open_transactions(store) > 0)
    assert store.pull() == SMALL.canonical()
    left = store.read(OTHER_SCOPES)[0]["n"]
    assert 0 < left < old_count
    assert store.read(RETIRED) == [{"scope": old, "reason": "replaced"}]
    # while the deleter's lease lasts, a cleanup leaves its generation alone
    live = cli("db", "schema")
    assert live.exit_code == 0 and "deleted:" not in live.stdout
    assert store.read(OTHER_SCOPES)[0]["n"] == left
    _expire_leases(store)
    result = cli("db", "schema")
    assert result.exit_code == 0, result.stderr
    assert (
        f"deleted: replaced generation {old} of model 'default' (its deletion had been "
        "interrupted)" in result.stdout
    )
    current = store.state().scope
    assert _scopes(store) == {"entities": {current}, "chunks": {current}}
    assert store.read(RETIRED) == []
    assert store.pull() == SMALL.canonical()


def test_a_retired_generation_is_deleted_only_by_its_lease_holder(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    from govgraph.store.retired import delete_retired

    retiring = GraphStore(store.driver, store.database, model="retiring")
    retiring.push(example_model)
    scope = retiring.state().scope
    _retire(store, "retiring", scope, owner="alice")

    def session():
        return store.driver.session(database=store.database)

    def in_scope() -> dict[str, int]:
        return store.read(
            "OPTIONAL MATCH (n:Entity {scope: $s}) WITH count(n) AS e "
            "OPTIONAL MATCH (c:GovgraphChunk {scope: $s}) RETURN e, count(c) AS c",
            s=scope,
        )[0]

    assert in_scope()["e"] == len(example_model.entities) and in_scope()["c"] > 0
    assert delete_retired(session, scope, "bob") is None  # alice's lease is live
    assert in_scope()["e"] == len(example_model.entities)
    assert delete_retired(session, scope, "alice", batch=7) == len(example_model.entities)
    assert in_scope() == {"e": 0, "c": 0} and store.read(RETIRED) == []
    assert delete_retired(session, scope, "alice") is None  # nothing left to delete


def test_an_entity_with_many_relationships_is_deleted_a_batch_at_a_time(
    store: GraphStore,
) -> None:
    """A DETACH DELETE of a hub deletes all its relationships in one transaction (at
    10^6 entities one exceeded a 2 GiB server's transaction memory): relationships go
    first, at most a batch per transaction."""
    from govgraph.store.retired import _relationships, delete_retired

    people = [{"id": f"p{i}", "kind": "person", "name": {"en": f"P {i}"}} for i in range(30)]
    hub = GovernanceModel.model_validate(
        {
            "entities": [{"id": "hub", "kind": "council", "name": {"en": "Hub"}}, *people],
            "relationships": [{"from": p["id"], "type": "MEMBER_OF", "to": "hub"} for p in people],
        }
    )
    retiring = GraphStore(store.driver, store.database, model="hub")
    retiring.push(hub)
    scope = retiring.state().scope
    _retire(store, "hub", scope, owner="alice")
    count = "MATCH (:Entity {scope: $s})-[r]->() RETURN count(r) AS n"
    with store.driver.session(database=store.database) as session:
        assert session.execute_write(_relationships, scope, "alice", 7) == 7
        assert store.read(count, s=scope) == [{"n": 23}]
        assert session.execute_write(_relationships, scope, "bob", 7) is None  # alice's

    def open_session():
        return store.driver.session(database=store.database)

    assert delete_retired(open_session, scope, "alice", batch=7) == 31
    assert store.read("MATCH (n:Entity {scope: $s}) RETURN count(n) AS n", s=scope) == [{"n": 0}]
