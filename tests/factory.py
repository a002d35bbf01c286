"""Tiny builders for models in tests: ``model(entities=[body("a")], relationships=[...])``."""

from __future__ import annotations

from typing import Any

from govgraph.model import GovernanceModel


def entity(entity_id: str, kind: str = "council", **fields: Any) -> dict[str, Any]:
    """An entity record; the name defaults to the id in English."""
    return {"id": entity_id, "kind": kind, "name": fields.pop("name", {"en": entity_id}), **fields}


def rel(from_id: str, rel_type: str, to_id: str, **fields: Any) -> dict[str, Any]:
    """A relationship record ``from_id -rel_type-> to_id``."""
    return {"from": from_id, "type": rel_type, "to": to_id, **fields}


def model(
    entities: list[dict[str, Any]], relationships: list[dict[str, Any]] = ()
) -> GovernanceModel:
    """A validated model (structure only; the rule checks are separate)."""
    return GovernanceModel.model_validate(
        {"entities": list(entities), "relationships": list(relationships)}
    )
