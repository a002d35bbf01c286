"""Each validator rule, on small models built for it."""

from factory import entity, model, rel

from govgraph.checks import check_model
from govgraph.findings import Severity


def codes(m):
    return [(f.code, f.severity.value) for f in check_model(m)]


def findings_of(m, code):
    return [f for f in check_model(m) if f.code == code]


SUPPORTED = [entity("iccs", "organization")]


def supported(*ids):
    return [rel("iccs", "SUPPORTS", i, service="secretariat") for i in ids]


def test_a_clean_model_has_no_findings():
    m = model(
        [entity("jc"), entity("wg", "working_group"), *SUPPORTED],
        [rel("wg", "REPORTS_TO", "jc"), *supported("jc", "wg")],
    )
    assert check_model(m) == []


def test_duplicate_ids_are_errors_naming_the_second_record():
    [f] = findings_of(model([entity("a"), entity("b"), entity("a", "table")]), "duplicate-id")
    assert f.severity is Severity.error and f.record == ("entities", 2) and f.entities == ("a",)
    assert "'a'" in f.message_en and "« a »" in f.message_fr


def test_dangling_references_are_errors_with_a_suggestion():
    [f] = findings_of(
        model([entity("pssdc")], [rel("pssdc", "PART_OF", "joint-council")]), "unknown-reference"
    )
    assert f.record == ("relationships", 0) and f.field == "to"
    m2 = model(
        [entity("joint-councils"), entity("pssdc")], [rel("pssdc", "PART_OF", "joint-council")]
    )
    [f2] = findings_of(m2, "unknown-reference")
    assert "did you mean 'joint-councils'" in f2.message_en and "vouliez-vous dire" in f2.message_fr


def test_endpoint_kinds_are_checked_per_type():
    m = model(
        [entity("jc"), entity("p", "priority"), entity("ana", "person"), entity("m1", "meeting")],
        [
            rel("p", "REPORTS_TO", "jc"),  # priority cannot report
            rel("ana", "MEMBER_OF", "p"),  # cannot be a member of a priority
            rel("jc", "HELD", "m1"),  # fine
            rel("jc", "ADVANCES", "p"),  # fine
            rel(
                "ana", "SUPPORTS", "jc"
            ),  # a person cannot SUPPORTS (organisations and positions do)
        ],
    )
    bad = findings_of(m, "invalid-endpoint")
    assert [(f.record[1], f.field) for f in bad] == [(0, "from"), (1, "to"), (4, "from")]
    assert all(f.is_error for f in bad)


def test_oversight_may_point_at_a_piece_of_work():
    m = model(
        [entity("dswg", "working_group"), entity("review", "priority")],
        [rel("dswg", "OVERSEES", "review")],
    )
    assert findings_of(m, "invalid-endpoint") == []


def test_the_same_relationship_twice_is_an_error_but_other_roles_or_dates_are_not():
    m = model(
        [entity("c"), entity("ana", "person")],
        [
            rel("ana", "MEMBER_OF", "c"),
            rel("ana", "MEMBER_OF", "c", role="co_chair"),
            rel("ana", "MEMBER_OF", "c", role="co_chair", valid_from="2019"),
            rel("ana", "MEMBER_OF", "c", role="member"),
        ],
    )
    [f] = findings_of(m, "duplicate-relationship")
    assert f.record == ("relationships", 3)


def test_formal_cycles_are_errors_but_informal_ones_are_not():
    wgs = [entity(x, "working_group") for x in "abc"]
    cycle = model(
        wgs, [rel("a", "REPORTS_TO", "b"), rel("b", "REPORTS_TO", "c"), rel("c", "REPORTS_TO", "a")]
    )
    [f] = findings_of(cycle, "formal-cycle")
    assert f.is_error and set(f.entities) == {"a", "b", "c"} and "→" in f.message_en
    informal = model(wgs, [rel("a", "REPORTS_TO", "b"), rel("b", "REPORTS_TO", "a", formal=False)])
    assert findings_of(informal, "formal-cycle") == []


def test_a_self_loop_is_a_cycle():
    [f] = findings_of(
        model([entity("a", "working_group")], [rel("a", "REPORTS_TO", "a")]), "formal-cycle"
    )
    assert f.entities == ("a",)


