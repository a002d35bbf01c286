"""Push, pull, incremental writes, prune, model keys, generations and atomicity on a
real Neo4j."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings

from govgraph.model import GovernanceModel
from govgraph.store import (
    ConflictError,
    Counts,
    GraphStore,
    StoreError,
    entity_row,
    relationship_row,
)
from govgraph.store.statements import entity_statement, relationship_statement, statements
from govgraph.vocabulary import EntityKind, RelationType
from tests.strategies import HOSTILE, models

pytestmark = pytest.mark.neo4j


def test_example_round_trip(store: GraphStore, example_model: GovernanceModel) -> None:
    report = store.push(example_model)
    assert report.entities == Counts(created=len(example_model.entities))
    assert report.relationships == Counts(created=len(example_model.relationships))
    assert report.revision == 1
    assert store.pull() == example_model.canonical()
    assert store.counts() == {
        "entities": len(example_model.entities),
        "relationships": len(example_model.relationships),
    }


def test_push_twice_writes_nothing_and_keeps_the_revision(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(example_model)
    first = (store.counts(), store.pull())
    again = store.push(example_model, prune=True)
    assert again.entities == Counts(unchanged=len(example_model.entities))
    assert again.relationships == Counts(unchanged=len(example_model.relationships))
    assert again.revision == 1 and not again.changed
    assert (store.counts(), store.pull()) == first


def _edited(model: GovernanceModel) -> GovernanceModel:
    document = model.to_document()
    document["entities"][0]["name"] = {"en": "Renamed", "fr": "Renommé"}
    document["entities"].append({"id": "new-wg", "kind": "working_group", "name": {"en": "N"}})
    document["relationships"].append({"from": "new-wg", "type": "REPORTS_TO", "to": "pssdc"})
    return GovernanceModel.model_validate(document)


def test_an_edit_writes_only_what_changed(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(example_model)
    edited = _edited(example_model)
    report = store.push(edited)
    n = len(example_model.entities)
    assert report.entities == Counts(created=1, updated=1, unchanged=n - 1)
    assert report.relationships == Counts(created=1, unchanged=len(example_model.relationships))
    assert report.revision == 2
    assert store.pull() == edited.canonical()
    back = store.push(example_model, prune=True)
    assert back.entities == Counts(updated=1, unchanged=n - 1, deleted=1)
    # the new entity's one relationship went with it (not counted twice)
    assert back.relationships.deleted == 0
    assert store.pull() == example_model.canonical()


def test_labels_and_types_come_from_the_vocabulary(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(example_model)
    rows = store.read("MATCH (n:WorkingGroup) RETURN n.id AS id ORDER BY id")
    expected = sorted(e.id for e in example_model.entities if e.kind.value == "working_group")
    assert [row["id"] for row in rows] == expected
    rows = store.read("MATCH (:Entity)-[r:REPORTS_TO]->(:Entity) RETURN count(r) AS n")
    assert rows[0]["n"] == sum(r.type.value == "REPORTS_TO" for r in example_model.relationships)


def test_kind_change_moves_the_label_in_the_same_push(store: GraphStore) -> None:
    before = GovernanceModel.model_validate(
        {"entities": [{"id": "x", "kind": "committee", "name": {"en": "X"}}]}
    )
    store.push(before)
    after = GovernanceModel.model_validate(
        {"entities": [{"id": "x", "kind": "working_group", "name": {"en": "X"}}]}
    )
    assert store.push(after).entities == Counts(updated=1)
    rows = store.read("MATCH (n:Entity {id: 'x'}) RETURN labels(n) AS labels")
    assert sorted(rows[0]["labels"]) == ["Entity", "WorkingGroup"]
    assert store.pull() == after


def _hostile_model(extra: str = "") -> GovernanceModel:
    texts = [*HOSTILE, "nul\x00inside", "x' RETURN 666 AS x //", extra or "plain"]
    entities = [
        {
            "id": text[:100].replace("\n", " ").replace("\x00", "0").strip() or "blank",
            "kind": "working_group" if i % 2 else "council",
            "name": {"en": text, "fr": text[::-1]},
            "acronym": {"en": text[:5].strip() or "x"},
            "description": text,
            "source": text,
            "attributes": {"note": text, "nested": {"k": [text, 1, None]}},
            "identifiers": {"wikidata": text.replace(";", ",").replace("\n", " ")},
        }
        for i, text in enumerate(texts)
    ]
    ids = [e["id"] for e in entities]
    relationships = [
        {
            "from": ids[i],
            "type": "REPORTS_TO",
            "to": ids[0],
            "formal": False,
            "source": texts[i],
            "attributes": {"k": texts[i]},
        }
        for i in range(1, len(ids))
    ]
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})


def test_hostile_strings_and_nul_arrive_intact_and_execute_nothing(store: GraphStore) -> None:
    model = _hostile_model()
    assert "}) DETACH DELETE n //" in model.index
    store.push(model, prune=True)
    assert store.pull() == model.canonical()
    assert store.counts()["entities"] == len(model.entities)


def test_a_one_megabyte_name_round_trips(store: GraphStore) -> None:
    model = _hostile_model("é" * (1 << 19))  # 1 MiB of UTF-8
    store.push(model)
    assert store.pull() == model.canonical()


def test_model_keys_keep_models_apart(store: GraphStore, example_model: GovernanceModel) -> None:
    other = GovernanceModel.model_validate(
        {"entities": [{"id": "pssdc", "kind": "council", "name": {"en": "Option B"}}]}
    )
    store.push(example_model)
    option = GraphStore(store.driver, store.database, model="option-b")
    option.push(other, prune=True)
    assert option.pull() == other.canonical()
    assert store.pull() == example_model.canonical()  # the prune touched only option-b
    assert option.counts() == {"entities": 1, "relationships": 0}
    assert [r["id"] for r in option.run("bodies_of_kind", kind="council")] == ["pssdc"]
    assert len(store.run("bodies_of_kind", kind="council")) > 1
    assert {row["model"] for row in store.models()} == {"default", "option-b"}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(model=models())
@example(model=GovernanceModel())
def test_random_models_round_trip(store: GraphStore, model: GovernanceModel) -> None:
    store.push(model, prune=True)
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
                {"from": "pssdc", "type": "OVERSEES", "to": "pscioc"},
            ],
        }
    )
    store.push(extra)
    store.push(example_model)  # no prune: the extras stay
    assert store.counts()["entities"] == len(example_model.entities) + 1
    report = store.push(example_model, prune=True)
    assert (report.entities.deleted, report.relationships.deleted) == (1, 1)
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


@pytest.mark.parametrize("large", [False, True])
def test_a_push_interrupted_midway_leaves_the_previous_model(
    store: GraphStore, example_model: GovernanceModel, large: bool
) -> None:
    before = _small(store)
    batches = []

    def progress(done: int, total: int) -> None:
        batches.append(done)
        if len(batches) == 3:  # three batches are on the server: stop here
            raise Interrupted

    small_batches = GraphStore(store.driver, store.database, batch_size=7)
    with pytest.raises(Interrupted):
        small_batches.push(example_model, prune=True, large=large, progress=progress)
    assert store.pull() == before
    assert store.counts() == {"entities": 1, "relationships": 0}
    assert store.state().revision == 1
    # nothing of the failed push is left behind, in any scope
    assert store.read("MATCH (n:Entity) RETURN count(n) AS n") == [{"n": 1}]


def test_a_statement_the_server_refuses_rolls_the_push_back(
    store: GraphStore, example_model: GovernanceModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _small(store)
    # the server fails on the last statement, after every create, update and delete ran
    real = statements()["commit_model"]
    broken = real.__class__(**{**real.__dict__, "text": real.text + " + toInteger('x') / 0"})
    monkeypatch.setitem(statements(), "commit_model", broken)
    with pytest.raises(StoreError, match="refused a statement"):
        store.push(example_model, prune=True)
    monkeypatch.undo()
    assert store.pull() == before
    assert store.counts() == {"entities": 1, "relationships": 0}
    store.push(example_model, prune=True)  # and the store still works
    assert store.pull() == example_model.canonical()


def test_large_model_mode_switches_generation(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    before = _small(store)
    old_scope = store.state().scope
    report = GraphStore(store.driver, store.database, batch_size=10).push(example_model, large=True)
    assert report.large and report.revision == 2
    assert report.entities == Counts(created=len(example_model.entities), deleted=1)
    assert store.pull() == example_model.canonical()
    assert store.state().scope != old_scope
    leftover = store.read("MATCH (n:Entity {scope: $s}) RETURN count(n) AS n", s=old_scope)
    assert leftover == [{"n": 0}]
    # an incremental push after it sees the hashes of the new generation
    assert not store.push(example_model).changed
    assert before != store.pull()


def test_a_pulled_model_at_an_older_revision_is_refused(
    store: GraphStore, example_model: GovernanceModel
) -> None:
    store.push(example_model)
    pulled = store.pull(stamp=True)
    assert pulled.pulled_from is not None and pulled.pulled_from.revision == 1
    store.push(_edited(example_model))  # someone else pushes revision 2
    with pytest.raises(ConflictError, match=r"pulled at revision 1 .* at revision 2"):
        store.push(pulled)
    assert store.state().revision == 2
    assert store.push(pulled, prune=True, force=True).revision == 3
    assert store.pull() == example_model.canonical()


def test_schema_is_idempotent_and_only_what_the_push_uses(store: GraphStore) -> None:
    again = store.apply_schema()
    assert again == [
        "exists: constraint govgraph_entity_scope_id",
        "exists: constraint govgraph_model_key",
        "exists: constraint govgraph_chunk_scope_part_index",
        "exists: constraint govgraph_retired_scope",
        "exists: index govgraph_entity_scope",
    ]
    names = {row["name"] for row in store.read("SHOW INDEXES YIELD name RETURN name")}
    assert {n for n in names if n.startswith("govgraph")} == {
        "govgraph_entity_scope_id",
        "govgraph_model_key",
        "govgraph_chunk_scope_part_index",
        "govgraph_retired_scope",
        "govgraph_entity_scope",
    }


def test_every_statement_has_a_header() -> None:
    found = statements()
    assert {"create_entities", "update_entities", "read_entities", "orphans"} <= set(found)
    for name, stmt in found.items():
        assert stmt.name == name and stmt.description, name
    assert found["update_entities"].placeholders == ("other_labels", "label")
    assert found["create_relationships"].placeholders == ("type",)


def _named_properties(name: str) -> set[str]:
    """The properties a create (``key: r.props.key``) or an update
    (``SET x.key = r.props.key``) statement names one by one."""
    text = statements()[name].text
    pattern = r"(\w+): r\.props\.\1\b" if name.startswith("create") else r"\.(\w+) = r\.props\.\1\b"
    return set(re.findall(pattern, text))


def test_the_statements_name_every_field_of_a_row() -> None:
    entity = GovernanceModel.model_validate(
        {
            "entities": [
                {"id": "a", "kind": "council", "name": {"en": "A", "fr": "A"},
                 "acronym": {"en": "A", "fr": "A"}, "description": "d", "valid_from": "2001",
                 "valid_to": "2002", "tags": ["t"], "identifiers": {"wikidata": "Q1"},
                 "attributes": {"x": 1}, "source": "s"},
                {"id": "b", "kind": "council", "name": {"en": "B"}},
                {"id": "c", "kind": "council", "name": {"en": "C"},
                 "description": {"en": "d", "fr": "d"}},
            ],
            "relationships": [
                {"from": "a", "type": "REPORTS_TO", "to": "b", "valid_from": "2001",
                 "valid_to": "2002", "tags": ["t"], "attributes": {"x": 1}, "source": "s"},
                {"from": "a", "type": "MEMBER_OF", "to": "b", "role": "chair"},
                {"from": "a", "type": "ENGAGES_WITH", "to": "b", "level": "inform"},
                {"from": "a", "type": "SUPPORTS", "to": "b", "service": "secretariat"},
            ],
        }
    )  # fmt: skip
    # a plain description and one in both languages are stored in different fields
    entity_fields = set(entity_row(entity.entities[0], "s")["props"]) | set(
        entity_row(entity.entities[2], "s")["props"]
    )
    rel_fields = set().union(*(relationship_row(r)["props"] for r in entity.relationships))
    assert _named_properties("create_entities") == entity_fields
    assert _named_properties("update_entities") == entity_fields - {"id", "scope"}
    assert _named_properties("create_relationships") == rel_fields
    assert _named_properties("create_generation_relationships") == rel_fields
    assert _named_properties("update_relationships") == rel_fields - {"uid"}


def _operators(plan: dict) -> list[str]:
    found = [str(plan["operatorType"]).split("@")[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("create_entities", EntityKind.council),
        ("create_relationships", RelationType.REPORTS_TO),
        ("create_generation_relationships", RelationType.REPORTS_TO),
        ("update_entities", EntityKind.council),
        ("update_relationships", RelationType.REPORTS_TO),
    ],
)
def test_the_writes_plan_index_seeks_and_no_eager_step(
    store: GraphStore, name: str, key: EntityKind | RelationType
) -> None:
    # planned on an empty database, as the first push's statements are: a plan that
    # scans entities per row, or an Eager step, made a 10^4-entity push take minutes
    text = (entity_statement if name.endswith("entities") else relationship_statement)(name, key)
    with store.driver.session(database=store.database) as session:
        plan = session.run("EXPLAIN " + text, rows=[], scope="s").consume().plan
    operators = _operators(plan)
    assert "Eager" not in operators, operators
    assert not {"NodeByLabelScan", "AllNodesScan", "NodeIndexScan"} & set(operators), operators
    if name == "create_generation_relationships":  # the ends by element id
        assert operators.count("NodeByElementIdSeek") == 2, operators
    elif name != "create_entities":
        assert any(op.startswith("NodeUniqueIndexSeek") for op in operators), operators
