"""Edge-list dialects: the headers other tools give their node and edge tables, read
and written by the CSV directory and ``.xlsx`` readers.

A table's header decides its dialect, by the columns that name the endpoints (for
relationships) or the id (for entities):

=============== ============================ ============================ ===============
dialect         relationships                entities                     used by
=============== ============================ ============================ ===============
``govgraph``    ``from``, ``type``, ``to``   ``id``, ``kind``             govgraph
``kumu``        ``From``, ``Type``, ``To``   ``Label`` (id), ``Type``     Kumu
``gephi``       ``Source``, ``Target``,      ``Id``, ``Label`` (name),    Gephi
                ``Label`` (type) or ``Type`` ``kind``
``networkx``    ``source``, ``target``,      ``id``, ``kind``             networkx,
                ``type`` or ``interaction``                               Cytoscape
``neo4j-admin`` ``:START_ID``, ``:END_ID``,  ``:ID`` / ``name:ID``,       neo4j-admin
                ``:TYPE``                    ``:LABEL``                   database import
=============== ============================ ============================ ===============

Where the endpoints are ``source``/``Source``, a column named so is an endpoint, never
provenance: provenance is then read from (and written to) ``provenance``. A header with
two pairs of endpoint names is ambiguous and refused; a header with none gets one message
that lists every missing column and the nearest known names. Typed neo4j-admin columns
(``formal:boolean``, ``tags:string[]``) are read by their names; labels such as
``WorkingGroup`` are read as kinds.

>>> reading = read_header(["source", "type", "target", "provenance"], "relationships", "r.csv")
>>> reading.dialect, reading.columns
('networkx', ['from', 'type', 'to', 'source'])
>>> read_header(["src", "type", "dst"], "relationships", "r.csv")
Traceback (most recent call last):
...
govgraph.errors.InputError: r.csv:1: no known edge-list header: missing columns 'from', \
'to' (govgraph), or 'source', 'target' (networkx, Cytoscape), or 'Source', 'Target' \
(Gephi), or 'From', 'To' (Kumu), or ':START_ID', ':END_ID' (neo4j-admin); nearest known \
names: 'src' → 'source'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from govgraph.errors import InputError
from govgraph.i18n import text
from govgraph.vocabulary import EntityKind

__all__ = [
    "DIALECTS",
    "WRITABLE_DIALECTS",
    "HeaderReading",
    "dialect_note",
    "read_header",
    "write_tables",
]

Row = dict[str, str]
#: Every dialect by name, with the tools it comes from (for messages).
DIALECTS: dict[str, str] = {
    "govgraph": "govgraph",
    "networkx": "networkx, Cytoscape",
    "gephi": "Gephi",
    "kumu": "Kumu",
    "neo4j-admin": "neo4j-admin",
}
#: The dialects ``write_tables`` (and ``govgraph convert --dialect``) can write.
WRITABLE_DIALECTS: tuple[str, ...] = ("govgraph", "gephi", "kumu", "neo4j-admin")

_NEO4J_ID = re.compile(r"^(?P<name>[^:]*):(?P<role>ID|START_ID|END_ID)(?:\((?P<group>[^)]*)\))?$")
_NEO4J_TYPED = re.compile(r"^(?P<name>[^:]+):(?P<type>[A-Za-z_]+(?:\[\])?)$")
_LABEL_KINDS = {kind.label: kind.value for kind in EntityKind}
_GEPHI_DIRECTIONS = {"", "directed"}


@dataclass(frozen=True)
class HeaderReading:
    """What a table's header says: its dialect, the govgraph column each file column
    stands for (``None`` for a column to drop), and how to adapt a row's values."""

    dialect: str
    columns: list[str]
    renamed: dict[str, str] = field(default_factory=dict)
    adapt: Callable[[Row, str, int], Row] | None = None

    def row(self, cells: Row, origin: str, line: int) -> Row:
        """The row in govgraph's columns (dropped columns removed)."""
        row = self.adapt(cells, origin, line) if self.adapt else cells
        if self._hides:
            row = {column: cell for column, cell in row.items() if not column.startswith(_HIDDEN)}
        return row

    @cached_property
    def _hides(self) -> bool:
        return any(column.startswith(_HIDDEN) for column in self.columns)


#: File columns renamed to a name starting so are read but kept out of the records.
_HIDDEN = "\x00"
_DROP = "\x00drop"

# (dialect, endpoint columns) for relationship tables, in the order messages list them
_REL_ENDPOINTS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("govgraph", ("from", "to")),
    ("networkx", ("source", "target")),
    ("gephi", ("Source", "Target")),
    ("kumu", ("From", "To")),
    ("neo4j-admin", (":START_ID", ":END_ID")),
)
_ENTITY_KEYS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("govgraph", ("id", "kind")),
    ("gephi", ("Id", "kind")),
    ("kumu", ("Label", "Type")),
    ("neo4j-admin", (":ID", ":LABEL")),
)


