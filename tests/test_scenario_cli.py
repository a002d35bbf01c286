"""``govgraph simulate`` and ``govgraph compare``: the README's main command, the report
formats, --out, and invalid scenarios (one located line, exit 2, nothing written)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import textwrap

import pytest

from govgraph.formats import load_model
from govgraph.temporal import as_of
from tests.helpers import ROOT

MODEL = ROOT / "fixtures" / "joint-councils.yaml"
QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
CONSOLIDATION = ROOT / "fixtures" / "scenarios" / "digital-consolidation.yaml"
WGS = ("data-driven-intelligence-wg", "pssdc-business-services-wg")


def readme_main_command() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- main-command", 1)[1].split("```bash\n", 1)[1].split("\n```")[0]
    simulate = [part for part in block.split("&&") if " simulate " in part]
    assert len(simulate) == 1
    words = shlex.split(simulate[0])
    assert words[0] == "govgraph"
    return words[1:]


def test_the_readme_main_command_shows_the_quick_wins():
    args = readme_main_command()
    assert args[:3] == [
        "simulate",
        "fixtures/joint-councils.yaml",
        QUICK_WINS.relative_to(ROOT).as_posix(),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "govgraph", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    note = done.stdout
    assert note.startswith("# Briefing note: Quick wins\n")
    for name in ("Data-Driven Intelligence Working Group", "PSSDC Business Services Working Group"):
        assert f"| {name} | {name} → PSSDC → JC | {name} → JC |" in note
    assert "| PSSDC | 2 → 0 (-2) |" in note
    assert "| JC | 2 → 4 (+2) |" in note
    assert "| JC | meeting_days: 1 → 1.5 (+0.5) |" in note
    assert "| PSSDC | meeting_days: 1 → 0.5 (-0.5) |" in note
    assert "| PSCIOC | meeting_days: 1 → 0.5 (-0.5) |" in note
    assert "| QC | 6 | 5 (-1) |" in note  # meeting days per member per year
    assert "5.58 → 4.79" in note


def test_json_report_of_the_quick_wins(cli):
    result = cli("simulate", MODEL, QUICK_WINS, "--report", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    chains = {row["entity"]: row for row in report["chains"]}
    for wg in WGS:
        assert chains[wg]["before"] == [[wg, "pssdc", "joint-councils"]]
        assert chains[wg]["after"] == [[wg, "joint-councils"]]
    spans = {row["entity"]: row["span"] for row in report["metrics"]}
    assert spans["pssdc"][1] - spans["pssdc"][0] == -2
    assert spans["joint-councils"][1] - spans["joint-councils"][0] == 2
    days = {row["entity"]: row["annual_meeting_days"] for row in report["metrics"]}
    assert days["joint-councils"] == [2.0, 3.0]
    changes = {(c["kind"], c["entity"]) for c in report["changes"]}
    assert {("transferred", wg) for wg in WGS} <= changes
    assert report["day"] == "2026-04-01"


def test_table_and_french_reports(cli):
    table = cli("simulate", MODEL, QUICK_WINS)
    assert table.exit_code == 0
    assert re.search(r"pssdc\s+2 → 0 \(-2\)", table.stdout)
    assert "data-driven-intelligence-wg → joint-councils" in table.stdout
    french = cli("simulate", MODEL, QUICK_WINS, "--report", "markdown", "--lang", "fr")
    assert french.stdout.startswith("# Note d’information : Gains rapides\n")
    assert "## Chaînes hiérarchiques" in french.stdout
    assert "| CPSSP | 2 → 0 (-2) |" in french.stdout
    assert "Étendue de contrôle : CM 2 → 4 (+2), CPSSP 2 → 0 (-2)." in french.stdout


def test_out_writes_the_new_model_with_history(cli, tmp_path):
    out = tmp_path / "after.yaml"
    result = cli("simulate", MODEL, QUICK_WINS, "--out", out, "--report", "json")
    assert result.exit_code == 0 and "Wrote" in result.stderr
    after = load_model(out)
    for day, parent in (("2026-03-31", "pssdc"), ("2026-04-01", "joint-councils")):
        lines = [
            r.to for r in as_of(after, day).relationships if r.from_ == WGS[0] and r.is_formal_line
        ]
        assert lines == [parent]
    assert after.entity("joint-councils").attributes["meeting_days"] == 1.5


INVALID = {
    "unknown id": (
        "- move: {body: data-driven-inteligence-wg, to: joint-councils}",
        "operations[1].move.body: move: unknown id 'data-driven-inteligence-wg'; "
        "did you mean 'data-driven-intelligence-wg'?",
    ),
    "formal cycle": (
        "- move: {body: pssdc, to: data-driven-intelligence-wg}",
        "operations[1].move.to: move: 'pssdc' under 'data-driven-intelligence-wg' would create "
        "a hierarchy cycle (formal REPORTS_TO and PART_OF lines): "
        "pssdc → data-driven-intelligence-wg → pssdc",
    ),
    "hierarchy cycle through PART_OF": (
        "- move: {body: joint-councils, to: data-driven-intelligence-wg}",
        "operations[1].move.to: move: 'joint-councils' under 'data-driven-intelligence-wg' "
        "would create a hierarchy cycle (formal REPORTS_TO and PART_OF lines): "
        "joint-councils → data-driven-intelligence-wg → pssdc → joint-councils",
    ),
    "self link": (
        "- link: {from: pssdc, type: ENGAGES_WITH, to: pssdc, level: inform}",
        "operations[1].link.to: link: ENGAGES_WITH from 'pssdc' to itself means nothing",
    ),
    "merge into own descendant": (
        "- merge: {bodies: [pssdc], into: data-driven-intelligence-wg}",
        "operations[1].merge.into: merge: cannot merge 'pssdc' into its own descendant "
        "'data-driven-intelligence-wg' (data-driven-intelligence-wg → pssdc)",
    ),
    "dissolve without destination": (
        "- dissolve: {body: pssdc}",
        "operations[1].dissolve.children_to: dissolve: dissolving 'pssdc' leaves 2 line(s) "
        "from its children (data-driven-intelligence-wg, pssdc-business-services-wg) without "
        "a destination: give 'children_to'",
    ),
    "unknown operation": (
        "- dissolv: {body: pssdc}",
        "operations[1]: unknown operation 'dissolv'; did you mean 'dissolve'?",
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_scenarios_exit_2_and_write_nothing(cli, tmp_path, case):
    operation, message = INVALID[case]
    path = tmp_path / "bad.yaml"
    path.write_text(
        "name: Bad\neffective: 2026-04-01\noperations:\n"
        "  - set: {id: joint-councils, attributes: {meeting_days: 1.5}}\n"
        f"  {operation}\n"
    )
    out = tmp_path / "out.yaml"
    kept = tmp_path / "kept.yaml"
    kept.write_text("previous content\n")
    model_before = MODEL.read_bytes()
    for target in (out, kept):
        result = cli("simulate", MODEL, path, "--out", target)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == f"error: {path}:5: {message}\n"
    assert not out.exists()
    assert kept.read_text() == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "kept.yaml"]
    assert MODEL.read_bytes() == model_before


def test_a_misspelt_field_names_its_line(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            name: Bad
            operations:
              - move:
                  body: pssdc-business-services-wg
                  destination: joint-councils
            """
        )
    )
    result = cli("simulate", MODEL, path, "--out", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}:5: operations[0].move.destination: unknown field 'destination'\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_compare_puts_options_side_by_side(cli):
    result = cli("compare", MODEL, QUICK_WINS, CONSOLIDATION, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    names = [o["name"]["en"] for o in data["options"]]
    assert names == ["Current structure", "Quick wins", "Digital consolidation"]
    baseline, quick, consolidation = (o["figures"] for o in data["options"])
    assert quick["transferred"] == 2 and consolidation["merged"] == 1
    assert consolidation["findings_resolved"] == 3
    assert consolidation["health_warnings"] < baseline["health_warnings"]
    assert quick["meeting_days_per_member_per_year"] < baseline["meeting_days_per_member_per_year"]
    table = cli("compare", MODEL, QUICK_WINS, CONSOLIDATION, "--lang", "fr")
    assert "Regroupement numérique" in table.stdout and "Structure actuelle" in table.stdout
    csv = cli("compare", MODEL, QUICK_WINS, "--format", "csv")
    assert csv.stdout.splitlines()[0] == "key,figure,option_0,option_1"


def test_hostile_names_stay_text_in_the_briefing(cli, tmp_path):
    path = tmp_path / "hostile.yaml"
    hostile = "</script><b>x</b> | `}) DETACH DELETE n //"
    path.write_text(
        "name: {en: " + json.dumps(hostile) + "}\noperations:\n"
        "  - create: {id: evil, kind: working_group, name: "
        + json.dumps(hostile)
        + ", reports_to: joint-councils}\n"
    )
    result = cli("simulate", MODEL, path, "--report", "markdown")
    assert result.exit_code == 0
    assert "</script>" not in result.stdout and "<b>" not in result.stdout
    assert "&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; \\| `}) DETACH DELETE n //" in result.stdout


def test_the_documented_python_example_runs(capsys, monkeypatch):
    page = (ROOT / "docs" / "scenarios.md").read_text()
    section = page.split("## In Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("\n```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "docs/scenarios.md", "exec"), {})
    assert capsys.readouterr().out.startswith("# Note d’information : Gains rapides")


def test_as_of_reports_on_another_day(cli):
    result = cli("simulate", MODEL, QUICK_WINS, "--report", "json", "--as-of", "2026-03-31")
    report = json.loads(result.stdout)
    assert report["day"] == "2026-03-31"
    assert report["chains"] == []  # the day before: nothing has moved yet


def test_compare_refuses_an_invalid_option(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: Bad\noperations:\n  - dissolve: {body: pssdc}\n")
    result = cli("compare", MODEL, QUICK_WINS, path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}:3: operations[0].dissolve.children_to: ")


def test_before_the_effective_date_nothing_has_changed(cli):
    """A scenario is judged at its effective date (2026-04-01 for the quick wins)."""
    early = json.loads(
        cli("simulate", MODEL, QUICK_WINS, "--as-of", "2020", "--report", "json").stdout
    )
    assert early["scenario"]["in_effect"] is False
    assert early["changes"] == [] and early["metrics"] == [] and early["chains"] == []
    table = cli("simulate", MODEL, QUICK_WINS, "--as-of", "2020").stdout
    assert "takes effect on 2026-04-01: on 2020-01-01 nothing has changed yet" in table
    assert "transferred" not in table
    on_time = json.loads(cli("simulate", MODEL, QUICK_WINS, "--report", "json").stdout)
    assert on_time["scenario"]["in_effect"] is True
    assert [c["kind"] for c in on_time["changes"]].count("transferred") == 2


def test_the_chain_after_the_quick_wins_is_one_chain_with_its_date(cli, tmp_path):
    after = tmp_path / "after.yaml"
    assert cli("simulate", MODEL, QUICK_WINS, "--out", after).exit_code == 0
    table = cli("chain", after, "data-driven-intelligence-wg").stdout
    assert table.splitlines()[0].startswith("As of ")
    answer = json.loads(
        cli("chain", after, "data-driven-intelligence-wg", "--format", "json").stdout
    )
    assert answer["chains"] == [["data-driven-intelligence-wg", "joint-councils"]]
    history = cli(
        "chain", after, "data-driven-intelligence-wg", "--as-of", "2020", "--format", "json"
    )
    assert json.loads(history.stdout)["chains"] == [
        ["data-driven-intelligence-wg", "pssdc", "joint-councils"]
    ]


@pytest.mark.parametrize("scenario", ["quick-wins.yaml", "digital-consolidation.yaml"])
def test_the_briefing_health_section_is_health_on_the_result_with_the_same_rules(
    cli, tmp_path, scenario
):
    """What the briefing says was introduced and resolved is what `govgraph health`
    finds on the scenario's result against the model, at the effective date."""
    rules = ROOT / "fixtures" / "rules" / "governance-rules.yaml"
    after = tmp_path / "after.yaml"
    report = json.loads(
        cli(
            "simulate",
            MODEL,
            ROOT / "fixtures" / "scenarios" / scenario,
            "--rules",
            rules,
            "--out",
            after,
            "--report",
            "json",
        ).stdout
    )
    day = report["day"]

    def findings(path):
        result = cli("health", path, "--rules", rules, "--as-of", day, "--format", "json")
        return {(f["code"], tuple(f["entities"])) for f in json.loads(result.stdout)["findings"]}

    before, later = findings(MODEL), findings(after)
    introduced = {(f["code"], tuple(f["entities"])) for f in report["findings_introduced"]}
    resolved = {(f["code"], tuple(f["entities"])) for f in report["findings_resolved"]}
    assert introduced == later - before and resolved == before - later
    assert any(code.startswith("rule:") for code, _ in before)  # the rules did run
    if scenario == "digital-consolidation.yaml":
        assert resolved  # a scenario that changes health, not only an empty diff


def test_the_report_table_starts_with_the_day_it_is_for(cli):
    scenario = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"
    effective = cli("simulate", MODEL, scenario).stdout.splitlines()
    assert effective[:2] == ["As of 2026-04-01", "Quick wins"]
    earlier = cli("simulate", MODEL, scenario, "--as-of", "2020", "--lang", "fr").stdout
    assert earlier.splitlines()[0] == "En date du 2020-01-01"
