"""``govgraph db``: the Neo4j store (schema, push, pull, named queries, read-only Cypher).

Connection settings come from ``--uri/--user/--password/--database`` or Neo4j's own
``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``. The password
is never printed; a server that is down or refuses the credentials gives one line and
exit code 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from govgraph.cli.common import (
    as_of_line,
    as_of_option,
    as_of_today_option,
    as_of_value,
    format_option,
    is_quiet,
    lang_option,
    load,
    model_argument,
    quiet_option,
)
from govgraph.cli.output import (
    console,
    emit_json,
    emit_rows,
    output_name,
    status,
    to_option,
    write_output,
)
from govgraph.errors import InputError
from govgraph.formats import write_model
from govgraph.i18n import Phrase, text
from govgraph.store import ANALYST_QUERIES, DEFAULT_MODEL_KEY, GraphStore, analyst_queries
from govgraph.store.connect import ConnectionSettings, open_driver

__all__ = ["db"]

F = TypeVar("F", bound=Callable[..., Any])
#: Pushes with more rows than this show a progress bar (on stderr).
PROGRESS_THRESHOLD = 5000
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def model_key_option(function: F) -> F:
    """``--model KEY``: which of the models in the database (default ``default``)."""
    return click.option(
        "--model",
        "model_key",
        default=DEFAULT_MODEL_KEY,
        show_default=True,
        help="Model key: several models (a baseline, scenario options) live in one database.",
    )(function)


def connection_options(function: F) -> F:
    """``--uri``, ``--user``, ``--password``, ``--database`` (or the NEO4J_* variables)."""
    options = [
        click.option(
            "--uri", default=None, help="Bolt URI [env NEO4J_URI; bolt://localhost:7687]."
        ),
        click.option("--user", default=None, help="User name [env NEO4J_USERNAME; neo4j]."),
        click.option(
            "--password",
            default=None,
            help="Password [env NEO4J_PASSWORD]. Prefer the variable: flags show in `ps`.",
        ),
        click.option(
            "--database", default=None, help="Database [env NEO4J_DATABASE; the home database]."
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@contextmanager
def open_store(
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    model: str = DEFAULT_MODEL_KEY,
    **kwargs: Any,
) -> Iterator[tuple[GraphStore, ConnectionSettings]]:
    """A connected GraphStore; the driver is closed afterwards."""
    settings = ConnectionSettings.from_env(uri=uri, user=user, password=password, database=database)
    driver = open_driver(settings)
    try:
        store = GraphStore(driver, settings.database, model=model, where=settings.where, **kwargs)
        yield store, settings
    finally:
        driver.close()


def _parse_params(pairs: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; a value that reads as JSON (a number, true, false, null,
    a list...) is that value, anything else is text."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not _KEY.match(key):
            raise InputError(Phrase("db.parameter", pair=pair))
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


def _columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    return [(key, key) for key in keys]


def _localise(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Replace name_en/name_fr columns by one ``name`` column in ``lang``."""
    if not rows or "name_en" not in rows[0]:
        return rows
    other = "fr" if lang == "en" else "en"
    out = []
    for row in rows:
        name = row.get(f"name_{lang}") or row.get(f"name_{other}")
        rest = {k: v for k, v in row.items() if k not in ("name_en", "name_fr")}
        out.append({**{k: rest[k] for k in list(rest)[:1]}, "name": name, **rest})
    return out


@click.group()
def db() -> None:
    """The shared Neo4j store: push a model, pull it back, query it.

    Connection: --uri/--user/--password/--database or NEO4J_URI, NEO4J_USERNAME,
    NEO4J_PASSWORD, NEO4J_DATABASE.

    Example:

    \b
        govgraph db push fixtures/joint-councils.yaml --prune
    """


@db.command()
@lang_option
@connection_options
def schema(
    lang: str, uri: str | None, user: str | None, password: str | None, database: str | None
) -> None:
    """Create the constraints and the index the push uses, if missing; says
    ``exists`` for those already there. Deletes what large-model pushes left behind
    when their client died: a generation half-written, or an old one half-deleted.

    Example:

    \b
        govgraph db schema
    """
    with open_store(uri, user, password, database) as (store, _):
        for status, what, name in store.ensure_schema():
            key = "db.schema_created" if status == "created" else "db.schema_exists"
            click.echo(text(key, lang, what=text(f"db.schema_{what}", lang), name=name))
        for retired in store.clean_generations():
            key = f"db.{retired.reason}_deleted"
            click.echo(text(key, lang, scope=retired.scope, model=repr(retired.model)))


