"""W3C Organization Ontology (ORG) export and import via rdflib: Turtle (``.ttl``),
JSON-LD (``.jsonld``) and N-Triples (``.nt``).

The mapping (docs/interoperability.md has it as tables):

- every entity is an IRI ``<base><id>`` (id percent-encoded) with ``gg:id``, the ORG (or
  FOAF, SKOS, PROV) class of its kind plus the govgraph class ``gg:<Kind>``; a council
  or table that two or more bodies are ``PART_OF`` (the Joint Councils) is also an
  ``org:OrganizationalCollaboration``;
- names are ``skos:prefLabel`` and acronyms ``gg:acronym`` with ``@en`` / ``@fr`` tags,
  the description ``dct:description`` (a plain literal, or one per language),
  provenance ``dct:source``, external identifiers
  ``org:identifier "Q123"^^scheme:wikidata`` (plus ``owl:sameAs`` for Wikidata), tags an
  ordered ``gg:tags`` list, attributes ``gg:attribute [gg:key; rdf:value (JSON)]``, the
  validity an OWL-Time interval (``gg:during``);
- ``MEMBER_OF`` is an ``org:Membership`` (``org:member``, ``org:organization``,
  ``org:role``, ``org:memberDuring`` interval) and the shortcut ``org:memberOf``;
- every other relationship is a ``gg:Relationship`` node (``gg:type``, ``gg:from``,
  ``gg:to``, properties, ``gg:during``) plus a direct triple for queries: formal
  ``REPORTS_TO`` and ``PART_OF`` as ``org:subOrganizationOf`` (``org:reportsTo`` from a
  post or person), informal ``REPORTS_TO`` as ``gg:reportsToInformally``, the others as
  ``gg:supports``, ``gg:engagesWith``, ``gg:advances``, ``gg:oversees``, ``gg:founded``,
  ``gg:succeeds``, ``gg:held``, ``gg:accountableTo``;
- the model's title, description and rules sit on one ``gg:Model`` node.

Import reads the ``gg:id`` entities, the memberships and the ``gg:Relationship`` nodes
(the direct triples are derived, for SPARQL), so export then import gives an equal model.

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({
...     "entities": [{"id": "jc", "kind": "council", "name": {"en": "Joint Councils"}},
...                  {"id": "wg", "kind": "working_group", "name": {"fr": "GT"}}],
...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}]})
>>> graph = model_to_rdf(model)
>>> (entity_iri("wg"), ORG.subOrganizationOf, entity_iri("jc")) in graph
True
>>> model_from_rdf(graph).canonical() == model.canonical()
True
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.serializers.nt import _nt_row, _quoteLiteral
from rdflib.term import Node

from govgraph.dates import date_bounds
from govgraph.errors import InputError
from govgraph.formats.atomic import atomic_write
from govgraph.formats.jsonld_context import GOVGRAPH_CONTEXT_IRI, inline_contexts
from govgraph.formats.parse import DocPath, Location, RawModel
from govgraph.formats.safe_json import load_json, parse_json
from govgraph.formats.safe_yaml import read_text
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.vocabulary import BODY_KINDS, EntityKind, RelationType, Role

__all__ = [
    "BASE",
    "CONTEXT",
    "DCT",
    "GG",
    "ORG",
    "RDF_FORMATS",
    "change_events",
    "entity_iri",
    "model_from_rdf",
    "model_to_rdf",
    "org_triples",
    "read_rdf",
    "scenario_to_rdf",
    "write_graph",
    "write_rdf",
]

ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
#: The govgraph vocabulary: what ORG has no term for.
GG = Namespace("https://w3id.org/govgraph/vocab#")
#: Identifier schemes: ``org:identifier "Q42"^^scheme:wikidata``.
SCHEME = Namespace("https://w3id.org/govgraph/scheme/")
#: Membership roles (``org:Role`` instances).
ROLE = Namespace("https://w3id.org/govgraph/role/")
#: Default base of entity IRIs.
BASE = "https://w3id.org/govgraph/id/"
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
RDF_JSON = URIRef(str(RDF) + "JSON")

#: rdflib parser/serializer name by suffix.
RDF_FORMATS = {".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt"}

#: The JSON-LD context of exports (prefixes only).
CONTEXT = {
    "org": str(ORG),
    "skos": str(SKOS),
    "dct": str(DCT),
    "prov": str(PROV),
    "time": str(TIME),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "rdf": str(RDF),
    "gg": str(GG),
    "scheme": str(SCHEME),
    "role": str(ROLE),
}

#: The standard class of each kind (the govgraph class ``gg:<Kind>`` is added to each).
KIND_CLASSES: dict[EntityKind, tuple[URIRef, ...]] = {
    EntityKind.council: (ORG.Organization,),
    EntityKind.committee: (ORG.OrganizationalUnit,),
    EntityKind.working_group: (ORG.OrganizationalUnit,),
    EntityKind.table: (ORG.Organization,),
    EntityKind.organization: (ORG.FormalOrganization,),
    EntityKind.jurisdiction: (ORG.Organization, DCT.Jurisdiction),
    EntityKind.position: (ORG.Post,),
    EntityKind.person: (FOAF.Person,),
    EntityKind.priority: (SKOS.Concept,),
    EntityKind.meeting: (PROV.Activity,),
}
_GG_KIND = {GG[kind.label]: kind for kind in EntityKind}

_Triple = tuple[Node, Node, Node]
_Add = Callable[[_Triple], None]

#: The kind of an entity in ORG data written by other tools (no ``gg:id``): the first
#: class it has, in this order.
FOREIGN_KINDS: tuple[tuple[URIRef, EntityKind], ...] = (
    (ORG.OrganizationalCollaboration, EntityKind.council),
    (ORG.OrganizationalUnit, EntityKind.committee),
    (ORG.FormalOrganization, EntityKind.organization),
    (ORG.Organization, EntityKind.organization),
    (ORG.Post, EntityKind.position),
    (FOAF.Person, EntityKind.person),
)
#: Parent lines in ORG data of other tools: (predicate, whether it points child → parent).
_FOREIGN_PARENTS = (
    (ORG.subOrganizationOf, True),
    (ORG.hasSubOrganization, False),
    (ORG.unitOf, True),
    (ORG.hasUnit, False),
)

#: The direct triple's predicate of each relationship type (REPORTS_TO: formal lines;
#: see ``_direct``).
DIRECT: dict[RelationType, URIRef] = {
    RelationType.REPORTS_TO: ORG.subOrganizationOf,
    RelationType.PART_OF: ORG.subOrganizationOf,
    RelationType.MEMBER_OF: ORG.memberOf,
    RelationType.SUPPORTS: GG.supports,
    RelationType.ENGAGES_WITH: GG.engagesWith,
    RelationType.ADVANCES: GG.advances,
    RelationType.OVERSEES: GG.oversees,
    RelationType.FOUNDED: GG.founded,
    RelationType.SUCCEEDS: GG.succeeds,
    RelationType.HELD: GG.held,
    RelationType.ACCOUNTABLE_TO: GG.accountableTo,
}

#: OWL-Time property and XSD datatype by length of a partial date.
_TIME_POSITION = {
    4: (TIME.inXSDgYear, XSD.gYear),
    7: (TIME.inXSDgYearMonth, XSD.gYearMonth),
    10: (TIME.inXSDDate, XSD.date),
}


def entity_iri(entity_id: str, base: str = BASE) -> URIRef:
    """The IRI of an entity: ``base`` and the percent-encoded id.

    >>> str(entity_iri("it's"))
    'https://w3id.org/govgraph/id/it%27s'
    """
    return URIRef(base + quote(entity_id, safe="-_.~"))


def _bind(graph: Graph) -> None:
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)


def _texts(add: _Add, node: Node, predicate: URIRef, text: LocalizedText | None) -> None:
    if text is None:
        return
    for lang in ("en", "fr"):
        value = getattr(text, lang)
        if value is not None:
            add((node, predicate, Literal(value, lang=lang)))


def _interval(add: _Add, node: Node, predicate: URIRef, start: str | None, end: str | None):
    if start is None and end is None:
        return
    interval = BNode()
    add((node, predicate, interval))
    add((interval, RDF.type, TIME.Interval))
    for bound, value in ((TIME.hasBeginning, start), (TIME.hasEnd, end)):
        if value is not None:
            instant = BNode()
            position, datatype = _TIME_POSITION[len(value)]
            add((interval, bound, instant))
            add((instant, RDF.type, TIME.Instant))
            add((instant, position, Literal(value, datatype=datatype)))


def _common(
    add: _Add,
    node: Node,
    *,
    tags: Sequence[str],
    attributes: dict[str, Any],
    source: str | None,
) -> None:
    if source is not None:
        add((node, DCT.source, Literal(source)))
    if tags:
        head: Node = BNode()
        add((node, GG.tags, head))
        for number, tag in enumerate(tags):  # an RDF list, as rdflib's Collection makes it
            following = BNode() if number + 1 < len(tags) else RDF.nil
            add((head, RDF.first, Literal(tag)))
            add((head, RDF.rest, following))
            head = following
    for key, value in attributes.items():
        pair = BNode()
        add((node, GG.attribute, pair))
        add((pair, GG.key, Literal(key)))
        add((pair, RDF.value, Literal(json.dumps(value), datatype=RDF_JSON)))


def _add_entity(add: _Add, entity: Entity, base: str, collaborations: set[str]) -> None:
    node = entity_iri(entity.id, base)
    add((node, GG.id, Literal(entity.id)))
    for cls in (*KIND_CLASSES[entity.kind], GG[entity.kind.label]):
        add((node, RDF.type, cls))
    if entity.id in collaborations:
        add((node, RDF.type, ORG.OrganizationalCollaboration))
    _texts(add, node, SKOS.prefLabel, entity.name)
    _texts(add, node, GG.acronym, entity.acronym)
    if isinstance(entity.description, str):
        add((node, DCT.description, Literal(entity.description)))
    else:
        _texts(add, node, DCT.description, entity.description)
    _interval(add, node, GG.during, entity.valid_from, entity.valid_to)
    for scheme, value in entity.identifiers.items():
        add((node, ORG.identifier, Literal(value, datatype=SCHEME[scheme])))
        if scheme.lower() == "wikidata" and value[:1] == "Q" and value[1:].isdigit():
            add((node, OWL.sameAs, WIKIDATA[value]))
    _common(add, node, tags=entity.tags, attributes=dict(entity.attributes), source=entity.source)


def _direct(rel: Relationship, kinds: dict[str, EntityKind]) -> URIRef:
    if rel.type is RelationType.REPORTS_TO:
        if not rel.formal:
            return GG.reportsToInformally
        if kinds.get(rel.from_) in (EntityKind.position, EntityKind.person):
            return ORG.reportsTo
    return DIRECT[rel.type]


def _add_relationship(
    add: _Add, rel: Relationship, base: str, kinds: dict[str, EntityKind]
) -> None:
    source, target = entity_iri(rel.from_, base), entity_iri(rel.to, base)
    add((source, _direct(rel, kinds), target))
    node = BNode()
    if rel.type is RelationType.MEMBER_OF:
        add((node, RDF.type, ORG.Membership))
        add((node, ORG.member, source))
        add((node, ORG.organization, target))
        role = ROLE[str(rel.role)]
        add((node, ORG.role, role))
        add((role, RDF.type, ORG.Role))
        add((role, SKOS.notation, Literal(str(rel.role))))
        _interval(add, node, ORG.memberDuring, rel.valid_from, rel.valid_to)
    else:
        add((node, RDF.type, GG.Relationship))
        add((node, GG.type, Literal(rel.type.value)))
        add((node, GG["from"], source))
        add((node, GG.to, target))
        if rel.formal is not None:
            add((node, GG.formal, Literal(rel.formal)))
        if rel.level is not None:
            add((node, GG.level, Literal(rel.level.value)))
        if rel.service is not None:
            add((node, GG.service, Literal(rel.service)))
        _interval(add, node, GG.during, rel.valid_from, rel.valid_to)
    _common(add, node, tags=rel.tags, attributes=dict(rel.attributes), source=rel.source)


def org_triples(model: GovernanceModel, *, base: str = BASE) -> Iterator[_Triple]:
    """The triples of the model in the ORG mapping, one record at a time (what
    ``model_to_rdf`` puts in a graph and the N-Triples writer streams to the file)."""
    kinds = {entity.id: entity.kind for entity in model.entities}
    parts: dict[str, set[str]] = {}
    for rel in model.relationships:
        if rel.type is RelationType.PART_OF and kinds.get(rel.from_) in BODY_KINDS:
            parts.setdefault(rel.to, set()).add(rel.from_)
    collaborations = {
        body
        for body, members in parts.items()
        if len(members) >= 2 and kinds.get(body) in (EntityKind.council, EntityKind.table)
    }
    batch: list[_Triple] = []
    for entity in model.entities:
        _add_entity(batch.append, entity, base, collaborations)
        yield from batch
        batch.clear()
    for rel in model.relationships:
        _add_relationship(batch.append, rel, base, kinds)
        yield from batch
        batch.clear()
    if model.title is not None or model.description is not None or model.rules:
        node = URIRef(base)
        batch.append((node, RDF.type, GG.Model))
        _texts(batch.append, node, DCT.title, model.title)
        if isinstance(model.description, str):
            batch.append((node, DCT.description, Literal(model.description)))
        else:
            _texts(batch.append, node, DCT.description, model.description)
        if model.rules:
            rules = json.dumps([dict(rule) for rule in model.rules], ensure_ascii=False)
            batch.append((node, GG.rules, Literal(rules, datatype=RDF_JSON)))
        yield from batch


def model_to_rdf(model: GovernanceModel, *, base: str = BASE) -> Graph:
    """The model as an rdflib ``Graph`` in the ORG mapping (see the module docstring)."""
    graph = Graph()
    _bind(graph)
    graph.bind("id", Namespace(base))
    for triple in org_triples(model, base=base):
        graph.add(triple)
    return graph


# ── import ───────────────────────────────────────────────────────────────────────────


class _Reader:
    """Reads a graph back into a model document, naming the node of any problem."""

    def __init__(self, graph: Graph, origin: str) -> None:
        self.graph = graph
        self.origin = origin
        #: govgraph id of each entity node (``gg:id``, or made from a foreign IRI)
        self.ids: dict[Node, str] = {}

    def fail(self, node: Node, message: str) -> InputError:
        return InputError(message, file=self.origin, field=f"<{node}>")

    def one(self, node: Node, predicate: URIRef) -> Node | None:
        values = list(self.graph.objects(node, predicate))
        if len(values) > 1:
            raise self.fail(node, f"{predicate.n3(self.graph.namespace_manager)} given twice")
        return values[0] if values else None

    def text(self, node: Node, predicate: URIRef) -> str | None:
        value = self.one(node, predicate)
        return None if value is None else str(value)

    def texts(self, node: Node, predicate: URIRef) -> dict[str, str] | None:
        result: dict[str, str] = {}
        for value in self.graph.objects(node, predicate):
            if isinstance(value, Literal):
                lang = value.language or "en"
                if lang in ("en", "fr"):
                    if lang in result:
                        raise self.fail(node, f"two {lang!r} values of {predicate}")
                    result[lang] = str(value)
        return result or None

    def description(self, node: Node) -> str | dict[str, str] | None:
        """A node's ``dct:description``: one literal with no language is a plain
        string; literals tagged ``en`` / ``fr`` are the ``{en, fr}`` form."""
        values = [v for v in self.graph.objects(node, DCT.description) if isinstance(v, Literal)]
        if len(values) == 1 and not values[0].language:
            return str(values[0])
        return self.texts(node, DCT.description)

    def interval(self, node: Node, predicate: URIRef, record: dict[str, Any]) -> None:
        interval = self.one(node, predicate)
        if interval is None:
            return
        for bound, field in ((TIME.hasBeginning, "valid_from"), (TIME.hasEnd, "valid_to")):
            instant = self.one(interval, bound)
            if instant is None:
                continue
            for position, _ in _TIME_POSITION.values():
                value = self.one(instant, position)
                if value is not None:
                    record[field] = str(value)
                    break
            else:
                stamp = self.one(instant, TIME.inXSDDateTimeStamp) or self.one(
                    instant, TIME.inXSDDateTime
                )
                if stamp is not None:  # other tools' instants: the day is enough
                    record[field] = str(stamp)[:10]
                    continue
                raise self.fail(instant, "an OWL-Time instant with no time:inXSD... position")

    def common(self, node: Node, record: dict[str, Any]) -> None:
        source = self.text(node, DCT.source)
        if source is not None:
            record["source"] = source
        tags = self.one(node, GG.tags)
        if tags is not None:
            record["tags"] = [str(tag) for tag in self.rdf_list(tags)]
        attributes = {}
        for pair in self.graph.objects(node, GG.attribute):
            key, value = self.text(pair, GG.key), self.text(pair, RDF.value)
            if key is None or value is None:
                raise self.fail(node, "a gg:attribute needs gg:key and rdf:value")
            try:
                attributes[key] = parse_json(value)
            except ValueError as exc:
                raise self.fail(
                    node, f"attribute {key!r} is not JSON ({exc}): {value[:80]!r}"
                ) from None
        if attributes:
            record["attributes"] = attributes

    def rdf_list(self, head: Node) -> list[Node]:
        """The items of the RDF list at ``head``; a list that loops back on itself
        (``rdf:rest`` cycle) or forks raises ``InputError``."""
        items, seen, node = [], set(), head
        while node != RDF.nil:
            if node in seen:
                raise self.fail(head, "the RDF list loops back on itself (an rdf:rest cycle)")
            seen.add(node)
            first = self.one(node, RDF.first)
            if first is None:
                raise self.fail(head, "an RDF list node without rdf:first")
            items.append(first)
            node = self.one(node, RDF.rest)
            if node is None:
                raise self.fail(head, "an RDF list node without rdf:rest")
        return items

    def entity_id(self, node: Node | None, what: str, owner: Node) -> str:
        if node is None:
            raise self.fail(owner, f"no {what}")
        value = self.ids.get(node)
        if value is None:
            raise self.fail(node, f"the {what} is not an entity (no gg:id, no ORG class)")
        return value

    def entity(self, node: Node) -> dict[str, Any]:
        kinds = [_GG_KIND[cls] for cls in self.graph.objects(node, RDF.type) if cls in _GG_KIND]
        if len(kinds) != 1:
            raise self.fail(node, "expected exactly one govgraph class (gg:Council, ...)")
        record: dict[str, Any] = {"id": self.text(node, GG.id), "kind": kinds[0].value}
        record["name"] = self.texts(node, SKOS.prefLabel) or {}
        acronym = self.texts(node, GG.acronym)
        if acronym:
            record["acronym"] = acronym
        description = self.description(node)
        if description is not None:
            record["description"] = description
        self.interval(node, GG.during, record)
        identifiers = {}
        for value in self.graph.objects(node, ORG.identifier):
            datatype = getattr(value, "datatype", None)
            if datatype is None or not str(datatype).startswith(str(SCHEME)):
                continue  # an identifier with no govgraph scheme: not ours to keep
            identifiers[unquote(str(datatype)[len(str(SCHEME)) :])] = str(value)
        if identifiers:
            record["identifiers"] = identifiers
        self.common(node, record)
        return record

    def membership(self, node: Node) -> dict[str, Any]:
        record: dict[str, Any] = {
            "from": self.entity_id(self.one(node, ORG.member), "org:member", node),
            "type": RelationType.MEMBER_OF.value,
            "to": self.entity_id(self.one(node, ORG.organization), "org:organization", node),
        }
        role = self.one(node, ORG.role)
        if role is not None:
            name = self.text(role, SKOS.notation) or _local_name(role)
            slug = name.strip().lower().replace(" ", "_").replace("-", "_")
            if slug in _ROLES:
                record["role"] = slug
            else:  # a role govgraph has no name for: a member, the role kept as attribute
                record.setdefault("attributes", {})["org_role"] = name
        self.interval(node, ORG.memberDuring, record)
        attributes = record.pop("attributes", {})
        self.common(node, record)
        if attributes:
            record["attributes"] = {**attributes, **record.get("attributes", {})}
        return record

    def relationship(self, node: Node) -> dict[str, Any]:
        record: dict[str, Any] = {
            "from": self.entity_id(self.one(node, GG["from"]), "gg:from", node),
            "type": self.text(node, GG.type),
            "to": self.entity_id(self.one(node, GG.to), "gg:to", node),
        }
        formal = self.one(node, GG.formal)
        if formal is not None:
            record["formal"] = str(formal) in ("true", "1")
        for field in ("level", "service"):
            value = self.text(node, GG[field])
            if value is not None:
                record[field] = value
        self.interval(node, GG.during, record)
        self.common(node, record)
        return record

    def document(self) -> tuple[dict[str, Any], dict[str, list[Node]]]:
        graph = self.graph
        entity_nodes = sorted(set(graph.subjects(GG.id, None)), key=lambda n: str(n))
        for node in entity_nodes:
            self.ids[node] = str(self.text(node, GG.id))
        foreign = self._foreign_nodes()
        memberships = sorted(graph.subjects(RDF.type, ORG.Membership), key=self._rel_key)
        others = sorted(graph.subjects(RDF.type, GG.Relationship), key=self._rel_key)
        relationships = [self.membership(n) for n in memberships] + [
            self.relationship(n) for n in others
        ]
        lines, line_nodes = self._foreign_lines(foreign, relationships)
        document: dict[str, Any] = {
            "entities": [self.entity(node) for node in entity_nodes]
            + [self.foreign_entity(node, kind) for node, kind in foreign.items()],
            "relationships": relationships + lines,
        }
        entity_nodes = entity_nodes + list(foreign)
        others = others + line_nodes
        models = list(graph.subjects(RDF.type, GG.Model))
        if len(models) > 1:
            raise self.fail(models[1], "more than one gg:Model")
        if models:
            title = self.texts(models[0], DCT.title)
            if title:
                document["title"] = title
            description = self.description(models[0])
            if description is not None:
                document["description"] = description
            rules = self.text(models[0], GG.rules)
            if rules is not None:
                try:
                    document["rules"] = parse_json(rules)
                except ValueError as exc:
                    raise self.fail(models[0], f"gg:rules is not JSON ({exc})") from None
        return document, {"entities": entity_nodes, "relationships": memberships + others}

    def _foreign_nodes(self) -> dict[Node, EntityKind]:
        """Entities of ORG data written by other tools (no ``gg:id``), with their kinds
        and ids made from their IRIs; parents named only in a parent line are
        organisations."""
        graph = self.graph
        found: dict[Node, EntityKind] = {}
        for cls, kind in FOREIGN_KINDS:
            for node in graph.subjects(RDF.type, cls):
                if node not in self.ids:
                    found.setdefault(node, kind)
        for predicate, _ in _FOREIGN_PARENTS:
            for child, parent in graph.subject_objects(predicate):
                for node in (child, parent):
                    if node not in self.ids and isinstance(node, URIRef | BNode):
                        found.setdefault(node, EntityKind.organization)
        result = dict(sorted(found.items(), key=lambda item: str(item[0])))
        taken = set(self.ids.values())
        for node in result:
            base = _local_name(node) or "entity"
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            self.ids[node] = candidate
        return result

    def foreign_entity(self, node: Node, kind: EntityKind) -> dict[str, Any]:
        """An entity of ORG data written by another tool: its best label, description,
        identifiers and source; its IRI kept as the attribute ``iri``."""
        entity_id = self.ids[node]
        record: dict[str, Any] = {"id": entity_id, "kind": kind.value}
        for predicate in (SKOS.prefLabel, RDFS.label, FOAF.name):
            name = self.texts(node, predicate)
            if name:
                break
        record["name"] = name or {"en": entity_id}
        for predicate in (DCT.description, RDFS.comment):
            values = [v for v in self.graph.objects(node, predicate) if isinstance(v, Literal)]
            texts = self.texts(node, predicate)
            if len(values) == 1 and not values[0].language:
                record["description"] = str(values[0])
                break
            if texts:
                record["description"] = texts
                break
        identifiers = {}
        for value in self.graph.objects(node, ORG.identifier):
            datatype = getattr(value, "datatype", None)
            scheme = _local_name(datatype) if datatype is not None else "org"
            if not _SCHEME_NAME.match(scheme):
                scheme = "org"
            identifiers.setdefault(scheme, str(value))
        if identifiers:
            record["identifiers"] = identifiers
        source = next(iter(self.graph.objects(node, DCT.source)), None)
        if source is not None:
            record["source"] = str(source)
        if isinstance(node, URIRef):
            record["attributes"] = {"iri": str(node)}
        return record

    def _foreign_lines(
        self, foreign: dict[Node, EntityKind], relationships: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[Node]]:
        """Parent lines (``org:subOrganizationOf``, ``org:unitOf`` and inverses) and
        ``org:memberOf`` / ``org:hasMember`` of foreign entities that no qualified node
        already gives; each with the node to name in errors."""
        graph = self.graph
        seen = {(r["from"], r["type"], r["to"]) for r in relationships}
        lines: list[dict[str, Any]] = []
        nodes: list[Node] = []

        def add(child: Node, rel_type: str, parent: Node) -> None:
            if child not in foreign and parent not in foreign:
                return  # govgraph's own direct triples repeat its qualified nodes
            if child not in self.ids or parent not in self.ids:
                return
            key = (self.ids[child], rel_type, self.ids[parent])
            if key in seen:
                return
            seen.add(key)
            lines.append({"from": key[0], "type": rel_type, "to": key[2]})
            nodes.append(child)

        for predicate, upward in _FOREIGN_PARENTS:
            for subject, target in sorted(graph.subject_objects(predicate), key=str):
                child, parent = (subject, target) if upward else (target, subject)
                add(child, "REPORTS_TO", parent)
        for predicate, upward in ((ORG.memberOf, True), (ORG.hasMember, False)):
            for subject, target in sorted(graph.subject_objects(predicate), key=str):
                member, body = (subject, target) if upward else (target, subject)
                add(member, "MEMBER_OF", body)
        return lines, nodes

    def _rel_key(self, node: Node) -> tuple[str, ...]:
        graph = self.graph
        ends = [graph.value(node, p) for p in (ORG.member, GG["from"], ORG.organization, GG.to)]
        return (*(str(end) for end in ends if end is not None), str(node))


def _local_name(node: Node | None) -> str:
    """The last segment of an IRI, percent-decoded: ``.../id/it%27s`` → ``it's``."""
    text = str(node or "").rstrip("/#")
    return unquote(text.replace("#", "/").rsplit("/", 1)[-1])


