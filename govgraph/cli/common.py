"""What every command shares: the MODEL argument (``-`` is standard input),
``--format``, ``--lang``, ``--as-of``, ``--quiet``, and the mapping of errors to
one-line messages and exit codes.

Exit codes: 0 ok, 1 findings (e.g. ``health`` errors), 2 bad input or usage,
3 an internal error (a bug: please report it; ``GOVGRAPH_DEBUG=1`` shows the traceback),
130 interrupted (Ctrl-C, SIGINT) and 143 terminated (SIGTERM), as shells report a
process ended by those signals: no output is left half-written either way.
With ``--format json``, an error is one JSON object on stderr instead of a line.

This module imports only click and light parts of govgraph, so that the command line
starts fast; the model, the formats and the analyses load when a command runs.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govgraph.cli.lazy import LazyGroup
from govgraph.errors import GovgraphError, InputError, ModelInvalidError, UnknownEntityError
from govgraph.i18n import (
    LANGUAGES,
    Phrase,
    default_language,
    plural,
    quoted,
    said_in,
    text,
    translate_message,
)
from govgraph.terminal import printable

if TYPE_CHECKING:
    from govgraph.formats.parse import RawModel
    from govgraph.model import GovernanceModel

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "STDIN",
    "AsOfDate",
    "FloatRange",
    "GovgraphGroup",
    "as_of_line",
    "as_of_option",
    "as_of_today_option",
    "as_of_value",
    "current_format",
    "current_language",
    "format_option",
    "is_quiet",
    "lang_option",
    "load",
    "model_argument",
    "quiet_option",
    "raw_model",
    "report_error",
]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
MAX_ERROR_LINES = 20
#: How a model read from standard input is named in messages.
STDIN = "<stdin>"
F = TypeVar("F", bound=Callable[..., Any])
_LANG, _FORMAT, _QUIET, _INPUT_FORMAT = (
    "govgraph.lang",
    "govgraph.format",
    "govgraph.quiet",
    "govgraph.input_format",
)


def _meta() -> dict[str, Any]:
    ctx = click.get_current_context(silent=True)
    return ctx.meta if ctx is not None else {}


#: The language of the command line being run, as known before click parses it (so that
#: ``--help``, which runs before ``--lang`` is read, is in the same language).
_RUN_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "govgraph_run_language", default=None
)


def current_language() -> str:
    """The ``--lang`` of the running command (else the one its command line asks for,
    else from the environment)."""
    return _meta().get(_LANG) or _RUN_LANGUAGE.get() or default_language()


def current_format() -> str:
    """The ``--format`` of the running command (``table`` if it has none)."""
    return _meta().get(_FORMAT) or "table"


def is_quiet() -> bool:
    """Whether ``--quiet`` was given (status lines on stderr are then left out)."""
    return bool(_meta().get(_QUIET))


def _labelled(label: str | None, message: str, lang: str) -> str:
    """``label: message`` as ``lang`` writes it (``label : message`` in French)."""
    return text("error.labelled", lang, label=label, message=message) if label else message


def _located(message: str, lang: str, file: str | None, line: int | None, field: str | None) -> str:
    """``file:line: field: message``, the field's colon as ``lang`` writes it."""
    return str(InputError(_labelled(field, message, lang), file=file, line=line))


def _message(exc: GovgraphError, lang: str) -> str:
    """The error's one-line message in ``lang`` (the parts govgraph knows how to say)."""
    if isinstance(exc, ModelInvalidError) and exc.findings:
        first = exc.findings[0]
        message = _labelled(first.code, first.message(lang), lang)
        return _located(message, lang, exc.file, exc.line, exc.field)
    if isinstance(exc, UnknownEntityError):
        words = text("error.unknown_id", lang, id=exc.entity_id)
        if exc.suggestions:
            ids = text("error.or", lang).join(quoted(s, lang) for s in exc.suggestions)
            words += text("error.did_you_mean", lang, ids=ids)
        return words
    if isinstance(exc, InputError):
        return _located(exc.text_in(lang), lang, exc.file, exc.line, exc.field)
    return translate_message(str(exc), lang)


