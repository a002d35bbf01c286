"""The one JSON reader for everything govgraph reads as JSON (model documents, Popolo,
JSON-LD, attribute cells of CSV and xlsx, ``rules`` kept in GraphML, RDF or a
workbook): strict JSON only.

* ``NaN``, ``Infinity`` and ``-Infinity`` are refused (they are not JSON, and no other
  tool reads them back);
* integers outside the 64-bit range are refused (no store or spreadsheet keeps them);
* a key given twice in one object is refused;
* nesting deeper than ``MAX_DEPTH`` (the YAML loader's limit) is refused.

Each refusal raises ``InputError`` naming the file and line.

>>> load_json('{"a": [1, 2.5, "x"]}', "m.json")
{'a': [1, 2.5, 'x']}
>>> load_json('{"a": NaN}', "m.json")
Traceback (most recent call last):
...
govgraph.errors.InputError: m.json:1: invalid JSON: NaN is not a JSON number
"""

from __future__ import annotations

import json
import re
from typing import Any

from govgraph.errors import InputError
from govgraph.limits import MAX_DEPTH, MAX_INTEGER

__all__ = ["JsonRefused", "load_json", "parse_json"]

_TOKEN = r'(?P<hit>{})|"(?:[^"\\]|\\.)*"'


class JsonRefused(ValueError):
    """Text that is not strict JSON, or breaks a limit; ``token`` is what to locate."""

    def __init__(self, message: str, token: str | None = None, occurrence: int = 1) -> None:
        super().__init__(message)
        self.token = token
        self.occurrence = occurrence


def _constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a JSON number", re.escape(name))


def _integer(text: str) -> int:
    if len(text) > 20 or abs(int(text)) > MAX_INTEGER:
        raise JsonRefused(
            f"integer {text[:20]}{'...' if len(text) > 20 else ''} is too large (64 bits at most)",
            re.escape(text[:20]),
        )
    return int(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonRefused(
                    f"key {key!r} given twice", re.escape(json.dumps(key)) + r"\s*:", 2
                )
            seen.add(key)
    return result


def _check_depth(value: Any) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise JsonRefused(f"nested more than {MAX_DEPTH} levels deep")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))


def parse_json(text: str) -> Any:
    """The value ``text`` holds; ``JsonRefused`` (a ``ValueError``) or
    ``json.JSONDecodeError`` when it is not strict JSON within the limits.

    >>> parse_json("[1e999]")
    Traceback (most recent call last):
    ...
    govgraph.formats.safe_json.JsonRefused: 1e999 is not a finite number
    """
    try:
        value = json.loads(
            text,
            parse_constant=_constant,
            parse_int=_integer,
            object_pairs_hook=_object,
            parse_float=_float,
        )
    except RecursionError:
        raise JsonRefused(f"nested more than {MAX_DEPTH} levels deep") from None
    if isinstance(value, dict | list):
        _check_depth(value)
    return value


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonRefused(f"{text} is not a finite number", re.escape(text))
    return value


def _line(text: str, token: str | None, occurrence: int) -> int | None:
    if token is None:
        return None
    for match in re.finditer(_TOKEN.format(token), text):
        if match.group("hit") is not None:
            occurrence -= 1
            if not occurrence:
                return text.count("\n", 0, match.start()) + 1
    return None


def load_json(text: str, origin: str, *, line: int | None = None, field: str | None = None) -> Any:
    """``parse_json`` of ``text`` read from ``origin``; ``InputError`` naming the file
    and line otherwise (``line`` and ``field``, when given, locate the whole text, e.g.
    one cell of a table)."""
    try:
        return parse_json(text)
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise InputError(f"invalid JSON: {exc.msg}", file=origin, line=where, field=field) from None
    except JsonRefused as exc:
        where = line if line is not None else _line(text, exc.token, exc.occurrence)
        raise InputError(f"invalid JSON: {exc}", file=origin, line=where, field=field) from None
