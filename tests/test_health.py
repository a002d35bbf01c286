"""govgraph health: validator + analysis findings + user rules, and its exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.errors import InputError
from govgraph.findings import Severity
from govgraph.generate import generate_model
from govgraph.health import HealthLimits, health
from govgraph.rules import parse_rules
from tests.factory import entity, model, rel
from tests.helpers import ROOT
from tests.strategies import models

RULES_FILE = ROOT / "fixtures" / "rules" / "governance-rules.yaml"


def codes(findings):
    return [(f.code, f.entities) for f in findings]


def test_the_example_is_healthy_but_for_the_decks_complaints(example_model):
    findings = health(example_model)
    assert {f.code for f in findings} == {"no-formal-parent", "no-support"}
    assert not any(f.is_error for f in findings)


def test_span_and_depth_over_limits():
    m = model(
        [entity("jc"), entity("c"), *(entity(f"wg{i}", "working_group") for i in range(4))],
        [rel("c", "PART_OF", "jc"), *(rel(f"wg{i}", "REPORTS_TO", "c") for i in range(3)),
         rel("wg3", "REPORTS_TO", "wg0")],
    )  # fmt: skip
    found = health(m, limits={"max_span": 2, "max_depth": 2})
    assert ("span-over-limit", ("c",)) in codes(found)
    span = next(f for f in found if f.code == "span-over-limit")
    assert span.message_en == "'c' has 3 bodies reporting to it (limit 2)"
    assert "3 organes qui en relèvent" in span.message_fr
    assert [f.entities for f in found if f.code == "depth-over-limit"] == [("wg3",)]
    relaxed = health(m, limits=HealthLimits(max_span=3, max_depth=3))
    assert not {"span-over-limit", "depth-over-limit"} & {f.code for f in relaxed}


def test_overlapping_mandates():
    people = [entity(f"p{i}", "person") for i in range(5)]
    m = model(
        [entity("a", "committee"), entity("b", "committee"), entity("c", "committee"),
         entity("x", "priority"), *people],
        [*(rel(f"p{i}", "MEMBER_OF", "a") for i in range(4)),
         *(rel(f"p{i}", "MEMBER_OF", "b") for i in range(4)),
         rel("a", "ADVANCES", "x"), rel("b", "ADVANCES", "x"),
         rel("p0", "MEMBER_OF", "c"), rel("p4", "MEMBER_OF", "c")],
    )  # fmt: skip
    found = [f for f in health(m) if f.code == "overlapping-mandates"]
    assert codes(found) == [("overlapping-mandates", ("a", "b"))]
    assert "Jaccard 1.00" in found[0].message_en
    assert "4 shared members" in found[0].message_en and "1 shared priority (x)" in (
        found[0].message_en
    )
    # at least overlap_min_shared items in common: a pair sharing two is not listed
    assert not [f for f in health(m, limits={"overlap_min_shared": 6}) if f.entities == ("a", "b")]
    # a lower threshold adds the weaker pair a-c (1 shared of 5: 0.2) only if enough is shared
    weaker = health(m, limits={"overlap_jaccard": 0.1, "overlap_min_shared": 1})
    assert ("overlapping-mandates", ("a", "c")) in codes(weaker)


def test_ended_bodies_still_referenced():
    m = model(
        [entity("old", "committee", valid_from="2010", valid_to="2015"),
         entity("p", "person"), entity("q", "person"), entity("r", "person"),
         entity("done", "priority", valid_to="2012"),
         entity("new", "committee", valid_from="2016")],
        [rel("p", "MEMBER_OF", "old", valid_from="2012", valid_to="2018"),  # past the end
         rel("q", "MEMBER_OF", "old", valid_from="2016"),  # starts after the end
         rel("r", "MEMBER_OF", "old"),  # undated: ends with the body, fine
         rel("old", "ADVANCES", "done", valid_from="2010", valid_to="2012"),
         rel("new", "SUCCEEDS", "old", valid_from="2016")],  # history, meant to outlive
    )  # fmt: skip
    found = [f for f in health(m) if f.code == "ended-still-referenced"]
    assert codes(found) == [("ended-still-referenced", ("old",))]
    assert "ended on 2015-12-31 but 2 relationships go on" in found[0].message_en
    assert "p MEMBER_OF old" in found[0].message_en and "q MEMBER_OF old" in found[0].message_en
    assert found[0].record == ("entities", 0)
    # as of 2017: ended before, and both dated memberships still valid that day
    in_2017 = [f for f in health(m, as_of="2017") if f.code == "ended-still-referenced"]
    assert "2 relationships" in in_2017[0].message_en
    # as of 2014 the body had not ended
    assert not [f for f in health(m, as_of="2014") if f.code == "ended-still-referenced"]


def test_working_groups_with_support_but_no_secretariat():
    m = model(
        [entity("jc"), entity("org", "organization"),
         entity("funded", "working_group"), entity("served", "working_group"),
         entity("inherits", "working_group"), entity("bare", "working_group")],
        [rel("org", "SUPPORTS", "funded", service="funding"),
         rel("org", "SUPPORTS", "served", service="secretariat"),
         rel("org", "SUPPORTS", "jc", service="secretariat"),
         rel("inherits", "PART_OF", "jc"),
         *(rel(wg, "REPORTS_TO", "jc") for wg in ("funded", "served", "bare"))],
    )  # fmt: skip
    found = health(m)
    assert [f.entities for f in found if f.code == "no-secretariat"] == [("funded",)]
    # no support at all is the validator's no-support, not repeated
    assert [f.entities for f in found if f.code == "no-support"] == [("bare",)]


def test_user_rules_from_the_model_and_from_arguments(example_model):
    with_rules = example_model.model_copy(
        update={"rules": ({"id": "depth", "require": {"depth": "formal", "max": 1}},)}
    )
    found = health(with_rules, rules=parse_rules([{"id": "x", "severity": "error",
        "for_each": {"id": "pssdc"}, "require": {"span": "formal", "max": 0}}]))  # fmt: skip
    assert found[0].code == "rule:x" and found[0].is_error  # errors first
    assert {f.entities for f in found if f.code == "rule:depth"} == {
        ("data-driven-intelligence-wg",),
        ("digital-strategy-wg",),
        ("pssdc-business-services-wg",),
    }


def test_validator_errors_skip_the_analyses_but_not_the_rules():
    m = model(
        [entity("a"), entity("b")],
        [rel("a", "REPORTS_TO", "b"), rel("b", "REPORTS_TO", "a")],
    )
    rules = parse_rules([{"id": "x", "require": {"count": {"rel": "HELD"}, "min": 1}}])
    found = health(m, rules=rules)
    assert found[0].code == "hierarchy-cycle" and found[0].is_error
    assert ("analyses-skipped", ()) in codes(found)
    assert sum(f.code == "rule:x" for f in found) == 2


def test_as_of_checks_that_date(example_model):
    found = health(example_model, as_of="2000")
    no_support = [f for f in found if f.code == "no-support"]
    assert ("joint-councils",) in [f.entities for f in no_support]  # before the ICCS
    # record positions are those of the whole model (for file locations)
    jc = next(f for f in no_support if f.entities == ("joint-councils",))
    assert example_model.entities[jc.record[1]].id == "joint-councils"


def test_bad_limits_are_refused(example_model):
    with pytest.raises(InputError, match="unknown limit 'max_spam'"):
        health(example_model, limits={"max_spam": 3})
    with pytest.raises(InputError, match="max_depth"):
        health(example_model, limits={"max_depth": -1})
    with pytest.raises(InputError, match="overlap_jaccard"):
        health(example_model, limits={"overlap_jaccard": 1.5})


def test_generated_model_health():
    m = generate_model(bodies=1500, people=3000, seed=5)
    found = health(m)
    assert not any(f.is_error for f in found)
    found_codes = {f.code for f in found}
    assert {"span-over-limit", "no-formal-parent", "multiple-formal-parents"} <= found_codes
    assert {"ended-still-referenced", "no-secretariat", "no-support"} <= found_codes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(acyclic=True))
def test_health_never_crashes_on_random_models(random_model):
    rules = parse_rules(
        [{"id": "one-parent", "for_each": {"kind": "working_group"},
          "require": {"count": {"rel": "REPORTS_TO", "formal": True}, "equals": 1}},
         {"id": "span", "require": {"span": "all", "max": 1}}]
    )  # fmt: skip
    found = health(random_model, rules=rules, limits={"overlap_jaccard": 0.0})
    ids = {e.id for e in random_model.entities}
    for finding in found:
        assert finding.message_en and finding.message_fr
        assert finding.severity in Severity
        if finding.code.startswith("rule:") or finding.code in ("span-over-limit",):
            assert set(finding.entities) <= ids


# ── CLI ──────────────────────────────────────────────────────────────────────────────


def test_cli_exit_0_on_warnings_only(cli, example_path):
    result = cli("health", example_path)
    assert result.exit_code == 0
    assert "no-formal-parent" in result.stdout and "0 errors" in result.stdout


def test_cli_exit_1_on_an_error_rule_with_its_location(cli, example_path):
    result = cli("health", example_path, "--rules", RULES_FILE, "--format", "csv")
    assert result.exit_code == 1
    line = next(r for r in result.stdout.splitlines() if r.startswith("error,rule:wg-one-parent"))
    record = (
        example_path.read_text(encoding="utf-8").splitlines().index("  - id: joint-councils-wg")
    )
    assert f"{example_path}:{record + 1}," in line  # the joint-councils-wg record


def test_cli_json_french_and_limits(cli, example_path):
    result = cli("health", example_path, "--format", "json", "--lang", "fr", "--max-span", "1")
    data = json.loads(result.stdout)
    assert data["healthy"] is True and data["errors"] == 0
    assert data["as_of"] == date.today().isoformat()
    history = json.loads(cli("health", example_path, "--format", "json", "--as-of", "all").stdout)
    assert history["as_of"] == "all"
    # the Framework WG (2015-2018) is no longer a body today: no finding about it
    assert not any("framework-wg" in f["entities"] for f in data["findings"])
    assert any("framework-wg" in f["entities"] for f in history["findings"])
    span = [f for f in data["findings"] if f["code"] == "span-over-limit"]
    assert {tuple(f["entities"]) for f in span} == {("joint-councils",), ("pssdc",)}
    assert all("organes qui en relèvent" in f["message"] for f in span)
    dated = json.loads(cli("health", example_path, "--format", "json", "--as-of", "2000").stdout)
    assert dated["as_of"] == "2000-01-01"
    assert any(f["entities"] == ["joint-councils"] for f in dated["findings"])


def test_cli_rules_section_of_the_model(cli, example_path, tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(example_path.read_text() + "\nrules:\n" + RULES_FILE.read_text().split(
        "rules:\n", 1)[1])  # fmt: skip
    assert cli("health", path).exit_code == 1
    # the same in JSON and CSV forms
    assert cli("convert", path, tmp_path / "model.json").exit_code == 0
    assert cli("health", tmp_path / "model.json").exit_code == 1
    assert cli("convert", path, tmp_path / "csv/").exit_code == 0
    assert cli("health", tmp_path / "csv").exit_code == 1


def test_cli_bad_input_exits_2_with_file_line_and_field(cli, example_path, tmp_path):
    bad_rules = tmp_path / "rules.yaml"
    bad_rules.write_text("- id: a\n  require: {span: formal, max: 3, mx: 2}\n")
    result = cli("health", example_path, "--rules", bad_rules)
    assert result.exit_code == 2
    assert f"{bad_rules}:2: [0].require.mx: unknown field 'mx'" in result.stderr
    in_model = tmp_path / "model.yaml"
    text = example_path.read_text()
    in_model.write_text(text + "\nrules:\n  - id: a\n    require: {depth: deep, max: 1}\n")
    result = cli("health", in_model)
    assert result.exit_code == 2
    line = len(text.splitlines()) + 4
    assert f"{in_model}:{line}: rules[0].require.depth" in result.stderr
    assert cli("health", tmp_path / "missing.yaml").exit_code == 2
    assert cli("health", example_path, "--rules", tmp_path / "none.yaml").exit_code == 2
    assert cli("health", example_path, "--max-span", "-1").exit_code == 2
    assert cli("health", "tests/bad_inputs/unknown_kind.yaml").exit_code == 2


def test_cli_model_with_rule_errors_exits_1_not_2(cli):
    result = cli("health", ROOT / "tests" / "bad_inputs" / "formal_cycle.yaml", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["healthy"] is False
    assert data["findings"][0]["code"] == "hierarchy-cycle"
    assert data["findings"][0]["location"].endswith("formal_cycle.yaml:" + data["findings"][0][
        "location"].rsplit(":", 1)[1])  # fmt: skip


def test_cli_health_on_a_generated_model(cli, tmp_path):
    path = tmp_path / "gen.json"
    assert cli("generate", "-o", path, "--bodies", 400, "--people", 800).exit_code == 0
    result = cli("health", path, "--rules", RULES_FILE, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == (1 if data["errors"] else 0)
    assert any(f["code"] == "rule:co-chairs-two-governments" for f in data["findings"])


def test_hostile_names_pass_through_messages_verbatim(cli, tmp_path):
    hostile = "{rule} </script><script>alert(1)</script> }) DETACH DELETE n //"
    m = model(
        [entity("wg", "working_group", name={"en": hostile, "fr": hostile})],
    )
    rule = {"id": "r", "severity": "error", "for_each": {"kind": "working_group"},
            "require": {"count": {"rel": "REPORTS_TO"}, "equals": 1},
            "message": "{name} / {id}"}  # fmt: skip
    [finding] = [f for f in health(m, rules=parse_rules([rule])) if f.code == "rule:r"]
    assert finding.message_en == f"{hostile} / wg"  # the name's {rule} is not filled in
    path = tmp_path / "m.json"
    document = m.to_document() | {"rules": [rule]}
    path.write_text(json.dumps(document))
    result = cli("health", path, "--format", "json")
    assert result.exit_code == 1
    assert any(f["message"] == f"{hostile} / wg" for f in json.loads(result.stdout)["findings"])
    table = cli("health", path)
    assert "</script>" in table.stdout  # printed as text, not interpreted


def _analysis_rows(m):
    from govgraph.analysis import body_metrics
    from govgraph.analysis.structure import FIGURES
    from govgraph.graph import to_graph

    rows = body_metrics(to_graph(m), betweenness_k=0)
    return {b: {k: r[k] for k in FIGURES} for b, r in rows.items()}


def test_structure_rows_match_the_analysis_metrics():
    from govgraph.health import structure_rows

    generated = generate_model(bodies=800, people=400, seed=9)
    assert structure_rows(generated) == _analysis_rows(generated)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_structure_rows_match_the_analysis_metrics_on_random_models(random_model):
    from govgraph.health import structure_rows

    assert structure_rows(random_model) == _analysis_rows(random_model)