def report_error(exc: GovgraphError, lang: str | None = None, fmt: str | None = None) -> None:
    """Print an error on stderr: one line (one per located error for a model that
    breaks several rules, up to ``MAX_ERROR_LINES``), or a JSON object for
    ``--format json``."""
    lang = lang or current_language()
    findings = exc.findings if isinstance(exc, ModelInvalidError) else []
    if (fmt or current_format()) == "json":
        import json

        error: dict[str, Any] = {"exit_code": exc.exit_code, "message": _message(exc, lang)}
        if isinstance(exc, InputError):
            error.update(file=exc.file, line=exc.line, field=exc.field)
        if findings:
            error["findings"] = [{**f.as_row(lang), "line": f.line} for f in findings]
        click.echo(json.dumps({"error": error}, ensure_ascii=False), err=True)
        return
    if len(findings) > 1:
        for finding in findings[:MAX_ERROR_LINES]:
            where = f"{finding.location}: " if finding.location else ""
            said = _labelled(finding.code, finding.message(lang), lang)
            line = where + _labelled(finding.field_path, said, lang)
            click.echo(printable(text("error.line", lang, message=line)), err=True)
        hidden = len(findings) - MAX_ERROR_LINES
        if hidden > 0:
            click.echo(
                text("error.line", lang, message=plural("error.more", hidden, lang)), err=True
            )
        return
    click.echo(printable(text("error.line", lang, message=_message(exc, lang))), err=True)


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


class GovgraphGroup(LazyGroup):
    """A lazy click group that turns govgraph errors into clean messages and exit codes,
    with click's own messages (usage errors, ``Usage:``) in the command's language."""

    def main(self, args: Any = None, *posargs: Any, **kwargs: Any) -> Any:
        from govgraph.cli.help_text import translated_help
        from govgraph.i18n.click_messages import click_language, language_of

        words = sys.argv[1:] if args is None else list(args)
        lang = language_of([str(a) for a in words])
        token = _RUN_LANGUAGE.set(lang)
        try:
            with click_language(lang), translated_help(self, "govgraph", lang):
                return super().main(args, *posargs, **kwargs)
        finally:
            _RUN_LANGUAGE.reset(token)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            from govgraph.formats.atomic import guard_inputs

            with guard_inputs(), _terminate_cleanly():
                return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(text("error.interrupted", current_language()), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except _Terminated:
            click.echo(text("error.terminated", current_language()), err=True)
            ctx.exit(EXIT_TERMINATED)
        except GovgraphError as exc:
            report_error(exc, ctx.meta.get(_LANG), ctx.meta.get(_FORMAT))
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): stop quietly
            ctx.exit(EXIT_OK)
        except OSError as exc:
            lang = ctx.meta.get(_LANG) or default_language()
            where = None if exc.filename is None else os.fsdecode(exc.filename)
            error = InputError(exc.strerror or str(exc), file=where)
            report_error(error, lang, ctx.meta.get(_FORMAT))
            ctx.exit(EXIT_USAGE)
        except Exception as exc:
            if os.environ.get("GOVGRAPH_DEBUG"):
                import traceback

                traceback.print_exc()
            lang = ctx.meta.get(_LANG) or default_language()
            message = text("error.internal", lang, type=type(exc).__name__, message=exc)
            click.echo(message, err=True)
            ctx.exit(EXIT_INTERNAL)


class AsOfDate(click.ParamType):
    """A date option: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a partial date means
    its first day), ``today``, or ``all`` (every fact of every date: ``None``)."""

    name = "DATE|today|all"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> date | None:
        from govgraph.dates import parse_as_of

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
            lang = current_language()
            self.fail(text("error.as_of", lang, reason=said_in(exc, lang)), param, ctx)


