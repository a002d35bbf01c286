"""The validator: the rules every model is checked against, as findings.

Errors (the model is unusable): duplicate ids, references that do not resolve, endpoints
of the wrong kind, duplicate relationships, a formal reporting cycle at some date.
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

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date

import networkx as nx

from govgraph.dates import DAY_MAX, interval, intervals_overlap
from govgraph.findings import Finding, Severity
from govgraph.i18n import kind_name
from govgraph.model import GovernanceModel, Relationship
from govgraph.vocabulary import (
    ENDPOINTS,
    GOVERNING_KINDS,
    HIERARCHY_TYPES,
    EntityKind,
    RelationType,
    Role,
)

__all__ = ["CHECKS", "MESSAGES", "check_model", "make_finding"]

#: Message templates by finding code: (English, French).
MESSAGES: dict[str, tuple[str, str]] = {
    "duplicate-id": (
        "id {id!r} is used by more than one entity",
        "l'identifiant {id!r} est utilisé par plus d'une entité",
    ),
    "unknown-reference": (
        "{side} {id!r} is not an entity of the model{hint}",
        "{side} {id!r} n'est pas une entité du modèle{hint}",
    ),
    "invalid-endpoint": (
        "{type} cannot {direction} a {kind} (allowed: {allowed})",
        "{type} ne peut pas {direction} entité de type {kind} (permis : {allowed})",
    ),
    "duplicate-relationship": (
        "{type} from {source!r} to {target!r} is given more than once (same key {key!r})",
        "{type} de {source!r} à {target!r} est donnée plus d'une fois (même clé {key!r})",
    ),
    "formal-cycle": (
        "formal reporting lines form a cycle: {cycle}{when}",
        "les liens hiérarchiques officiels forment un cycle : {cycle}{when}",
    ),
    "part-of-cycle": (
        "PART_OF lines form a cycle (a body would be part of itself): {cycle}{when}",
        "les liens PART_OF forment un cycle (un organe ferait partie de lui-même) : {cycle}{when}",
    ),
    "no-formal-parent": (
        "{kind} {id!r} has no formal reporting line{informal}",
        "{kind} {id!r} n'a aucun lien hiérarchique officiel{informal}",
    ),
    "multiple-formal-parents": (
        "{id!r} reports formally to {parents} at the same time",
        "{id!r} relève officiellement de {parents} en même temps",
    ),
    "ended-with-active-children": (
        "{id!r} ended on {end} but {children} still report to or belong to it",
        "{id!r} a pris fin le {end} mais {children} en relèvent ou en font encore partie",
    ),
    "no-support": (
        "{kind} {id!r} has no support or secretariat",
        "{kind} {id!r} n'a ni soutien ni secrétariat",
    ),
}


def make_finding(
    code: str,
    severity: Severity,
    entities: tuple[str, ...],
    *,
    record: tuple[str, int] | None = None,
    field: str | None = None,
    **values: object,
) -> Finding:
    """A finding whose messages come from ``MESSAGES[code]`` filled with ``values``;
    a value named ``X_fr`` replaces ``X`` in the French message.

    >>> make_finding("no-support", Severity.warning, ("wg",), kind="working group",
    ...              kind_fr="groupe de travail", id="wg").message_fr
    "groupe de travail 'wg' n'a ni soutien ni secrétariat"
    """
    english, french = MESSAGES[code]
    french_values = {**values, **{k[:-3]: v for k, v in values.items() if k.endswith("_fr")}}
    return Finding(
        code=code,
        severity=severity,
        entities=entities,
        message_en=english.format(**values),
        message_fr=french.format(**french_values),
        record=record,
        field=field,
    )


def _kind_names(kind: EntityKind) -> dict[str, str]:
    return {"kind": kind_name(kind, "en"), "kind_fr": kind_name(kind, "fr")}


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
    for position, rel in enumerate(model.relationships):
        record = ("relationships", position)
        sources, targets = ENDPOINTS[rel.type]
        for field, entity_id, allowed, direction, direction_fr in (
            ("from", rel.from_, sources, "start from", "partir d'une"),
            ("to", rel.to, targets, "point to", "aboutir à une"),
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
                    hint=f" (did you mean {close[0]!r}?)" if close else "",
                    hint_fr=f" (vouliez-vous dire {close[0]!r}?)" if close else "",
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
    return _lines(model, lambda rel: rel.is_formal_line)


def _formal_cycles(model: GovernanceModel) -> Iterator[Finding]:
    """Cycles among formal REPORTS_TO lines that are valid at the same time."""
    return _cycles(_formal_lines(model), "formal-cycle")


def _part_of_cycles(model: GovernanceModel) -> Iterator[Finding]:
    """Cycles among PART_OF lines that are valid at the same time."""
    return _cycles(_lines(model, lambda rel: rel.type is RelationType.PART_OF), "part-of-cycle")


def _cycles(lines: list[tuple[int, Relationship]], code: str) -> Iterator[Finding]:
    """Cycles among ``lines`` valid at the same time.

    Strongly connected components find every candidate in linear time; only inside a
    (rare) component are dates compared, at each date where a line starts.
    """
    graph = nx.DiGraph()
    graph.add_edges_from((rel.from_, rel.to) for _, rel in lines)
    suspects = [
        component
        for component in nx.strongly_connected_components(graph)
        if len(component) > 1 or any(graph.has_edge(n, n) for n in component)
    ]
    for component in suspects:
        inside = [(p, r) for p, r in lines if r.from_ in component and r.to in component]
        starts = sorted({interval(r.valid_from, r.valid_to)[0] for _, r in inside})
        for day in starts:
            active = [
                (p, r)
                for p, r in inside
                if intervals_overlap(interval(r.valid_from, r.valid_to), (day, day))
            ]
            at_day = nx.DiGraph()
            at_day.add_edges_from((r.from_, r.to, {"position": p}) for p, r in active)
            try:
                cycle = nx.find_cycle(at_day)
            except nx.NetworkXNoCycle:
                continue
            ids = [edge[0] for edge in cycle] + [cycle[0][0]]
            dated = day != date.min
            yield make_finding(
                code,
                Severity.error,
                tuple(ids[:-1]),
                record=("relationships", at_day.edges[cycle[0][0], cycle[0][1]]["position"]),
                cycle=" → ".join(ids),
                when=f" (from {day.isoformat()})" if dated else "",
                when_fr=f" (à partir du {day.isoformat()})" if dated else "",
            )
            break


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
                informal=f" (informal line to {', '.join(to)})" if to else "",
                informal_fr=f" (lien informel vers {', '.join(to)})" if to else "",
            )
        lines = formal.get(entity.id, [])
        if len(lines) > 1:
            spans = sorted((interval(r.valid_from, r.valid_to), r.to) for r in lines)
            overlapping: set[str] = set()
            # sweep by start date: a line overlaps an earlier one iff it starts before
            # the latest end seen so far
            (_, latest_end), latest_parent = spans[0]
            for (start, end), parent in spans[1:]:
                if start <= latest_end:
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
    _formal_cycles,
    _part_of_cycles,
    _parent_warnings,
    _ended_with_active_children,
    _no_support,
)


def check_model(model: GovernanceModel) -> list[Finding]:
    """Every finding of the validator on ``model``: errors first, then warnings."""
    findings = [finding for check in CHECKS for finding in check(model)]
    return sorted(findings, key=lambda f: f.severity is not Severity.error)
