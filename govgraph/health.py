"""``health``: everything doubtful about a model, as findings a CI job can gate on.

Three sources, in this order (errors first overall):

1. the **validator** (``govgraph.checks``): duplicate ids, dangling references, cycles,
   informal structure, several formal parents, ended bodies with active children,
   bodies with no support;
2. **analysis findings** (``govgraph.analysis``), with limits you can set
   (``HealthLimits``):

   - ``span-over-limit``: a body with more bodies reporting to it (formal REPORTS_TO
     and PART_OF lines) than ``max_span``;
   - ``depth-over-limit``: a body more than ``max_depth`` formal lines below a root;
   - ``overlapping-mandates``: two bodies whose members and priorities overlap with a
     Jaccard score of at least ``overlap_jaccard`` and at least ``overlap_min_shared``
     shared items: rationalisation candidates;
   - ``ended-still-referenced``: a body that ended (``valid_to``) while relationships
     dated past its end still touch it (stale references);
   - ``no-secretariat``: a working group with support but no secretariat (no
     ``SUPPORTS`` with service ``secretariat``, no ``secretariat`` member, none through
     a body it is PART_OF); working groups with no support at all are already the
     validator's ``no-support``;
3. **user rules** (``govgraph.rules``): the model's ``rules:`` section and any rules
   passed in.

With ``as_of``, the model is first cut to that date (``govgraph.as_of``), except for
``ended-still-referenced``, which compares dates: there, a body counts when it ended
before ``as_of`` and a dated relationship touching it is still valid on ``as_of``.
If the validator finds errors, the analyses are skipped (they assume a valid
structure) and an ``analyses-skipped`` info finding says so; rules still run.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "jc", "kind": "council", "name": {"en": "JC"}},
...     {"id": "iccs", "kind": "organization", "name": {"en": "ICCS"}},
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
...   "relationships": [
...     {"from": "wg", "type": "REPORTS_TO", "to": "jc"},
...     {"from": "iccs", "type": "SUPPORTS", "to": "jc", "service": "secretariat"},
...     {"from": "iccs", "type": "SUPPORTS", "to": "wg", "service": "funding"}]})
>>> [f.code for f in health(model)]
['no-secretariat']
>>> [f.code for f in health(model, limits={"max_span": 0})]
['span-over-limit', 'no-secretariat']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

import networkx as nx

from govgraph.analysis import overlaps
from govgraph.analysis.structure import structure_rows
from govgraph.checks import check_model, make_finding
from govgraph.dates import interval, parse_as_of
from govgraph.errors import InputError
from govgraph.findings import Finding, Severity, errors_in
from govgraph.graph import to_graph
from govgraph.i18n import Phrase, kind_name, plural, text
from govgraph.model import GovernanceModel
from govgraph.rules import Rule, check_rules, rules_of_model
from govgraph.temporal import as_of as model_as_of
from govgraph.temporal import valid_positions
from govgraph.vocabulary import HIERARCHY_TYPES, EntityKind, RelationType, Role

__all__ = ["ANALYSIS_CODES", "HealthLimits", "health", "structure_rows"]

#: The codes of the analysis findings (the validator's and the rules' are elsewhere).
ANALYSIS_CODES = (
    "span-over-limit",
    "depth-over-limit",
    "overlapping-mandates",
    "ended-still-referenced",
    "no-secretariat",
    "analyses-skipped",
)

#: How many relationships an ``ended-still-referenced`` message lists.
_LINES_SHOWN = 5


@dataclass(frozen=True)
class HealthLimits:
    """The limits the analysis findings use.

    >>> HealthLimits.from_mapping({"max_span": 8}).max_span
    8
    """

    #: most bodies that may report to one body
    max_span: int = 12
    #: most formal lines between a body and the top
    max_depth: int = 5
    #: lowest Jaccard score that makes two bodies' mandates "overlapping"
    overlap_jaccard: float = 0.8
    #: fewest shared members and priorities for an overlap to count
    overlap_min_shared: int = 3
    #: what overlaps compare: "members", "priorities" or "both"
    overlap_by: str = "both"

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | HealthLimits | None) -> HealthLimits:
        """Limits from a mapping (unknown keys and bad values raise ``InputError``)."""
        if values is None:
            return cls()
        if isinstance(values, HealthLimits):
            return values
        known = {f.name: f.type for f in fields(cls)}
        for key in values:
            if key not in known:
                raise InputError(Phrase("health.unknown_limit", key=key, known=", ".join(known)))
        limits = replace(cls(), **{k: v for k, v in values.items() if v is not None})
        for name in ("max_span", "max_depth", "overlap_min_shared"):
            value = getattr(limits, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(Phrase("health.whole_number", name=name, value=value), field=name)
        if not 0.0 <= limits.overlap_jaccard <= 1.0:
            raise InputError(Phrase("health.jaccard"), field="overlap_jaccard")
        if limits.overlap_by not in ("members", "priorities", "both"):
            raise InputError(Phrase("health.overlap_by"), field="overlap_by")
        return limits


def health(
    model: GovernanceModel,
    *,
    rules: Sequence[Rule] | None = None,
    as_of: str | date | None = None,
    limits: Mapping[str, Any] | HealthLimits | None = None,
    validator_findings: Sequence[Finding] | None = None,
    graph: nx.MultiDiGraph | None = None,
) -> list[Finding]:
    """Every health finding on ``model``: the validator's, the analyses' and the rules'
    (the model's ``rules`` section, then ``rules``), errors first.

    ``limits``: a ``HealthLimits`` or a mapping of some of its fields.
    ``validator_findings``: the validator's findings if already known (e.g. located in
    their file by ``govgraph.validate_path``): they are used instead of re-checking.
    ``graph``: ``to_graph`` of the model as of ``as_of``, if already built.
    """
    settings = HealthLimits.from_mapping(limits)
    day = parse_as_of(as_of) if as_of is not None else None
    sliced = model_as_of(model, day)
    if validator_findings is not None:
        found = list(validator_findings)
    else:
        found = _in_file_positions(check_model(sliced), model, day)
    all_rules = (*rules_of_model(model), *(rules or ()))
    if errors_in(found):
        found.append(make_finding("analyses-skipped", Severity.info, ()))
        found.extend(check_rules(sliced, all_rules))
        return _errors_first(found)
    if graph is None:
        graph = to_graph(sliced)
    rows = structure_rows(sliced)
    found.extend(_span_and_depth(rows, settings))
    found.extend(_overlapping_mandates(graph, settings))
    found.extend(_ended_still_referenced(model, day))
    unsupported = {f.entities[0] for f in found if f.code == "no-support"}
    found.extend(_no_secretariat(sliced, unsupported, _positions(model)))
    found.extend(check_rules(sliced, all_rules, hierarchy=lambda: rows))
    return _errors_first(found)


def _positions(model: GovernanceModel) -> dict[str, int]:
    """Each entity's position in the model (the first one for a repeated id)."""
    positions: dict[str, int] = {}
    for position, entity in enumerate(model.entities):
        positions.setdefault(entity.id, position)
    return positions


