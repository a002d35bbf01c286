"""JSON-LD contexts without the network: reading a ``.jsonld`` model never fetches a
remote context nor reads a local file a context names.

A JSON-LD processor dereferences every ``"@context": "<IRI>"`` (and ``@import``) it
meets: an HTTP request to whatever host the file names, or a read of a ``file:`` or
relative path. Before rdflib sees the document, every context reference is replaced by
a built-in copy (``BUILT_IN_CONTEXTS``: the namespace prefixes of W3C ORG and Popolo;
the ORG reader adds govgraph's own export context), and any other reference is refused with a
message naming the file. Inline contexts (objects) are kept as they are.

>>> doc = {"@context": "https://www.w3.org/ns/org.jsonld", "@id": "x"}
>>> inline_contexts(doc, "m.jsonld")["@context"]["org"]
'http://www.w3.org/ns/org#'
>>> inline_contexts({"@context": "http://127.0.0.1:28080/ctx.json"}, "m.jsonld")
Traceback (most recent call last):
...
govgraph.errors.InputError: m.jsonld: @context: refusing to fetch the JSON-LD context \
'http://127.0.0.1:28080/ctx.json' (only built-in contexts are used: \
https://www.w3.org/ns/org.jsonld, ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govgraph.errors import InputError

__all__ = ["BUILT_IN_CONTEXTS", "GOVGRAPH_CONTEXT_IRI", "inline_contexts"]

_PREFIXES = {
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
_POPOLO = {
    **_PREFIXES,
    "popolo": "http://www.popoloproject.com/schemas/",
    "opengov": "http://www.w3.org/ns/opengov#",
}

#: The IRI govgraph's export context is known by.
GOVGRAPH_CONTEXT_IRI = "https://w3id.org/govgraph/context.jsonld"


#: Context IRIs resolved from these copies (never fetched), by IRI.
BUILT_IN_CONTEXTS: dict[str, Any] = {
    "https://www.w3.org/ns/org.jsonld": _PREFIXES,
    "http://www.w3.org/ns/org.jsonld": _PREFIXES,
    **{
        f"{scheme}://www.popoloproject.com/contexts/{name}.jsonld": _POPOLO
        for scheme in ("http", "https")
        for name in ("popolo", "person", "organization", "membership", "post", "area", "event")
    },
}


def _resolve(reference: str, origin: str, known: Mapping[str, Any]) -> dict[str, Any]:
    found = known.get(reference)
    if found is None:
        names = ", ".join(list(known)[:1])
        raise InputError(
            f"refusing to fetch the JSON-LD context {reference[:200]!r} "
            f"(only built-in contexts are used: {names}, ...)",
            file=origin,
            field="@context",
        )
    return dict(found)


def _context_value(value: Any, origin: str, known: Mapping[str, Any]) -> Any:
    if isinstance(value, str):
        return _resolve(value, origin, known)
    if isinstance(value, list):
        return [_context_value(item, origin, known) for item in value]
    if isinstance(value, dict) and "@import" in value:
        imported = value["@import"]
        if not isinstance(imported, str):
            raise InputError("@import must name a context", file=origin, field="@context")
        return {
            **_resolve(imported, origin, known),
            **{k: v for k, v in value.items() if k != "@import"},
        }
    return value


def inline_contexts(
    document: Any, origin: str, own: Mapping[str, Mapping[str, Any]] | None = None
) -> Any:
    """``document`` with every context reference, at any depth, replaced by its
    built-in copy (``BUILT_IN_CONTEXTS``, and the reader's ``own`` contexts by IRI);
    ``InputError`` for a reference that has none. Walks without recursion; changes the
    document in place and returns it."""
    known = {**(own or {}), **BUILT_IN_CONTEXTS}
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "@context" in item:
                item["@context"] = _context_value(item["@context"], origin, known)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return document
