"""What changed between two models, classified: created, abolished, merged,
transferred, renamed, modified.

Records the two models share (the same objects, as ``apply_scenario`` leaves them) are
skipped by identity, so the diff of a large model after a small change costs one pass
of set look-ups, not a comparison of every field; nothing at all when ``after`` came
from ``apply_scenario(before, ...)``, which keeps the records it changed.

>>> from govgraph.model import GovernanceModel
>>> before = GovernanceModel.model_validate({"entities": [
...     {"id": "jc", "kind": "council", "name": {"en": "JC"}},
...     {"id": "p", "kind": "council", "name": {"en": "P"}},
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "p"}]})
>>> after = GovernanceModel.model_validate({"entities": before.to_document()["entities"],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> [(c.kind, c.entity, c.details["from"], c.details["to"]) for c in diff_models(before, after)]
[('transferred', 'wg', ['p'], ['jc'])]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from govgraph.dates import date_bounds
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.scenarios._index import delta_between
from govgraph.vocabulary import RelationType

__all__ = ["CHANGE_KINDS", "Change", "classify", "diff_models", "line_text"]

#: The classes of change, in report order.
CHANGE_KINDS = ("created", "abolished", "merged", "transferred", "renamed", "modified")


@dataclass(frozen=True)
class Change:
    """One classified change to one entity; ``details`` is plain, JSON-ready data:
    ``from``/``to`` parents (transferred), ``into`` (merged), ``ended`` (abolished),
    ``old``/``new`` names (renamed), ``attributes`` ``{key: [old, new]}`` and
    ``lines_added``/``lines_ended`` (modified)."""

    kind: str
    entity: str
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "entity": self.entity, **self.details}


def line_text(rel: Relationship) -> str:
    """A relationship as a short line: ``wg REPORTS_TO jc`` (with its qualifier).

    >>> line_text(Relationship.model_validate(
    ...     {"from": "a", "type": "ENGAGES_WITH", "to": "b", "level": "exchange"}))
    'a ENGAGES_WITH(exchange) b'
    """
    qualifier = rel.role or rel.level or rel.service
    if rel.type is RelationType.REPORTS_TO and rel.formal is False:
        qualifier = "informal"
    name = f"{rel.type.value}({qualifier})" if qualifier else rel.type.value
    return f"{rel.from_} {name} {rel.to}"


def _ends_earlier(old: str | None, new: str | None) -> bool:
    if new is None:
        return False
    return old is None or date_bounds(new)[1] < date_bounds(old)[1]


def _plain(description: str | LocalizedText | None) -> str | dict[str, str] | None:
    """A description as plain data (the ``{en, fr}`` form as a dict)."""
    if isinstance(description, LocalizedText):
        return description.model_dump(exclude_none=True)
    return description


def diff_models(before: GovernanceModel, after: GovernanceModel) -> list[Change]:
    """The classified changes from ``before`` to ``after`` (one per entity and class),
    ordered by class then id. A relationship that ends (gets an earlier ``valid_to``)
    or disappears counts as ended; one that appears counts as added."""
    delta = delta_between(before, after)
    return classify(
        delta.old_entities, delta.new_entities, delta.old_relationships, delta.new_relationships
    )


def classify(
    old_entities: list[Entity],
    new_entities: list[Entity],
    old_rels: list[Relationship],
    new_rels: list[Relationship],
) -> list[Change]:
    """The classified changes, given the records only the old model holds and those
    only the new one holds (see ``diff_models``)."""
    old_by_id = {e.id: e for e in old_entities}
    new_by_id = {e.id: e for e in new_entities}
    old_by_key = {(r.from_, r.to, r.key): r for r in old_rels}
    ended: list[Relationship] = []
    added: list[Relationship] = []
    for rel in new_rels:
        old = old_by_key.pop((rel.from_, rel.to, rel.key), None)
        if old is None:
            added.append(rel)
        elif old != rel and _ends_earlier(old.valid_to, rel.valid_to):
            ended.append(old)
    ended += old_by_key.values()

    changes: dict[tuple[str, str], Change] = {}
    for entity_id, entity in new_by_id.items():
        old_entity = old_by_id.get(entity_id)
        if old_entity is None:
            changes["created", entity_id] = Change(
                "created", entity_id, {"kind": entity.kind.value, "name": _names(entity)}
            )
            continue
        if _ends_earlier(old_entity.valid_to, entity.valid_to):
            changes["abolished", entity_id] = Change(
                "abolished", entity_id, {"ended": entity.valid_to}
            )
        if old_entity.name != entity.name or old_entity.acronym != entity.acronym:
            changes["renamed", entity_id] = Change(
                "renamed", entity_id, {"old": _names(old_entity), "new": _names(entity)}
            )
        attributes = {
            key: [old_entity.attributes.get(key), entity.attributes.get(key)]
            for key in sorted(old_entity.attributes.keys() | entity.attributes.keys())
            if key != "assumptions" and old_entity.attributes.get(key) != entity.attributes.get(key)
        }
        if attributes or old_entity.description != entity.description:
            details: dict[str, Any] = {"attributes": attributes}
            if old_entity.description != entity.description:
                details["description"] = [
                    _plain(old_entity.description),
                    _plain(entity.description),
                ]
            changes["modified", entity_id] = Change("modified", entity_id, details)
    for entity_id in old_by_id.keys() - new_by_id.keys():
        changes["abolished", entity_id] = Change("abolished", entity_id, {"ended": "removed"})

    for rel in added:  # a new SUCCEEDS line to an abolished body: it was merged
        if rel.type is RelationType.SUCCEEDS and ("abolished", rel.to) in changes:
            previous = changes.pop(("abolished", rel.to))
            changes["merged", rel.to] = Change(
                "merged", rel.to, {"into": rel.from_, "ended": previous.details.get("ended")}
            )

    old_parents: dict[str, list[str]] = defaultdict(list)
    new_parents: dict[str, list[str]] = defaultdict(list)
    for rels, parents in ((ended, old_parents), (added, new_parents)):
        for rel in rels:
            if rel.is_formal_line:
                parents[rel.from_].append(rel.to)
    gone = {entity for kind, entity in changes if kind in ("abolished", "merged", "created")}
    for body in sorted(old_parents.keys() | new_parents.keys()):
        if body in gone or sorted(old_parents[body]) == sorted(new_parents[body]):
            continue
        changes["transferred", body] = Change(
            "transferred", body, {"from": old_parents[body], "to": new_parents[body]}
        )

    lines: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rels, label in ((added, "lines_added"), (ended, "lines_ended")):
        for rel in rels:
            if rel.is_formal_line and ("transferred", rel.from_) in changes:
                continue
            owner = rel.to if rel.type in _OWNED_BY_TARGET else rel.from_
            if owner in gone:
                continue
            lines[owner][label].append(line_text(rel))
    for owner, found in lines.items():
        change = changes.get(("modified", owner))
        details = dict(change.details) if change else {}
        details.update({key: sorted(values) for key, values in found.items()})
        changes["modified", owner] = Change("modified", owner, details)

    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    return sorted(changes.values(), key=lambda c: (order[c.kind], c.entity))


#: Lines that describe their target (a body's members and support), not their source.
_OWNED_BY_TARGET = frozenset({RelationType.MEMBER_OF, RelationType.SUPPORTS})


def _names(entity: Entity) -> dict[str, str]:
    return entity.name.model_dump(exclude_none=True)
