"""Layered layouts computed in Python in O(V + E), for views too big for the
browser's physics simulation or its own hierarchical layout.

``layered_levels`` gives each node its depth below the roots of a child → parent
relation (breadth-first, so cycles and several parents are harmless: a node takes the
first depth it is reached at); ``layered_positions`` turns levels into x/y positions,
parents' children side by side, wrapping very wide levels onto extra rows.

>>> levels = layered_levels(["jc", "pssdc", "wg", "lone"], [("pssdc", "jc"), ("wg", "pssdc")])
>>> levels
{'jc': 0, 'lone': 0, 'pssdc': 1, 'wg': 2}
>>> layered_positions(levels, x_gap=100, y_gap=50)["wg"]
(0, 100)
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence

__all__ = ["attach_levels", "layered_levels", "layered_positions"]


def layered_levels(nodes: Sequence[str], child_parent: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Depth of each node below the roots of a child → parent relation.

    Roots (nodes with no parent among ``nodes``) are level 0; every other node sits
    one level below its lowest parent (longest path, in topological order), so every
    line points upwards. Nodes caught in a cycle (lines that never coexisted in time)
    are placed breadth-first below what is already placed. The result lists nodes in
    placement order, which keeps siblings together in ``layered_positions``.
    """
    known = set(nodes)
    children: dict[str, list[str]] = defaultdict(list)
    waiting: dict[str, int] = defaultdict(int)  # parents not yet placed
    for child, parent in child_parent:
        if child in known and parent in known and child != parent:
            children[parent].append(child)
            waiting[child] += 1
    levels: dict[str, int] = {}
    depth: dict[str, int] = defaultdict(int)
    queue = deque(node for node in nodes if not waiting[node])
    while queue:  # Kahn's topological order, longest path
        node = queue.popleft()
        levels[node] = depth[node]
        for child in children.get(node, ()):
            depth[child] = max(depth[child], levels[node] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                queue.append(child)
    for start in nodes:  # left over: parts of parent cycles
        if start in levels:
            continue
        levels[start] = depth[start]
        walk = deque([start])
        while walk:
            node = walk.popleft()
            for child in children.get(node, ()):
                if child not in levels:
                    levels[child] = max(depth[child], levels[node] + 1)
                    walk.append(child)
    return levels


def attach_levels(
    levels: dict[str, int], nodes: Sequence[str], links: Iterable[tuple[str, str]]
) -> dict[str, int]:
    """Give nodes outside ``levels`` the level below the first placed node they are
    linked to (either direction), or the level below the deepest one if none. A new
    dict, in placement order; one pass over ``links``.

    >>> attach_levels({"jc": 0}, ["jc", "alice", "x"], [("alice", "jc")])
    {'jc': 0, 'alice': 1, 'x': 1}
    """
    result = dict(levels)
    anchor: dict[str, int] = {}
    for a, b in links:
        if a in levels and b not in levels:
            anchor.setdefault(b, levels[a] + 1)
        elif b in levels and a not in levels:
            anchor.setdefault(a, levels[b] + 1)
    bottom = max(levels.values(), default=-1) + 1
    for node in nodes:
        if node not in result:
            result[node] = anchor.get(node, bottom)
    return result


def layered_positions(
    levels: dict[str, int],
    *,
    x_gap: int = 170,
    y_gap: int = 140,
    max_row: int | None = None,
) -> dict[str, tuple[int, int]]:
    """x/y positions (vis-network canvas units) for nodes at integer ``levels``:
    one row per level, top-down, nodes in the dict's order and centred; a level wider
    than ``max_row`` (default: about 1.5·√n, at least 30) wraps onto extra rows.
    """
    if not levels:
        return {}
    if max_row is None:
        max_row = max(30, 3 * math.isqrt(len(levels)) // 2)
    by_level: dict[int, list[str]] = defaultdict(list)
    for node, level in levels.items():
        by_level[level].append(node)
    positions: dict[str, tuple[int, int]] = {}
    y = 0
    for level in sorted(by_level):
        members = by_level[level]
        for start in range(0, len(members), max_row):
            chunk = members[start : start + max_row]
            offset = (len(chunk) - 1) * x_gap // 2
            for i, node in enumerate(chunk):
                positions[node] = (i * x_gap - offset, y)
            y += y_gap // 2  # wrapped rows of one level sit closer together
        y += y_gap - y_gap // 2
    return positions
