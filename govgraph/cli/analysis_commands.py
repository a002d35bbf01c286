"""Analysis commands: ``chain``, ``subordinates``, ``path``, ``members``,
``memberships``, ``coverage``, ``overlaps``, ``metrics``.

Each loads the model, builds the graph, makes one ``govgraph.analysis`` call (which
honours ``--as-of``) and prints: JSON is the library's answer as is (entities by id);
tables and CSV add names in ``--lang``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import click
import networkx as nx

from govgraph.analysis import (
    connections,
    coverage,
    members,
    memberships,
    metrics,
    overlaps,
    reporting_chains,
    subordinates,
)
from govgraph.analysis.accountability import chain_accountability
from govgraph.analysis.overlaps import DEFAULT_MAX_ITEM_BODIES, OVERLAP_DIMENSIONS
from govgraph.analysis.paths import DEFAULT_PATH_LIMIT
from govgraph.cli.common import as_of_option, format_option, lang_option, load, model_argument
from govgraph.cli.output import Column, emit, emit_json, emit_rows
from govgraph.graph import to_graph
from govgraph.i18n import kind_name, role_name, text, type_name

__all__ = [
    "chain",
    "coverage_command",
    "members_command",
    "memberships_command",
    "metrics_command",
    "overlaps_command",
    "path",
    "subordinates_command",
]


def _graph(model: str) -> nx.MultiDiGraph:
    """The whole model as a graph; the analyses apply ``--as-of`` themselves, so that
    an id that exists but is not valid on the date gets its own message."""
    return to_graph(load(model))


def _name(graph: nx.MultiDiGraph, node: str | None, lang: str) -> str:
    if node is None:
        return ""
    names = graph.nodes[node].get("name") or {}
    return names.get(lang) or next(iter(names.values()), str(node))


def _columns(lang: str, *keys: str) -> list[Column]:
    return [(key, text(key, lang)) for key in keys]


def _print(
    fmt: str,
    data: Any,
    rows: Sequence[Mapping[str, Any]],
    table_columns: Sequence[Column],
    csv_columns: Sequence[Column],
    lang: str,
    title: str,
) -> None:
    """JSON: ``data``; a table (or a 'nothing found' line); CSV: header and rows."""
    if fmt == "table" and not rows:
        click.echo(title)
        click.echo(text("no_results", lang))
        return
    emit(data, rows, table_columns if fmt == "table" else csv_columns, fmt, title=title)


def _entity_row(graph: nx.MultiDiGraph, node: str, lang: str, fmt: str) -> dict[str, Any]:
    kind = graph.nodes[node].get("kind", "")
    return {
        "id": node,
        "name": _name(graph, node, lang),
        "kind": kind_name(kind, lang) if fmt == "table" else kind,
    }


@click.command()
@model_argument
@click.argument("entity_id", metavar="ID")
@click.option(
    "--include-informal", is_flag=True, help="Follow informal reporting lines (formal: false) too."
)
@format_option
@lang_option
@as_of_option
def chain(
    model: str,
    entity_id: str,
    include_informal: bool,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Every reporting chain from ID up to a root, bottom-up.

    Formal lines are formal REPORTS_TO lines and PART_OF (a part answers to the
    whole). A body with several parents has one chain per route. Where a body of the
    chain is ACCOUNTABLE_TO a position (a minister), the position is shown at the top
    (⇢; table and CSV). JSON: a list of chains, each a list of ids starting with ID.

    Example:

        govgraph chain fixtures/joint-councils.yaml data-driven-intelligence-wg
    """
    graph = _graph(model)
    chains = reporting_chains(graph, entity_id, include_informal=include_informal, as_of=as_of_date)
    title = text("chains_title", lang, id=entity_id)
    # the position(s) a chain's bodies are accountable to, shown at its top (⇢)
    tops = [chain_accountability(graph, ids, as_of=as_of_date) for ids in chains]
    if fmt == "table":
        rows = [
            {
                "chain": number,
                "id": " → ".join(ids) + (f" ⇢ {' / '.join(top)}" if top else ""),
                "name": " → ".join(_short(graph, node, lang) for node in ids)
                + (f" ⇢ {' / '.join(_short(graph, p, lang) for p in top)}" if top else ""),
            }
            for number, (ids, top) in enumerate(zip(chains, tops, strict=True), 1)
        ]
        _print(fmt, chains, rows, _columns(lang, "chain", "id", "name"), [], lang, title)
        return
    rows = [
        {"chain": number, "level": level, **_entity_row(graph, node, lang, fmt)}
        for number, (ids, top) in enumerate(zip(chains, tops, strict=True), 1)
        for level, node in enumerate([*ids, *top])
    ]
    columns = _columns(lang, "chain", "level", "id", "kind", "name")
    _print(fmt, chains, rows, columns, columns, lang, title)


