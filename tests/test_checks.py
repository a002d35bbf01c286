"""Each validator rule, on small models built for it."""

import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.checks import check_model
from govgraph.findings import Severity
from tests.factory import entity, model, rel
from tests.strategies import models


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
    [f] = findings_of(cycle, "hierarchy-cycle")
    assert f.is_error and set(f.entities) == {"a", "b", "c"} and "→" in f.message_en
    informal = model(wgs, [rel("a", "REPORTS_TO", "b"), rel("b", "REPORTS_TO", "a", formal=False)])
    assert findings_of(informal, "hierarchy-cycle") == []


@pytest.mark.parametrize(
    ("rel_type", "kind", "extra"),
    [
        ("REPORTS_TO", "working_group", {}),
        ("REPORTS_TO", "working_group", {"formal": False}),  # informal: still nothing
        ("PART_OF", "council", {}),
        ("ENGAGES_WITH", "council", {"level": "inform"}),
        ("OVERSEES", "council", {}),
        ("SUCCEEDS", "council", {}),
        ("MEMBER_OF", "organization", {}),
        ("SUPPORTS", "organization", {}),
        ("FOUNDED", "organization", {}),
    ],
)
def test_a_self_loop_is_an_error_for_every_type(rel_type, kind, extra):
    m = model([entity("a", kind)], [rel("a", rel_type, "a", **extra)])
    [f] = findings_of(m, "self-loop")
    assert f.is_error and f.entities == ("a",) and f.record == ("relationships", 0)
    assert f"{rel_type} from 'a' to itself" in f.message_en
    assert findings_of(m, "hierarchy-cycle") == []  # reported once, as a self-loop


def test_a_cycle_through_reports_to_and_part_of_is_one_hierarchy_cycle():
    """The deck's structure turned upside down: JC reports to the DDI WG, which reports
    to the PSSDC, which is part of JC."""
    m = model(
        [entity("jc", "council"), entity("pssdc", "council"), entity("ddi", "working_group")],
        [rel("ddi", "REPORTS_TO", "pssdc"), rel("pssdc", "PART_OF", "jc"),
         rel("jc", "REPORTS_TO", "ddi")],
    )  # fmt: skip
    [f] = findings_of(m, "hierarchy-cycle")
    assert set(f.entities) == {"jc", "pssdc", "ddi"}
    assert "ddi → pssdc → jc → ddi" in f.message_en or "jc → ddi → pssdc → jc" in f.message_en


def test_a_cycle_needs_its_entities_alive_on_one_day():
    """Undated lines between bodies that never coexist make no cycle."""
    m = model(
        [entity("a", "council", valid_to="2010"), entity("b", "council", valid_from="2011")],
        [rel("a", "PART_OF", "b"), rel("b", "PART_OF", "a")],
    )
    assert findings_of(m, "hierarchy-cycle") == []


def test_lines_that_never_coexist_do_not_make_a_cycle():
    wgs = [entity("a", "working_group"), entity("b", "working_group")]
    sequential = model(
        wgs,
        [
            rel("a", "REPORTS_TO", "b", valid_to="2010"),
            rel("b", "REPORTS_TO", "a", valid_from="2011"),
        ],
    )
    assert findings_of(sequential, "hierarchy-cycle") == []
    overlapping = model(
        wgs,
        [
            rel("a", "REPORTS_TO", "b", valid_to="2011"),
            rel("b", "REPORTS_TO", "a", valid_from="2011"),
        ],
    )
    [f] = findings_of(overlapping, "hierarchy-cycle")
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
    [f] = findings_of(m, "hierarchy-cycle")
    assert f.is_error and set(f.entities) == {"a", "b"}


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


def _cyclic_on_some_day(m) -> bool:
    """Brute force: at each day any line or entity starts, is the hierarchy cyclic?"""
    import networkx as nx

    from govgraph.dates import interval, is_valid_on
    from govgraph.temporal import as_of
    from govgraph.vocabulary import is_hierarchy_line

    days = {interval(r.valid_from, r.valid_to)[0] for r in m.relationships}
    days |= {interval(e.valid_from, e.valid_to)[0] for e in m.entities}
    for day in days:
        cut = as_of(m, day)
        graph = nx.DiGraph()
        graph.add_edges_from(
            (r.from_, r.to)
            for r in cut.relationships
            if r.from_ != r.to
            and is_hierarchy_line(r.type, r.formal)
            and is_valid_on(r.valid_from, r.valid_to, day)
        )
        if not nx.is_directed_acyclic_graph(graph):
            return True
    return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models(max_entities=8, max_relationships=24))
def test_hierarchy_cycles_match_a_day_by_day_reference(random_model):
    found = findings_of(random_model, "hierarchy-cycle")
    assert bool(found) == _cyclic_on_some_day(random_model)
    for finding in found:  # the path is a real cycle of hierarchy lines
        ids = finding.message_en.split(": ", 1)[1].split(" (from")[0].split(" → ")
        assert ids[0] == ids[-1] and len(ids) >= 3
