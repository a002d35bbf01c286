"""Printing data: a table (rich), JSON or CSV, chosen by ``--format``; status lines
on stderr (left out with ``--quiet``); ``-`` as an output path meaning standard output.

Values are shown as text, never as markup: a name such as ``[bold]x[/]`` prints as is.
Colour follows rich's rules: none when the output is not a terminal or ``NO_COLOR`` is set.
Control characters and terminal escapes in values are shown as visible escapes
(``govgraph.terminal``), and a CSV cell a spreadsheet would run as a formula gets a
leading apostrophe (``govgraph.formats.cells``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govgraph.cli.common import current_language, is_quiet
from govgraph.i18n import plural, text
from govgraph.i18n.numbers import number
from govgraph.terminal import json_safe, printable

if TYPE_CHECKING:
    from rich.console import Console

    from govgraph.findings import Finding
    from govgraph.model import GovernanceModel

__all__ = [
    "FORMATS",
    "SEVERITY_STYLES",
    "STDOUT",
    "STDOUT_FORMATS",
    "Column",
    "cell_text",
    "console",
    "emit",
    "emit_grouped",
    "emit_json",
    "emit_rows",
    "output_name",
    "status",
    "table_text",
    "to_option",
    "write_output",
    "written_model",
]

FORMATS = ("table", "json", "csv")
#: The output path that means standard output.
STDOUT = "-"
T = TypeVar("T")
#: (key in each row, heading)
Column = tuple[str, str]


def console(stderr: bool = False) -> Console:
    """A rich console that never interprets markup or highlights values, that shows the
    control characters of plain strings as escapes, and that is wide enough for tables
    when the output is not a terminal."""
    from rich.console import Console

    class _SafeConsole(Console):
        def print(self, *objects: Any, **kwargs: Any) -> None:
            shown = (printable(o) if isinstance(o, str) else o for o in objects)
            super().print(*shown, **kwargs)

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else max(_terminal_columns(), 160)
    return _SafeConsole(file=stream, highlight=False, markup=False, emoji=False, width=width)


def _terminal_columns() -> int:
    """``$COLUMNS``, else the width of the terminal standard output is on, else 0
    (what ``shutil.get_terminal_size`` gives, without importing shutil)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return int(columns)
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, OSError, ValueError):  # a pipe, a test's buffer
        return 0


def cell_text(value: Any) -> str:
    """A value as table or CSV text: lists joined with ``; ``, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def table_text(value: Any, lang: str) -> str:
    """A value as a table shows it in ``lang``: ``cell_text``, with numbers written as
    the language writes them (``0,75`` and ``12 345`` in French).

    >>> table_text(0.75, "fr"), table_text([1.5, "x"], "fr"), table_text(0.75, "en")
    ('0,75', '1,5; x', '0.75')
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang)
    if isinstance(value, list | tuple):
        return "; ".join(table_text(v, lang) for v in value)
    return cell_text(value)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8, not escaped)."""
    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: str,
    *,
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
) -> None:
    """Print rows as a table or CSV (for JSON, the rows as a list of objects).
    ``styles`` gives each table row a rich style (a colour), shown only on a terminal
    that allows colour."""
    if fmt == "json":
        emit_json([dict(row) for row in rows])
    elif fmt == "csv":
        import csv

        from govgraph.formats.cells import guard_formula as _guard

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        writer.writerows(
            [_guard(printable(cell_text(row.get(key)))) for key, _ in columns] for row in rows
        )
    else:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        lang = current_language()
        table = Table(box=box.SIMPLE_HEAD)
        for _, heading in columns:
            table.add_column(heading, overflow="fold")
        for index, row in enumerate(rows):
            style = styles[index] if styles else None
            cells = (Text(printable(table_text(row.get(key), lang))) for key, _ in columns)
            table.add_row(*cells, style=style)
        out = console()
        if title:  # on its own line: a table title would wrap to the table's width
            out.print(Text(printable(title), style="bold"))
        out.print(table)


def emit(
    data: Any,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: str,
    *,
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
) -> None:
    """Print ``data`` as JSON, or ``rows`` as a table or CSV."""
    if fmt == "json":
        emit_json(data)
    else:
        emit_rows(rows, columns, fmt, title=title, styles=styles)


#: The colour of a finding's row by its severity.
SEVERITY_STYLES = {"error": "red", "warning": "yellow", "info": None}


def status(message: str) -> None:
    """Print a status line (``Wrote …``) on stderr, unless ``--quiet``."""
    if not is_quiet():
        click.echo(message, err=True)


def write_output(path: str, write: Callable[[str], T], suffix: str) -> T:
    """``write(path)``; for ``-``, write to a temporary ``*suffix`` file (the writers are
    atomic and need a real path) and copy it to standard output."""
    if path != STDOUT:
        return write(path)
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="govgraph-") as folder:
        target = os.path.join(folder, "output" + suffix)
        result = write(target)
        sys.stdout.flush()
        out = sys.stdout.buffer
        with open(target, "rb") as handle:
            shutil.copyfileobj(handle, out)
        out.flush()
        return result


#: Formats a model can be written in to standard output (``--to``).
STDOUT_FORMATS = ("yaml", "json", "xlsx", "ttl", "jsonld", "nt", "popolo.json", "graphml", "gexf")
F = TypeVar("F", bound=Callable[..., Any])


def to_option(function: F) -> F:
    """``--to FORMAT``: what ``-`` (standard output) receives."""
    return click.option(
        "--to",
        type=click.Choice(STDOUT_FORMATS),
        default="yaml",
        show_default=True,
        help="The format written when the output is - (standard output).",
    )(function)


def output_name(path: str, lang: str) -> str:
    """How an output path is named in messages (``-`` is standard output)."""
    return text("stdout", lang) if path == STDOUT else path


def written_model(path: str, model: GovernanceModel, lang: str) -> str:
    """``Wrote PATH (N entities, M relationships)`` in ``lang``."""
    return text(
        "written_model",
        lang,
        path=output_name(path, lang),
        entities=plural("count.entities", len(model.entities), lang),
        relationships=plural("count.relationships", len(model.relationships), lang),
    )


def emit_grouped(findings: Sequence[Finding], lang: str, title: str) -> None:
    """A table of findings, one line per code with its count (``grouped_rows``)."""
    from govgraph.findings import grouped_rows

    grouped = grouped_rows(findings, lang)
    styles = [SEVERITY_STYLES.get(row["severity"]) for row in grouped]
    rows = [{**row, "severity": text(f"severity.{row['severity']}", lang)} for row in grouped]
    columns = [
        ("severity", text("severity", lang)),
        ("code", text("code", lang)),
        ("count", text("count", lang)),
        ("location", text("location", lang)),
        ("entities", text("entities", lang)),
        ("message", text("first_example", lang)),
    ]
    emit_rows(rows, columns, "table", title=title, styles=styles)
    if len(rows) < len(findings):
        console().print(text("grouped_note", lang, findings=len(findings), codes=len(rows)))
