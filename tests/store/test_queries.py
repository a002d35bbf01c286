"""The named analyst queries against the example, checked against the deck and against
the library's own analyses and validator (the same answers from Neo4j and NetworkX)."""

from __future__ import annotations

import pytest

from govgraph import to_graph
from govgraph.analysis import overlaps, reporting_chains, subordinates
from govgraph.checks import check_model
from govgraph.errors import InputError
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore, ReadOnlyError, StoreError
from govgraph.temporal import as_of
from govgraph.vocabulary import BODY_KINDS

pytestmark = pytest.mark.neo4j

DATES = [None, "2000", "2016-06-01", "2019"]


@pytest.fixture
def example_store(store: GraphStore, example_model: GovernanceModel) -> GraphStore:
    store.push(example_model)
    return store


def test_reporting_chain_follows_the_deck(example_store: GraphStore) -> None:
    # the Data-Driven Intelligence WG reports to the PSSDC, part of the Joint Councils
    rows = example_store.run("reporting_chain", id="data-driven-intelligence-wg")
    assert [row["chain"] for row in rows] == [
        ["data-driven-intelligence-wg", "pssdc", "joint-councils"]
    ]
    # the Joint Councils WG has only an informal line: alone formally, up with informal
    assert [r["chain"] for r in example_store.run("reporting_chain", id="joint-councils-wg")] == [
        ["joint-councils-wg"]
    ]
    informal = example_store.run("reporting_chain", id="joint-councils-wg", include_informal=True)
    assert [row["chain"] for row in informal] == [["joint-councils-wg", "joint-councils"]]


@pytest.mark.parametrize("date", DATES)
def test_reporting_chain_and_subordinates_match_the_analyses(
    example_store: GraphStore, example_model: GovernanceModel, date: str | None
) -> None:
    graph = to_graph(example_model)
    bodies = [e.id for e in as_of(example_model, date).entities if e.kind in BODY_KINDS]
    for body in bodies:
        for informal in (False, True):
            rows = example_store.run(
                "reporting_chain", id=body, date=date, include_informal=informal
            )
            expected = reporting_chains(graph, body, include_informal=informal, as_of=date)
            assert [row["chain"] for row in rows] == expected, (body, informal)
            rows = example_store.run("subordinates", id=body, date=date, include_informal=informal)
            expected_depths = subordinates(graph, body, include_informal=informal, as_of=date)
            assert {row["id"]: row["depth"] for row in rows} == expected_depths, (body, informal)


@pytest.mark.parametrize("date", DATES)
def test_orphans_match_the_validator(
    example_store: GraphStore, example_model: GovernanceModel, date: str | None
) -> None:
    rows = example_store.run("orphans", date=date)
    findings = check_model(as_of(example_model, date))
    expected = sorted(f.entities[0] for f in findings if f.code == "no-formal-parent")
    assert [row["id"] for row in rows] == expected
    if date is None:  # the deck: "structure hiérarchique informelle"
        assert rows == [
            {
                "id": "joint-councils-wg",
                "kind": "working_group",
                "name_en": "Joint Councils Working Group",
                "name_fr": "Groupe de travail des conseils mixtes",
                "informal_parents": ["joint-councils"],
            }
        ]


def test_multiple_formal_parents(store: GraphStore) -> None:
    model = GovernanceModel.model_validate(
        {
            "entities": [
                {"id": "a", "kind": "council", "name": {"en": "A"}},
                {"id": "b", "kind": "council", "name": {"en": "B"}},
                {"id": "c", "kind": "council", "name": {"en": "C"}},
                {"id": "wg", "kind": "working_group", "name": {"en": "WG"}},
                {"id": "moved", "kind": "working_group", "name": {"en": "Moved"}},
            ],
            "relationships": [
                {"from": "wg", "type": "REPORTS_TO", "to": "a"},
                {"from": "wg", "type": "REPORTS_TO", "to": "b", "valid_from": "2018"},
                {"from": "wg", "type": "REPORTS_TO", "to": "c", "formal": False},
                {"from": "moved", "type": "REPORTS_TO", "to": "a", "valid_to": "2017"},
                {"from": "moved", "type": "REPORTS_TO", "to": "b", "valid_from": "2018"},
            ],
        }
    )
    store.push(model)
    rows = store.run("multiple_formal_parents")
    assert [(row["id"], row["parents"]) for row in rows] == [("wg", ["a", "b"])]
    findings = [f for f in check_model(model) if f.code == "multiple-formal-parents"]
    assert [f.entities[0] for f in findings] == ["wg"]
    assert store.run("multiple_formal_parents", date="2017-06") == []
    assert [row["id"] for row in store.run("multiple_formal_parents", date="2019")] == ["wg"]


def test_example_has_no_multiple_formal_parents(example_store: GraphStore) -> None:
    assert example_store.run("multiple_formal_parents") == []


