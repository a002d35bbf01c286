"""The validator: the rules every model is checked against, as findings.

Errors (the model is unusable): duplicate ids, references that do not resolve, endpoints
of the wrong kind, duplicate relationships, a relationship from an entity to itself, a
cycle in the hierarchy (``govgraph.vocabulary.is_hierarchy_line``) at some date.
Warnings (the structure is doubtful): a working group or committee with no formal
parent, several formal parents at one date, an ended body with active children, a
governing body with no support or secretariat.

Each check is one pass over the model (linear in entities + relationships), so a
whole-of-government model of a million entities checks in seconds.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}]})
>>> [f.code for f in check_model(model)]
['no-formal-parent', 'no-support']
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

from govgraph.dates import DAY_MAX, interval
from govgraph.findings import Finding, Severity
from govgraph.i18n import catalogue, kind_name, text
from govgraph.model import GovernanceModel, Relationship
from govgraph.vocabulary import (
    ENDPOINTS,
    GOVERNING_KINDS,
    HIERARCHY_TYPES,
    SELF_LOOP_TYPES,
    EntityKind,
    RelationType,
    Role,
    is_hierarchy_line,
)

__all__ = ["CHECKS", "MESSAGES", "check_model", "make_finding"]

#: Message templates of finding codes that are not in the catalogue (as ``finding.CODE``):
#: (English, French). The catalogue's own come first.
MESSAGES: dict[str, tuple[str, str]] = {}


def _messages(code: str, values: dict[str, object]) -> tuple[str, str]:
    """The English and French messages of ``code`` filled with ``values`` (``X_fr``
    replacing ``X`` in French; ``n``, a count, choosing the plural form)."""
    french_values = {**values, **{k[:-3]: v for k, v in values.items() if k.endswith("_fr")}}
    key = f"finding.{code}"
    if key in catalogue():
        return text(key, "en", **values), text(key, "fr", **french_values)
    english, french = MESSAGES[code]
    return english.format(**values), french.format(**french_values)


def make_finding(
    code: str,
    severity: Severity,
    entities: tuple[str, ...],
    *,
    record: tuple[str, int] | None = None,
    field: str | None = None,
    **values: object,
) -> Finding:
    """A finding whose messages come from the catalogue's ``finding.CODE`` (else
    ``MESSAGES[code]``) filled with ``values``;
    a value named ``X_fr`` replaces ``X`` in the French message, and a count ``n``
    chooses the plural form of a message that has one.

    >>> make_finding("no-support", Severity.warning, ("wg",), kind="working group",
    ...              kind_fr="Le groupe de travail", id="wg").message_fr
    "Le groupe de travail « wg » n'a ni soutien ni secrétariat"
    """
    english, french = _messages(code, values)
    return Finding(
        code=code,
        severity=severity,
        entities=entities,
        message_en=english,
        message_fr=french,
        record=record,
        field=field,
    )


def _both(key: str) -> tuple[str, str]:
    """A catalogue text in English and in French."""
    return text(key, "en"), text(key, "fr")


def _kind_names(kind: EntityKind) -> dict[str, str]:
    return {"kind": kind_name(kind, "en"), "kind_fr": text(f"kind.the.{kind}", "fr")}


def _duplicate_ids(model: GovernanceModel) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, entity in enumerate(model.entities):
        if entity.id in seen:
            yield make_finding(
                "duplicate-id",
                Severity.error,
                (entity.id,),
                record=("entities", index),
                field="id",
                id=entity.id,
            )
        seen.add(entity.id)


def _references_and_endpoints(model: GovernanceModel) -> Iterator[Finding]:
    index = model.index
    hints_left = 20  # "did you mean" costs a scan of the ids: only for the first few
    start_from, point_to = _both("finding.part.start_from"), _both("finding.part.point_to")
    for position, rel in enumerate(model.relationships):
        record = ("relationships", position)
        sources, targets = ENDPOINTS[rel.type]
        for field, entity_id, allowed, direction, direction_fr in (
            ("from", rel.from_, sources, *start_from),
            ("to", rel.to, targets, *point_to),
        ):
            entity = index.get(entity_id)
            if entity is None:
                close = model.suggest(entity_id, limit=1) if hints_left > 0 else []
                hints_left -= 1
                yield make_finding(
                    "unknown-reference",
                    Severity.error,
                    (entity_id,),
                    record=record,
                    field=field,
                    side="from" if field == "from" else "to",
                    id=entity_id,
                    hint=text("finding.part.did_you_mean", "en", id=close[0]) if close else "",
                    hint_fr=text("finding.part.did_you_mean", "fr", id=close[0]) if close else "",
                )
            elif entity.kind not in allowed:
                yield make_finding(
                    "invalid-endpoint",
                    Severity.error,
                    (rel.from_, rel.to),
                    record=record,
                    field=field,
                    type=rel.type.value,
                    direction=direction,
                    direction_fr=direction_fr,
                    kind=entity.kind.value,
                    allowed=", ".join(sorted(allowed)),
                )


def _duplicate_relationships(model: GovernanceModel) -> Iterator[Finding]:
    seen: set[tuple[str, str, str]] = set()
    for position, rel in enumerate(model.relationships):
        identity = (rel.from_, rel.to, rel.key)
        if identity in seen:
            yield make_finding(
                "duplicate-relationship",
                Severity.error,
                (rel.from_, rel.to),
                record=("relationships", position),
                type=rel.type.value,
                source=rel.from_,
                target=rel.to,
                key=rel.key,
            )
        seen.add(identity)


def _lines(
    model: GovernanceModel, keep: Callable[[Relationship], bool]
) -> list[tuple[int, Relationship]]:
    index = model.index
    return [
        (position, rel)
        for position, rel in enumerate(model.relationships)
        if keep(rel) and rel.from_ in index and rel.to in index
    ]


def _formal_lines(model: GovernanceModel) -> list[tuple[int, Relationship]]:
    """The lines of the hierarchy (formal REPORTS_TO and PART_OF): a body's formal
    parents are where they lead, as everywhere else (``is_hierarchy_line``)."""
    return _lines(
        model, lambda rel: rel.from_ != rel.to and is_hierarchy_line(rel.type, rel.formal)
    )


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    """Whether the directed ``edges`` hold a cycle (Kahn's algorithm, linear).

    >>> _has_cycle([("a", "b"), ("b", "c")]), _has_cycle([("a", "b"), ("b", "a")])
    (False, True)
    >>> _has_cycle([("a", "a")])
    True
    """
    successors: dict[str, list[str]] = defaultdict(list)
    indegree: dict[str, int] = defaultdict(int)
    for source, target in edges:
        successors[source].append(target)
        indegree[target] += 1
        indegree.setdefault(source, 0)
    ready = [node for node, count in indegree.items() if count == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for target in successors.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed < len(indegree)


def _self_loops(model: GovernanceModel) -> Iterator[Finding]:
    """Relationships from an entity to itself, of the types where that means nothing."""
    for position, rel in enumerate(model.relationships):
        if rel.from_ == rel.to and rel.type in SELF_LOOP_TYPES:
            yield make_finding(
                "self-loop",
                Severity.error,
                (rel.from_,),
                record=("relationships", position),
                field="to",
                type=rel.type.value,
                id=rel.from_,
            )


def _hierarchy_cycles(model: GovernanceModel) -> Iterator[Finding]:
    """Cycles in the hierarchy (formal REPORTS_TO and PART_OF lines together) among
    lines valid on the same day, with both their entities (self-loops are
    ``self-loop``'s).

    Strongly connected components of every line of every date find the candidates in
    linear time; only inside a (rare) component are dates compared. A cycle exists on
    some day iff its lines' intervals (each cut to its entities' validity) share a day,
    and then they share the latest of their first days: so each component is checked
    once per distinct first day of its lines (an interval boundary), not once per day.
    """
    index = model.index
    lines: list[tuple[int, Relationship, tuple[date, date]]] = []
    for position, rel in enumerate(model.relationships):
        if rel.from_ == rel.to or not is_hierarchy_line(rel.type, rel.formal):
            continue
        source, target = index.get(rel.from_), index.get(rel.to)
        if source is None or target is None:
            continue
        spans = (
            interval(rel.valid_from, rel.valid_to),
            interval(source.valid_from, source.valid_to),
            interval(target.valid_from, target.valid_to),
        )
        first, last = max(s[0] for s in spans), min(s[1] for s in spans)
        if first <= last:
            lines.append((position, rel, (first, last)))
    yield from _cycles(lines, "hierarchy-cycle")


class _OnlineOrder:
    """A topological order kept while lines are added and removed (Pearce and Kelly,
    "A dynamic topological sort algorithm for directed acyclic graphs", 2006): an
    added line that agrees with the order costs nothing; one that does not reorders
    only the nodes between its two ends, and finds the cycle it would close. Removing
    a line never breaks an order."""

    def __init__(self, nodes: list[str]) -> None:
        self.rank = {node: i for i, node in enumerate(nodes)}
        self.succ: dict[str, dict[str, int]] = defaultdict(dict)
        self.pred: dict[str, dict[str, int]] = defaultdict(dict)

    def remove(self, source: str, target: str) -> None:
        count = self.succ[source][target] - 1
        if count:
            self.succ[source][target] = self.pred[target][source] = count
        else:
            del self.succ[source][target], self.pred[target][source]

    def add(self, source: str, target: str) -> list[str] | None:
        """Add ``source → target``; the cycle's path (``source → target → … →
        source``) if it closes one, and then the line is not added."""
        if target in self.succ[source]:
            self.succ[source][target] += 1
            self.pred[target][source] += 1
            return None
        rank = self.rank
        low, high = rank[target], rank[source]
        if low < high:
            forward: list[str] = []
            came_from: dict[str, str | None] = {target: None}
            stack = [target]
            while stack:
                node = stack.pop()
                forward.append(node)
                for after in self.succ[node]:
                    if after == source:
                        path = [node]
                        while came_from[path[-1]] is not None:
                            path.append(came_from[path[-1]])  # type: ignore[arg-type]
                        return [source, *reversed(path), source]
                    if after not in came_from and rank[after] < high:
                        came_from[after] = node
                        stack.append(after)
            backward: list[str] = []
            seen, stack = {source}, [source]
            while stack:
                node = stack.pop()
                backward.append(node)
                for before in self.pred[node]:
                    if before not in seen and rank[before] > low:
                        seen.add(before)
                        stack.append(before)
            moved = sorted(backward, key=rank.__getitem__) + sorted(forward, key=rank.__getitem__)
            for node, slot in zip(moved, sorted(rank[n] for n in moved), strict=True):
                rank[node] = slot
        self.succ[source][target] = 1
        self.pred[target][source] = 1
        return None


def _cycles(
    lines: list[tuple[int, Relationship, tuple[date, date]]], code: str
) -> Iterator[Finding]:
    """One finding per strongly connected component of ``lines`` that holds a cycle of
    lines valid on one day, naming the cycle's path and the first such day.

    Inside a component, days are swept in order: at each distinct first day of a line,
    the lines that ended are removed and those that start are added to an online
    topological order (``_OnlineOrder``), which finds the first cycle an added line
    closes. A cycle valid on some day always holds a line starting that day or earlier
    and still valid, so checking at first days only misses none."""
    if not _has_cycle([(rel.from_, rel.to) for _, rel, _ in lines]):
        return
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_edges_from((rel.from_, rel.to) for _, rel, _ in lines)
    suspects = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
    if not suspects:
        return
    component_of = {node: number for number, c in enumerate(suspects) for node in c}
    inside: dict[int, list[tuple[int, Relationship, tuple[date, date]]]] = defaultdict(list)
    for line in lines:
        number = component_of.get(line[1].from_)
        if number is not None and component_of.get(line[1].to) == number:
            inside[number].append(line)
    for number, component in enumerate(suspects):
        order = _OnlineOrder(sorted(component))
        starting = sorted(inside[number], key=lambda line: line[2][0])
        ending: list[tuple[date, int, str, str]] = []  # a heap of (last day, ...)
        for position, rel, (first, last) in starting:
            while ending and ending[0][0] < first:
                _, _, source, target = heapq.heappop(ending)
                order.remove(source, target)
            cycle = order.add(rel.from_, rel.to)
            if cycle is not None:
                dated = first != date.min
                yield make_finding(
                    code,
                    Severity.error,
                    tuple(cycle[:-1]),
                    record=("relationships", position),
                    cycle=" → ".join(cycle),
                    when=f" (from {first.isoformat()})" if dated else "",
                    when_fr=f" (à partir du {first.isoformat()})" if dated else "",
                )
                break
            heapq.heappush(ending, (last, position, rel.from_, rel.to))


def _parent_warnings(model: GovernanceModel) -> Iterator[Finding]:
    formal: dict[str, list[Relationship]] = defaultdict(list)
    informal: dict[str, list[str]] = defaultdict(list)
    for _, rel in _formal_lines(model):
        formal[rel.from_].append(rel)
    # a body accountable to a position (a minister) has a formal line: to that position
    accountable: set[str] = set()
    for rel in model.relationships:
        if rel.type is RelationType.REPORTS_TO and not rel.formal:
            informal[rel.from_].append(rel.to)
        elif rel.type is RelationType.ACCOUNTABLE_TO:
            accountable.add(rel.from_)

    for position, entity in enumerate(model.entities):
        needs_parent = entity.kind in (EntityKind.working_group, EntityKind.committee)
        if needs_parent and entity.id not in formal and entity.id not in accountable:
            to = informal.get(entity.id)
            yield make_finding(
                "no-formal-parent",
                Severity.warning,
                (entity.id, *(to or ())),
                record=("entities", position),
                **_kind_names(entity.kind),
                id=entity.id,
                informal=text("finding.part.informal_to", "en", ids=", ".join(to)) if to else "",
                informal_fr=text("finding.part.informal_to", "fr", ids=", ".join(to)) if to else "",
            )
        lines = formal.get(entity.id, [])
        if len(lines) > 1:
            spans = sorted((interval(r.valid_from, r.valid_to), r.to) for r in lines)
            overlapping: set[str] = set()
            # sweep by start date: a line overlaps an earlier one iff it starts before
            # the latest end seen so far
            (_, latest_end), latest_parent = spans[0]
            for (start, end), parent in spans[1:]:
                if start <= latest_end and parent != latest_parent:
                    overlapping.update((parent, latest_parent))
                if end > latest_end:
                    latest_end, latest_parent = end, parent
            if overlapping:
                parents = ", ".join(sorted(overlapping))
                yield make_finding(
                    "multiple-formal-parents",
                    Severity.warning,
                    (entity.id, *sorted(overlapping)),
                    record=("entities", position),
                    id=entity.id,
                    parents=parents,
                )


def _ended_with_active_children(model: GovernanceModel) -> Iterator[Finding]:
    index = model.index
    positions = {entity.id: i for i, entity in enumerate(model.entities)}
    children: dict[str, list[str]] = defaultdict(list)
    for rel in model.relationships:
        if rel.type not in HIERARCHY_TYPES:
            continue
        parent = index.get(rel.to)
        child = index.get(rel.from_)
        if parent is None or child is None or not parent.valid_to:
            continue
        end = interval(parent.valid_from, parent.valid_to)[1]
        line_end = interval(rel.valid_from, rel.valid_to)[1]
        child_end = interval(child.valid_from, child.valid_to)[1]
        if line_end > end and child_end > end:
            children[parent.id].append(child.id)
    for parent_id, kids in children.items():
        parent = index[parent_id]
        end = interval(parent.valid_from, parent.valid_to)[1]
        yield make_finding(
            "ended-with-active-children",
            Severity.warning,
            (parent_id, *kids),
            record=("entities", positions[parent_id]),
            id=parent_id,
            end=end.isoformat() if end != DAY_MAX else "?",
            children=", ".join(repr(k) for k in kids),
        )


def _no_support(model: GovernanceModel) -> Iterator[Finding]:
    """Governing bodies with no SUPPORTS line, no secretariat member, and no supported
    body they are PART_OF (support is inherited through composition)."""
    supported: set[str] = set()
    part_of: dict[str, list[str]] = defaultdict(list)
    for rel in model.relationships:
        if rel.type is RelationType.SUPPORTS or (
            rel.type is RelationType.MEMBER_OF and rel.role is Role.secretariat
        ):
            supported.add(rel.to)
        elif rel.type is RelationType.PART_OF:
            part_of[rel.from_].append(rel.to)

    memo: dict[str, bool] = {}

    def inherits(body: str) -> bool:
        # iterative walk up PART_OF lines; cycles are possible in bad input
        stack, seen = [body], set()
        while stack:
            current = stack.pop()
            if current in memo:
                if memo[current]:
                    return True
                continue
            if current in seen:
                continue
            seen.add(current)
            if current in supported:
                return True
            stack.extend(part_of.get(current, ()))
        return False

    for position, entity in enumerate(model.entities):
        if entity.kind not in GOVERNING_KINDS:
            continue
        has_support = memo.setdefault(entity.id, inherits(entity.id))
        if not has_support:
            yield make_finding(
                "no-support",
                Severity.warning,
                (entity.id,),
                record=("entities", position),
                **_kind_names(entity.kind),
                id=entity.id,
            )


#: The checks, in the order their findings are reported.
CHECKS: tuple[Callable[[GovernanceModel], Iterator[Finding]], ...] = (
    _duplicate_ids,
    _references_and_endpoints,
    _duplicate_relationships,
    _self_loops,
    _hierarchy_cycles,
    _parent_warnings,
    _ended_with_active_children,
    _no_support,
)


def check_model(model: GovernanceModel) -> list[Finding]:
    """Every finding of the validator on ``model``: errors first, then warnings."""
    findings = [finding for check in CHECKS for finding in check(model)]
    return sorted(findings, key=lambda f: f.severity is not Severity.error)
