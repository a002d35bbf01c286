"""``govgraph health``: a model's findings and governance rules."""

from __future__ import annotations

from datetime import date

import click

from govgraph.cli.common import (
    EXIT_FINDINGS,
    FloatRange,
    as_of_line,
    as_of_today_option,
    as_of_value,
    format_option,
    lang_option,
    model_argument,
    raw_model,
)
from govgraph.cli.output import SEVERITY_STYLES, console, emit, emit_grouped
from govgraph.findings import Finding, Severity
from govgraph.formats.parse import MAX_ERRORS, RawModel, locate_findings, model_from_raw
from govgraph.health import HealthLimits, health
from govgraph.i18n import plural, text
from govgraph.model import GovernanceModel
from govgraph.rules import Rule, load_rules_file, rules_of_model
from govgraph.sources import is_database_uri, open_model

__all__ = ["health_command"]

_DEFAULTS = HealthLimits()


def _located(findings: list[Finding], raw: RawModel | None) -> list[Finding]:
    """The findings with file and line where they come from one record (locating costs
    a re-read of the file: done for a bounded number of them)."""
    if raw is None:
        return findings
    head = [i for i, f in enumerate(findings) if f.record is not None][:MAX_ERRORS]
    located = locate_findings([findings[i] for i in head], raw)
    result = list(findings)
    for i, finding in zip(head, located, strict=True):
        result[i] = finding
    return result


def _open(model: str) -> tuple[GovernanceModel, RawModel | None]:
    """The model (not yet checked: health reports its errors) and its raw file."""
    if is_database_uri(model):
        return open_model(model), None
    raw = raw_model(model)
    return model_from_raw(raw), raw


@click.command("health")
@model_argument
@click.option(
    "--rules",
    "rules_files",
    multiple=True,
    metavar="FILE",
    help="A rules file (YAML or JSON) to check besides the model's own rules:. Repeatable.",
)
@click.option(
    "--max-span",
    type=click.IntRange(min=0),
    default=_DEFAULTS.max_span,
    show_default=True,
    help="Most bodies that may report to one body.",
)
@click.option(
    "--max-depth",
    type=click.IntRange(min=0),
    default=_DEFAULTS.max_depth,
    show_default=True,
    help="Most formal lines between a body and the top.",
)
@click.option(
    "--min-jaccard",
    type=FloatRange(0.0, 1.0),
    default=_DEFAULTS.overlap_jaccard,
    show_default=True,
    help="Jaccard score from which two bodies' members and priorities overlap.",
)
@click.option(
    "--all",
    "list_all",
    is_flag=True,
    help="Table: list every finding (by default, one line per code with its count).",
)
@format_option
@lang_option
@as_of_today_option
def health_command(
    model: str,
    rules_files: tuple[str, ...],
    max_span: int,
    max_depth: int,
    min_jaccard: float,
    list_all: bool,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Check a model's health: the validator's findings, analysis findings (span or
    depth over the limits, overlapping mandates, ended bodies still referenced,
    working groups with no secretariat) and the governance rules in the model's
    rules: section and in --rules files. It answers as of today unless --as-of
    says otherwise (--as-of all: every fact of every date).

    Exit 1 if any finding is an error (a model repository's CI can gate on it), 0
    otherwise; 2 on bad input (an unreadable model or a bad rule, with its file,
    line and field).

    Example:

    \b
        govgraph health fixtures/joint-councils.yaml \\
            --rules fixtures/rules/governance-rules.yaml --lang fr
    """
    loaded, raw = _open(model)
    rules_of_model(loaded, None if raw is None else model)  # bad rules: exit 2, located
    extra: list[Rule] = [rule for path in rules_files for rule in load_rules_file(path)]
    limits = HealthLimits(max_span=max_span, max_depth=max_depth, overlap_jaccard=min_jaccard)
    findings = _located(health(loaded, rules=extra, as_of=as_of_date, limits=limits), raw)
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    rows = [{**f.as_row(lang), "entities": list(f.entities)} for f in findings]
    data = {
        "model": model,
        "as_of": as_of_value(as_of_date),
        "healthy": counts[Severity.error] == 0,
        "errors": counts[Severity.error],
        "warnings": counts[Severity.warning],
        "infos": counts[Severity.info],
        "findings": rows,
    }
    styles = [SEVERITY_STYLES.get(row["severity"]) for row in rows]
    if fmt == "table":
        click.echo(as_of_line(as_of_date, lang))
        rows = [{**row, "severity": text(f"severity.{row['severity']}", lang)} for row in rows]
    if fmt == "table" and not findings:
        click.echo(text("no_health_findings", lang))
    elif fmt == "table" and not list_all:
        emit_grouped(findings, lang, text("health_findings", lang))
    else:
        columns = [
            ("severity", text("severity", lang)),
            ("code", text("code", lang)),
            ("location", text("location", lang)),
            ("entities", text("entities", lang)),
            ("message", text("message", lang)),
        ]
        emit(data, rows, columns, fmt, title=text("health_findings", lang), styles=styles)
    if fmt == "table" and findings:
        console().print(
            text(
                "summary_health",
                lang,
                errors=plural("count.errors", counts[Severity.error], lang),
                warnings=plural("count.warnings", counts[Severity.warning], lang),
                infos=plural("count.notes", counts[Severity.info], lang),
            )
        )
    if counts[Severity.error]:
        raise click.exceptions.Exit(EXIT_FINDINGS)
