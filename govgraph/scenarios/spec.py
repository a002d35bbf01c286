"""Scenario files: a named, dated, ordered list of reorganisation operations.

A scenario is one YAML (or JSON) document, reviewable in a pull request::

    name: {en: Quick wins, fr: Gains rapides}
    effective: 2026-04-01
    operations:
      - move: {body: data-driven-intelligence-wg, to: joint-councils}
      - set: {id: joint-councils, attributes: {meeting_days: 1.5}}

Each operation is a mapping with exactly one key, the operation's name. Unknown
operations and unknown fields are errors naming the file, the line and the field, with a
"did you mean" when one is close.

>>> scenario = parse_scenario({"name": "Quick wins", "operations": [
...     {"move": {"body": "wg", "to": "jc"}}]})
>>> scenario.name.en, type(scenario.operations[0]).__name__, scenario.operations[0].to
('Quick wins', 'Move', 'jc')
>>> parse_scenario({"name": "x", "operations": [{"mve": {"body": "wg", "to": "jc"}}]})
Traceback (most recent call last):
...
govgraph.errors.InputError: operations[0]: unknown operation 'mve'; did you mean 'move'?
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from govgraph.errors import InputError
from govgraph.formats.documents import read_document
from govgraph.i18n import Phrase
from govgraph.i18n.validation import hint, phrase_of
from govgraph.model import Description, EntityId, LocalizedText, PartialDate, Service, Tag
from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

__all__ = [
    "OPERATIONS",
    "Create",
    "Dissolve",
    "Link",
    "Merge",
    "Move",
    "Operation",
    "Rename",
    "Scenario",
    "Set",
    "SetEngagement",
    "Unlink",
    "load_scenario",
    "parse_scenario",
]


def _text(value: Any) -> Any:
    """A plain string means English text."""
    return {"en": value} if isinstance(value, str) else value


Text = Annotated[LocalizedText, BeforeValidator(_text)]


class _Operation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    #: the operation's key in scenario files
    op: ClassVar[str]

    def ids(self) -> list[tuple[str, str]]:
        """(field, id) pairs this operation refers to, for validation messages."""
        return []


class Move(_Operation):
    """Re-parent ``body``'s formal reporting line to ``to``; its subtree comes along."""

    op: ClassVar[str] = "move"
    body: EntityId
    to: EntityId
    formal: bool = True


class Merge(_Operation):
    """Merge ``bodies`` into ``into`` (an existing body, or a new one when ``name`` is
    given): members, priorities, children, support and engagement lines are carried
    over, duplicates collapsed; the merged bodies end and ``into`` SUCCEEDS them."""

    op: ClassVar[str] = "merge"
    bodies: tuple[EntityId, ...] = Field(min_length=1)
    into: EntityId
    kind: EntityKind | None = None
    name: Text | None = None
    acronym: Text | None = None
    description: Description = None
    #: formal parent of a new body (by default it takes the merged bodies' parents)
    reports_to: EntityId | None = None


class Dissolve(_Operation):
    """End ``body``; its children go to ``children_to`` (required when it has any),
    members to ``members_to`` and priorities to ``priorities_to`` (else they end)."""

    op: ClassVar[str] = "dissolve"
    body: EntityId
    children_to: EntityId | None = None
    members_to: EntityId | None = None
    priorities_to: EntityId | None = None


class Create(_Operation):
    """Create an entity (valid from the effective date), optionally under a parent."""

    op: ClassVar[str] = "create"
    id: EntityId
    kind: EntityKind
    name: Text
    acronym: Text | None = None
    description: Description = None
    tags: tuple[Tag, ...] = ()
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    reports_to: EntityId | None = None
    part_of: EntityId | None = None


class Rename(_Operation):
    """Give an entity a new name and/or acronym (its id stays)."""

    op: ClassVar[str] = "rename"
    id: EntityId
    name: Text | None = None
    acronym: Text | None = None

    @model_validator(mode="after")
    def _something(self) -> Rename:
        if self.name is None and self.acronym is None:
            raise ValueError(Phrase("scenario.give_name"))
        return self


class Link(_Operation):
    """Add a relationship of any type (dated from the effective date by default)."""

    op: ClassVar[str] = "link"
    from_: EntityId = Field(alias="from")
    type: RelationType
    to: EntityId
    formal: bool | None = None
    role: Role | None = None
    level: EngagementLevel | None = None
    service: Service | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    tags: tuple[Tag, ...] = ()
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    source: str | None = None


class Unlink(_Operation):
    """End the active relationships ``from -type-> to`` (only those with this role or
    service when given)."""

    op: ClassVar[str] = "unlink"
    from_: EntityId = Field(alias="from")
    type: RelationType
    to: EntityId
    role: Role | None = None
    service: Service | None = None


class Set(_Operation):
    """Set attributes (``null`` removes one) and/or the description of an entity."""

    op: ClassVar[str] = "set"
    id: EntityId
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    description: Description = None

    @model_validator(mode="after")
    def _something(self) -> Set:
        if not self.attributes and self.description is None:
            raise ValueError(Phrase("scenario.give_attributes"))
        return self


