"""Governance rules as code: a small declarative language for the ``rules:`` section
of a model file, or a separate rules file, checked by ``govgraph health``.

A rule says *which entities* it is about (``for_each``) and *what must hold* for each
of them (``require``: one measure and its bounds)::

    rules:
      - id: wg-one-parent
        severity: error                  # error | warning (default) | info
        for_each: {kind: working_group}
        require: {count: {rel: REPORTS_TO, formal: true}, equals: 1}
        message:
          en: "{name} has {value} formal parents; a working group has exactly one"
          fr: "{name} a {value} parents officiels; un groupe de travail en a un seul"

``for_each`` (every entity when left out; all given keys must hold):
``kind``, ``id``, ``tag`` (one or a list: any of them), ``attribute`` (a mapping of
attribute names to the values they must have) and ``has`` (a relationship filter, or a
list of them: the entity has at least one matching relationship).

``require`` holds exactly one measure, and bounds ``equals``, ``min``, ``max``:

- ``count: FILTER`` (or a list of filters): how many of the entity's relationships
  match; bounds apply to the number (``equals: 0`` forbids).
- ``distinct: FILTER + attribute: NAME``: the entities at the other end of the
  matching relationships must have pairwise different values of attribute ``NAME``
  (``kind`` and ``id`` name the fields themselves); ends without the attribute are not
  counted. Bounds apply to the number of distinct values (``min: 2`` = at least two).
- ``span: formal | all``: how many bodies report to the entity (formal REPORTS_TO and
  PART_OF lines; ``all`` counts informal lines too).
- ``depth: formal``: the longest chain of formal lines from the entity up to a root.

A relationship FILTER has ``rel`` (a type or a list), ``direction`` (``out``, the
default: the entity is the ``from``; ``in``: the ``to``; ``both``), and optionally
``formal``, ``role``, ``service``, ``level`` (one value or a list) and ``other_kind``
(the kind of the entity at the other end).

A ``message`` (a text, or ``{en, fr}``) may use ``{id}``, ``{name}``, ``{kind}``,
``{value}`` (the measure), ``{values}`` (for ``distinct``: the repeated values) and
``{rule}``; without one, a message is written from the rule. Findings have the code
``rule:<id>``.

Rules are checked strictly: an unknown key, kind, type or role, a bad bound, an unknown
placeholder or a repeated id is an ``InputError`` naming the file, line and field.

>>> rules = parse_rules([{"id": "wg-one-parent", "severity": "error",
...     "for_each": {"kind": "working_group"},
...     "require": {"count": {"rel": "REPORTS_TO", "formal": True}, "equals": 1}}])
>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "jc", "kind": "council", "name": {"en": "JC"}},
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}]})
>>> [(f.code, f.entities, f.message_en) for f in check_rules(model, rules)]
[('rule:wg-one-parent', ('wg',), "working_group 'wg' breaks rule wg-one-parent: count REPORTS_TO (formal, out) is 0, expected exactly 1")]
"""  # noqa: E501

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    field_validator,
    model_validator,
)

from govgraph.analysis.structure import structure_rows
from govgraph.errors import InputError
from govgraph.findings import Finding, Severity
from govgraph.formats.locate import locate_lines
from govgraph.formats.safe_yaml import load_yaml, read_text
from govgraph.i18n import Phrase, text
from govgraph.i18n.validation import phrase_of
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.vocabulary import (
    BODY_KINDS,
    EngagementLevel,
    EntityKind,
    RelationType,
    Role,
)

__all__ = [
    "RULE_FIELDS",
    "Rule",
    "check_rules",
    "load_rules_file",
    "parse_rules",
    "rules_of_model",
]

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PLACEHOLDERS = frozenset({"id", "name", "kind", "value", "values", "rule"})
_RULE_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
_BOUND_WORDS = {
    "en": ("exactly", "at least", "at most", "and"),
    "fr": ("exactement", "au moins", "au plus", "et"),
}


