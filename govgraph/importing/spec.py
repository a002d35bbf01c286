"""The import mapping: which columns of which tables become which entities and
relationships (documented in ``docs/import.md``).

A mapping is a YAML document checked by these models (unknown keys are errors). Where a
field takes a *value*, it is written as a column name (``legal_title_en``), a column of a
joined table (``fr.legal_title_fr``), a list of them (the first non-empty cell wins), or
a mapping ``{column: ..., prefix: ..., format: ..., values: {...}}``; ``{value: ...}`` is
a constant. ``kind`` and ``type`` are constants when written as plain text.

>>> mapping = Mapping.model_validate({
...     "tables": {"orgs": {"file": "orgs.csv"}},
...     "entities": [{"table": "orgs", "id": {"column": "org_id", "prefix": "org-"},
...                   "kind": "organization", "name": {"en": "title"}}]})
>>> mapping.entities[0].id.prefix, mapping.entities[0].kind.value
('org-', 'organization')
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from govgraph.vocabulary import EntityKind, RelationType

__all__ = [
    "EntityMapping",
    "Join",
    "LinkMapping",
    "Mapping",
    "RelationshipMapping",
    "Table",
    "Value",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Table(_Strict):
    """A table: a CSV file (UTF-8, header on the first line) or a sheet of an .xlsx
    workbook, its path relative to the mapping file."""

    file: str
    sheet: str | None = None
    #: the column that identifies a row, for joins into this table
    key: str | None = None
    #: cells to read otherwise, by the row's ``key``: ``{"279": {"incorp_yr": ""}}``;
    #: for a known error in the source data, said in the mapping (with a comment why)
    corrections: dict[str, dict[str, str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _corrections_need_key(self) -> Table:
        if self.corrections and self.key is None:
            raise ValueError("corrections need the table's 'key'")
        return self


class Value(_Strict):
    """Where a value comes from: one or more columns (first non-empty wins) or a
    constant, then ``values`` (a map from cell to value), ``format`` and ``prefix``.

    Formats: ``text`` (the cell, outer spaces removed), ``integer`` (``"2.0"`` → ``2``),
    ``year`` (``"1999.0"`` → ``1999``), ``list`` (cells separated by ``separator``).
    An empty cell is no value: an open date, no relationship, no attribute.
    """

    column: list[str] = Field(default_factory=list)
    value: str | None = None
    prefix: str = ""
    format: Literal["text", "integer", "year", "list"] = "text"
    separator: str = ";"
    values: dict[str, str] | None = None
    #: with ``values``: what a cell missing from the map gives (else it is an error)
    otherwise: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"column": [data]}
        if isinstance(data, list):
            return {"column": data}
        if isinstance(data, dict) and isinstance(data.get("column"), str):
            return {**data, "column": [data["column"]]}
        return data

    @model_validator(mode="after")
    def _one_source(self) -> Value:
        if bool(self.column) == (self.value is not None):
            raise ValueError("give either 'column' (one or a list) or 'value'")
        return self


def _constant(data: Any) -> Any:
    """``kind: organization`` / ``type: PART_OF`` are constants, not columns."""
    return {"value": data} if isinstance(data, str) else data


ConstantOrValue = Annotated[Value, BeforeValidator(_constant)]

#: The vocabularies a constant ``kind`` or ``type`` comes from.
KINDS = frozenset(kind.value for kind in EntityKind)
TYPES = frozenset(rel_type.value for rel_type in RelationType)


def _in_vocabulary(value: Value, allowed: frozenset[str], what: str) -> Value:
    if value.value is not None and value.values is None and value.value not in allowed:
        raise ValueError(
            f"unknown {what} {value.value!r} (expected one of {', '.join(sorted(allowed))})"
        )
    return value


def _a_kind(value: Value) -> Value:
    return _in_vocabulary(value, KINDS, "kind")


def _a_type(value: Value) -> Value:
    return _in_vocabulary(value, TYPES, "relationship type")


KindValue = Annotated[Value, BeforeValidator(_constant), AfterValidator(_a_kind)]
TypeValue = Annotated[Value, BeforeValidator(_constant), AfterValidator(_a_type)]


def _tag_items(data: Any) -> Any:
    """Tags: a list of constants (plain text) and values (mappings)."""
    if isinstance(data, str | dict):
        data = [data]
    return [{"value": item} if isinstance(item, str) else item for item in data]


class Texts(_Strict):
    """An English and/or French text (a name, an acronym)."""

    en: Value | None = None
    fr: Value | None = None


class Join(_Strict):
    """Rows of another table matched by key: the cell of ``column`` (in the main
    table) is looked up in column ``key`` of ``table`` (default: that table's key, else
    the same name). An empty cell matches nothing; a cell no row has is an error unless
    ``missing: empty``. (Not ``on``: YAML reads a bare ``on`` as true.)"""

    table: str
    column: str
    key: str | None = None
    missing: Literal["error", "empty"] = "error"


class LinkMapping(_Strict):
    """A relationship from (or to) the entity of each row; the other end is ``to``
    (or ``from``). No relationship when the cell is empty."""

    type: TypeValue
    to: Value | None = None
    from_: Value | None = Field(default=None, alias="from")
    formal: ConstantOrValue | None = None
    role: ConstantOrValue | None = None
    valid_from: Value | None = None
    valid_to: Value | None = None
    tags: Annotated[list[Value], BeforeValidator(_tag_items)] = Field(default_factory=list)
    attributes: dict[str, Value] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_end(self) -> LinkMapping:
        if (self.to is None) == (self.from_ is None):
            raise ValueError("give exactly one of 'to' and 'from'")
        return self


class EntityMapping(_Strict):
    """One entity per row of ``table`` (rows whose id is empty are skipped)."""

    table: str
    join: dict[str, Join] = Field(default_factory=dict)
    id: Value
    kind: KindValue
    name: Texts
    acronym: Texts | None = None
    description: Value | None = None
    valid_from: Value | None = None
    valid_to: Value | None = None
    tags: Annotated[list[Value], BeforeValidator(_tag_items)] = Field(default_factory=list)
    identifiers: dict[str, Value] = Field(default_factory=dict)
    attributes: dict[str, Value] = Field(default_factory=dict)
    source: ConstantOrValue | None = None
    relationships: list[LinkMapping] = Field(default_factory=list)


class RelationshipMapping(_Strict):
    """One relationship per row of ``table``. ``unmatched: skip`` drops (and counts)
    rows whose endpoint is no imported entity; by default such a row is an error."""

    table: str
    join: dict[str, Join] = Field(default_factory=dict)
    from_: Value = Field(alias="from")
    type: TypeValue
    to: Value
    formal: ConstantOrValue | None = None
    role: ConstantOrValue | None = None
    valid_from: Value | None = None
    valid_to: Value | None = None
    tags: Annotated[list[Value], BeforeValidator(_tag_items)] = Field(default_factory=list)
    attributes: dict[str, Value] = Field(default_factory=dict)
    source: ConstantOrValue | None = None
    unmatched: Literal["error", "skip"] = "error"


class Mapping(_Strict):
    """A whole mapping: the tables, then what each becomes."""

    title: dict[Literal["en", "fr"], str] | None = None
    description: str | None = None
    #: provenance for every record that gives none
    source: str | None = None
    tables: dict[str, Table]
    entities: list[EntityMapping] = Field(default_factory=list)
    relationships: list[RelationshipMapping] = Field(default_factory=list)

    @model_validator(mode="after")
    def _tables_named(self) -> Mapping:
        for section, items in (("entities", self.entities), ("relationships", self.relationships)):
            for number, item in enumerate(items):
                for name in (item.table, *(join.table for join in item.join.values())):
                    if name not in self.tables:
                        raise ValueError(
                            f"{section}[{number}]: no table {name!r} "
                            f"(tables: {', '.join(self.tables)})"
                        )
        return self
