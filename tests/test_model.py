import pytest
from pydantic import ValidationError

from govgraph.errors import UnknownEntityError
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.vocabulary import BODY_KINDS, ENDPOINTS, EntityKind, RelationType
from tests.factory import entity, model, rel


def test_every_kind_and_type_of_the_design_exists():
    assert {k.value for k in EntityKind} == {
        "council",
        "committee",
        "working_group",
        "table",
        "organization",
        "jurisdiction",
        "position",
        "person",
        "priority",
        "meeting",
    }
    assert {t.value for t in RelationType} == {
        "REPORTS_TO",
        "PART_OF",
        "MEMBER_OF",
        "SUPPORTS",
        "ENGAGES_WITH",
        "ADVANCES",
        "OVERSEES",
        "FOUNDED",
        "SUCCEEDS",
        "HELD",
        "ACCOUNTABLE_TO",  # a body's accountability to a position (docs/accountability.md)
    }
    assert {k.value for k in BODY_KINDS} == {
        "council",
        "committee",
        "working_group",
        "table",
        "organization",
    }
    assert set(ENDPOINTS) == set(RelationType)


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="acronyms"):
        Entity.model_validate({**entity("a"), "acronyms": {"en": "A"}})
    with pytest.raises(ValidationError, match="weight"):
        Relationship.model_validate({**rel("a", "PART_OF", "b"), "weight": 3})


def test_a_name_needs_english_or_french():
    assert (
        Entity.model_validate(entity("a", name={"fr": "Conseils mixtes"})).label("en")
        == "Conseils mixtes"
    )
    for name in ({}, {"en": "", "fr": "  "}):
        with pytest.raises(ValidationError, match="at least one"):
            Entity.model_validate(entity("a", name=name))


def test_labels_prefer_the_language_asked_and_acronyms_for_short_labels():
    e = Entity.model_validate(
        entity(
            "pssdc",
            name={"en": "Service Council", "fr": "Conseil"},
            acronym={"en": "PSSDC", "fr": "CPSSP"},
        )
    )
    assert (e.label("en"), e.label("fr"), e.short_label("fr")) == (
        "Service Council",
        "Conseil",
        "CPSSP",
    )


@pytest.mark.parametrize("bad_id", ["", " padded", "new\nline", "tab\tid", "x" * 513])
def test_ids_must_be_non_empty_trimmed_single_line(bad_id):
    with pytest.raises(ValidationError):
        Entity.model_validate(entity(bad_id))


@pytest.mark.parametrize(
    "hostile", ["}) DETACH DELETE n //", "it's", 'say "hi"', "`x`", "<script>", "Québec"]
)
def test_hostile_but_printable_ids_are_kept_exactly(hostile):
    assert Entity.model_validate(entity(hostile)).id == hostile


def test_valid_to_before_valid_from_is_refused_on_that_field():
    with pytest.raises(ValidationError) as info:
        Entity.model_validate(entity("a", valid_from="2019", valid_to="2018-12"))
    assert info.value.errors()[0]["loc"] == ("valid_to",)
    Entity.model_validate(entity("a", valid_from="2018-06", valid_to="2018"))  # same year: fine


def test_relationship_defaults_and_keys():
    reports = Relationship.model_validate(rel("wg", "REPORTS_TO", "c"))
    member = Relationship.model_validate(rel("p", "MEMBER_OF", "c"))
    support = Relationship.model_validate(
        rel("o", "SUPPORTS", "c", service="secretariat", valid_from="2005")
    )
    assert reports.formal is True and reports.is_formal_line and reports.key == "REPORTS_TO"
    assert member.role == "member" and member.key == "MEMBER_OF:member"
    assert support.key == "SUPPORTS:secretariat@2005"
    informal = Relationship.model_validate(rel("wg", "REPORTS_TO", "c", formal=False))
    assert not informal.is_formal_line


@pytest.mark.parametrize(
    ("rel_type", "prop", "value"),
    [
        ("PART_OF", "formal", True),
        ("REPORTS_TO", "role", "chair"),
        ("MEMBER_OF", "level", "inform"),
        ("ADVANCES", "service", "funding"),
    ],
)
def test_properties_only_apply_to_their_type(rel_type, prop, value):
    with pytest.raises(ValidationError, match=f"'{prop}' does not apply to {rel_type}"):
        Relationship.model_validate(rel("a", rel_type, "b", **{prop: value}))


def test_enumerated_properties_are_checked():
    with pytest.raises(ValidationError):
        Relationship.model_validate(rel("a", "MEMBER_OF", "b", role="boss"))
    with pytest.raises(ValidationError):
        Relationship.model_validate(rel("a", "ENGAGES_WITH", "b", level="merge"))
    with pytest.raises(ValidationError):
        Relationship.model_validate(rel("a", "SUPPORTS", "b", service="Not A Slug"))


def test_attribute_names_cannot_shadow_columns_and_tags_cannot_hold_separators():
    with pytest.raises(ValidationError, match="reserved"):
        Entity.model_validate(entity("a", attributes={"kind": "x"}))
    with pytest.raises(ValidationError, match="reserved"):
        Relationship.model_validate(rel("a", "PART_OF", "b", attributes={"to": "x"}))
    with pytest.raises(ValidationError):
        Entity.model_validate(entity("a", tags=["a;b"]))
    with pytest.raises(ValidationError):
        Entity.model_validate(entity("a", identifiers={"wiki data": "Q1"}))


def test_models_are_immutable():
    m = model([entity("a")])
    with pytest.raises(ValidationError):
        m.entities[0].id = "b"  # type: ignore[misc]


def test_lookup_with_suggestions_and_a_fresh_index_for_copies():
    m = model([entity("pssdc"), entity("pscioc")])
    assert m.entity("pssdc").id == "pssdc"
    with pytest.raises(UnknownEntityError) as info:
        m.entity("psdc")
    assert "did you mean 'pssdc'" in str(info.value)
    copy = m.model_copy(update={"entities": (m.entities[1],)})
    assert "pssdc" not in copy and "pssdc" in m


def test_canonical_ignores_order():
    a = model([entity("b"), entity("a")], [rel("b", "PART_OF", "a")])
    b = model([entity("a"), entity("b")], [rel("b", "PART_OF", "a")])
    assert a != b and a.canonical() == b.canonical()


def test_empty_and_people_only_models_are_fine():
    assert GovernanceModel().entities == ()
    assert len(model([entity("ana", "person"), entity("bo", "person")]).entities) == 2
