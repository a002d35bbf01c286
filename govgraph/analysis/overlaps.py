"""Pairs of bodies whose memberships or priorities overlap: the rationalisation
candidates.

The pairs are found through an inverted index, never by comparing every pair of
bodies: a sparse body × item incidence matrix ``M`` (scipy CSR) gives every pair's
shared-item count as ``M @ M.T``, so the work is proportional to the number of pairs
that share something. An item held by very many bodies (a government sitting on every
body) would make every one of those bodies a pair; items held by more than
``max_item_bodies`` bodies are therefore left out of *finding* pairs. They still count,
exactly, in the shared items and the Jaccard score of every pair found through another
item; only pairs that share nothing but such popular items are not listed.

>>> from govgraph.analysis._demo import demo_graph
>>> [(o["a"], o["b"], round(o["jaccard"], 3)) for o in overlaps(demo_graph(), by="members")]
[('pscioc', 'pssdc', 0.667)]
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx
import numpy as np
from scipy import sparse

from govgraph.analysis._view import GraphView
from govgraph.errors import InputError
from govgraph.i18n import Phrase
from govgraph.vocabulary import RelationType

__all__ = ["DEFAULT_MAX_ITEM_BODIES", "OVERLAP_DIMENSIONS", "overlaps"]

#: Items held by more bodies than this do not make pairs (see the module docstring).
DEFAULT_MAX_ITEM_BODIES = 1000
#: What ``by`` may be.
OVERLAP_DIMENSIONS = ("members", "priorities", "both")

_MEMBER_OF = RelationType.MEMBER_OF.value
_ADVANCES = RelationType.ADVANCES.value


def body_items(
    graph: nx.MultiDiGraph, *, as_of: str | date | None = None
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each body's direct members and the priorities it advances, on the day.

    >>> from govgraph.analysis._demo import demo_graph
    >>> members, priorities = body_items(demo_graph())
    >>> sorted(members["pssdc"]), sorted(priorities["pssdc"])
    (['canada', 'ontario'], ['digital-by-default'])
    """
    view = GraphView(graph, as_of)
    bodies = view.bodies()
    members: dict[str, set[str]] = {body: set() for body in bodies}
    priorities: dict[str, set[str]] = {body: set() for body in bodies}
    for source, target, data in view.edges():
        kind = data.get("type")
        if kind == _MEMBER_OF:
            if target in members:
                members[target].add(source)
        elif kind == _ADVANCES and source in priorities:
            priorities[source].add(target)
    return members, priorities


def overlaps(
    graph: nx.MultiDiGraph,
    *,
    by: str = "both",
    min_jaccard: float = 0.0,
    top: int | None = None,
    as_of: str | date | None = None,
    max_item_bodies: int | None = DEFAULT_MAX_ITEM_BODIES,
) -> list[dict[str, Any]]:
    """Pairs of bodies sharing members (``by="members"``), priorities
    (``"priorities"``) or either (``"both"``: members and priorities as one set).

    Each pair is ``{"a", "b", "shared", "union", "shared_members", "shared_priorities",
    "jaccard"}`` with ``a < b``; ``shared`` and ``union`` count the chosen items
    (``|A ∩ B|``, ``|A ∪ B|``), ``jaccard`` is their ratio, and
    the shared lists are given whatever ``by`` is. Pairs that share at least one
    chosen item and score at least ``min_jaccard`` are listed, best first (then by
    the number shared, then by ids), the ``top`` first ones if given. Members are
    direct members (any role); priorities are those a body ``ADVANCES``.

    >>> from govgraph.analysis._demo import demo_graph
    >>> pair = overlaps(demo_graph(), by="priorities")[0]
    >>> pair["a"], pair["b"], pair["shared_priorities"], pair["jaccard"]
    ('data-driven-intelligence-wg', 'pssdc', ['digital-by-default'], 1.0)
    """
    if by not in OVERLAP_DIMENSIONS:
        raise InputError(
            f"by must be one of {', '.join(OVERLAP_DIMENSIONS)}, not {by!r}", field="by"
        )
    if not 0.0 <= min_jaccard <= 1.0:
        raise InputError(Phrase("analysis.min_jaccard", value=min_jaccard))
    if top is not None and top < 0:
        raise InputError(f"top must be 0 or more, not {top}", field="top")
    if max_item_bodies is not None and max_item_bodies < 2:
        raise InputError("max_item_bodies must be 2 or more", field="max_item_bodies")

    members, priorities = body_items(graph, as_of=as_of)
    bodies = sorted(members)  # index order = id order: ties break by id
    if by == "members":
        chosen = [members[b] for b in bodies]
    elif by == "priorities":
        chosen = [priorities[b] for b in bodies]
    else:
        chosen = [members[b] | priorities[b] for b in bodies]

    pairs = _scored_pairs(chosen, min_jaccard, top, max_item_bodies)
    result = []
    for i, j, score in pairs:
        a, b = bodies[i], bodies[j]
        result.append(
            {
                "a": a,
                "b": b,
                "shared": len(chosen[i] & chosen[j]),
                "union": len(chosen[i] | chosen[j]),
                "shared_members": sorted(members[a] & members[b]),
                "shared_priorities": sorted(priorities[a] & priorities[b]),
                "jaccard": score,
            }
        )
    return result


