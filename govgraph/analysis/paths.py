"""How two entities are connected: the shortest connections in any direction.

>>> from govgraph.analysis._demo import demo_graph
>>> graph = demo_graph()
>>> structure = ["REPORTS_TO", "PART_OF"]
>>> for step in connections(graph, "data-driven-intelligence-wg", "pscioc", types=structure)[0]:
...     print(step["from"], step["type"], step["direction"], step["to"])
data-driven-intelligence-wg REPORTS_TO forward pssdc
pssdc PART_OF forward joint-councils
joint-councils PART_OF backward pscioc
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from govgraph.analysis._view import GraphView
from govgraph.errors import InputError
from govgraph.vocabulary import RelationType

__all__ = ["DEFAULT_PATH_LIMIT", "connections", "relation_types"]

#: How many shortest connections ``connections`` returns unless told otherwise.
DEFAULT_PATH_LIMIT = 100

#: One step option: (previous node, type, direction).
_Step = tuple[str, str, str]


def relation_types(types: Iterable[str] | str | None) -> frozenset[str] | None:
    """Relationship type names checked against the vocabulary (a comma-separated
    string or names; case does not matter). None means every type.

    >>> sorted(relation_types("reports_to, PART_OF"))
    ['PART_OF', 'REPORTS_TO']
    """
    if types is None:
        return None
    if isinstance(types, str):
        types = types.split(",")
    names = [str(t).strip().upper() for t in types if str(t).strip()]
    known = {t.value for t in RelationType}
    for name in names:
        if name not in known:
            raise InputError(
                f"unknown relationship type {name!r}; choose from {', '.join(sorted(known))}",
                field="types",
            )
    if not names:
        raise InputError("give at least one relationship type", field="types")
    return frozenset(names)


def connections(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    *,
    types: Iterable[str] | str | None = None,
    as_of: str | date | None = None,
    limit: int | None = DEFAULT_PATH_LIMIT,
) -> list[list[dict[str, Any]]]:
    """The shortest connections between ``a`` and ``b``, following relationships in
    either direction (only those of ``types`` if given).

    Each connection is a list of steps ``{"from", "to", "type", "direction"}`` walking
    from ``a`` to ``b``; ``direction`` is ``forward`` when the relationship goes
    ``from → to`` and ``backward`` when it goes ``to → from``. Two relationships of
    different types between the same two entities give two connections. No connection
    gives ``[]``; ``a == b`` gives one empty connection. At most ``limit`` connections
    (None: all) are returned, sorted by their steps.

    The search is a breadth-first search from ``a`` that stops at ``b``'s distance:
    it visits only the entities closer to ``a`` than ``b`` is.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [[s["to"] for s in c] for c in connections(demo_graph(), "quebec", "ontario")]
    [['pscioc', 'ontario']]
    >>> connections(demo_graph(), "quebec", "ontario", as_of="2016")
    []
    """
    wanted = relation_types(types)
    if limit is not None and limit < 1:
        raise InputError(f"limit must be 1 or more, not {limit}", field="limit")
    view = GraphView(graph, as_of)
    view.require(a)
    view.require(b)
    if a == b:
        return [[]]

    def test(data: dict[str, Any]) -> bool:
        return wanted is None or data.get("type") in wanted

    distance = {a: 0}
    preds: dict[str, dict[_Step, None]] = {}
    frontier = [a]
    while frontier and b not in distance:
        level = distance[frontier[0]] + 1
        following: list[str] = []
        for node in frontier:
            steps = [(t, d, "forward") for t, d in view.out_edges(node, test)]
            steps += [(s, d, "backward") for s, d in view.in_edges(node, test)]
            for other, data, direction in steps:
                seen = distance.get(other)
                if seen is None:
                    distance[other] = level
                    following.append(other)
                elif seen != level:
                    continue
                preds.setdefault(other, {})[(node, data["type"], direction)] = None
        frontier = following
    if b not in distance:
        return []

    results: list[list[dict[str, Any]]] = []
    # walk back from b through the predecessors, in sorted order, up to the limit
    stack: list[tuple[str, list[dict[str, Any]]]] = [(b, [])]
    while stack and (limit is None or len(results) < limit):
        node, tail = stack.pop()
        if node == a:
            results.append(tail)
            continue
        for previous, rel_type, direction in sorted(preds[node], reverse=True):
            step = {"from": previous, "to": node, "type": rel_type, "direction": direction}
            stack.append((previous, [step, *tail]))
    return sorted(results, key=_path_key)


def _path_key(path: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(s["from"], s["to"], s["type"], s["direction"]) for s in path]
