"""Synthetic, realistic whole-of-government governance models, for tests and benchmarks.

``generate_model(bodies=N, people=M, seed=S)`` builds a model shaped like a federation's
intergovernmental machinery, at any size:

- **jurisdictions**: the federal government, ten provinces, three territories and a few
  municipal governments (more for bigger models);
- **governing bodies** on five levels: root councils (like the Joint Councils), councils
  that are PART_OF or REPORT_TO them, committees, working groups and sub-working groups.
  Each body picks its parent with a heavy-tailed (Pareto) popularity, so spans of control
  range from one to thousands. About 3% of committees and working groups have a second
  formal parent (matrix), 4% an extra informal line, 1.5% only an informal line;
- **tables** (external intergovernmental tables) that councils and committees ENGAGE_WITH,
  at the four levels of the engagement continuum;
- **organisations** that SUPPORT bodies (secretariat, funding, research...) with a heavy
  tail (one institute supports thousands of bodies, most support a handful), sit on some
  bodies, and are FOUNDED by root councils; about 12% of bodies have no support;
- **people** (persons, and 5% positions) on 1–k bodies with a heavy tail (most sit on a
  few, some on dozens), each from a jurisdiction; most bodies have two co-chairs from two
  different jurisdictions, some a single chair; jurisdictions sit on councils and committees;
- **priorities** that bodies ADVANCE (popular ones shared by many bodies), **meetings**
  HELD by councils and committees, ``meeting_days`` and ``meetings_per_year`` on bodies;
- **validity dates**: bodies created between 1998 and 2024; 8% of sub-working groups
  ended, their lines ending with them (5% dated past the end: stale references).

Relationships number about five per entity. The same arguments always give the same
model, and so the same file bytes (no set or hash order is used). Records are built
without pydantic validation (which would dominate the run time at 10^6 entities): the
values are made valid by construction, and the test suite validates generated models.

>>> model = generate_model(bodies=40, people=60, seed=1)
>>> sum(e.is_body for e in model.entities)
40
>>> sum(e.kind == "person" or e.kind == "position" for e in model.entities)
60
>>> generate_model(bodies=40, people=60, seed=1) == model
True
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

__all__ = ["generate_model"]

_setattr = object.__setattr__
_Record = TypeVar("_Record", bound=BaseModel)

_ENTITY_DEFAULTS: dict[str, Any] = {
    "acronym": None,
    "description": None,
    "valid_from": None,
    "valid_to": None,
    "tags": (),
}
# one "fields set" per record shape; pydantic copies it before changing it (model_copy)
_FIELDS_SETS: dict[tuple[str, ...], set[str]] = {}

_SOURCE = "govgraph generate (synthetic)"


def _fields_set(keys: tuple[str, ...]) -> set[str]:
    found = _FIELDS_SETS.get(keys)
    if found is None:
        found = _FIELDS_SETS[keys] = set(keys)
    return found


def _bare(cls: type[_Record], data: dict[str, Any], fields: tuple[str, ...]) -> _Record:
    """An instance of ``cls`` holding ``data`` as is (what ``model_construct`` does,
    without its per-field work): no validation, so ``data`` must be valid."""
    record = cls.__new__(cls)
    _setattr(record, "__dict__", data)
    _setattr(record, "__pydantic_fields_set__", _fields_set(fields))
    _setattr(record, "__pydantic_extra__", None)
    _setattr(record, "__pydantic_private__", None)
    return record


def _entity(entity_id: str, kind: EntityKind, name: LocalizedText, **values: Any) -> Entity:
    """An Entity built without validation: the caller passes valid values only."""
    # every field, in the order Entity declares them (serialising follows this order,
    # and the store's chunk digests must match those of the same model read from a file)
    data = {"id": entity_id, "kind": kind, "name": name, **_ENTITY_DEFAULTS}
    data["identifiers"] = {}
    data["attributes"] = {}
    data["source"] = None
    data.update(values)
    return _bare(Entity, data, ("id", "kind", "name", *values))


def _relationship(
    start: str, rel_type: RelationType, target: str, /, **values: Any
) -> Relationship:
    """A Relationship built without validation: the caller passes valid values only."""
    data = {
        "from_": start,
        "type": rel_type,
        "to": target,
        "formal": values.get("formal"),
        "role": values.get("role"),
        "level": values.get("level"),
        "service": values.get("service"),
        "valid_from": values.get("valid_from"),
        "valid_to": values.get("valid_to"),
        "tags": (),
        "attributes": {},
        "source": values.get("source"),
    }
    return _bare(Relationship, data, ("from_", "type", "to", *values))


# ── Vocabulary for names ─────────────────────────────────────────────────────────────

_TOPICS: tuple[tuple[str, str], ...] = (
    ("Service Delivery", "la prestation des services"),
    ("Digital Identity", "l'identité numérique"),
    ("Cyber Security", "la cybersécurité"),
    ("Open Government", "le gouvernement ouvert"),
    ("Data Sharing", "le partage des données"),
    ("Procurement", "l'approvisionnement"),
    ("Accessibility", "l'accessibilité"),
    ("Client Experience", "l'expérience client"),
    ("Cloud Adoption", "l'adoption de l'infonuagique"),
    ("Privacy", "la protection de la vie privée"),
    ("Records Management", "la gestion des documents"),
    ("Workforce Renewal", "le renouvellement de l'effectif"),
    ("Emergency Management", "la gestion des urgences"),
    ("Health Information", "l'information sur la santé"),
    ("Justice Systems", "les systèmes de justice"),
    ("Business Services", "les services aux entreprises"),
    ("Benefits Delivery", "le versement des prestations"),
    ("Geospatial Data", "les données géospatiales"),
    ("Artificial Intelligence", "l'intelligence artificielle"),
    ("Enterprise Architecture", "l'architecture d'entreprise"),
    ("Performance Measurement", "la mesure du rendement"),
    ("Indigenous Services", "les services aux Autochtones"),
    ("Official Languages", "les langues officielles"),
    ("Regulatory Cooperation", "la coopération en matière de réglementation"),
    ("Transportation", "les transports"),
    ("Climate Adaptation", "l'adaptation aux changements climatiques"),
    ("Statistics", "la statistique"),
    ("Interoperability", "l'interopérabilité"),
    ("Innovation", "l'innovation"),
    ("Citizen Engagement", "la participation citoyenne"),
)

_LEVEL_KINDS: tuple[tuple[EntityKind, str, str, str], ...] = (
    # kind, id prefix, English pattern, French pattern
    (EntityKind.council, "council", "{t} Joint Council {n}", "Conseil mixte {n} sur {tf}"),
    (EntityKind.council, "council", "{t} Council {n}", "Conseil {n} sur {tf}"),
    (EntityKind.committee, "committee", "{t} Committee {n}", "Comité {n} sur {tf}"),
    (EntityKind.working_group, "wg", "{t} Working Group {n}", "Groupe de travail {n} sur {tf}"),
    (
        EntityKind.working_group,
        "wg",
        "{t} Task Team {n}",
        "Équipe de travail {n} sur {tf}",
    ),
)
#: share of the governing bodies on each level (the last level takes the rest)
_LEVEL_SHARES = (0.002, 0.02, 0.15, 0.50)

_FPT: tuple[tuple[str, str, str, str, float], ...] = (
    # id, English, French, order of government, weight (who sends people)
    ("canada", "Government of Canada", "Gouvernement du Canada", "federal", 30.0),
    (
        "newfoundland-and-labrador",
        "Newfoundland and Labrador",
        "Terre-Neuve-et-Labrador",
        "provincial",
        2.0,
    ),
    ("prince-edward-island", "Prince Edward Island", "Île-du-Prince-Édouard", "provincial", 1.0),
    ("nova-scotia", "Nova Scotia", "Nouvelle-Écosse", "provincial", 2.5),
    ("new-brunswick", "New Brunswick", "Nouveau-Brunswick", "provincial", 2.0),
    ("quebec", "Quebec", "Québec", "provincial", 12.0),
    ("ontario", "Ontario", "Ontario", "provincial", 15.0),
    ("manitoba", "Manitoba", "Manitoba", "provincial", 3.0),
    ("saskatchewan", "Saskatchewan", "Saskatchewan", "provincial", 3.0),
    ("alberta", "Alberta", "Alberta", "provincial", 6.0),
    ("british-columbia", "British Columbia", "Colombie-Britannique", "provincial", 7.0),
    ("yukon", "Yukon", "Yukon", "territorial", 0.7),
    (
        "northwest-territories",
        "Northwest Territories",
        "Territoires du Nord-Ouest",
        "territorial",
        0.7,
    ),
    ("nunavut", "Nunavut", "Nunavut", "territorial", 0.6),
)
_CITIES = (
    "Toronto", "Montréal", "Vancouver", "Calgary", "Edmonton", "Ottawa", "Winnipeg",
    "Québec", "Hamilton", "Halifax", "Victoria", "Saskatoon", "Regina", "St. John's",
    "Charlottetown", "Fredericton", "Whitehorse", "Yellowknife", "Iqaluit", "Gatineau",
    "Sherbrooke", "Moncton", "Kelowna", "London", "Windsor", "Laval", "Surrey",
)  # fmt: skip
_FIRST = (
    "Alex", "Marie", "Jean", "Sarah", "Mohamed", "Priya", "Chen", "Olivia", "Noah",
    "Amélie", "Louis", "Fatima", "Daniel", "Isabelle", "Liam", "Nathalie", "Ravi",
    "Sophie", "Ethan", "Chloé", "Hiroshi", "Aisha", "Lucas", "Emma", "Gabriel",
    "Mei", "Samuel", "Julie", "Kwame", "Léa",
)  # fmt: skip
_LAST = (
    "Tremblay", "Smith", "Roy", "Brown", "Gagnon", "Wilson", "Côté", "MacDonald",
    "Bouchard", "Singh", "Gauthier", "Li", "Morin", "Martin", "Lavoie", "Nguyen",
    "Fortin", "Taylor", "Pelletier", "Campbell", "Bélanger", "Anderson", "Lévesque",
    "Khan", "Bergeron", "Patel", "Leblanc", "Wong", "Paquette", "O'Brien",
)  # fmt: skip
_SERVICES = ("secretariat", "funding", "research", "policy_analysis", "logistics")
_SERVICE_WEIGHTS = (0.55, 0.15, 0.12, 0.12, 0.06)
_MEETING_DAYS = (0.5, 1.0, 1.5, 2.0)
_MEETING_DAYS_WEIGHTS = (0.35, 0.4, 0.15, 0.1)
_PER_YEAR = (1, 2, 4, 6, 12)
_PER_YEAR_WEIGHTS = (0.15, 0.35, 0.3, 0.1, 0.1)
_LEVELS = tuple(EngagementLevel)


class _Weighted:
    """Draw indices ``0..n-1`` with fixed heavy-tailed (Pareto) weights."""

    def __init__(self, rng: random.Random, n: int, alpha: float) -> None:
        self.cumulative = list(itertools.accumulate(rng.paretovariate(alpha) for _ in range(n)))
        self.total = self.cumulative[-1] if n else 0.0
        self.n = n

    def draw(self, rng: random.Random) -> int:
        return min(bisect.bisect(self.cumulative, rng.random() * self.total), self.n - 1)


def _split(total: int, shares: Sequence[float]) -> list[int]:
    """``total`` split by ``shares`` (the rest goes last), at least one per level
    from the top while there is any left."""
    counts: list[int] = []
    left = total
    for share in shares:
        count = min(left, max(1, round(total * share)))
        counts.append(count)
        left -= count
    counts.append(left)
    return counts


def _check_size(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number ≥ 0, not {value!r}")


def generate_model(*, bodies: int, people: int, seed: int = 0) -> GovernanceModel:
    """A synthetic whole-of-government model with ``bodies`` bodies (councils,
    committees, working groups, tables, organisations) and ``people`` persons and
    positions, plus jurisdictions, priorities and meetings (about 5% more entities) and
    about five relationships per entity. Deterministic: the same arguments give an
    equal model. See the module docstring for its shape.

    >>> model = generate_model(bodies=10, people=5)
    >>> [e.id for e in model.entities if e.kind == "council"]
    ['council-000001', 'council-000002']
    >>> generate_model(bodies=0, people=3).relationships
    ()
    """
    _check_size("bodies", bodies)
    _check_size("people", people)
    return _Generator(bodies, people, seed).build()


class _Generator:
    def __init__(self, bodies: int, people: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_bodies = bodies
        self.n_people = people
        self.entities: list[Entity] = []
        self.relationships: list[Relationship] = []
        self.names: dict[tuple[str, str | None], LocalizedText] = {}
        #: per body: the year it ended (only ended bodies)
        self.ended: dict[str, str] = {}
        self.started: dict[str, str] = {}

    # ── helpers ──────────────────────────────────────────────────────────────────

    def name(self, en: str, fr: str | None = None) -> LocalizedText:
        key = (en, fr)
        found = self.names.get(key)
        if found is None:
            found = LocalizedText.model_construct(en=en, fr=fr)
            self.names[key] = found
        return found

    def relate(self, start: str, rel_type: RelationType, target: str, /, **values: Any) -> None:
        """Add a relationship; one touching an ended body ends with it (except a few
        dated past its end on purpose: stale references, as in real registries)."""
        end = self.ended.get(start) or self.ended.get(target)
        if end is not None:
            if self.rng.random() < 0.05:  # a stale reference, dated past the end
                end = str(int(end) + 1 + int(self.rng.random() * 3))
            values["valid_to"] = end
            first = values.get("valid_from")
            if first is not None and first > end:
                values["valid_from"] = end
        self.relationships.append(_relationship(start, rel_type, target, **values))

    # ── the model ────────────────────────────────────────────────────────────────

    def build(self) -> GovernanceModel:
        n_org = self.n_bodies * 6 // 100
        n_table = self.n_bodies * 3 // 100
        n_governing = self.n_bodies - n_org - n_table
        self.jurisdictions()
        levels = self.governing_bodies(n_governing)
        governing = [body for level in levels for body in level]
        tables = self.tables(n_table, levels)
        self.organizations(n_org, levels, governing)
        self.jurisdiction_members(levels)
        self.people(governing + tables)
        self.priorities(governing)
        self.meetings(levels)
        return GovernanceModel.model_construct(
            title=self.name(
                f"Synthetic whole-of-government model ({self.n_bodies} bodies, "
                f"{self.n_people} people)",
                f"Modèle pangouvernemental synthétique ({self.n_bodies} organes, "
                f"{self.n_people} personnes)",
            ),
            description=f"Generated by govgraph generate (seed {self.seed}).",
            entities=tuple(self.entities),
            relationships=tuple(self.relationships),
            rules=(),
        )

    def jurisdictions(self) -> None:
        self.jur_ids: list[str] = []
        self.jur_order: dict[str, str] = {}
        weights: list[float] = []
        for jid, en, fr, order, weight in _FPT:
            self.entities.append(
                _entity(
                    jid,
                    EntityKind.jurisdiction,
                    self.name(en, fr),
                    attributes={"order_of_government": order},
                    source=_SOURCE,
                )
            )
            self.jur_ids.append(jid)
            self.jur_order[jid] = order
            weights.append(weight)
        municipal = min(60, max(1, self.n_bodies // 2000))
        for i in range(municipal):
            city = _CITIES[i % len(_CITIES)]
            suffix = f" {i // len(_CITIES) + 1}" if i >= len(_CITIES) else ""
            jid = f"municipality-{i + 1:03d}"
            self.entities.append(
                _entity(
                    jid,
                    EntityKind.jurisdiction,
                    self.name(f"City of {city}{suffix}", f"Ville de {city}{suffix}"),
                    attributes={"order_of_government": "municipal"},
                    source=_SOURCE,
                )
            )
            self.jur_ids.append(jid)
            self.jur_order[jid] = "municipal"
            weights.append(4.0 / municipal)
        self.fpt = self.jur_ids[: len(_FPT)]
        self.jur_cumulative = list(itertools.accumulate(weights))

    def pick_jurisdiction(self) -> str:
        rng = self.rng
        index = bisect.bisect(self.jur_cumulative, rng.random() * self.jur_cumulative[-1])
        return self.jur_ids[min(index, len(self.jur_ids) - 1)]

    def governing_bodies(self, n_governing: int) -> list[list[str]]:
        rng = self.rng
        counts = _split(n_governing, _LEVEL_SHARES)
        levels: list[list[str]] = []
        numbers = {"council": 0, "committee": 0, "wg": 0}
        self.body_level: dict[str, int] = {}
        for depth, count in enumerate(counts):
            kind, prefix, pattern_en, pattern_fr = _LEVEL_KINDS[depth]
            parents = levels[-1] if levels else []
            grandparents = levels[-2] if len(levels) > 1 else []
            popularity = _Weighted(rng, len(parents), 1.2) if parents else None
            level: list[str] = []
            for _ in range(count):
                numbers[prefix] += 1
                n = numbers[prefix]
                body_id = f"{prefix}-{n:06d}"
                topic_en, topic_fr = _TOPICS[int(rng.random() * len(_TOPICS))]
                values: dict[str, Any] = {
                    "attributes": {
                        "meeting_days": rng.choices(_MEETING_DAYS, _MEETING_DAYS_WEIGHTS)[0],
                        "meetings_per_year": rng.choices(_PER_YEAR, _PER_YEAR_WEIGHTS)[0],
                    },
                    "source": _SOURCE,
                }
                parent = parents[popularity.draw(rng)] if popularity else None
                start_floor = int(self.started.get(parent, "1998")) if parent else 1998
                if rng.random() < 0.4:
                    start = str(rng.randint(start_floor, max(start_floor, 2024)))
                    values["valid_from"] = start
                    self.started[body_id] = start
                elif parent in self.started:
                    self.started[body_id] = self.started[parent]
                if depth == 4 and rng.random() < 0.08:
                    first = int(self.started.get(body_id, "1998"))
                    end = str(rng.randint(first, 2024))
                    values["valid_to"] = end
                self.entities.append(
                    _entity(
                        body_id,
                        kind,
                        self.name(
                            pattern_en.format(t=topic_en, n=n),
                            pattern_fr.format(tf=topic_fr, n=n),
                        ),
                        **values,
                    )
                )
                if "valid_to" in values:
                    self.ended[body_id] = values["valid_to"]
                self.body_level[body_id] = depth
                level.append(body_id)
                if parent is not None:
                    self.parent_lines(body_id, depth, parent, parents, grandparents)
            levels.append(level)
        return levels

    def parent_lines(
        self,
        body_id: str,
        depth: int,
        parent: str,
        parents: list[str],
        grandparents: list[str],
    ) -> None:
        rng = self.rng
        if depth == 1:  # councils of a joint council: composition or a reporting line
            if rng.random() < 0.5:
                self.relate(body_id, RelationType.PART_OF, parent, source=_SOURCE)
            else:
                self.relate(body_id, RelationType.REPORTS_TO, parent, formal=True, source=_SOURCE)
            return
        roll = rng.random()
        formal_parents = [parent]
        if roll < 0.015:  # informal structure: only an informal line
            self.relate(body_id, RelationType.REPORTS_TO, parent, formal=False, source=_SOURCE)
            return
        self.relate(body_id, RelationType.REPORTS_TO, parent, formal=True, source=_SOURCE)
        if roll < 0.045 and len(parents) > 1:  # matrix: a second formal parent
            second = parents[int(rng.random() * len(parents))]
            if second != parent:
                formal_parents.append(second)
                self.relate(body_id, RelationType.REPORTS_TO, second, formal=True, source=_SOURCE)
        if rng.random() < 0.04:  # an extra informal line, one or two levels up
            pool = grandparents if grandparents and rng.random() < 0.5 else parents
            other = pool[int(rng.random() * len(pool))]
            if other not in formal_parents:
                self.relate(body_id, RelationType.REPORTS_TO, other, formal=False, source=_SOURCE)

    def tables(self, n_table: int, levels: list[list[str]]) -> list[str]:
        rng = self.rng
        tables: list[str] = []
        upper = [body for level in levels[:3] for body in level]
        for i in range(n_table):
            table_id = f"table-{i + 1:06d}"
            topic_en, topic_fr = _TOPICS[int(rng.random() * len(_TOPICS))]
            self.entities.append(
                _entity(
                    table_id,
                    EntityKind.table,
                    self.name(
                        f"FPT Table on {topic_en} {i + 1}",
                        f"Table FPT {i + 1} sur {topic_fr}",
                    ),
                    attributes={
                        "meeting_days": rng.choices(_MEETING_DAYS, _MEETING_DAYS_WEIGHTS)[0],
                        "meetings_per_year": rng.choices(_PER_YEAR, _PER_YEAR_WEIGHTS)[0],
                    },
                    source=_SOURCE,
                )
            )
            tables.append(table_id)
            if upper:
                engaged = dict.fromkeys(
                    upper[int(rng.random() * len(upper))] for _ in range(rng.randint(1, 5))
                )
                for body in engaged:
                    level = _LEVELS[int(rng.random() * len(_LEVELS))]
                    self.relate(body, RelationType.ENGAGES_WITH, table_id, level=level,
                                source=_SOURCE)  # fmt: skip
        return tables

    def organizations(self, n_org: int, levels: list[list[str]], governing: list[str]) -> list[str]:
        rng = self.rng
        orgs: list[str] = []
        for i in range(n_org):
            org_id = f"org-{i + 1:06d}"
            jid = self.pick_jurisdiction()
            topic_en, topic_fr = _TOPICS[int(rng.random() * len(_TOPICS))]
            self.entities.append(
                _entity(
                    org_id,
                    EntityKind.organization,
                    self.name(
                        f"{topic_en} Institute {i + 1}",
                        f"Institut {i + 1} sur {topic_fr}",
                    ),
                    attributes={
                        "jurisdiction": jid,
                        "order_of_government": self.jur_order[jid],
                    },
                    source=_SOURCE,
                )
            )
            orgs.append(org_id)
        if not orgs:
            return orgs
        # root councils found an institute each (like the Joint Councils and the ICCS)
        for root, org in zip(levels[0], orgs, strict=False):
            self.relate(root, RelationType.FOUNDED, org, source=_SOURCE)
        supporters = _Weighted(rng, len(orgs), 1.1)
        for body in governing:
            if rng.random() >= 0.88:
                continue
            # most supported bodies get a secretariat; some only funding, research...
            first = "secretariat" if rng.random() < 0.85 else _SERVICES[1 + int(rng.random() * 4)]
            services = {first: None}
            if rng.random() < 0.1:
                services[rng.choices(_SERVICES, _SERVICE_WEIGHTS)[0]] = None
            org = orgs[supporters.draw(rng)]
            for service in services:
                self.relate(org, RelationType.SUPPORTS, body, service=service, source=_SOURCE)
        # member organisations (a jurisdiction's agency on a council or committee)
        upper = [body for level in levels[:3] for body in level]
        if upper:
            for org in orgs:
                if rng.random() < 0.3:
                    body = upper[int(rng.random() * len(upper))]
                    role = Role.secretariat if rng.random() < 0.2 else Role.member
                    self.relate(org, RelationType.MEMBER_OF, body, role=role, source=_SOURCE)
        return orgs

    def jurisdiction_members(self, levels: list[list[str]]) -> None:
        rng = self.rng
        municipal = self.jur_ids[len(_FPT) :]
        for depth, level in enumerate(levels):
            for body in level:
                if depth <= 1:  # councils: all of FPT and some municipalities (FPTM)
                    members = list(self.fpt)
                    members += rng.sample(municipal, min(len(municipal), rng.randint(1, 3)))
                elif depth == 2 or rng.random() < 0.3:
                    size = rng.randint(2, 14 if depth == 2 else 6)
                    members = list(dict.fromkeys(self.pick_jurisdiction() for _ in range(size)))
                else:
                    continue
                start = self.started.get(body)
                for jid in members:
                    if start is not None:
                        self.relate(
                            jid, RelationType.MEMBER_OF, body, role=Role.member,
                            valid_from=start, source=_SOURCE,
                        )  # fmt: skip
                    else:
                        self.relate(
                            jid, RelationType.MEMBER_OF, body, role=Role.member, source=_SOURCE
                        )

    def people(self, bodies: list[str]) -> None:
        rng = self.rng
        n_positions = self.n_people * 5 // 100
        n_persons = self.n_people - n_positions
        popularity = _Weighted(rng, len(bodies), 1.3) if bodies else None
        limit = min(250, len(bodies))
        seats: dict[str, list[tuple[str, str]]] = {}  # body → [(person, jurisdiction)]
        people_jur: list[tuple[str, str]] = []
        for i in range(n_persons):
            person_id = f"person-{i + 1:07d}"
            jid = self.pick_jurisdiction()
            first = _FIRST[int(rng.random() * len(_FIRST))]
            last = _LAST[int(rng.random() * len(_LAST))]
            self.entities.append(
                _entity(
                    person_id,
                    EntityKind.person,
                    self.name(f"{first} {last}"),
                    attributes={"jurisdiction": jid, "order_of_government": self.jur_order[jid]},
                )
            )
            people_jur.append((person_id, jid))
            if popularity is None:
                continue
            k = max(1, min(limit, int(rng.paretovariate(1.6) * 2.3)))
            chosen = dict.fromkeys(bodies[popularity.draw(rng)] for _ in range(k))
            for body in chosen:
                seats.setdefault(body, []).append((person_id, jid))
        for i in range(n_positions):
            position_id = f"position-{i + 1:06d}"
            jid = self.pick_jurisdiction()
            en, fr = _FPT[self.jur_ids.index(jid)][1:3] if jid in self.fpt else (jid, jid)
            self.entities.append(
                _entity(
                    position_id,
                    EntityKind.position,
                    self.name(f"{en} representative {i + 1}", f"Représentant(e) {i + 1} — {fr}"),
                    attributes={"jurisdiction": jid, "order_of_government": self.jur_order[jid]},
                )
            )
            if popularity is None:
                continue
            chosen = dict.fromkeys(bodies[popularity.draw(rng)] for _ in range(rng.randint(1, 3)))
            for body in chosen:
                role = Role.secretariat if rng.random() < 0.15 else Role.ex_officio
                self.relate(position_id, RelationType.MEMBER_OF, body, role=role)
        # roles: most bodies have two co-chairs from two jurisdictions, some one chair
        for body in bodies:
            members = seats.get(body)
            if not members:
                continue
            roles = [Role.member] * len(members)
            roll = rng.random()
            if roll < 0.6 and len(members) >= 2:
                first_jur = members[0][1]
                other = next(
                    (i for i in range(1, len(members)) if members[i][1] != first_jur), None
                )
                if other is None or rng.random() < 0.03:  # sometimes both from one government
                    other = 1
                roles[0] = roles[other] = Role.co_chair
            elif roll < 0.9:
                roles[0] = Role.chair
            for i in range(len(members)):
                if roles[i] is Role.member:
                    extra = rng.random()
                    if extra < 0.02:
                        roles[i] = Role.vice_chair
                    elif extra < 0.06:
                        roles[i] = Role.observer
            start = self.started.get(body)
            for (person_id, _), role in zip(members, roles, strict=True):
                if start is not None and rng.random() < 0.5:
                    joined = str(rng.randint(int(start), max(int(start), 2024)))
                    self.relate(
                        person_id, RelationType.MEMBER_OF, body, role=role, valid_from=joined
                    )
                else:
                    self.relate(person_id, RelationType.MEMBER_OF, body, role=role)

    def priorities(self, governing: list[str]) -> None:
        rng = self.rng
        n_priorities = max(1, self.n_bodies // 20) if governing else 0
        ids = []
        for i in range(n_priorities):
            priority_id = f"priority-{i + 1:06d}"
            topic_en, topic_fr = _TOPICS[int(rng.random() * len(_TOPICS))]
            values: dict[str, Any] = {"source": _SOURCE}
            if rng.random() < 0.3:
                first = rng.randint(1998, 2022)
                values["valid_from"] = str(first)
                if rng.random() < 0.5:
                    values["valid_to"] = str(rng.randint(first, 2026))
            self.entities.append(
                _entity(
                    priority_id,
                    EntityKind.priority,
                    self.name(f"{topic_en}: priority {i + 1}", f"Priorité {i + 1} : {topic_fr}"),
                    **values,
                )
            )
            ids.append(priority_id)
        if not ids:
            return
        popularity = _Weighted(rng, len(ids), 1.2)
        for body in governing:
            count = min(len(ids), int(rng.paretovariate(2.0) * 1.2))
            for priority in dict.fromkeys(ids[popularity.draw(rng)] for _ in range(count)):
                self.relate(body, RelationType.ADVANCES, priority, source=_SOURCE)

    def meetings(self, levels: list[list[str]]) -> None:
        rng = self.rng
        hosts = [body for level in levels[:3] for body in level]
        if not hosts:
            return
        n_meetings = self.n_bodies // 10
        weights = _Weighted(rng, len(hosts), 1.5)
        for i in range(n_meetings):
            body = hosts[weights.draw(rng)]
            start = int(self.started.get(body, "1998"))
            year, month = rng.randint(start, 2025), rng.randint(1, 12)
            when = f"{year}-{month:02d}"
            city = _CITIES[int(rng.random() * len(_CITIES))]
            meeting_id = f"meeting-{i + 1:06d}"
            days = rng.choices(_MEETING_DAYS, _MEETING_DAYS_WEIGHTS)[0]
            self.entities.append(
                _entity(
                    meeting_id,
                    EntityKind.meeting,
                    self.name(f"Meeting of {body}, {city}", f"Réunion de {body}, {city}"),
                    valid_from=when,
                    valid_to=when,
                    attributes={"city": city, "meeting_days": days},
                    source=_SOURCE,
                )
            )
            self.relate(body, RelationType.HELD, meeting_id, source=_SOURCE)
