"""The governance model: entities, relationships and the container that holds them.

The model (pydantic v2, strict: unknown fields are errors) is the single source of truth
in memory; graphs, database rows and HTML are all built from it. Models are immutable:
operations return new models.

Examples
--------
>>> model = GovernanceModel.model_validate({
...     "entities": [
...         {"id": "jc", "kind": "council",
...          "name": {"en": "Joint Councils", "fr": "Conseils mixtes"}},
...         {"id": "wg", "kind": "working_group", "name": {"en": "Data WG"}},
...     ],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}],
... })
>>> model.entity("jc").label("fr")
'Conseils mixtes'
>>> model.relationships[0].formal, model.relationships[0].key
(True, 'REPORTS_TO')
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    ValidationInfo,
    field_validator,
    model_validator,
)

from govgraph.dates import date_bounds, normalize_partial_date
from govgraph.errors import UnknownEntityError
from govgraph.i18n import Phrase, translate_message
from govgraph.limits import problem_in_value
from govgraph.vocabulary import (
    BODY_KINDS,
    RELATION_PROPERTIES,
    EngagementLevel,
    EntityKind,
    RelationType,
    Role,
)

__all__ = [
    "ENTITY_COLUMNS",
    "RELATIONSHIP_COLUMNS",
    "Description",
    "Entity",
    "GovernanceModel",
    "LocalizedText",
    "Relationship",
]

#: Columns of entities.csv (and reserved names that attributes may not take).
ENTITY_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "name_en",
    "name_fr",
    "acronym_en",
    "acronym_fr",
    "description",
    "valid_from",
    "valid_to",
    "tags",
    "source",
    "identifiers",
    "description_en",
    "description_fr",
)
#: Columns of relationships.csv (and reserved names that attributes may not take).
RELATIONSHIP_COLUMNS: tuple[str, ...] = (
    "from",
    "type",
    "to",
    "formal",
    "role",
    "level",
    "service",
    "valid_from",
    "valid_to",
    "tags",
    "source",
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SLUG = re.compile(r"^[a-z][a-z0-9_-]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _words(problem: str) -> Callable[[str], str]:
    """A problem ``govgraph.limits`` describes, said in a language when shown."""
    return lambda lang: translate_message(problem, lang)


def _check_id(value: str) -> str:
    if not value:
        raise ValueError(Phrase("model.id_empty"))
    if value != value.strip():
        raise ValueError(Phrase("model.id_spaces", id=value))
    if _CONTROL.search(value):
        raise ValueError(Phrase("model.id_control", id=value))
    if len(value) > 512:
        raise ValueError(Phrase("model.id_long"))
    return value


def _check_tag(value: str) -> str:
    value = value.strip()
    if not value or ";" in value:
        raise ValueError(Phrase("model.tag", tag=value))
    return value


def _check_service(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(Phrase("model.service", service=value))
    return value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


EntityId = Annotated[str, AfterValidator(_check_id)]
PartialDate = Annotated[str, BeforeValidator(normalize_partial_date)]
Tag = Annotated[str, AfterValidator(_check_tag)]
Service = Annotated[str, AfterValidator(_check_service)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class LocalizedText(BaseModel):
    """A text in English and/or French.

    >>> LocalizedText(fr="Conseils mixtes").get("en")
    'Conseils mixtes'
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: OptionalText = None
    fr: OptionalText = None

    @model_validator(mode="after")
    def _at_least_one(self) -> LocalizedText:
        if self.en is None and self.fr is None:
            raise ValueError(Phrase("rules.en_or_fr"))
        return self

    def get(self, lang: str = "en") -> str:
        """The text in ``lang``, or in the other language when it is missing."""
        if lang == "fr":
            return self.fr if self.fr is not None else str(self.en)
        return self.en if self.en is not None else str(self.fr)


#: A description: one plain string (no language given), or a text in English and/or
#: French (``{en: ..., fr: ...}``). A plain string stays a plain string on writing.
Description = Annotated[str | LocalizedText | None, BeforeValidator(_blank_to_none)]


def describe(description: str | LocalizedText | None, lang: str = "en") -> str | None:
    """The text of a description in ``lang`` (the other language when it is missing).

    >>> describe(LocalizedText(en="Data", fr="Données"), "fr"), describe("Data", "fr")
    ('Données', 'Data')
    """
    if description is None or isinstance(description, str):
        return description
    return description.get(lang)


