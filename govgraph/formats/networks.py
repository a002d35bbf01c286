"""GraphML (``.graphml``, export and import) and GEXF (``.gexf``, export) through
networkx's own writers, for Gephi, yEd, Cytoscape and the like.

Both formats hold flat attributes, so the graph is written in the spreadsheet form's
columns (``govgraph.formats.rows``): nodes carry ``label`` (the English name, else the
French one), ``kind``, ``name_en``, ``name_fr``, ``acronym_en``, ``acronym_fr``,
``description``, ``valid_from``, ``valid_to``, ``tags`` (``a;b``), ``source``,
``identifiers`` (``scheme=value;...``), ``description_en`` / ``description_fr`` (a
description given in both languages) and one ``attr.<name>`` per attribute (a number
when every value of that attribute is a number, else the cell text); edges carry
``type`` (``relation`` in GEXF, where ``type`` means directed/undirected), ``label``,
``formal``, ``role``, ``level``, ``service``, ``valid_from``, ``valid_to``, ``tags``,
``source`` and ``attr.<name>``. The model's title, description and rules are graph
attributes. Empty values are left out.

GEXF is written in dynamic mode when anything has dates: each node and edge gets
``start`` / ``end`` (the first day of ``valid_from``, the last day of ``valid_to``), so
Gephi's timeline plays the history.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council", "name": {"en": "Joint Councils"},
...                   "valid_from": "1998"},
...                  {"id": "wg", "kind": "working_group", "name": {"fr": "GT"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> graph = flat_graph(model, dynamic=True)
>>> graph.nodes["jc"]["start"], graph.nodes["wg"]["label"]
('1998-01-01', 'GT')
>>> graph.edges["wg", "jc", 0]["relation"], graph.edges["wg", "jc", 0]["formal"]
('REPORTS_TO', True)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from govgraph.dates import date_bounds
from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write
from govgraph.formats.parse import DocPath, Location, RawModel
from govgraph.formats.rows import (
    RECORD_BUILDERS,
    check_xml_safe,
    column_of,
    decode_cell,
    meta_document,
    tables,
)
from govgraph.formats.safe_json import load_json
from govgraph.model import GovernanceModel

__all__ = ["ATTRIBUTE_PREFIX", "flat_graph", "read_graphml", "write_gexf", "write_graphml"]

#: Prefix of the columns holding a record's free attributes.
ATTRIBUTE_PREFIX = "attr."
_ENTITY_EXTRA = 14  # cells of ENTITY_COLUMNS before the attribute columns
_RELATIONSHIP_EXTRA = 11


def _numeric(values: list[Any]) -> bool:
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _attribute_values(
    records: list[dict[str, Any]], key: str
) -> tuple[bool, type[int] | type[float]]:
    values = [r["attributes"][key] for r in records if key in r.get("attributes", {})]
    if not _numeric(values):
        return False, int
    return True, int if all(isinstance(v, int) for v in values) else float


def _flat(
    header: list[str], cells: list[str], attributes: dict[str, Any], numeric: dict[str, type]
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, cell in zip(header, cells, strict=True):
        if cell == "":
            continue
        if column in numeric:
            data[ATTRIBUTE_PREFIX + column] = numeric[column](attributes[column])
        elif column in attributes:
            data[ATTRIBUTE_PREFIX + column] = cell
        else:
            data[column] = cell
    return data


def _span(valid_from: str | None, valid_to: str | None) -> dict[str, str]:
    span = {}
    if valid_from:
        span["start"] = date_bounds(valid_from)[0].isoformat()
    if valid_to:
        span["end"] = date_bounds(valid_to)[1].isoformat()
    return span


def flat_graph(
    model: GovernanceModel, *, dynamic: bool = False, origin: str = "<graph>"
) -> nx.MultiDiGraph:
    """The model as a ``MultiDiGraph`` with flat attributes (see the module docstring).

    With ``dynamic``, nodes and edges get GEXF ``start`` / ``end`` dates and the edge
    type is called ``relation``; without it, ``type``. Text XML cannot hold (control
    characters) raises ``InputError`` naming ``origin`` and the record.
    """
    document = model.to_document()
    table = tables(model)
    graph = nx.MultiDiGraph()
    meta = meta_document(model)
    check_xml_safe(table, meta, origin, "GEXF" if dynamic else "GraphML")
    for lang, text in meta.get("title", {}).items():
        graph.graph[f"title_{lang}"] = text
    description = meta.get("description")
    if isinstance(description, dict):  # both languages: one attribute each
        for lang, text in description.items():
            graph.graph[f"description_{lang}"] = text
    elif description is not None:
        graph.graph["description"] = description
    if "rules" in meta:
        graph.graph["rules"] = json.dumps(meta["rules"], ensure_ascii=False)
    for section in ("entities", "relationships"):
        header, *rows = table[section]
        records = document[section]
        keys = header[_ENTITY_EXTRA if section == "entities" else _RELATIONSHIP_EXTRA :]
        numeric = {}
        for key in keys:
            is_number, kind = _attribute_values(records, key)
            if is_number:
                numeric[key] = kind
        for record, cells in zip(records, rows, strict=True):
            data = _flat(header, cells, record.get("attributes", {}), numeric)
            span = _span(record.get("valid_from"), record.get("valid_to")) if dynamic else {}
            if section == "entities":
                name = record["name"]
                graph.add_node(record["id"], label=name.get("en", name.get("fr")), **data, **span)
            else:
                source, target = data.pop("from"), data.pop("to")
                if dynamic:
                    data["relation"] = data.pop("type")
                data["label"] = record["type"]
                if "formal" in record:
                    data["formal"] = record["formal"]
                graph.add_edge(source, target, **data, **span)
    return graph


def write_graphml(model: GovernanceModel, path: str | Path) -> None:
    """Write the model as GraphML (networkx's writer), atomically."""
    graph = flat_graph(model, origin=str(path))
    atomic_write(path, lambda handle: nx.write_graphml(graph, handle), binary=True)


def write_gexf(model: GovernanceModel, path: str | Path) -> None:
    """Write the model as GEXF 1.2 (networkx's writer), dynamic when anything has dates."""
    graph = flat_graph(model, dynamic=True, origin=str(path))
    atomic_write(path, lambda handle: nx.write_gexf(graph, handle), binary=True)


def _row(data: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    row: dict[str, str] = {}
    attributes: dict[str, Any] = {}
    for key, value in data.items():
        if key.startswith(ATTRIBUTE_PREFIX):
            name = key[len(ATTRIBUTE_PREFIX) :]
            attributes[name] = decode_cell(value) if isinstance(value, str) else value
        elif isinstance(value, bool):
            row[key] = "true" if value else "false"
        else:
            row[key] = str(value)
    return row, attributes


def read_graphml(path: str | Path) -> RawModel:
    """Read a GraphML file written by ``write_graphml`` (or any GraphML whose nodes have
    a ``kind`` and whose edges have a ``type``) into a ``RawModel``."""
    origin = str(path)
    try:
        graph = nx.read_graphml(path, force_multigraph=True)
    except FileNotFoundError:
        raise InputError("no such file", file=origin) from None
    except ParseError as exc:
        raise InputError(f"invalid XML: {exc}", file=origin, line=exc.position[0]) from None
    except (nx.NetworkXError, ValueError, KeyError) as exc:
        raise InputError(f"invalid GraphML: {exc}", file=origin) from None
    names: dict[str, list[str]] = {"entities": [], "relationships": []}
    document: dict[str, Any] = {"entities": [], "relationships": []}
    for node, data in graph.nodes(data=True):
        row, attributes = _row({k: v for k, v in data.items() if k != "label"})
        row = {"id": str(node), "kind": "", **row}
        record = RECORD_BUILDERS["entities"](row, origin, 0)
        if attributes:
            record["attributes"] = attributes
        document["entities"].append(record)
        names["entities"].append(f"node {node!r}")
    for source, target, data in graph.edges(data=True):
        row, attributes = _row({k: v for k, v in data.items() if k != "label"})
        row = {"type": "", **row, "from": str(source), "to": str(target)}
        record = RECORD_BUILDERS["relationships"](row, origin, 0)
        if attributes:
            record["attributes"] = attributes
        document["relationships"].append(record)
        names["relationships"].append(f"edge {source!r} → {target!r}")
    meta = graph.graph
    title = {lang: meta[f"title_{lang}"] for lang in ("en", "fr") if f"title_{lang}" in meta}
    if title:
        document["title"] = title
    if "description" in meta:
        document["description"] = meta["description"]
    texts = {
        lang: meta[f"description_{lang}"] for lang in ("en", "fr") if f"description_{lang}" in meta
    }
    if texts:
        document["description"] = texts
    if "rules" in meta:
        document["rules"] = load_json(str(meta["rules"]), origin, field="graph rules")

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        result = {}
        for doc_path in paths:
            section = doc_path[0] if doc_path else None
            if section in names and len(doc_path) > 1 and isinstance(doc_path[1], int):
                what = names[str(section)][doc_path[1]]
                column = column_of(doc_path[2:])
                result[doc_path] = Location(origin, None, f"{what} {column}" if column else what)
            else:
                result[doc_path] = Location(origin, None, ".".join(map(str, doc_path)))
        return result

    return RawModel(document=document, origin=origin, locate=locate)
