"""Tiny builders for models and scenarios in tests:
``model([entity("a"), entity("b")], [rel("b", "PART_OF", "a")])``, ``scenario({"move": ...})``.
"""

from __future__ import annotations

from typing import Any

from govgraph.model import GovernanceModel
from govgraph.scenarios import Scenario, parse_scenario


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


def base() -> GovernanceModel:
    """A small structure for scenario tests: jc ← p ← wg ← sub; q (another council);
    people, an organisation, priorities and a table."""
    return model(
        [
            entity("jc"),
            entity("p"),
            entity("q"),
            entity("wg", "working_group"),
            entity("sub", "working_group"),
            entity("wg2", "working_group"),
            entity("ann", "person"),
            entity("bob", "person"),
            entity("iccs", "organization"),
            entity("prio", "priority"),
            entity("prio2", "priority"),
            entity("table", "table"),
        ],
        [
            rel("p", "PART_OF", "jc"),
            rel("q", "PART_OF", "jc"),
            rel("wg", "REPORTS_TO", "p"),
            rel("sub", "REPORTS_TO", "wg"),
            rel("wg2", "REPORTS_TO", "q"),
            rel("ann", "MEMBER_OF", "wg"),
            rel("bob", "MEMBER_OF", "wg"),
            rel("ann", "MEMBER_OF", "wg2"),
            rel("iccs", "SUPPORTS", "wg", service="secretariat"),
            rel("wg", "ADVANCES", "prio"),
            rel("wg2", "ADVANCES", "prio"),
            rel("wg2", "ADVANCES", "prio2"),
            rel("wg", "ENGAGES_WITH", "table", level="inform"),
        ],
    )


def scenario(
    *operations: dict[str, Any], effective: str | None = "2026-04-01", name: str = "Test"
) -> Scenario:
    """A parsed scenario of ``operations`` (mappings with one key, as in a scenario file)."""
    document = {"name": name, "operations": list(operations)}
    if effective:
        document["effective"] = effective
    return parse_scenario(document)
