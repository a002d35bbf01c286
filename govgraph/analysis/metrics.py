"""Structure metrics: span of control, depth, formal and informal parents, a broker
measure, and the meeting load the structure puts on its members.

Everything is linear in the size of the graph except betweenness, which is exact up to
``BETWEENNESS_EXACT_LIMIT`` bodies and estimated from ``BETWEENNESS_SAMPLES`` sampled
sources above it (networkx ``k=``, fixed seed): ``structure_metrics`` (and ``metrics``)
say which was used.

>>> from govgraph.analysis._demo import demo_graph
>>> row = body_metrics(demo_graph())["joint-councils"]
>>> row["span"], row["informal_span"], row["depth"], row["meetings"], row["meeting_load"]
(2, 1, 0, 2, 3.0)
>>> body_metrics(demo_graph())["data-driven-intelligence-wg"]["depth"]
2
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Any

import networkx as nx

from govgraph.analysis._view import (
    GraphView,
    formal_parent_line,
    informal_line,
)
from govgraph.analysis.structure import hierarchy_figures
from govgraph.dates import date_bounds
from govgraph.vocabulary import GOVERNING_KINDS, RelationType

__all__ = [
    "BETWEENNESS_EXACT_LIMIT",
    "BETWEENNESS_SAMPLES",
    "BETWEENNESS_SEED",
    "body_metrics",
    "measure",
    "metrics",
    "structure_metrics",
    "structure_summary",
]

#: Up to this many bodies, betweenness is exact; above, it is sampled.
BETWEENNESS_EXACT_LIMIT = 1000
#: Sampled sources (networkx ``k``) above the limit.
BETWEENNESS_SAMPLES = 32
#: The sampling seed: the same graph gives the same figures.
BETWEENNESS_SEED = 0
#: How many of the widest spans ``structure_metrics`` lists.
WIDEST = 5

_GOVERNING = frozenset(kind.value for kind in GOVERNING_KINDS)
_MEMBER_OF_TYPE = RelationType.MEMBER_OF.value
_HELD_TYPE = RelationType.HELD.value
_PART_OF_TYPE = RelationType.PART_OF.value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if value >= 0 else None


def _betweenness(
    bodies: list[str], links: list[tuple[str, str]], samples: int | None, seed: int
) -> tuple[dict[str, float | None], dict[str, Any]]:
    """Betweenness of each body in the undirected graph of body-to-body relationships."""
    if samples == 0:
        return dict.fromkeys(bodies), {"method": "skipped"}
    network = nx.Graph()
    network.add_nodes_from(bodies)
    network.add_edges_from(links)
    n = network.number_of_nodes()
    if samples is None:
        samples = BETWEENNESS_SAMPLES if n > BETWEENNESS_EXACT_LIMIT else None
    if samples is None or samples >= n:
        values = nx.betweenness_centrality(network)
        info: dict[str, Any] = {"method": "exact", "nodes": n}
    else:
        values = nx.betweenness_centrality(network, k=samples, seed=seed)
        info = {"method": "sampled", "k": samples, "seed": seed, "nodes": n}
    info["graph"] = "bodies and the relationships between them, undirected"
    return dict(values), info


def _meeting_days_per_year(
    view: GraphView, body: str, meetings: list[str], attributes: dict[str, Any]
) -> float | None:
    per_year = _number(attributes.get("meetings_per_year"))
    if per_year is not None:
        return per_year
    years = [
        date_bounds(view.node(m)["valid_from"])[0].year
        for m in meetings
        if view.node(m).get("valid_from")
    ]
    if not years:
        return None
    return len(meetings) / (max(years) - min(years) + 1)


def metrics(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | date | None = None,
    betweenness_k: int | None = None,
    seed: int = BETWEENNESS_SEED,
) -> dict[str, Any]:
    """Both views in one pass: ``{"bodies": body_metrics, "structure": structure_metrics}``
    (the structure part also says how betweenness was computed).

    ``betweenness_k``: None chooses (exact up to ``BETWEENNESS_EXACT_LIMIT`` bodies,
    else ``BETWEENNESS_SAMPLES`` samples); a number samples that many sources; 0 skips
    betweenness (None values).

    >>> from govgraph.analysis._demo import demo_graph
    >>> result = metrics(demo_graph())
    >>> result["structure"]["roots"], result["structure"]["betweenness"]["method"]
    (['joint-councils'], 'exact')
    """
    return measure(graph, as_of=as_of, betweenness_k=betweenness_k, seed=seed)[0]


def measure(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | date | None = None,
    betweenness_k: int | None = None,
    seed: int = BETWEENNESS_SEED,
) -> tuple[dict[str, Any], dict[str, float]]:
    """``metrics`` and the meeting load of each member whose load is known
    (``{member: days a year}``): what ``structure_summary`` needs to redo the structure
    figures after a change without measuring the whole graph again (``govgraph compare``).

    >>> from govgraph.analysis._demo import demo_graph
    >>> result, loads = measure(demo_graph())
    >>> sorted(loads.items())[:2]
    [('canada', 3.0), ('ontario', 3.0)]
    """
    view = GraphView(graph, as_of)
    bodies = view.bodies()
    body_set = set(bodies)
    lines: list[tuple[str, str, bool]] = []
    members_of: dict[str, set[str]] = {b: set() for b in bodies}
    held_by: dict[str, dict[str, None]] = {b: {} for b in bodies}
    wholes: dict[str, set[str]] = {}
    joined: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    formal_lines = informal_lines = 0
    for source, target, data in view.edges():  # one pass over the graph
        kind = data.get("type")
        between_bodies = source in body_set and target in body_set
        if between_bodies and source != target and betweenness_k != 0:
            links.append((source, target))
        if kind == _MEMBER_OF_TYPE:
            if target in body_set:
                members_of[target].add(source)
                joined.setdefault(source, set()).add(target)
            continue
        if kind == _HELD_TYPE:
            if source in body_set:
                held_by[source][target] = None
            continue
        if not between_bodies:
            continue
        if kind == _PART_OF_TYPE:
            wholes.setdefault(source, set()).add(target)
        if formal_parent_line(data):
            formal_lines += 1
            lines.append((source, target, True))
        elif informal_line(data):
            informal_lines += 1
            lines.append((source, target, False))
    figures = hierarchy_figures(bodies, lines)
    betweenness, betweenness_info = _betweenness(bodies, links, betweenness_k, seed)

    rows: dict[str, dict[str, Any]] = {}
    annual: dict[str, float] = {}
    for body in bodies:
        data = view.node(body)
        attributes = data.get("attributes") or {}
        meeting_days = _number(attributes.get("meeting_days"))
        held = list(held_by[body])
        load: float | None = 0.0
        for meeting in held:
            days = _number((view.node(meeting).get("attributes") or {}).get("meeting_days"))
            days = days if days is not None else meeting_days
            if days is None:
                load = None
                break
            load += days
        per_year = _meeting_days_per_year(view, body, held, attributes)
        yearly = (
            per_year * meeting_days if per_year is not None and meeting_days is not None else None
        )
        if yearly is not None:
            annual[body] = yearly
        rows[body] = {
            "kind": data.get("kind"),
            **figures[body],
            "members": len(members_of[body]),
            "betweenness": betweenness[body],
            "meetings": len(held),
            "meeting_days": meeting_days,
            "meeting_load": load if (held or meeting_days is not None) else None,
            "meetings_per_year": per_year,
            "annual_meeting_days": yearly,
        }

    loads = _member_loads(joined, wholes, annual)
    structure = structure_summary(rows, (formal_lines, informal_lines), loads, len(joined))
    structure["betweenness"] = betweenness_info
    return {"bodies": rows, "structure": structure}, loads


def structure_summary(
    rows: dict[str, dict[str, Any]],
    lines: tuple[int, int],
    loads: dict[str, float],
    members: int | None,
) -> dict[str, Any]:
    """The whole structure's figures from the per-body rows (``kind``, ``span``,
    ``depth``, ``formal_parents``, ``informal_parents``, ``annual_meeting_days``; lists
    follow their order), the counts of formal and informal lines, the known meeting
    loads of members and the number of members (None when not known). Sums are exact
    (``math.fsum``): the same rows in any order give the same figures.

    >>> rows = {"jc": {"kind": "council", "span": 1, "depth": 0, "formal_parents": 0,
    ...                "informal_parents": 0, "annual_meeting_days": 2.0},
    ...         "wg": {"kind": "working_group", "span": 0, "depth": 1, "formal_parents": 1,
    ...                "informal_parents": 0, "annual_meeting_days": None}}
    >>> s = structure_summary(rows, (1, 0), {"ann": 2.0}, 2)
    >>> s["layers"], s["roots"], s["meeting_days_per_year"], s["meeting_days_per_member_per_year"]
    (2, ['jc'], 2.0, {'members': 2, 'members_with_known_load': 1, 'mean': 2.0, 'max': 2.0})
    """
    has_parent = {b for b, row in rows.items() if row["formal_parents"]}
    has_children = {b for b, row in rows.items() if row["span"]}
    in_structure = [b for b in rows if b in has_parent or b in has_children]
    widest = sorted(rows, key=lambda b: (-rows[b]["span"], b))[:WIDEST]
    annual = [row["annual_meeting_days"] for row in rows.values()]
    known_annual = [days for days in annual if days is not None]
    values = list(loads.values())
    return {
        "bodies": len(rows),
        "kinds": dict(Counter(row["kind"] for row in rows.values())),
        "formal_lines": lines[0],
        "informal_lines": lines[1],
        "layers": max((rows[b]["depth"] for b in in_structure), default=-1) + 1,
        "roots": [b for b in rows if b in has_children and b not in has_parent],
        "orphans": [
            b
            for b, row in rows.items()
            if row["kind"] in _GOVERNING and b not in has_parent and b not in has_children
        ],
        "informal_only": [
            b for b, row in rows.items() if row["informal_parents"] and b not in has_parent
        ],
        "widest_spans": [{"id": b, "span": rows[b]["span"]} for b in widest if rows[b]["span"]],
        "meeting_days_per_year": math.fsum(known_annual) if known_annual else None,
        "meeting_days_per_member_per_year": {
            "members": members,
            "members_with_known_load": len(values),
            "mean": math.fsum(values) / len(values) if values else None,
            "max": max(values) if values else None,
        },
    }


def _member_loads(
    joined: dict[str, set[str]], wholes: dict[str, set[str]], annual: dict[str, float]
) -> dict[str, float]:
    """Meeting days a year each member sits through: the bodies it sits on and the
    wholes they are part of (a PSSDC member attends the Joint Councils), each counted
    once, where the body's meeting days and cadence are known; members whose load is
    unknown are left out."""
    closure: dict[str, frozenset[str]] = {}

    def up(body: str) -> frozenset[str]:
        if body not in closure:
            seen, stack = {body}, [body]
            while stack:
                for whole in wholes.get(stack.pop(), ()):
                    if whole not in seen:
                        seen.add(whole)
                        stack.append(whole)
            closure[body] = frozenset(seen)
        return closure[body]

    loads: dict[str, float] = {}
    for member, bodies in joined.items():
        attended = set().union(*(up(body) for body in bodies))
        known = [annual[b] for b in attended if b in annual]
        if known:
            loads[member] = math.fsum(known)
    return loads


def body_metrics(
    graph: nx.MultiDiGraph,
    *,
    as_of: str | date | None = None,
    betweenness_k: int | None = None,
    seed: int = BETWEENNESS_SEED,
) -> dict[str, dict[str, Any]]:
    """Per body: ``kind``; ``span`` (distinct bodies with a formal line to it) and
    ``informal_span``; ``depth`` (longest formal route to a root, 0 for a root);
    ``formal_parents`` and ``informal_parents``; ``members`` (direct); ``betweenness``
    (normalised, in the undirected graph of bodies and the relationships between them);
    ``meetings`` (HELD, valid on the day); ``meeting_days`` (the body's attribute);
    ``meeting_load`` (the sum of each meeting's days, a meeting's own ``meeting_days``
    attribute overriding the body's; None when a meeting's days are unknown);
    ``meetings_per_year`` (attribute, else the HELD meetings over the years they span)
    and ``annual_meeting_days`` (``meetings_per_year × meeting_days``).

    A formal line is a formal ``REPORTS_TO`` or a ``PART_OF``. See ``metrics`` for
    ``betweenness_k``.

    >>> from govgraph.analysis._demo import demo_graph
    >>> body_metrics(demo_graph())["pssdc"]["formal_parents"]
    1
    """
    return metrics(graph, as_of=as_of, betweenness_k=betweenness_k, seed=seed)["bodies"]


def structure_metrics(graph: nx.MultiDiGraph, *, as_of: str | date | None = None) -> dict[str, Any]:
    """The whole structure: ``bodies``, ``kinds``, ``formal_lines``, ``informal_lines``,
    ``layers`` (formal levels, 0 with no formal line), ``roots`` (bodies with formal
    children and no formal parent), ``orphans`` (councils, committees and working
    groups with no formal line either way), ``informal_only`` (bodies whose only line
    up is informal), ``widest_spans``, ``meeting_days_per_year`` (all bodies with a
    known cadence; None, unknown, when no body's is known),
    ``meeting_days_per_member_per_year`` (``mean`` and ``max`` over the members whose
    load is known). Betweenness is skipped here (``metrics`` gives both).

    >>> from govgraph.analysis._demo import demo_graph
    >>> s = structure_metrics(demo_graph())
    >>> s["layers"], s["orphans"], s["informal_only"]
    (3, ['joint-councils-wg'], ['joint-councils-wg'])
    >>> s["meeting_days_per_member_per_year"]["mean"]
    3.0
    """
    return metrics(graph, as_of=as_of, betweenness_k=0)["structure"]