def _one_or_many(value: Any) -> Any:
    """A single value stands for a list of one."""
    if value is None or isinstance(value, list | tuple):
        return value
    return [value]


OneOrMany = BeforeValidator(_one_or_many)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RelFilter(_Strict):
    """Which relationships of an entity a rule looks at."""

    rel: Annotated[tuple[RelationType, ...], OneOrMany] = Field(min_length=1)
    direction: Literal["out", "in", "both"] = "out"
    formal: bool | None = None
    role: Annotated[tuple[Role, ...] | None, OneOrMany] = None
    service: Annotated[tuple[str, ...] | None, OneOrMany] = None
    level: Annotated[tuple[EngagementLevel, ...] | None, OneOrMany] = None
    other_kind: Annotated[tuple[EntityKind, ...] | None, OneOrMany] = None

    @model_validator(mode="after")
    def _properties_fit(self) -> RelFilter:
        fits = {
            "formal": RelationType.REPORTS_TO,
            "role": RelationType.MEMBER_OF,
            "service": RelationType.SUPPORTS,
            "level": RelationType.ENGAGES_WITH,
        }
        for prop, rel_type in fits.items():
            if getattr(self, prop) is not None and rel_type not in self.rel:
                raise ValueError(
                    Phrase(
                        "rules.applies_to",
                        prop=prop,
                        type=rel_type.value,
                        types=self.rel_text,
                    )
                )
        return self

    @property
    def rel_text(self) -> str:
        return ", ".join(t.value for t in self.rel)

    def matches(self, rel: Relationship) -> bool:
        """Whether ``rel`` passes this filter (its direction aside)."""
        if rel.type not in self.rel:
            return False
        checks = (
            (self.formal, RelationType.REPORTS_TO, bool(rel.formal)),
            (self.role, RelationType.MEMBER_OF, rel.role),
            (self.service, RelationType.SUPPORTS, rel.service),
            (self.level, RelationType.ENGAGES_WITH, rel.level),
        )
        for wanted, rel_type, actual in checks:
            if wanted is None or rel.type is not rel_type:
                continue
            ok = actual is wanted if isinstance(wanted, bool) else actual in wanted
            if not ok:
                return False
        return True

    def describe(self, lang: str = "en") -> str:
        """``REPORTS_TO (formal, out)``-style text for messages.

        >>> RelFilter(rel="MEMBER_OF", role="co_chair", direction="in").describe("fr")
        'MEMBER_OF (rôle co_chair, entrant)'
        """
        parts = []
        if self.formal is not None:
            parts.append(text("rules.formal" if self.formal else "rules.informal", lang))
        for name in ("role", "service", "level", "other_kind"):
            values = getattr(self, name)
            if values:
                words = "/".join(str(getattr(v, "value", v)) for v in values)
                parts.append(f"{text(f'rules.prop.{name}', lang)} {words}")
        parts.append(text(f"rules.direction.{self.direction}", lang))
        return f"{self.rel_text} ({', '.join(parts)})"


Filters = Annotated[tuple[RelFilter, ...], OneOrMany]


class Selector(_Strict):
    """Which entities a rule is about: all the given conditions hold."""

    kind: Annotated[tuple[EntityKind, ...] | None, OneOrMany] = None
    id: Annotated[tuple[str, ...] | None, OneOrMany] = None
    tag: Annotated[tuple[str, ...] | None, OneOrMany] = None
    attribute: dict[str, JsonValue] | None = None
    has: Filters | None = None


class DistinctSpec(RelFilter):
    """A relationship filter and the attribute whose values must differ."""

    attribute: str = Field(min_length=1)