_ROLES = {role.value for role in Role}
_SCHEME_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def model_from_rdf(graph: Graph, origin: str = "<graph>") -> GovernanceModel:
    """The model an ORG graph written by ``model_to_rdf`` holds (validated, not checked)."""
    from govgraph.formats.parse import model_from_raw

    return model_from_raw(_raw(graph, origin))


def _raw(graph: Graph, origin: str) -> RawModel:
    document, nodes = _Reader(graph, origin).document()

    def locate(paths: Sequence[DocPath]) -> dict[DocPath, Location]:
        result = {}
        for path in paths:
            section = path[0] if path else None
            if section in nodes and len(path) > 1 and isinstance(path[1], int):
                node = nodes[str(section)][path[1]]
                field = ".".join(str(part) for part in path[2:])
                result[path] = Location(origin, None, f"<{node}> {field}".strip())
            else:
                result[path] = Location(origin, None, ".".join(map(str, path)))
        return result

    return RawModel(document=document, origin=origin, locate=locate)


def _rdf_format(path: Path) -> str:
    return RDF_FORMATS[path.suffix.lower()]


def read_rdf(path: str | Path) -> RawModel:
    """Read an ORG export (``.ttl``, ``.jsonld``, ``.nt``) into a ``RawModel``."""
    path = Path(path)
    graph = Graph()
    try:
        with warnings.catch_warnings():  # rdflib's JSON-LD parser uses its own deprecated API
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            if _rdf_format(path) == "json-ld":  # contexts from built-in copies only
                document = inline_contexts(
                    load_json(read_text(path), str(path)),
                    str(path),
                    own={GOVGRAPH_CONTEXT_IRI: CONTEXT},
                )
                graph.parse(
                    data=json.dumps(document), format="json-ld", publicID=path.resolve().as_uri()
                )
            else:
                graph.parse(path, format=_rdf_format(path))
    except FileNotFoundError:
        raise InputError("no such file", file=str(path)) from None
    except InputError:
        raise
    except Exception as exc:  # rdflib's parsers raise many exception types
        line = getattr(exc, "lines", None)
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(
            f"invalid {_rdf_format(path)}: {message}",
            file=str(path),
            line=line if isinstance(line, int) else None,
        ) from None
    return _raw(graph, str(path))


