from govgraph import graph_as_of
from govgraph.graph import to_graph
from govgraph.temporal import as_of


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


def _edge_days(model):
    """Every day where some fact of ``model`` starts or ends, and the days around."""
    from datetime import timedelta

    from govgraph.dates import date_bounds

    days = set()
    for record in (*model.entities, *model.relationships):
        for value in (record.valid_from, record.valid_to):
            if value:
                first, last = date_bounds(value)
                days |= {first - timedelta(days=1), first, last, last + timedelta(days=1)}
    return sorted(days)


def test_model_graph_and_view_agree_on_every_boundary_day(example_model):
    """The three restrictions to a date (``as_of`` on a model, the ``GraphView`` the
    analyses walk, ``graph_as_of``) keep the same facts on every day a fact starts or
    ends, and the day either side: they all decide with ``holds_on``."""
    from govgraph.analysis._view import GraphView
    from govgraph.temporal import holds_on

    graph = to_graph(example_model)
    days = _edge_days(example_model)
    assert len(days) > 20
    for day in days:
        model = as_of(example_model, day)
        view = GraphView(graph, day)
        copied = graph_as_of(graph, day)
        assert set(view.nodes()) == ids(model) == set(copied.nodes)
        assert {e.id for e in example_model.entities if holds_on(e, day)} == ids(model)
        lines = {(r.from_, r.to, r.type.value) for r in model.relationships}
        assert {(u, v, d["type"]) for u, v, d in view.edges()} == lines
        assert {(u, v, d["type"]) for u, v, d in copied.edges(data=True)} == lines


def test_validity_is_decided_in_one_place():
    """Only ``govgraph.temporal.holds_on`` (and the date arithmetic it rests on in
    ``govgraph.dates``) tests a fact against a date: no module re-implements it."""
    from pathlib import Path

    import govgraph

    package = Path(govgraph.__file__).parent
    home = {package / "dates.py", package / "temporal.py"}
    callers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path not in home and "is_valid_on(" in path.read_text(encoding="utf-8")
    )
    assert callers == []
