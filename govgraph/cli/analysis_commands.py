"""Analysis commands: ``chain``, ``subordinates``, ``path``, ``members``,
``memberships``, ``coverage``, ``overlaps``, ``metrics``.

Each loads the model, builds the graph, makes one ``govgraph.analysis`` call (which
honours ``--as-of``, today by default) and prints: JSON is ``{"as_of": DATE, KEY:
the library's answer}`` (entities by id); tables start with the date and add names in
``--lang``; CSV rows carry an ``as_of`` column. Every ID argument also accepts a
unique acronym or name (``govgraph.analysis.lookup.resolve_entity``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from govgraph.analysis import (
    connections,
    coverage,
    members,
    memberships,
    metrics,
    overlaps,
    reporting_chains,
)
from govgraph.analysis.accountability import chain_accountability
from govgraph.analysis.hierarchy import chain_lines, subordinate_rows
from govgraph.analysis.lookup import resolve_entity
from govgraph.analysis.membership import bodies_without_members
from govgraph.analysis.overlaps import DEFAULT_MAX_ITEM_BODIES, OVERLAP_DIMENSIONS
from govgraph.analysis.paths import DEFAULT_PATH_LIMIT
from govgraph.cli.common import (
    FloatRange,
    as_of_line,
    as_of_today_option,
    as_of_value,
    format_option,
    lang_option,
    load,
    model_argument,
)
from govgraph.cli.output import Column, emit, emit_json, emit_rows
from govgraph.graph import to_graph
from govgraph.i18n import kind_name, role_name, text, type_name
from govgraph.i18n.numbers import number as number_text

if TYPE_CHECKING:
    import networkx as nx

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


def _resolve(graph: nx.MultiDiGraph, given: str) -> str:
    """The id an ID argument names (an id, a unique acronym or a unique name)."""
    return resolve_entity(graph, given)


def _print(
    fmt: str,
    data: Any,
    rows: Sequence[Mapping[str, Any]],
    table_columns: Sequence[Column],
    csv_columns: Sequence[Column],
    lang: str,
    title: str,
    *,
    day: date | None,
    key: str,
) -> None:
    """JSON: ``{"as_of": ..., key: data}``; a table after the date line (or a
    'nothing found' line); CSV: header and rows, each with its ``as_of``."""
    if fmt == "json":
        emit_json({"as_of": as_of_value(day), key: data})
        return
    if fmt == "csv":
        dated = [{**row, "as_of": as_of_value(day)} for row in rows]
        emit_rows(dated, [*csv_columns, ("as_of", "as_of")], fmt)
        return
    click.echo(as_of_line(day, lang))
    if not rows:
        click.echo(title)
        click.echo(text("no_results", lang))
        return
    emit(data, rows, table_columns, fmt, title=title)


def _types(value: str | None) -> list[str] | None:
    """``--types A,B`` as a list (None: every type)."""
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _entity_row(graph: nx.MultiDiGraph, node: str, lang: str, fmt: str) -> dict[str, Any]:
    kind = graph.nodes[node].get("kind", "")
    return {
        "id": node,
        "name": _name(graph, node, lang),
        "kind": kind_name(kind, lang) if fmt == "table" else kind,
    }


#: How many overlapping pairs a table shows when --top is not given.
TABLE_TOP_PAIRS = 20

_TYPES_HELP = "Only these hierarchy lines: REPORTS_TO, PART_OF or both (default: both)."


@click.command()
@model_argument
@click.argument("entity_id", metavar="ID")
@click.option(
    "--include-informal", is_flag=True, help="Follow informal reporting lines (formal: false) too."
)
@click.option("--types", default=None, metavar="TYPE,...", help=_TYPES_HELP)
@format_option
@lang_option
@as_of_today_option
def chain(
    model: str,
    entity_id: str,
    include_informal: bool,
    types: str | None,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Every reporting chain from ID up to a root, bottom-up, with the line of each
    step (reports to / part of).

    The hierarchy is the formal REPORTS_TO lines and PART_OF (a part answers to the
    whole). A body with several parents has one chain per route. Where a body of the
    chain is ACCOUNTABLE_TO a position (a minister), the position is shown at the top
    (⇢). ID may be an id, or a unique acronym or name. JSON: {as_of, chains: [[id,
    ...], ...], lines: [[[line, ...] per step], ...], accountable_to: [[position id,
    ...] per chain]}.

    Example:

    \b
        govgraph chain fixtures/joint-councils.yaml data-driven-intelligence-wg
    """
    graph = _graph(model)
    entity_id = _resolve(graph, entity_id)
    wanted = _types(types)
    chains = reporting_chains(
        graph, entity_id, include_informal=include_informal, types=wanted, as_of=as_of_date
    )
    lines = [
        chain_lines(graph, ids, include_informal=include_informal, types=wanted, as_of=as_of_date)
        for ids in chains
    ]
    title = text("chains_title", lang, id=entity_id)
    # the position(s) a chain's bodies are accountable to, shown at its top (⇢)
    tops = [chain_accountability(graph, ids, as_of=as_of_date) for ids in chains]
    if fmt == "json":
        emit_json(
            {
                "as_of": as_of_value(as_of_date),
                "chains": chains,
                "lines": lines,
                "accountable_to": tops,
            }
        )
        return
    if fmt == "table":
        rows = [
            {
                "chain": number,
                "id": _arrows(ids, steps, lambda node: node, lang)
                + (f" ⇢ {' / '.join(top)}" if top else ""),
                "name": _arrows(ids, steps, lambda node: _short(graph, node, lang), lang)
                + (f" ⇢ {' / '.join(_short(graph, p, lang) for p in top)}" if top else ""),
            }
            for number, (ids, steps, top) in enumerate(zip(chains, lines, tops, strict=True), 1)
        ]
        columns = _columns(lang, "chain", "id", "name")
        _print(fmt, chains, rows, columns, [], lang, title, day=as_of_date, key="chains")
        return
    rows = [
        {
            "chain": number,
            "level": level,
            **_entity_row(graph, node, lang, fmt),
            "line": _step_line(steps, level, len(ids), bool(top)),
        }
        for number, (ids, steps, top) in enumerate(zip(chains, lines, tops, strict=True), 1)
        for level, node in enumerate([*ids, *top])
    ]
    columns = _columns(lang, "chain", "level", "id", "kind", "name", "line")
    _print(fmt, chains, rows, columns, columns, lang, title, day=as_of_date, key="chains")