def write_rdf(model: GovernanceModel, path: str | Path, *, base: str = BASE) -> None:
    """Write the model in the ORG mapping; the suffix picks Turtle, JSON-LD or N-Triples.
    N-Triples and Turtle are streamed triple by triple (no graph in memory)."""
    path = Path(path)
    fmt = _rdf_format(path)
    if fmt == "nt":

        def write(handle: Any) -> None:
            for triple in org_triples(model, base=base):
                handle.write(_nt_row(triple))

        atomic_write(path, write)
    elif fmt == "turtle":
        atomic_write(path, lambda handle: write_turtle(org_triples(model, base=base), handle))
    else:
        write_graph(model_to_rdf(model, base=base), path)


_LOCAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def _compact(node: Node) -> str:
    """A vocabulary IRI as ``prefix:name`` where the name needs no escaping, else
    the term in N-Triples form (also valid Turtle)."""
    if isinstance(node, URIRef):
        for prefix, namespace in CONTEXT.items():
            if node.startswith(namespace) and _LOCAL_NAME.match(node[len(namespace) :]):
                return f"{prefix}:{node[len(namespace) :]}"
        return node.n3()
    if isinstance(node, Literal):
        return _quoteLiteral(node)
    return node.n3()


def write_turtle(triples: Iterable[_Triple], handle: Any) -> None:
    """Write ``triples`` as Turtle to ``handle`` as they come: the prefixes of
    ``CONTEXT``, then one statement per run of triples with the same subject.

    >>> import io
    >>> out = io.StringIO()
    >>> write_turtle([(URIRef(BASE + "a"), RDF.type, ORG.Organization),
    ...               (URIRef(BASE + "a"), GG.id, Literal("a"))], out)
    >>> print(out.getvalue().splitlines()[-2:])
    ['<https://w3id.org/govgraph/id/a> a org:Organization ;', '    gg:id "a" .']
    """
    for prefix, namespace in CONTEXT.items():
        handle.write(f"@prefix {prefix}: <{namespace}> .\n")
    subject: Node | None = None
    for s, p, o in triples:
        predicate = "a" if p == RDF.type else _compact(p)
        if s == subject:
            handle.write(f" ;\n    {predicate} {_compact(o)}")
        else:
            handle.write(" .\n" if subject is not None else "\n")
            handle.write(f"{s.n3()} {predicate} {_compact(o)}")
            subject = s
    if subject is not None:
        handle.write(" .\n")


