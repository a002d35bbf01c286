"""What every command shares: the MODEL argument, ``--format``, ``--lang``,
``--as-of``, and the mapping of errors to one-line messages and exit codes.

Exit codes: 0 ok, 1 findings (e.g. ``health`` errors), 2 bad input or usage,
3 an internal error (a bug: please report it; ``GOVGRAPH_DEBUG=1`` shows the traceback),
130 interrupted (Ctrl-C, SIGINT) and 143 terminated (SIGTERM), as shells report a
process ended by those signals: no output is left half-written either way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, TypeVar

import click

from govgraph.dates import parse_as_of
from govgraph.errors import GovgraphError, ModelInvalidError
from govgraph.formats.atomic import guard_inputs
from govgraph.model import GovernanceModel
from govgraph.sources import open_model
from govgraph.temporal import as_of
from govgraph.terminal import printable

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "AsOfDate",
    "GovgraphGroup",
    "as_of_option",
    "format_option",
    "lang_option",
    "load",
    "model_argument",
    "report_error",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
MAX_ERROR_LINES = 20
F = TypeVar("F", bound=Callable[..., Any])


def report_error(exc: GovgraphError) -> None:
    """Print an error as one line on stderr (one line per located error for a model
    that breaks several rules, up to ``MAX_ERROR_LINES``)."""
    if isinstance(exc, ModelInvalidError) and len(exc.findings) > 1:
        for finding in exc.findings[:MAX_ERROR_LINES]:
            where = f"{finding.location}: " if finding.location else ""
            field = f"{finding.field_path}: " if finding.field_path else ""
            line = f"error: {where}{field}{finding.code}: {finding.message_en}"
            click.echo(printable(line), err=True)
        hidden = len(exc.findings) - MAX_ERROR_LINES
        if hidden > 0:
            click.echo(f"error: ... and {hidden} more (govgraph validate lists them all)", err=True)
        return
    click.echo(printable(f"error: {exc}"), err=True)


class _Terminated(BaseException):
    """SIGTERM, raised where the process is so that cleanup (``finally``) runs."""


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into ``_Terminated`` while a command runs (main thread only)."""

    def terminate(signum: int, frame: Any) -> None:
        raise _Terminated

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class GovgraphGroup(click.Group):
    """A click group that turns govgraph errors into clean messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with guard_inputs(), _terminate_cleanly():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: no file was left half-written", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except _Terminated:
            click.echo("terminated: no file was left half-written", err=True)
            ctx.exit(EXIT_TERMINATED)
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
            click.echo(printable(f"error: {name}{exc.strerror or exc}"), err=True)
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
    its first day)."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_as_of(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


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
    """``--as-of DATE``."""
    return click.option(
        "--as-of",
        "as_of_date",
        type=AsOfDate(),
        default=None,
        help="Only what was valid on this date (YYYY, YYYY-MM or YYYY-MM-DD).",
    )(function)


def load(spec: str, as_of_date: date | None = None) -> GovernanceModel:
    """The valid model MODEL names, as of a date if given."""
    return as_of(open_model(spec), as_of_date)
