"""Building a model from tables by a mapping: one pass over each main table, joined
tables held as dict indexes (one per table and key), no step that grows with the square
of the rows.

Every error names the table's file, the line and the column. The result is a
``RawModel`` whose records are located in the tables, so the model's own checks
(dangling reference, cycle, bad date...) also name the table, line and column.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "orgs.csv").write_text(
...     "org_id,title,ministry,end\\n1,Transport Canada,,\\n2,Marine Atlantic,1.0,2019.0\\n")
>>> mapping = Mapping.model_validate({
...     "tables": {"orgs": {"file": "orgs.csv"}},
...     "entities": [{"table": "orgs", "id": {"column": "org_id", "prefix": "org-"},
...         "kind": "organization", "name": {"en": "title"},
...         "valid_to": {"column": "end", "format": "year"},
...         "relationships": [{"type": "PART_OF",
...             "to": {"column": "ministry", "format": "integer", "prefix": "org-"}}]}]})
>>> result = build(mapping, folder)
>>> [(e["id"], e.get("valid_to")) for e in result.raw.document["entities"]]
[('org-1', None), ('org-2', '2019')]
>>> result.raw.document["relationships"]
[{'from': 'org-2', 'type': 'PART_OF', 'to': 'org-1'}]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import InputError
from govgraph.formats.parse import DocPath, Location, RawModel
from govgraph.importing.spec import (
    EntityMapping,
    Join,
    LinkMapping,
    Mapping,
    RelationshipMapping,
    Value,
)
from govgraph.importing.tables import Row, TableSource

__all__ = ["ImportResult", "build"]

_WHOLE = re.compile(r"^-?\d+(?:\.0*)?$")
_YEAR = re.compile(r"^\d{4}(?:\.0*)?$")
#: A cell value: text, a list (format ``list``), an int (``integer``/``year`` attributes).
Cell = Any
Getter = Callable[[Row, int], Cell]


@dataclass
class ImportResult:
    """What an import produced: the located raw model, and how many rows each
    relationship mapping skipped (``unmatched: skip``) by its table's name."""

    raw: RawModel
    skipped: dict[str, int] = field(default_factory=dict)


class _Context:
    """The tables of one mapping by name (each header read once)."""

    def __init__(self, mapping: Mapping, base: Path) -> None:
        self.sources = {name: TableSource(name, t, base) for name, t in mapping.tables.items()}


def _columns(value: Value | None) -> list[str]:
    return list(value.column) if value is not None else []


def _resolver(
    source: TableSource, joins: dict[str, Join]
) -> Callable[[str], tuple[str | None, str]]:
    """Column reference → (join alias or None, column)."""

    def resolve(reference: str) -> tuple[str | None, str]:
        if reference in source.header:
            return None, reference
        alias, dot, column = reference.partition(".")
        if dot and alias in joins:
            return alias, column
        return None, reference

    return resolve


