"""The one flattener between a governance model and the store's properties.

A push sends named maps built here; a pull rebuilds the model from the same names.
Every entity row carries its ``scope`` (one generation of one model key) and a content
``hash`` of its fields, so a later push writes only what changed. Dates stay ISO
strings (``valid_from``/``valid_to`` as in the model, plus the full-date bounds
``valid_start``/``valid_end`` that the named queries compare with ``$date``); tags are
a list of strings; identifiers, attributes and rules are JSON strings, so a pull gives
back exactly what was pushed.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}, "valid_from": "2015"}]})
>>> row = entity_row(model.entities[0], "s1")
>>> row["props"]["valid_start"], row["props"].get("valid_end"), row["props"]["scope"]
('2015-01-01', None, 's1')
>>> len(row["props"]["hash"])
32
>>> model_from_rows(None, [row["props"]], []) == model
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from govgraph.dates import date_bounds
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.store.errors import StoreError

__all__ = [
    "content_hash",
    "entity_row",
    "model_from_rows",
    "model_props",
    "relationship_row",
    "relationship_uid",
]


def _bounds(valid_from: str | None, valid_to: str | None) -> dict[str, str | None]:
    return {
        "valid_start": date_bounds(valid_from)[0].isoformat() if valid_from else None,
        "valid_end": date_bounds(valid_to)[1].isoformat() if valid_to else None,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _description(description: str | LocalizedText | None) -> dict[str, str | None]:
    """A description's properties: ``description`` for a plain string,
    ``description_en`` / ``description_fr`` for the ``{en, fr}`` form."""
    if isinstance(description, LocalizedText):
        return {"description_en": description.en, "description_fr": description.fr}
    return {"description": description}


def content_hash(props: dict[str, Any]) -> str:
    """A hash of the fields of a row (not its scope or hash): equal for equal content.

    >>> content_hash({"id": "a", "scope": "x"}) == content_hash({"id": "a", "scope": "y"})
    True
    """
    content = {k: v for k, v in props.items() if k not in ("scope", "hash") and v is not None}
    return hashlib.blake2b(_json(content).encode("utf-8"), digest_size=16).hexdigest()


def entity_row(entity: Entity, scope: str) -> dict[str, Any]:
    """The row for one entity: ``{"kind", "props"}`` (``props`` is what the node holds)."""
    props: dict[str, Any] = {
        "id": entity.id,
        "kind": entity.kind.value,
        "name_en": entity.name.en,
        "name_fr": entity.name.fr,
        "acronym_en": entity.acronym.en if entity.acronym else None,
        "acronym_fr": entity.acronym.fr if entity.acronym else None,
        **_description(entity.description),
        "valid_from": entity.valid_from,
        "valid_to": entity.valid_to,
        **_bounds(entity.valid_from, entity.valid_to),
        "tags": list(entity.tags) or None,
        "identifiers": _json(entity.identifiers) if entity.identifiers else None,
        "attributes": _json(entity.attributes) if entity.attributes else None,
        "source": entity.source,
    }
    props = {key: value for key, value in props.items() if value is not None}
    props["hash"] = content_hash(props)
    props["scope"] = scope
    return {"kind": entity.kind, "props": props}


def relationship_uid(rel: Relationship) -> str:
    """What identifies a relationship in the store: ``[from, to, key]`` as JSON.

    >>> relationship_uid(Relationship.model_validate({"from": "a", "type": "PART_OF", "to": "b"}))
    '["a", "b", "PART_OF"]'
    """
    return json.dumps([rel.from_, rel.to, rel.key], ensure_ascii=False)


def relationship_row(rel: Relationship) -> dict[str, Any]:
    """The row for one relationship: ``{"from", "to", "type", "props"}``."""
    props: dict[str, Any] = {
        "uid": relationship_uid(rel),
        "key": rel.key,
        "formal": rel.formal,
        "role": rel.role.value if rel.role else None,
        "level": rel.level.value if rel.level else None,
        "service": rel.service,
        "valid_from": rel.valid_from,
        "valid_to": rel.valid_to,
        **_bounds(rel.valid_from, rel.valid_to),
        "tags": list(rel.tags) or None,
        "attributes": _json(rel.attributes) if rel.attributes else None,
        "source": rel.source,
    }
    props = {key: value for key, value in props.items() if value is not None}
    props["hash"] = content_hash(props)
    return {"from": rel.from_, "to": rel.to, "type": rel.type, "props": props}


def model_props(model: GovernanceModel) -> dict[str, Any]:
    """The model's own fields as the model node holds them (absent fields as null, so
    ``SET m += props`` clears what a model no longer has)."""
    return {
        "title_en": model.title.en if model.title else None,
        "title_fr": model.title.fr if model.title else None,
        "description": None,
        "description_en": None,
        "description_fr": None,
        **_description(model.description),
        "rules": _json([dict(rule) for rule in model.rules]) if model.rules else None,
    }


def _text(props: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    text = {
        lang: props[f"{prefix}_{lang}"]
        for lang in ("en", "fr")
        if props.get(f"{prefix}_{lang}") is not None
    }
    return text or None


def _entity_record(props: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": props.get("id"), "kind": props.get("kind")}
    record["name"] = _text(props, "name")
    for field in ("description", "valid_from", "valid_to", "source"):
        if props.get(field) is not None:
            record[field] = props[field]
    acronym = _text(props, "acronym")
    if acronym:
        record["acronym"] = acronym
    description = _text(props, "description")
    if description:
        record["description"] = description
    if props.get("tags"):
        record["tags"] = list(props["tags"])
    for field in ("identifiers", "attributes"):
        if props.get(field):
            record[field] = json.loads(props[field])
    return record


def _relationship_record(
    source: str, rel_type: str, target: str, props: dict[str, Any]
) -> dict[str, Any]:
    record: dict[str, Any] = {"from": source, "type": rel_type, "to": target}
    for field in ("formal", "role", "level", "service", "valid_from", "valid_to", "source"):
        if props.get(field) is not None:
            record[field] = props[field]
    if props.get("tags"):
        record["tags"] = list(props["tags"])
    if props.get("attributes"):
        record["attributes"] = json.loads(props["attributes"])
    return record


def model_from_rows(
    meta: dict[str, Any] | None,
    entities: Iterable[dict[str, Any]],
    relationships: Iterable[tuple[str, str, str, dict[str, Any]]],
) -> GovernanceModel:
    """Build a model from stored properties (in canonical order). Data that is not a
    valid model raises ``StoreError``."""
    document: dict[str, Any] = {}
    try:
        if meta:
            title = _text(meta, "title")
            if title:
                document["title"] = title
            if meta.get("description") is not None:
                document["description"] = meta["description"]
            description = _text(meta, "description")
            if description:
                document["description"] = description
            if meta.get("rules"):
                document["rules"] = json.loads(meta["rules"])
        document["entities"] = sorted(
            (_entity_record(props) for props in entities), key=lambda r: str(r["id"])
        )
        document["relationships"] = [_relationship_record(*row) for row in relationships]
        return GovernanceModel.model_validate(document).canonical()
    except (ValidationError, json.JSONDecodeError, TypeError) as exc:
        first = str(exc).splitlines()
        raise StoreError(
            f"the store does not hold a valid govgraph model: {' '.join(first[:3])}"
        ) from None