def _check_interval(info: ValidationInfo, valid_to: str | None) -> str | None:
    valid_from = info.data.get("valid_from")
    if valid_to and valid_from and date_bounds(valid_from)[0] > date_bounds(valid_to)[1]:
        raise ValueError(Phrase("model.interval", start=valid_from, end=valid_to))
    return valid_to


def _check_attribute_keys(attributes: dict[str, Any], reserved: tuple[str, ...]) -> None:
    for key in attributes:
        if not key or key != key.strip():
            raise ValueError(Phrase("model.attribute_name", name=key))
        if key in reserved:
            raise ValueError(Phrase("model.attribute_reserved", name=key))
        problem = problem_in_value(attributes[key])
        if problem:
            raise ValueError(Phrase("model.attribute_problem", name=key, problem=_words(problem)))


class Entity(BaseModel):
    """A council, committee, working group, table, organisation, jurisdiction,
    position, person, priority or meeting."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: EntityId
    kind: EntityKind
    name: LocalizedText
    acronym: LocalizedText | None = None
    #: a plain string, or ``{en: ..., fr: ...}``
    description: Description = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    tags: tuple[Tag, ...] = ()
    #: external identifiers by scheme, e.g. ``{"wikidata": "Q123"}``
    identifiers: dict[str, str] = Field(default_factory=dict)
    attributes: dict[str, JsonValue] = Field(default_factory=dict)
    #: where the fact comes from (provenance)
    source: OptionalText = None

    @field_validator("valid_to")
    @classmethod
    def _interval(cls, valid_to: str | None, info: ValidationInfo) -> str | None:
        return _check_interval(info, valid_to)

    @field_validator("identifiers")
    @classmethod
    def _identifiers(cls, identifiers: dict[str, str]) -> dict[str, str]:
        for scheme, value in identifiers.items():
            if not _SCHEME.match(scheme):
                raise ValueError(Phrase("model.scheme", scheme=scheme))
            if not value.strip() or ";" in value:
                raise ValueError(Phrase("model.identifier", scheme=scheme, value=value))
        return identifiers

    @field_validator("attributes")
    @classmethod
    def _attributes(cls, attributes: dict[str, Any]) -> dict[str, Any]:
        _check_attribute_keys(attributes, ENTITY_COLUMNS)
        return attributes

    @property
    def is_body(self) -> bool:
        """Whether this entity is a body (council, committee, WG, table, organisation)."""
        return self.kind in BODY_KINDS

    def label(self, lang: str = "en") -> str:
        """The name in ``lang``, falling back to the other language."""
        return self.name.get(lang)

    def describe(self, lang: str = "en") -> str | None:
        """The description in ``lang``, falling back to the other language.

        >>> Entity(id="wg", kind="working_group", name={"en": "WG"},
        ...        description={"fr": "Groupe"}).describe("en")
        'Groupe'
        """
        return describe(self.description, lang)

    def short_label(self, lang: str = "en") -> str:
        """The acronym in ``lang`` if there is one, else the name."""
        return self.acronym.get(lang) if self.acronym else self.name.get(lang)


class Relationship(BaseModel):
    """A directed relationship ``from → to`` of one of the model's types.

    In files the endpoints are ``from`` and ``to``; ``source`` is the provenance, as on
    entities. ``formal`` (REPORTS_TO, default true), ``role`` (MEMBER_OF, default member),
    ``level`` (ENGAGES_WITH) and ``service`` (SUPPORTS) apply to one type each.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

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
    #: where the fact comes from (provenance)
    source: OptionalText = None

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            kind = data.get("type")
            if kind == "REPORTS_TO" and data.get("formal") is None:
                data = {**data, "formal": True}
            elif kind == "MEMBER_OF" and data.get("role") in (None, ""):
                data = {**data, "role": "member"}
        return data

    @model_validator(mode="after")
    def _properties_fit_type(self) -> Relationship:
        allowed = RELATION_PROPERTIES.get(self.type, frozenset())
        for prop in ("formal", "role", "level", "service"):
            if getattr(self, prop) is not None and prop not in allowed:
                raise ValueError(Phrase("model.property", prop=prop, type=self.type.value))
        return self

    @field_validator("valid_to")
    @classmethod
    def _interval(cls, valid_to: str | None, info: ValidationInfo) -> str | None:
        return _check_interval(info, valid_to)

    @field_validator("attributes")
    @classmethod
    def _attributes(cls, attributes: dict[str, Any]) -> dict[str, Any]:
        _check_attribute_keys(attributes, RELATIONSHIP_COLUMNS)
        return attributes

    @property
    def is_formal_line(self) -> bool:
        """A formal reporting line."""
        return self.type is RelationType.REPORTS_TO and bool(self.formal)

    @property
    def key(self) -> str:
        """What tells this relationship apart from others between the same two entities:
        the type, the role or service, and the start date. ``(from, to, key)`` is unique
        in a valid model and is the edge key in the graph.

        >>> Relationship.model_validate({"from": "p", "type": "MEMBER_OF", "to": "b",
        ...     "role": "co_chair", "valid_from": "2017"}).key
        'MEMBER_OF:co_chair@2017'
        """
        key = self.type.value
        qualifier = self.role if self.type is RelationType.MEMBER_OF else self.service
        if qualifier:
            key = f"{key}:{qualifier}"
        if self.valid_from:
            key = f"{key}@{self.valid_from}"
        return key