class _Rows:
    """Compiles values for one main table and its joins; ``merge`` gives the row the
    getters read (main cells under their names, joined cells as ``alias.column``)."""

    def __init__(self, ctx: _Context, table: str, joins: dict[str, Join], what: str) -> None:
        self.ctx, self.joins, self.what = ctx, joins, what
        self.source = ctx.sources[table]
        self.resolve = _resolver(self.source, joins)
        self.main_columns: list[str] = []
        self.join_columns: dict[str, list[str]] = {alias: [] for alias in joins}
        self.indexes: dict[str, dict[str, tuple[int, Row]]] = {}

    def use(self, values: Sequence[Value | None]) -> None:
        for value in values:
            for reference in _columns(value):
                alias, column = self.resolve(reference)
                if alias is None:
                    self.main_columns.append(column)
                else:
                    self.join_columns[alias].append(column)

    def open(self) -> None:
        """Check every column exists and build the join indexes (one dict each)."""
        self.source.require(
            [*self.main_columns, *(j.column for j in self.joins.values())], self.what
        )
        for alias, join in self.joins.items():
            other = self.ctx.sources[join.table]
            key = join.key or other.table.key or join.column
            # stored as they are read: 'alias.column' (a main column of that name wins)
            names = {
                column: f"{alias}.{column}"
                for column in self.join_columns[alias]
                if f"{alias}.{column}" not in self.source.header
            }
            used = list(names)
            self.indexes[alias] = other.index(key, used, names)

    def merge(self, line: int, row: Row) -> Row:
        """The row with the cells of its joined rows added (the row is the reader's
        own dict, updated in place)."""
        for alias, join in self.joins.items():
            cell = row.get(join.column, "").strip()
            if not cell:
                continue
            found = self.indexes[alias].get(cell)
            if found is None:
                if join.missing == "empty":
                    continue
                raise InputError(
                    f"no row of table {join.table!r} has {cell!r} (join {alias!r}); "
                    "add it, or say 'missing: empty'",
                    file=self.source.origin,
                    line=line,
                    field=join.column,
                )
            row.update(found[1])
        return row

    def getter(self, value: Value, field_name: str, *, as_int: bool = False) -> Getter:
        """A function (row, line) → the value (``None`` when empty)."""
        origin = self.source.origin
        keys = value.column  # merged rows hold joined cells under 'alias.column'

        plain_column = value.value is None and len(keys) == 1 and value.format == "text"
        if plain_column and value.values is None:  # the common case, kept lean
            column, prefix = keys[0], value.prefix

            def plain(row: Row, line: int) -> Cell:
                cell = row.get(column, "").strip()
                return prefix + cell if cell else None

            return plain

        def fail(message: str, line: int, column: str) -> InputError:
            return InputError(f"{message} (for {field_name})", file=origin, line=line, field=column)

        def get(row: Row, line: int) -> Cell:
            if value.value is not None:
                cell, column = value.value, ""
            else:
                cell, column = "", keys[0]
                for column in keys:
                    cell = row.get(column, "").strip()
                    if cell:
                        break
            if not cell:
                return None
            result: Cell = cell
            if value.format in ("integer", "year"):
                pattern = _YEAR if value.format == "year" else _WHOLE
                if not pattern.match(cell):
                    expected = "a year (YYYY)" if value.format == "year" else "a whole number"
                    raise fail(f"expected {expected}, not {cell!r}", line, column)
                result = cell.split(".")[0]
            elif value.format == "list":
                result = [part.strip() for part in cell.split(value.separator) if part.strip()]
            if value.values is not None:
                mapped = [_mapped(value, item, fail, line, column) for item in _items(result)]
                result = mapped if isinstance(result, list) else mapped[0]
            if value.prefix:
                result = (
                    [value.prefix + item for item in result]
                    if isinstance(result, list)
                    else value.prefix + result
                )
            if as_int and value.format in ("integer", "year") and isinstance(result, str):
                return int(result)
            return result

        return get


def _items(result: Cell) -> list[str]:
    return result if isinstance(result, list) else [result]


def _mapped(
    value: Value, item: str, fail: Callable[[str, int, str], InputError], line: int, column: str
) -> str:
    assert value.values is not None
    if item in value.values:
        return value.values[item]
    if value.otherwise is not None:
        return value.otherwise
    known = ", ".join(repr(k) for k in list(value.values)[:12])
    message = f"{item!r} is not in the value map ({known}); add it or set 'otherwise'"
    raise fail(message, line, column)


@dataclass
class _Located:
    """Where each record came from: the table's origin, the line, and per field the
    column that gave it (as shown in messages)."""

    origins: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    kinds: list[int] = field(default_factory=list)
    columns: list[dict[str, str]] = field(default_factory=list)

    def add(self, origin: str, line: int, kind: int) -> None:
        self.origins.append(origin)
        self.lines.append(line)
        self.kinds.append(kind)


def _column_names(fields: dict[str, Value | None]) -> dict[str, str]:
    return {
        name: " | ".join(value.column) or "(constant)"
        for name, value in fields.items()
        if value is not None
    }


def _link_fields(link: LinkMapping | RelationshipMapping) -> dict[str, Value | None]:
    return {
        "from": link.from_,
        "to": link.to,
        "type": link.type,
        "formal": link.formal,
        "role": link.role,
        "valid_from": link.valid_from,
        "valid_to": link.valid_to,
        **{f"attributes.{k}": v for k, v in link.attributes.items()},
    }


