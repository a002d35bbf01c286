"""Reading the tables of an import mapping: rows streamed from CSV files or .xlsx
sheets, each with its line number, and lookup indexes for joins.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "forms.csv").write_text("id,name_en\\ncrown,Crown corporations\\n")
>>> source = TableSource("forms", Table(file="forms.csv"), folder)
>>> [(line, row["name_en"]) for line, row in source.rows()]
[(2, 'Crown corporations')]
>>> source.index("id", ["name_en"])["crown"]
(2, {'name_en': 'Crown corporations'})
"""

from __future__ import annotations

import csv
import difflib
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from govgraph.errors import InputError
from govgraph.importing.spec import Table

__all__ = ["TableSource"]

Row = dict[str, str]


class TableSource:
    """One table of a mapping, named ``name``, its file relative to ``base``."""

    def __init__(self, name: str, table: Table, base: Path) -> None:
        self.name = name
        self.table = table
        self.path = base / table.file
        self.origin = f"{self.path}[{table.sheet}]" if table.sheet else str(self.path)
        self._header: list[str] | None = None

    @property
    def header(self) -> list[str]:
        """The table's column names (read once)."""
        if self._header is None:
            for _ in self._lines():
                break
        assert self._header is not None
        return self._header

    def require(self, columns: Iterable[str], what: str) -> None:
        """Raise ``InputError`` naming every column of ``columns`` the table lacks,
        with the nearest names it has."""
        missing = [column for column in dict.fromkeys(columns) if column not in self.header]
        if not missing:
            return
        hints = []
        for column in missing:
            close = difflib.get_close_matches(column, self.header, n=1, cutoff=0.6)
            hints.append(f"{column!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        raise InputError(
            f"table {self.name!r} has no column {', '.join(hints)} ({what}); "
            f"its columns: {', '.join(self.header)}",
            file=self.origin,
            line=1,
        )

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(line, row) for each non-blank row, streamed (with the table's corrections)."""
        lines = self._lines()
        next(lines, None)
        corrections, key = self.table.corrections, self.table.key
        if not corrections:
            yield from lines
            return
        self.require({column for fix in corrections.values() for column in fix}, "corrections")
        for line, row in lines:
            fix = corrections.get(row.get(key or "", "").strip())
            yield line, {**row, **fix} if fix else row

    def index(
        self, key: str, columns: Iterable[str], names: dict[str, str] | None = None
    ) -> dict[str, tuple[int, Row]]:
        """The rows by the (stripped) cell of ``key``, keeping only ``columns`` (stored
        under ``names[column]`` when given). Two rows with one key are an error only
        when they differ in one of ``columns``."""
        self.require([key, *columns], f"to join on {key!r}")
        kept = [(column, (names or {}).get(column, column)) for column in dict.fromkeys(columns)]
        result: dict[str, tuple[int, Row]] = {}
        for line, row in self.rows():
            cell = row.get(key, "").strip()
            if not cell:
                continue
            values = {name: row.get(column, "") for column, name in kept}
            seen = result.get(cell)
            if seen is None:
                result[cell] = (line, values)
                continue
            for column, name in kept:
                if seen[1][name] != values[name]:
                    raise InputError(
                        f"key {cell!r} of table {self.name!r} is also on line {seen[0]}, "
                        f"with another {column!r} ({seen[1][name]!r}, here {values[name]!r})",
                        file=self.origin,
                        line=line,
                        field=key,
                    )
        return result

    def _lines(self) -> Iterator[tuple[int, Row]]:
        if self.table.sheet is not None or self.path.suffix.lower() == ".xlsx":
            yield from self._sheet_lines()
            return
        try:
            handle = self.path.open(encoding="utf-8-sig", newline="")
        except FileNotFoundError:
            raise InputError(f"no such file (table {self.name!r})", file=self.origin) from None
        with handle:
            reader = csv.reader(handle, strict=True)
            try:
                header = [column.strip() for column in next(reader, [])]
                self._check_header(header)
                yield 1, {}
                end = reader.line_num
                for cells in reader:
                    line, end = end + 1, reader.line_num
                    if not "".join(cells).strip():
                        continue
                    if len(cells) > len(header):
                        raise InputError(
                            f"{len(cells)} fields but the header has {len(header)}",
                            file=self.origin,
                            line=line,
                        )
                    yield line, dict(zip(header, cells, strict=False))
            except csv.Error as exc:
                raise InputError(
                    f"invalid CSV: {exc}", file=self.origin, line=reader.line_num
                ) from None
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text ({exc.reason})", file=self.origin) from None

    def _sheet_lines(self) -> Iterator[tuple[int, Row]]:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        from govgraph.formats.xlsx import _cell_text as cell_text

        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise InputError(f"no such file (table {self.name!r})", file=self.origin) from None
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise InputError(f"not an .xlsx workbook ({exc})", file=self.origin) from None
        try:
            sheet_name = self.table.sheet or book.sheetnames[0]
            if sheet_name not in book.sheetnames:
                raise InputError(
                    f"no sheet {sheet_name!r} (the workbook has {', '.join(book.sheetnames)})",
                    file=str(self.path),
                )
            rows = book[sheet_name].iter_rows(values_only=True)
            header = [cell_text(cell).strip() for cell in next(rows, ())]
            while header and not header[-1]:
                header.pop()
            self._check_header(header)
            yield 1, {}
            for number, cells in enumerate(rows, start=2):
                texts = [cell_text(cell) for cell in cells]
                if any(text.strip() for text in texts):
                    yield number, dict(zip(header, texts, strict=False))
        finally:
            book.close()

    def _check_header(self, header: list[str]) -> None:
        if not header:
            raise InputError("the table is empty: expected a header row", file=self.origin)
        duplicates = sorted({c for c in header if header.count(c) > 1})
        if duplicates:
            raise InputError(
                f"repeated column names: {', '.join(map(repr, duplicates))}",
                file=self.origin,
                line=1,
            )
        self._header = header