class PulledFrom(BaseModel):
    """Where a model file came from: the store's model key and its revision when the
    file was pulled (``govgraph db push`` refuses to overwrite a newer revision)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str
    revision: int = Field(ge=0)


class GovernanceModel(BaseModel):
    """A whole governance model: its entities, relationships and health rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: LocalizedText | None = None
    #: a plain string, or ``{en: ..., fr: ...}``
    description: Description = None
    entities: tuple[Entity, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    #: declarative health rules checked by ``govgraph health``
    rules: tuple[dict[str, JsonValue], ...] = ()
    #: set by ``govgraph db pull``: the store's model key and revision
    pulled_from: PulledFrom | None = None

    @field_validator("rules")
    @classmethod
    def _rules(cls, rules: tuple[dict[str, Any], ...]) -> tuple[dict[str, Any], ...]:
        problem = problem_in_value(list(rules))
        if problem:
            raise ValueError(Phrase("model.rules_problem", problem=_words(problem)))
        return rules

    @property
    def index(self) -> dict[str, Entity]:
        """Entities by id (the first one wins if an id repeats). Built once per model;
        a copy with other entities (``model_copy(update=...)``) builds its own."""
        cached = self.__dict__.get("_index_cache")
        if cached is not None and cached[0] is self.entities:
            return cached[1]
        index: dict[str, Entity] = {}
        for entity in self.entities:
            index.setdefault(entity.id, entity)
        self.__dict__["_index_cache"] = (self.entities, index)
        return index

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.index

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id; ``UnknownEntityError`` with suggestions if none."""
        try:
            return self.index[entity_id]
        except KeyError:
            raise UnknownEntityError(entity_id, self.suggest(entity_id)) from None

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Ids that look like ``text`` (for "did you mean" messages).

        >>> GovernanceModel(entities=[Entity(id="pssdc", kind="council",
        ...     name={"en": "PSSDC"})]).suggest("psdc")
        ['pssdc']
        """
        return difflib.get_close_matches(text, self.index.keys(), n=limit, cutoff=0.6)

    def require(self, entity_ids: Iterable[str]) -> list[Entity]:
        """The entities for these ids; the first unknown one raises."""
        return [self.entity(entity_id) for entity_id in entity_ids]

    def canonical(self) -> GovernanceModel:
        """The same model with entities sorted by id and relationships by
        ``(from, to, key)``: use it to compare models whose order may differ."""
        return self.model_copy(
            update={
                "entities": tuple(sorted(self.entities, key=lambda e: e.id)),
                "relationships": tuple(
                    sorted(self.relationships, key=lambda r: (r.from_, r.to, r.key))
                ),
            }
        )

    def to_document(self) -> dict[str, Any]:
        """The model as a plain, JSON-ready document (the on-disk form)."""
        document: dict[str, Any] = {}
        if self.title is not None:
            document["title"] = self.title.model_dump(exclude_none=True)
        if isinstance(self.description, LocalizedText):
            document["description"] = self.description.model_dump(exclude_none=True)
        elif self.description is not None:
            document["description"] = self.description
        document["entities"] = [
            e.model_dump(mode="json", exclude_defaults=True) for e in self.entities
        ]
        document["relationships"] = [
            r.model_dump(mode="json", by_alias=True, exclude_defaults=True)
            for r in self.relationships
        ]
        if self.rules:
            document["rules"] = [dict(rule) for rule in self.rules]
        if self.pulled_from is not None:
            document["pulled_from"] = self.pulled_from.model_dump()
        return document
