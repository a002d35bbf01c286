"""Real structures written from public facts (``fixtures/real``), with questions an
analyst would ask and answers worked out by hand from the sources each record names."""

from __future__ import annotations

import json

import pytest

from govgraph.checks import check_model
from govgraph.formats import load_model
from tests.helpers import ROOT

REAL = ROOT / "fixtures" / "real"
EU = REAL / "council-of-the-eu.yaml"
ONTARIO = REAL / "ontario-legislature.yaml"

CONFIGURATIONS = {"gac", "fac", "ecofin", "jha", "epsco", "compet", "tte", "agrifish", "envi",
                  "eycs"}  # fmt: skip
CURRENT_COMMITTEES = {
    "finance-economic-affairs", "government-agencies", "heritage-infrastructure-culture",
    "interior", "justice-policy", "procedure-house-affairs", "public-accounts", "social-policy",
}  # fmt: skip
OFFICERS = {"auditor-general", "financial-accountability-office", "ombudsman",
            "integrity-commissioner", "elections-ontario"}  # fmt: skip


def _json(cli, *args):
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", [EU, ONTARIO], ids=["eu", "ontario"])
def test_every_record_names_its_source_and_the_model_has_no_errors(path):
    model = load_model(path)
    assert all(e.source for e in model.entities)
    assert all(r.source for r in model.relationships)
    assert not [f for f in check_model(model) if f.is_error]


# ── Council of the EU ────────────────────────────────────────────────────────────────


def test_eu_which_bodies_report_formally_to_the_council(cli):
    rows = _json(cli, "subordinates", EU, "council-of-the-eu", "--depth", "1", "--types",
                 "REPORTS_TO")["subordinates"]  # fmt: skip
    assert {r["id"] for r in rows} == {"coreper-i", "coreper-ii", "psc", "sca"}
    assert {r["line"] for r in rows} == {"REPORTS_TO"}


def test_eu_what_is_part_of_the_council_and_what_sits_under_it(cli):
    parts = _json(cli, "subordinates", EU, "Council", "--types", "PART_OF")["subordinates"]
    assert {r["id"] for r in parts} == CONFIGURATIONS
    everything = _json(cli, "subordinates", EU, "council-of-the-eu")["subordinates"]
    assert len(everything) == 10 + 4 + 10  # configurations, committees, working parties
    assert {r["id"] for r in everything if r["depth"] == 2} == {
        "mertens-group", "wp-environment", "wp-telecommunications", "wp-competitiveness",
        "antici-group", "wp-financial-services", "wp-general-affairs", "relex",
        "nicolaidis-group", "wp-horizontal-agriculture",
    }  # fmt: skip


def test_eu_who_the_general_secretariat_supports(cli):
    rows = _json(cli, "links", EU, "GSC", "--type", "SUPPORTS", "--direction", "out")["links"]
    assert len({r["other"] for r in rows}) == 15  # the Council, 4 committees, 10 parties
    assert {"council-of-the-eu", "coreper-i", "coreper-ii", "psc", "sca"} <= {
        r["other"] for r in rows
    }


def test_eu_chains_and_names(cli):
    answer = _json(cli, "chain", EU, "Groupe Mertens")
    assert answer["chains"] == [["mertens-group", "coreper-i", "council-of-the-eu"]]
    assert answer["lines"] == [[["REPORTS_TO"], ["REPORTS_TO"]]]
    assert _json(cli, "chain", EU, "cops")["chains"] == [["psc", "council-of-the-eu"]]
    found = _json(cli, "find", EU, "ecofin")["matches"]
    assert found[0]["id"] == "ecofin"


def test_eu_member_states_by_date(cli):
    today = _json(cli, "coverage", EU, "coreper-ii")["coverage"]["coreper-ii"]
    assert len(today["direct"]) == 27 and today["missing"] == []
    before_brexit = _json(cli, "members", EU, "council-of-the-eu", "--as-of", "2019")["members"]
    assert len(before_brexit) == 28 and "united-kingdom" in {m["id"] for m in before_brexit}
    before_croatia = _json(cli, "members", EU, "council-of-the-eu", "--as-of", "2013-06")
    assert len(before_croatia["members"]) == 27  # 28 states then, but not yet Croatia
    assert "croatia" not in {m["id"] for m in before_croatia["members"]}


# ── Legislative Assembly of Ontario ──────────────────────────────────────────────────


def test_ontario_which_bodies_report_formally_to_the_assembly_today(cli):
    rows = _json(cli, "subordinates", ONTARIO, "legislative-assembly", "--depth", "1",
                 "--types", "REPORTS_TO")["subordinates"]  # fmt: skip
    assert {r["id"] for r in rows} == CURRENT_COMMITTEES | OFFICERS


def test_ontario_the_committees_of_the_42nd_parliament(cli):
    rows = _json(cli, "list", ONTARIO, "--kind", "committee", "--as-of", "2020")["entities"]
    assert {r["id"] for r in rows} == {
        "committee-of-the-whole", "finance-economic-affairs", "government-agencies",
        "justice-policy", "public-accounts", "social-policy", "general-government",
        "legislative-assembly-committee", "regulations-private-bills",
    }  # fmt: skip
    between = _json(cli, "list", ONTARIO, "--kind", "committee", "--as-of", "2022-06")
    assert "interior" not in {r["id"] for r in between["entities"]}  # not yet appointed
    assert "general-government" not in {r["id"] for r in between["entities"]}  # dissolved


def test_ontario_support_and_the_public_accounts_committee(cli):
    supported = _json(cli, "links", ONTARIO, "office-of-the-assembly", "--type", "SUPPORTS",
                      "--direction", "out")["links"]  # fmt: skip
    assert {r["other"] for r in supported} == CURRENT_COMMITTEES | {"legislative-assembly"}
    helpers = _json(cli, "links", ONTARIO, "Comité permanent des comptes publics", "--type",
                    "SUPPORTS", "--direction", "in")["links"]  # fmt: skip
    assert {(r["other"], r["service"]) for r in helpers} == {
        ("office-of-the-assembly", "secretariat"),
        ("auditor-general", "research"),
    }


def test_ontario_health_today_finds_only_the_assemblys_wide_span(cli):
    """8 standing committees, 5 officers and the Committee of the Whole: 14 > 12."""
    result = cli("health", ONTARIO, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [(f["code"], f["entities"]) for f in data["findings"]] == [
        ("span-over-limit", ["legislative-assembly"])
    ]
    assert "has 14 bodies reporting to it" in data["findings"][0]["message"]
    assert (
        json.loads(cli("health", ONTARIO, "--format", "json", "--max-span", "14").stdout)[
            "findings"
        ]
        == []
    )
