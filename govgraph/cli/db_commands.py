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
from typing import TYPE_CHECKING, Any, TypeVar

import click

from govgraph.cli.common import (
    as_of_option,
    current_language,
    format_option,
    lang_option,
    load,
    model_argument,
    quiet_option,
)
from govgraph.cli.output import (
    console,
    emit_rows,
    output_name,
    status,
    to_option,
    write_output,
)
from govgraph.errors import InputError
from govgraph.i18n import plural, text

if TYPE_CHECKING:
    from govgraph.store import GraphStore
    from govgraph.store.connect import ConnectionSettings

__all__ = ["db"]

F = TypeVar("F", bound=Callable[..., Any])
#: Pushes with more rows than this show a progress bar (on stderr).
PROGRESS_THRESHOLD = 5000
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


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
    uri: str | None, user: str | None, password: str | None, database: str | None, **kwargs: Any
) -> Iterator[tuple[GraphStore, ConnectionSettings]]:
    """A connected GraphStore; the driver is closed afterwards."""
    from govgraph.store import GraphStore
    from govgraph.store.connect import ConnectionSettings, open_driver

    settings = ConnectionSettings.from_env(uri=uri, user=user, password=password, database=database)
    driver = open_driver(settings)
    try:
        yield GraphStore(driver, settings.database, where=settings.where, **kwargs), settings
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
            raise InputError(text("error.param", current_language(), pair=pair))
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
@connection_options
def schema(uri: str | None, user: str | None, password: str | None, database: str | None) -> None:
    """Create the indexes (and, on Neo4j, the uniqueness constraints). Running it
    again changes nothing.

    Example:

    \b
        govgraph db schema
    """
    with open_store(uri, user, password, database) as (store, _):
        for line in store.apply_schema():
            click.echo(line)


@db.command()
@model_argument
@click.option("--prune", is_flag=True, help="Also delete what the store holds beyond MODEL.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Rows per batch.")
@connection_options
def push(
    model: str,
    prune: bool,
    batch_size: int | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Write MODEL to the store, all of it or nothing (a failed push leaves the store
    as it was). Entities are matched by id and relationships by (from, to, key), so
    pushing twice changes nothing.

    Example:

    \b
        govgraph db push fixtures/joint-councils.yaml --prune
    """
    loaded = load(model)
    extra = {"batch_size": batch_size} if batch_size else {}
    with open_store(uri, user, password, database, **extra) as (store, settings):
        total = 1 + len(loaded.entities) + len(loaded.relationships)
        if total > PROGRESS_THRESHOLD:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            columns = (
                TextColumn(text("db.pushing", current_language())),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=console(stderr=True), transient=True) as bar:
                task = bar.add_task("push", total=total)
                report = store.push(loaded, prune=prune, progress=lambda n: bar.advance(task, n))
        else:
            report = store.push(loaded, prune=prune)
    lang = current_language()
    message = text(
        "db.pushed",
        lang,
        entities=plural("count.entities", report.entities, lang),
        relationships=plural("count.relationships", report.relationships, lang),
        where=settings.where,
    )
    if prune:
        message += text(
            "db.pruned",
            lang,
            entities=plural("count.entities", report.deleted_entities, lang),
            relationships=plural("count.relationships", report.deleted_relationships, lang),
        )
    click.echo(message)


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
@connection_options
@quiet_option
def pull(
    output: str,
    to: str,
    as_of_date: date | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Read the model from the store and write it to a file (atomically).

    Example:

    \b
        govgraph db pull -o out/joint-councils.yaml
    """
    from govgraph.formats import write_model
    from govgraph.temporal import as_of

    with open_store(uri, user, password, database) as (store, settings):
        model = store.pull()
    write_output(output, lambda path: write_model(as_of(model, as_of_date), path), f".{to}")
    lang = current_language()
    message = text(
        "db.pulled",
        lang,
        entities=plural("count.entities", len(model.entities), lang),
        relationships=plural("count.relationships", len(model.relationships), lang),
        where=settings.where,
        path=output_name(output, lang),
    )
    # on stderr when the model itself goes to stdout
    if output == "-":
        status(message)
    else:
        click.echo(message)


@db.command()
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, help="A parameter, key=value (repeatable).")
@format_option
@lang_option
@as_of_option
@connection_options
def query(
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    lang: str,
    as_of_date: date | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Run a named analyst query (no NAME: list them). --as-of sets its date.

    Named queries: reporting_chain (id), subordinates (id), orphans,
    multiple_formal_parents, overlapping_memberships, bodies_of_kind (kind).

    Example:

    \b
        govgraph db query reporting_chain -p id=data-driven-intelligence-wg --as-of 2018
    """
    from govgraph.store import ANALYST_QUERIES, analyst_queries

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
        names = ", ".join(ANALYST_QUERIES)
        raise InputError(text("error.no_query", current_language(), name=name, names=names))
    values = _parse_params(params)
    if as_of_date is not None:
        values["date"] = as_of_date.isoformat()
    with open_store(uri, user, password, database) as (store, _):
        rows = _localise(store.run(name, **values), lang)
    emit_rows(rows, _columns(rows), fmt)


@db.command()
@click.argument("cypher")
@click.option("-p", "--param", "params", multiple=True, help="A parameter, key=value (repeatable).")
@format_option
@connection_options
def cypher(
    cypher: str,
    params: tuple[str, ...],
    fmt: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Run read-only Cypher in a READ transaction. Anything that could write (CREATE,
    MERGE, SET, DELETE, REMOVE, DROP, LOAD CSV, write procedures...) is refused before
    it reaches the server.

    Example:

    \b
        govgraph db cypher "MATCH (n:WorkingGroup) RETURN n.id AS id, n.name_en AS name"
    """
    from govgraph.store import check_read_only

    check_read_only(cypher)  # refuse before even connecting
    with open_store(uri, user, password, database) as (store, _):
        rows = store.read(cypher, **_parse_params(params))
    emit_rows(rows, _columns(rows), fmt)