def test_lines_that_never_coexist_do_not_make_a_cycle():
    wgs = [entity("a", "working_group"), entity("b", "working_group")]
    sequential = model(
        wgs,
        [
            rel("a", "REPORTS_TO", "b", valid_to="2010"),
            rel("b", "REPORTS_TO", "a", valid_from="2011"),
        ],
    )
    assert findings_of(sequential, "formal-cycle") == []
    overlapping = model(
        wgs,
        [
            rel("a", "REPORTS_TO", "b", valid_to="2011"),
            rel("b", "REPORTS_TO", "a", valid_from="2011"),
        ],
    )
    [f] = findings_of(overlapping, "formal-cycle")
    assert "2011-01-01" in f.message_en


def test_working_groups_and_committees_without_a_formal_parent_are_warned():
    m = model(
        [
            entity("jc"),
            entity("wg", "working_group"),
            entity("cmte", "committee"),
            entity("t", "table"),
        ],
        [rel("wg", "REPORTS_TO", "jc", formal=False)],
    )
    found = findings_of(m, "no-formal-parent")
    assert [f.entities[0] for f in found] == ["wg", "cmte"]
    assert all(f.severity is Severity.warning for f in found)
    assert "informal line to jc" in found[0].message_en and "lien informel" in found[0].message_fr


def test_several_formal_parents_at_once_are_warned_but_successive_ones_are_not():
    bodies = [entity("a"), entity("b"), entity("wg", "working_group")]
    at_once = model(
        bodies, [rel("wg", "REPORTS_TO", "a"), rel("wg", "REPORTS_TO", "b", valid_from="2019")]
    )
    [f] = findings_of(at_once, "multiple-formal-parents")
    assert set(f.entities) == {"wg", "a", "b"}
    successive = model(
        bodies,
        [
            rel("wg", "REPORTS_TO", "a", valid_to="2018"),
            rel("wg", "REPORTS_TO", "b", valid_from="2019"),
        ],
    )
    assert findings_of(successive, "multiple-formal-parents") == []
    with_informal = model(
        bodies, [rel("wg", "REPORTS_TO", "a"), rel("wg", "REPORTS_TO", "b", formal=False)]
    )
    assert findings_of(with_informal, "multiple-formal-parents") == []


def test_an_ended_body_with_children_still_attached_is_warned():
    m = model(
        [
            entity("old", valid_to="2018"),
            entity("wg", "working_group"),
            entity("done", "working_group", valid_to="2017"),
            entity("moved", "working_group"),
        ],
        [
            rel("wg", "REPORTS_TO", "old"),  # still attached after 2018
            rel("done", "REPORTS_TO", "old"),  # ended with it: fine
            rel("moved", "REPORTS_TO", "old", valid_to="2018-06"),  # line closed: fine
        ],
    )
    [f] = findings_of(m, "ended-with-active-children")
    assert f.entities == ("old", "wg") and "2018-12-31" in f.message_en


def test_support_is_needed_for_governing_bodies_and_inherited_through_composition():
    m = model(
        [
            entity("jc"),
            entity("pssdc"),
            entity("wg", "working_group"),
            entity("wg2", "working_group"),
            entity("ext", "table"),
            *SUPPORTED,
            entity("sec", "position"),
        ],
        [
            *supported("jc"),
            rel("pssdc", "PART_OF", "jc"),
            rel("wg", "REPORTS_TO", "pssdc"),
            rel("wg2", "REPORTS_TO", "pssdc"),
            rel("sec", "MEMBER_OF", "wg2", role="secretariat"),
        ],
    )
    assert [f.entities[0] for f in findings_of(m, "no-support")] == ["wg"]


def test_errors_come_before_warnings():
    m = model([entity("wg", "working_group"), entity("wg", "working_group")])
    severities = [f.severity for f in check_model(m)]
    assert severities == sorted(severities, key=lambda s: s is not Severity.error)
    assert severities[0] is Severity.error


def test_composition_cycles_are_errors():
    m = model([entity("a"), entity("b")], [rel("a", "PART_OF", "b"), rel("b", "PART_OF", "a")])
    [f] = findings_of(m, "part-of-cycle")
    assert f.is_error and set(f.entities) == {"a", "b"}
    assert findings_of(m, "formal-cycle") == []


def test_overlap_with_any_earlier_line_counts_not_only_the_previous_one():
    bodies = [entity("a"), entity("b"), entity("c"), entity("wg", "working_group")]
    m = model(
        bodies,
        [
            rel("wg", "REPORTS_TO", "a", valid_from="2000", valid_to="2020"),
            rel("wg", "REPORTS_TO", "b", valid_from="2001", valid_to="2002"),
            rel("wg", "REPORTS_TO", "c", valid_from="2005", valid_to="2010"),
        ],
    )
    [f] = findings_of(m, "multiple-formal-parents")
    assert set(f.entities) == {"wg", "a", "b", "c"}
