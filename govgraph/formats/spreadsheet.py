"""The spreadsheet form: a directory holding ``entities.csv`` and ``relationships.csv``
(and ``meta.yaml`` when the model has a title, description or rules).

The columns and cell encoding are those of ``govgraph.formats.rows`` (shared with the
``.xlsx`` workbook): ``ENTITY_COLUMNS`` and ``RELATIONSHIP_COLUMNS``, any other column is
an attribute, tags separated by ``;``, identifiers ``scheme=value;...``. A cell that a
spreadsheet would run as a formula is written with a leading apostrophe, which reading
takes off again (``govgraph.formats.cells``).

>>> decode_cell("1.5"), decode_cell("Toronto"), decode_cell('"1.5"'), decode_cell("[1, 2]")
(1.5, 'Toronto', '1.5', [1, 2])
>>> encode_cell("1.5"), encode_cell(1.5), encode_cell("Toronto")
('"1.5"', '1.5', 'Toronto')
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_directory
from govgraph.formats.cells import (
    CSV_FIELD_LIMIT,
    check_cell_sizes,
    guard_formula,
    unguard_formula,
)
from govgraph.formats.dialects import dialect_note, read_header, write_tables
from govgraph.formats.parse import RawModel
from govgraph.formats.rows import (
    RECORD_BUILDERS,
    check_header,
    decode_cell,
    encode_cell,
    meta_document,
    table_locator,
    tables,
)
from govgraph.formats.safe_yaml import read_yaml_file
from govgraph.model import GovernanceModel

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

_FILES = {"entities": ENTITIES_FILE, "relationships": RELATIONSHIPS_FILE}


def _rows(
    path: Path, table: str, notes: list[tuple[str, str, str]] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each non-blank data row; the header is checked first (its
    dialect, when not govgraph's, is added to ``notes`` as (file, English, French))."""
    origin = str(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError("no such file", file=origin) from None
    with handle:
        csv.field_size_limit(CSV_FIELD_LIMIT)  # what the writer writes, and no more
        reader = csv.reader(handle, strict=True)
        try:
            first = [unguard_formula(column).strip() for column in next(reader, [])]
            reading = read_header(first, table, origin)
            header = reading.columns
            check_header(header, table, origin)
            note = dialect_note(reading, table)
            if note is not None and notes is not None:
                notes.append((origin, *note))
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
                cells += [""] * (len(header) - len(cells))  # a short row: the rest empty
                row = dict(zip(header, map(unguard_formula, cells), strict=False))
                yield line, reading.row(row, origin, line)
        except csv.Error as exc:
            raise InputError(f"invalid CSV: {exc}", file=origin, line=reader.line_num) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason})", file=origin) from None


def read_meta(meta_path: Path) -> dict[str, Any]:
    """The title, description and rules of ``meta.yaml`` (empty when there is none)."""
    if not meta_path.exists():
        return {}
    meta = read_yaml_file(meta_path)
    if meta is None:
        return {}
    if not isinstance(meta, dict) or {"entities", "relationships"} & set(meta):
        raise InputError("expected title, description and rules only", file=str(meta_path), line=1)
    return meta


def read_csv_directory(path: str | Path) -> RawModel:
    """Read the spreadsheet form from a directory.

    Raises ``InputError`` naming the file and line of a malformed row.
    """
    path = Path(path)
    if not path.is_dir():
        raise InputError(
            "not a directory holding entities.csv and relationships.csv", file=str(path)
        )
    meta_path = path / META_FILE
    document: dict[str, Any] = dict(read_meta(meta_path))
    lines: dict[str, list[int]] = {}
    origins = {section: str(path / name) for section, name in _FILES.items()}
    notes: list[tuple[str, str, str]] = []
    for section, origin in origins.items():
        records, section_lines = [], []
        for line, row in _rows(Path(origin), section, notes):
            records.append(RECORD_BUILDERS[section](row, origin, line))
            section_lines.append(line)
        document[section], lines[section] = records, section_lines
    return RawModel(
        document=document,
        origin=str(path),
        locate=table_locator(origins, lines, str(meta_path)),
        notes=tuple(notes),
    )


def write_csv_directory(
    model: GovernanceModel, path: str | Path, dialect: str = "govgraph"
) -> None:
    """Write the spreadsheet form into directory ``path`` (created if needed), with
    the headers of ``dialect`` (see ``govgraph.formats.dialects``).

    All files are staged first, then renamed into place: an error leaves ``path`` as it was.
    """
    cells = tables(model)
    check_cell_sizes(cells, CSV_FIELD_LIMIT, str(path), "CSV")
    with atomic_directory(path, owned=(ENTITIES_FILE, RELATIONSHIPS_FILE, META_FILE)) as staging:
        for section, rows in write_tables(cells, dialect).items():
            # Python 3.11's csv leaves a lone carriage return unquoted: quote every cell then
            quoting = (
                csv.QUOTE_ALL if any("\r" in c for r in rows for c in r) else csv.QUOTE_MINIMAL
            )
            with (staging / _FILES[section]).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n", quoting=quoting)
                writer.writerows([guard_formula(cell) for cell in row] for row in rows)
        meta = meta_document(model)
        if meta:
            (staging / META_FILE).write_text(
                yaml.safe_dump(meta, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
