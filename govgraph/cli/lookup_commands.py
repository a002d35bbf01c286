"""Looking things up: ``links`` (every line of one entity, any type), ``find`` (entities
by id, name or acronym) and ``list`` (ids and names, by kind).

Like the analysis commands, each answers as of today unless ``--as-of`` says
otherwise, and says which date it answers for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import click
import networkx as nx

from govgraph.analysis.links import DIRECTIONS, links
from govgraph.analysis.lookup import (
    DEFAULT_FIND_LIMIT,
    find_entities,
    list_entities,
    resolve_entity,
)
from govgraph.cli.common import (
    as_of_line,
    as_of_today_option,
    as_of_value,
    format_option,
    lang_option,
    load,
    model_argument,
)
from govgraph.cli.output import Column, emit_json, emit_rows
from govgraph.graph import to_graph
from govgraph.i18n import kind_name, role_name, text, type_name
from govgraph.vocabulary import EntityKind

__all__ = ["find_command", "links_command", "list_command"]

_KINDS = [kind.value for kind in EntityKind]


def _name(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    names = graph.nodes[node].get("name") or {}
    return names.get(lang) or next(iter(names.values()), str(node))


def _acronym(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    acronyms = graph.nodes[node].get("acronym") or {}
    return acronyms.get(lang) or next(iter(acronyms.values()), "")


def _show(
    fmt: str,
    key: str,
    data: Any,
    rows: list[dict[str, Any]],
    columns: list[Column],
    title: str,
    lang: str,
    day: date | None,
) -> None:
    """JSON ``{as_of, key: data}``; CSV rows with ``as_of``; a table after the date."""
    if fmt == "json":
        emit_json({"as_of": as_of_value(day), key: data})
        return
    if fmt == "csv":
        keys = [(k, k) for k, _ in columns]
        emit_rows(
            [{**row, "as_of": as_of_value(day)} for row in rows], [*keys, ("as_of", "as_of")], fmt
        )
        return
    click.echo(as_of_line(day, lang))
    if not rows:
        click.echo(title)
        click.echo(text("no_results", lang))
        return
    emit_rows(rows, columns, fmt, title=title)


def _details(row: dict[str, Any], lang: str) -> str:
    parts = []
    if row.get("formal") is False:
        parts.append(text("informal", lang))
    if row.get("role"):
        parts.append(role_name(row["role"], lang))
    for key in ("level", "service"):
        if row.get(key):
            parts.append(str(row[key]))
    if row.get("valid_from") or row.get("valid_to"):
        parts.append(f"{row.get('valid_from') or '…'}–{row.get('valid_to') or '…'}")
    return ", ".join(parts)


@click.command("links")
@model_argument
@click.argument("entity_id", metavar="ID")
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    help="Only this relationship type (repeatable, or TYPE,TYPE), e.g. SUPPORTS.",
)
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS),
    default="both",
    show_default=True,
    help="out: lines from ID; in: lines to ID.",
)
@format_option
@lang_option
@as_of_today_option
def links_command(
    model: str,
    entity_id: str,
    types: tuple[str, ...],
    direction: str,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Every line of ID, of any type: who supports, oversees, advances, engages with,
    succeeds it or sits on it (--direction in), and what it does to others (out).

    ID may be an id, or a unique acronym or name. JSON: {as_of, links: [{direction,
    type, other, formal?, role?, level?, service?, valid_from?, valid_to?}, ...]}.

    Example:

    \b
        govgraph links fixtures/joint-councils.yaml iccs --type SUPPORTS --direction out
    """
    graph = to_graph(load(model))
    entity_id = resolve_entity(graph, entity_id)
    wanted = [part for value in types for part in value.split(",")] or None
    found = links(graph, entity_id, types=wanted, direction=direction, as_of=as_of_date)
    if fmt == "table":
        rows = [
            {
                "line": (
                    f"{type_name(row['type'], lang)} →"
                    if row["direction"] == "out"
                    else f"← {type_name(row['type'], lang)}"
                ),
                "id": row["other"],
                "name": _name(graph, row["other"], lang),
                "kind": kind_name(graph.nodes[row["other"]].get("kind", ""), lang),
                "details": _details(row, lang),
            }
            for row in found
        ]
        columns = [
            ("line", text("line", lang)),
            ("id", "Id"),
            ("name", text("name", lang)),
            ("kind", text("kind", lang)),
            ("details", text("details", lang)),
        ]
    else:
        rows = found
        columns = [(k, k) for k in ("direction", "type", "other", "formal", "role", "level",
                                     "service", "valid_from", "valid_to")]  # fmt: skip
    title = text("links_title", lang, id=entity_id)
    _show(fmt, "links", found, rows, columns, title, lang, as_of_date)


@click.command("find")
@model_argument
@click.argument("query", metavar="TEXT")
@click.option("--kind", type=click.Choice(_KINDS), default=None, help="Only entities of this kind.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_FIND_LIMIT,
    show_default=True,
    help="At most this many matches.",
)
@format_option
@lang_option
@as_of_today_option
def find_command(
    model: str,
    query: str,
    kind: str | None,
    limit: int,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Find entities whose id, name or acronym (English or French) contains TEXT,
    ignoring case and accents: exact matches first.

    JSON: {as_of, matches: [{id, kind, matched, text}, ...]}; `matched` is the field
    that matched (id, name.en, acronym.fr, ...). --as-of all searches every date.

    Example:

    \b
        govgraph find fixtures/joint-councils.yaml "prestation de services"
    """
    graph = to_graph(load(model))
    found = find_entities(graph, query, kind=kind, limit=limit, as_of=as_of_date)
    rows = [
        {
            **row,
            "name": _name(graph, row["id"], lang),
            "kind": kind_name(row["kind"], lang) if fmt == "table" else row["kind"],
        }
        for row in found
    ]
    columns = [
        ("id", "Id"),
        ("name", text("name", lang)),
        ("kind", text("kind", lang)),
        ("matched", text("matched", lang)),
        ("text", text("matched_text", lang)),
    ]
    _show(
        fmt,
        "matches",
        found,
        rows,
        columns,
        text("find_title", lang, query=query),
        lang,
        as_of_date,
    )


@click.command("list")
@model_argument
@click.option("--kind", type=click.Choice(_KINDS), default=None, help="Only entities of this kind.")
@format_option
@lang_option
@as_of_today_option
def list_command(
    model: str, kind: str | None, fmt: str, lang: str, as_of_date: date | None
) -> None:
    """List the entities (of --kind K) with their ids, acronyms and names, in model
    order: the ids every other command takes.

    JSON: {as_of, entities: [{id, kind, name, acronym, valid_from, valid_to}, ...]}.

    Example:

    \b
        govgraph list fixtures/joint-councils.yaml --kind working_group
    """
    graph = to_graph(load(model))
    found = list_entities(graph, kind=kind, as_of=as_of_date)
    rows = [
        {
            "id": row["id"],
            "kind": kind_name(row["kind"], lang) if fmt == "table" else row["kind"],
            "acronym": _acronym(graph, row["id"], lang),
            "name": _name(graph, row["id"], lang),
            "valid_from": row["valid_from"],
            "valid_to": row["valid_to"],
        }
        for row in found
    ]
    columns = [
        ("id", "Id"),
        ("kind", text("kind", lang)),
        ("acronym", text("acronym", lang)),
        ("name", text("name", lang)),
        ("valid_from", text("valid_from", lang)),
        ("valid_to", text("valid_to", lang)),
    ]
    _show(fmt, "entities", found, rows, columns, text("list_title", lang), lang, as_of_date)
