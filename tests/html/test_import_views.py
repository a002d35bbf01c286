"""The Government of Canada inventory's views in a real headless Chromium: the
hierarchy page (portfolios, their organizations, and the ministers they are
accountable to, drawn with their own line) and the network page draw without a
console error, in English and French."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govgraph.formats import load_model
from govgraph.html import export_html
from govgraph.temporal import as_of
from tests.helpers import wait_until_ready

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "fixtures" / "gc-federal-organizations.yaml"


def open_view(page, path: Path) -> None:
    page.goto(path.as_uri())
    wait_until_ready(page, 60)


@pytest.fixture(scope="module")
def inventory():
    return load_model(BUNDLED)


def test_hierarchy_draws_portfolios_and_ministers(page, page_log, inventory, tmp_path):
    out = tmp_path / "gc.html"
    export_html(inventory, out, view="hierarchy", lang="fr")
    open_view(page, out)
    part_of = [r for r in inventory.relationships if r.type.value == "PART_OF"]
    accountable = [r for r in inventory.relationships if r.type.value == "ACCOUNTABLE_TO"]
    # it opens folded to the portfolios (66 of them), each with its count below, the
    # smallest ones opened while the labels stay legible; the ministers above them
    drawn = page.evaluate("govgraph.drawn")
    portfolios = {r.to for r in part_of}
    parent = {r.from_: r.to for r in part_of}
    ids = {box["id"] for box in drawn["boxes"]}
    opened = {box for box in ids - portfolios if parent.get(box) in ids}
    assert ids <= portfolios | {r.to for r in accountable} | opened
    assert len(ids & portfolios) == len(portfolios) and len(opened) < 10
    assert page.evaluate("govgraph.collapsed().length") > 0
    # searching an organization unfolds its portfolio: every line then shown is a line
    # of the model
    page.evaluate("id => govgraph.focus(id)", "org-327")
    drawn = page.evaluate("govgraph.drawn")
    known = {(r.from_, r.to, r.type.value) for r in part_of + accountable}
    shown = {(line["ends"][0], line["ends"][1], line["type"]) for line in drawn["lines"]}
    assert ("org-327", "portfolio-2", "PART_OF") in shown and shown <= known
    assert "rend compte à" in page.content()
    assert page_log.problems == []


def test_network_view_holds_the_whole_inventory(page, page_log, inventory, tmp_path, cli):
    out = tmp_path / "gc-network.html"
    result = cli("export", "html", BUNDLED, "-o", out, "--view", "network", "--as-of", "all")
    assert result.exit_code == 0, result.output
    open_view(page, out)
    assert page.evaluate("[govgraph.nodes.length, govgraph.edges.length]") == [
        len(inventory.entities),
        len(inventory.relationships),
    ]
    today = as_of(inventory, date.today())  # by default, what holds today
    result = cli("export", "html", BUNDLED, "-o", out, "--view", "network")
    open_view(page, out)
    assert page.evaluate("[govgraph.nodes.length, govgraph.edges.length]") == [
        len(today.entities),
        len(today.relationships),
    ]
    assert len(today.entities) < len(inventory.entities)
    assert page_log.problems == []