@click.command("subordinates")
@model_argument
@click.argument("entity_id", metavar="ID")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="Only this many levels down (1: direct reports).",
)
@click.option("--include-informal", is_flag=True, help="Follow informal reporting lines too.")
@format_option
@lang_option
@as_of_option
def subordinates_command(
    model: str,
    entity_id: str,
    depth: int | None,
    include_informal: bool,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """The bodies below ID, each with its depth (1 for a direct report).

    JSON: an object mapping each id to its depth.

    Example:

        govgraph subordinates fixtures/joint-councils.yaml joint-councils --depth 1
    """
    graph = _graph(model)
    found = subordinates(
        graph, entity_id, depth=depth, include_informal=include_informal, as_of=as_of_date
    )
    rows = [
        {"depth": level, **_entity_row(graph, node, lang, fmt)} for node, level in found.items()
    ]
    columns = _columns(lang, "depth", "id", "kind", "name")
    title = text("subordinates_title", lang, id=entity_id)
    _print(fmt, found, rows, columns, columns, lang, title)


@click.command()
@model_argument
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@click.option(
    "--types",
    default=None,
    metavar="TYPE,...",
    help="Only these relationship types, e.g. REPORTS_TO,PART_OF (default: all).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_PATH_LIMIT,
    show_default=True,
    help="At most this many connections.",
)
@format_option
@lang_option
@as_of_option
def path(
    model: str,
    a: str,
    b: str,
    types: str | None,
    limit: int,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """The shortest connections between A and B, following relationships in either
    direction, with the relationship types along the way.

    JSON: a list of connections, each a list of steps {from, to, type, direction};
    direction is "forward" when the relationship goes from → to, else "backward".

    Example:

        govgraph path fixtures/joint-councils.yaml data-driven-intelligence-wg digital-strategy-wg --types REPORTS_TO,PART_OF
    """  # noqa: E501
    graph = _graph(model)
    found = connections(graph, a, b, types=types, as_of=as_of_date, limit=limit)
    rows = []
    for number, steps in enumerate(found, 1):
        for index, step in enumerate(steps, 1):
            words = type_name(step["type"], lang)
            rows.append(
                {
                    "path": number,
                    "step": index,
                    "from": step["from"],
                    "to": step["to"],
                    "type": step["type"],
                    "direction": step["direction"],
                    "from_name": _name(graph, step["from"], lang),
                    "to_name": _name(graph, step["to"], lang),
                    "relationship": f"{words} →"
                    if step["direction"] == "forward"
                    else f"← {words}",
                }
            )
    title = text("path_title", lang, a=a, b=b)
    if fmt == "table" and not found:
        click.echo(text("no_connection", lang, a=a, b=b))
        return
    table = [
        ("path", text("path", lang)),
        ("step", text("step", lang)),
        ("from_name", text("from", lang)),
        ("relationship", text("relationship", lang)),
        ("to_name", text("to", lang)),
    ]
    csv = [(key, key) for key in ("path", "step", "from", "type", "direction", "to")]
    _print(fmt, found, rows, table, csv, lang, title)


def _membership_rows(
    graph: nx.MultiDiGraph, found: list[dict[str, Any]], lang: str, fmt: str
) -> list[dict[str, Any]]:
    return [
        {
            **_entity_row(graph, row["id"], lang, fmt),
            "role": role_name(row["role"], lang) if fmt == "table" else row["role"],
            "via": _name(graph, row["via"], lang) if fmt == "table" else row["via"],
        }
        for row in found
    ]


@click.command("members")
@model_argument
@click.argument("body_id", metavar="ID")
@format_option
@lang_option
@as_of_option
def members_command(model: str, body_id: str, fmt: str, lang: str, as_of_date: date | None) -> None:
    """Who sits on body ID and in what role (chair, co-chair, secretariat...).

    Members of a body's parts (bodies PART_OF it) sit on it too, "via" that part.
    JSON: a list of {id, kind, role, via}.

    Example:

        govgraph members fixtures/joint-councils.yaml pssdc
    """
    graph = _graph(model)
    found = members(graph, body_id, as_of=as_of_date)
    columns = _columns(lang, "id", "name", "kind", "role", "via")
    title = text("members_title", lang, id=body_id)
    _print(fmt, found, _membership_rows(graph, found, lang, fmt), columns, columns, lang, title)


@click.command("memberships")
@model_argument
@click.argument("entity_id", metavar="ID")
@format_option
@lang_option
@as_of_option
def memberships_command(
    model: str, entity_id: str, fmt: str, lang: str, as_of_date: date | None
) -> None:
    """The bodies entity ID sits on, in what role, and the wholes they are part of
    ("via" the body it sits on).

    JSON: a list of {id, kind, role, via}, id being the body.

    Example:

        govgraph memberships fixtures/joint-councils.yaml ontario --lang fr
    """
    graph = _graph(model)
    found = memberships(graph, entity_id, as_of=as_of_date)
    columns = _columns(lang, "id", "name", "kind", "role", "via")
    title = text("memberships_title", lang, id=entity_id)
    _print(fmt, found, _membership_rows(graph, found, lang, fmt), columns, columns, lang, title)


@click.command("coverage")
@model_argument
@click.argument("body_id", metavar="[ID]", required=False)
@format_option
@lang_option
@as_of_option
def coverage_command(
    model: str, body_id: str | None, fmt: str, lang: str, as_of_date: date | None
) -> None:
    """For each body (or body ID), which of the model's jurisdictions are represented
    (directly, through a member organisation, or through its parts) and which are
    missing.

    JSON: an object mapping each body id to {represented, direct, missing}.

    Example:

        govgraph coverage fixtures/joint-councils.yaml digital-strategy-wg
    """
    graph = _graph(model)
    found = coverage(graph, body_id, as_of=as_of_date)
    rows = []
    for body, result in found.items():
        total = len(result["represented"]) + len(result["missing"])
        if fmt == "table":
            rows.append(
                {
                    "body": _name(graph, body, lang),
                    "represented": f"{len(result['represented'])}/{total}",
                    "direct": len(result["direct"]),
                    "missing": [_short(graph, j, lang) for j in result["missing"]],
                }
            )
        else:
            rows.append({"body": body, **result})
    columns = _columns(lang, "body", "represented", "direct", "missing")
    _print(fmt, found, rows, columns, columns, lang, text("coverage_title", lang))


def _short(graph: nx.MultiDiGraph, node: str, lang: str) -> str:
    acronym = graph.nodes[node].get("acronym") or {}
    return acronym.get(lang) or next(iter(acronym.values()), None) or _name(graph, node, lang)


@click.command("overlaps")
@model_argument
@click.option(
    "--by",
    type=click.Choice(OVERLAP_DIMENSIONS),
    default="both",
    show_default=True,
    help="Compare members, priorities, or both as one set.",
)
@click.option(
    "--min-jaccard",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only pairs scoring at least this.",
)
@click.option("--top", type=click.IntRange(min=0), default=None, help="Only the K best pairs.")
@click.option(
    "--max-item-bodies",
    type=click.IntRange(min=2),
    default=DEFAULT_MAX_ITEM_BODIES,
    show_default=True,
    help="Items held by more bodies than this do not make pairs on their own.",
)
@format_option
@lang_option
@as_of_option
def overlaps_command(
    model: str,
    by: str,
    min_jaccard: float,
    top: int | None,
    max_item_bodies: int,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Pairs of bodies whose members or priorities overlap, with what they share and
    the Jaccard score (shared / all): candidates for rationalisation.

    JSON: a list of {a, b, shared_members, shared_priorities, jaccard}, best first.

    Example:

        govgraph overlaps fixtures/joint-councils.yaml --by members --min-jaccard 0.5 --top 5
    """
    graph = _graph(model)
    found = overlaps(
        graph,
        by=by,
        min_jaccard=min_jaccard,
        top=top,
        as_of=as_of_date,
        max_item_bodies=max_item_bodies,
    )
    rows = []
    for pair in found:
        row = {**pair, "jaccard": round(pair["jaccard"], 4)}
        if fmt == "table":
            row["a"] = _short(graph, pair["a"], lang)
            row["b"] = _short(graph, pair["b"], lang)
            row["shared_members"] = len(pair["shared_members"])
            row["shared_priorities"] = [_name(graph, p, lang) for p in pair["shared_priorities"]]
        rows.append(row)
    columns = [
        ("a", "A"),
        ("b", "B"),
        ("jaccard", text("jaccard", lang)),
        ("shared_members", text("shared_members", lang)),
        ("shared_priorities", text("shared_priorities", lang)),
    ]
    if fmt == "csv":
        columns = [(key, key) for key, _ in columns]
    _print(fmt, found, rows, columns, columns, lang, text("overlaps_title", lang))


_METRIC_KEYS = (
    "span",
    "informal_span",
    "depth",
    "formal_parents",
    "informal_parents",
    "members",
    "betweenness",
    "meetings",
    "meeting_days",
    "meeting_load",
    "annual_meeting_days",
)


@click.command("metrics")
@model_argument
@click.option(
    "--betweenness-samples",
    type=click.IntRange(min=0),
    default=None,
    help="Sample this many sources for betweenness (0 skips it). Default: exact up to "
    "1000 bodies, else 32 samples with a fixed seed.",
)
@format_option
@lang_option
@as_of_option
def metrics_command(
    model: str,
    betweenness_samples: int | None,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Per body: span of control, depth, formal and informal parents, members,
    betweenness (a broker measure) and meeting load; overall: layers, roots, orphans,
    widest spans, meeting days per member per year.

    JSON: {bodies: {id: {...}}, structure: {...}}. CSV: the per-body rows.

    Example:

        govgraph metrics fixtures/joint-councils.yaml --as-of 2017
    """
    graph = _graph(model)
    result = metrics(graph, as_of=as_of_date, betweenness_k=betweenness_samples)
    if fmt == "json":
        emit_json(result)
        return
    rows = []
    for body, values in result["bodies"].items():
        row: dict[str, Any] = {"id": body, **values}
        if isinstance(row["betweenness"], float):
            row["betweenness"] = round(row["betweenness"], 4)
        if fmt == "table":
            row["name"] = _short(graph, body, lang)
            row["kind"] = kind_name(values["kind"], lang)
        rows.append(row)
    if fmt == "csv":
        emit_rows(rows, [(k, k) for k in ("id", "kind", *_METRIC_KEYS)], fmt)
        return
    columns = [("name", text("name", lang)), *_columns(lang, *_METRIC_KEYS)]
    _print(fmt, result, rows, columns, columns, lang, text("metrics_title", lang))
    emit_rows(
        _structure_rows(graph, result["structure"], lang),
        _columns(lang, "metric", "value"),
        fmt,
        title=text("structure_title", lang),
    )


def _structure_rows(
    graph: nx.MultiDiGraph, structure: dict[str, Any], lang: str
) -> list[dict[str, Any]]:
    load = structure["meeting_days_per_member_per_year"]
    between = structure["betweenness"]
    method = between["method"]
    widest = structure["widest_spans"]
    if method == "sampled":
        method = f"sampled (k={between['k']}, seed={between['seed']})"

    def names(ids: list[str]) -> list[str]:
        return [_short(graph, node, lang) for node in ids]

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.4g}"

    return [
        {"metric": text(key, lang), "value": value}
        for key, value in (
            ("bodies", structure["bodies"]),
            ("formal_lines", structure["formal_lines"]),
            ("informal_lines", structure["informal_lines"]),
            ("layers", structure["layers"]),
            ("roots", names(structure["roots"])),
            ("orphans", names(structure["orphans"])),
            ("informal_only", names(structure["informal_only"])),
            (
                "widest_spans",
                [f"{_short(graph, w['id'], lang)} ({w['span']})" for w in widest],
            ),
            ("meeting_days_per_year", number(structure["meeting_days_per_year"])),
            ("member_load", f"{number(load['mean'])}, {number(load['max'])}"),
            ("betweenness_method", method),
        )
    ]
