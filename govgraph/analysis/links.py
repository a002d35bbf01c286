"""The lines of one entity, of any type: who supports, oversees, advances, engages with
or succeeds it, and what it does to others, in one call.

>>> from govgraph.analysis._demo import demo_graph
>>> [(row["direction"], row["type"], row["other"]) for row in links(demo_graph(), "pssdc",
...  direction="out")]
[('out', 'ADVANCES', 'digital-by-default'), ('out', 'PART_OF', 'joint-councils')]
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

__all__ = ["DIRECTIONS", "links"]

#: ``out``: lines from the entity; ``in``: lines to it; ``both``.
DIRECTIONS = ("in", "out", "both")
_PROPERTIES = ("formal", "role", "level", "service", "valid_from", "valid_to")
_TYPES = frozenset(t.value for t in RelationType)


def _wanted(types: Iterable[str] | None) -> frozenset[str]:
    if types is None:
        return _TYPES
    wanted = frozenset(str(t).strip().upper() for t in types if str(t).strip())
    unknown = sorted(wanted - _TYPES)
    if unknown:
        raise InputError(
            f"unknown relationship type {unknown[0]!r} (known: {', '.join(sorted(_TYPES))})",
            field="type",
        )
    return wanted


def links(
    graph: nx.MultiDiGraph,
    entity_id: str,
    *,
    types: Iterable[str] | None = None,
    direction: str = "both",
    as_of: str | date | None = None,
) -> list[dict[str, Any]]:
    """Every line of ``entity_id`` valid on ``as_of`` (all of them when None), of
    ``types`` if given, in ``direction``: ``{direction, type, other, ...}`` with the
    line's properties (``formal``, ``role``, ``level``, ``service``, dates) when set.
    Lines out come first, then lines in, each by type and other end.

    "Which bodies does the General Secretariat support?" is
    ``links(graph, "gsc", types=["SUPPORTS"], direction="out")``.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [row["other"] for row in links(demo_graph(), "joint-councils", types=["PART_OF"],
    ...  direction="in")]
    ['pscioc', 'pssdc']
    """
    if direction not in DIRECTIONS:
        raise InputError(Phrase("analysis.direction", direction=direction), field="direction")
    wanted = _wanted(types)
    view = GraphView(graph, as_of)
    view.require(entity_id)

    def test(data: dict[str, Any]) -> bool:
        return data.get("type") in wanted

    rows: list[dict[str, Any]] = []
    if direction in ("out", "both"):
        for other, data in view.out_edges(entity_id, test):
            rows.append(_row("out", other, data))
    if direction in ("in", "both"):
        for other, data in view.in_edges(entity_id, test):
            rows.append(_row("in", other, data))
    order = {"out": 0, "in": 1}
    return sorted(rows, key=lambda r: (order[r["direction"]], r["type"], r["other"]))


def _row(direction: str, other: str, data: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"direction": direction, "type": data.get("type"), "other": other}
    for key in _PROPERTIES:
        if data.get(key) is not None:
            row[key] = data[key]
    return row
