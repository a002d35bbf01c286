import networkx as nx
import pytest
from hypothesis import given, settings

from govgraph.errors import InputError
from govgraph.graph import from_graph, to_graph
from tests.strategies import models


def test_the_example_graph_holds_every_entity_and_relationship(example_model):
    graph = to_graph(example_model)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == len(example_model.entities)
    assert graph.number_of_edges() == len(example_model.relationships)
    assert graph.nodes["iccs"]["name"] == {
        "en": "Institute for Citizen-Centred Service",
        "fr": "Institut des services axés sur les citoyens",
    }
    assert (
        graph.edges["iccs", "joint-councils", "SUPPORTS:secretariat@2005"]["service"]
        == "secretariat"
    )
    assert graph.edges["joint-councils-wg", "joint-councils", "REPORTS_TO"]["formal"] is False
    assert graph.graph["title"]["fr"].startswith("Gouvernance")


def test_the_graph_round_trip_is_lossless(example_model):
    # entities keep their order; relationships come back grouped by source entity
    back = from_graph(to_graph(example_model))
    assert back.entities == example_model.entities
    assert back.canonical() == example_model.canonical()
    assert back.to_document()["title"] == example_model.to_document()["title"]


@settings(max_examples=80, deadline=None)
@given(m=models())
def test_random_models_round_trip_through_the_graph(m):
    graph = to_graph(m)
    assert from_graph(graph).canonical() == m.canonical()
    assert graph.number_of_edges() == len(m.relationships)


def test_building_a_graph_leaves_the_model_alone(example_model):
    before = example_model.model_dump()
    graph = to_graph(example_model)
    graph.nodes["pssdc"]["attributes"]["meeting_days"] = 99
    graph.nodes["pssdc"]["name"]["en"] = "changed"
    assert example_model.model_dump() == before


def test_a_graph_that_is_not_a_model_is_reported():
    graph = nx.MultiDiGraph()
    graph.add_node("x", name={"en": "X"})
    with pytest.raises(InputError, match="node 'x'"):
        from_graph(graph)
