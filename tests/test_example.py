"""The bundled example says what the governance-review deck says, and marks the rest."""

import pytest

from govgraph.checks import check_model

DECK_IDS = [
    "joint-councils",
    "pssdc",
    "pscioc",
    "iccs",
    "joint-councils-wg",
    "framework-wg",
    "strategic-policy-analyst",
    "digital-strategy-wg",
    "data-driven-intelligence-wg",
    "pssdc-business-services-wg",
    "fpt-dm-service-table",
    "strategic-cio-council",
    "diacc",
    "ssc",
]


def lines(m, rel_type, source=None, target=None):
    return [
        r
        for r in m.relationships
        if r.type == rel_type and source in (None, r.from_) and target in (None, r.to)
    ]


def test_the_deck_ids_are_all_there(example_model):
    assert set(DECK_IDS) <= set(example_model.index)


def test_it_is_valid_with_only_the_warnings_the_deck_complains_about(example_model):
    findings = check_model(example_model)
    assert not [f for f in findings if f.is_error]
    assert {f.code for f in findings} == {"no-formal-parent", "no-support"}
    informal = [f for f in findings if f.code == "no-formal-parent"]
    assert [f.entities[0] for f in informal] == [
        "joint-councils-wg"
    ]  # "structure hiérarchique informelle"
    unsupported = {f.entities[0] for f in findings if f.code == "no-support"}
    assert unsupported == {
        e.id for e in example_model.entities if e.kind == "working_group"
    }  # "soutien du groupe de travail"


def test_councils_and_their_union_in_1998(example_model):
    jc = example_model.entity("joint-councils")
    assert (jc.name.en, jc.name.fr, jc.valid_from) == ("Joint Councils", "Conseils mixtes", "1998")
    assert example_model.entity("pssdc").acronym.fr == "CPSSP"
    assert example_model.entity("pscioc").acronym.fr == "CDPISP"
    for council in ("pssdc", "pscioc"):
        [part_of] = lines(example_model, "PART_OF", council, "joint-councils")
        assert part_of.valid_from == "1998"


@pytest.mark.parametrize("wg", ["data-driven-intelligence-wg", "pssdc-business-services-wg"])
def test_the_two_working_groups_of_the_quick_wins_report_formally_to_pssdc(example_model, wg):
    [line] = lines(example_model, "REPORTS_TO", wg)
    assert line.to == "pssdc" and line.formal is True


def test_iccs_founded_in_2005_and_supports_the_joint_councils(example_model):
    assert example_model.entity("iccs").acronym.fr == "ISAC"
    [founded] = lines(example_model, "FOUNDED", "joint-councils", "iccs")
    assert founded.valid_from == "2005"
    services = {r.service for r in lines(example_model, "SUPPORTS", "iccs", "joint-councils")}
    assert "secretariat" in services


def test_the_review_history(example_model):
    fwg = example_model.entity("framework-wg")
    assert (fwg.valid_from, fwg.valid_to) == ("2015", "2018")
    analyst = example_model.entity("strategic-policy-analyst")
    assert (analyst.kind, analyst.valid_from, analyst.valid_to) == ("position", "2018", "2019")
    [oversight] = lines(example_model, "OVERSEES", "digital-strategy-wg")
    assert example_model.entity(oversight.to).name.fr.startswith("Examen de la gouvernance")


def test_the_seven_meetings(example_model):
    meetings = {r.to for r in lines(example_model, "HELD", "joint-councils")}
    found = {
        (example_model.entity(m).attributes["city"], example_model.entity(m).valid_from)
        for m in meetings
    }
    assert found == {
        ("St. John's", "2015-09"),
        ("Toronto", "2016-02"),
        ("Victoria", "2016-09"),
        ("Ottawa", "2017-02"),
        ("Charlottetown", "2017-10"),
        ("Toronto", "2018-02"),
        ("Winnipeg", "2019"),
    }


def test_the_engagement_continuum_toward_external_tables(example_model):
    levels = {r.to: r.level for r in lines(example_model, "ENGAGES_WITH", "joint-councils")}
    assert {"fpt-dm-service-table", "strategic-cio-council", "diacc", "ssc", "iccs"} <= set(levels)
    assert {level.value for level in levels.values()} == {
        "inform",
        "exchange",
        "collaborate",
        "co_create",
    }


def test_fptm_jurisdictions_sit_on_both_councils(example_model):
    jurisdictions = [e for e in example_model.entities if e.kind == "jurisdiction"]
    orders = {e.attributes["order_of_government"] for e in jurisdictions}
    assert orders == {"federal", "provincial", "territorial", "municipal"}
    assert len(jurisdictions) == 15
    for council in ("pssdc", "pscioc"):
        members = {r.from_ for r in lines(example_model, "MEMBER_OF", target=council)}
        assert {e.id for e in jurisdictions} <= members


def test_meeting_format_is_recorded_as_an_assumption(example_model):
    for council in ("joint-councils", "pssdc", "pscioc"):
        attributes = example_model.entity(council).attributes
        assert isinstance(attributes["meeting_days"], float)
        assert "meeting_days" in attributes["assumptions"]


def test_names_are_bilingual_and_every_record_has_a_source(example_model):
    for e in example_model.entities:
        assert e.source, e.id
        if e.id != "ordec":  # the deck gives only the French acronym
            assert e.name.en and e.name.fr, e.id
    assert all(r.source for r in example_model.relationships)


def test_assumptions_are_tagged(example_model):
    for record in (*example_model.entities, *example_model.relationships):
        if record.source.startswith("Assumption"):
            assert "assumption" in record.tags, record
    assert any("assumption" in r.tags for r in example_model.relationships)


def test_priorities_named_by_the_deck(example_model):
    priorities = {e.id for e in example_model.entities if e.kind == "priority"}
    assert {
        "digital-by-default",
        "digital-identity",
        "pan-canadian-objectives",
        "governance-review",
        "joint-creation-and-delivery",
    } <= priorities
