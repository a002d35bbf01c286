"""``compare`` takes its health counts from the incremental impact: they must equal
``health`` run on each whole option."""

from __future__ import annotations

from govgraph.findings import Severity
from govgraph.formats import load_model
from govgraph.health import health
from govgraph.scenarios import apply_scenario, load_scenario
from govgraph.scenarios.compare import compare_scenarios
from tests.helpers import ROOT

SCENARIOS = [ROOT / "fixtures" / "scenarios" / name for name in
             ("quick-wins.yaml", "digital-consolidation.yaml")]  # fmt: skip


def test_compare_health_counts_equal_health_on_each_whole_option(example_model):
    scenarios = [load_scenario(path) for path in SCENARIOS]
    result = compare_scenarios(example_model, scenarios)
    day = result["day"]
    models = [example_model, *(apply_scenario(example_model, s) for s in scenarios)]
    for option, model in zip(result["options"], models, strict=True):
        found = health(model, as_of=day)
        assert option["figures"]["health_errors"] == sum(
            f.severity is Severity.error for f in found
        )
        assert option["figures"]["health_warnings"] == sum(
            f.severity is Severity.warning for f in found
        )


def test_compare_on_a_real_structure_with_rules_of_its_own(tmp_path):
    model = load_model(ROOT / "fixtures" / "real" / "council-of-the-eu.yaml")
    scenario = tmp_path / "merge.yaml"
    scenario.write_text(
        "name: Fewer working parties\neffective: 2026-01-01\noperations:\n"
        "  - merge: {bodies: [wp-telecommunications, wp-competitiveness], into: "
        "wp-competitiveness}\n"
    )
    parsed = load_scenario(scenario)
    result = compare_scenarios(model, [parsed])
    found = health(apply_scenario(model, parsed), as_of=result["day"])
    warnings = sum(f.severity is Severity.warning for f in found)
    assert result["options"][1]["figures"]["health_warnings"] == warnings
    assert (
        result["options"][1]["figures"]["bodies"] == result["options"][0]["figures"]["bodies"] - 1
    )
