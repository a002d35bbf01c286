"""The spreadsheet form as one Excel workbook (``.xlsx``, via openpyxl): a sheet
``entities`` and a sheet ``relationships`` shaped like ``entities.csv`` and
``relationships.csv`` (header on row 1, one record per row, same columns, same cell
encoding: see ``govgraph.formats.rows``), and an optional sheet ``meta`` (columns
``key``, ``value``; the value as JSON) for the title, description and rules.

Cells may hold text, numbers, dates or booleans as typed in Excel: a number becomes its
digits, a date its ISO form, a boolean ``true``/``false``. Errors name the workbook, the
sheet, the row and the column: ``model.xlsx[entities]:7: kind: unknown kind 'councl'``.
Writing stores every cell as text (a name starting with ``=`` stays text, never a formula).

>>> import tempfile, pathlib
>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "jc", "kind": "council", "name": {"en": "=1+1"}, "attributes": {"n": 2}}]})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "m.xlsx"
>>> write_xlsx(model, path)
>>> from govgraph.formats.parse import model_from_raw
>>> model_from_raw(read_xlsx(path)) == model
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.exceptions import InvalidFileException

from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write, private_tempdir
from govgraph.formats.cells import XLSX_CELL_LIMIT, check_cell_sizes, split_text
from govgraph.formats.dialects import dialect_note, read_header
from govgraph.formats.parse import RawModel
from govgraph.formats.rows import (
    RECORD_BUILDERS,
    check_header,
    check_xml_safe,
    meta_document,
    table_locator,
    tables,
)
from govgraph.formats.safe_json import load_json
from govgraph.model import GovernanceModel

__all__ = ["META_SHEET", "SHEETS", "read_xlsx", "sheet_origin", "write_xlsx"]

#: The sheets holding the two tables.
SHEETS = ("entities", "relationships")
#: The optional sheet with the title, description and rules.
META_SHEET = "meta"
_META_KEYS = ("title", "description", "rules")


def sheet_origin(path: str | Path, sheet: str) -> str:
    """How messages name a sheet of a workbook.

    >>> sheet_origin("m.xlsx", "entities")
    'm.xlsx[entities]'
    """
    return f"{path}[{sheet}]"


def _cell_text(value: Any) -> str:
    """The text of a cell value as Excel or openpyxl may have typed it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(value)
    return str(value)


def _sheet_rows(
    sheet: Any, table: str, origin: str, notes: list[tuple[str, str, str]] | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each non-blank data row; the header is checked first (its
    dialect, when not govgraph's, is added to ``notes`` as (sheet, English, French))."""
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(cell).strip() for cell in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    reading = read_header(header, table, origin)
    header = reading.columns
    check_header(header, table, origin)
    note = dialect_note(reading, table)
    if note is not None and notes is not None:
        notes.append((origin, *note))
    for number, cells in enumerate(rows, start=2):
        texts = [_cell_text(cell) for cell in cells]
        if not any(text.strip() for text in texts):
            continue
        extra = [t for t in texts[len(header) :] if t.strip()]
        if extra:
            raise InputError(
                f"a cell right of the last column ({len(header)} columns in the header)",
                file=origin,
                line=number,
            )
        texts += [""] * (len(header) - len(texts))  # a short row: the rest empty
        yield number, reading.row(dict(zip(header, texts, strict=False)), origin, number)


def _read_meta(book: Any, path: Path) -> dict[str, Any]:
    if META_SHEET not in book.sheetnames:
        return {}
    origin = sheet_origin(path, META_SHEET)
    meta: dict[str, Any] = {}
    texts: dict[str, tuple[int, list[str]]] = {}
    rows = book[META_SHEET].iter_rows(values_only=True)
    next(rows, None)  # header: key, value
    for number, cells in enumerate(rows, start=2):
        key, value = (_cell_text(cell) for cell in (*cells, None, None)[:2])
        if not key.strip():
            continue
        if key not in _META_KEYS:
            raise InputError(
                f"unknown key {key!r} (expected one of {', '.join(_META_KEYS)})",
                file=origin,
                line=number,
                field="key",
            )
        texts.setdefault(key, (number, []))[1].append(value)  # rows of one key join up
    for key, (number, parts) in texts.items():
        meta[key] = load_json("".join(parts), origin, line=number, field="value")
    return meta


def read_xlsx(path: str | Path) -> RawModel:
    """Read a workbook with sheets ``entities`` and ``relationships``.

    Raises ``InputError`` naming the workbook, sheet and row of a malformed row.
    """
    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    except _DAMAGED as exc:
        raise InputError(f"not an .xlsx workbook ({_first_line(exc)})", file=str(path)) from None
    try:
        return _read_book(book, path)
    except _DAMAGED as exc:  # a part that unzips or parses badly is read lazily
        raise InputError(f"a damaged .xlsx workbook ({_first_line(exc)})", file=str(path)) from None
    finally:
        book.close()


#: What openpyxl and zipfile raise on a damaged workbook.
_DAMAGED = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ElementTree.ParseError,
    KeyError,
    ValueError,
    OSError,
)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _read_book(book: Any, path: Path) -> RawModel:
    """The tables and metadata of an open workbook (``read_xlsx``)."""
    missing = [name for name in SHEETS if name not in book.sheetnames]
    if missing:
        raise InputError(
            f"no sheet named {missing[0]!r} (the workbook has "
            f"{', '.join(repr(n) for n in book.sheetnames)})",
            file=str(path),
        )
    document: dict[str, Any] = _read_meta(book, path)
    origins = {section: sheet_origin(path, section) for section in SHEETS}
    lines: dict[str, list[int]] = {}
    notes: list[tuple[str, str, str]] = []
    for section in SHEETS:
        records, section_lines = [], []
        for number, row in _sheet_rows(book[section], section, origins[section], notes):
            records.append(RECORD_BUILDERS[section](row, origins[section], number))
            section_lines.append(number)
        document[section], lines[section] = records, section_lines
    locate = table_locator(origins, lines, sheet_origin(path, META_SHEET))
    return RawModel(document=document, origin=str(path), locate=locate, notes=tuple(notes))


def _text_cell(sheet: Any, value: str) -> Any:
    """A cell that holds ``value`` as text, even when it starts with ``=``."""
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def write_xlsx(model: GovernanceModel, path: str | Path) -> None:
    """Write the model as a workbook, atomically (every cell is text). Text that a
    workbook cannot hold (control characters) raises ``InputError``; nothing is written."""
    cells, meta = tables(model), meta_document(model)
    check_xml_safe(cells, meta, str(path), "xlsx")
    check_cell_sizes(cells, XLSX_CELL_LIMIT, str(path), "xlsx")
    with private_tempdir(path):  # openpyxl's own temporary files go there, not /tmp
        book = Workbook(write_only=True)
        try:
            for section, rows in cells.items():
                sheet = book.create_sheet(section)
                sheet.freeze_panes = "A2"  # the header stays in view
                for row in rows:
                    sheet.append([_text_cell(sheet, cell) for cell in row])
            if meta:
                sheet = book.create_sheet(META_SHEET)
                sheet.append(["key", "value"])
                for key, value in meta.items():  # a long value continues on rows of its key
                    text = json.dumps(value, ensure_ascii=False)
                    for part in split_text(text, XLSX_CELL_LIMIT):
                        sheet.append([key, _text_cell(sheet, part)])
            atomic_write(path, book.save, binary=True)
        except BaseException:
            _abandon(book)
            raise


def _abandon(book: Any) -> None:
    """Close the sheets of a workbook whose write failed or was interrupted, so that
    openpyxl does not write to its removed temporary files later."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
