"""Applying a scenario: a pure function from (model, scenario) to a new model.

Every operation is checked against the model as the operations before it left it; the
first problem raises ``ScenarioError`` naming the operation (``operations[2].move.to``),
the file and line when the scenario came from a file, and the reason. Nothing is
changed in the input model, which is immutable anyway.

With an ``effective`` date the history is kept: a replaced relationship gets
``valid_to`` the day before (at the date's precision: 2026 → 2025, 2026-04 → 2026-03),
its replacement ``valid_from`` the effective date, so ``as_of`` before the date shows the
old structure and after it the new one. Without one, replaced records are removed.

Only the records an operation touches are rebuilt: the cost is one pass to index the
relationships by entity, then proportional to the size of the change.

>>> from govgraph.model import GovernanceModel
>>> from govgraph.scenarios.spec import parse_scenario
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council", "name": {"en": "JC"}},
...                  {"id": "pssdc", "kind": "council", "name": {"en": "PSSDC"}},
...                  {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "pssdc"}]})
>>> scenario = parse_scenario({"name": "QW", "effective": "2026",
...     "operations": [{"move": {"body": "wg", "to": "jc"}}]})
>>> after = apply_scenario(model, scenario)
>>> [(r.to, r.valid_from, r.valid_to) for r in after.relationships]
[('pssdc', None, '2025'), ('jc', '2026', None)]
>>> len(model.relationships)  # the input is unchanged
1
"""

from __future__ import annotations

import difflib
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from itertools import chain, compress
from typing import Any

from pydantic import ValidationError

from govgraph.dates import date_bounds, parse_as_of
from govgraph.errors import InputError
from govgraph.i18n import Phrase, quoted, text
from govgraph.i18n.validation import phrase_of
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.scenarios._index import Delta, RelIndex, record_delta
from govgraph.scenarios.spec import (
    Create,
    Dissolve,
    Link,
    Merge,
    Move,
    Rename,
    Scenario,
    Set,
    SetEngagement,
    Unlink,
)
from govgraph.temporal import holds_on
from govgraph.vocabulary import (
    BODY_KINDS,
    ENDPOINTS,
    HIERARCHY_TYPES,
    RelationType,
    is_hierarchy_line,
)

__all__ = ["ScenarioError", "apply_scenario", "day_before"]

REPORTS_TO, PART_OF = RelationType.REPORTS_TO, RelationType.PART_OF
#: A model with fewer entities than this is re-checked in full after applying, as a
#: safety net; larger ones rely on the per-operation checks.
FULL_CHECK_BELOW = 20_000


def _either(ids: list[str]) -> Callable[[str], str]:
    """``'a' or 'b'`` in a language (a ``Phrase`` value said when the error is shown)."""
    return lambda lang: text("error.or", lang).join(quoted(i, lang) for i in ids)


class ScenarioError(InputError):
    """An operation that cannot be applied; ``index`` is its position (0-based)."""

    def __init__(self, message: str | Phrase, *, index: int | None = None, **where: Any) -> None:
        self.index = index
        super().__init__(message, **where)


def day_before(text: str) -> str:
    """The partial date just before ``text``, at the same precision.

    >>> day_before("2026"), day_before("2026-01"), day_before("2026-03-01")
    ('2025', '2025-12', '2026-02-28')
    """
    previous = date_bounds(text)[0] - timedelta(days=1)
    precision = text.count("-")
    if precision == 0:
        return f"{previous.year:04d}"
    if precision == 1:
        return f"{previous.year:04d}-{previous.month:02d}"
    return previous.isoformat()


def _signature(rel: Relationship) -> tuple[Any, ...]:
    return (rel.from_, rel.to, rel.type, rel.formal, rel.role, rel.level, rel.service)


