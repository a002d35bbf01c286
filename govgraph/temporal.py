"""Time: what a model or a graph looked like on a given date.

An entity or relationship is kept when its validity interval covers the date; a
relationship is dropped with either endpoint.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "fwg", "kind": "working_group", "name": {"en": "Framework WG"},
...      "valid_from": "2015", "valid_to": "2018"}]})
>>> len(as_of(model, "2016").entities), len(as_of(model, "2019-01-01").entities)
(1, 0)
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from govgraph.dates import is_valid_on, parse_as_of
from govgraph.model import GovernanceModel

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["as_of", "graph_as_of", "valid_positions"]


def valid_positions(model: GovernanceModel, day: str | date) -> tuple[list[int], list[int]]:
    """Positions of the entities and relationships valid on ``day``: a relationship
    needs both endpoints valid too.

    >>> valid_positions(GovernanceModel(), "2020")
    ([], [])
    """
    day = parse_as_of(day)
    entities = [
        i for i, e in enumerate(model.entities) if is_valid_on(e.valid_from, e.valid_to, day)
    ]
    kept = {model.entities[i].id for i in entities}
    relationships = [
        i
        for i, r in enumerate(model.relationships)
        if r.from_ in kept and r.to in kept and is_valid_on(r.valid_from, r.valid_to, day)
    ]
    return entities, relationships


def as_of(model: GovernanceModel, day: str | date | None) -> GovernanceModel:
    """The part of ``model`` valid on ``day`` (the model itself when ``day`` is None).

    The input is not changed; no re-validation is needed, since a subset of a valid
    model's records is made of valid records.
    """
    if day is None:
        return model
    entities, relationships = valid_positions(model, day)
    return GovernanceModel.model_construct(
        title=model.title,
        description=model.description,
        entities=tuple(model.entities[i] for i in entities),
        relationships=tuple(model.relationships[i] for i in relationships),
        rules=model.rules,
    )


def graph_as_of(graph: nx.MultiDiGraph, day: str | date | None) -> nx.MultiDiGraph:
    """The part of a govgraph ``graph`` (see ``govgraph.graph.to_graph``) valid on
    ``day``, as a new graph whose attribute dicts are copies: the input is unchanged.

    >>> from govgraph.graph import to_graph
    >>> graph = to_graph(GovernanceModel.model_validate({"entities": [
    ...     {"id": "a", "kind": "council", "name": {"en": "A"}, "valid_to": "2000"}]}))
    >>> graph_as_of(graph, "2001").number_of_nodes()
    0
    """
    if day is None:
        return graph.copy()
    day = parse_as_of(day)
    import networkx as nx

    result = nx.MultiDiGraph()
    result.graph.update(graph.graph)
    result.add_nodes_from(
        (node, data)
        for node, data in graph.nodes(data=True)
        if is_valid_on(data.get("valid_from"), data.get("valid_to"), day)
    )
    result.add_edges_from(
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if u in result
        and v in result
        and is_valid_on(data.get("valid_from"), data.get("valid_to"), day)
    )
    return result
