"""The analyses on the bundled Joint Councils example give the deck's answers."""

from __future__ import annotations

import copy

import networkx as nx
import pytest

from govgraph.analysis import (
    body_metrics,
    connections,
    coverage,
    members,
    memberships,
    metrics,
    overlaps,
    reporting_chains,
    structure_metrics,
    subordinates,
)
from govgraph.errors import InputError, UnknownEntityError
from govgraph.graph import to_graph
from govgraph.model import GovernanceModel

FPTM = [
    "canada",
    "newfoundland-and-labrador",
    "prince-edward-island",
    "nova-scotia",
    "new-brunswick",
    "quebec",
    "ontario",
    "manitoba",
    "saskatchewan",
    "alberta",
    "british-columbia",
    "yukon",
    "northwest-territories",
    "nunavut",
    "municipal-members",
]


@pytest.fixture(scope="module")
def graph(example_model):
    return to_graph(example_model)


def test_chain_from_data_driven_intelligence_wg_is_the_decks(graph):
    assert reporting_chains(graph, "data-driven-intelligence-wg") == [
        ["data-driven-intelligence-wg", "pssdc", "joint-councils"]
    ]


def test_informal_line_only_on_request(graph):
    assert reporting_chains(graph, "joint-councils-wg") == [["joint-councils-wg"]]
    assert reporting_chains(graph, "joint-councils-wg", include_informal=True) == [
        ["joint-councils-wg", "joint-councils"]
    ]


def test_chain_respects_as_of(graph):
    assert reporting_chains(graph, "framework-wg", as_of="2016") == [
        ["framework-wg", "joint-councils"]
    ]
    with pytest.raises(InputError, match="not valid on 2019-01-01"):
        reporting_chains(graph, "framework-wg", as_of="2019")


def test_subordinates_of_pssdc(graph):
    assert subordinates(graph, "pssdc") == {
        "data-driven-intelligence-wg": 1,
        "pssdc-business-services-wg": 1,
    }


def test_subordinates_of_joint_councils_with_depth_and_dates(graph):
    assert subordinates(graph, "joint-councils") == {
        "framework-wg": 1,
        "pscioc": 1,
        "pssdc": 1,
        "data-driven-intelligence-wg": 2,
        "digital-strategy-wg": 2,
        "pssdc-business-services-wg": 2,
    }
    assert subordinates(graph, "joint-councils", depth=1, as_of="2020") == {
        "pscioc": 1,
        "pssdc": 1,
    }
    assert "joint-councils-wg" in subordinates(graph, "joint-councils", include_informal=True)
    assert subordinates(graph, "joint-councils", depth=0) == {}


def test_connection_between_two_working_groups(graph):
    paths = connections(
        graph, "data-driven-intelligence-wg", "digital-strategy-wg", types="REPORTS_TO,PART_OF"
    )
    assert [[(s["from"], s["type"], s["direction"], s["to"]) for s in p] for p in paths] == [
        [
            ("data-driven-intelligence-wg", "REPORTS_TO", "forward", "pssdc"),
            ("pssdc", "PART_OF", "forward", "joint-councils"),
            ("joint-councils", "PART_OF", "backward", "pscioc"),
            ("pscioc", "REPORTS_TO", "backward", "digital-strategy-wg"),
        ]
    ]
    # with every type, the two groups are two steps apart: shared member governments
    every = connections(graph, "data-driven-intelligence-wg", "digital-strategy-wg")
    assert {len(p) for p in every} == {2}
    assert {p[0]["to"] for p in every} == {
        "canada",
        "ontario",
        "british-columbia",
        "alberta",
        "digital-by-default",  # a priority both advance
    }


def test_connection_errors(graph):
    with pytest.raises(InputError, match="unknown relationship type 'REPORTS'"):
        connections(graph, "pssdc", "pscioc", types=["REPORTS"])
    with pytest.raises(UnknownEntityError, match="did you mean 'pscioc'"):
        connections(graph, "pssdc", "psciooc")


def test_members_of_pssdc_and_joint_councils(graph):
    rows = members(graph, "pssdc")
    assert [(r["id"], r["role"]) for r in rows[:2]] == [
        ("pssdc-co-chair-federal", "co_chair"),
        ("pssdc-co-chair-pt", "co_chair"),
    ]
    assert {r["id"] for r in rows[2:]} == set(FPTM)
    assert all(r["via"] is None for r in rows)
    assert all(r["kind"] == "jurisdiction" for r in rows[2:])
    jc = members(graph, "joint-councils")
    assert {r["via"] for r in jc} == {"pssdc", "pscioc"}
    assert len(jc) == 34


def test_memberships_of_ontario(graph):
    rows = memberships(graph, "ontario")
    direct = [r["id"] for r in rows if r["via"] is None]
    assert direct == [
        "data-driven-intelligence-wg",
        "digital-strategy-wg",
        "joint-councils-wg",
        "pscioc",
        "pssdc",
        "pssdc-business-services-wg",
    ]
    assert {(r["id"], r["via"]) for r in rows if r["via"]} == {
        ("joint-councils", "pssdc"),
        ("joint-councils", "pscioc"),
    }


