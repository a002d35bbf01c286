"""Span, depth and parents: the one function that computes them, for every consumer
(``metrics``, ``health`` and its rules, the impact report and the briefing note).

The figures follow **the hierarchy** (``govgraph.vocabulary.is_hierarchy_line``: formal
``REPORTS_TO`` and ``PART_OF``); informal ``REPORTS_TO`` lines are counted apart.

>>> figures = hierarchy_figures(["jc", "wg", "x"], [("wg", "jc", True), ("x", "jc", False)])
>>> figures["jc"]
{'span': 1, 'informal_span': 1, 'depth': 0, 'formal_parents': 0, 'informal_parents': 0}
>>> figures["wg"]["depth"], figures["wg"]["formal_parents"]
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from govgraph.model import GovernanceModel
from govgraph.vocabulary import BODY_KINDS, HIERARCHY_TYPES, is_hierarchy_line

__all__ = ["FIGURES", "hierarchy_figures", "structure_rows"]

#: The figures ``hierarchy_figures`` gives for each body.
FIGURES = ("span", "informal_span", "depth", "formal_parents", "informal_parents")


def hierarchy_figures(
    bodies: Iterable[str], lines: Iterable[tuple[str, str, bool]]
) -> dict[str, dict[str, int]]:
    """Per body: ``span`` (distinct bodies with a hierarchy line to it),
    ``informal_span``, ``depth`` (the longest route of hierarchy lines up to a root, 0
    for a root; lines that loop are collapsed first, a loop counting as one level),
    ``formal_parents`` and ``informal_parents`` (distinct).

    ``lines``: ``(child, parent, in_hierarchy)`` between bodies, ``in_hierarchy`` false
    for an informal reporting line. Linear in bodies + lines.
    """
    order = list(dict.fromkeys(bodies))
    parents: dict[str, set[str]] = {b: set() for b in order}
    children: dict[str, set[str]] = {b: set() for b in order}
    informal_parents: dict[str, set[str]] = {b: set() for b in order}
    informal_children: dict[str, set[str]] = {b: set() for b in order}
    for child, parent, in_hierarchy in lines:
        if child not in parents or parent not in parents:
            continue
        if in_hierarchy:
            parents[child].add(parent)
            children[parent].add(child)
        else:
            informal_parents[child].add(parent)
            informal_children[parent].add(child)
    structure = nx.DiGraph()
    structure.add_nodes_from(order)
    structure.add_edges_from((child, parent) for child, ps in parents.items() for parent in ps)
    condensed = nx.condensation(structure)
    depth = [0] * condensed.number_of_nodes()
    for node in reversed(list(nx.topological_sort(condensed))):  # parents first
        depth[node] = max((depth[parent] + 1 for parent in condensed.successors(node)), default=0)
    mapping = condensed.graph["mapping"]
    return {
        body: {
            "span": len(children[body]),
            "informal_span": len(informal_children[body]),
            "depth": depth[mapping[body]],
            "formal_parents": len(parents[body]),
            "informal_parents": len(informal_parents[body]),
        }
        for body in order
    }


def structure_rows(model: GovernanceModel) -> dict[str, dict[str, int]]:
    """``hierarchy_figures`` of a model's bodies, from its relationships alone (one
    pass, no graph): what ``health`` and the ``span``/``depth`` rules use. The model is
    taken as it is: cut it to a date first (``govgraph.as_of``).

    >>> from govgraph.model import GovernanceModel
    >>> structure_rows(GovernanceModel.model_validate({"entities": [
    ...     {"id": "jc", "kind": "council", "name": {"en": "JC"}},
    ...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
    ...   "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]}))["jc"]["span"]
    1
    """
    bodies = [e.id for e in model.entities if e.kind in BODY_KINDS]
    lines = (
        (rel.from_, rel.to, is_hierarchy_line(rel.type, rel.formal))
        for rel in model.relationships
        if rel.type in HIERARCHY_TYPES
    )
    return hierarchy_figures(bodies, lines)
