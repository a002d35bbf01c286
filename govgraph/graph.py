"""Model ⇄ ``networkx.MultiDiGraph``, lossless both ways.

Nodes are entity ids; node data holds the entity's fields as plain values (``kind``,
``name`` as ``{"en": ..., "fr": ...}``, ...) with empty fields left out. Edges go
``from → to``, keyed by ``Relationship.key``; edge data holds ``type`` and the
relationship's properties. The model's title, description and rules go to ``graph.graph``.
Entities keep their order; relationships come back grouped by source entity (networkx
keeps edges by node), so compare round-tripped models with ``.canonical()``.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council", "name": {"en": "Joint Councils"}},
...                  {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> graph = to_graph(model)
>>> graph.nodes["wg"]["kind"], graph.edges["wg", "jc", "REPORTS_TO"]
('working_group', {'type': 'REPORTS_TO', 'formal': True})
>>> from_graph(graph).canonical() == model.canonical()
True
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from pydantic import ValidationError

from govgraph.errors import InputError
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship

__all__ = ["edge_data", "from_graph", "node_data", "to_graph"]

_OPTIONAL_ENTITY_FIELDS = ("description", "valid_from", "valid_to", "source")
_OPTIONAL_RELATION_FIELDS = ("valid_from", "valid_to", "source")


def _text(text: LocalizedText) -> dict[str, str]:
    return {lang: value for lang, value in (("en", text.en), ("fr", text.fr)) if value is not None}


def node_data(entity: Entity) -> dict[str, Any]:
    """The node attributes for an entity (plain values, empty fields left out)."""
    data: dict[str, Any] = {"kind": entity.kind.value, "name": _text(entity.name)}
    if entity.acronym is not None:
        data["acronym"] = _text(entity.acronym)
    for field in _OPTIONAL_ENTITY_FIELDS:
        value = getattr(entity, field)
        if value is not None:
            data[field] = value
    if entity.tags:
        data["tags"] = list(entity.tags)
    if entity.identifiers:
        data["identifiers"] = dict(entity.identifiers)
    if entity.attributes:
        data["attributes"] = dict(entity.attributes)
    return data


def edge_data(rel: Relationship) -> dict[str, Any]:
    """The edge attributes for a relationship (``type`` and the properties it has)."""
    data: dict[str, Any] = {"type": rel.type.value}
    if rel.formal is not None:
        data["formal"] = rel.formal
    if rel.role is not None:
        data["role"] = rel.role.value
    if rel.level is not None:
        data["level"] = rel.level.value
    if rel.service is not None:
        data["service"] = rel.service
    for field in _OPTIONAL_RELATION_FIELDS:
        value = getattr(rel, field)
        if value is not None:
            data[field] = value
    if rel.tags:
        data["tags"] = list(rel.tags)
    if rel.attributes:
        data["attributes"] = dict(rel.attributes)
    return data


def to_graph(model: GovernanceModel) -> nx.MultiDiGraph:
    """A new ``MultiDiGraph`` holding the whole model; the model is not changed."""
    graph = nx.MultiDiGraph()
    if model.title is not None:
        graph.graph["title"] = _text(model.title)
    if model.description is not None:
        graph.graph["description"] = model.description
    if model.rules:
        graph.graph["rules"] = [dict(rule) for rule in model.rules]
    graph.add_nodes_from((entity.id, node_data(entity)) for entity in model.entities)
    graph.add_edges_from(
        (rel.from_, rel.to, rel.key, edge_data(rel)) for rel in model.relationships
    )
    return graph


def from_graph(graph: nx.MultiDiGraph) -> GovernanceModel:
    """The model a govgraph graph holds (inverse of ``to_graph``).

    Raises ``InputError`` naming the node or edge whose data is not a valid entity or
    relationship (e.g. a node with no ``kind``).
    """
    entities = []
    for node, data in graph.nodes(data=True):
        try:
            entities.append(Entity.model_validate({"id": node, **data}))
        except ValidationError as exc:
            raise InputError(_first_error(exc), field=f"node {node!r}") from None
    relationships = []
    for source, target, data in graph.edges(data=True):
        try:
            relationships.append(
                Relationship.model_validate({"from": source, "to": target, **data})
            )
        except ValidationError as exc:
            raise InputError(_first_error(exc), field=f"edge {source!r} → {target!r}") from None
    meta = graph.graph
    return GovernanceModel(
        title=LocalizedText(**meta["title"]) if meta.get("title") else None,
        description=meta.get("description"),
        entities=tuple(entities),
        relationships=tuple(relationships),
        rules=tuple(meta.get("rules", ())),
    )


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]