class _Work:
    """The model being changed: the original records plus the changes so far."""

    def __init__(self, model: GovernanceModel, scenario: Scenario) -> None:
        self.model = model
        self.scenario = scenario
        self.effective = scenario.effective
        self.day: date = parse_as_of(scenario.effective) if scenario.effective else date.today()
        self.ended_on = day_before(scenario.effective) if scenario.effective else None
        self.base = model.relationships
        self.entity_changes: dict[str, Entity | None] = {}
        self.new_entities: dict[str, Entity] = {}
        self.rel_changes: dict[int, Relationship | None] = {}
        self.added: list[Relationship | None] = []
        self.index = 0
        self.relindex = RelIndex.of(model)
        #: positions of the added relationships, by source and by target
        self.added_out: dict[str, list[int]] = defaultdict(list)
        self.added_in: dict[str, list[int]] = defaultdict(list)

    # ── reading the current state ────────────────────────────────────────────────────
    def entity(self, entity_id: str) -> Entity | None:
        if entity_id in self.entity_changes:
            return self.entity_changes[entity_id]
        if entity_id in self.new_entities:
            return self.new_entities[entity_id]
        return self.model.index.get(entity_id)

    def rel(self, pos: int) -> Relationship | None:
        if pos >= len(self.base):
            return self.added[pos - len(self.base)]
        if pos in self.rel_changes:
            return self.rel_changes[pos]
        return self.base[pos]

    def positions(self, entity_id: str, *, outgoing: bool) -> list[int]:
        """Positions of every relationship (ended or not) from or to an entity."""
        if outgoing:
            return self.relindex.out_of({entity_id})[entity_id] + self.added_out.get(entity_id, [])
        return self.relindex.into({entity_id})[entity_id] + self.added_in.get(entity_id, [])

    def prefetch(self, ids: set[str], *, outgoing: bool) -> None:
        """Find the relationships of several entities in one scan."""
        (self.relindex.out_of if outgoing else self.relindex.into)(ids)

    def active(self, fact: Entity | Relationship) -> bool:
        """Whether an entity or a relationship holds on the effective day."""
        return holds_on(fact, self.day)

    def lines(
        self, entity_id: str, *, outgoing: bool, types: Iterable[RelationType] | None = None
    ) -> list[tuple[int, Relationship]]:
        """The active relationships from (or to) an entity, optionally of some types."""
        wanted = frozenset(types) if types is not None else None
        result = []
        for pos in self.positions(entity_id, outgoing=outgoing):
            rel = self.rel(pos)
            if rel is None or not self.active(rel):
                continue
            if wanted is None or rel.type in wanted:
                result.append((pos, rel))
        return result

    def parents(self, entity_id: str, *, hierarchy: bool = False) -> list[str]:
        """Active formal REPORTS_TO parents (with ``hierarchy``: the parents in the
        hierarchy, ``govgraph.vocabulary.is_hierarchy_line``: PART_OF lines too)."""
        types = HIERARCHY_TYPES if hierarchy else (REPORTS_TO,)
        return [
            rel.to
            for _, rel in self.lines(entity_id, outgoing=True, types=types)
            if is_hierarchy_line(rel.type, rel.formal)
        ]

    def path_up(self, start: str, target: str, *, hierarchy: bool = False) -> list[str] | None:
        """A path ``start → ... → target`` up the (formal or whole) hierarchy, if any."""
        previous: dict[str, str | None] = {start: None}
        frontier = [start]
        while frontier:
            following = []
            self.prefetch(set(frontier), outgoing=True)
            for node in frontier:
                if node == target:
                    path = [node]
                    while previous[path[-1]] is not None:
                        path.append(previous[path[-1]])  # type: ignore[arg-type]
                    return path[::-1]
                for parent in self.parents(node, hierarchy=hierarchy):
                    if parent not in previous:
                        previous[parent] = node
                        following.append(parent)
            frontier = following
        return None

    # ── errors ───────────────────────────────────────────────────────────────────────
    def fail(self, message: Phrase, field: str | None = None) -> ScenarioError:
        op = self.scenario.operations[self.index]
        where = self.scenario.where(self.index, field)
        return ScenarioError(
            Phrase("scenario.operation", op=op.op, message=message), index=self.index, **where
        )

    def require(self, entity_id: str, field: str, *, body: bool = True) -> Entity:
        entity = self.entity(entity_id)
        if entity is None:
            ids = list(self.model.index.keys()) + list(self.new_entities)
            close = difflib.get_close_matches(entity_id, ids, n=3, cutoff=0.6)
            hint: Phrase | str = ""
            if close:
                hint = Phrase("scenario.did_you_mean", ids=_either(close))
            raise self.fail(Phrase("scenario.unknown_id", id=entity_id, hint=hint), field)
        if not self.active(entity):
            raise self.fail(
                Phrase(
                    "scenario.not_in_existence",
                    id=entity_id,
                    day=self.day.isoformat(),
                    start=entity.valid_from or "…",
                    end=entity.valid_to or "…",
                ),
                field,
            )
        if body and entity.kind not in BODY_KINDS:
            raise self.fail(
                Phrase("scenario.not_a_body", id=entity_id, kind=entity.kind.value), field
            )
        return entity

    # ── changing ─────────────────────────────────────────────────────────────────────
    def _set_rel(self, pos: int, rel: Relationship | None) -> None:
        if pos >= len(self.base):
            self.added[pos - len(self.base)] = rel
        else:
            self.rel_changes[pos] = rel

    def end_rel(self, pos: int) -> None:
        rel = self.rel(pos)
        if rel is None:
            return
        if self.ended_on is None or (rel.valid_from and date_bounds(rel.valid_from)[0] >= self.day):
            self._set_rel(pos, None)
        else:
            self._set_rel(pos, rel.model_copy(update={"valid_to": self.ended_on}))

    def source(self, note: str = "") -> str:
        name = self.scenario.name.get("en")
        return f"Scenario {name!r}, operations[{self.index}]{note}"

    def add_rel(self, fields: dict[str, Any], field: str | None = None) -> Relationship | None:
        """Add a relationship (``None`` when an equal active one exists: collapsed)."""
        fields = {k: v for k, v in fields.items() if v is not None and v != () and v != {}}
        if self.effective and "valid_from" not in fields:
            fields["valid_from"] = self.effective
        fields.setdefault("source", self.source())
        try:
            rel = Relationship.model_validate(fields)
        except ValidationError as exc:
            raise self.fail(phrase_of(exc.errors(include_url=False)[0]), field) from None
        source, target = self.entity(rel.from_), self.entity(rel.to)
        for entity, side, end in ((source, "from", rel.from_), (target, "to", rel.to)):
            if entity is None:
                raise self.fail(Phrase("scenario.unknown_id", id=end, hint=""), field or side)
        assert source is not None and target is not None
        sources, targets = ENDPOINTS[rel.type]
        if source.kind not in sources or target.kind not in targets:
            raise self.fail(
                Phrase(
                    "scenario.endpoints",
                    type=rel.type.value,
                    source=source.kind.value,
                    target=target.kind.value,
                ),
                field,
            )
        if rel.from_ == rel.to:
            return None
        signature = _signature(rel)
        for pos in self.positions(rel.from_, outgoing=True):
            other = self.rel(pos)
            if other is None or other.to != rel.to:
                continue
            same = _signature(other) == signature
            if same and self.active(other):
                return None  # duplicates collapse
            if other.key == rel.key:
                if same:
                    return None
                raise self.fail(
                    Phrase(
                        "scenario.repeated_key",
                        type=rel.type.value,
                        source=rel.from_,
                        target=rel.to,
                        key=rel.key,
                    ),
                    field,
                )
        pos = len(self.base) + len(self.added)
        self.added.append(rel)
        self.added_out[rel.from_].append(pos)
        self.added_in[rel.to].append(pos)
        return rel

    def carry(self, pos: int, *, from_: str | None = None, to: str | None = None) -> None:
        """Move one end of a relationship to another entity (end the old, add the new)."""
        rel = self.rel(pos)
        assert rel is not None
        fields = rel.model_dump(by_alias=True, exclude_none=True)
        fields["from"] = from_ or rel.from_
        fields["to"] = to or rel.to
        self.end_rel(pos)
        if self.effective:
            fields["valid_from"] = self.effective
            if rel.valid_to and date_bounds(rel.valid_to)[1] < self.day:
                fields.pop("valid_to")
        moved = rel.from_ if from_ else rel.to
        fields["source"] = self.source(f" (carried over from {moved!r})")
        self.add_rel(fields)

    def end_entity(self, entity_id: str) -> None:
        entity = self.entity(entity_id)
        assert entity is not None
        remove = self.ended_on is None or (
            entity.valid_from is not None and date_bounds(entity.valid_from)[0] >= self.day
        )
        for pos in [
            *self.positions(entity_id, outgoing=True),
            *self.positions(entity_id, outgoing=False),
        ]:
            rel = self.rel(pos)
            if rel is None:
                continue
            if remove:
                self._set_rel(pos, None)
            elif self.active(rel):
                self.end_rel(pos)
        if remove:
            self.new_entities.pop(entity_id, None)
            self.entity_changes[entity_id] = None
        else:
            self.replace_entity(entity.model_copy(update={"valid_to": self.ended_on}))

    def replace_entity(self, entity: Entity) -> None:
        if entity.id in self.new_entities:
            self.new_entities[entity.id] = entity
        else:
            self.entity_changes[entity.id] = entity

    def check_cycle(self, child: str, parent: str, field: str, *, hierarchy: bool) -> None:
        path = self.path_up(parent, child, hierarchy=hierarchy)
        if path is not None:
            cycle = " → ".join([child, *path])
            raise self.fail(
                Phrase("scenario.cycle", child=child, parent=parent, cycle=cycle), field
            )

    # ── the result ───────────────────────────────────────────────────────────────────
    def result(self) -> GovernanceModel:
        """The new model: the original records with the changes, by C-level copies (the
        cost of a large model is a list copy, not a Python loop over every record).
        What it does not share with the original is kept with it (``record_delta``)."""
        entities: list[Entity | None] = list(self.model.entities)
        old_entities: list[Entity] = []
        if self.entity_changes:
            changed = set(self.entity_changes)
            ids = map(operator.attrgetter("id"), entities)
            for pos in compress(range(len(entities)), map(changed.__contains__, ids)):
                old_entities.append(entities[pos])  # type: ignore[arg-type]
                entities[pos] = self.entity_changes[entities[pos].id]  # type: ignore[union-attr]
        new_entities = [e for e in self.entity_changes.values() if e is not None]
        new_entities += self.new_entities.values()
        entities += self.new_entities.values()
        relationships: list[Relationship | None] = list(self.base)
        old_rels = [self.base[pos] for pos in self.rel_changes]
        for pos, rel in self.rel_changes.items():
            relationships[pos] = rel
        relationships += self.added
        new_rels = [r for r in chain(self.rel_changes.values(), self.added) if r is not None]
        after = GovernanceModel.model_construct(
            title=self.model.title,
            description=self.model.description,
            entities=tuple(filter(None, entities)),
            relationships=tuple(filter(None, relationships)),
            rules=self.model.rules,
        )
        record_delta(self.model, after, Delta(old_entities, new_entities, old_rels, new_rels))
        return after


