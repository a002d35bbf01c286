"""Who sits where: the members of a body, the bodies an entity sits on, and which
jurisdictions each body's membership covers.

Membership is inherited through composition: the members of the PSSDC sit on the Joint
Councils too, *via* the PSSDC (the PSSDC is ``PART_OF`` the Joint Councils).

>>> from govgraph.analysis._demo import demo_graph
>>> graph = demo_graph()
>>> [(m["id"], m["role"], m["via"]) for m in members(graph, "pssdc")]
[('canada', 'co_chair', None), ('ontario', 'member', None)]
>>> coverage(graph, "joint-councils")["joint-councils"]["missing"]
[]
>>> coverage(graph, "joint-councils", as_of="2016")["joint-councils"]["missing"]
['quebec']
"""

from __future__ import annotations

from collections import deque
from datetime import date
from typing import Any

import networkx as nx

from govgraph.analysis._view import BODY_KIND_VALUES, GraphView, formal_parent_line, type_test
from govgraph.errors import InputError
from govgraph.vocabulary import EntityKind, RelationType, Role

__all__ = ["ROLE_ORDER", "coverage", "members", "memberships"]

#: Roles from the most to the least senior, the order members are listed in.
ROLE_ORDER: tuple[str, ...] = (
    Role.chair.value,
    Role.co_chair.value,
    Role.vice_chair.value,
    Role.secretariat.value,
    Role.member.value,
    Role.ex_officio.value,
    Role.observer.value,
)
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_ORDER)}
_MEMBER_OF = type_test([RelationType.MEMBER_OF.value])
_PART_OF = type_test([RelationType.PART_OF.value])
_MEMBER_OF_TYPE = RelationType.MEMBER_OF.value
_PART_OF_TYPE = RelationType.PART_OF.value
_JURISDICTION = EntityKind.jurisdiction.value
_ORGANIZATION = EntityKind.organization.value


def _role(data: dict[str, Any]) -> str:
    return str(data.get("role") or Role.member.value)


def _row_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["via"] is not None,
        row["via"] or "",
        _ROLE_RANK.get(row["role"], len(_ROLE_RANK)),
        row["id"],
    )


