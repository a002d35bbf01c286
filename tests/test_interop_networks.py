"""GraphML and GEXF: what networkx reads back (counts, labels, intervals), and the
GraphML round trip."""

import networkx as nx
import pytest

from govgraph.errors import InputError
from govgraph.formats import load_model, read_model, write_model


def test_graphml_round_trips_the_example(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.graphml")
    again = load_model(tmp_path / "jc.graphml")
    assert again.canonical() == example_model.canonical()


def test_graphml_as_networkx_reads_it(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.graphml")
    graph = nx.read_graphml(tmp_path / "jc.graphml", force_multigraph=True)
    assert graph.number_of_nodes() == len(example_model.entities)
    assert graph.number_of_edges() == len(example_model.relationships)
    iccs = graph.nodes["iccs"]
    assert (iccs["label"], iccs["name_fr"], iccs["kind"], iccs["valid_from"]) == (
        "Institute for Citizen-Centred Service",
        "Institut des services axés sur les citoyens",
        "organization",
        "2005",
    )
    assert graph.nodes["joint-councils"]["attr.meeting_days"] == 1.0  # numbers stay numbers
    lines = graph.get_edge_data("joint-councils-wg", "joint-councils")
    [line] = lines.values()
    assert (line["type"], line["formal"]) == ("REPORTS_TO", False)
    assert graph.graph["title_fr"].startswith("Gouvernance des conseils mixtes")


def test_gexf_is_dynamic_with_intervals(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.gexf")
    graph = nx.read_gexf(tmp_path / "jc.gexf")
    assert graph.graph["mode"] == "dynamic"
    assert graph.number_of_nodes() == len(example_model.entities)
    assert graph.number_of_edges() == len(example_model.relationships)
    framework = graph.nodes["framework-wg"]
    assert (framework["label"], framework["start"], framework["end"]) == (
        "Framework Working Group",
        "2015-01-01",
        "2018-12-31",
    )
    assert graph.nodes["jc-2016-02-toronto"]["start"] == "2016-02-01"
    assert graph.nodes["jc-2016-02-toronto"]["end"] == "2016-02-29"
    assert "start" not in graph.nodes["pssdc"]  # no dates: there all along
    edges = graph.get_edge_data("framework-wg", "joint-councils")
    [line] = [e for e in edges.values() if e["relation"] == "REPORTS_TO"]
    assert (line["start"], line["end"], line["label"]) == ("2015-01-01", "2018-12-31", "REPORTS_TO")
    text = (tmp_path / "jc.gexf").read_text()
    assert 'timeformat="date"' in text and 'mode="dynamic"' in text


def test_gexf_is_write_only(tmp_path):
    (tmp_path / "x.gexf").write_text("<gexf/>")
    with pytest.raises(InputError, match="can write gexf but not read it"):
        read_model(tmp_path / "x.gexf")


def test_bad_graphml_is_a_clear_error(tmp_path, cli):
    (tmp_path / "broken.graphml").write_text("<graphml>\n<graph>\n</graphml>\n")
    result = cli("convert", tmp_path / "broken.graphml", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'broken.graphml'}:3: invalid XML" in result.stderr
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="councl", name_en="A")
    nx.write_graphml(graph, tmp_path / "kind.graphml")
    result = cli("convert", tmp_path / "kind.graphml", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert "node 'a' kind: unknown-kind: unknown kind 'councl'" in result.stderr
    assert not (tmp_path / "out.yaml").exists()
