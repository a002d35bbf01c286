"""Time: whether a fact holds on a date, and a model or a graph as it was on it.

This is the one home of ``as_of``. ``holds_on`` decides whether a fact (an entity, a
relationship, or a graph node's or edge's data) holds on a day; every restriction to
a date uses it:

- ``valid_positions`` / ``as_of``: the part of a model valid on a day;
- ``govgraph.analysis._view.GraphView``: a graph as it was on a day, looked at on the
  fly (walks cost what they visit); ``govgraph.graph_as_of`` is that view, copied.

A relationship holds only with both endpoints.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "fwg", "kind": "working_group", "name": {"en": "Framework WG"},
...      "valid_from": "2015", "valid_to": "2018"}]})
>>> len(as_of(model, "2016").entities), len(as_of(model, "2019-01-01").entities)
(1, 0)
>>> holds_on(model.entities[0], parse_as_of("2018-12-31")), holds_on({}, parse_as_of("1900"))
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from govgraph.dates import is_valid_on, parse_as_of
from govgraph.model import GovernanceModel

__all__ = ["as_of", "holds_on", "valid_positions"]


def holds_on(fact: Any, day: date | None) -> bool:
    """Whether ``fact`` holds on ``day`` (every fact holds when ``day`` is None).

    ``fact`` is a record with ``valid_from``/``valid_to`` (an entity, a relationship)
    or a mapping that may hold those keys (a graph node's or edge's data).

    >>> holds_on({"valid_to": "2018"}, date(2019, 1, 1)), holds_on({"valid_to": "2018"}, None)
    (False, True)
    """
    if day is None:
        return True
    if type(fact) is dict or isinstance(fact, Mapping):  # graph data: dicts, fast
        start, end = fact.get("valid_from"), fact.get("valid_to")
    else:
        start, end = fact.valid_from, fact.valid_to
    if start is None and end is None:
        return True
    return is_valid_on(start, end, day)


def valid_positions(model: GovernanceModel, day: str | date) -> tuple[list[int], list[int]]:
    """Positions of the entities and relationships valid on ``day``: a relationship
    needs both endpoints valid too.

    >>> valid_positions(GovernanceModel(), "2020")
    ([], [])
    """
    day = parse_as_of(day)
    entities = [i for i, e in enumerate(model.entities) if holds_on(e, day)]
    kept = {model.entities[i].id for i in entities}
    relationships = [
        i
        for i, r in enumerate(model.relationships)
        if r.from_ in kept and r.to in kept and holds_on(r, day)
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
