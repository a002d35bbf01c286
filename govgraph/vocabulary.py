"""The closed vocabularies of the governance model: entity kinds, relationship types,
roles, engagement levels, and which kinds each relationship type may connect.

These enumerations are the only source of Neo4j labels and relationship types, and of
the values the validator accepts.

Examples
--------
>>> EntityKind("working_group") in BODY_KINDS
True
>>> allowed_endpoints(RelationType.MEMBER_OF)[0] == MEMBER_KINDS
True
>>> EngagementLevel.co_create.rank > EngagementLevel.inform.rank
True
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "BODY_KINDS",
    "ENDPOINTS",
    "GOVERNING_KINDS",
    "HIERARCHY_TYPES",
    "MEMBER_KINDS",
    "RELATION_PROPERTIES",
    "SELF_LOOP_TYPES",
    "EngagementLevel",
    "EntityKind",
    "RelationType",
    "Role",
    "allowed_endpoints",
    "is_hierarchy_line",
]


class EntityKind(StrEnum):
    """What an entity is."""

    council = "council"
    committee = "committee"
    working_group = "working_group"
    table = "table"
    organization = "organization"
    jurisdiction = "jurisdiction"
    position = "position"
    person = "person"
    priority = "priority"
    meeting = "meeting"

    @property
    def label(self) -> str:
        """The Neo4j label for this kind, e.g. ``WorkingGroup``."""
        return "".join(part.capitalize() for part in self.value.split("_"))


class RelationType(StrEnum):
    """A directed relationship type, source → target."""

    REPORTS_TO = "REPORTS_TO"
    PART_OF = "PART_OF"
    MEMBER_OF = "MEMBER_OF"
    SUPPORTS = "SUPPORTS"
    ENGAGES_WITH = "ENGAGES_WITH"
    ADVANCES = "ADVANCES"
    OVERSEES = "OVERSEES"
    FOUNDED = "FOUNDED"
    SUCCEEDS = "SUCCEEDS"
    HELD = "HELD"
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"


class Role(StrEnum):
    """The role of a MEMBER_OF relationship."""

    member = "member"
    chair = "chair"
    co_chair = "co_chair"
    vice_chair = "vice_chair"
    secretariat = "secretariat"
    observer = "observer"
    ex_officio = "ex_officio"


class EngagementLevel(StrEnum):
    """The operating framework's engagement continuum, weakest first:
    Inform → Exchange → Collaborate → Joint creation and delivery."""

    inform = "inform"
    exchange = "exchange"
    collaborate = "collaborate"
    co_create = "co_create"

    @property
    def rank(self) -> int:
        """0 for ``inform`` up to 3 for ``co_create``."""
        return list(EngagementLevel).index(self)


#: Bodies: the kinds that can report, be part of, hold meetings and have members.
BODY_KINDS: frozenset[EntityKind] = frozenset(
    {
        EntityKind.council,
        EntityKind.committee,
        EntityKind.working_group,
        EntityKind.table,
        EntityKind.organization,
    }
)

#: Bodies that govern: the ones the support and parent rules apply to.
GOVERNING_KINDS: frozenset[EntityKind] = frozenset(
    {EntityKind.council, EntityKind.committee, EntityKind.working_group}
)

#: Kinds that can sit on a body (MEMBER_OF sources).
MEMBER_KINDS: frozenset[EntityKind] = frozenset(
    {EntityKind.person, EntityKind.position, EntityKind.jurisdiction, EntityKind.organization}
)

_SUPPORTERS = frozenset({EntityKind.organization, EntityKind.position})
_PRIORITY = frozenset({EntityKind.priority})
_ORGANIZATION = frozenset({EntityKind.organization})
_MEETING = frozenset({EntityKind.meeting})
_POSITION = frozenset({EntityKind.position})

#: Allowed (source kinds, target kinds) per relationship type. OVERSEES may also point
#: at a priority: a body oversees a piece of work (the deck's governance review).
ENDPOINTS: dict[RelationType, tuple[frozenset[EntityKind], frozenset[EntityKind]]] = {
    RelationType.REPORTS_TO: (BODY_KINDS, BODY_KINDS),
    RelationType.PART_OF: (BODY_KINDS, BODY_KINDS),
    RelationType.MEMBER_OF: (MEMBER_KINDS, BODY_KINDS),
    RelationType.SUPPORTS: (_SUPPORTERS, BODY_KINDS),
    RelationType.ENGAGES_WITH: (BODY_KINDS, BODY_KINDS),
    RelationType.ADVANCES: (BODY_KINDS, _PRIORITY),
    RelationType.OVERSEES: (BODY_KINDS, BODY_KINDS | _PRIORITY),
    RelationType.FOUNDED: (BODY_KINDS, _ORGANIZATION),
    RelationType.SUCCEEDS: (BODY_KINDS, BODY_KINDS),
    RelationType.HELD: (BODY_KINDS, _MEETING),
    # a body answers to the holder of a position (a minister, a deputy minister): not a
    # line of the hierarchy between bodies (docs/accountability.md)
    RelationType.ACCOUNTABLE_TO: (BODY_KINDS, _POSITION),
}

#: Which optional properties each relationship type accepts.
RELATION_PROPERTIES: dict[RelationType, frozenset[str]] = {
    RelationType.REPORTS_TO: frozenset({"formal"}),
    RelationType.MEMBER_OF: frozenset({"role"}),
    RelationType.SUPPORTS: frozenset({"service"}),
    RelationType.ENGAGES_WITH: frozenset({"level"}),
}

#: Relationship types that form the structure (parent lines). The hierarchy itself is
#: narrower: see ``is_hierarchy_line``.
HIERARCHY_TYPES: frozenset[RelationType] = frozenset(
    {RelationType.REPORTS_TO, RelationType.PART_OF}
)

#: Relationship types for which a line from an entity to itself means nothing (all of
#: them: nothing reports to, is part of, sits on, supports or succeeds itself).
SELF_LOOP_TYPES: frozenset[RelationType] = frozenset(RelationType)


def is_hierarchy_line(rel_type: str, formal: bool | None = None) -> bool:
    """Whether a line belongs to **the hierarchy**: the lines chains, subordinates,
    span and depth walk, and that must be acyclic at every date. They are the formal
    ``REPORTS_TO`` lines (``formal`` not false) and the ``PART_OF`` lines (a part
    answers to the whole); informal reporting lines are not part of it.

    This is the one definition; the model, the graph and the scenarios all ask it.

    >>> is_hierarchy_line("PART_OF"), is_hierarchy_line("REPORTS_TO")
    (True, True)
    >>> is_hierarchy_line("REPORTS_TO", formal=False), is_hierarchy_line("SUPPORTS")
    (False, False)
    """
    if rel_type == RelationType.PART_OF:
        return True
    return rel_type == RelationType.REPORTS_TO and formal is not False


def allowed_endpoints(
    rel_type: RelationType,
) -> tuple[frozenset[EntityKind], frozenset[EntityKind]]:
    """The (source kinds, target kinds) a relationship type may connect.

    >>> [kind.value for kind in allowed_endpoints(RelationType.HELD)[1]]
    ['meeting']
    """
    return ENDPOINTS[rel_type]
