from govgraph.graph import to_graph
from govgraph.temporal import as_of, graph_as_of


def ids(m):
    return {e.id for e in m.entities}


def test_the_deck_history_replays(example_model):
    in_2000 = as_of(example_model, "2000")
    assert {"joint-councils", "pssdc", "pscioc"} <= ids(in_2000)
    assert "iccs" not in ids(in_2000) and "framework-wg" not in ids(in_2000)
    assert {"iccs", "framework-wg"} <= ids(as_of(example_model, "2016-06"))
    in_2019 = as_of(example_model, "2019-03")
    assert "framework-wg" not in ids(in_2019) and "strategic-policy-analyst" in ids(in_2019)
    assert "joint-councils" not in ids(as_of(example_model, "1997"))


def test_relationships_go_with_their_dates_and_endpoints(example_model):
    in_2000 = as_of(example_model, "2000")
    assert not any(r.type == "SUPPORTS" for r in in_2000.relationships)
    assert all(r.from_ in ids(in_2000) and r.to in ids(in_2000) for r in in_2000.relationships)
    in_2010 = as_of(example_model, "2010")
    assert any(r.from_ == "iccs" and r.service == "secretariat" for r in in_2010.relationships)


def test_as_of_none_is_the_model_and_the_input_is_unchanged(example_model):
    before = example_model.model_dump()
    assert as_of(example_model, None) is example_model
    as_of(example_model, "2000")
    assert example_model.model_dump() == before


def test_graph_as_of_matches_model_as_of(example_model):
    for day in ("1999", "2005-06", "2016-02-15", "2019", "2030"):
        from_graph = graph_as_of(to_graph(example_model), day)
        from_model = to_graph(as_of(example_model, day))
        assert set(from_graph.nodes) == set(from_model.nodes)
        assert set(from_graph.edges(keys=True)) == set(from_model.edges(keys=True))