def _step_line(steps: list[list[str]], level: int, length: int, accountable: bool) -> str:
    """The line from the body at ``level`` of a chain of ``length`` bodies to the next
    (``ACCOUNTABLE_TO`` from the chain's top to the position shown above it).

    >>> _step_line([["REPORTS_TO"]], 0, 2, False), _step_line([["REPORTS_TO"]], 1, 2, True)
    ('REPORTS_TO', 'ACCOUNTABLE_TO')
    """
    if level < len(steps):
        return "; ".join(steps[level])
    return "ACCOUNTABLE_TO" if accountable and level == length - 1 else ""


def _line_words(line: str, lang: str) -> str:
    """``REPORTS_TO`` → "reports to", ``REPORTS_TO (informal)`` → "reports to
    (informal)", in ``lang``."""
    informal = line.endswith(" (informal)")
    kind = line.removesuffix(" (informal)")
    words = type_name(kind, lang)
    return f"{words} ({text('informal', lang)})" if informal else words


def _arrows(ids: list[str], steps: list[list[str]], label: Any, lang: str) -> str:
    """``a —reports to→ b —part of→ c``."""
    out = [label(ids[0])]
    for node, step in zip(ids[1:], steps, strict=True):
        words = " / ".join(_line_words(line, lang) for line in step)
        out.append(f" —{words}→ {label(node)}")
    return "".join(out)


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
@click.option("--types", default=None, metavar="TYPE,...", help=_TYPES_HELP)
@format_option
@lang_option
@as_of_today_option
def subordinates_command(
    model: str,
    entity_id: str,
    depth: int | None,
    include_informal: bool,
    types: str | None,
    fmt: str,
    lang: str,
    as_of_date: date | None,
) -> None:
    """The bodies below ID, each with its depth (1 for a direct report) and the line
    it hangs by (reports to / part of) from its parent.

    "Which bodies report formally to X?" is `--depth 1 --types REPORTS_TO`.
    JSON: {as_of, subordinates: [{id, depth, parent, line}, ...]}.

    Example:

    \b
        govgraph subordinates fixtures/joint-councils.yaml joint-councils --depth 1
    """
    graph = _graph(model)
    entity_id = _resolve(graph, entity_id)
    found = subordinate_rows(
        graph,
        entity_id,
        depth=depth,
        include_informal=include_informal,
        types=_types(types),
        as_of=as_of_date,
    )
    rows = [
        {
            "depth": row["depth"],
            **_entity_row(graph, row["id"], lang, fmt),
            "line": _line_words(row["line"], lang) if fmt == "table" else row["line"],
            "parent": _short(graph, row["parent"], lang) if fmt == "table" else row["parent"],
        }
        for row in found
    ]
    columns = _columns(lang, "depth", "id", "kind", "name", "line", "parent")
    title = text("subordinates_title", lang, id=entity_id)
    _print(fmt, found, rows, columns, columns, lang, title, day=as_of_date, key="subordinates")


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
@as_of_today_option
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

    \b
        govgraph path fixtures/joint-councils.yaml data-driven-intelligence-wg digital-strategy-wg --types REPORTS_TO,PART_OF
    """  # noqa: E501
    graph = _graph(model)
    a, b = _resolve(graph, a), _resolve(graph, b)
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
        click.echo(as_of_line(as_of_date, lang))
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
    _print(fmt, found, rows, table, csv, lang, title, day=as_of_date, key="connections")


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
@as_of_today_option
def members_command(model: str, body_id: str, fmt: str, lang: str, as_of_date: date | None) -> None:
    """Who sits on body ID and in what role (chair, co-chair, secretariat...).

    Members of a body's parts (bodies PART_OF it) sit on it too, "via" that part.
    JSON: a list of {id, kind, role, via}.

    Example:

    \b
        govgraph members fixtures/joint-councils.yaml pssdc
    """
    graph = _graph(model)
    body_id = _resolve(graph, body_id)
    found = members(graph, body_id, as_of=as_of_date)
    columns = _columns(lang, "id", "name", "kind", "role", "via")
    title = text("members_title", lang, id=body_id)
    rows = _membership_rows(graph, found, lang, fmt)
    _print(fmt, found, rows, columns, columns, lang, title, day=as_of_date, key="members")


@click.command("memberships")
@model_argument
@click.argument("entity_id", metavar="ID")
@format_option
@lang_option
@as_of_today_option
def memberships_command(
    model: str, entity_id: str, fmt: str, lang: str, as_of_date: date | None
) -> None:
    """The bodies entity ID sits on, in what role, and the wholes they are part of
    ("via" the body it sits on).

    JSON: a list of {id, kind, role, via}, id being the body.

    Example:

    \b
        govgraph memberships fixtures/joint-councils.yaml ontario --lang fr
    """
    graph = _graph(model)
    entity_id = _resolve(graph, entity_id)
    found = memberships(graph, entity_id, as_of=as_of_date)
    columns = _columns(lang, "id", "name", "kind", "role", "via")
    title = text("memberships_title", lang, id=entity_id)
    rows = _membership_rows(graph, found, lang, fmt)
    _print(fmt, found, rows, columns, columns, lang, title, day=as_of_date, key="memberships")


@click.command("coverage")
@model_argument
@click.argument("body_id", metavar="[ID]", required=False)
@click.option(
    "--roll-up",
    is_flag=True,
    help="Count a jurisdiction on a body when it sits on any body below it in the "
    "hierarchy (formal REPORTS_TO lines too), not only on the body and its parts.",
)
@format_option
@lang_option
@as_of_today_option
def coverage_command(
    model: str, body_id: str | None, roll_up: bool, fmt: str, lang: str, as_of_date: date | None
) -> None:
    """For each body (or body ID), which of the model's jurisdictions are represented
    and which are missing.

    A jurisdiction counts on a body when it is a member, when a member names it (its
    jurisdiction attribute) or is an organisation it sits on, or when it sits on a
    part of the body (PART_OF); with --roll-up, also when it sits on any body below
    (formal REPORTS_TO lines too). Bodies with no member recorded are left out of the
    list (they are named after it), and a model with no jurisdictions says so.

    JSON: {as_of, counting, jurisdictions, coverage: {id: {represented, direct,
    missing}}, without_members: [id, ...]}.

    Example:

    \b
        govgraph coverage fixtures/joint-councils.yaml digital-strategy-wg
    """
    graph = _graph(model)
    if body_id is not None:
        body_id = _resolve(graph, body_id)
    found = coverage(graph, body_id, as_of=as_of_date, roll_up=roll_up)
    without = set(bodies_without_members(graph, as_of=as_of_date))
    empty = [
        body for body, result in found.items() if body in without and not result["represented"]
    ]
    if body_id is None:
        found = {body: result for body, result in found.items() if body not in set(empty)}
    jurisdictions = len(next(iter(found.values()), {}).get("represented", [])) + len(
        next(iter(found.values()), {}).get("missing", [])
    )
    counting = "roll-up" if roll_up else "membership and parts"
    if fmt == "json":
        emit_json(
            {
                "as_of": as_of_value(as_of_date),
                "counting": counting,
                "jurisdictions": jurisdictions,
                "coverage": found,
                "without_members": [] if body_id is not None else empty,
            }
        )
        return
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
    title = text("coverage_title", lang)
    if fmt == "table" and found and jurisdictions == 0:
        click.echo(as_of_line(as_of_date, lang))
        click.echo(text("no_jurisdictions", lang))
        return
    _print(fmt, found, rows, columns, columns, lang, title, day=as_of_date, key="coverage")
    if fmt == "table":
        click.echo(text("coverage_counting_roll_up" if roll_up else "coverage_counting", lang))
        if body_id is None and empty:
            names = ", ".join(_short(graph, body, lang) for body in empty[:10])
            more = f" (+{len(empty) - 10})" if len(empty) > 10 else ""
            click.echo(text("coverage_without_members", lang, n=len(empty), names=names + more))


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
    type=FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only pairs scoring at least this.",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=None,
    help=f"Only the K best pairs (table default: {TABLE_TOP_PAIRS}; JSON and CSV: all).",
)
@click.option(
    "--max-item-bodies",
    type=click.IntRange(min=2),
    default=DEFAULT_MAX_ITEM_BODIES,
    show_default=True,
    help="Items held by more bodies than this do not make pairs on their own.",
)
@format_option
@lang_option
@as_of_today_option
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
    """Pairs of bodies whose members or priorities overlap: how many items they share,
    how many they hold together (union) and the Jaccard score (shared / union):
    candidates for rationalisation. A table shows the best 20 pairs unless --top says
    otherwise; JSON and CSV give them all.

    JSON: {as_of, overlaps: [{a, b, shared, union, shared_members, shared_priorities,
    jaccard}, ...]}, best first.

    Example:

    \b
        govgraph overlaps fixtures/joint-councils.yaml --by members --min-jaccard 0.5 --top 5
    """
    graph = _graph(model)
    shown_top = TABLE_TOP_PAIRS if top is None and fmt == "table" else top
    found = overlaps(
        graph,
        by=by,
        min_jaccard=min_jaccard,
        top=None if shown_top is not None and top is None else top,
        as_of=as_of_date,
        max_item_bodies=max_item_bodies,
    )
    total = len(found)
    if shown_top is not None and top is None:
        found = found[:shown_top]
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
        ("shared", text("shared", lang)),
        ("union", text("union", lang)),
        ("jaccard", text("jaccard", lang)),
        ("shared_members", text("shared_members", lang)),
        ("shared_priorities", text("shared_priorities", lang)),
    ]
    if fmt == "csv":
        columns = [(key, key) for key, _ in columns]
    title = text("overlaps_title", lang)
    _print(fmt, found, rows, columns, columns, lang, title, day=as_of_date, key="overlaps")
    if fmt == "table" and len(found) < total:
        click.echo(text("top_pairs_note", lang, shown=len(found), total=total))


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


#: Per-body figures that are None when the model does not say (not zero).
_UNKNOWABLE = ("meeting_days", "meeting_load", "annual_meeting_days")


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
@as_of_today_option
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

    \b
        govgraph metrics fixtures/joint-councils.yaml --as-of 2017
    """
    graph = _graph(model)
    result = metrics(graph, as_of=as_of_date, betweenness_k=betweenness_samples)
    if fmt == "json":
        emit_json({"as_of": as_of_value(as_of_date), **result})
        return
    rows = []
    for body, values in result["bodies"].items():
        row: dict[str, Any] = {"id": body, **values}
        if isinstance(row["betweenness"], float):
            row["betweenness"] = round(row["betweenness"], 4)
        if fmt == "table":
            row["name"] = _short(graph, body, lang)
            row["kind"] = kind_name(values["kind"], lang)
            for key in _UNKNOWABLE:
                if row[key] is None:
                    row[key] = text("unknown", lang)
        rows.append(row)
    columns = [("name", text("name", lang)), *_columns(lang, *_METRIC_KEYS)]
    if fmt == "csv":
        columns = [(k, k) for k in ("id", "kind", *_METRIC_KEYS)]
    title = text("metrics_title", lang)
    _print(fmt, result, rows, columns, columns, lang, title, day=as_of_date, key="bodies")
    if fmt == "csv":
        return
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
    method = text(f"method.{between['method']}", lang, k=between.get("k"), seed=between.get("seed"))
    widest = structure["widest_spans"]

    def names(ids: list[str]) -> list[str]:
        return [_short(graph, node, lang) for node in ids]

    def figure(value: float | None) -> str:
        return text("unknown", lang) if value is None else number_text(value, lang, spec=".4g")

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
            ("meeting_days_per_year", figure(structure["meeting_days_per_year"])),
            (
                "member_load",
                f"{figure(load['mean'])}{text('figures.separator', lang)}{figure(load['max'])}",
            ),
            ("betweenness_method", method),
        )
    ]
