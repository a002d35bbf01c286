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


def test_large_generated_network_is_preset_and_hierarchy_is_one_tree():
    model = generate_model(bodies=800, people=100, seed=1)
    network = view_data(model, view="network")["frames"][0]
    assert network["layout"] == "preset"
    where = {n["id"]: (n["x"], n["y"]) for n in network["nodes"]}
    assert len(set(where.values())) == len(where)
    data = view_data(model, view="hierarchy")
    assert data["frames"][0]["layout"] == "tree"
    slots = {n["sl"] for n in data["frames"][0]["nodes"]}
    assert len(slots) == len(data["frames"][0]["nodes"]) == len(data["tree"]["n"])


def test_small_views_leave_physics_to_the_browser(example_model):
    hierarchy = view_data(example_model, view="hierarchy")["frames"][0]
    network = view_data(example_model, view="network")["frames"][0]
    assert hierarchy["layout"] == "tree" and all("sl" in n for n in hierarchy["nodes"])
    assert network["layout"] == "physics" and not any("x" in n for n in network["nodes"])
