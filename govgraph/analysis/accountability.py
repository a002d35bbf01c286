"""Accountability to a position: the minister (or deputy minister) a body answers to,
held by ``ACCOUNTABLE_TO`` lines (body → position). These lines are not part of the
hierarchy between bodies (see ``docs/accountability.md``): they are read beside it.

>>> from govgraph.graph import to_graph
>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "tc", "kind": "organization", "name": {"en": "Transport Canada"}},
...     {"id": "portfolio", "kind": "organization", "name": {"en": "Transport"}},
...     {"id": "minister", "kind": "position", "name": {"en": "Minister of Transport"}}],
...   "relationships": [{"from": "tc", "type": "PART_OF", "to": "portfolio"},
...                     {"from": "tc", "type": "ACCOUNTABLE_TO", "to": "minister"}]})
>>> accountable_to(to_graph(model), "tc")
['minister']
>>> chain_accountability(to_graph(model), ["tc", "portfolio"])
['minister']
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import networkx as nx

from govgraph.analysis._view import GraphView, type_test
from govgraph.vocabulary import RelationType

__all__ = ["accountable_to", "chain_accountability"]

_ACCOUNTABLE = type_test([RelationType.ACCOUNTABLE_TO.value])


def accountable_to(
    graph: nx.MultiDiGraph, entity_id: str, *, as_of: str | date | None = None
) -> list[str]:
    """The positions ``entity_id`` is accountable to on ``as_of``, sorted."""
    view = GraphView(graph, as_of)
    view.require(entity_id)
    return sorted(view.targets(entity_id, _ACCOUNTABLE))


def chain_accountability(
    graph: nx.MultiDiGraph, chain: Sequence[str], *, as_of: str | date | None = None
) -> list[str]:
    """The positions at the top of a reporting chain: those of the nearest body of the
    chain, bottom-up, that is accountable to a position (empty when none is)."""
    view = GraphView(graph, as_of)
    for node in chain:
        positions = sorted(view.targets(node, _ACCOUNTABLE))
        if positions:
            return positions
    return []
