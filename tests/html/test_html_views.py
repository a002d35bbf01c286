"""The HTML views in a real headless Chromium with the network blocked: each view
loads, vis-network holds the expected nodes and edges, the console stays quiet,
hostile names execute nothing, search, filter, language and option switches work,
and a screenshot of the Joint Councils hierarchy is produced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from govgraph.analysis import overlaps
from govgraph.graph import to_graph
from govgraph.html import export_html, view_data
from govgraph.model import GovernanceModel
from govgraph.temporal import as_of
from govgraph.vocabulary import BODY_KINDS, GOVERNING_KINDS, HIERARCHY_TYPES
from tests.helpers import wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
CONSOLIDATION = ROOT / "fixtures" / "scenarios" / "digital-consolidation.yaml"


def open_view(page, path: Path) -> None:
    page.goto(path.as_uri())
    wait_until_ready(page, 30)


def counts(page) -> tuple[int, int]:
    return tuple(page.evaluate("[govgraph.nodeCount(), govgraph.visibleEdgeCount()]"))


def drawn_line(page, child: str, parent: str) -> dict:
    """The SVG path drawn for the line child → parent in the hierarchy view."""
    return page.evaluate(
        """([child, parent]) => {
            const f = govgraph.drawn.lines.find(l => {
                const e = document.querySelector(`path[data-edge="${l.id}"]`);
                return e && l.ends[0] === child && l.ends[1] === parent;
            });
            if (!f) return null;
            const path = document.querySelector(`path[data-edge="${f.id}"]`);
            return {status: f.st, dash: path.getAttribute("stroke-dasharray"),
                    stroke: path.getAttribute("stroke"),
                    opacity: path.getAttribute("stroke-opacity")};
        }""",
        [child, parent],
    )


def box_status(page, entity_id: str, ghost: bool = False) -> str | None:
    found = page.evaluate(
        "([id, ghost]) => govgraph.drawn.boxes.filter(b => b.id === id && b.ghost === ghost)"
        ".map(b => b.st)",
        [entity_id, ghost],
    )
    return found[0] if found else None


def expected_hierarchy(model: GovernanceModel) -> tuple[int, int]:
    bodies = {e.id: e for e in model.entities if e.kind in BODY_KINDS}
    lines = [
        r
        for r in model.relationships
        if r.type in HIERARCHY_TYPES and r.from_ in bodies and r.to in bodies
    ]
    linked = {r.from_ for r in lines} | {r.to for r in lines}
    shown = [e for e in bodies.values() if e.kind in GOVERNING_KINDS or e.id in linked]
    return len(shown), len(lines)


def test_hierarchy_loads_offline_with_expected_counts(page, page_log, example_model, tmp_path):
    out = tmp_path / "hierarchy.html"
    export_html(example_model, out, view="hierarchy")
    open_view(page, out)
    assert counts(page) == expected_hierarchy(example_model)
    # the informal line of the Joint Councils WG is drawn dashed, formal ones solid
    assert drawn_line(page, "joint-councils-wg", "joint-councils")["dash"] == "7 5"
    assert drawn_line(page, "digital-strategy-wg", "pscioc")["dash"] is None
    # layered top-down: the Joint Councils above PSSDC above its working groups
    levels = page.evaluate(
        "['joint-councils', 'pssdc', 'data-driven-intelligence-wg']"
        ".map(id => govgraph.drawn.boxes.find(b => b.id === id).y)"
    )
    assert levels[0] < levels[1] < levels[2]
    assert page_log.problems == []


def test_network_view_holds_every_entity_and_relationship(page, page_log, example_model, tmp_path):
    out = tmp_path / "network.html"
    export_html(example_model, out, view="network")
    open_view(page, out)
    assert counts(page) == (len(example_model.entities), len(example_model.relationships))
    widths = page.evaluate(
        "Object.fromEntries(govgraph.edges.get().filter(e => e.id).map(e => [e.id, e.width]))"
    )
    data = view_data(example_model, view="network")["frames"][0]["edges"]
    by_level = {}
    for edge in data:
        if edge.get("le"):
            by_level.setdefault(edge["le"], set()).add(widths[edge["id"]])
    assert by_level, "the example has ENGAGES_WITH lines"
    order = ["inform", "exchange", "collaborate", "co_create"]
    present = [max(by_level[level]) for level in order if level in by_level]
    assert present == sorted(present) and len(set(present)) == len(present)
    assert page_log.problems == []


def test_overlaps_view_matches_the_analysis(page, page_log, example_model, tmp_path):
    out = tmp_path / "overlaps.html"
    export_html(example_model, out, view="overlaps")
    open_view(page, out)
    rows = overlaps(to_graph(example_model), by="both")
    bodies = {row["a"] for row in rows} | {row["b"] for row in rows}
    assert counts(page) == (len(bodies), len(rows))
    strongest = max(rows, key=lambda row: row["jaccard"])
    weakest = min(rows, key=lambda row: row["jaccard"])
    width = (
        "(a, b) => govgraph.edges.get({filter: e => (e.from === a && e.to === b)"
        " || (e.from === b && e.to === a)})[0].width"
    )
    assert page.evaluate(f"({width})('{strongest['a']}', '{strongest['b']}')") > page.evaluate(
        f"({width})('{weakest['a']}', '{weakest['b']}')"
    )
    assert page_log.problems == []


def test_scenario_options_are_colour_coded(page, page_log, example_model, tmp_path):
    out = tmp_path / "options.html"
    export_html(example_model, out, view="hierarchy", scenarios=[QUICK_WINS, CONSOLIDATION])
    open_view(page, out)
    assert page.evaluate("govgraph.frameCount") == 3
    assert page.locator("#frame option").count() == 3
    page.select_option("#frame", "1")  # the quick wins
    assert box_status(page, "data-driven-intelligence-wg") == "moved"
    assert box_status(page, "data-driven-intelligence-wg", ghost=True) == "moved"  # old place
    assert box_status(page, "digital-strategy-wg") == "unchanged"
    # the new line to the Joint Councils is green, the old one to PSSDC faint orange
    new_line = drawn_line(page, "data-driven-intelligence-wg", "joint-councils")
    old_line = drawn_line(page, "data-driven-intelligence-wg", "pssdc")
    assert (new_line["status"], new_line["stroke"]) == ("created", "#009E73")
    assert (old_line["status"], old_line["stroke"]) == ("removed", "#D55E00")
    assert float(old_line["opacity"]) < 1
    assert "Data-Driven Intelligence" in page.locator("#changes").inner_text()
    page.select_option("#frame", "2")  # the consolidation abolishes the DDI WG
    assert box_status(page, "data-driven-intelligence-wg") == "removed"
    page.select_option("#frame", "0")
    assert counts(page) == expected_hierarchy(as_of(example_model, "2026-04-01"))
    assert page_log.problems == []


def test_search_focuses_a_body_and_filter_hides_a_type(page, page_log, example_model, tmp_path):
    out = tmp_path / "network.html"
    export_html(example_model, out, view="network")
    open_view(page, out)
    page.fill("#search", "digital strat")
    assert page.locator("#results li").first.inner_text().startswith("Digital Strategy")
    page.press("#search", "Enter")
    assert page.evaluate("govgraph.network.getSelectedNodes()") == ["digital-strategy-wg"]
    assert "Digital Strategy Working Group" in page.locator("#details").inner_text()

    members = sum(r.type.value == "MEMBER_OF" for r in example_model.relationships)
    total = len(example_model.relationships)
    assert page.evaluate("govgraph.visibleEdgeCount()") == total
    page.locator("#filters input[data-type='MEMBER_OF']").uncheck()
    assert page.evaluate("govgraph.visibleEdgeCount()") == total - members
    hidden = page.evaluate("govgraph.edges.get({filter: e => e.hidden}).length")
    assert hidden == members
    page.locator("#filters input[data-type='MEMBER_OF']").check()
    assert page.evaluate("govgraph.visibleEdgeCount()") == total
    assert page_log.problems == []


def test_language_switch_changes_labels_and_page_text(page, page_log, example_model, tmp_path):
    out = tmp_path / "hierarchy.html"
    export_html(example_model, out, view="hierarchy", lang="en")
    open_view(page, out)
    label = page.locator('#viewport .box[data-id="pssdc"] > text.label')
    assert label.text_content() == "Public Sector ServiceDelivery Council"
    page.click("#langs button[data-lang='fr']")
    assert label.text_content().startswith("Conseil sur la")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert "Gouvernance des conseils mixtes" in page.locator("#title").inner_text()
    assert "Groupe de travail" in page.locator("#legend").inner_text()
    page.locator('#viewport .box[data-id="pssdc"] > text.label').click()
    assert (
        "Conseil sur la prestation des services du secteur public"
        in page.locator("#details").inner_text()
    )
    assert page_log.problems == []


def test_french_export_opens_in_french(page, page_log, example_model, tmp_path):
    out = tmp_path / "fr.html"
    export_html(example_model, out, view="network", lang="fr", focus="pssdc", depth=1)
    open_view(page, out)
    assert page.evaluate("govgraph.nodes.get('pssdc').label") == "CPSSP"
    assert page.get_attribute("#search", "placeholder") == "Rechercher un organe…"
    degree = {r.to for r in example_model.relationships if r.from_ == "pssdc"} | {
        r.from_ for r in example_model.relationships if r.to == "pssdc"
    }
    assert counts(page)[0] == len(degree | {"pssdc"})
    assert page_log.problems == []


HOSTILE_NAMES = [
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "</script><script>window.__pwned=2;alert(2)</script>",
    "<svg onload=window.__pwned=3>",
    "\u2028</script><!-- '\"` }) DETACH DELETE n //",
    "javascript:alert(4) https://evil.example/x.js",
]


def hostile_model() -> GovernanceModel:
    entities = [
        {
            "id": f"body-{i}" if i else '"><img src=x onerror=window.__pwned=5>',
            "kind": "council" if i == 0 else "working_group",
            "name": {"en": name, "fr": name[::-1]},
            "acronym": {"en": name},
            "description": HOSTILE_NAMES[(i + 1) % len(HOSTILE_NAMES)],
            "source": HOSTILE_NAMES[(i + 2) % len(HOSTILE_NAMES)],
            "tags": ["<b onmouseover=alert(6)>x</b>"],
            "attributes": {"<img src=x onerror=alert(7)>": "<script>alert(8)</script>"},
        }
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    root = entities[0]["id"]
    relationships = [
        {"from": e["id"], "type": "REPORTS_TO", "to": root, "source": HOSTILE_NAMES[1]}
        for e in entities[1:]
    ]
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})


@pytest.mark.parametrize("view", ["hierarchy", "network"])
def test_hostile_names_show_as_text_and_run_nothing(page, page_log, tmp_path, view):
    model = hostile_model()
    out = tmp_path / "hostile.html"
    export_html(model, out, view=view)
    html = out.read_text(encoding="utf-8")
    assert "</script><script>window" not in html and "<img src=x" not in html
    open_view(page, out)
    assert counts(page) == (len(model.entities), len(model.relationships))
    if view == "hierarchy":
        labels = page.locator("#viewport .box > text.label").all_text_contents()
        assert len(labels) == len(HOSTILE_NAMES)
        for lang in ("en", "fr"):
            page.evaluate(f"govgraph.setLang('{lang}')")
            for entity in model.entities:
                assert page.evaluate("id => govgraph.focus(id)", entity.id)
                assert entity.name.get(lang) in page.locator("#details").inner_text()
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('img, svg[onload], b').length") == 0
        assert page_log.problems == []
        return
    labels = page.evaluate("govgraph.nodes.get().map(n => n.label)")
    assert set(labels) == set(HOSTILE_NAMES)
    # render every tooltip and the details panel, in both languages, and hover nodes
    for lang in ("en", "fr"):
        page.evaluate(f"govgraph.setLang('{lang}')")
        for entity in model.entities:
            page.evaluate("id => govgraph.focus(id)", entity.id)
            page.evaluate(
                "id => document.body.appendChild(govgraph.nodes.get(id).title)", entity.id
            )
            position = page.evaluate(
                "id => govgraph.network.canvasToDOM(govgraph.network.getPosition(id))",
                entity.id,
            )
            box = page.locator("#graph").bounding_box()
            page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
            page.wait_for_timeout(200)
        for edge_id in page.evaluate("govgraph.edges.getIds()"):
            page.evaluate("id => document.body.appendChild(govgraph.edges.get(id).title)", edge_id)
    page.wait_for_timeout(300)
    text = page.locator("body").inner_text()
    assert "<img src=x onerror=" in text and "</script><script>" in text
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, svg[onload], b').length") == 0
    assert page_log.problems == []


def test_large_view_uses_precomputed_layout(page, page_log, tmp_path):
    from govgraph.generate import generate_model

    model = generate_model(bodies=400, people=600, seed=3)
    out = tmp_path / "large.html"
    stats = export_html(model, out, view="network")
    assert stats["layout"] == "preset"
    open_view(page, out)
    assert counts(page) == (len(model.entities), len(model.relationships))
    assert page.evaluate("govgraph.network.physics.options.enabled") is False
    assert page_log.problems == []


def test_joint_councils_hierarchy_screenshot(page, page_log, example_model, tmp_path):
    out = tmp_path / "joint-councils-hierarchy.html"
    export_html(example_model, out, view="hierarchy", as_of="2018-01-01")
    open_view(page, out)
    page.wait_for_timeout(300)
    png = tmp_path / "joint-councils-hierarchy.png"
    page.screenshot(path=str(png))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert page_log.problems == []
    target = os.environ.get("GOVGRAPH_SCREENSHOT_DIR")
    if target:  # refresh the committed docs/joint-councils-hierarchy.png
        shutil.copy(png, Path(target) / png.name)