def members(
    graph: nx.MultiDiGraph, body_id: str, *, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """Who sits on ``body_id``: one row ``{"id", "kind", "role", "via"}`` per member and
    role. ``via`` is None for a direct member, else the part of the body (a body that
    is ``PART_OF`` it, at any depth) the member sits on directly.

    Rows are ordered direct members first, then by ``via``, role seniority and id.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [(m["id"], m["via"]) for m in members(demo_graph(), "joint-councils", as_of="2016")]
    [('canada', 'pscioc'), ('ontario', 'pscioc'), ('canada', 'pssdc'), ('ontario', 'pssdc')]
    """
    view = GraphView(graph, as_of)
    view.require(body_id)
    rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    seen = {body_id}
    queue: deque[tuple[str, str | None]] = deque([(body_id, None)])
    while queue:
        body, via = queue.popleft()
        for member, data in view.in_edges(body, _MEMBER_OF):
            role = _role(data)
            rows.setdefault(
                (member, role, via),
                {"id": member, "kind": view.kind(member), "role": role, "via": via},
            )
        for part in view.sources(body, _PART_OF):
            if part not in seen:
                seen.add(part)
                queue.append((part, part))
    return sorted(rows.values(), key=_row_key)


def memberships(
    graph: nx.MultiDiGraph, entity_id: str, *, as_of: str | date | None = None
) -> list[dict[str, Any]]:
    """Where ``entity_id`` sits: one row ``{"id", "kind", "role", "via"}`` per body and
    role, ``id`` being the body. ``via`` is None for a body the entity is a member of,
    else that body, for the wholes it is ``PART_OF`` (at any depth). The mirror of
    ``members``: ``x`` is in ``members(g, b)`` via ``v`` exactly when ``b`` is in
    ``memberships(g, x)`` via ``v``.

    >>> from govgraph.analysis._demo import demo_graph
    >>> [(m["id"], m["role"], m["via"]) for m in memberships(demo_graph(), "canada")]
    [('pssdc', 'co_chair', None), ('pscioc', 'member', None), ('joint-councils', 'member', 'pscioc'), ('joint-councils', 'co_chair', 'pssdc')]
    """  # noqa: E501
    view = GraphView(graph, as_of)
    view.require(entity_id)
    rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for body, data in view.out_edges(entity_id, _MEMBER_OF):
        role = _role(data)
        rows.setdefault(
            (body, role, None), {"id": body, "kind": view.kind(body), "role": role, "via": None}
        )
        seen = {body}
        queue = deque([body])
        while queue:
            for whole in view.targets(queue.popleft(), _PART_OF):
                if whole not in seen:
                    seen.add(whole)
                    queue.append(whole)
                    rows.setdefault(
                        (whole, role, body),
                        {"id": whole, "kind": view.kind(whole), "role": role, "via": body},
                    )
    return sorted(rows.values(), key=_row_key)


def _attribute_jurisdictions(data: dict[str, Any]) -> list[str]:
    value = (data.get("attributes") or {}).get("jurisdiction")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def coverage(
    graph: nx.MultiDiGraph,
    body_id: str | None = None,
    *,
    as_of: str | date | None = None,
    roll_up: bool = False,
) -> dict[str, dict[str, list[str]]]:
    """Which of the model's jurisdictions each body's membership covers.

    A jurisdiction is *represented* on a body when it is a member (``direct``), when a
    member person, position or organisation names it in its ``jurisdiction`` attribute,
    when it is represented on a member organisation, or when it is represented on a
    part of the body (``PART_OF``, at any depth). With ``roll_up``, it is also
    represented when it is represented on any body below in the hierarchy (formal
    ``REPORTS_TO`` lines too: Coreper reports to the Council). ``missing`` lists the
    model's other jurisdictions (those valid on the day). Lists follow the model's
    order.

    Returns ``{body_id: {"represented", "direct", "missing"}}`` for ``body_id`` alone,
    or for every body. For every body the work is linear in the graph's size (strongly
    connected components, then one pass in topological order, sets as bitmasks).

    >>> from govgraph.analysis._demo import demo_graph
    >>> coverage(demo_graph())["pssdc"]
    {'represented': ['canada', 'ontario'], 'direct': ['canada', 'ontario'], 'missing': ['quebec']}
    """
    view = GraphView(graph, as_of)
    if body_id is not None:
        view.require(body_id)
        if view.kind(body_id) not in BODY_KIND_VALUES:
            raise InputError(
                f"{body_id!r} is a {view.kind(body_id)}, not a body: coverage is per body"
            )
    below = formal_parent_line if roll_up else _PART_OF
    jurisdictions = [n for n in view.nodes() if view.kind(n) == _JURISDICTION]
    bit = {j: 1 << i for i, j in enumerate(jurisdictions)}

    def base(body: str) -> tuple[int, int, list[str]]:
        """(direct mask, represented mask from own members, feeder bodies)."""
        direct = represented = 0
        feeders: list[str] = []
        for member in view.sources(body, _MEMBER_OF):
            kind = view.kind(member)
            if kind == _JURISDICTION:
                direct |= bit.get(member, 0)
            else:
                for j in _attribute_jurisdictions(view.node(member)):
                    represented |= bit.get(j, 0)
                if kind == _ORGANIZATION:
                    feeders.append(member)
        feeders.extend(view.sources(body, below))
        return direct, represented | direct, feeders

    if body_id is not None:
        direct, represented, feeders = base(body_id)
        seen = {body_id}
        queue = deque(feeders)
        while queue:
            feeder = queue.popleft()
            if feeder in seen:
                continue
            seen.add(feeder)
            _, more, further = base(feeder)
            represented |= more
            queue.extend(further)
        return {body_id: _masks_to_lists(direct, represented, jurisdictions)}

    bodies = view.bodies()
    own: dict[str, list[int]] = {body: [0, 0] for body in bodies}  # [direct, represented]
    feed = nx.DiGraph()  # feeder → body
    feed.add_nodes_from(bodies)
    named: dict[str, int] = {}  # member → mask of the jurisdictions its attribute names
    for source, target, data in view.edges():  # one pass over the graph
        kind = data.get("type")
        if kind == _MEMBER_OF_TYPE and target in own:
            source_kind = view.kind(source)
            masks = own[target]
            if source_kind == _JURISDICTION:
                masks[0] |= bit.get(source, 0)
                masks[1] |= bit.get(source, 0)
                continue
            if source not in named:
                named[source] = 0
                for j in _attribute_jurisdictions(view.node(source)):
                    named[source] |= bit.get(j, 0)
            masks[1] |= named[source]
            if source_kind == _ORGANIZATION:
                feed.add_edge(source, target)
        elif target in own and source in own and below(data):
            feed.add_edge(source, target)
    condensed = nx.condensation(feed)
    members_of = condensed.graph["mapping"]
    masks = [0] * condensed.number_of_nodes()
    for node, data in condensed.nodes(data=True):
        for body in data["members"]:
            masks[node] |= own[body][1]
    for node in nx.topological_sort(condensed):  # feeders first
        for downstream in condensed.successors(node):
            masks[downstream] |= masks[node]
    return {
        body: _masks_to_lists(own[body][0], masks[members_of[body]], jurisdictions)
        for body in bodies
    }


def _masks_to_lists(
    direct: int, represented: int, jurisdictions: list[str]
) -> dict[str, list[str]]:
    return {
        "represented": [j for i, j in enumerate(jurisdictions) if represented >> i & 1],
        "direct": [j for i, j in enumerate(jurisdictions) if direct >> i & 1],
        "missing": [j for i, j in enumerate(jurisdictions) if not represented >> i & 1],
    }


def bodies_without_members(graph: nx.MultiDiGraph, *, as_of: str | date | None = None) -> list[str]:
    """The bodies valid on the day with no member recorded (no ``MEMBER_OF`` line to
    them, nor to a part of them): coverage cannot say anything about them.

    >>> from govgraph.analysis._demo import demo_graph
    >>> bodies_without_members(demo_graph())
    ['data-driven-intelligence-wg', 'joint-councils-wg']
    """
    view = GraphView(graph, as_of)
    result = []
    for body in view.bodies():
        seen, stack = {body}, [body]
        found = False
        while stack and not found:
            node = stack.pop()
            if next(iter(view.in_edges(node, _MEMBER_OF)), None) is not None:
                found = True
            for part in view.sources(node, _PART_OF):
                if part not in seen:
                    seen.add(part)
                    stack.append(part)
        if not found:
            result.append(body)
    return result
