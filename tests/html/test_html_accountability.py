"""ACCOUNTABLE_TO lines (body → position) in the tidy hierarchy, the page and the SVG
export: the position sits in a band above the tree, the tree does not move for it, the
line has its own style and a legend entry only when it is drawn; and the lines that
leave the tree cross nothing on the EU fixture."""

from __future__ import annotations

import itertools
from pathlib import Path

from govgraph.formats import load_model
from govgraph.html import export_html, view_data
from govgraph.html.picture import frame_geometry, tree_of
from govgraph.html.svg import render_svg
from govgraph.html.tree import BOX_H, BOX_W, GAP_Y, tidy_layout
from govgraph.model import GovernanceModel
from tests.html.test_html_map import on_screen, open_map

ROOT = Path(__file__).resolve().parents[2]
EU = ROOT / "fixtures" / "eu-council.yaml"
GC = ROOT / "fixtures" / "gc-federal-organizations.yaml"


def _model(accountable: bool = True) -> GovernanceModel:
    orgs = [f"org-{i}" for i in range(5)]
    relationships = [{"from": o, "type": "PART_OF", "to": "portfolio"} for o in orgs]
    relationships.append({"from": "agency", "type": "PART_OF", "to": "portfolio"})
    if accountable:
        relationships += [{"from": o, "type": "ACCOUNTABLE_TO", "to": "minister"} for o in orgs[:3]]
        relationships.append({"from": "agency", "type": "ACCOUNTABLE_TO", "to": "deputy"})
    entities = [{"id": "portfolio", "kind": "organization", "name": {"en": "Portfolio"}}]
    entities += [{"id": o, "kind": "organization", "name": {"en": o.title()}} for o in orgs]
    entities += [
        {"id": "agency", "kind": "organization", "name": {"en": "Agency"}},
        {"id": "minister", "kind": "position", "name": {"en": "Minister", "fr": "Ministre"}},
        {"id": "deputy", "kind": "position", "name": {"en": "Deputy minister"}},
    ]
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})


def _places(model: GovernanceModel) -> dict[str, tuple[float, float]]:
    frames = view_data(model)["frames"]
    boxes, _ = frame_geometry(tree_of(frames), frames[0])
    return {node["id"]: (x, y) for node, x, y in boxes}


def _segments_cross(a, b, c, d) -> bool:
    def orient(p, q, r):
        value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return 0 if abs(value) < 1e-9 else (1 if value > 0 else -1)

    return orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0


def _crossings(lines) -> int:
    """Pairs of drawn lines without a common end that cross."""
    count = 0
    for (ends_a, points_a), (ends_b, points_b) in itertools.combinations(lines, 2):
        if set(ends_a) & set(ends_b):
            continue
        if any(
            _segments_cross(p, q, r, s)
            for p, q in itertools.pairwise(points_a)
            for r, s in itertools.pairwise(points_b)
        ):
            count += 1
    return count


def test_positions_sit_above_the_tree_which_does_not_move_for_them() -> None:
    with_lines, without = _places(_model()), _places(_model(accountable=False))
    for body in ("portfolio", "agency", *(f"org-{i}" for i in range(5))):
        assert with_lines[body] == without[body], body
    top = min(y for body, (_, y) in with_lines.items() if body not in ("minister", "deputy"))
    for position in ("minister", "deputy"):
        assert with_lines[position][1] == top - BOX_H - GAP_Y
    (mx, _), (dx, _) = with_lines["minister"], with_lines["deputy"]
    assert abs(mx - dx) >= BOX_W  # side by side, no overlap
    tree = tree_of(view_data(_model())["frames"])
    assert {tree.nodes[s] for s in tree.aside} == {"minister", "deputy"}
    assert not {tree.nodes[s] for s in tree.roots} & {"minister", "deputy"}


def test_svg_draws_accountability_with_its_own_line_and_key() -> None:
    svg = render_svg(_model(), lang="fr")
    assert svg.count('stroke-dasharray="12 4"') == 4 + 1  # four lines and the key's sample
    assert "rend compte à" in svg and "Ministre" in svg
    plain = render_svg(_model(accountable=False), lang="fr")
    assert 'stroke-dasharray="12 4"' not in plain and "rend compte à" not in plain