# ── the operations ───────────────────────────────────────────────────────────────────


def _move(work: _Work, op: Move) -> None:
    work.require(op.body, "body")
    work.require(op.to, "to")
    if op.body == op.to:
        raise work.fail(Phrase("scenario.report_to_itself", id=op.body), "to")
    if op.formal:
        work.check_cycle(op.body, op.to, "to", hierarchy=True)
    current = [
        (pos, rel)
        for pos, rel in work.lines(op.body, outgoing=True, types=(REPORTS_TO,))
        if bool(rel.formal) == op.formal
    ]
    if [rel.to for _, rel in current] == [op.to]:
        return  # already there
    for pos, _ in current:
        work.end_rel(pos)
    work.add_rel({"from": op.body, "type": REPORTS_TO, "to": op.to, "formal": op.formal}, "to")


def _merge(work: _Work, op: Merge) -> None:
    target = work.entity(op.into)
    bodies = []
    for body in op.bodies:
        work.require(body, "bodies")
        if body != op.into and body not in bodies:
            bodies.append(body)
    merged = set(bodies)
    if target is None:
        if op.name is None:
            work.require(op.into, "into")  # unknown id, with suggestions
        kind = op.kind or work.entity(bodies[0]).kind  # type: ignore[union-attr]
        fields: dict[str, Any] = {"id": op.into, "kind": kind, "name": op.name}
        if op.acronym:
            fields["acronym"] = op.acronym
        if op.description:
            fields["description"] = op.description
        _create_entity(work, fields, "into")
    else:
        work.require(op.into, "into")
        for body in bodies:
            path = work.path_up(op.into, body, hierarchy=True)
            if path is not None:
                raise work.fail(
                    Phrase(
                        "scenario.merge_into_descendant",
                        id=body,
                        into=op.into,
                        path=" → ".join(path),
                    ),
                    "into",
                )
    keep_parents = target is None and op.reports_to is None
    if op.reports_to is not None:
        work.require(op.reports_to, "reports_to")
        if work.entity(op.into) is not None and target is not None:
            work.check_cycle(op.into, op.reports_to, "reports_to", hierarchy=True)
        work.add_rel({"from": op.into, "type": REPORTS_TO, "to": op.reports_to}, "reports_to")
    for body in bodies:
        for outgoing in (True, False):
            for pos, rel in work.lines(body, outgoing=outgoing):
                other = rel.to if outgoing else rel.from_
                internal = other in merged or other == op.into
                upward = outgoing and rel.type in HIERARCHY_TYPES and not keep_parents
                if internal or upward or rel.type is RelationType.SUCCEEDS:
                    work.end_rel(pos)
                elif outgoing:
                    work.carry(pos, from_=op.into)
                else:
                    work.carry(pos, to=op.into)
        work.end_entity(body)
        if work.effective:
            work.add_rel({"from": op.into, "type": RelationType.SUCCEEDS, "to": body})


