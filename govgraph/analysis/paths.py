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
from govgraph.i18n import Phrase
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
        raise InputError(Phrase("analysis.types"), field="types")
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

    The search is a bidirectional breadth-first search: it grows a ball around each end,
    the smaller one first, and stops when they meet, so it visits the entities within
    about half the distance of either end rather than the whole graph.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [[s["to"] for s in c] for c in connections(demo_graph(), "quebec", "ontario")]
    [['pscioc', 'ontario']]
    >>> connections(demo_graph(), "quebec", "ontario", as_of="2016")
    []
    """
    wanted = relation_types(types)
    if limit is not None and limit < 1:
        raise InputError(Phrase("analysis.limit", limit=limit), field="limit")
    view = GraphView(graph, as_of)
    view.require(a)
    view.require(b)
    if a == b:
        return [[]]

    def test(data: dict[str, Any]) -> bool:
        return wanted is None or data.get("type") in wanted

    # Bidirectional breadth-first search, one whole level at a time from the side whose
    # frontier is smaller. Each side keeps, per node, the steps that reach it from one
    # level closer to its own end. The first level whose new nodes the other side has
    # seen holds every node in the middle of every shortest connection.
    sides = ({a: 0}, {b: 0})
    steps: tuple[dict[str, dict[_Step, None]], dict[str, dict[_Step, None]]] = ({}, {})
    frontiers = ([a], [b])
    middle: list[str] = []
    while frontiers[0] and frontiers[1] and not middle:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        distance, other = sides[side], sides[1 - side]
        level = distance[frontiers[side][0]] + 1
        following: list[str] = []
        for node in frontiers[side]:
            found = [(t, d, "forward") for t, d in view.out_edges(node, test)]
            found += [(s, d, "backward") for s, d in view.in_edges(node, test)]
            for neighbour, data, direction in found:
                seen = distance.get(neighbour)
                if seen is None:
                    distance[neighbour] = level
                    following.append(neighbour)
                elif seen != level:
                    continue
                steps[side].setdefault(neighbour, {})[(node, data["type"], direction)] = None
        frontiers = (following, frontiers[1]) if side == 0 else (frontiers[0], following)
        middle = sorted(node for node in following if node in other)
    if not middle:
        return []

    def halves(node: str, side: int) -> list[list[dict[str, Any]]]:
        """The step lists from ``a`` to ``node`` (side 0) or from ``node`` to ``b``."""
        end = (a, b)[side]
        results: list[list[dict[str, Any]]] = []
        stack: list[tuple[str, list[dict[str, Any]]]] = [(node, [])]
        while stack and (limit is None or len(results) < limit):
            current, done = stack.pop()
            if current == end:
                results.append(done)
                continue
            for previous, rel_type, direction in sorted(steps[side][current], reverse=True):
                if side == 0:
                    step = {"from": previous, "to": current, "type": rel_type}
                    stack.append((previous, [{**step, "direction": direction}, *done]))
                else:  # walking from current towards b: the direction flips
                    flipped = "backward" if direction == "forward" else "forward"
                    step = {"from": current, "to": previous, "type": rel_type}
                    stack.append((previous, [*done, {**step, "direction": flipped}]))
        return results

    connections_found: list[list[dict[str, Any]]] = []
    for node in middle:
        for head in halves(node, 0):
            for tail in halves(node, 1):
                connections_found.append(head + tail)
                if limit is not None and len(connections_found) >= limit:
                    return sorted(connections_found, key=_path_key)
    return sorted(connections_found, key=_path_key)


def _path_key(path: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(s["from"], s["to"], s["type"], s["direction"]) for s in path]
