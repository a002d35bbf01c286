"""The impact of a scenario, before vs after, on the effective date (today without one):
bodies whose reporting chain changed (old → new), span and depth changes, health
findings introduced and resolved, overlaps created and removed, jurisdiction coverage
changes, the members affected and their meeting days per year.

The report is **incremental**: it finds the part of the model the scenario can affect
(the bodies it touches, the subtrees below bodies whose lines up changed, their
ancestors, and the neighbours analyses need: children, members, supporters,
priorities, the bodies sharing members or priorities with bodies whose membership
changed), builds a small model of that part before and after, and runs the analyses
(``govgraph.analysis``) and the health rules (``govgraph.health``) on it. On a model of
a million entities, moving a 1,000-body subtree costs a small fraction of re-analysing
the whole structure. ``full=True`` analyses the whole models instead (the reference the
tests compare the incremental report with).

>>> from govgraph.formats import load_model
>>> from govgraph.scenarios.spec import load_scenario
>>> report = impact_report(load_model("fixtures/joint-councils.yaml"),
...                        load_scenario("fixtures/scenarios/quick-wins.yaml"))
>>> [(row["entity"], row["after"]) for row in report.chains]
[('data-driven-intelligence-wg', [['data-driven-intelligence-wg', 'joint-councils']]), \
('pssdc-business-services-wg', [['pssdc-business-services-wg', 'joint-councils']])]
>>> {row["entity"]: row["span"] for row in report.metrics if row["span"][0] != row["span"][1]}
{'joint-councils': [2, 4], 'pssdc': [2, 0]}
>>> next(row for row in report.meeting_load["per_member"] if row["id"] == "canada")
{'id': 'canada', 'before': 6.0, 'after': 5.0}
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any

from govgraph.analysis import coverage, memberships, metrics, overlaps, reporting_chains
from govgraph.analysis.overlaps import DEFAULT_MAX_ITEM_BODIES
from govgraph.dates import is_valid_on, parse_as_of
from govgraph.findings import Finding
from govgraph.graph import to_graph
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.scenarios.apply import apply_scenario
from govgraph.scenarios.diff import Change, _unshared, diff_models
from govgraph.scenarios.spec import Scenario
from govgraph.vocabulary import BODY_KINDS, HIERARCHY_TYPES, EntityKind, RelationType

__all__ = ["METRIC_KEYS", "ImpactReport", "impact_between", "impact_report"]

#: The per-body figures compared before and after.
METRIC_KEYS = ("span", "informal_span", "depth", "formal_parents", "members", "annual_meeting_days")

_MEMBER_OF, _ADVANCES, _PART_OF, _SUPPORTS = (
    RelationType.MEMBER_OF,
    RelationType.ADVANCES,
    RelationType.PART_OF,
    RelationType.SUPPORTS,
)


@dataclass
class ImpactReport:
    """What a scenario changes. Lists hold plain, JSON-ready rows; pairs are
    ``[before, after]``."""

    scenario: dict[str, Any]
    day: str
    changes: list[Change] = field(default_factory=list)
    #: ``{"entity", "before": chains, "after": chains}`` for bodies whose chains changed
    chains: list[dict[str, Any]] = field(default_factory=list)
    #: ``{"entity", "kind", "span": [b, a], "depth": [b, a], ...}`` where a figure changed
    metrics: list[dict[str, Any]] = field(default_factory=list)
    findings_introduced: list[Finding] = field(default_factory=list)
    findings_resolved: list[Finding] = field(default_factory=list)
    overlaps_created: list[dict[str, Any]] = field(default_factory=list)
    overlaps_removed: list[dict[str, Any]] = field(default_factory=list)
    #: ``{"entity", "gained", "lost", "missing": [b, a]}``
    coverage: list[dict[str, Any]] = field(default_factory=list)
    members_affected: list[str] = field(default_factory=list)
    #: ``{"members", "mean": [b, a], "per_member": [{"id", "before", "after"}]}``
    meeting_load: dict[str, Any] = field(default_factory=dict)
    #: how much of the model was analysed: ``{"entities", "relationships", "full"}``
    analysed: dict[str, Any] = field(default_factory=dict)
    #: ``{id: {"name": {...}, "acronym": {...}, "kind"}}`` for every id the report names
    names: dict[str, dict[str, Any]] = field(default_factory=dict)

    def label(self, entity_id: str, lang: str = "en", *, short: bool = True) -> str:
        """The entity's acronym (``short``) or name in ``lang``; the id if unknown."""
        entry = self.names.get(entity_id)
        if not entry:
            return entity_id
        for key in ("acronym", "name") if short else ("name",):
            text = entry.get(key)
            if text:
                return text.get(lang) or next(iter(text.values()))
        return entity_id

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The report as plain JSON-ready data (finding messages in ``lang``), a copy."""
        return copy.deepcopy(
            {
                "scenario": self.scenario,
                "day": self.day,
                "changes": [c.as_dict() for c in self.changes],
                "chains": self.chains,
                "metrics": self.metrics,
                "findings_introduced": [f.as_row(lang) for f in self.findings_introduced],
                "findings_resolved": [f.as_row(lang) for f in self.findings_resolved],
                "overlaps_created": self.overlaps_created,
                "overlaps_removed": self.overlaps_removed,
                "coverage": self.coverage,
                "members_affected": self.members_affected,
                "meeting_load": self.meeting_load,
                "analysed": self.analysed,
                "names": self.names,
            }
        )


# ── the affected part of the model ───────────────────────────────────────────────────


class _Union:
    """Both models' relationships indexed by entity (the shared ones once), and which
    of them belong to which model."""

    def __init__(self, before: GovernanceModel, after: GovernanceModel) -> None:
        old_rels, new_rels = _unshared(before.relationships, after.relationships)
        self.old_only = {id(r) for r in old_rels}
        self.new_only = {id(r) for r in new_rels}
        self.changed: list[Relationship] = [*old_rels, *new_rels]
        self.out: dict[str, list[Relationship]] = defaultdict(list)
        self.into: dict[str, list[Relationship]] = defaultdict(list)
        for rel in chain(before.relationships, new_rels):
            self.out[rel.from_].append(rel)
            self.into[rel.to].append(rel)
        old_entities, new_entities = _unshared(before.entities, after.entities)
        self.before_index = before.index
        self.old_entities = {e.id for e in old_entities}
        self.new_entities = {e.id: e for e in new_entities}

    def entity(self, entity_id: str, *, after: bool) -> Entity | None:
        if after:
            if entity_id in self.new_entities:
                return self.new_entities[entity_id]
            if entity_id in self.old_entities:
                return None
        return self.before_index.get(entity_id)

    def any_entity(self, entity_id: str) -> Entity | None:
        return self.entity(entity_id, after=True) or self.entity(entity_id, after=False)

    def is_body(self, entity_id: str) -> bool:
        entity = self.any_entity(entity_id)
        return entity is not None and entity.kind in BODY_KINDS

    def sources(self, entity_id: str, types: Iterable[RelationType]) -> set[str]:
        wanted = frozenset(types)
        return {r.from_ for r in self.into.get(entity_id, ()) if r.type in wanted}

    def targets(self, entity_id: str, types: Iterable[RelationType]) -> set[str]:
        wanted = frozenset(types)
        return {r.to for r in self.out.get(entity_id, ()) if r.type in wanted}

    def closure(self, start: Iterable[str], step: Any) -> set[str]:
        seen = set(start)
        stack = list(seen)
        while stack:
            for following in step(stack.pop()):
                if following not in seen:
                    seen.add(following)
                    stack.append(following)
        return seen

    def neighbours(self, entity_id: str) -> Iterator[str]:
        for rel in self.out.get(entity_id, ()):
            yield rel.to
        for rel in self.into.get(entity_id, ()):
            yield rel.from_

    def submodel(self, ids: set[str], *, after: bool) -> GovernanceModel:
        skip = self.old_only if after else self.new_only
        entities = [e for e in (self.entity(i, after=after) for i in sorted(ids)) if e]
        present = {e.id for e in entities}
        relationships = [
            rel
            for entity_id in present
            for rel in self.out.get(entity_id, ())
            if rel.to in present and id(rel) not in skip
        ]
        return GovernanceModel.model_construct(
            entities=tuple(entities), relationships=tuple(relationships), rules=()
        )


@dataclass
class _Focus:
    """The ids each part of the report looks at, and the ids to analyse."""

    chain_bodies: set[str]
    core: set[str]
    overlap_bodies: set[str]
    coverage_bodies: set[str]
    members: set[str]
    local: set[str]


def _focus(union: _Union, changes: list[Change], before: GovernanceModel) -> _Focus:
    hierarchy = HIERARCHY_TYPES
    changed_ids = {c.entity for c in changes}
    touched = changed_ids | {r.from_ for r in union.changed} | {r.to for r in union.changed}
    lifecycle = {c.entity for c in changes if c.kind in ("created", "abolished", "merged")}
    movers = {r.from_ for r in union.changed if r.type in hierarchy} | lifecycle
    bodies = {i for i in touched if union.is_body(i)}

    chain_bodies = union.closure(movers, lambda b: union.sources(b, hierarchy))
    core = union.closure(bodies | chain_bodies, lambda b: union.targets(b, hierarchy))
    local = set(core)
    for body in core:
        local.update(union.neighbours(body))

    items_changed = [r for r in union.changed if r.type in (_MEMBER_OF, _ADVANCES)]
    overlap_bodies = {r.to if r.type is _MEMBER_OF else r.from_ for r in items_changed}
    overlap_bodies |= {b for b in lifecycle if union.is_body(b)}
    for body in overlap_bodies:
        local.add(body)
        items = union.sources(body, (_MEMBER_OF,)) | union.targets(body, (_ADVANCES,))
        for item in items:
            sharing = union.targets(item, (_MEMBER_OF,)) | union.sources(item, (_ADVANCES,))
            if len(sharing) > DEFAULT_MAX_ITEM_BODIES:
                continue
            local.add(item)
            for other in sharing:
                local.add(other)
                local |= union.sources(other, (_MEMBER_OF,)) | union.targets(other, (_ADVANCES,))

    coverage_seeds = {r.to for r in union.changed if r.type in (_MEMBER_OF, _PART_OF)}
    coverage_seeds |= {b for b in lifecycle if union.is_body(b)}
    coverage_bodies = union.closure(
        {b for b in coverage_seeds if union.is_body(b)}, lambda b: union.targets(b, (_PART_OF,))
    )
    if coverage_bodies:
        feeders = union.closure(
            coverage_bodies,
            lambda b: {
                s
                for s in union.sources(b, (_MEMBER_OF, _PART_OF))
                if (e := union.any_entity(s)) is not None
                and e.kind in (EntityKind.organization, *BODY_KINDS)
            },
        )
        for feeder in feeders:
            local.add(feeder)
            local |= union.sources(feeder, (_MEMBER_OF, _PART_OF))
        local |= {e.id for e in before.entities if e.kind is EntityKind.jurisdiction}
        local |= {i for i, e in union.new_entities.items() if e.kind is EntityKind.jurisdiction}

    changed_bodies = {i for i in changed_ids if union.is_body(i)}
    with_parts = union.closure(changed_bodies, lambda b: union.sources(b, (_PART_OF,)))
    members: set[str] = set()
    for body in with_parts:
        members |= union.sources(body, (_MEMBER_OF,))
    for member in members:
        local.add(member)
        attended = union.closure(
            union.targets(member, (_MEMBER_OF,)), lambda b: union.targets(b, (_PART_OF,))
        )
        local |= attended
        for body in attended:
            local.update(union.neighbours(body))  # HELD meetings give the cadence
    local |= with_parts
    return _Focus(chain_bodies, core, overlap_bodies, coverage_bodies, members, local)


# ── the report ───────────────────────────────────────────────────────────────────────


def _health(model: GovernanceModel, day: date) -> list[Finding]:
    try:
        from govgraph.health import health
    except ImportError:  # pragma: no cover - before the health rules land
        from govgraph.checks import check_model
        from govgraph.temporal import as_of

        return check_model(as_of(model, day))
    return health(model, as_of=day)


def _finding_key(finding: Finding) -> tuple[Any, ...]:
    return (finding.code, finding.entities, finding.message_en)


def _findings_diff(
    before: GovernanceModel, after: GovernanceModel, day: date, focus: set[str] | None
) -> tuple[list[Finding], list[Finding]]:
    def relevant(findings: list[Finding]) -> dict[tuple[Any, ...], Finding]:
        return {
            _finding_key(f): f.model_copy(update={"record": None, "file": None, "line": None})
            for f in findings
            if focus is None or not f.entities or set(f.entities) & focus
        }

    old = relevant(_health(before, day))
    new = relevant(_health(after, day))
    introduced = [new[k] for k in sorted(new.keys() - old.keys())]
    resolved = [old[k] for k in sorted(old.keys() - new.keys())]
    return introduced, resolved


def _present(model: GovernanceModel, entity_id: str, day: date) -> bool:
    entity = model.index.get(entity_id)
    return entity is not None and is_valid_on(entity.valid_from, entity.valid_to, day)


def _chains(before_graph, after_graph, before, after, bodies, day) -> list[dict[str, Any]]:
    rows = []
    for body in sorted(bodies):
        old = (
            reporting_chains(before_graph, body, as_of=day) if _present(before, body, day) else None
        )
        new = reporting_chains(after_graph, body, as_of=day) if _present(after, body, day) else None
        if old != new and (old is not None or new is not None):
            rows.append({"entity": body, "before": old, "after": new})
    return rows


def _metric_rows(old, new, bodies) -> list[dict[str, Any]]:
    rows = []
    for body in sorted(bodies):
        a, b = old.get(body), new.get(body)
        if a is None and b is None:
            continue
        pairs = {key: [a and a[key], b and b[key]] for key in METRIC_KEYS}
        if a is None or b is None or any(x != y for x, y in pairs.values()):
            kind = (a or b or {}).get("kind")
            rows.append({"entity": body, "kind": kind, **pairs})
    return rows


def _overlap_diff(before_graph, after_graph, bodies, day, full):
    def pairs(graph):
        return {
            (row["a"], row["b"]): row
            for row in overlaps(graph, as_of=day)
            if full or row["a"] in bodies or row["b"] in bodies
        }

    old, new = pairs(before_graph), pairs(after_graph)
    created = [row for key, row in new.items() if key not in old]
    removed = [row for key, row in old.items() if key not in new]
    return created, removed


def _coverage_rows(before_graph, after_graph, before, after, bodies, day):
    rows = []
    for body in sorted(bodies):
        old = coverage(before_graph, body, as_of=day)[body] if _present(before, body, day) else None
        new = coverage(after_graph, body, as_of=day)[body] if _present(after, body, day) else None
        had = set(old["represented"]) if old else set()
        has = set(new["represented"]) if new else set()
        if had != has:
            rows.append(
                {
                    "entity": body,
                    "gained": sorted(has - had),
                    "lost": sorted(had - has),
                    "missing": [
                        len(old["missing"]) if old else None,
                        len(new["missing"]) if new else None,
                    ],
                }
            )
    return rows


def _load(graph, body_rows, member, model, day) -> float | None:
    if not _present(model, member, day):
        return None
    attended = {row["id"] for row in memberships(graph, member, as_of=day)}
    known = [body_rows[b]["annual_meeting_days"] for b in attended if b in body_rows]
    known = [k for k in known if k is not None]
    return float(sum(known)) if known else None


def _meeting_load(
    before_graph, after_graph, old_rows, new_rows, before, after, members, day
) -> dict[str, Any]:
    per_member = []
    for member in sorted(members):
        old = _load(before_graph, old_rows, member, before, day)
        new = _load(after_graph, new_rows, member, after, day)
        if old is not None or new is not None:
            per_member.append({"id": member, "before": old, "after": new})

    def mean(values: list[float | None]) -> float | None:
        known = [v for v in values if v is not None]
        return round(sum(known) / len(known), 3) if known else None

    return {
        "members": len(per_member),
        "changed": sum(1 for row in per_member if row["before"] != row["after"]),
        "mean": [mean([r["before"] for r in per_member]), mean([r["after"] for r in per_member])],
        "per_member": per_member,
    }


def impact_between(
    before: GovernanceModel,
    after: GovernanceModel,
    *,
    day: str | date,
    scenario: Scenario | None = None,
    full: bool = False,
) -> ImpactReport:
    """The impact report comparing two models on ``day`` (see ``impact_report``)."""
    day = parse_as_of(day)
    changes = diff_models(before, after)
    union = _Union(before, after)
    focus = _focus(union, changes, before)
    if full:
        old_model, new_model = before, after
        all_bodies = {e.id for e in chain(before.entities, after.entities) if e.is_body}
        chain_bodies = core = overlap_bodies = coverage_bodies = all_bodies
        finding_focus: set[str] | None = None
    else:
        old_model = union.submodel(focus.local, after=False)
        new_model = union.submodel(focus.local, after=True)
        chain_bodies, core = focus.chain_bodies, focus.core
        overlap_bodies, coverage_bodies = focus.overlap_bodies, focus.coverage_bodies
        finding_focus = focus.core | focus.members | focus.overlap_bodies | focus.coverage_bodies
    before_graph, after_graph = to_graph(old_model), to_graph(new_model)
    introduced, resolved = _findings_diff(old_model, new_model, day, finding_focus)
    created, removed = _overlap_diff(before_graph, after_graph, overlap_bodies, day, full)
    old_rows = metrics(before_graph, as_of=day, betweenness_k=0)["bodies"]
    new_rows = metrics(after_graph, as_of=day, betweenness_k=0)["bodies"]
    name = scenario.name.model_dump(exclude_none=True) if scenario else {}
    described = scenario.description if scenario else None
    report = ImpactReport(
        scenario={
            "name": name,
            "description": described.model_dump(exclude_none=True) if described else {},
            "effective": scenario.effective if scenario else None,
            "operations": len(scenario.operations) if scenario else None,
        },
        day=day.isoformat(),
        changes=changes,
        chains=_chains(before_graph, after_graph, before, after, chain_bodies, day),
        metrics=_metric_rows(old_rows, new_rows, core),
        findings_introduced=introduced,
        findings_resolved=resolved,
        overlaps_created=created,
        overlaps_removed=removed,
        coverage=_coverage_rows(before_graph, after_graph, before, after, coverage_bodies, day),
        members_affected=sorted(focus.members),
        meeting_load=_meeting_load(
            before_graph, after_graph, old_rows, new_rows, before, after, focus.members, day
        ),
        analysed={
            "entities": len(new_model.entities),
            "relationships": len(new_model.relationships),
            "of_entities": len(after.entities),
            "full": full,
        },
    )
    report.names = _names(union, report)
    return report


def _mentioned(report: ImpactReport) -> set[str]:
    ids: set[str] = set(report.members_affected)
    for change in report.changes:
        ids.add(change.entity)
        for key in ("from", "to"):
            ids.update(change.details.get(key) or ())
        if change.details.get("into"):
            ids.add(change.details["into"])
    for row in report.chains:
        for chains in (row["before"] or [], row["after"] or []):
            for one in chains:
                ids.update(one)
    ids.update(row["entity"] for row in [*report.metrics, *report.coverage])
    for row in [*report.overlaps_created, *report.overlaps_removed]:
        ids.update((row["a"], row["b"], *row["shared_members"], *row["shared_priorities"]))
    for row in report.coverage:
        ids.update(row["gained"] + row["lost"])
    for finding in [*report.findings_introduced, *report.findings_resolved]:
        ids.update(finding.entities)
    return ids


def _names(union: _Union, report: ImpactReport) -> dict[str, dict[str, Any]]:
    names = {}
    for entity_id in sorted(_mentioned(report)):
        entity = union.any_entity(entity_id)
        if entity is not None:
            entry: dict[str, Any] = {
                "kind": entity.kind.value,
                "name": entity.name.model_dump(exclude_none=True),
            }
            if entity.acronym is not None:
                entry["acronym"] = entity.acronym.model_dump(exclude_none=True)
            names[entity_id] = entry
    return names


def impact_report(
    before: GovernanceModel, scenario: Scenario, *, full: bool = False
) -> ImpactReport:
    """Apply ``scenario`` to ``before`` and report its impact on the effective date
    (today when the scenario has none). Raises ``ScenarioError`` when an operation
    cannot be applied. ``full=True`` analyses the whole models (slower; the same
    answer)."""
    after = apply_scenario(before, scenario)
    day = scenario.effective or date.today()
    return impact_between(before, after, day=day, scenario=scenario, full=full)
