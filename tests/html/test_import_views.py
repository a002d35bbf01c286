"""The Government of Canada inventory's views in a real headless Chromium: the
hierarchy page (portfolios, their organizations, and the ministers they are
accountable to, drawn with their own line) and the network page draw without a
console error, in English and French."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.formats import load_model
from govgraph.html import export_html

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "fixtures" / "gc-federal-organizations.yaml"


def open_view(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("window.govgraph && window.govgraph.ready === true", timeout=60_000)


@pytest.fixture(scope="module")
def inventory():
    return load_model(BUNDLED)


def test_hierarchy_draws_portfolios_and_ministers(page, page_log, inventory, tmp_path):
    out = tmp_path / "gc.html"
    export_html(inventory, out, view="hierarchy", lang="fr")
    open_view(page, out)
    part_of = [r for r in inventory.relationships if r.type.value == "PART_OF"]
    accountable = [r for r in inventory.relationships if r.type.value == "ACCOUNTABLE_TO"]
    edges = page.evaluate("govgraph.edges.length")
    assert edges == len(part_of) + len(accountable)
    # the accountability line has its own style, and the legend names it
    dashes = page.evaluate(
        "govgraph.edges.get({filter: e => e.from === 'org-327' && e.to === 'minister-25'})"
        ".map(e => e.dashes)"
    )
    assert dashes and dashes[0] == [12, 4]
    assert "rend compte à" in page.content()
    # the page draws: the canvas has painted pixels
    painted = page.evaluate(
        "(() => { const c = document.querySelector('canvas'); const d = c.getContext('2d')"
        ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
        " for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()"
    )
    assert painted > 1000
    assert page_log.problems == []


def test_network_view_holds_the_whole_inventory(page, page_log, inventory, tmp_path, cli):
    out = tmp_path / "gc-network.html"
    result = cli("export", "html", BUNDLED, "-o", out, "--view", "network")
    assert result.exit_code == 0, result.output
    open_view(page, out)
    assert page.evaluate("[govgraph.nodes.length, govgraph.edges.length]") == [
        len(inventory.entities),
        len(inventory.relationships),
    ]
    assert page_log.problems == []
