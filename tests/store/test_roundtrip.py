"""Push, pull, idempotence, prune and failure atomicity against a real Bolt server."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.model import GovernanceModel
from govgraph.store import GraphStore, StoreError, statement
from govgraph.store import graphstore as graphstore_module
from govgraph.store.graphstore import ENTITY_FIELDS, MODEL_FIELDS, RELATIONSHIP_FIELDS
from tests.strategies import HOSTILE, models

pytestmark = pytest.mark.neo4j


def test_example_round_trip(store: GraphStore, example_model: GovernanceModel) -> None:
    report = store.push(example_model)
    assert (report.entities, report.relationships) == (
        len(example_model.entities),
        len(example_model.relationships),
    )
    assert store.pull() == example_model.canonical()
    assert store.counts() == {
        "entities": len(example_model.entities),
        "relationships": len(example_model.relationships),
    }


def test_push_twice_changes_nothing(store: GraphStore, example_model: GovernanceModel) -> None:
    store.push(example_model)
    first = (store.counts(), store.pull())
    store.push(example_model)
    assert (store.counts(), store.pull()) == first
    store.push(example_model, prune=True)
    assert (store.counts(), store.pull()) == first


def test_labels_and_types_come_from_the_vocabulary(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(example_model)
    rows = store.read("MATCH (n:WorkingGroup) RETURN n.id AS id ORDER BY id")
    expected = sorted(e.id for e in example_model.entities if e.kind.value == "working_group")
    assert [row["id"] for row in rows] == expected
    rows = store.read("MATCH (:Entity)-[r:REPORTS_TO]->(:Entity) RETURN count(r) AS n")
    assert rows[0]["n"] == sum(r.type.value == "REPORTS_TO" for r in example_model.relationships)


def _hostile_model() -> GovernanceModel:
    entities = [
        {
            "id": text.replace("\n", " ").strip() or "blank",
            "kind": "working_group" if i % 2 else "council",
            "name": {"en": text, "fr": text[::-1]},
            "description": text,
            "source": text,
            "attributes": {"note": text, "nested": {"k": [text, 1, None]}},
            "identifiers": {"wikidata": text.replace(";", ",").replace("\n", " ")},
        }
        for i, text in enumerate(HOSTILE)
    ]
    ids = [e["id"] for e in entities]
    relationships = [
        {"from": ids[i], "type": "REPORTS_TO", "to": ids[0], "formal": False, "source": HOSTILE[i]}
        for i in range(1, len(ids))
    ]
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})


@pytest.mark.parametrize("staged", [True, False])
def test_hostile_strings_arrive_intact_and_execute_nothing(store: GraphStore, staged: bool) -> None:
    model = _hostile_model()
    assert "}) DETACH DELETE n //" in model.index
    pushing = GraphStore(store.driver, store.database, staged=staged)
    pushing.push(model, prune=True)
    assert store.pull() == model.canonical()
    assert store.counts()["entities"] == len(model.entities)


def test_kind_change_moves_the_label(store: GraphStore) -> None:
    before = GovernanceModel.model_validate(
        {"entities": [{"id": "x", "kind": "committee", "name": {"en": "X"}}]}
    )
    store.push(before)
    after = GovernanceModel.model_validate(
        {"entities": [{"id": "x", "kind": "working_group", "name": {"en": "X"}}]}
    )
    store.push(after)
    rows = store.read("MATCH (n:Entity {id: 'x'}) RETURN labels(n) AS labels")
    assert sorted(rows[0]["labels"]) == ["Entity", "WorkingGroup"]
    assert store.pull() == after


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(model=models())
def test_random_models_round_trip(store: GraphStore, model: GovernanceModel) -> None:
    store.push(model, prune=True)
    assert store.pull() == model.canonical()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(model=models())
def test_random_models_round_trip_in_one_transaction(
    store: GraphStore, model: GovernanceModel
) -> None:
    GraphStore(store.driver, store.database, staged=False).push(model, prune=True)
    assert store.pull() == model.canonical()


def test_prune_deletes_what_the_model_no_longer_holds(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    extra = GovernanceModel.model_validate(
        {
            "entities": [
                *example_model.to_document()["entities"],
                {"id": "stale-wg", "kind": "working_group", "name": {"en": "Stale"}},
            ],
            "relationships": [
                *example_model.to_document()["relationships"],
                {"from": "stale-wg", "type": "REPORTS_TO", "to": "pssdc"},
                {"from": "pssdc", "type": "OVERSEES", "to": "psscioc"}
                if "psscioc" in example_model
                else {"from": "pssdc", "type": "OVERSEES", "to": "pscioc"},
            ],
        }
    )
    store.push(extra)
    store.push(example_model)  # no prune: the extras stay
    assert store.counts()["entities"] == len(example_model.entities) + 1
    report = store.push(example_model, prune=True)
    assert (report.deleted_entities, report.deleted_relationships) == (1, 1)
    assert store.pull() == example_model.canonical()


def _small(store: GraphStore) -> GovernanceModel:
    small = GovernanceModel.model_validate(
        {
            "title": {"en": "Before"},
            "entities": [{"id": "only", "kind": "council", "name": {"en": "Only"}}],
        }
    )
    store.push(small)
    return store.pull()


class Interrupted(Exception):
    pass


def test_a_push_interrupted_while_staging_leaves_the_previous_graph(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    before = _small(store)
    batches = []

    def progress(rows: int) -> None:
        batches.append(rows)
        if len(batches) == 3:  # three batches are on the server: stop here
            raise Interrupted

    small_batches = GraphStore(store.driver, store.database, batch_size=7)
    with pytest.raises(Interrupted):
        small_batches.push(example_model, prune=True, progress=progress)
    assert store.pull() == before
    assert store.counts() == {"entities": 1, "relationships": 0}
    staged = store.read("MATCH (s:GovgraphStage) RETURN count(s) AS n")
    assert staged[0]["n"] == 0  # the failed push cleaned up after itself


def test_a_swap_that_fails_on_the_server_leaves_the_previous_graph(
    store: GraphStore, example_model: GovernanceModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _small(store)
    real = graphstore_module.apply_statement

    def failing(prune: bool = False) -> str:
        # the server fails at the very end of the swap, after every upsert and delete ran
        return real(prune).replace(
            "RETURN sum(n) AS applied", "WITH sum(n) AS n RETURN toInteger(n) / 0 AS applied"
        )

    monkeypatch.setattr(graphstore_module, "apply_statement", failing)
    with pytest.raises(StoreError, match="refused a statement"):
        store.push(example_model, prune=True)
    monkeypatch.undo()
    assert store.pull() == before
    assert store.counts() == {"entities": 1, "relationships": 0}
    store.push(example_model, prune=True)  # and the store still works
    assert store.pull() == example_model.canonical()


def test_schema_is_idempotent(store: GraphStore) -> None:
    again = store.apply_schema()
    assert all(not line.startswith("applied") for line in again if "INDEX" in line)
    if store.flavour == "falkordb":
        assert any(line.startswith("skipped schema_neo4j_constraints") for line in again)


def test_every_statement_has_a_header() -> None:
    from govgraph.store.statements import statements

    found = statements()
    assert {"stage_rows", "upsert_entities", "read_entities", "orphans"} <= set(found)
    for name, stmt in found.items():
        assert stmt.name == name and stmt.description, name
    assert statement("upsert_relationship_type").placeholders == ("type",)
    assert statement("rows_from_stage").placeholders == ("part",)


@pytest.mark.parametrize(
    ("name", "fields", "skip"),
    [
        ("upsert_model", MODEL_FIELDS, ()),
        ("upsert_entities", ENTITY_FIELDS, ()),
        ("upsert_relationships", RELATIONSHIP_FIELDS, ("from", "to", "type")),
    ],
)
def test_the_upserts_read_the_fields_where_the_rows_put_them(name, fields, skip) -> None:
    text = statement(name).text
    read = {
        key: int(pos) for key, pos in re.findall(r"(?<!Entity \{)\b(\w+):r\[(\d+)\]\[0\]", text)
    }
    assert read == {key: pos for pos, key in enumerate(fields) if key not in skip}
    for key in skip:  # the ends and the type are read where the rows put them
        assert f"r[{fields.index(key)}][0]" in text


@pytest.mark.parametrize("prune", [False, True])
def test_a_push_in_one_transaction_round_trips_and_prunes(
    store: GraphStore, example_model: GovernanceModel, prune: bool
) -> None:
    # the push Neo4j gets (no staging), run here on the same server for its statements
    direct = GraphStore(store.driver, store.database, staged=False)
    assert not direct.staged and store.staged == (store.flavour != "neo4j")
    stale = GovernanceModel.model_validate(
        {"entities": [{"id": "stale", "kind": "council", "name": {"en": "Stale"}}]}
    )
    direct.push(stale)
    report = direct.push(example_model, prune=prune)
    assert report.deleted_entities == (1 if prune else 0)
    expected = example_model if prune else _with(example_model, stale)
    assert direct.pull() == expected.canonical()
    direct.push(example_model, prune=prune)  # twice: no change
    assert direct.pull() == expected.canonical()
    leftovers = store.read("MATCH (n:Entity) WHERE n._push IS NOT NULL RETURN count(n) AS n")
    assert leftovers[0]["n"] == 0


def _with(model: GovernanceModel, extra: GovernanceModel) -> GovernanceModel:
    document = model.to_document()
    document["entities"] = [*document["entities"], *extra.to_document()["entities"]]
    return GovernanceModel.model_validate(document)
    assert statement("set_kind_labels").placeholders == ("kind", "label")
