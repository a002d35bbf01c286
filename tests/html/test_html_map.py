"""The hierarchy map in a real headless Chromium at 1400 x 900: no two boxes overlap,
the view fits what is shown with labels of 10 px or more, positions stay put across
options, removed lines are drawn faint at their old place, French shows no raw code,
search ignores accents and works with the keyboard, prototype ids and huge names
render, big models open collapsed; and the page's layout equals Python's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from govgraph.formats import load_model
from govgraph.generate import generate_model
from govgraph.html import export_html, view_data
from govgraph.html.picture import tree_of
from govgraph.html.svg import render_svg
from govgraph.html.tree import BOX_H, BOX_W, tidy_layout
from govgraph.model import GovernanceModel
from tests.helpers import wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
EU = ROOT / "fixtures" / "eu-council.yaml"


def open_map(page, path: Path) -> None:
    page.goto(path.as_uri())
    wait_until_ready(page, 60)


def on_screen(page) -> dict:
    """Boxes as the browser draws them: overlaps, whether each is inside the map,
    and the smallest label height in CSS pixels."""
    return page.evaluate(
        """() => {
        const map = document.getElementById('map').getBoundingClientRect();
        const boxes = [...document.querySelectorAll('#viewport .box > rect:first-child')]
            .map(r => r.getBoundingClientRect());
        let overlaps = 0;
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
        }
        const outside = boxes.filter(b => b.left < map.left - 0.5 || b.right > map.right + 0.5 ||
            b.top < map.top - 0.5 || b.bottom > map.bottom + 0.5).length;
        const font = Math.min(...[...document.querySelectorAll('#viewport .box > text.label')]
            .map(t => parseFloat(getComputedStyle(t).fontSize) * govgraph.view.scale));
        return {count: boxes.length, overlaps, outside, font};
    }"""
    )


def place_of(page) -> dict[str, list[float]]:
    return page.evaluate(
        "Object.fromEntries(govgraph.drawn.boxes.filter(b => !b.ghost)"
        ".map(b => [b.id, [b.x, b.y]]))"
    )


@pytest.mark.parametrize("which", ["example", "eu", "quick-wins"])
def test_initial_view_fits_without_overlaps_and_is_legible(wide_page, tmp_path, which):
    model = load_model(EU if which == "eu" else ROOT / "fixtures" / "joint-councils.yaml")
    out = tmp_path / "map.html"
    export_html(model, out, scenarios=[QUICK_WINS] if which == "quick-wins" else [])
    open_map(wide_page, out)
    if which == "quick-wins":
        wide_page.select_option("#frame", "1")
    seen = on_screen(wide_page)
    assert seen["count"] > 0 and seen["overlaps"] == 0 and seen["outside"] == 0
    assert seen["font"] >= 10
    assert wide_page.errors == []


def test_positions_are_stable_across_options_and_languages(wide_page, tmp_path, example_model):
    out = tmp_path / "options.html"
    export_html(example_model, out, scenarios=[QUICK_WINS])
    open_map(wide_page, out)
    before = place_of(wide_page)
    wide_page.select_option("#frame", "1")
    after = place_of(wide_page)
    moved = {"data-driven-intelligence-wg", "pssdc-business-services-wg"}
    for body, where in before.items():
        if body not in moved:
            assert after[body] == where, body
    for body in moved:  # drawn under the Joint Councils, its old place kept as a ghost
        assert after[body] != before[body]
        ghost = wide_page.evaluate(
            "id => govgraph.drawn.boxes.find(b => b.id === id && b.ghost)", body
        )
        assert [ghost["x"], ghost["y"]] == before[body]
    wide_page.click("#langs button[data-lang='fr']")
    assert place_of(wide_page) == after
    # the change colours survive the language switch
    assert (
        wide_page.evaluate(
            "govgraph.drawn.boxes.find(b => b.id === 'data-driven-intelligence-wg' && !b.ghost).st"
        )
        == "moved"
    )
    assert "Gains rapides" in wide_page.locator("#title").inner_text()
    assert wide_page.errors == []


def test_removed_line_runs_only_between_its_old_ends(wide_page, tmp_path, example_model):
    """The old line PSSDC → Data-Driven Intelligence WG is drawn at its old place: no
    segment of it crosses any box other than its two ends."""
    out = tmp_path / "removed.html"
    export_html(example_model, out, scenarios=[QUICK_WINS])
    open_map(wide_page, out)
    wide_page.select_option("#frame", "1")
    drawn = wide_page.evaluate("govgraph.drawn")
    removed = [line for line in drawn["lines"] if line["st"] == "removed"]
    assert {tuple(line["ends"]) for line in removed} == {
        ("data-driven-intelligence-wg", "pssdc"),
        ("pssdc-business-services-wg", "pssdc"),
    }
    for line in removed:
        for box in drawn["boxes"]:
            if box["id"] in line["ends"]:
                continue
            for (ax, ay), (bx, by) in zip(line["points"], line["points"][1:], strict=False):
                x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
                inside_x = x1 > box["x"] - BOX_W / 2 and x0 < box["x"] + BOX_W / 2
                inside_y = y1 > box["y"] - BOX_H / 2 and y0 < box["y"] + BOX_H / 2
                assert not (inside_x and inside_y), (line["ends"], box["id"])
    path = wide_page.locator('path[data-status="removed"]').first
    assert float(path.get_attribute("stroke-opacity")) < 1
    # colour is not the only cue: a glyph marks each changed line and box
    assert wide_page.locator("#viewport .marks circle").count() >= 4


def test_french_page_shows_no_raw_code(wide_page, tmp_path, example_model):
    out = tmp_path / "fr.html"
    export_html(example_model, out, lang="fr", scenarios=[QUICK_WINS])
    open_map(wide_page, out)
    wide_page.select_option("#frame", "1")
    wide_page.evaluate("govgraph.focus('joint-councils')")
    text = wide_page.locator("body").inner_text()
    for raw in ("REPORTS_TO", "PART_OF", "meeting_days", "SUPPORTS", "pointillés", "modified"):
        assert raw not in text, raw
    assert "Jours de réunion" in text
    assert wide_page.errors == []


def test_search_ignores_accents_lists_once_and_works_with_the_keyboard(
    wide_page, tmp_path, example_model
):
    out = tmp_path / "search.html"
    export_html(example_model, out, lang="fr")
    open_map(wide_page, out)
    wide_page.fill("#search", "STRATEGIE")
    items = wide_page.locator("#results li").all_inner_texts()
    assert items == ["Groupe de travail sur la stratégie numérique"]
    wide_page.fill("#search", "groupe de travail")
    items = wide_page.locator("#results li").all_inner_texts()
    assert len(items) == len(set(items)) >= 3
    wide_page.press("#search", "ArrowDown")
    wide_page.press("#search", "ArrowDown")
    second = wide_page.locator("#results li.active").inner_text()
    wide_page.press("#search", "Enter")
    assert second.split(" (")[0] in wide_page.locator("#details").inner_text()
    assert wide_page.errors == []


def test_keyboard_list_reaches_and_expands_every_body(wide_page, tmp_path):
    model = load_model(EU)
    out = tmp_path / "eu.html"
    export_html(model, out)
    open_map(wide_page, out)
    first = wide_page.locator("#tree-list li").first
    assert wide_page.locator("#tree-list").get_attribute("role") == "tree"
    first.focus()
    wide_page.keyboard.press("ArrowDown")
    wide_page.keyboard.press("ArrowDown")
    focused = wide_page.evaluate("document.activeElement.dataset.slot")
    assert focused is not None
    # expand every folded branch from the keyboard
    for _ in range(60):
        closed = wide_page.locator('#tree-list li[aria-expanded="false"]')
        if not closed.count():
            break
        closed.first.focus()
        wide_page.keyboard.press("ArrowRight")
    assert wide_page.locator("#tree-list li").count() == len(view_data(model)["frames"][0]["nodes"])
    assert wide_page.errors == []


def test_big_model_opens_collapsed_readable_and_search_expands(wide_page, tmp_path):
    model = generate_model(bodies=3000, people=300, seed=1)
    out = tmp_path / "big.html"
    export_html(model, out)
    open_map(wide_page, out)
    seen = on_screen(wide_page)
    assert wide_page.evaluate("govgraph.collapsed().length") > 0
    assert 0 < seen["count"] < 200 and seen["overlaps"] == 0 and seen["outside"] == 0
    assert seen["font"] >= 10
    deep = max(
        (n for n in view_data(model)["frames"][0]["nodes"]), key=lambda n: n["id"].startswith("wg")
    )["id"]
    wide_page.evaluate("id => govgraph.focus(id)", deep)
    assert wide_page.locator(f'#viewport .box[data-id="{deep}"]').count() == 1
    assert wide_page.errors == []


def test_prototype_ids_and_a_huge_name_render(wide_page, tmp_path):
    ids = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty"]
    huge = "Very long name " * 70_000  # about 1 MB
    model = GovernanceModel.model_validate(
        {
            "entities": [{"id": "root", "kind": "council", "name": {"en": huge}}]
            + [{"id": i, "kind": "committee", "name": {"en": i}} for i in ids],
            "relationships": [{"from": i, "type": "REPORTS_TO", "to": "root"} for i in ids],
        }
    )
    out = tmp_path / "proto.html"
    export_html(model, out)
    open_map(wide_page, out)
    drawn = wide_page.evaluate("govgraph.drawn.boxes.map(b => b.id)")
    assert sorted(drawn) == sorted(["root", *ids])
    label = wide_page.locator('#viewport .box[data-id="root"] > text.label').text_content()
    assert label.endswith("…") and len(label) < 100
    wide_page.evaluate("govgraph.focus('root')")
    assert len(wide_page.locator("#details").inner_text()) > 1_000_000
    assert wide_page.errors == []


@pytest.mark.parametrize("which", ["generated", "eu"])
def test_page_layout_is_python_layout(wide_page, tmp_path, which):
    model = load_model(EU) if which == "eu" else generate_model(bodies=300, people=30, seed=2)
    data = view_data(model)
    if which == "eu":  # the PSC is glued to Coreper II: the page must keep them on one row
        assert data["tree"]["g"]
    expected = tidy_layout(tree_of(data["frames"]))
    out = tmp_path / "same.html"
    export_html(model, out)
    open_map(wide_page, out)
    got = wide_page.evaluate("govgraph.layout(true)")
    assert len(got) == len(expected)
    for slot, (x, y, how, at) in expected.items():
        gx, gy, ghow, gat = got[str(slot)]
        assert (round(gx, 6), round(gy, 6), ghow, round(gat, 6)) == (
            round(x, 6),
            round(y, 6),
            how,
            round(at, 6),
        )


def test_svg_export_has_no_overlaps_and_escapes_names(example_model):
    svg = render_svg(example_model, scenarios=[QUICK_WINS], lang="fr")
    assert "Gains rapides" in svg and "<script" not in svg
    hostile = GovernanceModel.model_validate(
        {"entities": [{"id": "x", "kind": "council", "name": {"en": "<b>&\x01\"'</b>"}}]}
    )
    text = render_svg(hostile)
    assert "<b>" not in text and "&lt;b&gt;&amp;" in text and "\x01" not in text


def test_history_slider_replays_years_on_stable_positions(wide_page, tmp_path, example_model):
    out = tmp_path / "history.html"
    export_html(example_model, out)  # every date: the page can replay the years
    open_map(wide_page, out)
    assert wide_page.evaluate("govgraph.years")[0] == 1998
    everything = place_of(wide_page)
    wide_page.evaluate("govgraph.setYear(2016)")
    in_2016 = place_of(wide_page)
    assert "framework-wg" in in_2016  # the Framework WG ran from 2015 to 2018
    wide_page.evaluate("govgraph.setYear(2020)")
    in_2020 = place_of(wide_page)
    assert "framework-wg" not in in_2020
    for body, where in in_2020.items():
        assert everything[body] == in_2016.get(body, where) == where
    assert "2020" in wide_page.locator("#subtitle").inner_text()
    assert wide_page.errors == []


def test_side_by_side_shows_two_options_on_the_same_positions(wide_page, tmp_path, example_model):
    out = tmp_path / "side.html"
    export_html(example_model, out, scenarios=[QUICK_WINS])
    open_map(wide_page, out)
    wide_page.select_option("#frame", "1")
    wide_page.select_option("#compare", "0")
    main = wide_page.evaluate("govgraph.drawn.boxes.filter(b => !b.ghost)")
    other = wide_page.evaluate("govgraph.drawn2.boxes")
    assert {b["st"] for b in main} >= {"moved", "unchanged"}
    assert {b["st"] for b in other} == {None}  # the baseline has no change colours
    where = {b["id"]: (b["x"], b["y"]) for b in other}
    for box in main:
        if box["st"] == "unchanged":
            assert where[box["id"]] == (box["x"], box["y"])
    assert wide_page.locator("#pane2-title").inner_text() == "Baseline"
    assert wide_page.errors == []


@pytest.mark.parametrize("view", ["network", "overlaps"])
def test_physics_views_stabilise_fit_and_stop(wide_page, tmp_path, example_model, view):
    out = tmp_path / f"{view}.html"
    export_html(example_model, out, view=view)
    open_map(wide_page, out)
    for _ in range(600):  # the page's CSP forbids eval, so poll from here
        if wide_page.evaluate("govgraph.settled === true"):
            break
        wide_page.wait_for_timeout(100)
    assert wide_page.evaluate("govgraph.settled === true")
    first = wide_page.evaluate("JSON.stringify(govgraph.network.getPositions())")
    wide_page.wait_for_timeout(500)
    assert wide_page.evaluate("JSON.stringify(govgraph.network.getPositions())") == first
    inside = wide_page.evaluate(
        """() => {
        const n = govgraph.network, box = document.getElementById('graph').getBoundingClientRect();
        return Object.values(n.getPositions()).every(p => {
            const d = n.canvasToDOM(p);
            return d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height;
        });
    }"""
    )
    assert inside
    wide_page.click("#langs button[data-lang='fr']")
    assert wide_page.evaluate("JSON.stringify(govgraph.network.getPositions())") == first
    assert wide_page.errors == []


@pytest.mark.parametrize(
    ("name", "model_path", "scenarios", "option"),
    [
        ("eu-council-hierarchy", EU, [], None),
        (
            "gc-organizations-ministers",
            ROOT / "fixtures" / "gc-federal-organizations.yaml",
            [],
            None,
        ),
        ("quick-wins-after", ROOT / "fixtures" / "joint-councils.yaml", [QUICK_WINS], "1"),
        ("quick-wins-side-by-side", ROOT / "fixtures" / "joint-councils.yaml", [QUICK_WINS], "1"),
    ],
)
def test_map_screenshots(wide_page, tmp_path, name, model_path, scenarios, option):
    """The screenshots in docs/images (refreshed with GOVGRAPH_SCREENSHOT_DIR=docs)."""
    out = tmp_path / f"{name}.html"
    export_html(load_model(model_path), out, scenarios=scenarios)
    open_map(wide_page, out)
    if option:
        wide_page.select_option("#frame", option)
    if name.endswith("side-by-side"):
        wide_page.select_option("#compare", "0")
    seen = on_screen(wide_page)
    assert seen["overlaps"] == 0 and seen["outside"] == 0 and seen["font"] >= 10
    png = tmp_path / f"{name}.png"
    wide_page.screenshot(path=str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get("GOVGRAPH_SCREENSHOT_DIR")
    if target:
        (Path(target) / "images").mkdir(exist_ok=True)
        shutil.copy(png, Path(target) / "images" / png.name)
    assert wide_page.errors == []


def test_export_svg_command(tmp_path):
    from click.testing import CliRunner

    from govgraph.cli import main

    out = tmp_path / "map.svg"
    model = str(ROOT / "fixtures" / "joint-councils.yaml")
    args = ["export", "svg", model, "-o", str(out), "--scenario", str(QUICK_WINS)]
    done = CliRunner().invoke(main, [*args, "--lang", "fr"])
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<svg") and "Gains rapides" in text and "déplacé" in text
    bad = tmp_path / "bad.svg"
    done = CliRunner().invoke(main, [*args[:4], str(bad), "--option", "3"])
    assert done.exit_code == 2 and not bad.exists()
    assert "option 3" in done.output
