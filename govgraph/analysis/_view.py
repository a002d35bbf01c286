"""What every analysis shares: a read-only, date-filtered look at a govgraph graph.

``GraphView`` answers "is this node or edge valid on the day?" on the fly (with
``govgraph.temporal.holds_on``, the one test of a fact against a date), so that walks
(chains, subordinates, paths, members) cost in proportion to what they visit, not to
the size of the graph; nothing is copied and the graph is never changed.
``graph_as_of`` is this view, copied into a new graph.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

import networkx as nx

from govgraph.dates import parse_as_of
from govgraph.errors import InputError, UnknownEntityError
from govgraph.i18n import Phrase
from govgraph.temporal import holds_on
from govgraph.vocabulary import BODY_KINDS, RelationType, is_hierarchy_line

__all__ = [
    "BODY_KIND_VALUES",
    "EdgeTest",
    "GraphView",
    "formal_parent_line",
    "graph_as_of",
    "parent_line",
]

#: The kinds of bodies, as the plain strings the graph holds.
BODY_KIND_VALUES: frozenset[str] = frozenset(kind.value for kind in BODY_KINDS)

_REPORTS_TO = RelationType.REPORTS_TO.value
_PART_OF = RelationType.PART_OF.value

#: A test on an edge's data.
EdgeTest = Callable[[dict[str, Any]], bool]


def formal_parent_line(data: dict[str, Any]) -> bool:
    """A line of the hierarchy (``govgraph.vocabulary.is_hierarchy_line``): a formal
    ``REPORTS_TO`` or a ``PART_OF`` (a part answers to the whole)."""
    return is_hierarchy_line(data.get("type", ""), data.get("formal"))


def parent_line(data: dict[str, Any]) -> bool:
    """Any line up the structure: ``REPORTS_TO`` (formal or not) or ``PART_OF``."""
    return data.get("type") in (_PART_OF, _REPORTS_TO)


def informal_line(data: dict[str, Any]) -> bool:
    """An informal reporting line (``REPORTS_TO`` with ``formal: false``)."""
    return data.get("type") == _REPORTS_TO and data.get("formal", True) is False


class GraphView:
    """A govgraph graph as it was on ``as_of`` (all of it when ``as_of`` is None)."""

    def __init__(self, graph: nx.MultiDiGraph, as_of: str | date | None = None) -> None:
        self.graph = graph
        self.day: date | None = None if as_of is None else parse_as_of(as_of)
        # networkx's own adjacency dicts, read only: the public views cost a wrapper
        # object per lookup, which dominates walks over millions of edges
        self._succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._succ
        self._pred: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._pred
        self._nodes: dict[Any, dict[str, Any]] = graph._node

    def data_ok(self, data: dict[str, Any]) -> bool:
        """Whether a node's or an edge's validity interval covers the day."""
        return holds_on(data, self.day)

    def has(self, node: Any) -> bool:
        """Whether ``node`` is in the graph and valid on the day."""
        return node in self.graph and self.data_ok(self._nodes[node])

    def kind(self, node: Any) -> str | None:
        """The node's kind."""
        return self._nodes[node].get("kind")

    def node(self, node: Any) -> dict[str, Any]:
        """The node's data (read-only use)."""
        return self._nodes[node]

    def nodes(self) -> Iterator[str]:
        """The nodes valid on the day, in graph order."""
        if self.day is None:
            yield from self._nodes
            return
        for node, data in self._nodes.items():
            if self.data_ok(data):
                yield node

    def bodies(self) -> list[str]:
        """The bodies valid on the day, in graph order."""
        return [
            node
            for node, data in self._nodes.items()
            if data.get("kind") in BODY_KIND_VALUES and self.data_ok(data)
        ]

    def require(self, entity_id: Any) -> str:
        """``entity_id`` if the graph holds it on the day; else ``UnknownEntityError``
        (with close ids as suggestions) or ``InputError`` (not valid on the day)."""
        if entity_id not in self.graph:
            raise UnknownEntityError(str(entity_id), suggest(self.graph, str(entity_id)))
        if not self.data_ok(self._nodes[entity_id]):
            assert self.day is not None
            raise InputError(
                Phrase("analysis.not_valid_on", id=entity_id, day=self.day.isoformat())
            )
        return entity_id

    def out_edges(self, node: Any, test: EdgeTest) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(target, edge data)`` of the valid edges leaving ``node`` that pass ``test``
        and lead to a valid node."""
        for target, keyed in self._succ[node].items():
            for data in keyed.values():
                if test(data) and self.data_ok(data) and self.data_ok(self._nodes[target]):
                    yield target, data

    def in_edges(self, node: Any, test: EdgeTest) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(source, edge data)`` of the valid edges entering ``node`` that pass
        ``test`` and come from a valid node."""
        for source, keyed in self._pred[node].items():
            for data in keyed.values():
                if test(data) and self.data_ok(data) and self.data_ok(self._nodes[source]):
                    yield source, data

    def targets(self, node: Any, test: EdgeTest) -> list[str]:
        """The distinct targets of ``out_edges``, in adjacency order."""
        return list(dict.fromkeys(target for target, _ in self.out_edges(node, test)))

    def sources(self, node: Any, test: EdgeTest) -> list[str]:
        """The distinct sources of ``in_edges``, in adjacency order."""
        return list(dict.fromkeys(source for source, _ in self.in_edges(node, test)))

    def edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every edge valid on the day (both ends valid too)."""
        for source, target, _, data in self.keyed_edges():
            yield source, target, data

    def keyed_edges(self) -> Iterator[tuple[str, str, Any, dict[str, Any]]]:
        """``(source, target, key, data)`` of every edge valid on the day (both ends
        valid too)."""
        nodes, day = self._nodes, self.day
        for source, targets in self._succ.items():
            if day is not None and not self.data_ok(nodes[source]):
                continue
            for target, keyed in targets.items():
                if day is not None and not self.data_ok(nodes[target]):
                    continue
                for key, data in keyed.items():
                    if day is None or self.data_ok(data):
                        yield source, target, key, data


def graph_as_of(graph: nx.MultiDiGraph, day: str | date | None) -> nx.MultiDiGraph:
    """The part of a govgraph ``graph`` (see ``govgraph.graph.to_graph``) valid on
    ``day``: the ``GraphView`` of that day, copied into a new graph whose attribute
    dicts are copies; the input is unchanged.

    >>> from govgraph.graph import to_graph
    >>> from govgraph.model import GovernanceModel
    >>> graph = to_graph(GovernanceModel.model_validate({"entities": [
    ...     {"id": "a", "kind": "council", "name": {"en": "A"}, "valid_to": "2000"}]}))
    >>> graph_as_of(graph, "2001").number_of_nodes()
    0
    """
    if day is None:
        return graph.copy()
    view = GraphView(graph, day)
    result = graph.__class__()
    result.graph.update(graph.graph)
    result.add_nodes_from((node, dict(view.node(node))) for node in view.nodes())
    result.add_edges_from((u, v, key, dict(data)) for u, v, key, data in view.keyed_edges())
    return result


#: Above this many nodes, "did you mean" compares the unknown id only with the ids next
#: to it in sorted order, forwards and backwards (those sharing its longest prefix or
#: suffix): difflib costs ~20 µs per id compared.
SUGGEST_ALL_LIMIT = 50_000
_SUGGEST_WINDOW = 200


def suggest(graph: nx.MultiDiGraph, text: str, limit: int = 3) -> list[str]:
    """Ids of ``graph`` that look like ``text``, for "did you mean" messages.

    >>> from govgraph.analysis._demo import demo_graph
    >>> suggest(demo_graph(), "psdc")
    ['pssdc', 'pscioc']
    """
    candidates = [str(node) for node in graph]
    if len(candidates) > SUGGEST_ALL_LIMIT:
        near: set[str] = set()
        for key in (lambda c: c, lambda c: c[::-1]):
            ordered = sorted(candidates, key=key)
            keys = [key(c) for c in ordered]
            at = bisect.bisect_left(keys, key(text))
            near.update(ordered[max(0, at - _SUGGEST_WINDOW) : at + _SUGGEST_WINDOW])
        candidates = sorted(near)
    return difflib.get_close_matches(text, candidates, n=limit, cutoff=0.6)


def type_test(types: Iterable[str]) -> EdgeTest:
    """An edge test keeping the given relationship types."""
    wanted = frozenset(types)
    return lambda data: data.get("type") in wanted
