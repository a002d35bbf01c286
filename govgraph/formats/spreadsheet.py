"""The spreadsheet form: a directory holding ``entities.csv`` and ``relationships.csv``
(and ``meta.yaml`` when the model has a title, description or rules).

Columns are those of ``ENTITY_COLUMNS`` and ``RELATIONSHIP_COLUMNS``; any other column
is an attribute. Tags are separated by ``;``, identifiers are ``scheme=value;...``.
An attribute cell holding a number, ``true``/``false``/``null`` or JSON (``[...]``,
``{...}``, ``"..."``) is read as that value, anything else as text; writing quotes text
that would read back as something else, so a round trip loses nothing.

>>> decode_cell("1.5"), decode_cell("Toronto"), decode_cell('"1.5"'), decode_cell("[1, 2]")
(1.5, 'Toronto', '1.5', [1, 2])
>>> encode_cell("1.5"), encode_cell(1.5), encode_cell("Toronto")
('"1.5"', '1.5', 'Toronto')
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_directory
from govgraph.formats.parse import DocPath, Location, RawModel
from govgraph.model import ENTITY_COLUMNS, RELATIONSHIP_COLUMNS, GovernanceModel

__all__ = [
    "ENTITIES_FILE",
    "META_FILE",
    "RELATIONSHIPS_FILE",
    "decode_cell",
    "encode_cell",
    "read_csv_directory",
    "write_csv_directory",
]

ENTITIES_FILE = "entities.csv"
RELATIONSHIPS_FILE = "relationships.csv"
META_FILE = "meta.yaml"

_REQUIRED = {
    ENTITIES_FILE: ("id", "kind"),
    RELATIONSHIPS_FILE: ("from", "type", "to"),
}
_JSON_NUMBER = re.compile(r"^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$")
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n"}


def decode_cell(cell: str) -> Any:
    """The value an attribute cell holds (see the module docstring)."""
    if cell in ("true", "false", "null") or _JSON_NUMBER.match(cell) or cell[:1] in '"[{':
        try:
            return json.loads(cell)
        except ValueError:
            return cell
    return cell


def encode_cell(value: Any) -> str:
    """The cell text for an attribute value; ``decode_cell`` gives the value back."""
    if isinstance(value, str) and value and decode_cell(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _rows(path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each non-blank data row; the header is checked first."""
    origin = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError("no such file", file=origin) from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = [column.strip() for column in next(reader, [])]
            if not header:
                raise InputError("the file is empty: expected a header row", file=origin, line=1)
            for column in required:
                if column not in header:
                    raise InputError(f"missing column {column!r}", file=origin, line=1)
            duplicates = {c for c in header if header.count(c) > 1}
            if duplicates or "" in header:
                bad = ", ".join(sorted(repr(c) for c in duplicates)) or "an empty name"
                raise InputError(
                    f"column names must be unique and non-empty: {bad}", file=origin, line=1
                )
            end = reader.line_num
            for cells in reader:
                line, end = end + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(header):
                    raise InputError(
                        f"{len(cells)} fields but the header has {len(header)} "
                        "(a stray quote or separator?)",
                        file=origin,
                        line=line,
                    )
                yield line, dict(zip(header, cells, strict=False))
        except csv.Error as exc:
            raise InputError(f"invalid CSV: {exc}", file=origin, line=reader.line_num) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason})", file=origin) from None


def _text(row: dict[str, str], prefix: str) -> dict[str, str] | None:
    texts = {lang: row.get(f"{prefix}_{lang}", "").strip() for lang in ("en", "fr")}
    texts = {lang: text for lang, text in texts.items() if text}
    return texts or None


def _tags(row: dict[str, str]) -> list[str]:
    return [tag.strip() for tag in row.get("tags", "").split(";") if tag.strip()]


def _attributes(row: dict[str, str], known: Sequence[str]) -> dict[str, Any]:
    return {
        column: decode_cell(cell)
        for column, cell in row.items()
        if column not in known and cell != ""
    }


def _entity_record(row: dict[str, str], origin: str, line: int) -> dict[str, Any]:
    record: dict[str, Any] = {"id": row["id"], "kind": row["kind"].strip()}
    record["name"] = _text(row, "name") or {}
    acronym = _text(row, "acronym")
    if acronym:
        record["acronym"] = acronym
    for column in ("description", "valid_from", "valid_to", "source"):
        if row.get(column, "").strip():
            record[column] = row[column]
    tags = _tags(row)
    if tags:
        record["tags"] = tags
    identifiers: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in row.get("identifiers", "").split(";"))):
        scheme, equals, value = part.partition("=")
        if not equals:
            raise InputError(
                f"identifier {part!r} must look like scheme=value",
                file=origin,
                line=line,
                field="identifiers",
            )
        identifiers[scheme.strip()] = value.strip()
    if identifiers:
        record["identifiers"] = identifiers
    attributes = _attributes(row, ENTITY_COLUMNS)
    if attributes:
        record["attributes"] = attributes
    return record