class Requirement(_Strict):
    """One measure and its bounds."""

    count: Filters | None = None
    distinct: DistinctSpec | None = None
    span: Literal["formal", "all"] | None = None
    depth: Literal["formal"] | None = None
    equals: int | None = Field(default=None, ge=0)
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_measure(self) -> Requirement:
        given = [m for m in ("count", "distinct", "span", "depth") if getattr(self, m) is not None]
        if len(given) != 1:
            if given:
                raise ValueError(Phrase("rules.one_measure_got", got=", ".join(given)))
            raise ValueError(Phrase("rules.one_measure"))
        if given[0] != "distinct" and not self.bounded:
            raise ValueError(Phrase("rules.give_bound", measure=given[0]))
        if self.equals is not None and (self.min is not None or self.max is not None):
            raise ValueError(Phrase("rules.equals_or_bounds"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(Phrase("rules.min_above_max", min=self.min, max=self.max))
        return self

    @property
    def measure(self) -> str:
        return next(
            m for m in ("count", "distinct", "span", "depth") if getattr(self, m) is not None
        )

    def bounds_text(self, lang: str = "en") -> str:
        """``at least 2 and at most 5``, in English or French."""
        words = _BOUND_WORDS[lang]
        if self.equals is not None:
            return f"{words[0]} {self.equals}"
        parts = [
            f"{word} {bound}"
            for word, bound in ((words[1], self.min), (words[2], self.max))
            if bound is not None
        ]
        return f" {words[3]} ".join(parts)

    @property
    def bounded(self) -> bool:
        """Whether any of equals, min, max is given."""
        return self.equals is not None or self.min is not None or self.max is not None

    def within(self, value: int) -> bool:
        if self.equals is not None:
            return value == self.equals
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)


def _message(value: Any) -> Any:
    if isinstance(value, str):
        return {"en": value, "fr": value}
    return value


class Message(_Strict):
    en: str | None = None
    fr: str | None = None

    @field_validator("en", "fr")
    @classmethod
    def _placeholders(cls, text: str | None) -> str | None:
        if text is None:
            return text
        for name in _PLACEHOLDER.findall(text):
            if name not in _PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in sorted(_PLACEHOLDERS))
                raise ValueError(Phrase("rules.unknown_placeholder", name=name, known=known))
        return text

    @model_validator(mode="after")
    def _one(self) -> Message:
        if self.en is None and self.fr is None:
            raise ValueError(Phrase("rules.en_or_fr"))
        return self


class Rule(_Strict):
    """One governance rule (see the module docstring for the language)."""

    id: str
    description: str | None = None
    severity: Severity = Severity.warning
    for_each: Selector = Selector()
    require: Requirement
    message: Annotated[Message | None, BeforeValidator(_message)] = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _RULE_ID.match(value):
            raise ValueError(Phrase("rules.slug", id=value))
        return value

    @property
    def code(self) -> str:
        return f"rule:{self.id}"


#: The keys a rule may have (for "did you mean" hints).
RULE_FIELDS: tuple[str, ...] = tuple(
    sorted(
        {
            name
            for model in (Rule, Requirement, Selector, DistinctSpec, Message)
            for name in model.model_fields
        }
    )
)


# ── Parsing, with located errors ─────────────────────────────────────────────────────

DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class _Source:
    """Where rules come from: the file, its text (to find lines) and the path of the
    rules list inside the document."""

    file: str | None = None
    text: str | None = None
    prefix: DocPath = ()

    def error(self, message: str | Phrase, path: DocPath) -> InputError:
        full = (*self.prefix, *path)
        line = None
        if self.text is not None and self.file is not None and full:
            line = locate_lines(self.text, [full]).get(full)
        field = _field_name(full) if full else None
        return InputError(message, file=self.file, line=line, field=field)


