"""``govgraph import``: tables in any columns into a model file, by a mapping."""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli.common import lang_option
from govgraph.errors import InputError, ModelInvalidError
from govgraph.findings import errors_in
from govgraph.formats import write_model
from govgraph.i18n import Phrase, text
from govgraph.importing import import_mapping

__all__ = ["import_command"]


@click.command("import")
@click.argument("mapping", metavar="MAPPING.yaml", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    metavar="OUT",
    help="The model file to write (.yaml, .json, a directory for CSV, .xlsx...).",
)
@lang_option
def import_command(mapping: str, out: str, lang: str) -> None:
    """Import CSV or .xlsx tables into a model by a mapping (see docs/import.md).

    The mapping names the tables (paths relative to the mapping file) and says which
    column is the id, the kind, the names, dates, tags, relationships and attributes,
    and how tables join. Every error names the table, line and column; exit 2 and
    nothing is written. The model written validates.

    Example:

    \b
        govgraph import fixtures/gc-federal-organizations.mapping.yaml -o orgs.yaml
    """
    result = import_mapping(mapping)
    errors = errors_in(result.findings)
    if errors:
        raise ModelInvalidError(errors, file=mapping)
    target = Path(out).resolve()
    if any(target == path.resolve() or target in path.resolve().parents for path in result.inputs):
        raise InputError(Phrase("error.import_overwrite"), file=out)
    write_model(result.model, out)
    for table, count in result.skipped.items():
        click.echo(text("import_skipped", lang, table=table, count=count), err=True)
    click.echo(
        text(
            "import_written",
            lang,
            path=out,
            entities=len(result.model.entities),
            relationships=len(result.model.relationships),
        ),
        err=True,
    )