class FloatRange(click.FloatRange):
    """``click.FloatRange`` (closed bounds) whose numbers are written in the command's
    language, in its error (``2,0 n'est pas dans l'intervalle 0,0<=x<=1,0.``) as in help."""

    def _describe_range(self) -> str:
        from govgraph.i18n.numbers import number

        lang = current_language()
        if self.min is None:
            return f"x<={number(self.max, lang)}"
        if self.max is None:
            return f"x>={number(self.min, lang)}"
        return f"{number(self.min, lang)}<=x<={number(self.max, lang)}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from gettext import gettext as _

        from govgraph.i18n.numbers import number

        found = click.FLOAT.convert(value, param, ctx)
        low = self.min is not None and found < self.min
        if low or (self.max is not None and found > self.max):
            message = _("{value} is not in the range {range}.")
            shown = number(found, current_language())
            self.fail(message.format(value=shown, range=self._describe_range()), param, ctx)
        return found


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if key == _QUIET:
            if value:  # a --quiet before the command name stays on
                ctx.meta[key] = True
        elif value is not None:
            ctx.meta[key] = value
        return value

    return callback


def model_argument(function: F) -> F:
    """The MODEL argument: a .yaml/.yml/.json file, a CSV directory, a bolt:// or
    neo4j:// URI, or ``-`` for standard input (with ``--input-format``)."""
    function = click.option(
        "--input-format",
        type=click.Choice(["yaml", "json"]),
        default="yaml",
        show_default=True,
        expose_value=False,
        is_eager=True,
        callback=_remember(_INPUT_FORMAT),
        help="The format of MODEL when it is - (standard input).",
    )(function)
    return click.argument("model", metavar="MODEL")(function)


def format_option(function: F) -> F:
    """``--format table|json|csv``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
        is_eager=True,
        callback=_remember(_FORMAT),
        help="Output format (with json, errors are JSON on stderr too).",
    )(function)


def lang_option(function: F) -> F:
    """``--lang en|fr`` (default: the command line's ``--lang``, given before the
    command too as in ``govgraph --lang fr validate X``, else from GOVGRAPH_LANG, then
    LC_ALL/LC_MESSAGES/LANG)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default=lambda: _RUN_LANGUAGE.get() or default_language(),
        show_default="$GOVGRAPH_LANG, else from $LANG",
        is_eager=True,
        callback=_remember(_LANG),
        help="Language of names, headings and messages.",
    )(function)


def quiet_option(function: F) -> F:
    """``-q/--quiet``: no status lines (``Wrote …``) on stderr."""
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_remember(_QUIET),
        help="Print no status lines (such as 'Wrote …') on stderr; errors still show.",
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


def _check_spec(spec: str) -> None:
    if not spec.strip():
        raise InputError(text("error.empty_model", current_language()))


def raw_model(spec: str) -> RawModel:
    """The raw (parsed, not yet validated) model that MODEL names; ``-`` reads
    standard input in the ``--input-format`` (YAML unless told)."""
    _check_spec(spec)
    if spec == "-":
        from govgraph.formats.documents import parse_document

        is_json = _meta().get(_INPUT_FORMAT) == "json"
        try:
            source = sys.stdin.buffer.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(Phrase("error.not_utf8", reason=exc.reason), file=STDIN) from None
        return parse_document(source, STDIN, is_json=is_json)
    from govgraph.formats import read_raw

    return read_raw(spec)


def load(spec: str, as_of_date: date | None = None) -> GovernanceModel:
    """The valid model MODEL names, as of a date if given."""
    from govgraph.temporal import as_of

    _check_spec(spec)
    if spec == "-":
        from govgraph.findings import errors_in
        from govgraph.formats.parse import check_raw

        model, findings = check_raw(raw_model(spec))
        errors = errors_in(findings)
        if errors:
            raise ModelInvalidError(errors, file=STDIN)
        return as_of(model, as_of_date)
    from govgraph.sources import open_model

    return as_of(open_model(spec), as_of_date)