def _relationship_record(row: dict[str, str], origin: str, line: int) -> dict[str, Any]:
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


def _column(field: DocPath) -> str | None:
    if not field:
        return None
    head = str(field[0])
    if head in ("name", "acronym") and len(field) > 1:
        return f"{head}_{field[1]}"
    if head == "attributes" and len(field) > 1:
        return str(field[1])
    return head


def read_csv_directory(path: str | Path) -> RawModel:
    """Read the spreadsheet form from a directory.

    Raises ``InputError`` naming the file and line of a malformed row.
    """
    path = Path(path)
    if not path.is_dir():
        raise InputError(
            "not a directory holding entities.csv and relationships.csv", file=str(path)
        )
    document: dict[str, Any] = {}
    meta_path = path / META_FILE
    if meta_path.exists():
        try:
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            raise InputError(
                f"invalid YAML: {exc.problem}",
                file=str(meta_path),
                line=mark.line + 1 if mark else None,
            ) from None
        if meta is not None:
            if not isinstance(meta, dict) or {"entities", "relationships"} & set(meta):
                raise InputError(
                    "expected title, description and rules only", file=str(meta_path), line=1
                )
            document.update(meta)

    lines: dict[str, list[int]] = {}
    files = {"entities": path / ENTITIES_FILE, "relationships": path / RELATIONSHIPS_FILE}
    builders = {"entities": _entity_record, "relationships": _relationship_record}
    for section, file in files.items():
        records, section_lines = [], []
        for line, row in _rows(file, _REQUIRED[file.name]):
            records.append(builders[section](row, str(file), line))
            section_lines.append(line)
        document[section], lines[section] = records, section_lines

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        result = {}
        for doc_path in paths:
            section = doc_path[0] if doc_path else None
            if section in files and len(doc_path) > 1 and isinstance(doc_path[1], int):
                row_line = lines[section][doc_path[1]]
                result[doc_path] = Location(str(files[section]), row_line, _column(doc_path[2:]))
            else:
                result[doc_path] = Location(str(meta_path), None, ".".join(map(str, doc_path)))
        return result

    return RawModel(document=document, origin=str(path), locate=locate)


def _entity_row(document: dict[str, Any], attribute_keys: Sequence[str]) -> list[str]:
    name, acronym = document.get("name", {}), document.get("acronym", {})
    identifiers = document.get("identifiers", {})
    attributes = document.get("attributes", {})
    row = [
        document["id"],
        document["kind"],
        name.get("en", ""),
        name.get("fr", ""),
        acronym.get("en", ""),
        acronym.get("fr", ""),
        document.get("description", ""),
        document.get("valid_from", ""),
        document.get("valid_to", ""),
        ";".join(document.get("tags", ())),
        document.get("source", ""),
        ";".join(f"{scheme}={value}" for scheme, value in identifiers.items()),
    ]
    return row + [encode_cell(attributes[k]) if k in attributes else "" for k in attribute_keys]


def _relationship_row(document: dict[str, Any], attribute_keys: Sequence[str]) -> list[str]:
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


def write_csv_directory(model: GovernanceModel, path: str | Path) -> None:
    """Write the spreadsheet form into directory ``path`` (created if needed).

    All files are staged first, then renamed into place: an error leaves ``path`` as it was.
    """
    document = model.to_document()
    sections = (
        (ENTITIES_FILE, "entities", ENTITY_COLUMNS, _entity_row),
        (RELATIONSHIPS_FILE, "relationships", RELATIONSHIP_COLUMNS, _relationship_row),
    )
    with atomic_directory(path, owned=(ENTITIES_FILE, RELATIONSHIPS_FILE, META_FILE)) as staging:
        for file_name, section, columns, to_row in sections:
            records = document[section]
            keys = sorted({key for record in records for key in record.get("attributes", ())})
            with (staging / file_name).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow([*columns, *keys])
                writer.writerows(to_row(record, keys) for record in records)
        meta = {k: document[k] for k in ("title", "description", "rules") if k in document}
        if meta:
            (staging / META_FILE).write_text(
                yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