def _field_name(path: DocPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(error: Mapping[str, Any]) -> Phrase:
    return phrase_of(error, fields=RULE_FIELDS)


def _document_path(loc: Sequence[Any], document: Any) -> DocPath:
    """A pydantic error location as a path in ``document``: pydantic's internal steps
    are left out, and so is the index it adds where one value stood for a list."""
    path: list[str | int] = []
    node = document
    for part in loc:
        if isinstance(part, int):
            if not isinstance(node, list | tuple):
                continue  # a single value given for a list
            node = node[part] if 0 <= part < len(node) else None
        elif "[" in str(part) or "-" in str(part):
            continue  # e.g. 'function-after[...]'
        else:
            node = node.get(part) if isinstance(node, Mapping) else None
        path.append(part)
    return tuple(path)


def _parse(raw: Any, source: _Source) -> tuple[Rule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        raise source.error(Phrase("rules.not_a_list"), ())
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for position, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise source.error(Phrase("rules.not_a_mapping"), (position,))
        try:
            rule = Rule.model_validate(dict(item))
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            path = (position, *_document_path(error["loc"], item))
            raise source.error(_explain(error), path) from None
        if rule.id in seen:
            raise source.error(
                Phrase("rules.id_twice", id=rule.id, first=seen[rule.id]), (position, "id")
            )
        seen[rule.id] = position
        rules.append(rule)
    return tuple(rules)


def parse_rules(raw: Any, *, file: str | None = None) -> tuple[Rule, ...]:
    """Rules from plain data (a list of mappings, as in a model's ``rules``).
    Raises ``InputError`` naming the rule and field (and ``file``, if given).

    >>> parse_rules([{"id": "x", "require": {"span": "formal", "max": 8}}])[0].require.max
    8
    >>> parse_rules([{"id": "x", "require": {"span": "formal", "maximum": 8}}])
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: [0].require.maximum: unknown field 'maximum'; did you mean 'max'?
    """
    return _parse(raw, _Source(file=file))


def load_rules_file(path: str | Path) -> tuple[Rule, ...]:
    """Rules from a YAML or JSON file holding a list of rules, or a mapping with a
    ``rules`` list (a model file's rules section works as is). Errors are
    ``InputError`` with the file, line and field."""
    path = Path(path)
    text = read_text(path)
    document = load_yaml(text, str(path))  # YAML is a superset of JSON
    if isinstance(document, Mapping):
        if "rules" not in document:
            raise InputError(Phrase("rules.file_shape"), file=str(path))
        return _parse(document["rules"], _Source(str(path), text, ("rules",)))
    if document is None:
        raise InputError(Phrase("rules.file_empty"), file=str(path), line=1)
    return _parse(document, _Source(str(path), text))


def rules_of_model(model: GovernanceModel, origin: str | Path | None = None) -> tuple[Rule, ...]:
    """The rules in a model's ``rules`` section. With ``origin`` (the model's file or
    CSV directory), errors name the file and line they are on."""
    if not model.rules:
        return ()
    source = _Source(prefix=("rules",))
    if origin is not None:
        where = Path(origin)
        document = where / "meta.yaml" if where.is_dir() else where
        text = None
        if document.suffix.lower() in (".yaml", ".yml", ".json") and document.is_file():
            text = read_text(document)
        source = _Source(str(document), text, ("rules",))
    return _parse([dict(rule) for rule in model.rules], source)


# ── Checking ─────────────────────────────────────────────────────────────────────────


@dataclass
class _Context:
    """What the checks share: the model, and hierarchy figures computed once if asked."""

    model: GovernanceModel
    hierarchy: Callable[[], dict[str, dict[str, Any]]]
    _structure: dict[str, dict[str, Any]] | None = None

    def body_rows(self) -> dict[str, dict[str, Any]]:
        if self._structure is None:
            self._structure = self.hierarchy()
        return self._structure


def _hierarchy_rows(model: GovernanceModel) -> dict[str, dict[str, Any]]:
    """Span (formal and informal) and depth per body, as ``govgraph.analysis`` counts
    them (see ``govgraph.analysis.structure.structure_rows``)."""
    return dict(structure_rows(model))


def _ends(rel: Relationship, direction: str) -> Iterator[tuple[str, str]]:
    """(entity the relationship belongs to, entity at the other end): a self-loop
    counts once for its entity in every direction (``in`` included).

    >>> from govgraph.model import Relationship
    >>> loop = Relationship.model_validate({"from": "a", "type": "REPORTS_TO", "to": "a"})
    >>> [list(_ends(loop, d)) for d in ("out", "in", "both")]
    [[('a', 'a')], [('a', 'a')], [('a', 'a')]]
    """
    if direction in ("out", "both"):
        yield rel.from_, rel.to
    if direction == "in" or (direction == "both" and rel.to != rel.from_):
        yield rel.to, rel.from_


def _matching(
    model: GovernanceModel, filters: Sequence[RelFilter]
) -> Iterator[tuple[str, str, Relationship]]:
    """(owner, other end, relationship) for each relationship a filter matches; a
    relationship counts once per owner even when several filters match it."""
    index = model.index
    wanted = frozenset(rel_type for spec in filters for rel_type in spec.rel)
    for rel in model.relationships:
        if rel.type not in wanted:  # most relationships: one set lookup
            continue
        owners: dict[str, str] = {}
        for spec in filters:
            if not spec.matches(rel):
                continue
            for owner, other in _ends(rel, spec.direction):
                if spec.other_kind is not None:
                    entity = index.get(other)
                    if entity is None or entity.kind not in spec.other_kind:
                        continue
                owners.setdefault(owner, other)
        for owner, other in owners.items():
            yield owner, other, rel


def _select(model: GovernanceModel, selector: Selector) -> list[Entity]:
    entities: Sequence[Entity] = model.entities
    if selector.kind is not None:
        entities = [e for e in entities if e.kind in selector.kind]
    if selector.id is not None:
        wanted = frozenset(selector.id)
        entities = [e for e in entities if e.id in wanted]
    if selector.tag is not None:
        tags = frozenset(selector.tag)
        entities = [e for e in entities if tags.intersection(e.tags)]
    if selector.attribute is not None:
        expected = selector.attribute
        entities = [
            e
            for e in entities
            if all(k in e.attributes and e.attributes[k] == v for k, v in expected.items())
        ]
    if selector.has is not None:
        holders = {owner for owner, _, _ in _matching(model, selector.has)}
        entities = [e for e in entities if e.id in holders]
    return list(entities)


def _value_of(entity: Entity | None, attribute: str) -> Any:
    if entity is None:
        return None
    if attribute == "kind":
        return entity.kind.value
    if attribute == "id":
        return entity.id
    value = entity.attributes.get(attribute)
    return value if isinstance(value, str | int | float | bool) else None


def _measures(
    rule: Rule, entities: list[Entity], context: _Context
) -> Iterator[tuple[Entity, int, list[str]]]:
    """(entity, measured value, repeated values) for each selected entity."""
    requirement = rule.require
    model = context.model
    if requirement.count is not None:
        counts: Counter[str] = Counter(owner for owner, _, _ in _matching(model, requirement.count))
        for entity in entities:
            yield entity, counts.get(entity.id, 0), []
    elif requirement.distinct is not None:
        spec = requirement.distinct
        values: dict[str, list[Any]] = defaultdict(list)
        index = model.index
        for owner, other, _ in _matching(model, [spec]):
            value = _value_of(index.get(other), spec.attribute)
            if value is not None:
                values[owner].append(value)
        for entity in entities:
            found = values.get(entity.id, [])
            repeated = [str(v) for v, n in Counter(found).items() if n > 1]
            yield entity, len(set(found)), repeated
    else:
        rows = context.body_rows()
        for entity in entities:
            row = rows.get(entity.id)
            if row is None:  # not a body (or not valid): no span, no depth
                continue
            if requirement.span is not None:
                span = row["span"] + (row["informal_span"] if requirement.span == "all" else 0)
                yield entity, span, []
            else:
                yield entity, row["depth"], []


def _render(template: str, values: Mapping[str, str]) -> str:
    # placeholders were checked when parsing: replace them without str.format, so that
    # a user's text cannot reach attributes ({id.__class__}) or break on braces
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _measure_text(requirement: Requirement, lang: str) -> str:
    """What a rule measures, for its default message: ``count REPORTS_TO (formal, out)``."""
    measure = requirement.measure
    if measure == "count":
        filters = text("rules.or", lang).join(f.describe(lang) for f in requirement.count or ())
        return text("rules.measure.count", lang, filters=filters)
    if measure == "distinct":
        spec = requirement.distinct
        assert spec is not None
        return text(
            "rules.measure.distinct", lang, attribute=spec.attribute, filter=spec.describe(lang)
        )
    return text(f"rules.measure.{measure}.{getattr(requirement, measure)}", lang)


def _default_message(rule: Rule, entity: Entity, value: int, repeated: list[str], lang: str) -> str:
    """The message of a rule without one of its own, written from the rule."""
    requirement = rule.require
    what = _measure_text(requirement, lang)
    problems = []
    if requirement.bounded and not requirement.within(value):
        bounds = requirement.bounds_text(lang)
        problems.append(text("rules.is", lang, what=what, value=value, bounds=bounds))
    if repeated:
        problems.append(text("rules.repeats", lang, what=what, values=", ".join(repeated)))
    kind = entity.kind.value if lang == "en" else text(f"kind.the.{entity.kind.value}", lang)
    return text(
        "rules.breaks",
        lang,
        kind=kind,
        id=entity.id,
        rule=rule.id,
        problems=text("rules.and", lang).join(problems),
    )


def _finding(rule: Rule, entity: Entity, value: int, repeated: list[str]) -> Finding:
    values = {
        "id": entity.id,
        "name": entity.label("en"),
        "kind": entity.kind.value,
        "value": str(value),
        "values": ", ".join(repeated),
        "rule": rule.id,
    }
    message = rule.message
    english = french = None
    if message is not None:
        if message.en is not None:
            english = _render(message.en, values)
        if message.fr is not None:
            french = _render(message.fr, {**values, "name": entity.label("fr")})
    return Finding(
        code=rule.code,
        severity=rule.severity,
        entities=(entity.id,),
        message_en=english or french or _default_message(rule, entity, value, repeated, "en"),
        message_fr=french or english or _default_message(rule, entity, value, repeated, "fr"),
    )


def check_rules(
    model: GovernanceModel,
    rules: Sequence[Rule],
    *,
    hierarchy: Callable[[], dict[str, dict[str, Any]]] | None = None,
) -> list[Finding]:
    """The findings of ``rules`` on ``model``: one per entity that breaks a rule, in
    rule order then model order, each with the entity's record (``("entities", i)``).
    Each rule costs one pass over the relationships.

    ``hierarchy`` gives span and depth per body (``{"span", "informal_span", "depth"}``)
    for ``span``/``depth`` rules; by default ``govgraph.analysis.structure.structure_rows``.
    """
    context = _Context(model, hierarchy or (lambda: _hierarchy_rows(model)))
    findings: list[Finding] = []
    for rule in rules:
        entities = _select(model, rule.for_each)
        if rule.require.measure in ("span", "depth"):
            entities = [e for e in entities if e.kind in BODY_KINDS]
        for entity, value, repeated in _measures(rule, entities, context):
            if (rule.require.bounded and not rule.require.within(value)) or repeated:
                findings.append(_finding(rule, entity, value, repeated))
    if not findings:
        return findings
    positions: dict[str, int] = {}
    for position, entity in enumerate(model.entities):
        positions.setdefault(entity.id, position)
    return [
        f.model_copy(update={"record": ("entities", positions[f.entities[0]])}) for f in findings
    ]