def write_graph(graph: Graph, path: str | Path) -> None:
    """Write an rdflib graph atomically; the suffix picks Turtle, JSON-LD or N-Triples."""
    path = Path(path)
    fmt = _rdf_format(path)
    options: dict[str, Any] = {"context": CONTEXT, "indent": 1} if fmt == "json-ld" else {}
    text = graph.serialize(format=fmt, **options)
    atomic_write(path, lambda handle: handle.write(text))


# ── scenario changes as org:ChangeEvent ─────────────────────────────────────────────


def _date_time(value: str) -> Literal:
    """The first instant of a partial date as ``xsd:dateTime`` (``prov:atTime``'s range)."""
    start = date_bounds(value)[0]
    return Literal(f"{start.isoformat()}T00:00:00", datatype=XSD.dateTime)


def change_events(
    before: GovernanceModel,
    after: GovernanceModel,
    *,
    at: str | None = None,
    scenario: Node | None = None,
    base: str = BASE,
) -> Graph:
    """The changes from ``before`` to ``after`` (``govgraph.scenarios.diff_models``) as
    ``org:ChangeEvent`` nodes: ``org:originalOrganization`` (the entity before: what
    was abolished, merged, transferred, renamed or modified), ``org:resultingOrganization``
    (the entity after: what was created, transferred... ; for a merger, the body merged
    into), ``prov:atTime`` (``at``, the effective date), ``gg:changeKind`` and
    ``gg:details`` (the change as JSON); a transfer also names ``gg:previousParent`` and
    ``gg:newParent``, a renaming ``gg:previousName`` / ``gg:newName``.

    >>> from govgraph.model import GovernanceModel
    >>> before = GovernanceModel.model_validate({"entities": [
    ...     {"id": "jc", "kind": "council", "name": {"en": "JC"}},
    ...     {"id": "p", "kind": "council", "name": {"en": "P"}},
    ...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}],
    ...     "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "p"}]})
    >>> after = before.model_copy(update={"relationships": tuple(
    ...     r.model_copy(update={"to": "jc"}) for r in before.relationships)})
    >>> graph = change_events(before, after, at="2026-04")
    >>> [(str(graph.value(e, GG.changeKind)), str(graph.value(e, PROV.atTime)))
    ...  for e in graph.subjects(RDF.type, ORG.ChangeEvent)]
    [('transferred', '2026-04-01T00:00:00')]
    """
    from govgraph.scenarios import diff_models

    graph = Graph()
    _bind(graph)
    graph.bind("id", Namespace(base))
    for number, change in enumerate(diff_models(before, after), start=1):
        event = URIRef(f"{scenario or base.rstrip('/') + '#changes'}-{number}")
        subject = entity_iri(change.entity, base)
        graph.add((event, RDF.type, ORG.ChangeEvent))
        graph.add((event, GG.changeKind, Literal(change.kind)))
        graph.add((event, DCT.subject, subject))
        details = json.dumps(change.as_dict(), ensure_ascii=False, sort_keys=True)
        graph.add((event, GG.details, Literal(details, datatype=RDF_JSON)))
        if at is not None:
            graph.add((event, PROV.atTime, _date_time(at)))
        if scenario is not None:
            graph.add((event, DCT.isPartOf, scenario))
        originals = [] if change.kind == "created" else [subject]
        resulting = [] if change.kind == "abolished" else [subject]
        if change.kind == "merged":
            resulting = [entity_iri(change.details["into"], base)]
        for original in originals:
            graph.add((event, ORG.originalOrganization, original))
            graph.add((original, ORG.changedBy, event))
        for result in resulting:
            graph.add((event, ORG.resultingOrganization, result))
            graph.add((result, ORG.resultedFrom, event))
        if change.kind == "transferred":
            for parent in change.details.get("from", []):
                graph.add((event, GG.previousParent, entity_iri(parent, base)))
            for parent in change.details.get("to", []):
                graph.add((event, GG.newParent, entity_iri(parent, base)))
        if change.kind == "renamed":
            for predicate, key in ((GG.previousName, "old"), (GG.newName, "new")):
                for lang, name in change.details.get(key, {}).items():
                    graph.add((event, predicate, Literal(name, lang=lang)))
    return graph


def scenario_to_rdf(
    model: GovernanceModel, scenario: Any, *, base: str = BASE, events_only: bool = False
) -> Graph:
    """The model after a scenario (``govgraph.scenarios.Scenario``) in the ORG mapping,
    with the scenario as a ``gg:Scenario`` (``skos:prefLabel`` @en/@fr) and its changes
    as ``org:ChangeEvent`` nodes (see ``change_events``); with ``events_only``, only
    the scenario and its events. Importing the file gives the model after the scenario.
    """
    from govgraph.scenarios import apply_scenario

    after = apply_scenario(model, scenario)
    graph = Graph() if events_only else model_to_rdf(after, base=base)
    _bind(graph)
    node = URIRef(f"{base.rstrip('/')}#scenario")  # never an entity's IRI (base + id)
    graph.add((node, RDF.type, GG.Scenario))
    graph.add((node, RDF.type, PROV.Activity))
    _texts(graph.add, node, SKOS.prefLabel, scenario.name)
    _texts(graph.add, node, DCT.description, scenario.description)
    if scenario.effective is not None:
        graph.add((node, PROV.startedAtTime, _date_time(scenario.effective)))
    graph += change_events(model, after, at=scenario.effective, scenario=node, base=base)
    return graph