def _dissolve(work: _Work, op: Dissolve) -> None:
    work.require(op.body, "body")
    children = work.lines(op.body, outgoing=False, types=HIERARCHY_TYPES)
    if children and op.children_to is None:
        names = ", ".join(sorted({rel.from_ for _, rel in children}))
        raise work.fail(
            Phrase("scenario.children_left", id=op.body, n=len(children), names=names),
            "children_to",
        )
    for field, destination in (
        ("children_to", op.children_to),
        ("members_to", op.members_to),
        ("priorities_to", op.priorities_to),
    ):
        if destination is not None:
            work.require(destination, field)
            if destination == op.body:
                raise work.fail(Phrase("scenario.hand_to_itself", id=op.body), field)
    if op.children_to is not None:
        path = work.path_up(op.children_to, op.body, hierarchy=True)
        if path is not None:
            raise work.fail(
                Phrase(
                    "scenario.children_to_below",
                    target=op.children_to,
                    id=op.body,
                    path=" → ".join(path),
                ),
                "children_to",
            )
        for pos, _ in children:
            work.carry(pos, to=op.children_to)
    if op.members_to is not None:
        for pos, _ in work.lines(op.body, outgoing=False, types=(RelationType.MEMBER_OF,)):
            work.carry(pos, to=op.members_to)
    if op.priorities_to is not None:
        for pos, _ in work.lines(op.body, outgoing=True, types=(RelationType.ADVANCES,)):
            work.carry(pos, from_=op.priorities_to)
    work.end_entity(op.body)