@db.command()
@model_argument
@model_key_option
@click.option("--prune", is_flag=True, help="Also delete what the store holds beyond MODEL.")
@click.option(
    "--large-model",
    "large",
    is_flag=True,
    help="Write a new generation in many transactions, switch to it at the end (replaces "
    "the whole model; for models too large for one transaction).",
)
@click.option("--force", is_flag=True, help="Push even if MODEL was pulled at an older revision.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Rows per batch.")
@lang_option
@connection_options
@quiet_option
def push(
    model: str,
    model_key: str,
    prune: bool,
    large: bool,
    force: bool,
    batch_size: int | None,
    lang: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Write MODEL under the model key, all of it or nothing (a failed push leaves the
    store as it was). Only what changed since the stored revision is written. A MODEL
    pulled at an older revision than the store's is refused unless --force; of two
    pushes at the same time, one wins and the other fails.

    Example:

    \b
        govgraph db push fixtures/joint-councils.yaml --prune --model baseline
    """
    loaded = load(model)
    extra = {"batch_size": batch_size} if batch_size else {}
    with open_store(uri, user, password, database, model_key, **extra) as (store, settings):
        total = len(loaded.entities) + len(loaded.relationships)
        if total > PROGRESS_THRESHOLD and not is_quiet():
            columns = (
                TextColumn(text("db.pushing", lang)),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=console(stderr=True), transient=True) as bar:
                task = bar.add_task("push", total=None)

                def advance(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                report = store.push(loaded, prune=prune, large=large, force=force, progress=advance)
        else:
            report = store.push(loaded, prune=prune, large=large, force=force)
    parts = [
        text(
            "db.push_counts",
            lang,
            name=text(f"db.push_{name}", lang),
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
            deleted=counts.deleted,
        )
        for name, counts in (("entities", report.entities), ("relationships", report.relationships))
    ]
    click.echo(
        text(
            "db.push_summary",
            lang,
            model=repr(report.model),
            where=settings.where,
            revision=report.revision,
            mode=text("db.push_large", lang) if report.large else "",
            counts="; ".join(parts),
        )
    )


@db.command()
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    help="Model file to write (.yaml, .json, or a CSV directory); - for standard output.",
)
@to_option
@as_of_option
@model_key_option
@lang_option
@connection_options
@quiet_option
def pull(
    output: str,
    to: str,
    as_of_date: date | None,
    model_key: str,
    lang: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Read the model from the store and write it to a file (atomically). The file
    records the model key and revision it was pulled at (``pulled_from``).

    Example:

    \b
        govgraph db pull -o out/joint-councils.yaml
    """
    from govgraph.temporal import as_of

    with open_store(uri, user, password, database, model_key) as (store, settings):
        model = store.pull(stamp=True)
    write_output(output, lambda path: write_model(as_of(model, as_of_date), path), f".{to}")
    revision = model.pulled_from.revision if model.pulled_from else 0
    status(
        text(
            "db.pull_summary",
            lang,
            entities=len(model.entities),
            relationships=len(model.relationships),
            model=repr(model_key),
            revision=revision,
            where=settings.where,
            path=output_name(output, lang),
        )
    )


@db.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, help="A parameter, key=value (repeatable).")
@format_option
@lang_option
@as_of_today_option
@model_key_option
@connection_options
def query(
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    lang: str,
    as_of_date: date | None,
    model_key: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Run a named analyst query (no NAME: list them). --as-of sets its date.

    A query answers as of today unless --as-of says otherwise (a date, or all for
    every fact of every date): the table starts with the date line, CSV rows carry an
    as_of column, JSON is {as_of, rows: [...]}.

    Named queries: reporting_chain (id), subordinates (id), orphans,
    multiple_formal_parents, overlapping_memberships, bodies_of_kind (kind).

    Example:

    \b
        govgraph db query reporting_chain -p id=data-driven-intelligence-wg --as-of 2018
    """
    if name is None:
        rows = [
            {"name": q.name, "parameters": ", ".join(q.params), "description": q.description}
            for q in analyst_queries().values()
        ]
        emit_rows(
            rows,
            [("name", "name"), ("parameters", "parameters"), ("description", "description")],
            fmt,
        )
        return
    if name not in ANALYST_QUERIES:
        raise InputError(Phrase("db.no_query", name=name, queries=", ".join(ANALYST_QUERIES)))
    values = _parse_params(params)
    if "model" in values:
        raise InputError(Phrase("db.model_key"))
    if "date" in values:
        raise InputError(Phrase("db.date_param"))
    if as_of_date is not None:
        values["date"] = as_of_date.isoformat()
    with open_store(uri, user, password, database, model_key) as (store, _):
        rows = _localise(store.run(name, **values), lang)
    day = as_of_value(as_of_date)
    if fmt == "json":
        emit_json({"as_of": day, "rows": rows})
        return
    if fmt == "csv":
        emit_rows(
            [{**row, "as_of": day} for row in rows], [*_columns(rows), ("as_of", "as_of")], fmt
        )
        return
    click.echo(as_of_line(as_of_date, lang))
    emit_rows(rows, _columns(rows), fmt)


@db.command()
@click.argument("cypher")
@click.option("-p", "--param", "params", multiple=True, help="A parameter, key=value (repeatable).")
@format_option
@lang_option
@connection_options
def cypher(
    cypher: str,
    params: tuple[str, ...],
    fmt: str,
    lang: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Run Cypher in a READ transaction: the server refuses anything that writes
    (CREATE, MERGE, SET, DELETE, schema commands, write procedures...). It sees every
    model key; stored entities carry a `scope` (see `db query` for one model's view).

    Example:

    \b
        govgraph db cypher "MATCH (n:WorkingGroup) RETURN n.id AS id, n.name_en AS name"
    """
    with open_store(uri, user, password, database) as (store, _):
        rows = store.read(cypher, **_parse_params(params))
    emit_rows(rows, _columns(rows), fmt)
