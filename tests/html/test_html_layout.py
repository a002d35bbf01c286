"""The precomputed layout used above LARGE_VIEW nodes: every node placed once, parents
above children, cycles and several parents harmless, wide levels wrapped."""

from __future__ import annotations

from govgraph.generate import generate_model
from govgraph.html import view_data
from govgraph.html.layout import attach_levels, layered_levels, layered_positions


def test_levels_survive_cycles_and_several_parents():
    levels = layered_levels(
        ["a", "b", "c", "x", "y"],
        [("b", "a"), ("c", "a"), ("c", "b"), ("x", "y"), ("y", "x"), ("a", "ghost")],
    )
    assert levels == {"a": 0, "b": 1, "c": 2, "x": 0, "y": 1}  # c is below both parents


def test_attach_levels_places_every_node():
    levels = attach_levels({"a": 0, "b": 1}, ["a", "b", "p", "q"], [("p", "b"), ("q", "zzz")])
    assert levels == {"a": 0, "b": 1, "p": 2, "q": 2}


def test_positions_are_distinct_and_wide_levels_wrap():
    levels = {f"n{i}": 0 for i in range(100)} | {"child": 1}
    positions = layered_positions(levels, max_row=40, x_gap=10, y_gap=10)
    assert len(set(positions.values())) == len(positions) == 101
    assert sorted({y for _, y in positions.values()}) == [0, 5, 10, 20]  # 3 rows, then 1


def test_large_generated_view_is_preset_with_parents_above_children():
    model = generate_model(bodies=800, people=100, seed=1)
    frame = view_data(model, view="hierarchy")["frames"][0]
    assert frame["layout"] == "preset"
    where = {n["id"]: (n["x"], n["y"]) for n in frame["nodes"]}
    assert len(set(where.values())) == len(where)
    formal = [e for e in frame["edges"] if e["t"] == "REPORTS_TO" and e.get("fo")]
    assert formal
    above = sum(where[e["to"]][1] < where[e["f"]][1] for e in formal)
    assert above == len(formal)


def test_small_views_leave_layout_to_the_browser(example_model):
    hierarchy = view_data(example_model, view="hierarchy")["frames"][0]
    network = view_data(example_model, view="network")["frames"][0]
    assert hierarchy["layout"] == "hierarchical" and all("lv" in n for n in hierarchy["nodes"])
    assert network["layout"] == "physics" and not any("x" in n for n in network["nodes"])
