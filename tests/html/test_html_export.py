"""The exported file itself and the ``govgraph export html`` command: self-contained
(no remote reference), data embedded safely, atomic, bad input refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.errors import InputError, UnknownEntityError
from govgraph.html import export_html, render_html, view_data
from govgraph.html.page import safe_json
from tests.strategies import models

SCENARIOS = Path(__file__).resolve().parents[2] / "fixtures" / "scenarios"


def embedded_data(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="govgraph-data">(.*?)</script>', html, re.S
    )
    assert match
    return json.loads(match.group(1))


@pytest.mark.parametrize("view", ["hierarchy", "network", "overlaps"])
def test_no_remote_reference_anywhere(example_model, tmp_path, view):
    out = tmp_path / f"{view}.html"
    export_html(example_model, out, view=view, scenarios=[SCENARIOS / "quick-wins.yaml"])
    html = out.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", html)
    assert html.count("<script") == 4  # the data, vis-network, the tree layout, the page


def test_embedded_json_round_trips_and_never_closes_the_script(example_model):
    model = example_model.model_copy(
        update={
            "entities": (
                example_model.entities[0].model_copy(
                    update={"description": "</script><!-- \u2028\u2029 & <b> https://x"}
                ),
                *example_model.entities[1:],
            )
        }
    )
    html = render_html(model, view="network")
    data = embedded_data(html)
    first = next(n for n in data["frames"][0]["nodes"] if n["id"] == model.entities[0].id)
    assert first["d"] == "</script><!-- \u2028\u2029 & <b> https://x"
    payload = html.split('id="govgraph-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&\u2028\u2029") & set(payload)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_random_hostile_models_embed_losslessly(model):
    data = json.loads(safe_json(view_data(model, view="network")))
    nodes = data["frames"][0]["nodes"]
    assert [n["id"] for n in nodes] == [e.id for e in model.entities]
    for node, entity in zip(nodes, model.entities, strict=True):
        name = node["n"] if isinstance(node["n"], str) else node["n"][0]
        assert name == entity.name.get("en")


def test_cli_writes_the_page(cli, example_path, tmp_path):
    out = tmp_path / "jc.html"
    result = cli(
        "export",
        "html",
        example_path,
        "-o",
        out,
        "--view",
        "network",
        "--lang",
        "fr",
        "--focus",
        "pssdc",
        "--depth",
        "1",
        "--as-of",
        "2017",
    )
    assert result.exit_code == 0, result.stderr
    assert "network" in result.stderr and out.exists()
    data = embedded_data(out.read_text(encoding="utf-8"))
    assert data["lang"] == "fr" and data["focus"] == "pssdc" and data["as_of"] == "2017-01-01"


def test_cli_with_scenarios_has_one_frame_per_option(cli, example_path, tmp_path):
    out = tmp_path / "options.html"
    result = cli(
        "export",
        "html",
        example_path,
        "-o",
        out,
        "--scenario",
        SCENARIOS / "quick-wins.yaml",
        "--scenario",
        SCENARIOS / "digital-consolidation.yaml",
    )
    assert result.exit_code == 0, result.stderr
    frames = embedded_data(out.read_text(encoding="utf-8"))["frames"]
    assert [f["name"][0] for f in frames] == ["Baseline", "Quick wins", "Digital consolidation"]
    moved = {n["id"] for n in frames[1]["nodes"] if n.get("st") == "moved"}
    assert moved == {"data-driven-intelligence-wg", "pssdc-business-services-wg"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "psdc"], "psdc"),
        (["--view", "tree"], "tree"),
        (["--depth", "-1"], "depth"),
        (["--as-of", "2017-13"], "as-of"),
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(cli, example_path, tmp_path, args, message):
    out = tmp_path / "never.html"
    result = cli("export", "html", example_path, "-o", out, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_cli_bad_model_exits_2(cli, tmp_path):
    bad = Path(__file__).resolve().parents[1] / "bad_inputs" / "unknown_kind.yaml"
    out = tmp_path / "never.html"
    result = cli("export", "html", bad, "-o", out)
    assert result.exit_code == 2 and "unknown_kind.yaml:" in result.stderr
    assert not out.exists()


def test_failed_export_leaves_the_previous_file(example_model, tmp_path):
    out = tmp_path / "jc.html"
    out.write_text("previous", encoding="utf-8")
    with pytest.raises(UnknownEntityError):
        export_html(example_model, out, focus="no-such-body")
    with pytest.raises(InputError):
        export_html(example_model, out, focus="alberta", view="hierarchy")  # not a body
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["jc.html"]


def test_cli_bad_scenario_names_file_and_line(cli, example_path, tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(
        "name: {en: x}\noperations:\n  - move: {body: nope, to: pssdc}\n", encoding="utf-8"
    )
    out = tmp_path / "never.html"
    result = cli("export", "html", example_path, "-o", out, "--scenario", scenario)
    assert result.exit_code == 2
    assert f"{scenario}:3:" in result.stderr and "nope" in result.stderr
    assert not out.exists()