def _entity_fields(spec: EntityMapping) -> dict[str, Value | None]:
    fields: dict[str, Value | None] = {
        "id": spec.id,
        "kind": spec.kind,
        "name.en": spec.name.en,
        "name.fr": spec.name.fr,
        "description": spec.description,
        "valid_from": spec.valid_from,
        "valid_to": spec.valid_to,
        "source": spec.source,
    }
    if spec.acronym:
        fields |= {"acronym.en": spec.acronym.en, "acronym.fr": spec.acronym.fr}
    fields |= {f"identifiers.{k}": v for k, v in spec.identifiers.items()}
    fields |= {f"attributes.{k}": v for k, v in spec.attributes.items()}
    return fields


class _LinkBuilder:
    """Compiled getters for one relationship mapping (or an entity's link)."""

    def __init__(self, rows: _Rows, link: LinkMapping | RelationshipMapping) -> None:
        fields = _link_fields(link)
        rows.use([*fields.values(), *link.tags])
        self.getters = {
            name: rows.getter(value, name, as_int=name.startswith("attributes."))
            for name, value in fields.items()
            if value is not None
        }
        self.tags = [rows.getter(value, "tags") for value in link.tags]
        self.columns = _column_names(fields)

    def record(self, row: Row, line: int, own: str | None, default_source: str | None) -> Any:
        record: dict[str, Any] = {}
        attributes: dict[str, Any] = {}
        for name, get in self.getters.items():
            cell = get(row, line)
            if cell is None:
                if name in ("from", "to"):
                    return None  # no other end: no relationship
                continue
            if name.startswith("attributes."):
                attributes[name.partition(".")[2]] = cell
            elif name == "formal":
                record[name] = str(cell).strip().lower() in ("true", "yes", "1", "y")
            else:
                record[name] = cell
        if own is not None:
            record.setdefault("from", own)
            record.setdefault("to", own)
        tags = [tag for get in self.tags for tag in _items(get(row, line) or [])]
        if tags:
            record["tags"] = tags
        if attributes:
            record["attributes"] = attributes
        if default_source and "source" not in record:
            record["source"] = default_source
        return {"from": record.pop("from"), "type": record.pop("type"), "to": record.pop("to")} | (
            record
        )


