"""W3C ORG (rdflib): round trips, the mapping term by term, SPARQL over the export."""

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF

from govgraph.errors import InputError
from govgraph.formats import load_model, read_model, write_model
from govgraph.formats.org import (
    DCT,
    GG,
    ORG,
    ROLE,
    SCHEME,
    SKOS,
    TIME,
    entity_iri,
    model_from_rdf,
    model_to_rdf,
)
from govgraph.model import GovernanceModel

# rdflib's own JSON-LD parser calls its deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX gg: <https://w3id.org/govgraph/vocab#>
PREFIX time: <http://www.w3.org/2006/time#>
"""


def _with_identifiers(model: GovernanceModel) -> GovernanceModel:
    entities = [
        e.model_copy(update={"identifiers": {"wikidata": "Q5156563", "gc-orgid": "2281"}})
        if e.id == "iccs"
        else e
        for e in model.entities
    ]
    return model.model_copy(update={"entities": tuple(entities)})


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt"])
def test_the_example_round_trips(example_model, tmp_path, suffix):
    model = _with_identifiers(example_model)
    write_model(model, tmp_path / f"jc{suffix}")
    again = load_model(tmp_path / f"jc{suffix}")
    assert again.canonical() == model.canonical()
    assert again.entity("iccs").identifiers == {"wikidata": "Q5156563", "gc-orgid": "2281"}
    # the file is plain RDF that rdflib reads on its own
    graph = Graph().parse(tmp_path / f"jc{suffix}")
    assert len(set(graph.subjects(GG.id, None))) == len(model.entities)


def test_sparql_answers_the_reporting_chain_of_the_data_driven_intelligence_wg(
    example_model, tmp_path
):
    write_model(example_model, tmp_path / "jc.ttl")
    graph = Graph().parse(tmp_path / "jc.ttl")
    rows = graph.query(
        PREFIXES
        + """
        SELECT ?id ?label WHERE {
          ?wg gg:id "data-driven-intelligence-wg" ; org:subOrganizationOf+ ?parent .
          ?parent gg:id ?id ; skos:prefLabel ?label . FILTER(lang(?label) = "fr")
        }"""
    )
    assert {(str(r.id), str(r.label)) for r in rows} == {
        ("pssdc", "Conseil sur la prestation des services du secteur public"),
        ("joint-councils", "Conseils mixtes"),
    }


def test_bodies_and_kinds_map_to_org_classes(example_model):
    graph = model_to_rdf(example_model)
    types = lambda entity_id: set(graph.objects(entity_iri(entity_id), RDF.type))  # noqa: E731
    assert {ORG.Organization, ORG.OrganizationalCollaboration, GG.Council} <= types(
        "joint-councils"
    )
    assert ORG.OrganizationalCollaboration not in types("pssdc")
    assert {ORG.OrganizationalUnit, GG.WorkingGroup} <= types("data-driven-intelligence-wg")
    assert ORG.FormalOrganization in types("iccs")
    assert ORG.Post in types("strategic-policy-analyst")
    labels = set(graph.objects(entity_iri("iccs"), SKOS.prefLabel))
    assert Literal("Institut des services axés sur les citoyens", lang="fr") in labels
    assert Literal("ISAC", lang="fr") in set(graph.objects(entity_iri("iccs"), GG.acronym))
    assert any(str(s).startswith("Deck") for s in graph.objects(entity_iri("iccs"), DCT.source))


def test_informal_lines_are_not_sub_organizations(example_model):
    graph = model_to_rdf(example_model)
    wg, jc = entity_iri("joint-councils-wg"), entity_iri("joint-councils")
    assert (wg, ORG.subOrganizationOf, jc) not in graph
    assert (wg, GG.reportsToInformally, jc) in graph
    assert (entity_iri("iccs"), GG.supports, jc) in graph


def test_memberships_carry_role_and_an_owl_time_interval(example_model):
    graph = model_to_rdf(example_model)
    rows = list(
        graph.query(
            PREFIXES
            + """
        SELECT ?member ?role ?start WHERE {
          ?m a org:Membership ; org:member ?member ; org:organization ?body ; org:role ?role ;
             org:memberDuring/time:hasBeginning/time:inXSDgYear ?start .
          ?body gg:id "pssdc" . ?member gg:id "quebec" .
        }"""
        )
    )
    assert len(rows) == 1
    assert rows[0].role == ROLE.member and str(rows[0].start) == "1998"
    co_chairs = set(
        graph.query(
            PREFIXES
            + """SELECT ?who WHERE { ?m org:role <https://w3id.org/govgraph/role/co_chair> ;
                 org:organization/gg:id "pssdc" ; org:member/gg:id ?who }"""
        )
    )
    assert {str(r.who) for r in co_chairs} == {"pssdc-co-chair-federal", "pssdc-co-chair-pt"}
    assert (None, TIME.hasEnd, None) in graph  # framework-wg ended in 2018


def test_identifiers_use_org_identifier_with_a_scheme_datatype(example_model):
    graph = model_to_rdf(_with_identifiers(example_model))
    iccs = entity_iri("iccs")
    assert Literal("Q5156563", datatype=SCHEME.wikidata) in set(graph.objects(iccs, ORG.identifier))
    assert (iccs, OWL.sameAs, None) in graph


def test_hostile_ids_and_names_survive_turtle_and_json_ld(tmp_path):
    from tests.strategies import HOSTILE

    model = GovernanceModel.model_validate(
        {
            "entities": [
                {"id": "}) DETACH DELETE n //", "kind": "council", "name": {"en": HOSTILE[0]}},
                {"id": 'q"uote', "kind": "working_group", "name": {"fr": HOSTILE[5]}},
                {"id": "é-accent", "kind": "person", "name": {"en": HOSTILE[10]}},
            ],
            "relationships": [
                {"from": 'q"uote', "type": "REPORTS_TO", "to": "}) DETACH DELETE n //"},
                {"from": "é-accent", "type": "MEMBER_OF", "to": 'q"uote', "role": "chair"},
            ],
        }
    )
    for suffix in (".ttl", ".jsonld", ".nt"):
        write_model(model, tmp_path / f"h{suffix}")
        assert read_model(tmp_path / f"h{suffix}").canonical() == model.canonical(), suffix


def test_broken_rdf_is_a_clear_error(cli, tmp_path):
    (tmp_path / "bad.ttl").write_text('@prefix gg: <x#> .\n<a> gg:id "unterminated .\n')
    result = cli("convert", tmp_path / "bad.ttl", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {tmp_path / 'bad.ttl'}") and "invalid turtle" in (
        result.stderr
    )
    assert not (tmp_path / "out.yaml").exists()


def test_a_foreign_node_is_named_in_the_error(tmp_path):
    (tmp_path / "x.ttl").write_text(
        '@prefix gg: <https://w3id.org/govgraph/vocab#> .\n<http://example.org/a> gg:id "a" .\n'
    )
    with pytest.raises(InputError, match=r"<http://example.org/a>: expected exactly one"):
        read_model(tmp_path / "x.ttl")


def test_rdf_graph_round_trip_in_memory(example_model):
    assert model_from_rdf(model_to_rdf(example_model)).canonical() == example_model.canonical()


QUICK_WINS = "fixtures/scenarios/quick-wins.yaml"


def test_scenario_changes_are_org_change_events(example_model, example_path, tmp_path, cli):
    from govgraph.scenarios import apply_scenario, load_scenario

    root = example_path.parent.parent
    out = tmp_path / "qw.ttl"
    result = cli("changes", example_path, root / QUICK_WINS, out)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out)
    rows = graph.query(
        PREFIXES
        + """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?wg ?old ?new ?at WHERE {
          ?e a org:ChangeEvent ; gg:changeKind "transferred" ; prov:atTime ?at ;
             org:originalOrganization/gg:id ?wg ; org:resultingOrganization/gg:id ?wg ;
             gg:previousParent/gg:id ?old ; gg:newParent/gg:id ?new .
        }"""
    )
    assert {(str(r.wg), str(r.old), str(r.new), str(r.at)) for r in rows} == {
        ("data-driven-intelligence-wg", "pssdc", "joint-councils", "2026-04-01T00:00:00"),
        ("pssdc-business-services-wg", "pssdc", "joint-councils", "2026-04-01T00:00:00"),
    }
    kinds = [str(k) for k in graph.objects(None, GG.changeKind)]
    assert sorted(kinds) == ["modified"] * 3 + ["transferred"] * 2
    # the file holds the model after the scenario
    after = apply_scenario(example_model, load_scenario(root / QUICK_WINS))
    assert read_model(out).canonical() == after.canonical()


def test_change_events_only_and_bad_arguments(example_path, tmp_path, cli):
    root = example_path.parent.parent
    result = cli("changes", example_path, root / QUICK_WINS, tmp_path / "e.jsonld", "--events-only")
    assert result.exit_code == 0
    graph = Graph().parse(tmp_path / "e.jsonld")
    assert not set(graph.subjects(GG.id, None))
    assert len(set(graph.subjects(RDF.type, ORG.ChangeEvent))) == 5
    assert (None, RDF.type, GG.Scenario) in graph
    result = cli("changes", example_path, root / QUICK_WINS, tmp_path / "e.yaml")
    assert result.exit_code == 2 and "must end in .ttl" in result.stderr
    (tmp_path / "bad.yaml").write_text(
        "name: {en: X}\noperations:\n  - move: {body: nobody, to: pssdc}\n"
    )
    result = cli("changes", example_path, tmp_path / "bad.yaml", tmp_path / "x.ttl")
    assert result.exit_code == 2 and "nobody" in result.stderr
    assert not (tmp_path / "x.ttl").exists()


def test_merges_and_creations_name_original_and_resulting(example_model):
    from govgraph.formats.org import change_events
    from govgraph.scenarios import apply_scenario, parse_scenario

    scenario = parse_scenario(
        {
            "name": {"en": "Merge"},
            "effective": "2027",
            "operations": [
                {
                    "merge": {
                        "bodies": ["pssdc-business-services-wg"],
                        "into": "data-driven-intelligence-wg",
                    }
                }
            ],
        }
    )
    after = apply_scenario(example_model, scenario)
    graph = change_events(example_model, after, at="2027")
    [merged] = [e for e in graph.subjects(GG.changeKind, Literal("merged"))]
    assert graph.value(merged, ORG.originalOrganization) == entity_iri("pssdc-business-services-wg")
    assert graph.value(merged, ORG.resultingOrganization) == entity_iri(
        "data-driven-intelligence-wg"
    )


FOREIGN = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <http://example.org/> .

ex:acme a org:FormalOrganization ; skos:prefLabel "Acme"@en, "Acmé"@fr ;
    org:identifier "123" ; org:hasUnit ex:it .
ex:it a org:OrganizationalUnit ; rdfs:label "IT" .
ex:board a org:OrganizationalUnit ; rdfs:label "Board" ; org:unitOf ex:acme .
ex:joint a org:OrganizationalCollaboration ; skos:prefLabel "Joint table" .
ex:acme org:subOrganizationOf ex:holding .
ex:ann a foaf:Person ; foaf:name "Ann" ; org:memberOf ex:board .
ex:bob a foaf:Person ; foaf:name "Bob" .
[] a org:Membership ; org:member ex:bob ; org:organization ex:it ; org:role ex:chair ;
   org:memberDuring [ time:hasBeginning [ time:inXSDDateTimeStamp "2011-03-04T09:00:00Z" ] ] .
[] a org:Membership ; org:member ex:ann ; org:organization ex:joint ; org:role ex:Treasurer .
"""