def _neo4j_name(column: str) -> str | None:
    """The govgraph name of a neo4j-admin column, or ``None`` when it is not one."""
    if column == ":TYPE":
        return "type"
    if column == ":LABEL":
        return "kind"
    if column == ":IGNORE" or column.endswith(":IGNORE"):
        return _DROP
    found = _NEO4J_ID.match(column)
    if found:
        return {"ID": "id", "START_ID": "from", "END_ID": "to"}[found["role"]]
    typed = _NEO4J_TYPED.match(column)
    return typed["name"] if typed else None


def _has_neo4j(header: Sequence[str], role: str) -> bool:
    return any((m := _NEO4J_ID.match(c)) and m["role"] == role for c in header)


def _relationship_dialect(header: Sequence[str], origin: str, line: int) -> str:
    found = []
    for dialect, (start, end) in _REL_ENDPOINTS:
        if dialect == "neo4j-admin":
            if _has_neo4j(header, "START_ID") and _has_neo4j(header, "END_ID"):
                found.append(dialect)
        elif start in header and end in header:
            found.append(dialect)
    if len(found) > 1:
        pairs = " and ".join(
            f"{dict(_REL_ENDPOINTS)[d][0]!r}, {dict(_REL_ENDPOINTS)[d][1]!r}" for d in found
        )
        raise InputError(
            f"ambiguous header: both {pairs} name the endpoints; keep one pair",
            file=origin,
            line=line,
        )
    if found:
        return found[0]
    known = [name for _, pair in _REL_ENDPOINTS for name in pair] + ["type", ":TYPE"]
    raise InputError(
        "no known edge-list header: missing columns "
        + ", or ".join(
            f"{', '.join(repr(c) for c in pair if c not in header)} ({DIALECTS[d]})"
            for d, pair in _REL_ENDPOINTS
        )
        + _nearest(header, known),
        file=origin,
        line=line,
    )


def _entity_dialect(header: Sequence[str], origin: str, line: int) -> str:
    if "id" in header:
        return "govgraph"
    if "Id" in header:
        return "gephi"
    if _has_neo4j(header, "ID") or ":LABEL" in header:
        return "neo4j-admin"
    if "Label" in header and "Type" in header:
        return "kumu"
    if "kind" in header:
        return "govgraph"  # its check names the missing 'id'
    known = sorted({c for _, columns in _ENTITY_KEYS for c in columns})
    raise InputError(
        "no known entity header: missing columns "
        + ", or ".join(
            f"{', '.join(repr(c) for c in columns if c not in header)} ({DIALECTS[d]})"
            for d, columns in _ENTITY_KEYS
        )
        + _nearest(header, known),
        file=origin,
        line=line,
    )


def _nearest(header: Sequence[str], known: Sequence[str]) -> str:
    lowered: dict[str, str] = {}
    for name in known:
        lowered.setdefault(name.lower(), name)
    hints = []
    for column in header:
        if column in known:
            continue
        close = difflib.get_close_matches(column.lower(), list(lowered), n=1, cutoff=0.5)
        if close:
            hints.append(f"{column!r} → {lowered[close[0]]!r}")
    return f"; nearest known names: {', '.join(hints)}" if hints else ""


def _kind_value(row: Row, origin: str, line: int) -> Row:
    """A Kumu ``Type`` (``Working Group``) or neo4j ``:LABEL`` (``WorkingGroup;X``) as a kind."""
    cell = row.get("kind", "")
    for label in cell.split(";"):
        label = label.strip()
        if label in _LABEL_KINDS:
            return {**row, "kind": _LABEL_KINDS[label]}
        slug = re.sub(r"[\s-]+", "_", label).lower()
        if slug in _LABEL_KINDS.values():
            return {**row, "kind": slug}
    return row


def _gephi_direction(row: Row, origin: str, line: int) -> Row:
    direction = row.pop("\x00direction", "")
    if direction.strip().lower() not in _GEPHI_DIRECTIONS:
        raise InputError(
            f"an undirected edge ({direction!r}): govgraph's relationships are directed",
            file=origin,
            line=line,
            field="Type",
        )
    return row


