"""A client-side guard for ad-hoc Cypher: refuse anything that could write.

``govgraph db cypher`` runs analysts' Cypher in a READ transaction, but FalkorDB does
not enforce the READ access mode, so the read-only promise cannot rest on the server.
This guard tokenizes the query (strings, comments, backtick-quoted names and parameters
are never mistaken for keywords) and refuses write clauses (CREATE, MERGE, SET, DELETE,
DETACH, REMOVE, DROP, FOREACH, LOAD CSV, administration commands), procedure calls that
are not on a list of read-only procedures, and several statements in one string.

>>> check_read_only("MATCH (n:Entity {name_en: 'CREATE (x)'}) // SET n.a = 1\\nRETURN n.id")
>>> try:
...     check_read_only("MATCH (n) SET n.name_en = 'x'")
... except WriteRefusedError as exc:
...     print(str(exc)[:52])
refused: the query writes (SET at line 1, column 11)
>>> [t.text for t in tokenize("RETURN `weird``name`, $p, 'it''s'") if t.kind != "space"]
['RETURN', '`weird``name`', ',', '$p', ',', "'it''s'"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.errors import InputError

__all__ = [
    "READ_PROCEDURES",
    "TEMPORAL_FUNCTIONS",
    "WRITE_KEYWORDS",
    "Token",
    "WriteRefusedError",
    "check_read_only",
    "tokenize",
]

#: Keywords that start a write or an administration command.
WRITE_KEYWORDS: frozenset[str] = frozenset(
    {
        "CREATE",
        "MERGE",
        "SET",
        "DELETE",
        "DETACH",
        "REMOVE",
        "DROP",
        "FOREACH",
        "LOAD",
        "ALTER",
        "GRANT",
        "DENY",
        "REVOKE",
        "RENAME",
        "START",
        "STOP",
        "TERMINATE",
        "ENABLE",
        "DEALLOCATE",
        "REALLOCATE",
    }
)

#: Procedures ``CALL`` may run: they only read.
READ_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.indexes",
        "db.constraints",
        "db.info",
        "db.ping",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.idx.fulltext.queryNodes",
        "dbms.components",
        "dbms.procedures",
        "dbms.functions",
    }
)

#: Functions that build temporal values: FalkorDB crashes when one reaches a Bolt reply.
TEMPORAL_FUNCTIONS: frozenset[str] = frozenset(
    {"date", "datetime", "localdatetime", "time", "localtime", "duration"}
)

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|\d+|`(?:[^`]|``)*`))
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<symbol>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class WriteRefusedError(InputError):
    """An ad-hoc query that could write (or that the guard cannot read safely)."""


@dataclass(frozen=True)
class Token:
    """A lexical token: its kind (space, comment, string, quoted, param, number, word,
    symbol), its text and where it starts (1-based line and column)."""

    kind: str
    text: str
    line: int
    column: int


def tokenize(query: str) -> list[Token]:
    """Split a Cypher query into tokens; an unterminated string, comment or quoted
    name raises ``WriteRefusedError`` (the guard will not guess where it ends)."""
    tokens: list[Token] = []
    position, line, line_start = 0, 1, 0
    while position < len(query):
        match = _TOKEN.match(query, position)
        assert match is not None  # the symbol alternative matches any character
        kind = match.lastgroup or "symbol"
        text = match.group()
        if kind == "symbol" and (text in "'\"`" or query.startswith("/*", position)):
            what = _WHAT.get(text, "comment")
            raise WriteRefusedError(
                f"refused: unterminated {what} at line {line}, column {position - line_start + 1}"
            )
        tokens.append(Token(kind, text, line, position - line_start + 1))
        newlines = text.count("\n")
        if newlines:
            line += newlines
            line_start = position + text.rindex("\n") + 1
        position = match.end()
    return tokens


_WHAT = {"'": "string", '"': "string", "`": "quoted name", "/*": "comment"}


def _refuse(what: str, token: Token) -> WriteRefusedError:
    return WriteRefusedError(
        f"refused: {what} ({token.text} at line {token.line}, column {token.column}); "
        "db cypher only runs read-only queries"
    )


def check_read_only(query: str, *, forbid_temporal: bool = False) -> None:
    """Raise ``WriteRefusedError`` unless ``query`` is a single read-only statement.

    With ``forbid_temporal`` (FalkorDB), temporal functions such as ``date()`` are
    refused too: a temporal value in a Bolt reply crashes that server.

    >>> check_read_only("CALL db.labels() YIELD label RETURN label")
    >>> try:
    ...     check_read_only("CALL apoc.create.node(['X'], {})")
    ... except WriteRefusedError as exc:
    ...     print(str(exc).split("(")[1].split(" at")[0])
    apoc.create.node
    """
    tokens = [t for t in tokenize(query) if t.kind not in ("space", "comment")]
    if not tokens:
        raise WriteRefusedError("refused: the query is empty")
    for index, token in enumerate(tokens):
        before = tokens[index - 1].text if index else ""
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if token.kind == "symbol" and token.text == ";" and index != len(tokens) - 1:
            raise _refuse("several statements in one query", token)
        if token.kind != "word":
            continue
        # a property (n.set), a label or type (:Create), or a map key ({set: 1})
        if before in (".", ":") or (after == ":" and before in ("{", ",")):
            continue
        upper = token.text.upper()
        if upper in WRITE_KEYWORDS:
            raise _refuse("the query writes", token)
        if upper == "CALL" and after not in ("{", "("):
            name = _procedure_name(tokens, index + 1)
            if name not in READ_PROCEDURES:
                shown = Token(token.kind, name or after, token.line, tokens[index + 1].column)
                raise _refuse("a procedure that is not known to be read-only", shown)
        if forbid_temporal and token.text.lower() in TEMPORAL_FUNCTIONS and after in ("(", "."):
            raise WriteRefusedError(
                f"refused: {token.text}() at line {token.line}, column {token.column}: "
                "temporal values crash FalkorDB's Bolt replies; dates are stored as ISO strings"
            )


def _procedure_name(tokens: list[Token], start: int) -> str:
    parts: list[str] = []
    index = start
    while index < len(tokens) and tokens[index].kind in ("word", "quoted"):
        text = tokens[index].text
        parts.append(text[1:-1].replace("``", "`") if tokens[index].kind == "quoted" else text)
        if index + 1 < len(tokens) and tokens[index + 1].text == ".":
            index += 2
            continue
        break
    return ".".join(parts)
