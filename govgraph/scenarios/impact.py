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
import math
import operator
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, compress
from typing import Any

from govgraph.analysis import coverage, memberships, metrics, overlaps, reporting_chains
from govgraph.analysis._view import GraphView, formal_parent_line, informal_line
from govgraph.analysis.overlaps import DEFAULT_MAX_ITEM_BODIES
from govgraph.dates import parse_as_of
from govgraph.findings import Finding
from govgraph.graph import to_graph
from govgraph.health import health
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.rules import Rule
from govgraph.scenarios._index import RelIndex, delta_between
from govgraph.scenarios.apply import apply_scenario
from govgraph.scenarios.diff import Change, classify
from govgraph.scenarios.spec import Scenario
from govgraph.temporal import as_of, holds_on
from govgraph.vocabulary import BODY_KINDS, HIERARCHY_TYPES, EntityKind, RelationType, Role

__all__ = ["METRIC_KEYS", "ImpactReport", "impact_between", "impact_report"]

#: Body attributes that set the meeting load.
_MEETING_KEYS = frozenset({"meeting_days", "meetings_per_year"})

#: The per-body figures compared before and after.
METRIC_KEYS = ("span", "informal_span", "depth", "formal_parents", "members", "annual_meeting_days")

_MEMBER_OF, _ADVANCES, _PART_OF, _HELD, _SUPPORTS = (
    RelationType.MEMBER_OF,
    RelationType.ADVANCES,
    RelationType.PART_OF,
    RelationType.HELD,
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
    #: For ``govgraph compare`` (not part of ``to_dict``): ``bodies``, the bodies whose
    #: own figures can change; ``rows``, their ``govgraph.analysis.metrics`` rows
    #: after (those that exist after); ``lines``, the formal and informal lines between
    #: bodies that touch them, ``[before, after]``; ``whole``, true when the report
    #: cannot say (a meeting changed: the whole structure must be measured again).
    structure: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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
    """Both models' relationships, found by entity (the shared ones once), and which of
    them belong to which model. Look-ups take sets of ids (one scan per set)."""

    def __init__(self, before: GovernanceModel, after: GovernanceModel) -> None:
        delta = delta_between(before, after)
        old_entities, new_entities = delta.old_entities, delta.new_entities
        old_rels, new_rels = delta.old_relationships, delta.new_relationships
        self.changes = classify(old_entities, new_entities, old_rels, new_rels)
        self.old_only = {id(r) for r in old_rels}
        self.new_only = {id(r) for r in new_rels}
        self.changed: list[Relationship] = [*old_rels, *new_rels]
        self.base = before.relationships
        self.index = RelIndex.of(before)
        self.extra_out: dict[str, list[Relationship]] = defaultdict(list)
        self.extra_in: dict[str, list[Relationship]] = defaultdict(list)
        for rel in new_rels:
            self.extra_out[rel.from_].append(rel)
            self.extra_in[rel.to].append(rel)
        self.before = before
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

    def out_rels(self, ids: set[str]) -> Iterator[Relationship]:
        """Every relationship (of either model) from one of ``ids``."""
        base = self.base
        for entity_id, positions in self.index.out_of(ids).items():
            for pos in positions:
                yield base[pos]
            yield from self.extra_out.get(entity_id, ())

    def in_rels(self, ids: set[str]) -> Iterator[Relationship]:
        """Every relationship (of either model) to one of ``ids``."""
        base = self.base
        for entity_id, positions in self.index.into(ids).items():
            for pos in positions:
                yield base[pos]
            yield from self.extra_in.get(entity_id, ())

    def sources(self, ids: set[str], types: Iterable[RelationType]) -> set[str]:
        wanted = frozenset(types)
        return {r.from_ for r in self.in_rels(ids) if r.type in wanted}

    def targets(self, ids: set[str], types: Iterable[RelationType]) -> set[str]:
        wanted = frozenset(types)
        return {r.to for r in self.out_rels(ids) if r.type in wanted}

    def neighbours(self, ids: set[str]) -> set[str]:
        return {r.to for r in self.out_rels(ids)} | {r.from_ for r in self.in_rels(ids)}

    def closure(self, start: Iterable[str], step: Any) -> set[str]:
        """``start`` and everything ``step(frontier)`` reaches, level by level."""
        seen = set(start)
        frontier = set(seen)
        while frontier:
            frontier = step(frontier) - seen
            seen |= frontier
        return seen

    def submodel(self, ids: set[str], *, after: bool) -> GovernanceModel:
        skip = self.old_only if after else self.new_only
        entities = [e for e in (self.entity(i, after=after) for i in sorted(ids)) if e]
        present = {e.id for e in entities}
        added = (rel for rels in self.extra_out.values() for rel in rels)
        relationships = [
            rel
            for rel in chain((self.base[pos] for pos in self.index.within(present)), added)
            if id(rel) not in skip and rel.from_ in present and rel.to in present
        ]
        return GovernanceModel.model_construct(
            entities=tuple(entities),
            relationships=tuple(relationships),
            rules=self.before.rules,  # the model's own health rules apply to every part
        )

    def jurisdictions(self) -> set[str]:
        kinds = map(operator.attrgetter("kind"), self.before.entities)
        ids = map(operator.attrgetter("id"), self.before.entities)
        found = set(compress(ids, map(EntityKind.jurisdiction.__eq__, kinds)))
        return found | {
            i for i, e in self.new_entities.items() if e.kind is EntityKind.jurisdiction
        }


@dataclass
class _Focus:
    """The ids each part of the report looks at, and the ids each part analyses: a
    small region per analysis, so that no analysis runs on more than it needs."""

    chain_bodies: set[str]
    core: set[str]
    overlap_bodies: set[str]
    coverage_bodies: set[str]
    members: set[str]
    #: core bodies and their neighbours: chains, span, depth, health
    structure: set[str]
    #: bodies whose items changed, the bodies sharing items with them, and the items
    overlap: set[str]
    #: bodies whose coverage may change, their parts and member organisations, members
    coverage: set[str]
    #: members whose load may change, the bodies (and wholes) they sit on, and meetings
    load: set[str]
    load_members: set[str]


def _focus(union: _Union, changes: list[Change]) -> _Focus:
    hierarchy = HIERARCHY_TYPES
    changed_ids = {c.entity for c in changes}
    touched = changed_ids | {r.from_ for r in union.changed} | {r.to for r in union.changed}
    lifecycle = {c.entity for c in changes if c.kind in ("created", "abolished", "merged")}
    movers = {r.from_ for r in union.changed if r.type in hierarchy} | lifecycle
    bodies = {i for i in touched if union.is_body(i)}

    # below the bodies whose lines up changed, chains and depths change; above, only
    # the ancestors themselves are needed (their own figures do not change)
    chain_bodies = union.closure(movers, lambda f: union.sources(f, hierarchy))
    core = bodies | chain_bodies
    ancestors = union.closure(core, lambda f: union.targets(f, hierarchy))
    structure = ancestors | union.neighbours(core)
    for rel in union.in_rels(ancestors):  # support is inherited down PART_OF lines
        if rel.type is _SUPPORTS or (rel.type is _MEMBER_OF and rel.role is Role.secretariat):
            structure.add(rel.from_)

    items_changed = [r for r in union.changed if r.type in (_MEMBER_OF, _ADVANCES)]
    overlap_bodies = {r.to if r.type is _MEMBER_OF else r.from_ for r in items_changed}
    overlap_bodies |= {b for b in lifecycle if union.is_body(b)}
    overlap: set[str] = set()
    if overlap_bodies:
        items = union.sources(overlap_bodies, (_MEMBER_OF,))
        items |= union.targets(overlap_bodies, (_ADVANCES,))
        sharing: dict[str, set[str]] = defaultdict(set)
        for rel in union.out_rels(items):
            if rel.type is _MEMBER_OF:
                sharing[rel.from_].add(rel.to)
        for rel in union.in_rels(items):
            if rel.type is _ADVANCES:
                sharing[rel.to].add(rel.from_)
        others: set[str] = set()
        for item, shared in sharing.items():
            if len(shared) <= DEFAULT_MAX_ITEM_BODIES:
                overlap.add(item)
                others |= shared
        overlap |= overlap_bodies | others
        overlap |= union.sources(others, (_MEMBER_OF,)) | union.targets(others, (_ADVANCES,))

    coverage_seeds = {r.to for r in union.changed if r.type in (_MEMBER_OF, _PART_OF)}
    coverage_seeds |= {b for b in lifecycle if union.is_body(b)}
    coverage_bodies = union.closure(
        {b for b in coverage_seeds if union.is_body(b)}, lambda f: union.targets(f, (_PART_OF,))
    )
    covered: set[str] = set()
    if coverage_bodies:

        def feeders_of(frontier: set[str]) -> set[str]:
            return {
                s
                for s in union.sources(frontier, (_MEMBER_OF, _PART_OF))
                if (e := union.any_entity(s)) is not None
                and e.kind in (EntityKind.organization, *BODY_KINDS)
            }

        feeders = union.closure(coverage_bodies, feeders_of)
        covered = feeders | union.sources(feeders, (_MEMBER_OF, _PART_OF))
        covered |= union.jurisdictions()

    # members affected: those of the changed bodies (and of their parts)
    changed_bodies = {i for i in changed_ids if union.is_body(i)}
    with_parts = union.closure(changed_bodies, lambda f: union.sources(f, (_PART_OF,)))
    members = union.sources(with_parts, (_MEMBER_OF,)) if with_parts else set()
    # meeting loads change only where memberships, composition, meetings or the meeting
    # format change: the members of those bodies get their load computed
    load_bodies = {r.to for r in union.changed if r.type in (_MEMBER_OF, _PART_OF, _HELD)} | {
        r.from_ for r in union.changed if r.type in (_PART_OF, _HELD)
    }
    load_bodies |= {
        c.entity
        for c in changes
        if c.kind in ("created", "abolished", "merged")
        or _MEETING_KEYS & set(c.details.get("attributes") or ())
    }
    load_bodies = union.closure(
        {b for b in load_bodies if union.is_body(b)}, lambda f: union.sources(f, (_PART_OF,))
    )
    load_members = union.sources(load_bodies, (_MEMBER_OF,)) if load_bodies else set()
    load = load_bodies | load_members
    if load_members:
        load |= union.closure(
            union.targets(load_members, (_MEMBER_OF,)), lambda f: union.targets(f, (_PART_OF,))
        )
    load |= union.targets(load, (_HELD,))  # the meetings give the cadence
    return _Focus(
        chain_bodies,
        core,
        overlap_bodies,
        coverage_bodies,
        members,
        structure,
        overlap,
        covered,
        load,
        load_members,
    )


class _Region:
    """One part of the model, before and after, as models and (when asked) as graphs of
    what is valid on the day (shared by the analyses and the health rules)."""

    def __init__(self, old: GovernanceModel, new: GovernanceModel, day: date) -> None:
        self.old, self.new, self.day = old, new, day
        self._graphs: tuple[Any, Any] | None = None

    @property
    def old_graph(self) -> Any:
        return self.graphs()[0]

    @property
    def new_graph(self) -> Any:
        return self.graphs()[1]

    def graphs(self) -> tuple[Any, Any]:
        if self._graphs is None:
            self._graphs = (
                to_graph(as_of(self.old, self.day)),
                to_graph(as_of(self.new, self.day)),
            )
        return self._graphs

    @classmethod
    def of(cls, union: _Union, ids: set[str], day: date) -> _Region:
        return cls(union.submodel(ids, after=False), union.submodel(ids, after=True), day)


# ── the report ───────────────────────────────────────────────────────────────────────


def _health(
    model: GovernanceModel, day: date, graph: Any = None, rules: Sequence[Rule] = ()
) -> list[Finding]:
    """The health findings (validator, analyses, the model's rules and ``rules``) on
    ``day``, as ``govgraph health`` gives them; ``graph`` is ``to_graph`` of the model
    as of ``day`` when already built."""
    return health(model, rules=rules, as_of=day, graph=graph)


def _finding_key(finding: Finding) -> tuple[Any, ...]:
    return (finding.code, finding.entities, finding.message_en)


def _findings_diff(
    region: _Region, day: date, focus: set[str] | None, rules: Sequence[Rule] = ()
) -> tuple[list[Finding], list[Finding]]:
    def relevant(findings: list[Finding]) -> dict[tuple[Any, ...], Finding]:
        return {
            _finding_key(f): f.model_copy(update={"record": None, "file": None, "line": None})
            for f in findings
            if focus is None or not f.entities or set(f.entities) & focus
        }

    old = relevant(_health(region.old, day, region.old_graph, rules))
    new = relevant(_health(region.new, day, region.new_graph, rules))
    introduced = [new[k] for k in sorted(new.keys() - old.keys())]
    resolved = [old[k] for k in sorted(old.keys() - new.keys())]
    return introduced, resolved


def _present(union: _Union, entity_id: str, day: date, *, after: bool) -> bool:
    entity = union.entity(entity_id, after=after)
    return entity is not None and holds_on(entity, day)


def _chains(before_graph, after_graph, union, bodies, day) -> list[dict[str, Any]]:
    rows = []
    for body in sorted(bodies):
        old = (
            reporting_chains(before_graph, body, as_of=day)
            if _present(union, body, day, after=False)
            else None
        )
        new = (
            reporting_chains(after_graph, body, as_of=day)
            if _present(union, body, day, after=True)
            else None
        )
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


def _coverage_rows(before_graph, after_graph, union, bodies, day):
    rows = []
    for body in sorted(bodies):
        old = (
            coverage(before_graph, body, as_of=day)[body]
            if _present(union, body, day, after=False)
            else None
        )
        new = (
            coverage(after_graph, body, as_of=day)[body]
            if _present(union, body, day, after=True)
            else None
        )
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


def _load(graph, body_rows, member, union, day, *, after: bool) -> float | None:
    if not _present(union, member, day, after=after):
        return None
    attended = {row["id"] for row in memberships(graph, member, as_of=day)}
    known = [body_rows[b]["annual_meeting_days"] for b in attended if b in body_rows]
    known = [k for k in known if k is not None]
    return math.fsum(known) if known else None


def _meeting_load(region: _Region, union: _Union, members, day) -> dict[str, Any]:
    before_graph, after_graph = region.old_graph, region.new_graph
    old_rows = metrics(before_graph, as_of=day, betweenness_k=0)["bodies"]
    new_rows = metrics(after_graph, as_of=day, betweenness_k=0)["bodies"]
    per_member = []
    for member in sorted(members):
        old = _load(before_graph, old_rows, member, union, day, after=False)
        new = _load(after_graph, new_rows, member, union, day, after=True)
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


def _lines_touching(graph: Any, bodies: set[str], day: date) -> list[int]:
    """``[formal, informal]``: the lines between bodies, valid on ``day``, with at least
    one end in ``bodies`` (each line once), as ``metrics`` counts them."""
    view = GraphView(graph, day)
    valid = set(view.bodies())
    counts = [0, 0]

    def count(data: dict[str, Any]) -> None:
        if formal_parent_line(data):
            counts[0] += 1
        elif informal_line(data):
            counts[1] += 1

    for body in bodies & valid:
        for target, data in view.out_edges(body, lambda _: True):
            if target in valid:
                count(data)
        for source, data in view.in_edges(body, lambda _: True):
            if source in valid and source not in bodies:
                count(data)
    return counts


def _meeting_changed(union: _Union) -> bool:
    ids = union.old_entities | set(union.new_entities)
    return any((e := union.any_entity(i)) is not None and e.kind is EntityKind.meeting for i in ids)


def impact_between(
    before: GovernanceModel,
    after: GovernanceModel,
    *,
    day: str | date,
    scenario: Scenario | None = None,
    full: bool = False,
    rules: Sequence[Rule] = (),
) -> ImpactReport:
    """The impact report comparing two models on ``day`` (see ``impact_report``).

    A scenario is judged at its effective date: on a ``day`` before it, nothing has
    changed yet, and the report says so (``scenario["in_effect"]`` is false, no
    change is listed) even for changes the model cannot date (e.g. attributes)."""
    day = parse_as_of(day)
    in_effect = not (scenario and scenario.effective and day < parse_as_of(scenario.effective))
    if not in_effect:
        after = before
    union = _Union(before, after)
    changes = union.changes
    focus = _focus(union, changes)
    if full:
        whole = _Region(before, after, day)
        structure = overlap_region = coverage_region = load_region = health_region = whole
        all_bodies = {e.id for e in chain(before.entities, after.entities) if e.is_body}
        chain_bodies = core = overlap_bodies = coverage_bodies = all_bodies
        load_members = focus.load_members
        finding_focus: set[str] | None = None
        analysed = len(after.entities)
    else:
        # one region for the structure, the health rules and the meeting loads: one
        # pair of graphs; overlaps and coverage get their own only when they can change
        structure = _Region.of(union, focus.structure | focus.load, day)
        load_region = health_region = structure
        overlap_region = _Region.of(union, focus.overlap if focus.overlap_bodies else set(), day)
        coverage_region = _Region.of(union, focus.coverage if focus.coverage_bodies else set(), day)
        chain_bodies, core, load_members = focus.chain_bodies, focus.core, focus.load_members
        overlap_bodies, coverage_bodies = focus.overlap_bodies, focus.coverage_bodies
        finding_focus = focus.core | focus.members | focus.overlap_bodies | focus.coverage_bodies
        analysed = len(focus.structure | focus.load | focus.overlap | focus.coverage)
    introduced, resolved = _findings_diff(health_region, day, finding_focus, rules)
    created, removed = _overlap_diff(
        overlap_region.old_graph, overlap_region.new_graph, overlap_bodies, day, full
    )
    old_rows = metrics(structure.old_graph, as_of=day, betweenness_k=0)["bodies"]
    new_rows = metrics(structure.new_graph, as_of=day, betweenness_k=0)["bodies"]
    name = scenario.name.model_dump(exclude_none=True) if scenario else {}
    described = scenario.description if scenario else None
    report = ImpactReport(
        scenario={
            "name": name,
            "description": described.model_dump(exclude_none=True) if described else {},
            "effective": scenario.effective if scenario else None,
            "operations": len(scenario.operations) if scenario else None,
            "in_effect": in_effect,
        },
        day=day.isoformat(),
        changes=changes,
        chains=_chains(structure.old_graph, structure.new_graph, union, chain_bodies, day),
        metrics=_metric_rows(old_rows, new_rows, core),
        findings_introduced=introduced,
        findings_resolved=resolved,
        overlaps_created=created,
        overlaps_removed=removed,
        coverage=_coverage_rows(
            coverage_region.old_graph,
            coverage_region.new_graph,
            union,
            coverage_bodies,
            day,
        ),
        members_affected=sorted(focus.members),
        meeting_load=_meeting_load(load_region, union, load_members, day),
        analysed={
            "entities": analysed,
            "of_entities": len(after.entities),
            "full": full,
        },
    )
    report.names = _names(union, report)
    report.structure = {
        "bodies": core,
        "rows": {b: new_rows[b] for b in core if b in new_rows},
        "lines": [
            _lines_touching(structure.old_graph, core, day),
            _lines_touching(structure.new_graph, core, day),
        ],
        "whole": _meeting_changed(union),
    }
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
    before: GovernanceModel, scenario: Scenario, *, full: bool = False, rules: Sequence[Rule] = ()
) -> ImpactReport:
    """Apply ``scenario`` to ``before`` and report its impact on the effective date
    (today when the scenario has none). Raises ``ScenarioError`` when an operation
    cannot be applied. ``full=True`` analyses the whole models (slower; the same
    answer)."""
    after = apply_scenario(before, scenario)
    day = scenario.effective or date.today()
    return impact_between(before, after, day=day, scenario=scenario, full=full, rules=rules)
