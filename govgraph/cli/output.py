"""Printing data: a table (rich), JSON or CSV, chosen by ``--format``.

Values are shown as text, never as markup: a name such as ``[bold]x[/]`` prints as is.
Control characters and terminal escapes in values are shown as visible escapes
(``govgraph.terminal``), and a CSV cell a spreadsheet would run as a formula gets a
leading apostrophe (``govgraph.formats.cells``).
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from govgraph.formats.cells import guard_formula
from govgraph.terminal import json_safe, printable

__all__ = ["FORMATS", "Column", "cell_text", "console", "emit", "emit_json", "emit_rows"]

FORMATS = ("table", "json", "csv")
#: (key in each row, heading)
Column = tuple[str, str]


class _SafeConsole(Console):
    """A console that shows the control characters of plain strings as escapes."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        super().print(*(printable(o) if isinstance(o, str) else o for o in objects), **kwargs)


def console(stderr: bool = False) -> Console:
    """A rich console that never interprets markup or highlights values, and that is
    wide enough for tables when the output is not a terminal."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else max(shutil.get_terminal_size((160, 24)).columns, 160)
    return _SafeConsole(file=stream, highlight=False, markup=False, emoji=False, width=width)


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


def emit_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8, not escaped)."""
    click.echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: str,
    *,
    title: str | None = None,
) -> None:
    """Print rows as a table or CSV (for JSON, the rows as a list of objects)."""
    if fmt == "json":
        emit_json([dict(row) for row in rows])
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        writer.writerows(
            [guard_formula(printable(cell_text(row.get(key)))) for key, _ in columns]
            for row in rows
        )
    else:
        table = Table(box=box.SIMPLE_HEAD)
        for _, heading in columns:
            table.add_column(heading, overflow="fold")
        for row in rows:
            table.add_row(*(Text(printable(cell_text(row.get(key)))) for key, _ in columns))
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
) -> None:
    """Print ``data`` as JSON, or ``rows`` as a table or CSV."""
    if fmt == "json":
        emit_json(data)
    else:
        emit_rows(rows, columns, fmt, title=title)