def _create_entity(work: _Work, fields: dict[str, Any], field: str) -> Entity:
    entity_id = fields["id"]
    if entity_id in work.model.index or entity_id in work.new_entities:
        raise work.fail(Phrase("scenario.id_exists", id=entity_id), field)
    if work.effective:
        fields["valid_from"] = work.effective
    fields.setdefault("source", work.source())
    try:
        entity = Entity.model_validate({k: v for k, v in fields.items() if v is not None})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise work.fail(phrase_of(error), field) from None
    work.new_entities[entity_id] = entity
    return entity


def _create(work: _Work, op: Create) -> None:
    fields = op.model_dump(exclude={"reports_to", "part_of"}, exclude_defaults=True)
    _create_entity(work, fields, "id")
    for field, rel_type, parent in (
        ("reports_to", REPORTS_TO, op.reports_to),
        ("part_of", PART_OF, op.part_of),
    ):
        if parent is not None:
            work.require(parent, field)
            work.add_rel({"from": op.id, "type": rel_type, "to": parent}, field)


def _rename(work: _Work, op: Rename) -> None:
    entity = work.require(op.id, "id", body=False)
    update: dict[str, Any] = {}
    if op.name is not None:
        update["name"] = op.name
    if op.acronym is not None:
        update["acronym"] = op.acronym
    work.replace_entity(entity.model_copy(update=update))