def test_overlapping_memberships_match_the_analysis(
    example_store: GraphStore, example_model: GovernanceModel
) -> None:
    rows = example_store.run("overlapping_memberships")
    expected = {
        (o["a"], o["b"]): o["shared_members"]
        for o in overlaps(to_graph(example_model), by="members")
        if o["shared_members"]
    }
    assert {(row["a"], row["b"]): row["shared_members"] for row in rows} == expected
    # the deck: the FPTM governments sit on both councils
    top = rows[0]
    assert (top["a"], top["b"], top["shared"]) == ("pscioc", "pssdc", 15)
    assert {"canada", "quebec", "municipal-members"} <= set(top["shared_members"])
    assert all(
        row["shared"] >= 6 for row in example_store.run("overlapping_memberships", min_shared=6)
    )


@pytest.mark.parametrize("date", DATES)
def test_bodies_of_kind_match_as_of(
    example_store: GraphStore, example_model: GovernanceModel, date: str | None
) -> None:
    for kind in ("council", "working_group", "organization", "table"):
        rows = example_store.run("bodies_of_kind", kind=kind, date=date)
        expected = sorted(e.id for e in as_of(example_model, date).entities if e.kind == kind)
        assert [row["id"] for row in rows] == expected, kind
    framework = example_store.run("bodies_of_kind", kind="working_group", date="2016")
    assert "framework-wg" in [row["id"] for row in framework]  # 2015–2018 in the deck
    later = example_store.run("bodies_of_kind", kind="working_group", date="2019-01-01")
    assert "framework-wg" not in [row["id"] for row in later]


def test_unknown_query_and_parameters(example_store: GraphStore) -> None:
    with pytest.raises(InputError, match="no query named 'nope'"):
        example_store.run("nope")
    with pytest.raises(InputError, match="needs the parameter 'id'"):
        example_store.run("reporting_chain")
    with pytest.raises(InputError, match="has no parameter 'bogus'"):
        example_store.run("orphans", bogus=1)
    with pytest.raises(InputError, match="is not an analyst query"):
        example_store.run("clear")


WRITES = [
    "CREATE (n:Entity {id: 'x'})",
    "MATCH (n:Entity) SET n.name_en = 'x'",
    "MATCH (n:Entity) DETACH DELETE n",
    "match (n:Entity) detach delete n",
    "MATCH (n:Entity) REMOVE n:Council",
    "MERGE (n:Entity {id: 'x'})",
    "MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | CREATE (:X))",
    "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1",
    "MATCH (n:Entity) WITH n LIMIT 1 // a comment\nCREATE (:X)",
    "CREATE INDEX hostile FOR (n:Entity) ON (n.name_en)",
]
#: Not writes the server runs: refused all the same, as statements it will not take.
INVALID = [
    "CALL apoc.create.node(['X'], {})",
    "DROP INDEX ON :Entity(id)",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n) RETURN n /* unterminated",
]


@pytest.mark.parametrize("cypher", WRITES)
def test_the_server_refuses_ad_hoc_writes(example_store: GraphStore, cypher: str) -> None:
    before = example_store.counts()
    with pytest.raises(ReadOnlyError, match="refused: the query writes"):
        example_store.read(cypher)
    assert example_store.counts() == before


@pytest.mark.parametrize("cypher", INVALID)
def test_statements_the_server_rejects_change_nothing(
    example_store: GraphStore, cypher: str
) -> None:
    before = example_store.counts()
    with pytest.raises(StoreError, match="refused"):
        example_store.read(cypher)
    assert example_store.counts() == before


def test_ad_hoc_reads_run(example_store: GraphStore, example_model: GovernanceModel) -> None:
    rows = example_store.read(
        "MATCH (n:Entity {kind: $kind}) WHERE n.name_en <> 'CREATE (x) SET y' "
        "// DELETE in a comment\nRETURN n.id AS id ORDER BY id",
        kind="council",
    )
    assert [row["id"] for row in rows] == sorted(
        e.id for e in example_model.entities if e.kind == "council"
    )
    labels = example_store.read("CALL db.labels() YIELD label RETURN label")
    assert {"Entity", "Council", "WorkingGroup"} <= {row["label"] for row in labels}


@pytest.mark.parametrize(
    "hostile",
    ["x' RETURN 666 AS chain, 1 AS steps //", "}) DETACH DELETE n //", "it's", "a\\'b", "`tick`"],
)
def test_parameters_are_values_not_cypher(example_store: GraphStore, hostile: str) -> None:
    before = example_store.counts()
    # an id that is not in the model: no chain, and nothing injected into the query
    assert example_store.run("reporting_chain", id=hostile) == []
    rows = example_store.read("RETURN $value AS value", value=hostile)
    assert rows == [{"value": hostile}]
    assert example_store.counts() == before
