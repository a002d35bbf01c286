"""What every command shares: the MODEL argument, ``--format``, ``--lang``,
``--as-of``, and the mapping of errors to one-line messages and exit codes.

Exit codes: 0 ok, 1 findings (e.g. ``health`` errors), 2 bad input or usage,
3 an internal error (a bug: please report it; ``GOVGRAPH_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from govgraph.dates import parse_as_of
from govgraph.errors import GovgraphError, ModelInvalidError
from govgraph.i18n import text
from govgraph.model import GovernanceModel
from govgraph.sources import open_model
from govgraph.temporal import as_of

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "AsOfDate",
    "GovgraphGroup",
    "as_of_line",
    "as_of_option",
    "as_of_today_option",
    "as_of_value",
    "format_option",
    "lang_option",
    "load",
    "model_argument",
    "report_error",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_ERROR_LINES = 20
F = TypeVar("F", bound=Callable[..., Any])


def report_error(exc: GovgraphError) -> None:
    """Print an error as one line on stderr (one line per located error for a model
    that breaks several rules, up to ``MAX_ERROR_LINES``)."""
    if isinstance(exc, ModelInvalidError) and len(exc.findings) > 1:
        for finding in exc.findings[:MAX_ERROR_LINES]:
            where = f"{finding.location}: " if finding.location else ""
            field = f"{finding.field_path}: " if finding.field_path else ""
            click.echo(f"error: {where}{field}{finding.code}: {finding.message_en}", err=True)
        hidden = len(exc.findings) - MAX_ERROR_LINES
        if hidden > 0:
            click.echo(f"error: ... and {hidden} more (govgraph validate lists them all)", err=True)
        return
    click.echo(f"error: {exc}", err=True)


class GovgraphGroup(click.Group):
    """A click group that turns govgraph errors into clean messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GovgraphError as exc:
            report_error(exc)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): stop quietly
            ctx.exit(EXIT_OK)
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {name}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("GOVGRAPH_DEBUG"):
                traceback.print_exc()
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} "
                "(a bug in govgraph; GOVGRAPH_DEBUG=1 shows the traceback)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


class AsOfDate(click.ParamType):
    """A date option: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a partial date means
    its first day), ``today``, or ``all`` (every fact of every date: ``None``)."""

    name = "DATE|today|all"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> date | None:
        if value is None or isinstance(value, date):
            return value
        word = str(value).strip().lower()
        if word == "today":
            return date.today()
        if word == "all":
            return None
        try:
            return parse_as_of(str(value))
        except ValueError as exc:
            self.fail(f"{exc}; or 'today', or 'all' for every date", param, ctx)


def model_argument(function: F) -> F:
    """The MODEL argument: a .yaml/.yml/.json file or a CSV directory."""
    return click.argument("model", metavar="MODEL")(function)


def format_option(function: F) -> F:
    """``--format table|json|csv``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        help="Output format.",
    )(function)


def lang_option(function: F) -> F:
    """``--lang en|fr`` (default from GOVGRAPH_LANG, else en)."""
    return click.option(
        "--lang",
        type=click.Choice(["en", "fr"]),
        default=lambda: os.environ.get("GOVGRAPH_LANG", "en"),
        show_default="en, or $GOVGRAPH_LANG",
        help="Language of names, headings and messages.",
    )(function)


def as_of_option(function: F) -> F:
    """``--as-of DATE|today|all``, by default the whole history (``None``): for the
    commands that work on every date (``validate``, ``convert``)."""
    return click.option(
        "--as-of",
        "as_of_date",
        type=AsOfDate(),
        default=None,
        help="Only what was valid on this date (YYYY, YYYY-MM or YYYY-MM-DD, or today).",
    )(function)


def as_of_today_option(function: F) -> F:
    """``--as-of DATE|today|all``, by default today: for every command that describes
    the structure. ``all`` (``None``) is every fact of every date, for history work."""
    return click.option(
        "--as-of",
        "as_of_date",
        type=AsOfDate(),
        default="today",
        show_default=True,
        help="Answer as of this date (YYYY, YYYY-MM or YYYY-MM-DD), today, or all "
        "(every fact of every date).",
    )(function)


def as_of_value(day: date | None) -> str:
    """The date an answer is for, as JSON and CSV give it: ISO, or ``all``.

    >>> as_of_value(date(2026, 4, 1)), as_of_value(None)
    ('2026-04-01', 'all')
    """
    return "all" if day is None else day.isoformat()


def as_of_line(day: date | None, lang: str) -> str:
    """The line a table starts with, saying which date it answers for.

    >>> as_of_line(date(2026, 4, 1), "en"), as_of_line(None, "fr")
    ('As of 2026-04-01', "Toutes les dates (tout l'historique)")
    """
    if day is None:
        return text("as_of_all_dates", lang)
    return text("as_of_line", lang, date=day.isoformat())


def load(spec: str, as_of_date: date | None = None) -> GovernanceModel:
    """The valid model MODEL names, as of a date if given."""
    return as_of(open_model(spec), as_of_date)
