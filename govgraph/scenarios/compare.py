"""Several reorganisation options side by side: the structure's figures and health
findings for the current structure and after each scenario, on one day.

The current structure is measured once (``govgraph.analysis.metrics``, betweenness
skipped). Each option's figures come from its incremental impact report
(``impact_between``), never from the whole option again: the per-body figures of the
bodies it can change replace the baseline's, the lines that touch them are recounted,
the members whose meeting load it recomputed replace theirs, and
``govgraph.analysis.metrics.structure_summary`` (the function ``metrics`` itself uses)
makes the structure's figures of the result; health counts are the baseline's
findings, plus those the option introduces, less those it resolves. Only an option
that changes a meeting entity is measured whole (its report does not follow meetings).

>>> from govgraph.formats import load_model
>>> from govgraph.scenarios.spec import load_scenario
>>> result = compare_scenarios(load_model("fixtures/joint-councils.yaml"),
...     [load_scenario("fixtures/scenarios/quick-wins.yaml"),
...      load_scenario("fixtures/scenarios/digital-consolidation.yaml")])
>>> [o["figures"]["health_warnings"] for o in result["options"]]
[5, 5, 2]
>>> [o["figures"]["meeting_days_per_member_per_year"] for o in result["options"]]
[5.58, 4.79, 4.79]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from govgraph.analysis import metrics
from govgraph.analysis.metrics import measure, structure_summary
from govgraph.dates import parse_as_of
from govgraph.findings import Finding, Severity
from govgraph.graph import to_graph
from govgraph.i18n import LANGUAGES, text
from govgraph.model import GovernanceModel
from govgraph.rules import Rule
from govgraph.scenarios.apply import apply_scenario
from govgraph.scenarios.impact import ImpactReport, _health, impact_between
from govgraph.scenarios.spec import Scenario

__all__ = ["FIGURES", "compare_rows", "compare_scenarios", "figure_name"]

#: The figures compared, in display order (their names: the catalogue's ``figure.KEY``).
FIGURES: tuple[str, ...] = (
    "bodies",
    "formal_lines",
    "informal_lines",
    "layers",
    "roots",
    "orphans",
    "informal_only",
    "widest_span",
    "meeting_days_per_year",
    "meeting_days_per_member_per_year",
    "health_errors",
    "health_warnings",
    "changes",
    "transferred",
    "merged",
    "created",
    "abolished",
    "chains_changed",
    "findings_introduced",
    "findings_resolved",
    "overlaps_created",
    "overlaps_removed",
    "members_affected",
)


def _baseline_name() -> dict[str, str]:
    return {lang: text("compare.baseline", lang) for lang in LANGUAGES}


def figure_name(key: str, lang: str = "en") -> str:
    """The name of a compared figure in ``lang``."""
    return text(f"figure.{key}", lang)


def _severities(findings: Sequence[Finding]) -> tuple[int, int]:
    return (
        sum(f.severity is Severity.error for f in findings),
        sum(f.severity is Severity.warning for f in findings),
    )


def _figures(figures: dict[str, Any], health_counts: tuple[int, int]) -> dict[str, Any]:
    """The compared figures of a ``structure_summary`` (or ``metrics`` structure)."""
    mean = figures["meeting_days_per_member_per_year"]["mean"]
    return {
        "bodies": figures["bodies"],
        "formal_lines": figures["formal_lines"],
        "informal_lines": figures["informal_lines"],
        "layers": figures["layers"],
        "roots": len(figures["roots"]),
        "orphans": len(figures["orphans"]),
        "informal_only": len(figures["informal_only"]),
        "widest_span": max((row["span"] for row in figures["widest_spans"]), default=0),
        "meeting_days_per_year": figures["meeting_days_per_year"],
        "meeting_days_per_member_per_year": None if mean is None else round(mean, 2),
        "health_errors": health_counts[0],
        "health_warnings": health_counts[1],
    }


def _after(
    base: dict[str, Any], loads: dict[str, float], report: ImpactReport
) -> dict[str, Any] | None:
    """The structure figures after an option, from the baseline's measures and the
    option's incremental report (None when the report cannot say)."""
    delta = report.structure
    if not delta or delta["whole"]:
        return None
    rows = {b: row for b, row in base["bodies"].items() if b not in delta["bodies"]}
    rows.update(delta["rows"])
    after_loads = dict(loads)
    for row in report.meeting_load.get("per_member", ()):
        if row["after"] is None:
            after_loads.pop(row["id"], None)
        else:
            after_loads[row["id"]] = row["after"]
    (formal_before, informal_before), (formal_after, informal_after) = delta["lines"]
    structure = base["structure"]
    lines = (
        structure["formal_lines"] - formal_before + formal_after,
        structure["informal_lines"] - informal_before + informal_after,
    )
    return structure_summary(rows, lines, after_loads, None)


