"""Random models with hostile strings (tests/strategies.py) round-trip through every
two-way interoperability format; the one-way GEXF export reads back with networkx."""

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.formats import read_model, write_model
from govgraph.model import GovernanceModel
from tests.strategies import HOSTILE, models

# rdflib's own JSON-LD parser calls its deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

TWO_WAY = ["m.xlsx", "m.ttl", "m.jsonld", "m.nt", "m.popolo.json", "m.graphml"]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.parametrize("target", TWO_WAY)
@SETTINGS
@given(m=models())
def test_random_models_round_trip(tmp_path_factory, target, m):
    path = tmp_path_factory.mktemp("rt") / target
    write_model(m, path)
    assert read_model(path).canonical() == m.canonical()


@SETTINGS
@given(m=models())
def test_random_models_export_to_gexf(tmp_path_factory, m):
    path = tmp_path_factory.mktemp("gexf") / "m.gexf"
    write_model(m, path)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(m.entities)
    assert graph.number_of_edges() == len(m.relationships)
    for entity in m.entities:
        assert graph.nodes[entity.id]["label"] == entity.name.get("en")


@pytest.mark.parametrize("target", [*TWO_WAY, "m.gexf"])
def test_every_hostile_string_everywhere(tmp_path, target):
    entities = [
        {
            "id": f"e{i}",
            "kind": "council" if i % 2 else "person",
            "name": {"en": text, "fr": text},
            "acronym": {"en": text},
            "description": text,
            "source": text,
            "tags": ["x"],
            "identifiers": {"wikidata": f"Q{i + 1}"},
            "attributes": {"note": text},
        }
        for i, text in enumerate(HOSTILE)
    ]
    relationships = [
        {"from": f"e{i}", "type": "MEMBER_OF", "to": "e1", "source": text}
        for i, text in enumerate(HOSTILE)
        if i % 2 == 0
    ]
    model = GovernanceModel.model_validate(
        {
            "title": {"en": HOSTILE[0], "fr": HOSTILE[1]},
            "description": HOSTILE[4],
            "entities": entities,
            "relationships": relationships,
        }
    )
    write_model(model, tmp_path / target)
    if target.endswith(".gexf"):
        graph = nx.read_gexf(tmp_path / target)
        assert [graph.nodes[f"e{i}"]["label"] for i in range(len(HOSTILE))] == HOSTILE
    else:
        assert read_model(tmp_path / target).canonical() == model.canonical()


@pytest.mark.parametrize("target", ["m.xlsx", "m.graphml", "m.gexf"])
@pytest.mark.parametrize("bad", ["a\x01b", "a\rb", "a\ufffeb"])
def test_xml_formats_refuse_what_xml_cannot_hold(cli, tmp_path, target, bad):
    model = GovernanceModel.model_validate(
        {"entities": [{"id": "jc", "kind": "council", "name": {"en": "JC", "fr": bad}}]}
    )
    write_model(model, tmp_path / "m.json")
    result = cli("convert", tmp_path / "m.json", tmp_path / "out" / target)
    assert result.exit_code == 2
    assert f"{tmp_path / 'out' / target}: entities 'jc' name_fr: " in result.stderr
    assert "cannot store the character" in result.stderr
    assert not (tmp_path / "out" / target).exists()


@pytest.mark.parametrize("target", ["m.ttl", "m.jsonld", "m.nt", "m.popolo.json", "csv"])
def test_text_formats_keep_control_characters(tmp_path, target):
    model = GovernanceModel.model_validate(
        {"entities": [{"id": "jc", "kind": "council", "name": {"en": "a\rb\x01c", "fr": "\r\n"}}]}
    )
    write_model(model, tmp_path / target)
    assert read_model(tmp_path / target) == model
