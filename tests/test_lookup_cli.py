"""``links``, ``find`` and ``list`` on the bundled example, with answers read from the
fixture by hand."""

from __future__ import annotations

import json
from datetime import date

import pytest

from govgraph.analysis.lookup import fold, resolve_entity
from govgraph.errors import InputError, UnknownEntityError
from govgraph.formats import load_model
from govgraph.graph import to_graph


def _json(cli, *args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_links_answers_who_supports_a_body(cli, example_path):
    answer = _json(cli, "links", example_path, "iccs", "--type", "SUPPORTS", "--direction", "out")
    assert answer["as_of"] == date.today().isoformat()
    assert {(r["other"], r["service"]) for r in answer["links"]} == {
        ("joint-councils", "secretariat"),
        ("joint-councils", "research"),
    }
    inbound = _json(cli, "links", example_path, "joint-councils", "--type", "PART_OF",
                    "--direction", "in")  # fmt: skip
    assert {r["other"] for r in inbound["links"]} == {"pssdc", "pscioc"}
    assert all(r["direction"] == "in" for r in inbound["links"])


def test_links_by_acronym_in_every_format(cli, example_path):
    table = cli("links", example_path, "ISAC", "--type", "SUPPORTS,FOUNDED", "--lang", "fr")
    assert table.exit_code == 0 and table.stdout.startswith("En date du ")
    assert "soutient →" in table.stdout and "← a fondé" in table.stdout
    csv = cli("links", example_path, "iccs", "--format", "csv").stdout.splitlines()
    assert csv[0].split(",")[:3] == ["direction", "type", "other"] and csv[0].endswith("as_of")
    bad = cli("links", example_path, "iccs", "--type", "FUNDS")
    assert bad.exit_code == 2 and "unknown relationship type 'FUNDS'" in bad.stderr


def test_find_ignores_case_and_accents_in_both_languages(cli, example_path):
    found = _json(cli, "find", example_path, "PRESTATION DES SERVICES")["matches"]
    assert "pssdc" in [r["id"] for r in found]
    accents = _json(cli, "find", example_path, "quebec")["matches"]
    assert accents[0]["id"] == "quebec"
    by_acronym = _json(cli, "find", example_path, "cpssp", "--kind", "council")["matches"]
    assert by_acronym == [{"id": "pssdc", "kind": "council", "matched": "acronym.fr",
                           "text": "CPSSP"}]  # fmt: skip
    assert "Nothing found" in cli("find", example_path, "zzzz").stdout
    assert cli("find", example_path, "  ").exit_code == 2


def test_find_and_list_answer_as_of_a_date(cli, example_path):
    assert _json(cli, "find", example_path, "framework")["matches"] == []  # ended in 2018
    history = _json(cli, "find", example_path, "framework", "--as-of", "all")["matches"]
    assert [r["id"] for r in history] == ["framework-wg"]
    today = {
        r["id"] for r in _json(cli, "list", example_path, "--kind", "working_group")["entities"]
    }
    assert "framework-wg" not in today and "data-driven-intelligence-wg" in today
    in_2017 = _json(cli, "list", example_path, "--kind", "working_group", "--as-of", "2017")
    assert "framework-wg" in {r["id"] for r in in_2017["entities"]}
    councils = _json(cli, "list", example_path, "--kind", "council")["entities"]
    assert [r["id"] for r in councils] == ["joint-councils", "pssdc", "pscioc"]


def test_resolve_by_name_or_acronym_and_ambiguity(example_path):
    graph = to_graph(load_model(example_path))
    assert resolve_entity(graph, "PSCIOC") == "pscioc"
    assert resolve_entity(graph, "conseils mixtes") == "joint-councils"
    with pytest.raises(UnknownEntityError, match="did you mean 'pssdc'"):
        resolve_entity(graph, "Public Sector Service Delivery Counsil")
    graph.nodes["pscioc"]["acronym"] = {"en": "PSSDC"}  # two bodies called PSSDC
    with pytest.raises(InputError, match="could be 'pscioc', 'pssdc'"):
        resolve_entity(graph, "pssdc ")
    assert fold("Île-du-Prince-Édouard") == "ile-du-prince-edouard"


def test_a_made_up_short_form_suggests_the_body_whose_initials_it_is(cli, example_path):
    """``ddi-wg`` is nobody's id or acronym, but it is the initials of the
    Data-Driven Intelligence Working Group: the error suggests it."""
    result = cli("chain", example_path, "ddi-wg")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: unknown id 'ddi-wg'; did you mean 'data-driven-intelligence-wg'?"
    )
    assert cli("chain", example_path, "x").exit_code == 2  # one letter suggests nothing


def test_the_maps_focus_takes_an_acronym_or_a_name(cli, example_path, tmp_path):
    from tests.html.test_html_export import embedded_data

    page = tmp_path / "pssdc.html"
    result = cli("export", "html", example_path, "-o", page, "--focus", "cpssp", "--depth", "1")
    assert result.exit_code == 0, result.stderr
    assert embedded_data(page.read_text(encoding="utf-8"))["focus"] == "pssdc"
    picture = tmp_path / "ddi.svg"
    name = "Data-Driven Intelligence Working Group"
    assert cli("export", "svg", example_path, "-o", picture, "--focus", name).exit_code == 0
    assert name in picture.read_text(encoding="utf-8")
    never = tmp_path / "never.svg"
    result = cli("export", "svg", example_path, "-o", never, "--focus", "ddi-wg")
    assert result.exit_code == 2 and "did you mean 'data-driven-intelligence-wg'" in result.stderr
    assert not never.exists()
