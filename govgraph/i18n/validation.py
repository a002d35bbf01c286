"""pydantic's validation errors in govgraph's words, in either language.

pydantic describes an error by a ``type`` (``missing``, ``int_parsing``…) and a
``ctx`` of values; its ``msg`` is English only. ``phrase_of(error)`` gives the error as
a ``Phrase`` of the catalogue (keys ``pydantic.<type>``), so that it is said in the
language of the command; a type the catalogue does not know is said as
``pydantic.other`` (an invalid value, with its type), never with pydantic's English.
A ``ValueError`` raised by a validator carries its own ``Phrase``.

>>> error = {"type": "int_parsing", "loc": ("count",), "input": "many", "ctx": {}}
>>> phrase_of(error).said_in("fr")
"nombre entier attendu, reçu 'many'"
>>> error = {"type": "extra_forbidden", "loc": ("acronyms",), "input": 1}
>>> phrase_of(error, fields=["acronym", "name"]).said_in("en")
"unknown field 'acronyms'; did you mean 'acronym'?"
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from govgraph.i18n import Phrase, catalogue, translate_message

__all__ = ["hint", "phrase_of"]

#: pydantic types said with the words of another type.
_SAME_AS = {
    "int_type": "int_parsing",
    "int_from_float": "int_parsing",
    "float_type": "float_parsing",
    "bool_type": "bool_parsing",
    "tuple_type": "list_type",
    "set_type": "list_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing",
    "datetime_parsing": "date_parsing",
    "datetime_type": "date_parsing",
    "string_unicode": "string_type",
    "literal_error": "enum",
    "union_tag_invalid": "enum",
}


def _shown(value: Any) -> str:
    """A value as an error message quotes it (cut when long)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def hint(value: object, choices: Sequence[str]) -> Phrase | str:
    """``; did you mean 'x'?`` for the closest of ``choices``, else nothing.

    >>> hint("councl", ["council", "table"]).said_in("fr")
    ' ; vouliez-vous dire « council » ?'
    >>> hint("zzz", ["council"])
    ''
    """
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return Phrase("hint.did_you_mean", value=close[0]) if close else ""


def phrase_of(
    error: Mapping[str, Any], *, fields: Sequence[str] = (), choices: Sequence[str] = ()
) -> Phrase:
    """A pydantic error (an item of ``ValidationError.errors()``) as a ``Phrase``.
    ``fields`` are the known field names (for a misspelt one), ``choices`` the allowed
    values of an enumeration (else read from the error)."""
    kind = str(error["type"])
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    last = str(error["loc"][-1]) if error.get("loc") else ""
    if kind == "value_error" and isinstance(ctx.get("error"), BaseException):
        inner = ctx["error"]
        if inner.args and isinstance(inner.args[0], Phrase):
            return inner.args[0]
        words = str(inner)
        return Phrase("pydantic.value_error", message=lambda lang: translate_message(words, lang))
    if kind == "extra_forbidden":
        return Phrase("pydantic.extra_forbidden", field=last, hint=hint(last, fields))
    if kind == "missing":
        return Phrase("pydantic.missing", field=last)
    kind = _SAME_AS.get(kind, kind)
    if kind == "enum":
        allowed = list(choices) or re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if not allowed and "expected_tags" in ctx:
            allowed = re.findall(r"'([^']*)'", str(ctx["expected_tags"]))
        shown = ctx.get("tag", value)
        return Phrase(
            "pydantic.enum",
            value=_shown(shown),
            choices=", ".join(allowed),
            hint=hint(shown, allowed),
        )
    key = f"pydantic.{kind}"
    if key not in catalogue():
        return Phrase("pydantic.other", type=kind, value=_shown(value))
    values = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    return Phrase(key, value=_shown(value), **values)
