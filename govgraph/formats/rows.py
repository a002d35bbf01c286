"""The tabular form shared by the CSV directory and the ``.xlsx`` workbook: one table of
entities and one of relationships, one record per row, text cells.

Columns are those of ``ENTITY_COLUMNS`` and ``RELATIONSHIP_COLUMNS``; any other column
is an attribute. Tags are separated by ``;``, identifiers are ``scheme=value;...``.
A description is one text in ``description``, or English and French texts in
``description_en`` / ``description_fr`` (the model's ``{en, fr}`` form).
An attribute cell holding a number, ``true``/``false``/``null`` or JSON (``[...]``,
``{...}``, ``"..."``) is read as that value, anything else as text; writing quotes text
that would read back as something else, so a round trip loses nothing.

Readers (``spreadsheet``, ``xlsx``) turn their rows into ``dict[column, text]`` and call
``check_header``, ``entity_record`` / ``relationship_record``, and ``table_locator``, so
both report the same errors in the same words.

>>> decode_cell("1.5"), decode_cell("Toronto"), decode_cell('"1.5"'), decode_cell("[1, 2]")
(1.5, 'Toronto', '1.5', [1, 2])
>>> encode_cell("1.5"), encode_cell(1.5), encode_cell("Toronto")
('"1.5"', '1.5', 'Toronto')
>>> entity_record({"id": "jc", "kind": "council", "name_en": "Joint Councils",
...                "identifiers": "wikidata=Q1", "city": "Ottawa"}, "e.csv", 2)
{'id': 'jc', 'kind': 'council', 'name': {'en': 'Joint Councils'}, \
'identifiers': {'wikidata': 'Q1'}, 'attributes': {'city': 'Ottawa'}}
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from govgraph.errors import InputError
from govgraph.formats.parse import DocPath, Location
from govgraph.formats.safe_json import parse_json
from govgraph.model import ENTITY_COLUMNS, RELATIONSHIP_COLUMNS, GovernanceModel

__all__ = [
    "RECORD_BUILDERS",
    "REQUIRED_COLUMNS",
    "check_header",
    "check_xml_safe",
    "column_of",
    "decode_cell",
    "encode_cell",
    "entity_record",
    "entity_row",
    "meta_document",
    "relationship_record",
    "relationship_row",
    "table_locator",
    "tables",
]

#: Columns each table must have.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "entities": ("id", "kind"),
    "relationships": ("from", "type", "to"),
}
_JSON_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$")
#: What an XML document (xlsx, GraphML, GEXF) cannot give back as written: control
#: characters (XML 1.0 forbids them; a carriage return is read back as a line feed) and
#: the non-characters U+FFFE, U+FFFF.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def decode_cell(cell: str) -> Any:
    """The value an attribute cell holds (see the module docstring)."""
    if cell in ("true", "false", "null") or _JSON_NUMBER.match(cell) or cell[:1] in '"[{':
        try:
            return parse_json(cell)
        except ValueError:  # not JSON, or beyond its limits (NaN, 10**30, 200 levels deep)
            return cell
    return cell


def encode_cell(value: Any) -> str:
    """The cell text for an attribute value; ``decode_cell`` gives the value back."""
    if isinstance(value, str) and value and decode_cell(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def check_header(header: Sequence[str], table: str, origin: str, line: int = 1) -> None:
    """Raise ``InputError`` (at the header's line) when a required column is missing or
    a column name is empty or repeated."""
    if not header:
        raise InputError("the file is empty: expected a header row", file=origin, line=line)
    for column in REQUIRED_COLUMNS[table]:
        if column not in header:
            raise InputError(f"missing column {column!r}", file=origin, line=line)
    duplicates = {c for c in header if list(header).count(c) > 1}
    if duplicates or "" in header:
        bad = ", ".join(sorted(repr(c) for c in duplicates)) or "an empty name"
        raise InputError(
            f"column names must be unique and non-empty: {bad}", file=origin, line=line
        )


def _text(row: dict[str, str], prefix: str) -> dict[str, str] | None:
    """The texts of ``prefix_en`` / ``prefix_fr``, exactly as written (leading and
    trailing spaces, NBSP, U+2029 kept); an empty or all-blank cell is no text."""
    texts = {lang: row.get(f"{prefix}_{lang}", "") for lang in ("en", "fr")}
    texts = {lang: text for lang, text in texts.items() if text.strip()}
    return texts or None


def _tags(row: dict[str, str]) -> list[str]:
    return [tag.strip() for tag in row.get("tags", "").split(";") if tag.strip()]


def _attributes(row: dict[str, str], known: Sequence[str]) -> dict[str, Any]:
    return {
        column: decode_cell(cell)
        for column, cell in row.items()
        if column not in known and cell != ""
    }


def entity_record(row: dict[str, str], origin: str, line: int) -> dict[str, Any]:
    """The entity document for one row (validated later by the model)."""
    record: dict[str, Any] = {"id": row["id"], "kind": row["kind"].strip()}
    record["name"] = _text(row, "name") or {}
    acronym = _text(row, "acronym")
    if acronym:
        record["acronym"] = acronym
    for column in ("description", "valid_from", "valid_to", "source"):
        if row.get(column, "").strip():
            record[column] = row[column]
    description = _text(row, "description")
    if description:
        if "description" in record:
            raise InputError(
                "give the description in 'description' or in 'description_en' / "
                "'description_fr', not both",
                file=origin,
                line=line,
                field="description",
            )
        record["description"] = description
    tags = _tags(row)
    if tags:
        record["tags"] = tags
    identifiers: dict[str, str] = {}
    for part in row.get("identifiers", "").split(";"):
        if not part.strip():
            continue
        scheme, equals, value = part.partition("=")  # the value kept exactly
        if not equals:
            raise InputError(
                f"identifier {part.strip()!r} must look like scheme=value",
                file=origin,
                line=line,
                field="identifiers",
            )
        identifiers[scheme.strip()] = value
    if identifiers:
        record["identifiers"] = identifiers
    attributes = _attributes(row, ENTITY_COLUMNS)
    if attributes:
        record["attributes"] = attributes
    return record


def relationship_record(row: dict[str, str], origin: str, line: int) -> dict[str, Any]:
    """The relationship document for one row (validated later by the model)."""
    record: dict[str, Any] = {"from": row["from"], "type": row["type"].strip(), "to": row["to"]}
    formal = row.get("formal", "").strip().lower()
    if formal:
        if formal not in _TRUE | _FALSE:
            raise InputError(
                f"must be true or false, not {row['formal']!r}",
                file=origin,
                line=line,
                field="formal",
            )
        record["formal"] = formal in _TRUE
    for column in ("role", "level", "service", "valid_from", "valid_to", "source"):
        if row.get(column, "").strip():
            record[column] = row[column].strip() if column != "source" else row[column]
    tags = _tags(row)
    if tags:
        record["tags"] = tags
    attributes = _attributes(row, RELATIONSHIP_COLUMNS)
    if attributes:
        record["attributes"] = attributes
    return record


#: The record builder of each table.
RECORD_BUILDERS: dict[str, Callable[[dict[str, str], str, int], dict[str, Any]]] = {
    "entities": entity_record,
    "relationships": relationship_record,
}


def column_of(field: DocPath) -> str | None:
    """The column that holds a record's field: ``("name", "fr")`` → ``name_fr``."""
    if not field:
        return None
    head = str(field[0])
    if head in ("name", "acronym", "description") and len(field) > 1:
        return f"{head}_{field[1]}"
    if head == "attributes" and len(field) > 1:
        return str(field[1])
    return head


def table_locator(
    origins: dict[str, str], lines: dict[str, list[int]], meta_origin: str
) -> Callable[[Sequence[DocPath]], dict[DocPath, Location]]:
    """A ``RawModel.locate`` for tables: record ``i`` of ``section`` is at line
    ``lines[section][i]`` of ``origins[section]``, its field named by its column."""

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        result = {}
        for doc_path in paths:
            section = doc_path[0] if doc_path else None
            if section in origins and len(doc_path) > 1 and isinstance(doc_path[1], int):
                row_line = lines[section][doc_path[1]]
                result[doc_path] = Location(origins[section], row_line, column_of(doc_path[2:]))
            else:
                result[doc_path] = Location(meta_origin, None, ".".join(map(str, doc_path)))
        return result

    return locate


def entity_row(document: dict[str, Any], attribute_keys: Sequence[str]) -> list[str]:
    """The cells of one entity (a ``to_document`` record) in ``ENTITY_COLUMNS`` order,
    then the attributes named by ``attribute_keys``."""
    name, acronym = document.get("name", {}), document.get("acronym", {})
    description = document.get("description", "")
    texts = description if isinstance(description, dict) else {}
    identifiers = document.get("identifiers", {})
    attributes = document.get("attributes", {})
    row = [
        document["id"],
        document["kind"],
        name.get("en", ""),
        name.get("fr", ""),
        acronym.get("en", ""),
        acronym.get("fr", ""),
        description if isinstance(description, str) else "",
        document.get("valid_from", ""),
        document.get("valid_to", ""),
        ";".join(document.get("tags", ())),
        document.get("source", ""),
        ";".join(f"{scheme}={value}" for scheme, value in identifiers.items()),
        texts.get("en", ""),
        texts.get("fr", ""),
    ]
    return row + [encode_cell(attributes[k]) if k in attributes else "" for k in attribute_keys]


def relationship_row(document: dict[str, Any], attribute_keys: Sequence[str]) -> list[str]:
    """The cells of one relationship in ``RELATIONSHIP_COLUMNS`` order, then attributes."""
    attributes = document.get("attributes", {})
    formal = document.get("formal")
    row = [
        document["from"],
        document["type"],
        document["to"],
        "" if formal is None else str(formal).lower(),
        *(document.get(column, "") for column in ("role", "level", "service")),
        document.get("valid_from", ""),
        document.get("valid_to", ""),
        ";".join(document.get("tags", ())),
        document.get("source", ""),
    ]
    return row + [encode_cell(attributes[k]) if k in attributes else "" for k in attribute_keys]


def tables(model: GovernanceModel) -> dict[str, list[list[str]]]:
    """The model as two tables of text cells, header first: ``{"entities": [...],
    "relationships": [...]}``; attribute columns follow the fixed ones, sorted."""
    document = model.to_document()
    result = {}
    for section, columns, to_row in (
        ("entities", ENTITY_COLUMNS, entity_row),
        ("relationships", RELATIONSHIP_COLUMNS, relationship_row),
    ):
        records = document[section]
        keys = sorted({key for record in records for key in record.get("attributes", ())})
        result[section] = [[*columns, *keys], *(to_row(record, keys) for record in records)]
    return result


def meta_document(model: GovernanceModel) -> dict[str, Any]:
    """The model's title, description and rules (what the tables do not hold)."""
    document = model.to_document()
    return {k: document[k] for k in ("title", "description", "rules") if k in document}


def check_xml_safe(
    cells: dict[str, list[list[str]]], meta: dict[str, Any], origin: str, fmt: str
) -> None:
    """Raise ``InputError`` naming the record and column of the first text an XML-based
    format (``fmt``) cannot keep (see ``_XML_UNSAFE``); the tables come from ``tables``.

    >>> check_xml_safe({"entities": [["id", "name_en"], ["jc", "a\\rb"]]}, {}, "m.xlsx", "xlsx")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: m.xlsx: entities 'jc' name_en: xlsx cannot store the \
character '\\r' (a control character or non-character); remove it first
    """
    for section, (header, *rows) in cells.items():
        for row in [header, *rows]:
            for column, cell in zip(header, row, strict=False):
                found = _XML_UNSAFE.search(cell)
                if found:
                    where = "header" if row is header else repr(row[0])
                    raise InputError(
                        f"{fmt} cannot store the character {found.group()!r} "
                        "(a control character or non-character); remove it first",
                        file=origin,
                        field=f"{section} {where} {column}",
                    )
    found = next(filter(None, (_XML_UNSAFE.search(text) for text in _strings(meta))), None)
    if found:
        raise InputError(
            f"{fmt} cannot store the character {found.group()!r} "
            "(a control character or non-character); remove it first",
            file=origin,
            field="title, description or rules",
        )


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON-like value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
