"""Reporting chains up the structure, and the bodies below a body.

They walk **the hierarchy** (``govgraph.vocabulary.is_hierarchy_line``): formal
``REPORTS_TO`` lines and ``PART_OF`` lines (a part answers to the whole). Informal
``REPORTS_TO`` lines (``formal: false``) are followed only on request; ``types``
keeps only some relationship types (e.g. ``["REPORTS_TO"]``: "which bodies report
formally to X"). Every function walks the adjacency of the entities it reaches, so its
cost is proportional to the answer, not to the size of the graph.

>>> from govgraph.analysis._demo import demo_graph
>>> graph = demo_graph()
>>> reporting_chains(graph, "data-driven-intelligence-wg")
[['data-driven-intelligence-wg', 'pssdc', 'joint-councils']]
>>> subordinates(graph, "joint-councils")
{'pscioc': 1, 'pssdc': 1, 'data-driven-intelligence-wg': 2}
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from datetime import date
from itertools import pairwise
from typing import Any

import networkx as nx

from govgraph.analysis._view import EdgeTest, GraphView, formal_parent_line, parent_line
from govgraph.errors import InputError
from govgraph.i18n import Phrase
from govgraph.vocabulary import HIERARCHY_TYPES, RelationType

__all__ = ["chain_lines", "line_name", "reporting_chains", "subordinate_rows", "subordinates"]

_TYPE_NAMES = frozenset(t.value for t in HIERARCHY_TYPES)


def hierarchy_test(
    *, include_informal: bool = False, types: Iterable[str] | None = None
) -> EdgeTest:
    """The edge test the walks use: the hierarchy (plus informal lines if asked),
    only of ``types`` if given (``REPORTS_TO`` and/or ``PART_OF``).

    >>> test = hierarchy_test(types=["REPORTS_TO"])
    >>> test({"type": "REPORTS_TO"}), test({"type": "PART_OF"})
    (True, False)
    """
    base = parent_line if include_informal else formal_parent_line
    if types is None:
        return base
    wanted = frozenset(str(t).strip().upper() for t in types)
    unknown = sorted(wanted - _TYPE_NAMES)
    if unknown:
        raise InputError(
            f"unknown hierarchy line type {unknown[0]!r} (known: PART_OF, REPORTS_TO)",
            field="types",
        )
    return lambda data: base(data) and data.get("type") in wanted


def line_name(data: dict[str, Any]) -> str:
    """The name of a hierarchy line: ``REPORTS_TO``, ``PART_OF``, or
    ``REPORTS_TO (informal)``.

    >>> line_name({"type": "REPORTS_TO", "formal": False})
    'REPORTS_TO (informal)'
    """
    kind = str(data.get("type"))
    if kind == RelationType.REPORTS_TO and data.get("formal", True) is False:
        return f"{kind} (informal)"
    return kind


def chain_lines(
    graph: nx.MultiDiGraph,
    chain: list[str],
    *,
    include_informal: bool = False,
    types: Iterable[str] | None = None,
    as_of: str | date | None = None,
) -> list[list[str]]:
    """For each step of a chain (``chain[i] → chain[i + 1]``), the names of the lines
    that make it (see ``line_name``; usually one).

    >>> from govgraph.analysis._demo import demo_graph
    >>> chain_lines(demo_graph(), ["data-driven-intelligence-wg", "pssdc", "joint-councils"])
    [['REPORTS_TO'], ['PART_OF']]
    """
    view = GraphView(graph, as_of)
    test = hierarchy_test(include_informal=include_informal, types=types)
    return [
        sorted({line_name(data) for target, data in view.out_edges(lower, test) if target == upper})
        for lower, upper in pairwise(chain)
    ]


def reporting_chains(
    graph: nx.MultiDiGraph,
    entity_id: str,
    *,
    include_informal: bool = False,
    types: Iterable[str] | None = None,
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
    test = hierarchy_test(include_informal=include_informal, types=types)
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
    types: Iterable[str] | None = None,
    as_of: str | date | None = None,
) -> dict[str, int]:
    """The bodies below ``entity_id``, each with its depth (1 for a direct report; the
    shortest route counts), down to ``depth`` levels if given. Ordered by depth, then id.

    >>> from govgraph.analysis._demo import demo_graph
    >>> subordinates(demo_graph(), "joint-councils", depth=1, include_informal=True)
    {'joint-councils-wg': 1, 'pscioc': 1, 'pssdc': 1}
    >>> subordinates(demo_graph(), "joint-councils", types=["REPORTS_TO"])
    {}
    """
    rows = subordinate_rows(
        graph, entity_id, depth=depth, include_informal=include_informal, types=types, as_of=as_of
    )
    return {row["id"]: row["depth"] for row in rows}


def subordinate_rows(
    graph: nx.MultiDiGraph,
    entity_id: str,
    *,
    depth: int | None = None,
    include_informal: bool = False,
    types: Iterable[str] | None = None,
    as_of: str | date | None = None,
) -> list[dict[str, Any]]:
    """``subordinates`` with the line each body is reached by: ``{id, depth, parent,
    line}``, ``line`` as ``line_name`` says it (the lines to ``parent``, joined by
    ``" + "`` when there are several). Ordered by depth, then id.

    >>> from govgraph.analysis._demo import demo_graph
    >>> subordinate_rows(demo_graph(), "pssdc")
    [{'id': 'data-driven-intelligence-wg', 'depth': 1, 'parent': 'pssdc', 'line': 'REPORTS_TO'}]
    """
    if depth is not None and depth < 0:
        raise InputError(Phrase("analysis.depth", depth=depth), field="depth")
    view = GraphView(graph, as_of)
    view.require(entity_id)
    test = hierarchy_test(include_informal=include_informal, types=types)
    found: dict[str, tuple[int, str, set[str]]] = {entity_id: (0, "", set())}
    queue = deque([entity_id])
    while queue:
        node = queue.popleft()
        level = found[node][0] + 1
        if depth is not None and level > depth:
            continue
        for child, data in view.in_edges(node, test):
            if child not in found:
                found[child] = (level, node, set())
                queue.append(child)
            if found[child][1] == node:
                found[child][2].add(line_name(data))
    del found[entity_id]
    rows = [
        {"id": child, "depth": level, "parent": parent, "line": " + ".join(sorted(lines))}
        for child, (level, parent, lines) in found.items()
    ]
    return sorted(rows, key=lambda row: (row["depth"], row["id"]))