def test_page_draws_accountability_and_its_key_only_when_drawn(wide_page, tmp_path) -> None:
    out = tmp_path / "accountable.html"
    model = _model()
    export_html(model, out)
    open_map(wide_page, out)
    lines = wide_page.evaluate(
        "govgraph.drawn.lines.filter(l => l.type === 'ACCOUNTABLE_TO').map(l => l.ends)"
    )
    assert sorted(map(tuple, lines)) == [
        ("agency", "deputy"),
        ("org-0", "minister"),
        ("org-1", "minister"),
        ("org-2", "minister"),
    ]
    dash = wide_page.locator('#viewport path[stroke-dasharray="12 4"]').count()
    assert dash == 4
    legend = wide_page.locator("#legend")
    assert "accountable to" in legend.inner_text()
    seen = on_screen(wide_page)
    assert seen["overlaps"] == 0 and seen["outside"] == 0 and seen["font"] >= 10
    # the page's places are Python's, the positions included
    expected = tidy_layout(tree_of(view_data(model)["frames"]))
    got = wide_page.evaluate("govgraph.layout(true)")
    assert {int(k): [round(v, 6) for v in p] for k, p in got.items()} == {
        k: [round(v, 6) for v in p] for k, p in expected.items()
    }
    # the list view reaches the positions too
    assert "Minister — " in wide_page.locator("#tree-list").inner_text()
    wide_page.evaluate("govgraph.setTypeVisible('ACCOUNTABLE_TO', false)")
    assert "accountable to" not in legend.inner_text()
    assert wide_page.errors == []


def test_page_without_accountability_has_no_key_for_it(wide_page, tmp_path) -> None:
    out = tmp_path / "plain.html"
    export_html(_model(accountable=False), out)
    open_map(wide_page, out)
    assert "accountable to" not in wide_page.locator("#legend").inner_text()
    assert wide_page.errors == []


def test_gc_inventory_draws_ministers_above_its_portfolios(wide_page, tmp_path) -> None:
    model = load_model(GC)
    frames = view_data(model)["frames"]
    tree = tree_of(frames)
    places = tidy_layout(tree)
    positions = {s for s in tree.aside if s in places}
    assert positions and all(tree.nodes[s].startswith("minister-") for s in positions)
    top = min(p[1] for s, p in places.items() if s not in positions)
    assert all(places[s][1] < top for s in positions)
    _, lines = frame_geometry(tree, frames[0])
    assert sum(edge["t"] == "ACCOUNTABLE_TO" for edge, _ in lines) == sum(
        e["t"] == "ACCOUNTABLE_TO" for e in frames[0]["edges"]
    )
    out = tmp_path / "gc.html"
    export_html(model, out)
    open_map(wide_page, out)
    seen = on_screen(wide_page)
    assert seen["overlaps"] == 0 and seen["outside"] == 0 and seen["font"] >= 10
    wide_page.evaluate("govgraph.focus('org-327')")  # opens its branch
    drawn = wide_page.evaluate(
        "govgraph.drawn.lines.filter(l => l.type === 'ACCOUNTABLE_TO').map(l => l.ends[0])"
    )
    assert "org-327" in drawn
    assert "accountable to" in wide_page.locator("#legend").inner_text()
    assert wide_page.errors == []


def test_eu_lines_that_leave_the_tree_cross_nothing() -> None:
    model = load_model(EU)
    frames = view_data(model)["frames"]
    boxes, lines = frame_geometry(tree_of(frames), frames[0])
    drawn = [((edge["f"], edge["to"]), points) for edge, points in lines]
    assert _crossings(drawn) == 0
    informal = next(points for edge, points in lines if edge.get("fo") is False)
    (x0, y0), (x1, y1) = informal
    assert y0 == y1  # side to side between two neighbours of one row
    between = [
        n["id"] for n, x, y in boxes if min(x0, x1) < x < max(x0, x1) and abs(y - y0) < BOX_H
    ]
    assert between == []


def _through_a_box(points, boxes, ends) -> list[str]:
    """The boxes (other than the line's ends) an orthogonal polyline runs through."""
    hit = []
    for node, x, y in boxes:
        if node["id"] in ends:
            continue
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            across_x = min(ax, bx) < x + BOX_W / 2 and max(ax, bx) > x - BOX_W / 2
            across_y = min(ay, by) < y + BOX_H / 2 and max(ay, by) > y - BOX_H / 2
            if across_x and across_y:
                hit.append(node["id"])
                break
    return hit


def test_accountability_lines_run_in_the_gaps_and_meet_on_one_rail() -> None:
    frames = view_data(_model())["frames"]
    boxes, lines = frame_geometry(tree_of(frames), frames[0])
    where = {node["id"]: (x, y) for node, x, y in boxes}
    accountable = [(edge, points) for edge, points in lines if edge["t"] == "ACCOUNTABLE_TO"]
    assert len(accountable) == 4
    rails = set()
    for edge, points in accountable:
        assert _through_a_box(points, boxes, {edge["f"], edge["to"]}) == []
        bx, by = where[edge["f"]]
        px, py = where[edge["to"]]
        assert points[0] == (bx + BOX_W / 2, by) and points[-1] == (px, py + BOX_H / 2)
        rails.add(points[2][1])
    assert len(rails) == 1  # one rail under the band of positions
    drawn = [((edge["f"], edge["to"]), points) for edge, points in lines]
    assert _crossings(drawn) == 0
