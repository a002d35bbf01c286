"""The Cypher statements in ``cypher/``, found by name.

Each ``.cypher`` file starts with a header of ``//`` comment lines: ``// name: NAME``,
optionally ``// params: a, b = null`` (named parameters and their defaults) and
``// template: ...`` (placeholders filled only from govgraph's enumerations), then a
description. The body follows; schema files may hold several statements separated by
``;``.

>>> chain = statement("reporting_chain")
>>> chain.params
{'id': Ellipsis, 'date': None, 'include_informal': False, 'model': 'default'}
>>> chain.text.startswith("MATCH (model:GovgraphModel {key: $model})")
True
>>> "reporting_chain" in analyst_queries()
True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from govgraph.errors import InputError
from govgraph.resources import cypher_dir
from govgraph.vocabulary import EntityKind, RelationType

__all__ = [
    "ANALYST_QUERIES",
    "REQUIRED",
    "Statement",
    "analyst_queries",
    "entity_statement",
    "relationship_statement",
    "statement",
    "statements",
]

#: The named queries for analysts (``govgraph db query NAME``), in the order shown.
ANALYST_QUERIES: tuple[str, ...] = (
    "reporting_chain",
    "subordinates",
    "orphans",
    "multiple_formal_parents",
    "overlapping_memberships",
    "bodies_of_kind",
)
#: The default of a parameter that has none: the caller must give it.
REQUIRED: Any = ...

_HEADER = re.compile(r"^//\s*(name|params|template):\s*(.*)$")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Statement:
    """One ``.cypher`` file: its name, description, parameters (name → default, or
    ``REQUIRED``), template placeholders and body text."""

    name: str
    description: str
    text: str
    params: dict[str, Any] = field(default_factory=dict)
    placeholders: tuple[str, ...] = ()

    @property
    def parts(self) -> list[str]:
        """The body split into single statements (schema files hold several)."""
        return [part.strip() for part in self.text.split(";") if part.strip()]

    def parameters(self, given: dict[str, Any]) -> dict[str, Any]:
        """``given`` completed with the defaults; unknown or missing ones raise
        ``InputError``.

        >>> statement("bodies_of_kind").parameters({"kind": "council"})
        {'kind': 'council', 'date': None, 'model': 'default'}
        """
        unknown = sorted(set(given) - set(self.params))
        if unknown:
            expected = ", ".join(self.params) or "none"
            raise InputError(
                f"query {self.name!r} has no parameter {unknown[0]!r} (parameters: {expected})"
            )
        values = {key: given.get(key, default) for key, default in self.params.items()}
        missing = [key for key, value in values.items() if value is REQUIRED]
        if missing:
            raise InputError(f"query {self.name!r} needs the parameter {missing[0]!r}")
        return values


def _default(text: str) -> Any:
    try:
        return json.loads(text.replace("'", '"'))
    except json.JSONDecodeError:
        raise ValueError(f"bad parameter default {text!r}") from None


def _parse(name: str, source: str) -> Statement:
    header: dict[str, str] = {}
    description: list[str] = []
    body: list[str] = []
    for line in source.splitlines():
        if body or not line.startswith("//"):
            if line.strip() or body:
                body.append(line)
            continue
        match = _HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2).strip()
        else:
            description.append(line[2:].strip())
    if header.get("name") != name:
        raise ValueError(f"cypher/{name}.cypher must start with '// name: {name}'")
    params: dict[str, Any] = {}
    for item in filter(None, (p.strip() for p in header.get("params", "").split(","))):
        key, _, default = (part.strip() for part in item.partition("="))
        params[key] = _default(default) if default else REQUIRED
    text = "\n".join(body).strip()
    return Statement(
        name=name,
        description=" ".join(d for d in description if d),
        text=text,
        params=params,
        placeholders=tuple(dict.fromkeys(_PLACEHOLDER.findall(text))),
    )


@cache
def statements() -> dict[str, Statement]:
    """Every statement in ``cypher/``, by name."""
    return {
        path.stem: _parse(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(cypher_dir().glob("*.cypher"))
    }


def statement(name: str) -> Statement:
    """The statement called ``name``; ``InputError`` naming the known ones if none."""
    try:
        return statements()[name]
    except KeyError:
        known = ", ".join(ANALYST_QUERIES)
        raise InputError(f"no query named {name!r} (named queries: {known})") from None


def analyst_queries() -> dict[str, Statement]:
    """The named analyst queries, in display order."""
    return {name: statement(name) for name in ANALYST_QUERIES}


def _render(template: Statement, values: dict[str, str]) -> str:
    if set(values) != set(template.placeholders):
        raise ValueError(f"{template.name} needs {template.placeholders}")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template.text)


@cache
def entity_statement(name: str, kind: EntityKind) -> str:
    """``create_entities`` or ``update_entities`` for one kind: its label, and for an
    update the other kinds' labels to remove.

    >>> text = entity_statement("create_entities", EntityKind.working_group)
    >>> [line for line in text.splitlines() if line.startswith("CREATE")]
    ['CREATE (n:Entity:WorkingGroup {']
    """
    kind = EntityKind(kind)
    template = statement(name)
    values = {"label": kind.label}
    if "other_labels" in template.placeholders:
        values["other_labels"] = ":".join(k.label for k in EntityKind if k is not kind)
    return _render(template, values)


@cache
def relationship_statement(name: str, rel_type: RelationType) -> str:
    """``create_relationships`` or ``update_relationships`` for one relationship type.

    >>> relationship_statement("create_relationships", RelationType("REPORTS_TO")).count(
    ...     "[x:REPORTS_TO {")
    1
    """
    return _render(statement(name), {"type": RelationType(rel_type).value})