def _in_file_positions(
    findings: list[Finding], model: GovernanceModel, day: date | None
) -> list[Finding]:
    """Findings about the model as of ``day``, with record positions in the whole model."""
    if day is None:
        return findings
    entities, relationships = valid_positions(model, day)
    whole = {"entities": entities, "relationships": relationships}
    return [
        f.model_copy(update={"record": (f.record[0], whole[f.record[0]][f.record[1]])})
        if f.record is not None
        else f
        for f in findings
    ]


def _errors_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.severity is not Severity.error)


def _span_and_depth(rows: dict[str, dict[str, int]], limits: HealthLimits) -> Iterator[Finding]:
    for measure, limit in (("span", limits.max_span), ("depth", limits.max_depth)):
        for body, row in rows.items():
            if row[measure] > limit:
                values = {measure: row[measure]}
                yield make_finding(
                    f"{measure}-over-limit", Severity.warning, (body,), id=body, limit=limit,
                    **values,
                )  # fmt: skip


def _overlapping_mandates(graph: nx.MultiDiGraph, limits: HealthLimits) -> Iterator[Finding]:
    if limits.overlap_jaccard <= 0.0:
        pairs = overlaps(graph, by=limits.overlap_by)
    else:
        pairs = overlaps(graph, by=limits.overlap_by, min_jaccard=limits.overlap_jaccard)
    for pair in pairs:
        members, priorities = pair["shared_members"], pair["shared_priorities"]
        if limits.overlap_by == "members":
            priorities = []
        elif limits.overlap_by == "priorities":
            members = []
        if len(members) + len(priorities) < limits.overlap_min_shared:
            continue
        shared, shared_fr = (
            ", ".join(
                part
                for part in (
                    plural("health.shared_members", len(members), lang) if members else "",
                    plural(
                        "health.shared_priorities",
                        len(priorities),
                        lang,
                        ids=", ".join(priorities[:3]),
                    )
                    if priorities
                    else "",
                )
                if part
            )
            for lang in ("en", "fr")
        )
        yield make_finding(
            "overlapping-mandates",
            Severity.warning,
            (pair["a"], pair["b"]),
            a=pair["a"],
            b=pair["b"],
            jaccard=pair["jaccard"],
            shared=shared,
            shared_fr=shared_fr,
        )


