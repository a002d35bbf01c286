"""Commands about the model itself: ``validate``, ``show``, ``convert``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from govgraph.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    as_of_line,
    as_of_option,
    as_of_today_option,
    as_of_value,
    format_option,
    lang_option,
    load,
    model_argument,
    quiet_option,
    raw_model,
)
from govgraph.cli.output import (
    SEVERITY_STYLES,
    console,
    emit,
    emit_grouped,
    emit_rows,
    status,
    to_option,
    write_output,
    written_model,
)
from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats.dialects import WRITABLE_DIALECTS
from govgraph.i18n import Phrase, kind_name, plural, text, type_name
from govgraph.sources import is_database_uri

if TYPE_CHECKING:
    from govgraph.findings import Finding

__all__ = ["convert", "show", "validate"]


def _finding_columns(lang: str) -> list[tuple[str, str]]:
    return [
        ("severity", text("severity", lang)),
        ("code", text("code", lang)),
        ("location", text("location", lang)),
        ("field", text("field", lang)),
        ("message", text("message", lang)),
    ]


@click.command()
@model_argument
@format_option
@lang_option
@as_of_option
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
@click.option(
    "--all",
    "list_all",
    is_flag=True,
    help="Table: list every finding (by default, one line per code with its count).",
)
def validate(
    model: str, fmt: str, lang: str, as_of_date: date | None, strict: bool, list_all: bool
) -> None:
    """Check a model file against the model's rules and list the findings.

    Errors (duplicate ids, dangling references, wrong endpoint kinds, formal reporting
    cycles, malformed values) make the model invalid: exit 2. Warnings (informal
    structure, several formal parents, ended bodies with active children, bodies with
    no support) are listed; exit 0, or 1 with --strict.

    Example:

    \b
        govgraph validate fixtures/joint-councils.yaml --lang fr
    """
    from govgraph.checks import check_model
    from govgraph.findings import Severity
    from govgraph.formats.parse import check_raw

    if is_database_uri(model):
        # a pulled model with errors raises (its errors listed, exit 2); else its warnings
        try:
            findings: list[Finding] = check_model(load(model, as_of_date))
        except ModelInvalidError as exc:
            findings = exc.findings
    else:
        try:
            _, findings = check_raw(raw_model(model), as_of_date)
        except ModelInvalidError as exc:
            findings = exc.findings
    errors = sum(f.severity is Severity.error for f in findings)
    warnings = sum(f.severity is Severity.warning for f in findings)
    data = {
        "model": model,
        "valid": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "findings": [f.as_row(lang) for f in findings],
    }
    rows = [f.as_row(lang) for f in findings]
    styles = [SEVERITY_STYLES.get(row["severity"]) for row in rows]
    if fmt == "table":  # machine formats keep the stable severity codes
        rows = [{**row, "severity": text(f"severity.{row['severity']}", lang)} for row in rows]
    if fmt == "table" and not findings:
        click.echo(text("no_findings", lang))
    elif fmt == "table" and not list_all:
        emit_grouped(findings, lang, text("findings", lang))
    else:
        title = text("findings", lang)
        emit(data, rows, _finding_columns(lang), fmt, title=title, styles=styles)
    if fmt == "table" and findings:
        counts = {
            "errors": plural("count.errors", errors, lang),
            "warnings": plural("count.warnings", warnings, lang),
        }
        console().print(text("summary_valid", lang, **counts))
    if errors:
        raise click.exceptions.Exit(EXIT_USAGE)
    if strict and warnings:
        raise click.exceptions.Exit(EXIT_FINDINGS)


@click.command()
@model_argument
@format_option
@lang_option
@as_of_today_option
def show(model: str, fmt: str, lang: str, as_of_date: date | None) -> None:
    """Summarise a model: entities by kind, relationships by type, the dates it
    covers and its roots (the bodies at the top of the structure).

    It answers as of today unless --as-of says otherwise (a date, or all for the
    whole history): the table starts with the date line, JSON has an as_of field.

    Examples:

    \b
        govgraph show fixtures/joint-councils.yaml
        govgraph show fixtures/joint-councils.yaml --as-of 2017-06
        govgraph show fixtures/joint-councils.yaml --as-of all --format json
    """
    from govgraph.summary import summarize

    loaded = load(model, as_of_date)
    summary = summarize(loaded)
    summary["as_of"] = as_of_value(as_of_date)
    if fmt == "json":
        emit(summary, [], [], fmt)
        return
    rows = [
        {"section": text("entities", lang), "key": kind, "value": count}
        for kind, count in summary["entities"].items()
    ]
    rows += [
        {"section": text("relationships", lang), "key": rel_type, "value": count}
        for rel_type, count in summary["relationships"].items()
    ]
    first, last = summary["date_range"]
    rows.append({"section": text("date_range", lang), "key": first or "…", "value": last or "…"})
    for root in summary["roots"]:
        rows.append(
            {"section": text("roots", lang), "key": root, "value": loaded.entity(root).label(lang)}
        )
    if fmt == "csv":
        rows.append({"section": text("as_of", lang), "key": as_of_value(as_of_date), "value": ""})
    if fmt == "table":
        click.echo(as_of_line(as_of_date, lang))
        for row in rows:
            if row["section"] == text("entities", lang):
                row["value"] = f"{row['value']}  ({kind_name(row['key'], lang)})"
            elif row["section"] == text("relationships", lang):
                row["value"] = f"{row['value']}  ({type_name(row['key'], lang)})"
    title = summary["title"] or {}
    columns = [
        ("section", text("section", lang)),
        ("key", text("key", lang)),
        ("value", text("value", lang)),
    ]
    emit_rows(rows, columns, fmt, title=title.get(lang) or next(iter(title.values()), None))


@click.command()
@model_argument
@click.argument("out", metavar="OUT")
@to_option
@as_of_option
@lang_option
@quiet_option
@click.option(
    "--dialect",
    type=click.Choice(WRITABLE_DIALECTS),
    default=None,
    help="For the CSV form: the headers of Gephi, Kumu or neo4j-admin import.",
)
def convert(
    model: str, out: str, to: str, as_of_date: date | None, lang: str, dialect: str | None
) -> None:
    """Convert a model to another format, chosen by OUT's extension: .yaml/.yml, .json,
    or a directory (a path ending in / or with no extension) for the CSV form; also
    .xlsx (workbook), .ttl/.jsonld/.nt (W3C ORG), .popolo.json (Popolo), .graphml and
    .gexf (Gephi, dynamic). MODEL may be any of them but .gexf. With --dialect, the
    CSV form has the headers of Gephi (Source, Target), Kumu (From, To) or neo4j-admin
    import (:ID, :START_ID, :END_ID, :TYPE); every reader reads them back.

    OUT - writes to standard output, in the --to format (YAML unless told); MODEL -
    reads standard input (--input-format).

    The model is validated first; nothing is written if it is invalid. Files are
    written atomically.

    Examples:

    \b
        govgraph convert fixtures/joint-councils.yaml out/joint-councils-csv/
        govgraph convert fixtures/joint-councils.yaml - --to json
        govgraph convert fixtures/joint-councils.yaml out/gephi/ --dialect gephi
    """
    from govgraph.formats import CSV_FORMAT, format_for, write_model

    if dialect is not None and (out == "-" or format_for(out, for_writing=True) is not CSV_FORMAT):
        raise InputError(Phrase("error.dialect_csv"), file=out)
    loaded = load(model, as_of_date)
    if dialect is not None:
        from govgraph.formats.spreadsheet import write_csv_directory

        try:
            write_csv_directory(loaded, out, dialect)
        except FileExistsError as exc:
            raise InputError(str(exc), file=out) from None
    else:
        write_output(out, lambda path: write_model(loaded, path), f".{to}")
    status(written_model(out, loaded, lang))
