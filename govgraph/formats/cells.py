"""The one cell encoder for text that goes into a spreadsheet cell (the CSV form,
``--format csv`` output and the ``.xlsx`` workbook).

**Formulas.** A spreadsheet opening a CSV file runs a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)``,
``+cmd|' /C calc'!A0``). As the OWASP CSV-injection guidance says, such a cell is
written with a leading apostrophe, which spreadsheets show as text. The CSV reader
takes the apostrophe off again, so a round trip gives back exactly what was written:
a value that itself starts with apostrophes before a trigger gets one more, and a
plain number (``-5``, ``+1.5``) is left as is (a spreadsheet reads it as a number).

>>> guard_formula("=HYPERLINK(x)"), guard_formula("-5"), guard_formula("Toronto")
("'=HYPERLINK(x)", '-5', 'Toronto')
>>> all(unguard_formula(guard_formula(v)) == v for v in ["=1", "'=1", "''@x", "'a", "-5"])
True

**Sizes.** ``CSV_FIELD_LIMIT`` is both the largest cell the CSV writer writes and what
the CSV reader accepts; an ``.xlsx`` cell holds at most ``XLSX_CELL_LIMIT`` characters.
``check_cell_sizes`` refuses, naming the record and column, a table that does not fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govgraph.errors import InputError

__all__ = [
    "CSV_FIELD_LIMIT",
    "FORMULA_TRIGGERS",
    "XLSX_CELL_LIMIT",
    "check_cell_sizes",
    "guard_formula",
    "unguard_formula",
]

#: What makes a spreadsheet read a cell as a formula (OWASP), with full-width forms.
FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
#: The largest CSV field written and read (characters).
CSV_FIELD_LIMIT = 2**24
#: The largest text an Excel cell holds.
XLSX_CELL_LIMIT = 32_767
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")


def _needs_guard(text: str) -> bool:
    """Whether ``text`` would be read as a formula, or starts with apostrophes that
    the reader would otherwise take for a guard."""
    stripped = text.lstrip("'")
    return bool(stripped) and stripped[0] in FORMULA_TRIGGERS and not _NUMBER.match(stripped)


def guard_formula(text: str) -> str:
    """``text`` as a cell no spreadsheet runs; ``unguard_formula`` gives it back."""
    return f"'{text}" if _needs_guard(text) else text


def unguard_formula(cell: str) -> str:
    """The text ``guard_formula`` was given for ``cell``.

    >>> unguard_formula("'=1+1"), unguard_formula("'t Hooft"), unguard_formula("'-5")
    ('=1+1', "'t Hooft", "'-5")
    """
    if cell[:1] == "'" and _needs_guard(cell[1:]):
        return cell[1:]
    return cell


def check_cell_sizes(tables: dict[str, list[list[str]]], limit: int, origin: str, fmt: str) -> None:
    """Raise ``InputError`` naming the record and column of the first cell longer than
    ``limit``; ``tables`` are those of ``govgraph.formats.rows.tables``.

    >>> table = {"entities": [["id", "description"], ["jc", "x" * 9]]}
    >>> check_cell_sizes(table, 8, "m.xlsx", "xlsx")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: m.xlsx: entities 'jc' description: 9 characters; xlsx \
keeps at most 8 in a cell (shorten it, or write another format)
    """
    for section, (header, *rows) in tables.items():
        for row in rows:
            for column, cell in zip(header, row, strict=False):
                if len(cell) > limit:
                    raise InputError(
                        f"{len(cell):,} characters; {fmt} keeps at most {limit:,} in a cell "
                        "(shorten it, or write another format)",
                        file=origin,
                        field=f"{section} {row[0]!r} {column}",
                    )


def split_text(text: str, size: int) -> Sequence[str]:
    """``text`` in pieces of at most ``size`` characters (at least one piece).

    >>> split_text("abcde", 2)
    ['ab', 'cd', 'e']
    """
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]