def read_header(header: Sequence[str], table: str, origin: str, line: int = 1) -> HeaderReading:
    """The dialect of a table (``"entities"`` or ``"relationships"``) from its header,
    and the header in govgraph's column names.

    >>> read_header(["Source", "Target", "Type", "Label"], "relationships", "r.csv").columns
    ['from', 'to', '\\x00direction', 'type']
    >>> read_header([":ID", "name_en", ":LABEL"], "entities", "e.csv").columns
    ['id', 'name_en', 'kind']
    """
    if not header:
        return HeaderReading("govgraph", list(header))
    if table == "relationships":
        dialect = _relationship_dialect(header, origin, line)
    else:
        dialect = _entity_dialect(header, origin, line)
    renames: dict[str, str] = {}
    adapt: Callable[[Row, str, int], Row] | None = None
    if dialect == "networkx":
        renames = {"source": "from", "target": "to", "provenance": "source"}
        if "type" not in header and "interaction" in header:
            renames["interaction"] = "type"
    elif dialect == "gephi" and table == "relationships":
        renames = {"Source": "from", "Target": "to", "provenance": "source"}
        if "Label" in header and "Type" in header:
            renames |= {"Label": "type", "Type": "\x00direction"}
            adapt = _gephi_direction
        else:
            renames["Type"] = "type"
    elif dialect == "gephi":
        renames = {"Id": "id", "Label": "name_en" if "name_en" not in header else _DROP}
    elif dialect == "kumu" and table == "relationships":
        renames = {"From": "from", "To": "to", "Type": "type"}
    elif dialect == "kumu":
        renames = {"Label": "id", "Type": "kind"}
        adapt = _kind_value
    elif dialect == "neo4j-admin":
        renames = {c: name for c in header if (name := _neo4j_name(c)) is not None}
        adapt = _kind_value if table == "entities" else None
    columns = [renames.get(column, column) for column in header]
    # each dropped column its own name, so that two ':IGNORE' columns are no repeat
    columns = [f"{c}{i}" if c == _DROP else c for i, c in enumerate(columns)]
    renamed = {c: n for c, n in renames.items() if c in header and n != c}
    return HeaderReading(dialect, columns, renamed, adapt)


def dialect_note(reading: HeaderReading, table: str) -> tuple[str, str] | None:
    """What to tell the user about a table read in another dialect than govgraph's
    (English, French), or ``None``.

    >>> dialect_note(read_header(["source", "type", "target"], "relationships", "r"),
    ...              "relationships")[0]
    "read as the networkx dialect (networkx, Cytoscape): 'source' → from, 'target' → to; \
provenance would be read from a 'provenance' column (there is none)"
    """
    if reading.dialect == "govgraph":
        return None
    moves = ", ".join(
        f"{column!r} → {'(ignored)' if name == _DROP else name.lstrip(_HIDDEN)}"
        for column, name in reading.renamed.items()
        if name != "source"
    )
    values = {"dialect": reading.dialect, "tools": DIALECTS[reading.dialect], "moves": moves}
    english, french = text("dialect_read", "en", **values), text("dialect_read", "fr", **values)
    if table == "relationships" and reading.dialect in ("networkx", "gephi"):
        key = "dialect_provenance" if "provenance" in reading.renamed else "dialect_no_provenance"
        english, french = english + text(key, "en"), french + text(key, "fr")
    return english, french


def _neo4j_label(kind: str) -> str:
    return EntityKind(kind).label if kind in _LABEL_KINDS.values() else kind


#: For writing: (entity header renames, relationship header renames) per dialect.
_WRITE_RENAMES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "govgraph": ({}, {}),
    "gephi": (
        {"id": "Id"},
        {"from": "Source", "to": "Target", "type": "Label", "source": "provenance"},
    ),
    "kumu": ({"id": "Label", "kind": "Type"}, {"from": "From", "to": "To", "type": "Type"}),
    "neo4j-admin": (
        {"id": "id:ID", "kind": ":LABEL", "tags": "tags:string[]"},
        {
            "from": ":START_ID",
            "to": ":END_ID",
            "type": ":TYPE",
            "formal": "formal:boolean",
            "tags": "tags:string[]",
        },
    ),
}


def write_tables(cells: dict[str, list[list[str]]], dialect: str) -> dict[str, list[list[str]]]:
    """The tables of ``rows.tables`` (header first) with the header (and values) of
    ``dialect``; ``read_header`` reads them back to the same columns.

    >>> write_tables({"entities": [["id", "kind"], ["wg", "working_group"]],
    ...               "relationships": [["from", "type", "to"], ["wg", "PART_OF", "jc"]]},
    ...              "neo4j-admin")["entities"]
    [['id:ID', ':LABEL'], ['wg', 'WorkingGroup']]
    """
    if dialect not in _WRITE_RENAMES:
        raise InputError(
            f"unknown dialect {dialect!r} (expected one of {', '.join(WRITABLE_DIALECTS)})"
        )
    entity_renames, relationship_renames = _WRITE_RENAMES[dialect]
    result = {}
    for section, (header, *rows) in cells.items():
        renames = entity_renames if section == "entities" else relationship_renames
        new_header = [renames.get(column, column) for column in header]
        if dialect == "neo4j-admin" and section == "entities":
            at = header.index("kind")
            rows = [[*r[:at], _neo4j_label(r[at]), *r[at + 1 :]] for r in rows]
        if dialect == "gephi" and section == "entities":
            new_header.insert(1, "Label")
            at = header.index("name_en")
            rows = [[r[0], r[at] or r[0], *r[1:]] for r in rows]
        if dialect == "gephi" and section == "relationships":
            new_header.insert(2, "Type")
            rows = [[*r[:2], "Directed", *r[2:]] for r in rows]
        result[section] = [new_header, *rows]
    return result