def test_org_data_from_other_tools_is_read(tmp_path):
    (tmp_path / "acme.ttl").write_text(FOREIGN)
    model = read_model(tmp_path / "acme.ttl")
    kinds = {e.id: e.kind.value for e in model.entities}
    assert kinds == {
        "acme": "organization",
        "it": "committee",
        "board": "committee",
        "joint": "council",
        "holding": "organization",
        "ann": "person",
        "bob": "person",
    }
    acme = model.entity("acme")
    assert acme.name.fr == "Acmé" and acme.identifiers == {"org": "123"}
    assert acme.attributes == {"iri": "http://example.org/acme"}
    lines = {(r.from_, r.type.value, r.to, r.role and r.role.value) for r in model.relationships}
    assert lines == {
        ("it", "REPORTS_TO", "acme", None),
        ("board", "REPORTS_TO", "acme", None),
        ("acme", "REPORTS_TO", "holding", None),
        ("ann", "MEMBER_OF", "board", "member"),
        ("bob", "MEMBER_OF", "it", "chair"),
        ("ann", "MEMBER_OF", "joint", "member"),
    }
    bob = next(r for r in model.relationships if r.from_ == "bob")
    assert bob.valid_from == "2011-03-04"
    treasurer = next(r for r in model.relationships if r.to == "joint")
    assert treasurer.attributes == {"org_role": "Treasurer"}


def test_streamed_n_triples_hold_the_same_graph(example_model, tmp_path):
    from rdflib.compare import isomorphic

    write_model(example_model, tmp_path / "jc.nt")
    assert isomorphic(Graph().parse(tmp_path / "jc.nt"), model_to_rdf(example_model))
