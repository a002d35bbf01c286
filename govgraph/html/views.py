"""The node and edge lists of each HTML view, built straight from the model (no
``pyvis.Network.from_nx``): plain dicts that the page turns into vis-network items.

Node records: ``id``, ``k`` kind, ``l`` label and ``n`` name (a string, or
``[en, fr]`` when the languages differ), optional ``a`` acronym, ``d`` description (the same form),
``v`` validity ``[from, to]``, ``tg`` tags, ``at`` attributes, ``s`` source, ``lv``
level or ``x``/``y`` position, ``st`` change status. Edge records: ``id``, ``f`` from,
``to``, ``t`` type, and the relationship's ``fo`` formal, ``ro`` role, ``le`` level,
``se`` service, ``v``, ``at``, ``s``, ``st``; overlap edges carry ``w`` (Jaccard),
``sm`` and ``sp`` (shared members and priorities).

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "jc", "kind": "council", "name": {"en": "Joint Councils", "fr": "Conseils mixtes"}},
...     {"id": "wg", "kind": "working_group", "name": {"en": "Data WG"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc", "formal": False}]})
>>> frame = build_frame(model, "hierarchy")
>>> [(n["id"], n["l"]) for n in frame["nodes"]]
[('jc', ['Joint Councils', 'Conseils mixtes']), ('wg', 'Data WG')]
>>> frame["edges"][0]["t"], frame["edges"][0]["fo"], frame["layout"]
('REPORTS_TO', False, 'tree')
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from typing import Any

from govgraph.errors import InputError
from govgraph.html.layout import attach_levels, layered_levels, layered_positions
from govgraph.i18n import Phrase
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.vocabulary import (
    BODY_KINDS,
    GOVERNING_KINDS,
    HIERARCHY_TYPES,
    RelationType,
    is_hierarchy_line,
)

__all__ = ["LARGE_VIEW", "VIEWS", "build_frame", "focus_subset", "mark_changes"]

VIEWS = ("hierarchy", "network", "overlaps")
#: Above this many nodes the page switches physics off and uses positions from Python.
LARGE_VIEW = 300

Record = dict[str, Any]


def _pair(text: LocalizedText) -> str | list[str]:
    en, fr = text.get("en"), text.get("fr")
    return en if en == fr else [en, fr]


def node_record(entity: Entity) -> Record:
    """The page record of one entity."""
    record: Record = {
        "id": entity.id,
        "k": entity.kind.value,
        "l": _pair(entity.acronym) if entity.acronym else _pair(entity.name),
        "n": _pair(entity.name),
    }
    if entity.acronym:
        record["a"] = _pair(entity.acronym)
    if isinstance(entity.description, LocalizedText):
        record["d"] = _pair(entity.description)
    elif entity.description:
        record["d"] = entity.description
    if entity.valid_from or entity.valid_to:
        record["v"] = [entity.valid_from, entity.valid_to]
    if entity.tags:
        record["tg"] = list(entity.tags)
    if entity.attributes:
        record["at"] = entity.attributes
    if entity.source:
        record["s"] = entity.source
    return record


def edge_record(rel: Relationship, edge_id: str) -> Record:
    """The page record of one relationship."""
    record: Record = {"id": edge_id, "f": rel.from_, "to": rel.to, "t": rel.type.value}
    if rel.formal is not None:
        record["fo"] = rel.formal
    if rel.role is not None:
        record["ro"] = rel.role.value
    if rel.level is not None:
        record["le"] = rel.level.value
    if rel.service is not None:
        record["se"] = rel.service
    if rel.valid_from or rel.valid_to:
        record["v"] = [rel.valid_from, rel.valid_to]
    if rel.attributes:
        record["at"] = rel.attributes
    if rel.source:
        record["s"] = rel.source
    record["key"] = rel.key
    return record


def _hierarchy_parts(model: GovernanceModel) -> tuple[list[Entity], list[Relationship]]:
    """Councils, committees and working groups, plus the tables and organisations that
    have a reporting or part-of line; the REPORTS_TO and PART_OF lines between them."""
    bodies = [e for e in model.entities if e.kind in BODY_KINDS]
    ids = {e.id for e in bodies}
    lines = [
        r
        for r in model.relationships
        if r.type in HIERARCHY_TYPES and r.from_ in ids and r.to in ids
    ]
    linked = {r.from_ for r in lines} | {r.to for r in lines}
    bodies = [e for e in bodies if e.kind in GOVERNING_KINDS or e.id in linked]
    # the positions the drawn bodies are accountable to, with those lines (own style)
    drawn = {e.id for e in bodies}
    accountable = [
        r
        for r in model.relationships
        if r.type is RelationType.ACCOUNTABLE_TO and r.from_ in drawn and r.to in model
    ]
    held = {r.to for r in accountable}
    return bodies + [e for e in model.entities if e.id in held], lines + accountable


def _overlap_parts(
    model: GovernanceModel, min_jaccard: float, top: int | None
) -> tuple[list[Entity], list[Record]]:
    from govgraph.analysis import overlaps
    from govgraph.graph import to_graph

    rows = overlaps(to_graph(model), by="both", min_jaccard=min_jaccard, top=top)
    index = model.index
    wanted: dict[str, None] = {}
    edges: list[Record] = []
    for i, row in enumerate(rows):
        a, b = row["a"], row["b"]
        if a not in index or b not in index:
            continue
        wanted.setdefault(a)
        wanted.setdefault(b)
        edges.append(
            {
                "id": f"o{i}",
                "f": a,
                "to": b,
                "t": "OVERLAP",
                "w": round(float(row.get("jaccard", 0.0)), 4),
                "sm": [_label(index, m) for m in row.get("shared_members", ())],
                "sp": [_label(index, p) for p in row.get("shared_priorities", ())],
                "key": "OVERLAP",
            }
        )
    entities = [e for e in model.entities if e.id in wanted]
    return entities, edges


def _label(index: dict[str, Entity], entity_id: str) -> str | list[str]:
    entity = index.get(entity_id)
    return _pair(entity.name) if entity else entity_id


def focus_subset(
    node_ids: Iterable[str], edges: list[Record], focus: str, depth: int
) -> tuple[set[str], list[Record]]:
    """The nodes within ``depth`` steps of ``focus`` (either direction) and the edges
    between them.

    >>> lines = [{"f": "a", "to": "b"}, {"f": "b", "to": "c"}]
    >>> kept, edges = focus_subset(["a", "b", "c"], lines, "a", 1)
    >>> sorted(kept), edges
    (['a', 'b'], [{'f': 'a', 'to': 'b'}])
    """
    known = set(node_ids)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        neighbours[edge["f"]].append(edge["to"])
        neighbours[edge["to"]].append(edge["f"])
    seen = {focus: 0}
    queue = deque([focus])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for other in neighbours.get(node, ()):
            if other not in seen and other in known:
                seen[other] = seen[node] + 1
                queue.append(other)
    kept = set(seen)
    return kept, [e for e in edges if e["f"] in kept and e["to"] in kept]


def build_frame(
    model: GovernanceModel,
    view: str = "hierarchy",
    *,
    focus: str | None = None,
    depth: int = 2,
    min_jaccard: float = 0.0,
    top: int | None = None,
    large: int = LARGE_VIEW,
) -> Record:
    """The nodes, edges and layout of one view of ``model``.

    ``layout`` is ``tree`` for the hierarchy (laid out for every frame at once by
    ``govgraph.html.picture``), ``physics`` (a force simulation in the page) or, above
    ``large`` nodes, ``preset`` (x/y computed here in O(V + E), physics off).
    """
    if view not in VIEWS:
        raise InputError(Phrase("html.unknown_view", view=view, views=", ".join(VIEWS)))
    if view == "hierarchy":
        entities, rels = _hierarchy_parts(model)
        edges = [edge_record(r, f"e{i}") for i, r in enumerate(rels)]
    elif view == "network":
        entities = list(model.entities)
        edges = [edge_record(r, f"e{i}") for i, r in enumerate(model.relationships)]
    else:
        entities, edges = _overlap_parts(model, min_jaccard, top)
    if focus is not None:
        if focus not in model:
            model.entity(focus)  # raises UnknownEntityError with suggestions
        if focus not in {e.id for e in entities}:
            raise InputError(Phrase("html.not_in_view", focus=focus, view=view), field="focus")
        kept, edges = focus_subset((e.id for e in entities), edges, focus, depth)
        entities = [e for e in entities if e.id in kept]
    nodes = [node_record(e) for e in entities]
    if focus is not None:
        for node in nodes:
            if node["id"] == focus:
                node["focus"] = True
    _lay_out(model, view, nodes, edges, large)
    layout = _layout_name(view, len(nodes), large)
    return {"view": view, "layout": layout, "nodes": nodes, "edges": edges}


def _layout_name(view: str, count: int, large: int) -> str:
    if view == "hierarchy":
        return "tree"  # govgraph.html.picture lays it out, once for every frame
    if count > large:
        return "preset"
    return "hierarchical" if view == "hierarchy" else "physics"


def _lay_out(
    model: GovernanceModel, view: str, nodes: list[Record], edges: list[Record], large: int
) -> None:
    layout = _layout_name(view, len(nodes), large)
    if layout in ("physics", "tree"):
        return
    ids = [n["id"] for n in nodes]
    kept = set(ids)
    lines = [
        (r.from_, r.to)
        for r in model.relationships
        if r.type in HIERARCHY_TYPES and r.from_ in kept and r.to in kept
    ]
    body_ids = [n["id"] for n in nodes if n["k"] in _BODY_VALUES]
    levels = layered_levels(body_ids, lines)
    if len(levels) < len(ids):
        levels = attach_levels(levels, ids, ((e["f"], e["to"]) for e in edges))
    if layout == "hierarchical":
        for node in nodes:
            node["lv"] = levels[node["id"]]
        return
    positions = layered_positions(levels)
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]


_BODY_VALUES = frozenset(kind.value for kind in BODY_KINDS)


def _parents(model: GovernanceModel) -> dict[str, frozenset[str]]:
    parents: dict[str, set[str]] = defaultdict(set)
    for rel in model.relationships:
        if is_hierarchy_line(rel.type, rel.formal):
            parents[rel.from_].add(rel.to)
    return {child: frozenset(found) for child, found in parents.items()}


#: diff_models's change classes → the page's colour codes
_STATUS_OF_CHANGE = {
    "created": "created",
    "abolished": "removed",
    "merged": "removed",
    "transferred": "moved",
    "renamed": "renamed",
    "modified": "modified",
}


def mark_changes(
    baseline_model: GovernanceModel,
    baseline: Record,
    option_model: GovernanceModel,
    option: Record,
    classified: dict[str, str] | None = None,
) -> dict[str, int]:
    """Colour-code an option frame against the baseline frame, in place: nodes and
    edges get ``st`` = created, removed (added back from the baseline so they show),
    moved (a new formal parent), renamed or modified. ``classified`` maps entity ids to
    ``govgraph.scenarios.diff_models`` change kinds, which take precedence over what
    the frames alone show. Returns the count of each node status.
    """
    classified = classified or {}
    counts = dict.fromkeys(("created", "removed", "moved", "renamed", "modified"), 0)
    base_nodes = {n["id"]: n for n in baseline["nodes"]}
    option_ids = {n["id"] for n in option["nodes"]}
    base_parents, option_parents = _parents(baseline_model), _parents(option_model)
    base_index = baseline_model.index
    option_index = option_model.index
    for node in option["nodes"]:
        node_id = node["id"]
        kind = classified.get(node_id)
        if node_id not in base_nodes:
            node["st"] = "created"
        elif kind in ("abolished", "merged"):
            node["st"] = "removed"
        elif kind == "transferred" or (
            base_parents.get(node_id, frozenset()) != option_parents.get(node_id, frozenset())
        ):
            node["st"] = "moved"  # a new parent outranks any other change
        elif kind is not None:
            node["st"] = _STATUS_OF_CHANGE.get(kind, "modified")
        elif node_id in base_index and base_index[node_id].name != option_index[node_id].name:
            node["st"] = "renamed"
        else:
            continue
        counts[node["st"]] += 1
    for node_id, node in base_nodes.items():
        if node_id not in option_ids:
            option["nodes"].append({**node, "st": "removed"})
            counts["removed"] += 1

    def identity(edge: Record) -> tuple[str, str, str]:
        return (edge["f"], edge["to"], edge.get("key", edge["t"]))

    def line(edge: Record) -> tuple[str, str, str, Any]:  # the same line, any dates
        return (edge["f"], edge["to"], edge["t"], edge.get("fo"))

    base_edges = {identity(e): e for e in baseline["edges"]}
    base_lines = {line(e) for e in baseline["edges"]}
    option_edges = {identity(e) for e in option["edges"]}
    option_lines = {line(e) for e in option["edges"]}
    for edge in option["edges"]:
        if identity(edge) not in base_edges and line(edge) not in base_lines:
            edge["st"] = "created"
    for i, (ident, edge) in enumerate(base_edges.items()):
        if ident not in option_edges and line(edge) not in option_lines:
            option["edges"].append({**edge, "id": f"r{i}", "st": "removed"})
    return counts