def _set(work: _Work, op: Set) -> None:
    entity = work.require(op.id, "id", body=False)
    attributes = dict(entity.attributes)
    for key, value in op.attributes.items():
        if value is None:
            attributes.pop(key, None)
        else:
            attributes[key] = value
    assumed = attributes.get("assumptions")
    if isinstance(assumed, list):  # a value the scenario sets is no longer an assumption
        kept = [a for a in assumed if a not in op.attributes]
        if kept:
            attributes["assumptions"] = kept
        else:
            attributes.pop("assumptions")
    document = entity.model_dump(exclude_none=True)
    document["attributes"] = attributes
    if op.description is not None:
        document["description"] = op.description
    try:
        work.replace_entity(Entity.model_validate(document))
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        raise work.fail(phrase_of(error), "attributes") from None


def _link(work: _Work, op: Link) -> None:
    work.require(op.from_, "from", body=False)
    work.require(op.to, "to", body=False)
    fields = op.model_dump(by_alias=True, exclude_defaults=True)
    if op.from_ == op.to:
        raise work.fail(
            Phrase("scenario.link_to_itself", type=op.type.value, source=op.from_), "to"
        )
    if is_hierarchy_line(op.type, op.formal):
        work.check_cycle(op.from_, op.to, "to", hierarchy=True)
    if work.add_rel(fields, "type") is None:
        raise work.fail(
            Phrase("scenario.line_exists", source=op.from_, type=op.type.value, target=op.to)
        )


def _unlink(work: _Work, op: Unlink) -> None:
    work.require(op.from_, "from", body=False)
    work.require(op.to, "to", body=False)
    matches = [
        pos
        for pos, rel in work.lines(op.from_, outgoing=True, types=(op.type,))
        if rel.to == op.to
        and (op.role is None or rel.role == op.role)
        and (op.service is None or rel.service == op.service)
    ]
    if not matches:
        raise work.fail(
            Phrase("scenario.no_line", type=op.type.value, source=op.from_, target=op.to)
        )
    for pos in matches:
        work.end_rel(pos)


def _set_engagement(work: _Work, op: SetEngagement) -> None:
    work.require(op.from_, "from")
    work.require(op.to, "to")
    current = [
        (pos, rel)
        for pos, rel in work.lines(op.from_, outgoing=True, types=(RelationType.ENGAGES_WITH,))
        if rel.to == op.to
    ]
    if [rel.level for _, rel in current] == [op.level]:
        return
    for pos, _ in current:
        work.end_rel(pos)
    work.add_rel(
        {"from": op.from_, "type": RelationType.ENGAGES_WITH, "to": op.to, "level": op.level},
        "level",
    )


_HANDLERS: dict[type, Any] = {
    Move: _move,
    Merge: _merge,
    Dissolve: _dissolve,
    Create: _create,
    Rename: _rename,
    Set: _set,
    Link: _link,
    Unlink: _unlink,
    SetEngagement: _set_engagement,
}


def apply_scenario(model: GovernanceModel, scenario: Scenario) -> GovernanceModel:
    """The model after the scenario's operations, applied in order. The input is not
    changed. Raises ``ScenarioError`` (exit code 2) for the first operation that cannot
    be applied, naming its index and the reason."""
    work = _Work(model, scenario)
    for index, op in enumerate(scenario.operations):
        work.index = index
        _HANDLERS[type(op)](work, op)
    result = work.result()
    if len(result.entities) < FULL_CHECK_BELOW:
        _full_check(model, result, scenario)
    return result


def _full_check(before: GovernanceModel, after: GovernanceModel, scenario: Scenario) -> None:
    from govgraph.checks import check_model

    had = {(f.code, f.entities) for f in check_model(before) if f.is_error}
    new = [f for f in check_model(after) if f.is_error and (f.code, f.entities) not in had]
    if new:
        raise ScenarioError(
            Phrase(
                "scenario.makes_invalid",
                code=new[0].code,
                message=new[0].message,
            ),
            file=scenario._origin,
        )
