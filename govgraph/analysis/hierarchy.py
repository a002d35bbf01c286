"""Reporting chains up the structure, and the bodies below a body.

A *formal line* goes up the structure: a formal ``REPORTS_TO`` or a ``PART_OF`` (a
part answers to the whole). Informal ``REPORTS_TO`` lines (``formal: false``) are
followed only on request. Both functions walk the adjacency of the entities they reach,
so their cost is proportional to the answer, not to the size of the graph.

>>> from govgraph.analysis._demo import demo_graph
>>> graph = demo_graph()
>>> reporting_chains(graph, "data-driven-intelligence-wg")
[['data-driven-intelligence-wg', 'pssdc', 'joint-councils']]
>>> subordinates(graph, "joint-councils")
{'pscioc': 1, 'pssdc': 1, 'data-driven-intelligence-wg': 2}
"""

from __future__ import annotations

from collections import deque
from datetime import date

import networkx as nx

from govgraph.analysis._view import GraphView, formal_parent_line, parent_line
from govgraph.errors import InputError

__all__ = ["reporting_chains", "subordinates"]


def reporting_chains(
    graph: nx.MultiDiGraph,
    entity_id: str,
    *,
    include_informal: bool = False,
    as_of: str | date | None = None,
) -> list[list[str]]:
    """Every reporting chain from ``entity_id`` up to a root, bottom-up.

    A chain is a list of ids starting with ``entity_id`` where each id has a line up to
    the next; it ends at a body with no line up (a root). An entity with no line up has
    one chain, ``[entity_id]``. A body with several parents (matrix structure) has one
    chain per route. Should the lines loop (possible only across dates, or through
    informal lines), a chain also ends where every line up leads back into it.
    Chains are sorted shortest first, then by their ids.

    >>> from govgraph.analysis._demo import demo_graph
    >>> reporting_chains(demo_graph(), "joint-councils-wg")
    [['joint-councils-wg']]
    >>> reporting_chains(demo_graph(), "joint-councils-wg", include_informal=True)
    [['joint-councils-wg', 'joint-councils']]
    """
    view = GraphView(graph, as_of)
    view.require(entity_id)
    test = parent_line if include_informal else formal_parent_line
    chains: list[list[str]] = []
    path = [entity_id]
    on_path = {entity_id}
    stack = [iter(sorted(view.targets(entity_id, test)))]
    extended = [False]
    while stack:
        parent = next(stack[-1], None)
        if parent is None:
            stack.pop()
            if not extended.pop():
                chains.append(list(path))
            on_path.discard(path.pop())
            continue
        if parent in on_path:
            continue
        extended[-1] = True
        path.append(parent)
        on_path.add(parent)
        stack.append(iter(sorted(view.targets(parent, test))))
        extended.append(False)
    return sorted(chains, key=lambda chain: (len(chain), chain))


def subordinates(
    graph: nx.MultiDiGraph,
    entity_id: str,
    *,
    depth: int | None = None,
    include_informal: bool = False,
    as_of: str | date | None = None,
) -> dict[str, int]:
    """The bodies below ``entity_id``, each with its depth (1 for a direct report; the
    shortest route counts), down to ``depth`` levels if given. Ordered by depth, then id.

    >>> from govgraph.analysis._demo import demo_graph
    >>> subordinates(demo_graph(), "joint-councils", depth=1, include_informal=True)
    {'joint-councils-wg': 1, 'pscioc': 1, 'pssdc': 1}
    """
    if depth is not None and depth < 0:
        raise InputError(f"depth must be 0 or more, not {depth}", field="depth")
    view = GraphView(graph, as_of)
    view.require(entity_id)
    test = parent_line if include_informal else formal_parent_line
    found: dict[str, int] = {entity_id: 0}
    queue = deque([entity_id])
    while queue:
        node = queue.popleft()
        level = found[node] + 1
        if depth is not None and level > depth:
            continue
        for child in view.sources(node, test):
            if child not in found:
                found[child] = level
                queue.append(child)
    del found[entity_id]
    return dict(sorted(found.items(), key=lambda item: (item[1], item[0])))