def test_coverage_of_jurisdictions(graph):
    result = coverage(graph)
    assert result["pssdc"] == {"represented": FPTM, "direct": FPTM, "missing": []}
    assert result["joint-councils"] == {"represented": FPTM, "direct": [], "missing": []}
    assert result["digital-strategy-wg"]["represented"] == [
        "canada",
        "new-brunswick",
        "ontario",
        "saskatchewan",
        "alberta",
        "british-columbia",
    ]
    assert len(result["digital-strategy-wg"]["missing"]) == 9
    assert result["iccs"]["represented"] == []
    assert coverage(graph, "pscioc") == {"pscioc": result["pscioc"]}
    with pytest.raises(InputError, match="not a body"):
        coverage(graph, "ontario")


def test_overlaps_of_pssdc_and_pscioc(graph):
    pairs = overlaps(graph, by="members")
    councils = next(p for p in pairs if (p["a"], p["b"]) == ("pscioc", "pssdc"))
    assert councils["shared_members"] == sorted(FPTM)
    assert councils["jaccard"] == pytest.approx(15 / 19)
    assert pairs[0] == councils  # the councils overlap the most
    assert overlaps(graph, by="members", top=1) == [councils]
    assert all(p["jaccard"] >= 0.5 for p in overlaps(graph, min_jaccard=0.5))
    priorities = overlaps(graph, by="priorities")
    assert {(p["a"], p["b"]) for p in priorities} == {
        ("iccs", "joint-councils"),
        ("framework-wg", "joint-councils"),
        ("data-driven-intelligence-wg", "digital-strategy-wg"),
        ("pscioc", "pssdc-business-services-wg"),
    }


def test_metrics_of_the_example(graph):
    result = metrics(graph)
    bodies, structure = result["bodies"], result["structure"]
    assert bodies["joint-councils"]["span"] == 3  # pssdc, pscioc, framework-wg
    assert bodies["joint-councils"]["informal_span"] == 1
    assert bodies["pssdc"]["span"] == 2
    assert bodies["data-driven-intelligence-wg"]["depth"] == 2
    assert bodies["joint-councils-wg"]["informal_parents"] == 1
    assert bodies["joint-councils-wg"]["formal_parents"] == 0
    assert bodies["joint-councils"]["meetings"] == 7
    assert bodies["joint-councils"]["meeting_load"] == 7.0
    assert bodies["joint-councils"]["annual_meeting_days"] == 2.0
    assert bodies["pssdc"]["meeting_load"] == 0.0
    assert bodies["digital-strategy-wg"]["meeting_load"] is None
    assert max(bodies, key=lambda b: bodies[b]["betweenness"]) == "joint-councils"
    assert structure["layers"] == 3
    assert structure["roots"] == ["joint-councils"]
    assert structure["orphans"] == ["joint-councils-wg"]
    assert structure["betweenness"]["method"] == "exact"
    # a member of both councils sits through PSSDC, PSCIOC and Joint Councils meetings
    assert structure["meeting_days_per_member_per_year"]["max"] == 6.0
    assert body_metrics(graph) == bodies
    assert structure_metrics(graph)["layers"] == 3


def test_metrics_as_of(graph):
    bodies = body_metrics(graph, as_of="2016-06")
    assert bodies["joint-councils"]["meetings"] == 0  # meetings are valid only in their month
    assert bodies["joint-councils"]["span"] == 3
    assert "iccs" in bodies
    assert "iccs" not in body_metrics(graph, as_of="2000")


def test_analyses_never_change_the_graph(graph):
    before = copy.deepcopy(graph)
    reporting_chains(graph, "data-driven-intelligence-wg", include_informal=True, as_of="2016")
    subordinates(graph, "joint-councils")
    connections(graph, "ontario", "iccs")
    members(graph, "joint-councils")
    memberships(graph, "canada")
    coverage(graph)
    overlaps(graph)
    metrics(graph)
    assert nx.utils.graphs_equal(before, graph)
    assert before.graph == graph.graph


def test_empty_and_people_only_models():
    empty = to_graph(GovernanceModel())
    assert coverage(empty) == {}
    assert overlaps(empty) == []
    assert metrics(empty)["structure"]["layers"] == 0
    people = to_graph(
        GovernanceModel.model_validate(
            {"entities": [{"id": "ann", "kind": "person", "name": {"en": "Ann"}}]}
        )
    )
    assert reporting_chains(people, "ann") == [["ann"]]
    assert subordinates(people, "ann") == {}
    assert members(people, "ann") == []
    assert memberships(people, "ann") == []
    assert body_metrics(people) == {}
    assert structure_metrics(people)["meeting_days_per_member_per_year"]["mean"] is None
    with pytest.raises(UnknownEntityError, match="did you mean 'ann'"):
        reporting_chains(people, "anne")


def test_did_you_mean_on_a_large_graph_looks_at_similar_ids():
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((f"wg-{i:06d}", {"kind": "working_group"}) for i in range(60_000))
    graph.add_node("digital-strategy-wg", kind="working_group")
    with pytest.raises(UnknownEntityError, match="did you mean 'digital-strategy-wg'"):
        reporting_chains(graph, "digital-stratgy-wg")  # a typo in the middle
    with pytest.raises(UnknownEntityError) as error:
        reporting_chains(graph, "wg-01234x")
    assert len(error.value.suggestions) == 3
