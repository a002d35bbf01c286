"""Finding entities by what people call them: ids, names and acronyms in English and
French, ignoring case and accents.

``find_entities`` answers "which entities match this text?"; ``resolve_entity`` turns
what a user typed where an id is expected (an id, a unique acronym or a unique name)
into the id, with "did you mean" over ids and names when nothing matches.

>>> from govgraph.graph import to_graph
>>> from govgraph.model import GovernanceModel
>>> graph = to_graph(GovernanceModel.model_validate({"entities": [
...     {"id": "pssdc", "kind": "council", "acronym": {"en": "PSSDC", "fr": "CPSSP"},
...      "name": {"en": "Public Sector Service Delivery Council",
...               "fr": "Conseil sur la prestation des services du secteur public"}}]}))
>>> resolve_entity(graph, "cpssp"), resolve_entity(graph, "conseil sur la préstation "
...     "des services du secteur public")
('pssdc', 'pssdc')
>>> find_entities(graph, "PRESTATION")
[{'id': 'pssdc', 'kind': 'council', 'matched': 'name.fr', 'text': 'Conseil sur la prestation des services du secteur public'}]
"""  # noqa: E501

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

import networkx as nx

from govgraph.analysis._view import GraphView, suggest
from govgraph.errors import InputError, UnknownEntityError
from govgraph.i18n import Phrase

__all__ = ["find_entities", "fold", "initials", "list_entities", "resolve_entity"]

#: How many matches ``find_entities`` returns at most, by default.
DEFAULT_FIND_LIMIT = 50


def fold(value: str) -> str:
    """``value`` without case or accents, for comparing what people type.

    >>> fold("Conseil sur la Prestation des Services — CPSSP"), fold("Québec")
    ('conseil sur la prestation des services — cpssp', 'quebec')
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).strip()


def _labels(node: Any, data: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, text) for each way an entity is called: id, names, acronyms."""
    yield "id", str(node)
    for field in ("acronym", "name"):
        for lang, value in (data.get(field) or {}).items():
            if value:
                yield f"{field}.{lang}", value


def find_entities(
    graph: nx.MultiDiGraph,
    query: str,
    *,
    kind: str | None = None,
    limit: int | None = DEFAULT_FIND_LIMIT,
    as_of: str | date | None = None,
) -> list[dict[str, Any]]:
    """The entities whose id, name or acronym (either language) contains ``query``,
    ignoring case and accents: exact matches first, then those starting with it, then
    the rest, each group by id. Each row: ``{id, kind, matched, text}`` (the field that
    matched, e.g. ``acronym.fr``, and its text). Only entities valid on ``as_of``
    count (every entity when None).

    >>> from govgraph.analysis._demo import demo_graph
    >>> [row["id"] for row in find_entities(demo_graph(), "INTELLIGENCE")]
    ['data-driven-intelligence-wg']
    """
    wanted = fold(query)
    if not wanted:
        raise InputError(Phrase("analysis.empty_text"), field="TEXT")
    view = GraphView(graph, as_of)
    found: list[tuple[int, str, dict[str, Any]]] = []
    for node, data in graph.nodes(data=True):
        if (kind is not None and data.get("kind") != kind) or not view.data_ok(data):
            continue
        best: tuple[int, str, str] | None = None
        for field, label in _labels(node, data):
            folded = fold(label)
            if wanted not in folded:
                continue
            rank = 0 if folded == wanted else 1 if folded.startswith(wanted) else 2
            if best is None or rank < best[0]:
                best = (rank, field, label)
        if best is not None:
            row = {"id": str(node), "kind": data.get("kind"), "matched": best[1], "text": best[2]}
            found.append((best[0], str(node), row))
    found.sort(key=lambda item: (item[0], item[1]))
    rows = [row for _, _, row in found]
    return rows if limit is None else rows[:limit]


def list_entities(
    graph: nx.MultiDiGraph, *, kind: str | None = None, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """Every entity (of ``kind`` if given) valid on ``as_of`` (all when None), in model
    order: ``{id, kind, name, acronym, valid_from, valid_to}``, names and acronyms as
    ``{en, fr}``.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [row["id"] for row in list_entities(demo_graph(), kind="council")]
    ['joint-councils', 'pssdc', 'pscioc']
    """
    view = GraphView(graph, as_of)
    return [
        {
            "id": str(node),
            "kind": data.get("kind"),
            "name": dict(data.get("name") or {}),
            "acronym": dict(data.get("acronym") or {}),
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
        }
        for node, data in graph.nodes(data=True)
        if (kind is None or data.get("kind") == kind) and view.data_ok(data)
    ]


def resolve_entity(graph: nx.MultiDiGraph, given: str) -> str:
    """The id ``given`` stands for: itself if it is an id; else the one entity whose
    acronym or name (either language, ignoring case and accents) equals it.

    Raises ``InputError`` when several entities are called that, naming them, and
    ``UnknownEntityError`` when none is, suggesting close ids and names.

    >>> from govgraph.analysis._demo import demo_graph
    >>> resolve_entity(demo_graph(), "Joint-Councils")
    'joint-councils'
    >>> resolve_entity(demo_graph(), "Data Driven Inteligence Working Group")
    Traceback (most recent call last):
    ...
    govgraph.errors.UnknownEntityError: unknown id 'Data Driven Inteligence Working Group'; did you mean 'data-driven-intelligence-wg'?
    """  # noqa: E501
    if given in graph:
        return given
    wanted = fold(given)
    matches = [
        str(node)
        for node, data in graph.nodes(data=True)
        if any(fold(label) == wanted for field, label in _labels(node, data) if field != "id")
        or fold(str(node)) == wanted
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(repr(m) for m in sorted(matches)[:5])
        raise InputError(Phrase("analysis.ambiguous", given=given, shown=shown))
    raise UnknownEntityError(given, _suggestions(graph, given))


def initials(value: str) -> str:
    """The first letter of each word of ``value``, folded, for a short form people make
    up ("ddi-wg" for the Data-Driven Intelligence Working Group).

    >>> initials("Data-Driven Intelligence Working Group")
    'ddiwg'
    """
    return "".join(word[0] for word in _WORDS.findall(fold(value)))


_WORDS = re.compile(r"[^\W_]+")


def _suggestions(graph: nx.MultiDiGraph, given: str, limit: int = 3) -> list[str]:
    """Close ids, then the ids of entities whose name's initials are what was typed
    ("ddi-wg"), then those with close names or acronyms.

    >>> from govgraph.formats import load_model
    >>> from govgraph.graph import to_graph
    >>> _suggestions(to_graph(load_model("fixtures/joint-councils.yaml")), "ddi-wg")
    ['data-driven-intelligence-wg']
    """
    close = suggest(graph, given, limit)
    if len(close) >= limit or graph.number_of_nodes() > 50_000:
        return close
    typed = "".join(_WORDS.findall(fold(given)))
    by_label: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        for field, label in _labels(node, data):
            if field == "id":
                continue
            by_label.setdefault(fold(label), str(node))
            named = field.startswith("name.") and len(typed) >= 2
            if named and initials(label) == typed and str(node) not in close:
                close.append(str(node))
    for label in difflib.get_close_matches(fold(given), list(by_label), n=limit, cutoff=0.6):
        if by_label[label] not in close:
            close.append(by_label[label])
    return close[:limit]
