"""What a reader sees in the page, in a real headless Chromium: descriptions in the
page's language (with the other as fallback), no raw code or attribute key in French in
any view's details, search that ignores accents in either language, text contrast,
and a legend that keys only what is drawn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govgraph.generate import generate_model
from govgraph.html import export_html
from govgraph.html.style import STYLE
from govgraph.html.svg import render_svg
from govgraph.model import GovernanceModel
from govgraph.vocabulary import RelationType
from tests.html.test_html_map import open_map

ROOT = Path(__file__).resolve().parents[2]
QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
#: codes that must never reach a French reader
RAW = re.compile(
    r"\b(?:" + "|".join(t.value for t in RelationType) + r"|[a-z]+_[a-z_]+|secretariat|"
    r"co_chair|co_create|modified|created|removed)\b"
)


def _details(page) -> str:
    return page.locator("#details").inner_text()


def test_details_show_the_page_language_description_with_fallback(wide_page, tmp_path):
    model = GovernanceModel.model_validate(
        {
            "entities": [
                {
                    "id": "jc",
                    "kind": "council",
                    "name": {"en": "Joint Councils", "fr": "Conseils mixtes"},
                    "description": {"en": "Two councils", "fr": "Deux conseils"},
                },
                {
                    "id": "wg",
                    "kind": "working_group",
                    "name": {"en": "WG"},
                    "description": {"fr": "Seulement en français"},
                },
                {"id": "tg", "kind": "working_group", "name": {"en": "TG"}, "description": "Plain"},
            ],
            "relationships": [
                {"from": "wg", "type": "REPORTS_TO", "to": "jc"},
                {"from": "tg", "type": "REPORTS_TO", "to": "jc"},
            ],
        }
    )
    out = tmp_path / "described.html"
    export_html(model, out, lang="fr")
    open_map(wide_page, out)
    wide_page.evaluate("govgraph.focus('jc')")
    assert "Deux conseils" in _details(wide_page) and "Two councils" not in _details(wide_page)
    wide_page.click("#langs button[data-lang='en']")
    wide_page.evaluate("govgraph.focus('jc')")
    assert "Two councils" in _details(wide_page) and "Deux conseils" not in _details(wide_page)
    wide_page.evaluate("govgraph.focus('wg')")
    assert "Seulement en français" in _details(wide_page)  # the other language as fallback
    wide_page.evaluate("govgraph.focus('tg')")
    assert "Plain" in _details(wide_page)
    assert wide_page.errors == []


def test_bundled_example_details_are_french_in_french(wide_page, tmp_path, example_model):
    out = tmp_path / "jc.html"
    export_html(example_model, out, lang="fr")
    open_map(wide_page, out)
    wide_page.evaluate("govgraph.focus('joint-councils')")
    assert "Le CPSSP et le CDPISP, unis depuis 1998" in _details(wide_page)
    assert wide_page.errors == []


def _french_texts(page) -> list[str]:
    """The page text, then the details of every box and every line drawn."""
    texts = [page.locator("body").inner_text()]
    for box in page.locator("#viewport .box").all():
        box.dispatch_event("click")
        texts.append(_details(page))
    for line in page.locator("#viewport path[data-edge]").all():
        line.dispatch_event("click")
        texts.append(_details(page))
    return texts


@pytest.mark.parametrize("option", ["0", "1"])
def test_french_hierarchy_details_show_no_raw_code(wide_page, tmp_path, example_model, option):
    out = tmp_path / "fr.html"
    export_html(example_model, out, lang="fr", scenarios=[QUICK_WINS])
    open_map(wide_page, out)
    wide_page.select_option("#frame", option)
    for text in _french_texts(wide_page):
        found = RAW.findall(text)
        assert not found, (found, text[:300])
    assert wide_page.errors == []


@pytest.mark.parametrize("view", ["network", "overlaps"])
def test_french_network_views_show_no_raw_code(wide_page, tmp_path, example_model, view):
    out = tmp_path / f"{view}.html"
    export_html(example_model, out, view=view, lang="fr")
    open_map(wide_page, out)
    texts = [wide_page.locator("body").inner_text()]
    for entity in example_model.entities:
        if wide_page.evaluate("id => govgraph.focus(id)", entity.id):
            texts.append(_details(wide_page))
    for text in texts:
        found = RAW.findall(text)
        assert not found, (found, text[:300])
    assert wide_page.errors == []


@pytest.mark.parametrize(
    ("lang", "query"), [("en", "strategie"), ("en", "Stratégie"), ("fr", "DIGITAL STRATEGY")]
)
def test_search_ignores_accents_in_either_language(wide_page, tmp_path, example_model, lang, query):
    out = tmp_path / "search.html"
    export_html(example_model, out, lang=lang)
    open_map(wide_page, out)
    wide_page.fill("#search", query)
    items = wide_page.locator("#results li").all_inner_texts()
    assert len(items) == len(set(items)) == 1
    assert wide_page.evaluate("q => govgraph.search(q)", query) == ["digital-strategy-wg"]
    assert wide_page.errors == []


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_box_and_glyph_text_contrast_is_at_least_4_5():
    label, faint = "#1a1a1a", "#555555"  # box labels, labels of faint (removed) boxes
    for name, status in STYLE["status"].items():
        assert _contrast(label, status["fill"]) >= 4.5, name
        assert _contrast(status["text"], "#ffffff") >= 4.5, name  # glyph on white
    for name, kind in STYLE["kinds"].items():
        assert _contrast(label, kind["fill"]) >= 4.5, name
    assert _contrast(faint, "#ffffff") >= 4.5


def test_legend_keys_only_the_kinds_and_lines_drawn(wide_page, tmp_path):
    model = generate_model(bodies=3000, people=300, seed=1)
    out = tmp_path / "big.html"
    export_html(model, out)
    open_map(wide_page, out)
    assert wide_page.evaluate("govgraph.collapsed().length") > 0
    drawn_kinds = set(wide_page.evaluate("govgraph.drawn.boxes.map(b => b.k)"))
    drawn_types = set(wide_page.evaluate("govgraph.drawn.lines.map(l => l.type)"))
    legend = wide_page.locator("#legend").inner_text()
    texts = wide_page.evaluate("govgraph.texts")
    for kind in STYLE["kinds"]:
        assert (texts[f"kind:{kind}"] in legend.split("\n")) == (kind in drawn_kinds), kind
    for rel_type in ("REPORTS_TO", "PART_OF"):
        assert (texts[f"type:{rel_type}"] in legend) == (rel_type in drawn_types), rel_type
    assert wide_page.errors == []


def _huge_model() -> GovernanceModel:
    huge = "Very long name " * 70_000  # about 1 MB
    return GovernanceModel.model_validate(
        {
            "entities": [
                {"id": "root", "kind": "council", "name": {"en": huge}},
                {"id": "constructor", "kind": "committee", "name": {"en": "C"}},
            ],
            "relationships": [{"from": "constructor", "type": "REPORTS_TO", "to": "root"}],
        }
    )


def test_a_huge_name_in_the_network_view_is_cut_with_the_whole_in_the_details(wide_page, tmp_path):
    out = tmp_path / "huge-network.html"
    export_html(_huge_model(), out, view="network")
    open_map(wide_page, out)
    label = wide_page.evaluate("govgraph.nodes.get('root').label")
    assert label.endswith("…") and len(label) < 100
    wide_page.evaluate("govgraph.focus('root')")
    assert len(_details(wide_page)) > 1_000_000
    wide_page.fill("#search", "very long")
    (item,) = wide_page.locator("#results li").all_inner_texts()
    assert len(item) < 200
    assert wide_page.errors == []


def test_a_huge_name_in_the_svg_is_cut():
    svg = render_svg(_huge_model())
    assert len(svg) < 20_000 and "…" in svg


@pytest.mark.parametrize("view", ["network", "overlaps"])
def test_prototype_ids_render_in_the_network_views(wide_page, tmp_path, view):
    ids = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "\u2063x"]
    model = GovernanceModel.model_validate(
        {
            "entities": [{"id": "root", "kind": "council", "name": {"en": "Root"}}]
            + [{"id": i, "kind": "committee", "name": {"en": f"Body {i}"}} for i in ids]
            + [{"id": "ann", "kind": "person", "name": {"en": "Ann"}}],
            "relationships": [{"from": i, "type": "REPORTS_TO", "to": "root"} for i in ids]
            + [{"from": "ann", "type": "MEMBER_OF", "to": i} for i in ["root", *ids]],
        }
    )
    out = tmp_path / f"proto-{view}.html"
    export_html(model, out, view=view)
    open_map(wide_page, out)
    positions = wide_page.evaluate("Object.values(govgraph.network.getPositions())")
    expected = len(model.entities) if view == "network" else len(ids) + 1
    assert len(positions) == expected
    assert all(
        isinstance(p["x"], int | float) and isinstance(p["y"], int | float) for p in positions
    )
    for entity_id in ids:
        assert wide_page.evaluate("id => govgraph.focus(id)", entity_id)
        assert f"Body {entity_id}" in _details(wide_page)
    assert wide_page.errors == []