def compare_scenarios(
    model: GovernanceModel,
    scenarios: Sequence[Scenario],
    *,
    day: str | date | None = None,
    rules: Sequence[Rule] = (),
) -> dict[str, Any]:
    """The current structure and each option's figures on ``day`` (by default the
    latest effective date among the scenarios, else today):
    ``{"day", "options": [{"name": {"en", "fr"}, "effective", "figures": {...}}]}``,
    the current structure first. Raises ``ScenarioError`` for an option that cannot
    be applied."""
    if day is None:
        dates = [parse_as_of(s.effective) for s in scenarios if s.effective]
        day = max(dates) if dates else date.today()
    day = parse_as_of(day)
    base_errors, base_warnings = _severities(_health(model, day, rules=rules))
    base, loads = measure(to_graph(model), as_of=day, betweenness_k=0)
    baseline = _figures(base["structure"], (base_errors, base_warnings))
    options = [{"name": _baseline_name(), "effective": None, "figures": baseline}]
    for scenario in scenarios:
        after = apply_scenario(model, scenario)
        report = impact_between(model, after, day=day, scenario=scenario, rules=rules)
        kinds = [c.kind for c in report.changes]
        added = _severities(report.findings_introduced)
        gone = _severities(report.findings_resolved)
        counts = (base_errors + added[0] - gone[0], base_warnings + added[1] - gone[1])
        structure = _after(base, loads, report)
        if structure is None:
            structure = metrics(to_graph(after), as_of=day, betweenness_k=0)["structure"]
        figures = _figures(structure, counts)
        figures.update(
            {
                "changes": len(kinds),
                "transferred": kinds.count("transferred"),
                "merged": kinds.count("merged"),
                "created": kinds.count("created"),
                "abolished": kinds.count("abolished"),
                "chains_changed": len(report.chains),
                "findings_introduced": len(report.findings_introduced),
                "findings_resolved": len(report.findings_resolved),
                "overlaps_created": len(report.overlaps_created),
                "overlaps_removed": len(report.overlaps_removed),
                "members_affected": len(report.members_affected),
            }
        )
        options.append(
            {
                "name": scenario.name.model_dump(exclude_none=True),
                "effective": scenario.effective,
                "figures": figures,
            }
        )
    return {"day": day.isoformat(), "options": options}


def compare_rows(result: dict[str, Any], lang: str = "en") -> tuple[list[dict], list[tuple]]:
    """Rows (one per figure) and columns (the figure, then one per option) for a table."""
    columns: list[tuple[str, str]] = [("figure", text("compare.figure", lang))]
    for i, option in enumerate(result["options"]):
        name = option["name"].get(lang) or next(iter(option["name"].values()))
        columns.append((f"option_{i}", name))
    rows = []
    for key in FIGURES:
        row: dict[str, Any] = {"figure": figure_name(key, lang), "key": key}
        for i, option in enumerate(result["options"]):
            row[f"option_{i}"] = option["figures"].get(key)
        rows.append(row)
    return rows, columns
