"""Hypothesis strategies for random valid models, hostile text included.

``models()`` draws models that pass the structural validation and whose relationships
respect the endpoint rules and reference existing entities (rule *warnings* may occur;
rule *errors* such as formal cycles may too unless ``acyclic=True``).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from govgraph.model import GovernanceModel
from govgraph.vocabulary import (
    ENDPOINTS,
    EngagementLevel,
    EntityKind,
    RelationType,
    Role,
    is_hierarchy_line,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "'; DROP TABLE x; --",
    "}) DETACH DELETE n //",
    "`backtick` \"double\" 'single'",
    "[bold red]markup[/]",
    '=HYPERLINK("http://x")',
    "Québec — Île-du-Prince-Édouard ✓",
    "semi;colon, comma",
    "line\nbreak",
]

text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
    ).filter(lambda s: s.strip() == s and s.strip()),
)
ids = st.one_of(
    st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
    st.sampled_from(["}) DETACH DELETE n //", "it's", 'q"uote', "`tick`", "é-accent"]),
)
years = st.integers(min_value=1990, max_value=2030)


@st.composite
def interval(draw: st.DrawFn) -> dict[str, str]:
    start = draw(st.none() | years)
    end = draw(st.none() | years)
    if start is not None and end is not None and end < start:
        start, end = end, start
    result = {}
    if start is not None:
        result["valid_from"] = (
            str(start) if draw(st.booleans()) else f"{start}-0{draw(st.integers(1, 9))}"
        )
    if end is not None:
        result["valid_to"] = str(end)
    return result


attribute_values = st.one_of(
    st.integers(-5, 5),
    st.floats(0, 3, allow_nan=False).map(lambda f: round(f, 2)),
    st.booleans(),
    text,
    st.none(),
    st.lists(st.integers(0, 9), max_size=3),
)


@st.composite
def entity_record(draw: st.DrawFn, entity_id: str) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(EntityKind)))
    record: dict[str, Any] = {"id": entity_id, "kind": kind.value}
    names = draw(st.fixed_dictionaries({}, optional={"en": text, "fr": text}))
    record["name"] = names or {"en": entity_id}
    if draw(st.booleans()):
        record["acronym"] = {"fr": draw(text)}
    record.update(draw(interval()))
    if draw(st.booleans()):
        record["tags"] = draw(
            st.lists(st.sampled_from(["assumption", "fptm", "x y"]), max_size=2, unique=True)
        )
    if draw(st.booleans()):
        record["attributes"] = draw(
            st.dictionaries(
                st.sampled_from(["meeting_days", "city", "note", "n"]), attribute_values, max_size=3
            )
        )
    if draw(st.booleans()):
        record["source"] = draw(text)
    if draw(st.booleans()):  # a plain string, or {en, fr} (at least one)
        bilingual = st.fixed_dictionaries({}, optional={"en": text, "fr": text}).filter(bool)
        record["description"] = draw(st.one_of(text, bilingual))
    if draw(st.booleans()):
        record["identifiers"] = {"wikidata": f"Q{draw(st.integers(1, 999))}"}
    return record


@st.composite
def models(
    draw: st.DrawFn, max_entities: int = 12, max_relationships: int = 20, acyclic: bool = False
) -> GovernanceModel:
    entity_ids = draw(st.lists(ids, min_size=0, max_size=max_entities, unique=True))
    entities = [draw(entity_record(entity_id)) for entity_id in entity_ids]
    by_kind: dict[str, list[str]] = {}
    for record in entities:
        by_kind.setdefault(record["kind"], []).append(record["id"])
    relationships: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    order = {record["id"]: i for i, record in enumerate(entities)}
    for _ in range(draw(st.integers(0, max_relationships))):
        rel_type = draw(st.sampled_from(list(RelationType)))
        sources, targets = ENDPOINTS[rel_type]
        source_ids = [i for k in sources for i in by_kind.get(k.value, [])]
        target_ids = [i for k in targets for i in by_kind.get(k.value, [])]
        if not source_ids or not target_ids:
            continue
        source = draw(st.sampled_from(sorted(source_ids)))
        target = draw(st.sampled_from(sorted(target_ids)))
        record: dict[str, Any] = {"from": source, "type": rel_type.value, "to": target}
        if rel_type is RelationType.REPORTS_TO:
            record["formal"] = draw(st.booleans())
        if (
            acyclic
            and is_hierarchy_line(rel_type, record.get("formal"))
            and order[source] <= order[target]
        ):
            continue  # hierarchy lines only point to earlier entities: no cycle
        if rel_type is RelationType.MEMBER_OF:
            record["role"] = draw(st.sampled_from(list(Role))).value
        if rel_type is RelationType.ENGAGES_WITH and draw(st.booleans()):
            record["level"] = draw(st.sampled_from(list(EngagementLevel))).value
        if rel_type is RelationType.SUPPORTS and draw(st.booleans()):
            record["service"] = draw(st.sampled_from(["secretariat", "funding", "research"]))
        record.update(draw(interval()))
        if draw(st.booleans()):
            record["source"] = draw(text)
        if draw(st.integers(0, 3)) == 0:
            record["attributes"] = {"weight": draw(st.integers(0, 5))}
        if draw(st.integers(0, 3)) == 0:
            record["tags"] = ["assumption"]
        candidate = GovernanceModel.model_validate(
            {"entities": [], "relationships": [record]}
        ).relationships[0]
        identity = (source, target, candidate.key)
        if identity in seen:
            continue
        seen.add(identity)
        relationships.append(record)
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})
