"""Reorganisation scenarios: files of operations, applied to a copy of a model, with a
classified diff and an impact report (a bilingual briefing note).

>>> from govgraph.formats import load_model
>>> model = load_model("fixtures/joint-councils.yaml")
>>> after = apply_scenario(model, load_scenario("fixtures/scenarios/quick-wins.yaml"))
>>> sorted({c.kind for c in diff_models(model, after)})
['modified', 'transferred']
"""

from govgraph.scenarios.apply import ScenarioError, apply_scenario
from govgraph.scenarios.diff import CHANGE_KINDS, Change, diff_models
from govgraph.scenarios.impact import ImpactReport, impact_between, impact_report
from govgraph.scenarios.spec import (
    OPERATIONS,
    Create,
    Dissolve,
    Link,
    Merge,
    Move,
    Operation,
    Rename,
    Scenario,
    Set,
    SetEngagement,
    Unlink,
    load_scenario,
    parse_scenario,
)

__all__ = [
    "CHANGE_KINDS",
    "OPERATIONS",
    "Change",
    "Create",
    "Dissolve",
    "ImpactReport",
    "Link",
    "Merge",
    "Move",
    "Operation",
    "Rename",
    "Scenario",
    "ScenarioError",
    "Set",
    "SetEngagement",
    "Unlink",
    "apply_scenario",
    "diff_models",
    "impact_between",
    "impact_report",
    "load_scenario",
    "parse_scenario",
]