def _ended_still_referenced(model: GovernanceModel, day: date | None) -> Iterator[Finding]:
    """Bodies that ended while relationships dated past their end still touch them.

    An undated relationship ends with its entities (``as_of`` drops it), so only a
    relationship whose own dates say it goes on after the body's end (``valid_to``
    later, or ``valid_from`` after it) is a stale reference. ``SUCCEEDS`` lines are
    history and meant to outlive the body; lines from bodies still reporting to or
    part of an ended body are the validator's ``ended-with-active-children``. With
    ``day``: bodies ended before ``day``, relationships valid on ``day``.
    """
    ends: dict[str, date] = {}
    for entity in model.entities:
        if entity.valid_to and entity.is_body:
            end = interval(entity.valid_from, entity.valid_to)[1]
            if day is None or end < day:
                ends[entity.id] = end
    if not ends:
        return
    positions = _positions(model)
    lines: dict[str, list[str]] = defaultdict(list)
    for rel in model.relationships:
        if not (rel.valid_from or rel.valid_to):
            continue
        for entity_id in (rel.from_, rel.to):
            end = ends.get(entity_id)
            if end is None or rel.type is RelationType.SUCCEEDS:  # history: meant to outlive
                continue
            if entity_id == rel.to and rel.type in HIERARCHY_TYPES:  # the validator's
                continue
            first, last = interval(rel.valid_from, rel.valid_to)
            goes_on = (last > end or first > end) if day is None else (first <= day <= last)
            if goes_on:
                lines[entity_id].append(f"{rel.from_} {rel.type.value} {rel.to}")
    for entity_id, described in lines.items():
        end = ends[entity_id]
        shown = "; ".join(described[:_LINES_SHOWN])
        if len(described) > _LINES_SHOWN:
            shown += f"; … (+{len(described) - _LINES_SHOWN})"
        yield make_finding(
            "ended-still-referenced",
            Severity.warning,
            (entity_id,),
            record=("entities", positions[entity_id]),
            id=entity_id,
            end=end.isoformat(),
            n=len(described),
            lines=shown,
        )


def _no_secretariat(
    model: GovernanceModel, unsupported: set[str], positions: dict[str, int]
) -> Iterator[Finding]:
    """Working groups with support but no secretariat, directly or through PART_OF."""
    served: set[str] = set()
    part_of: dict[str, list[str]] = defaultdict(list)
    for rel in model.relationships:
        if (rel.type is RelationType.SUPPORTS and rel.service == "secretariat") or (
            rel.type is RelationType.MEMBER_OF and rel.role is Role.secretariat
        ):
            served.add(rel.to)
        elif rel.type is RelationType.PART_OF:
            part_of[rel.from_].append(rel.to)

    def has_secretariat(body: str) -> bool:
        stack, seen = [body], {body}
        while stack:
            current = stack.pop()
            if current in served:
                return True
            for whole in part_of.get(current, ()):
                if whole not in seen:
                    seen.add(whole)
                    stack.append(whole)
        return False

    for entity in model.entities:
        if entity.kind is not EntityKind.working_group or entity.id in unsupported:
            continue
        if not has_secretariat(entity.id):
            yield make_finding(
                "no-secretariat",
                Severity.warning,
                (entity.id,),
                record=("entities", positions[entity.id]),
                kind=kind_name(entity.kind, "en"),
                kind_fr=text(f"kind.the.{entity.kind}", "fr"),
                id=entity.id,
            )