def _scored_pairs(
    item_sets: list[set[str]],
    min_jaccard: float,
    top: int | None,
    max_item_bodies: int | None,
) -> list[tuple[int, int, float]]:
    """(i, j, jaccard) for the pairs i < j sharing an item, best first.

    With ``min_jaccard > 0``, pairs are found by *prefix filtering*: items are ranked
    rarest first and each body indexes only its first ``|A| - ceil(t·|A|) + 1`` items;
    two bodies with Jaccard ≥ t share at least ``t·max(|A|, |B|)`` items, so their
    prefixes meet. Candidates are then scored exactly on all their items.
    """
    item_index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, items in enumerate(item_sets):
        for item in items:
            rows.append(row)
            cols.append(item_index.setdefault(item, len(item_index)))
    if not rows or top == 0:
        return []
    n_bodies, n_items = len(item_sets), len(item_index)
    row_arr = np.asarray(rows, dtype=np.int64)
    col_arr = np.asarray(cols, dtype=np.int64)
    sizes = np.bincount(row_arr, minlength=n_bodies).astype(np.int64)
    holders = np.bincount(col_arr, minlength=n_items)
    popular = np.zeros(n_items, dtype=bool)
    if max_item_bodies is not None:
        popular = holders > max_item_bodies

    def matrix(chosen_rows: np.ndarray, chosen_cols: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix(
            (np.ones(len(chosen_rows), dtype=np.int32), (chosen_rows, chosen_cols)),
            shape=(n_bodies, n_items),
        )

    if min_jaccard > 0:
        # rank items rarest first; order each body's items by rank; keep the prefixes
        rank = np.empty(n_items, dtype=np.int64)
        rank[np.lexsort((np.arange(n_items), holders))] = np.arange(n_items)
        order = np.lexsort((rank[col_arr], row_arr))
        row_arr, col_arr = row_arr[order], col_arr[order]
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        position = np.arange(len(row_arr)) - starts[row_arr]
        # a smaller overlap bound gives a longer prefix: round down a hair, never up
        least = np.ceil(min_jaccard * sizes - 1e-9).astype(np.int64)
        discover = (position < (sizes - least + 1)[row_arr]) & ~popular[col_arr]
    else:
        discover = ~popular[col_arr]

    finder = matrix(row_arr[discover], col_arr[discover])
    shared = sparse.triu(finder @ finder.T, k=1).tocoo()
    first = shared.row.astype(np.int64)
    second = shared.col.astype(np.int64)
    if min_jaccard > 0:
        small = np.minimum(sizes[first], sizes[second])
        large = np.maximum(sizes[first], sizes[second])
        possible = small >= min_jaccard * large - 1e-9  # Jaccard ≤ |small| / |large|
        first, second = first[possible], second[possible]
        counts = _row_dots(matrix(row_arr, col_arr), first, second)
    else:
        counts = shared.data.astype(np.int64)
        if popular.any() and len(first):
            crowded = matrix(row_arr[~discover], col_arr[~discover])
            counts = counts + _row_dots(crowded, first, second)
    scores = counts / (sizes[first] + sizes[second] - counts)
    chosen = scores >= min_jaccard
    first, second, counts, scores = first[chosen], second[chosen], counts[chosen], scores[chosen]
    order = np.lexsort((second, first, -counts, -scores))
    if top is not None:
        order = order[:top]
    return [(int(first[k]), int(second[k]), float(scores[k])) for k in order]


def _row_dots(
    incidence: sparse.csr_matrix, first: np.ndarray, second: np.ndarray, chunk: int = 1 << 20
) -> np.ndarray:
    """The number of items rows ``first[k]`` and ``second[k]`` share, for every k
    (in chunks, to bound memory)."""
    counts = np.zeros(len(first), dtype=np.int64)
    for begin in range(0, len(first), chunk):
        end = begin + chunk
        both = incidence[first[begin:end]].multiply(incidence[second[begin:end]])
        counts[begin:end] = np.asarray(both.sum(axis=1), dtype=np.int64).ravel()
    return counts
