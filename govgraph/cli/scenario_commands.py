"""Reorganisation scenarios: ``simulate`` (apply one, report its impact) and
``compare`` (several options side by side)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from govgraph.cli.common import (
    as_of_line,
    as_of_option,
    format_option,
    lang_option,
    load,
    model_argument,
    quiet_option,
)
from govgraph.cli.output import console, emit, emit_json, emit_rows, status, written_model
from govgraph.i18n import text

if TYPE_CHECKING:
    from govgraph.scenarios.impact import ImpactReport

__all__ = ["compare", "simulate"]


@click.command()
@model_argument
@click.argument("scenario", metavar="SCENARIO")
@click.option(
    "--out",
    metavar="NEW_MODEL",
    default=None,
    help="Write the model after the scenario here (format by extension; atomic).",
)
@click.option(
    "--report",
    "report_format",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
    help="Impact report format; markdown is a briefing note.",
)
@click.option(
    "--rules",
    "rules_files",
    multiple=True,
    metavar="FILE",
    help="A rules file to judge health by, besides the model's own rules: (as health --rules).",
)
@lang_option
@as_of_option
@quiet_option
def simulate(
    model: str,
    scenario: str,
    out: str | None,
    report_format: str,
    rules_files: tuple[str, ...],
    lang: str,
    as_of_date: date | None,
) -> None:
    """Apply a scenario file to a model and report its impact.

    The report compares the structure before and after on the scenario's effective
    date (or --as-of, or today): reporting chains, span and depth, health findings,
    overlaps, jurisdiction coverage, members affected and their meeting days per
    year, each change classified. An operation that cannot be applied (unknown id, a
    formal cycle, a merge into a descendant, a dissolution that leaves children
    without a destination) is refused with its index and reason: exit 2, and
    nothing is written.

    Example:

    \b
        govgraph simulate fixtures/joint-councils.yaml fixtures/scenarios/quick-wins.yaml --report markdown --lang fr
    """  # noqa: E501
    from govgraph.formats import write_model
    from govgraph.rules import load_rules_file
    from govgraph.scenarios import apply_scenario, load_scenario
    from govgraph.scenarios.briefing import briefing_markdown
    from govgraph.scenarios.impact import impact_between

    loaded = load(model)
    parsed = load_scenario(scenario)
    after = apply_scenario(loaded, parsed)
    day = as_of_date or parsed.effective or date.today()
    rules = [rule for path in rules_files for rule in load_rules_file(path)]
    report = impact_between(loaded, after, day=day, scenario=parsed, rules=rules)
    if out is not None:
        write_model(after, out)
        status(written_model(out, after, lang))
    if report_format == "json":
        emit_json(report.to_dict(lang))
    elif report_format == "markdown":
        click.echo(briefing_markdown(report, lang), nl=False)
    else:
        _print_table(report, lang)


def _print_table(report: ImpactReport, lang: str) -> None:
    from govgraph.dates import parse_as_of
    from govgraph.scenarios.briefing import report_sections, summary_lines

    out = console()
    click.echo(as_of_line(parse_as_of(report.day), lang))  # the day the impact is for
    name = report.scenario["name"]
    out.print(name.get(lang) or next(iter(name.values()), ""), style="bold")
    for line in summary_lines(report, lang):
        out.print(f"- {line}")
    for section in report_sections(report, lang, ids=True):
        if section.rows:
            out.print()
            emit_rows(section.rows, section.columns, "table", title=section.title)


@click.command()
@model_argument
@click.argument("scenarios", nargs=-1, required=True, metavar="SCENARIO_A [SCENARIO_B ...]")
@click.option(
    "--rules",
    "rules_files",
    multiple=True,
    metavar="FILE",
    help="A rules file to judge health by, besides the model's own rules: (as health --rules).",
)
@format_option
@lang_option
@as_of_option
def compare(
    model: str,
    scenarios: tuple[str, ...],
    rules_files: tuple[str, ...],
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Put reorganisation options side by side: the structure's figures and health
    findings today and after each scenario, on one day (the latest effective date, or
    --as-of).

    Example:

    \b
        govgraph compare fixtures/joint-councils.yaml fixtures/scenarios/quick-wins.yaml fixtures/scenarios/digital-consolidation.yaml
    """  # noqa: E501
    from govgraph.rules import load_rules_file
    from govgraph.scenarios import load_scenario
    from govgraph.scenarios.compare import compare_rows, compare_scenarios

    loaded = load(model)
    parsed = [load_scenario(path) for path in scenarios]
    rules = [rule for path in rules_files for rule in load_rules_file(path)]
    result = compare_scenarios(loaded, parsed, day=as_of_date, rules=rules)
    rows, columns = compare_rows(result, lang)
    if fmt == "csv":
        columns = [("key", "key"), *columns]
    title = text("compare.title", lang, day=result["day"])
    emit(result, rows, columns, fmt, title=title)
