"""The Cypher statements in ``cypher/``, found by name.

Each ``.cypher`` file starts with a header of ``//`` comment lines: ``// name: NAME``,
optionally ``// params: a, b = null`` (named parameters and their defaults) and
``// template: ...`` (placeholders filled only from govgraph's enumerations), then a
description. The body follows; schema files may hold several statements separated by
``;``.

>>> chain = statement("reporting_chain")
>>> chain.params
{'id': Ellipsis, 'date': None, 'include_informal': False}
>>> chain.text.startswith("MATCH p = (start:Entity {id: $id})")
True
>>> "reporting_chain" in analyst_queries()
True
>>> "MERGE (a)-[x:REPORTS_TO {uid:p.uid}]->(b)" in apply_statement()
True
>>> kind_label_statement(EntityKind.working_group).splitlines()[0]
"MATCH (n:Entity {kind:'working_group'}) SET n:WorkingGroup"
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
    "ROW_PARTS",
    "Statement",
    "analyst_queries",
    "apply_statement",
    "kind_label_statement",
    "statement",
    "statements",
    "upsert_statement",
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
        {'kind': 'council', 'date': None}
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


#: What staged rows hold: the model's metadata, entities, relationships (in push order).
ROW_PARTS = ("m", "e", "r")
_UPSERTS = {"m": "upsert_model", "e": "upsert_entities", "r": "upsert_relationships"}


@cache
def upsert_statement(part: str, *, staged: bool) -> str:
    """The statement that upserts one part of a model (``m``, ``e`` or ``r``, see
    ``ROW_PARTS``): from the rows this push staged (``$g``; a part of the swap
    statement) or from a batch sent as ``$rows``. Relationship types come from the
    enumeration only.

    >>> print(upsert_statement("m", staged=False))
    UNWIND $rows AS r
    MERGE (m:GovgraphModel {key:'model'})
    SET m={key:'model',title_en:r[0][0],title_fr:r[1][0],description:r[2][0],rules:r[3][0]}
    """
    if staged:
        source = _render(statement("rows_from_stage"), {"part": part})
    else:
        source = statement("rows_from_parameter").text
    body = [statement(_UPSERTS[part]).text]
    if part == "r":
        template = statement("upsert_relationship_type")
        body += [_render(template, {"type": rel_type.value}) for rel_type in RelationType]
    return "\n".join([source, *body])


@cache
def apply_statement(prune: bool = False) -> str:
    """The one statement that swaps a staged push in: the model's metadata, the
    entities, the relationships, the prune (if asked) and the removal of the staged
    rows.
    """
    parts = [upsert_statement(part, staged=True) for part in ROW_PARTS]
    if prune:
        parts.append(statement("prune_unmarked").text)
    parts.append(statement("apply_stage_end").text)
    return "\n".join(parts)


@cache
def kind_label_statement(kind: EntityKind) -> str:
    """The statement that sets (and clears stale) kind labels for one kind."""
    kind = EntityKind(kind)
    return _render(statement("set_kind_labels"), {"kind": kind.value, "label": kind.label})