def build(mapping: Mapping, base: Path) -> ImportResult:
    """Apply ``mapping`` to its tables (paths relative to ``base``): a located raw model.
    Raises ``InputError`` naming the table, line and column of the first bad cell."""
    ctx = _Context(mapping, base)
    entities: list[dict[str, Any]] = []
    relationships: list[dict[str, Any]] = []
    where_entity, where_rel = _Located(), _Located()
    first_seen: dict[str, tuple[str, int]] = {}
    pending: list[tuple[dict[str, Any], str, int, int, str]] = []  # rel, origin, line, kind, table

    for number, spec in enumerate(mapping.entities):
        rows = _Rows(ctx, spec.table, spec.join, f"entities[{number}]")
        fields = _entity_fields(spec)
        rows.use([*fields.values(), *spec.tags])
        getters = {
            name: rows.getter(value, name, as_int=name.startswith("attributes."))
            for name, value in fields.items()
            if value is not None
        }
        tag_getters = [rows.getter(value, "tags") for value in spec.tags]
        plan = _entity_plan(getters)
        links = [_LinkBuilder(rows, link) for link in spec.relationships]
        rows.open()
        where_entity.columns.append({**_column_names(fields), "tags": "tags"})
        link_kinds = []
        for link in links:
            where_rel.columns.append(link.columns)
            link_kinds.append(len(where_rel.columns) - 1)
        origin = rows.source.origin
        id_column = " | ".join(spec.id.column) or "id"
        for line, cells in rows.source.rows():
            row = rows.merge(line, cells)
            entity_id = getters["id"](row, line)
            if entity_id is None:
                continue
            if entity_id in first_seen:
                seen = first_seen[entity_id]
                raise InputError(
                    f"id {entity_id!r} again (first at {seen[0]}:{seen[1]})",
                    file=origin,
                    line=line,
                    field=id_column,
                )
            first_seen[entity_id] = (origin, line)
            entities.append(_entity_record(entity_id, plan, tag_getters, row, line, mapping.source))
            where_entity.add(origin, line, number)
            for link, kind in zip(links, link_kinds, strict=True):
                record = link.record(row, line, entity_id, mapping.source)
                if record is not None:
                    pending.append((record, origin, line, kind, spec.table))

    skipped: dict[str, int] = {}
    for spec_rel in mapping.relationships:
        rows = _Rows(ctx, spec_rel.table, spec_rel.join, "relationships")
        link = _LinkBuilder(rows, spec_rel)
        source_getter = rows.getter(spec_rel.source, "source") if spec_rel.source else None
        rows.open()
        where_rel.columns.append(link.columns)
        kind = len(where_rel.columns) - 1
        for line, cells in rows.source.rows():
            row = rows.merge(line, cells)
            record = link.record(row, line, None, None)
            if record is None:
                continue
            given = source_getter(row, line) if source_getter else None
            if given or mapping.source:
                record["source"] = given or mapping.source
            if spec_rel.unmatched == "skip" and not (
                record["from"] in first_seen and record["to"] in first_seen
            ):
                skipped[spec_rel.table] = skipped.get(spec_rel.table, 0) + 1
                continue
            pending.append((record, rows.source.origin, line, kind, spec_rel.table))

    for record, origin, line, kind, _table in pending:
        for end in ("from", "to"):
            if record[end] not in first_seen:
                raise InputError(
                    f"{record[end]!r} is no imported entity (a {record['type']} {end} end)"
                    + _suggest(record[end], first_seen),
                    file=origin,
                    line=line,
                    field=where_rel.columns[kind].get(end, end),
                )
        relationships.append(record)
        where_rel.add(origin, line, kind)

    document: dict[str, Any] = {}
    if mapping.title:
        document["title"] = dict(mapping.title)
    if mapping.description:
        document["description"] = mapping.description
    document |= {"entities": entities, "relationships": relationships}
    locate = _locator(where_entity, where_rel, str(base))
    return ImportResult(RawModel(document=document, origin=str(base), locate=locate), skipped)


def _suggest(value: str, known: dict[str, Any]) -> str:
    prefix = value.rstrip("0123456789")
    same = sum(1 for key in known if key.startswith(prefix)) if prefix else 0
    return f" (imported ids starting {prefix!r}: {same})" if prefix else ""


def _entity_plan(getters: dict[str, Getter]) -> list[tuple[str, str, Getter]]:
    """(field, sub-field or "", getter) for every field but the id, split once."""
    plan = []
    for name, get in getters.items():
        if name != "id":
            head, _, rest = name.partition(".")
            plan.append((head, rest, get))
    return plan


def _entity_record(
    entity_id: str,
    plan: list[tuple[str, str, Getter]],
    tag_getters: list[Getter],
    row: Row,
    line: int,
    default_source: str | None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"id": entity_id}
    nested: dict[str, dict[str, Any]] = {}
    for head, rest, get in plan:
        cell = get(row, line)
        if cell is None:
            continue
        if rest:
            nested.setdefault(head, {})[rest] = cell
        else:
            record[head] = cell
    record["name"] = nested.pop("name", {})
    record |= nested
    if tag_getters:
        tags = list(
            dict.fromkeys(tag for get in tag_getters for tag in _items(get(row, line) or []))
        )
        if tags:
            record["tags"] = tags
    if default_source and "source" not in record:
        record["source"] = default_source
    return record


def _locator(
    entities: _Located, relationships: _Located, fallback: str
) -> Callable[[Sequence[DocPath]], dict[DocPath, Location]]:
    tables = {"entities": entities, "relationships": relationships}

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        result = {}
        for path in paths:
            located = tables.get(str(path[0])) if path else None
            if located is not None and len(path) > 1 and isinstance(path[1], int):
                i = path[1]
                field_name = ".".join(str(p) for p in path[2:])
                columns = located.columns[located.kinds[i]]
                column = columns.get(field_name) or columns.get(field_name.split(".")[0])
                result[path] = Location(located.origins[i], located.lines[i], column or field_name)
            else:
                result[path] = Location(fallback, None, ".".join(map(str, path)))
        return result

    return locate