class SetEngagement(_Operation):
    """Put the ENGAGES_WITH line ``from → to`` at ``level`` on the continuum."""

    op: ClassVar[str] = "set_engagement"
    from_: EntityId = Field(alias="from")
    to: EntityId
    level: EngagementLevel


Operation = Move | Merge | Dissolve | Create | Rename | Link | Unlink | Set | SetEngagement

#: Operation classes by their key in scenario files, in documentation order.
OPERATIONS: dict[str, type[_Operation]] = {
    cls.op: cls for cls in (Move, Merge, Dissolve, Create, Rename, Link, Unlink, Set, SetEngagement)
}


class Scenario(BaseModel):
    """A reorganisation: a name, an optional description and effective date, and the
    operations, applied in order.

    With an ``effective`` date, applying keeps history: replaced lines end the day
    before and new ones start that day. Without one, replaced lines are removed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    description: Text | None = None
    effective: PartialDate | None = None
    operations: tuple[Operation, ...] = ()
    _origin: str | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _operations(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("operations"), list | tuple):
            data = {**data, "operations": [_operation(op) for op in data["operations"]]}
        return data

    def where(self, index: int, field: str | None = None) -> dict[str, Any]:
        """``file``, ``line`` and ``field`` of operation ``index`` (for error messages)."""
        op = self.operations[index]
        path: tuple[str | int, ...] = ("operations", index, op.op)
        if field:
            path = (*path, field)
        line = self._lines.get(path) or self._lines.get(path[:3]) or self._lines.get(path[:2])
        text = f"operations[{index}].{op.op}" + (f".{field}" if field else "")
        return {"file": self._origin, "line": line, "field": text}


def _operation(item: Any) -> Any:
    if isinstance(item, dict) and len(item) == 1:
        key, value = next(iter(item.items()))
        if key in OPERATIONS and isinstance(value, dict):
            return OPERATIONS[key].model_validate(value)
    return item


def _field_path(loc: Sequence[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _first(exc: ValidationError) -> Any:
    """The most telling error: a misspelt field says more than the one it misses."""
    errors = exc.errors(include_url=False)
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def _message(error: Any, fields: Sequence[str]) -> Phrase:
    return phrase_of(error, fields=fields)


Locator = Callable[[Sequence[tuple[str | int, ...]]], dict[Any, Any]]


def parse_scenario(
    document: Any, *, origin: str | None = None, locate: Locator | None = None
) -> Scenario:
    """A ``Scenario`` from a plain document. Raises ``InputError`` naming the file,
    line and field of the first problem."""

    def fail(path: tuple[str | int, ...], message: Phrase) -> InputError:
        line = None
        if locate is not None:
            line = locate([path]).get(path)
            line = getattr(line, "line", line)
        return InputError(message, file=origin, line=line, field=_field_path(path) or None)

    if not isinstance(document, dict):
        raise fail((), Phrase("scenario.not_a_mapping"))
    raw_ops = document.get("operations")
    if raw_ops is None:
        raise fail((), Phrase("pydantic.missing", field="operations"))
    if not isinstance(raw_ops, list):
        raise fail(("operations",), Phrase("scenario.operations_list"))
    operations: list[_Operation] = []
    for index, item in enumerate(raw_ops):
        path: tuple[str | int, ...] = ("operations", index)
        if not isinstance(item, dict) or len(item) != 1:
            raise fail(path, Phrase("scenario.operation_shape", choices=", ".join(OPERATIONS)))
        key, value = next(iter(item.items()))
        if key not in OPERATIONS:
            raise fail(
                path, Phrase("scenario.unknown_operation", op=key, hint=hint(key, list(OPERATIONS)))
            )
        cls = OPERATIONS[key]
        if not isinstance(value, dict):
            raise fail((*path, key), Phrase("scenario.operation_fields", op=key))
        try:
            operations.append(cls.model_validate(value))
        except ValidationError as exc:
            error = _first(exc)
            fields = [info.alias or name for name, info in cls.model_fields.items()]
            raise fail((*path, key, *error["loc"]), _message(error, fields)) from None
    try:
        scenario = Scenario.model_validate({**document, "operations": operations})
    except ValidationError as exc:
        error = _first(exc)
        raise fail(tuple(error["loc"]), _message(error, list(Scenario.model_fields))) from None
    scenario._origin = origin
    if locate is not None:
        paths = [("operations", i, op.op) for i, op in enumerate(operations)]
        paths += [
            (*p, field) for p, op in zip(paths, operations, strict=True) for field in _fields(op)
        ]
        located = locate(paths)
        scenario._lines = {
            p: getattr(where, "line", where) for p, where in located.items() if where is not None
        }
    return scenario


def _fields(op: _Operation) -> list[str]:
    return [info.alias or name for name, info in type(op).model_fields.items()]


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file (YAML or JSON). Errors raise ``InputError`` naming the file,
    line and field.

    >>> load_scenario("fixtures/scenarios/quick-wins.yaml").operations[0].op
    'move'
    """
    raw = read_document(path)
    return parse_scenario(raw.document, origin=raw.origin, locate=raw.locate)
