"""Popolo JSON (``.popolo.json``) export and import.

The document has Popolo's collections plus one documented extension, ``govgraph``:

- ``organizations``: councils, committees, working groups, tables, organisations and
  jurisdictions, with ``classification`` (the kind), ``parent_id`` (the formal parent:
  the first formal ``REPORTS_TO``, else the first ``PART_OF``), ``founding_date`` /
  ``dissolution_date`` (the validity), ``identifiers`` (``scheme``, ``identifier``);
- ``persons`` (``summary`` is the description), ``posts`` (positions; ``label``,
  ``start_date`` / ``end_date``, ``organization_id`` the first body the post sits on),
  ``events`` (meetings; ``start_date`` / ``end_date``, ``organization_id`` the body
  that held it, ``classification: meeting``);
- every record's names in both languages in ``other_names``, with a note saying the
  language: ``{"name": "Conseils mixtes", "note": "name@fr"}``; acronyms likewise with
  ``acronym@en`` / ``acronym@fr``; ``name`` (``label`` for posts) is the English name,
  or the French one when there is no English name;
- ``memberships``: every ``MEMBER_OF``, with ``organization_id``, the member as
  ``person_id`` (persons), ``post_id`` (positions) or ``member: {"@type":
  "Organization", "id": ...}`` (organisations, jurisdictions), ``role``,
  ``start_date`` / ``end_date``;
- a record's ``govgraph`` object holds what Popolo has no field for (description,
  tags, attributes, provenance ``source``, and validity where Popolo has no dates);
  ``sources`` holds the provenance as a Popolo link when it is a URL;
- the top-level ``govgraph`` object holds the model's title, description and rules,
  the entities Popolo has no collection for (priorities) and every relationship other
  than ``MEMBER_OF``.

Import reads this back to an equal model; a Popolo file from elsewhere (no ``govgraph``
extension) is read too: ``parent_id`` becomes a formal ``REPORTS_TO``, an unknown
``classification`` an organisation.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council",
...                   "name": {"en": "Joint Councils", "fr": "Conseils mixtes"}},
...                  {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> document = to_popolo(model)
>>> [(o["id"], o.get("parent_id")) for o in document["organizations"]]
[('jc', None), ('wg', 'jc')]
>>> document["organizations"][0]["other_names"][1]
{'name': 'Conseils mixtes', 'note': 'name@fr'}
>>> from_popolo(document).canonical() == model.canonical()
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write
from govgraph.formats.documents import _field_name, read_document
from govgraph.formats.locate import locate_lines
from govgraph.formats.parse import DocPath, Location, RawModel, model_from_raw
from govgraph.model import Entity, GovernanceModel
from govgraph.vocabulary import EntityKind, RelationType

__all__ = ["COLLECTIONS", "from_popolo", "read_popolo", "to_popolo", "write_popolo"]

#: The Popolo collection of each kind (priorities live in the extension).
COLLECTIONS: dict[EntityKind, str] = {
    EntityKind.council: "organizations",
    EntityKind.committee: "organizations",
    EntityKind.working_group: "organizations",
    EntityKind.table: "organizations",
    EntityKind.organization: "organizations",
    EntityKind.jurisdiction: "organizations",
    EntityKind.person: "persons",
    EntityKind.position: "posts",
    EntityKind.meeting: "events",
}
_DEFAULT_KIND = {
    "organizations": EntityKind.organization,
    "persons": EntityKind.person,
    "posts": EntityKind.position,
    "events": EntityKind.meeting,
}
#: Popolo's date fields for an entity's validity, per collection (persons have none
#: that mean "valid": their validity goes to the extension).
_DATES = {
    "organizations": ("founding_date", "dissolution_date"),
    "posts": ("start_date", "end_date"),
    "events": ("start_date", "end_date"),
}
_NAME_FIELD = {"posts": "label"}
EXTENSION = "govgraph"


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and not any(c.isspace() for c in text)


def _names(entity: Entity) -> list[dict[str, str]]:
    names = []
    for field, text in (("name", entity.name), ("acronym", entity.acronym)):
        if text is None:
            continue
        for lang in ("en", "fr"):
            value = getattr(text, lang)
            if value is not None:
                names.append({"name": value, "note": f"{field}@{lang}"})
    return names


def _entity_record(entity: Entity, collection: str) -> dict[str, Any]:
    document = entity.model_dump(mode="json", exclude_defaults=True)
    record: dict[str, Any] = {
        "id": entity.id,
        _NAME_FIELD.get(collection, "name"): entity.label("en"),
        "other_names": _names(entity),
    }
    native = {"id", "kind", "name", "acronym", "identifiers"}
    if collection != "persons":
        record["classification"] = entity.kind.value
    if collection in _DATES:
        start, end = _DATES[collection]
        if entity.valid_from is not None:
            record[start] = entity.valid_from
        if entity.valid_to is not None:
            record[end] = entity.valid_to
        native |= {"valid_from", "valid_to"}
    if collection == "persons" and entity.description is not None:
        record["summary"] = entity.describe("en")
        if isinstance(entity.description, str):
            native.add("description")  # else the extension keeps both languages
    if entity.identifiers:
        record["identifiers"] = [
            {"scheme": scheme, "identifier": value} for scheme, value in entity.identifiers.items()
        ]
    if entity.source is not None and _is_url(entity.source):
        record["sources"] = [{"url": entity.source}]
    extension = {key: value for key, value in document.items() if key not in native}
    if extension:
        record[EXTENSION] = extension
    return record


def _first_targets(model: GovernanceModel) -> dict[RelationType, dict[str, str]]:
    """For REPORTS_TO (formal), PART_OF and MEMBER_OF: each source's first target, in
    one pass over the relationships."""
    first: dict[RelationType, dict[str, str]] = {
        RelationType.REPORTS_TO: {},
        RelationType.PART_OF: {},
        RelationType.MEMBER_OF: {},
        RelationType.HELD: {},
    }
    for rel in model.relationships:
        targets = first.get(rel.type)
        if targets is not None and rel.formal is not False:
            if rel.type is RelationType.HELD:
                targets.setdefault(rel.to, rel.from_)  # a meeting's holder
            else:
                targets.setdefault(rel.from_, rel.to)
    return first


def to_popolo(model: GovernanceModel) -> dict[str, Any]:
    """The model as a Popolo JSON document (see the module docstring)."""
    document: dict[str, Any] = {
        "organizations": [],
        "persons": [],
        "posts": [],
        "events": [],
        "memberships": [],
    }
    kinds = {entity.id: entity.kind for entity in model.entities}
    others: list[dict[str, Any]] = []
    first = _first_targets(model)
    held = first[RelationType.HELD]
    for entity in model.entities:
        collection = COLLECTIONS.get(entity.kind)
        if collection is None:
            others.append(entity.model_dump(mode="json", exclude_defaults=True))
            continue
        record = _entity_record(entity, collection)
        if collection == "organizations":
            parent = first[RelationType.REPORTS_TO].get(entity.id) or first[
                RelationType.PART_OF
            ].get(entity.id)
            if parent is not None:
                record["parent_id"] = parent
        elif collection == "posts":
            body = first[RelationType.MEMBER_OF].get(entity.id)
            if body is not None:
                record["organization_id"] = body
        elif collection == "events" and entity.id in held:
            record["organization_id"] = held[entity.id]
        document[collection].append(record)
    relationships = []
    for rel in model.relationships:
        rel_doc = rel.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        if rel.type is not RelationType.MEMBER_OF:
            relationships.append(rel_doc)
            continue
        membership: dict[str, Any] = {"organization_id": rel.to}
        member_kind = kinds.get(rel.from_)
        if member_kind is EntityKind.person:
            membership["person_id"] = rel.from_
        elif member_kind is EntityKind.position:
            membership["post_id"] = rel.from_
        else:
            membership["member"] = {"@type": "Organization", "id": rel.from_}
        membership["role"] = str(rel.role)
        if rel.valid_from is not None:
            membership["start_date"] = rel.valid_from
        if rel.valid_to is not None:
            membership["end_date"] = rel.valid_to
        if rel.source is not None and _is_url(rel.source):
            membership["sources"] = [{"url": rel.source}]
        native = {"from", "type", "to", "role", "valid_from", "valid_to"}
        extension = {key: value for key, value in rel_doc.items() if key not in native}
        if extension:
            membership[EXTENSION] = extension
        document["memberships"].append(membership)
    meta = model.to_document()
    extension = {k: meta[k] for k in ("title", "description", "rules") if k in meta}
    extension["entities"] = others
    extension["relationships"] = relationships
    document[EXTENSION] = {"version": 1, **extension}
    return document


# ── import ───────────────────────────────────────────────────────────────────────────


def _text_of(names: list[Any], field: str) -> dict[str, str]:
    result = {}
    for item in names:
        if isinstance(item, dict):
            note = str(item.get("note", ""))
            for lang in ("en", "fr"):
                if note == f"{field}@{lang}" and isinstance(item.get("name"), str):
                    result[lang] = item["name"]
    return result


def _entity_from(record: Any, collection: str) -> dict[str, Any]:
    if not isinstance(record, dict):
        return {"id": record}  # the model names what is wrong
    extension = record.get(EXTENSION) or {}
    entity: dict[str, Any] = {"id": record.get("id")}
    if collection == "persons":
        entity["kind"] = EntityKind.person.value
    else:
        classification = record.get("classification")
        known = {kind.value for kind in EntityKind}
        entity["kind"] = (
            classification
            if classification in known or EXTENSION in record
            else _DEFAULT_KIND[collection].value
        )
    names = record.get("other_names") or []
    name = _text_of(names, "name")
    if not name:
        display = record.get(_NAME_FIELD.get(collection, "name"))
        name = {"en": display} if display is not None else {}
    entity["name"] = name
    acronym = _text_of(names, "acronym")
    if acronym:
        entity["acronym"] = acronym
    if collection in _DATES:
        start, end = _DATES[collection]
        for field, key in (("valid_from", start), ("valid_to", end)):
            if record.get(key) is not None:
                entity[field] = record[key]
    if collection == "persons" and record.get("summary") is not None:
        entity["description"] = record["summary"]
    identifiers = record.get("identifiers") or []
    if identifiers:
        entity["identifiers"] = {
            str(item.get("scheme")): item.get("identifier")
            for item in identifiers
            if isinstance(item, dict)
        }
    sources = record.get("sources") or []
    if sources and isinstance(sources[0], dict) and "url" in sources[0]:
        entity["source"] = sources[0]["url"]
    entity.update(extension)
    return entity


def _membership_from(record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        return {"from": record}
    member = record.get("person_id") or record.get("post_id")
    if member is None and isinstance(record.get("member"), dict):
        member = record["member"].get("id")
    rel: dict[str, Any] = {
        "from": member,
        "type": RelationType.MEMBER_OF.value,
        "to": record.get("organization_id"),
    }
    role = record.get("role")
    if isinstance(role, str) and role.strip():
        rel["role"] = role.strip().lower().replace(" ", "_").replace("-", "_")
    for field, key in (("valid_from", "start_date"), ("valid_to", "end_date")):
        if record.get(key) is not None:
            rel[field] = record[key]
    sources = record.get("sources") or []
    if sources and isinstance(sources[0], dict) and "url" in sources[0]:
        rel["source"] = sources[0]["url"]
    rel.update(record.get(EXTENSION) or {})
    return rel


_FIELD_KEYS = {
    "kind": "classification",
    "valid_from": "founding_date",
    "valid_to": "dissolution_date",
    "from": "person_id",
    "to": "organization_id",
}


#: The JSON type each Popolo field read must have (``None`` allowed everywhere).
_RECORD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "name": str,
    "label": str,
    "classification": str,
    "summary": str,
    "founding_date": str,
    "dissolution_date": str,
    "start_date": str,
    "end_date": str,
    "parent_id": str,
    "person_id": str,
    "post_id": str,
    "organization_id": str,
    "role": str,
    "member": dict,
    "other_names": list,
    "identifiers": list,
    "sources": list,
    EXTENSION: dict,
}
#: Fields holding a list of objects, and the type of each of their fields.
_ITEM_TYPES: dict[str, dict[str, type]] = {
    "other_names": {"name": str, "note": str},
    "identifiers": {"scheme": str, "identifier": str},
    "sources": {"url": str},
}
_TYPE_NAMES = {str: "text", dict: "an object", list: "a list"}


def _check_shape(document: dict[str, Any], origin: str, text: Callable[[], str] | None) -> None:
    """Raise ``InputError`` (file, line, Popolo field) at the first field of a type the
    reader cannot use, e.g. ``classification: [[...]]`` or ``other_names: 12345``."""

    def fail(path: DocPath, expected: type | tuple[type, ...]) -> InputError:
        found = locate_lines(text(), [path]) if text is not None else {}
        names = expected if isinstance(expected, tuple) else (expected,)
        what = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in names)
        return InputError(
            f"must be {what}", file=origin, line=found.get(path), field=_field_name(path)
        )

    extension = document.get(EXTENSION)
    if extension is not None and not isinstance(extension, dict):
        raise fail((EXTENSION,), dict)
    for key in ("entities", "relationships"):
        value = extension.get(key) if isinstance(extension, dict) else None
        if value is not None and not isinstance(value, list):
            raise fail((EXTENSION, key), list)
    for collection in ("organizations", "persons", "posts", "events", "memberships"):
        records = document.get(collection)
        if records is None:
            continue
        if not isinstance(records, list):
            raise fail((collection,), list)
        for index, record in enumerate(records):
            if not isinstance(record, dict):
                raise fail((collection, index), dict)
            for field, expected in _RECORD_TYPES.items():
                value = record.get(field)
                if value is not None and not isinstance(value, expected):
                    raise fail((collection, index, field), expected)
            for field, item_types in _ITEM_TYPES.items():
                for number, item in enumerate(record.get(field) or []):
                    if not isinstance(item, dict):
                        raise fail((collection, index, field, number), dict)
                    for key, expected in item_types.items():
                        if item.get(key) is not None and not isinstance(item[key], expected):
                            raise fail((collection, index, field, number, key), expected)
            member = record.get("member")
            if isinstance(member, dict) and not isinstance(member.get("id", ""), str):
                raise fail((collection, index, "member", "id"), str)


def from_popolo_raw(document: Any, origin: str, text: Callable[[], str] | None = None) -> RawModel:
    """A ``RawModel`` of a Popolo document; ``text`` (giving the JSON, called only when
    something must be reported) lets errors name lines."""
    if not isinstance(document, dict):
        raise InputError("expected a Popolo JSON object", file=origin, line=1)
    _check_shape(document, origin, text)
    extension = document.get(EXTENSION) or {}
    if not isinstance(extension, dict):
        raise InputError("the 'govgraph' extension must be an object", file=origin, line=1)
    entities: list[Any] = []
    relationships: list[Any] = []
    paths: dict[str, list[DocPath]] = {"entities": [], "relationships": []}
    for collection in ("organizations", "persons", "posts", "events"):
        records = document.get(collection) or []
        if not isinstance(records, list):
            raise InputError(f"{collection!r} must be a list", file=origin, line=1)
        for index, record in enumerate(records):
            entities.append(_entity_from(record, collection))
            paths["entities"].append((collection, index))
    for index, record in enumerate(extension.get("entities") or []):
        entities.append(record)
        paths["entities"].append((EXTENSION, "entities", index))
    for index, record in enumerate(document.get("memberships") or []):
        relationships.append(_membership_from(record))
        paths["relationships"].append(("memberships", index))
    for index, record in enumerate(extension.get("relationships") or []):
        relationships.append(record)
        paths["relationships"].append((EXTENSION, "relationships", index))
    # parent_id from a Popolo file of elsewhere: a formal line the extension does not hold
    lines = {
        (r.get("from"), r.get("to"))
        for r in relationships
        if isinstance(r, dict) and r.get("type") in ("REPORTS_TO", "PART_OF")
    }
    for index, record in enumerate(document.get("organizations") or []):
        if isinstance(record, dict) and record.get("parent_id"):
            pair = (record.get("id"), record["parent_id"])
            if pair not in lines:
                relationships.append({"from": pair[0], "type": "REPORTS_TO", "to": pair[1]})
                paths["relationships"].append(("organizations", index, "parent_id"))
    result: dict[str, Any] = {"entities": entities, "relationships": relationships}
    for key in ("title", "description", "rules"):
        if key in extension:
            result[key] = extension[key]

    def locate(doc_paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        wanted: dict[DocPath, DocPath] = {}
        for doc_path in doc_paths:
            section = doc_path[0] if doc_path else None
            if section in paths and len(doc_path) > 1 and isinstance(doc_path[1], int):
                base = paths[str(section)][doc_path[1]]
                rest = doc_path[2:3]
                if rest and base[0] != EXTENSION:
                    rest = (_FIELD_KEYS.get(str(rest[0]), rest[0]),)
                wanted[doc_path] = (*base, *rest)
            else:
                wanted[doc_path] = (EXTENSION, *doc_path)
        found = locate_lines(text(), list(wanted.values())) if text is not None else {}
        return {
            doc_path: Location(
                origin,
                found.get(json_path),
                _field_name(json_path),
            )
            for doc_path, json_path in wanted.items()
        }

    return RawModel(document=result, origin=origin, locate=locate)


def from_popolo(document: dict[str, Any]) -> GovernanceModel:
    """The model a Popolo document holds (validated, not rule-checked)."""
    return model_from_raw(from_popolo_raw(document, "<popolo>"))


def read_popolo(path: str | Path) -> RawModel:
    """Read a ``.popolo.json`` file (errors name the line and the Popolo field)."""
    path = Path(path)
    raw = read_document(path)  # a JSON document: parse errors name the line
    return from_popolo_raw(
        raw.document, raw.origin, text=lambda: path.read_text(encoding="utf-8-sig")
    )


def write_popolo(model: GovernanceModel, path: str | Path) -> None:
    """Write the model as Popolo JSON, atomically."""
    document = to_popolo(model)

    def write(handle: Any) -> None:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.write("\n")

    atomic_write(path, write)
