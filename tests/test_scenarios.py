"""Scenario files and apply_scenario: every operation, history with an effective date,
and every class of invalid operation (message naming the operation and the reason)."""

from __future__ import annotations

import textwrap

import pytest

from govgraph.checks import check_model
from govgraph.errors import InputError
from govgraph.formats import load_model
from govgraph.scenarios import (
    Move,
    Scenario,
    ScenarioError,
    apply_scenario,
    diff_models,
    load_scenario,
)
from govgraph.temporal import as_of
from tests.factory import base, scenario
from tests.helpers import ROOT

QUICK_WINS = ROOT / "fixtures" / "scenarios" / "quick-wins.yaml"


def lines(m, type_=None):
    return {
        (r.from_, r.type.value, r.to, r.valid_from, r.valid_to)
        for r in m.relationships
        if type_ is None or r.type.value == type_
    }


def formal_parent(m, body, day):
    return [r.to for r in as_of(m, day).relationships if r.from_ == body and r.is_formal_line]


def valid(m):
    assert not [f for f in check_model(m) if f.is_error]


# ── operations ───────────────────────────────────────────────────────────────────────


def test_move_keeps_history_and_brings_the_subtree():
    before = base()
    frozen = before.model_dump()
    after = apply_scenario(before, scenario({"move": {"body": "wg", "to": "jc"}}))
    assert before.model_dump() == frozen  # input unchanged
    assert ("wg", "REPORTS_TO", "p", None, "2026-03-31") in lines(after)
    assert ("wg", "REPORTS_TO", "jc", "2026-04-01", None) in lines(after)
    assert formal_parent(after, "wg", "2026-03-31") == ["p"]
    assert formal_parent(after, "wg", "2026-04-01") == ["jc"]
    assert formal_parent(after, "sub", "2027") == ["wg"]  # the subtree comes along
    valid(after)
    assert [(c.kind, c.entity, c.details) for c in diff_models(before, after)] == [
        ("transferred", "wg", {"from": ["p"], "to": ["jc"]})
    ]


def test_move_without_effective_date_replaces_the_line():
    after = apply_scenario(base(), scenario({"move": {"body": "wg", "to": "q"}}, effective=None))
    assert [r.to for r in after.relationships if r.from_ == "wg" and r.type == "REPORTS_TO"] == [
        "q"
    ]
    assert len(after.relationships) == len(base().relationships)


def test_move_to_the_current_parent_changes_nothing():
    before = base()
    after = apply_scenario(before, scenario({"move": {"body": "wg", "to": "p"}}))
    assert after.relationships == before.relationships


def test_merge_into_existing_carries_everything_and_collapses_duplicates():
    before = base()
    after = apply_scenario(before, scenario({"merge": {"bodies": ["wg"], "into": "wg2"}}))
    valid(after)
    now = as_of(after, "2026-05")
    active = {(r.from_, r.type.value, r.to) for r in now.relationships}
    assert "wg" not in now  # ended the day before
    assert after.entity("wg").valid_to == "2026-03-31"
    assert ("sub", "REPORTS_TO", "wg2") in active  # children
    assert ("bob", "MEMBER_OF", "wg2") in active  # members
    assert ("iccs", "SUPPORTS", "wg2") in active  # support
    assert ("wg2", "ENGAGES_WITH", "table") in active  # engagement
    assert ("wg2", "SUCCEEDS", "wg", "2026-04-01", None) in lines(after)
    # ann was on both, and both advanced prio: one line each, not two
    assert sum(1 for r in now.relationships if (r.from_, r.to) == ("ann", "wg2")) == 1
    assert sum(1 for r in now.relationships if (r.from_, r.to) == ("wg2", "prio")) == 1
    # the old parent line of the merged body ends; wg2 keeps its own parent
    assert formal_parent(after, "wg2", "2026-05") == ["q"]
    kinds = {(c.kind, c.entity) for c in diff_models(before, after)}
    assert ("merged", "wg") in kinds and ("transferred", "sub") in kinds
    merged = next(c for c in diff_models(before, after) if c.kind == "merged")
    assert merged.details["into"] == "wg2"


def test_merge_into_a_new_body_creates_it_with_the_parents():
    before = base()
    after = apply_scenario(
        before,
        scenario(
            {
                "merge": {
                    "bodies": ["wg", "wg2"],
                    "into": "digital-wg",
                    "name": {"en": "Digital WG", "fr": "GT numérique"},
                    "reports_to": "jc",
                }
            }
        ),
    )
    valid(after)
    new = after.entity("digital-wg")
    assert new.kind == "working_group" and new.valid_from == "2026-04-01"
    assert new.label("fr") == "GT numérique"
    assert formal_parent(after, "digital-wg", "2026-05") == ["jc"]
    assert formal_parent(after, "sub", "2026-05") == ["digital-wg"]
    members = {r.from_ for r in as_of(after, "2026-05").relationships if r.to == "digital-wg"}
    assert members >= {"ann", "bob", "iccs", "sub"}
    kinds = {(c.kind, c.entity) for c in diff_models(before, after)}
    assert {("created", "digital-wg"), ("merged", "wg"), ("merged", "wg2")} <= kinds


def test_dissolve_hands_children_members_and_priorities_over():
    before = base()
    after = apply_scenario(
        before,
        scenario(
            {
                "dissolve": {
                    "body": "wg",
                    "children_to": "p",
                    "members_to": "wg2",
                    "priorities_to": "q",
                }
            }
        ),
    )
    valid(after)
    active = {(r.from_, r.type.value, r.to) for r in as_of(after, "2027").relationships}
    assert ("sub", "REPORTS_TO", "p") in active
    assert ("bob", "MEMBER_OF", "wg2") in active
    assert ("q", "ADVANCES", "prio") in active
    assert not any("wg" in (a, b) for a, _, b in active)
    assert formal_parent(after, "wg", "2025") == ["p"]  # history kept
    assert ("abolished", "wg") in {(c.kind, c.entity) for c in diff_models(before, after)}


def test_dissolve_a_leaf_without_destinations_ends_its_lines():
    after = apply_scenario(base(), scenario({"dissolve": {"body": "sub"}}))
    assert "sub" not in as_of(after, "2026-04-01")
    assert "sub" in as_of(after, "2026-03-31")


def test_create_rename_set_link_unlink_and_engagement():
    before = base()
    after = apply_scenario(
        before,
        scenario(
            {
                "create": {
                    "id": "new-wg",
                    "kind": "working_group",
                    "name": "New WG",
                    "reports_to": "p",
                    "attributes": {"meeting_days": 0.5},
                }
            },
            {"rename": {"id": "wg2", "name": {"en": "Renamed", "fr": "Renommé"}}},
            {"set": {"id": "jc", "attributes": {"meeting_days": 1.5, "meetings_per_year": 2}}},
            {
                "link": {
                    "from": "iccs",
                    "type": "SUPPORTS",
                    "to": "new-wg",
                    "service": "secretariat",
                }
            },
            {"unlink": {"from": "bob", "type": "MEMBER_OF", "to": "wg"}},
            {"set_engagement": {"from": "wg", "to": "table", "level": "co_create"}},
            {"set_engagement": {"from": "jc", "to": "table", "level": "exchange"}},
        ),
    )
    valid(after)
    assert after.entity("new-wg").valid_from == "2026-04-01"
    assert formal_parent(after, "new-wg", "2026-05") == ["p"]
    assert after.entity("wg2").label("fr") == "Renommé"
    assert after.entity("jc").attributes == {"meeting_days": 1.5, "meetings_per_year": 2}
    now = {(r.from_, r.type.value, r.to, r.level) for r in as_of(after, "2026-05").relationships}
    assert ("iccs", "SUPPORTS", "new-wg", None) in now
    assert not any(r[:3] == ("bob", "MEMBER_OF", "wg") for r in now)
    assert ("wg", "ENGAGES_WITH", "table", "co_create") in now
    assert ("wg", "ENGAGES_WITH", "table", "inform") not in now
    assert ("jc", "ENGAGES_WITH", "table", "exchange") in now
    then = {(r.from_, r.type.value, r.to, r.level) for r in as_of(after, "2026-03").relationships}
    assert ("wg", "ENGAGES_WITH", "table", "inform") in then
    assert ("bob", "MEMBER_OF", "wg", None) in then
    kinds = {(c.kind, c.entity) for c in diff_models(before, after)}
    assert {("created", "new-wg"), ("renamed", "wg2"), ("modified", "jc")} <= kinds
    assert ("modified", "wg") in kinds  # engagement level and members changed


def test_set_removes_an_attribute_with_null_and_drops_it_from_assumptions(example_model):
    after = apply_scenario(
        example_model, scenario({"set": {"id": "pssdc", "attributes": {"meeting_days": None}}})
    )
    assert after.entity("pssdc").attributes == {"meetings_per_year": 2}


def test_operations_see_what_earlier_operations_did():
    after = apply_scenario(
        base(),
        scenario(
            {"create": {"id": "x", "kind": "committee", "name": "X", "reports_to": "jc"}},
            {"move": {"body": "wg", "to": "x"}},
        ),
    )
    assert formal_parent(after, "wg", "2027") == ["x"]


def test_scenarios_can_be_built_in_python():
    built = Scenario(name={"en": "S"}, operations=[Move(body="wg", to="jc")])
    assert formal_parent(apply_scenario(base(), built), "wg", "2030") == ["jc"]


def test_quick_wins_on_the_example(example_model):
    after = apply_scenario(example_model, load_scenario(QUICK_WINS))
    valid(after)
    for wg in ("data-driven-intelligence-wg", "pssdc-business-services-wg"):
        assert formal_parent(after, wg, "2026-03-31") == ["pssdc"]
        assert formal_parent(after, wg, "2026-04-01") == ["joint-councils"]
    assert after.entity("joint-councils").attributes["meeting_days"] == 1.5
    assert example_model.entity("joint-councils").attributes["meeting_days"] == 1.0


# ── invalid operations ───────────────────────────────────────────────────────────────


def refused(before, *operations, match):
    frozen = before.model_dump()
    with pytest.raises(ScenarioError, match=match) as info:
        apply_scenario(before, scenario(*operations))
    assert before.model_dump() == frozen
    assert info.value.exit_code == 2
    return info.value


def test_unknown_id_suggests_a_close_one():
    error = refused(
        base(),
        {"set": {"id": "jc", "attributes": {"a": 1}}},
        {"move": {"body": "wgg", "to": "jc"}},
        match=r"move: unknown id 'wgg'; did you mean 'wg",
    )
    assert error.index == 1
    assert str(error).startswith("operations[1].move.body: ")
    # French quotes the ids as French running text does, never with Python's quotes
    french = error.text_in("fr")
    assert "vouliez-vous dire « wg" in french and "'wg" not in french


def test_move_creating_a_formal_cycle_is_refused():
    refused(
        base(),
        {"move": {"body": "wg", "to": "sub"}},
        match=r"operations\[0\]\.move\.to: move: 'wg' under 'sub' would create a hierarchy "
        r"cycle \(formal REPORTS_TO and PART_OF lines\): wg → sub → wg",
    )


def test_a_move_through_part_of_that_closes_a_hierarchy_cycle_is_refused():
    """jc ← p (PART_OF) ← wg: jc under wg would loop through the PART_OF line."""
    error = refused(
        base(),
        {"move": {"body": "jc", "to": "wg"}},
        match=r"operations\[0\]\.move\.to: move: 'jc' under 'wg' would create a hierarchy "
        r"cycle \(formal REPORTS_TO and PART_OF lines\): jc → wg → p → jc",
    )
    assert error.index == 0


def test_linking_part_of_or_merging_into_a_cycle_is_refused():
    refused(base(), {"link": {"from": "jc", "type": "PART_OF", "to": "sub"}},
            match=r"would create a hierarchy cycle .*: jc → sub → wg → p → jc")  # fmt: skip
    refused(base(), {"merge": {"bodies": ["wg2"], "into": "p", "reports_to": "sub"}},
            match=r"operations\[0\]\.merge\.reports_to: .*hierarchy cycle")  # fmt: skip
    refused(base(), {"link": {"from": "wg", "type": "OVERSEES", "to": "wg"}},
            match=r"OVERSEES from 'wg' to itself means nothing")  # fmt: skip
    informal = apply_scenario(
        base(),
        scenario({"link": {"from": "jc", "type": "REPORTS_TO", "to": "sub", "formal": False}}),
    )
    assert any(r.from_ == "jc" and r.formal is False for r in informal.relationships)


def test_merge_into_own_descendant_is_refused():
    refused(
        base(),
        {"merge": {"bodies": ["wg"], "into": "sub"}},
        match=r"cannot merge 'wg' into its own descendant 'sub' \(sub → wg\)",
    )


def test_dissolve_without_destination_for_children_is_refused():
    refused(
        base(),
        {"dissolve": {"body": "wg"}},
        match=r"dissolve: dissolving 'wg' leaves 1 line\(s\) from its children \(sub\) "
        r"without a destination: give 'children_to'",
    )


@pytest.mark.parametrize(
    ("operation", "match"),
    [
        ({"merge": {"bodies": ["wg"], "into": "nowhere"}}, "unknown id 'nowhere'"),
        ({"dissolve": {"body": "wg", "children_to": "sub"}}, "'sub' is itself under 'wg'"),
        ({"create": {"id": "wg", "kind": "council", "name": "X"}}, "id 'wg' already exists"),
        ({"move": {"body": "ann", "to": "jc"}}, "'ann' is a person, not a body"),
        ({"move": {"body": "wg", "to": "wg"}}, "cannot report to itself"),
        ({"unlink": {"from": "ann", "type": "MEMBER_OF", "to": "p"}}, "no active MEMBER_OF"),
        ({"link": {"from": "prio", "type": "REPORTS_TO", "to": "p"}}, "REPORTS_TO cannot go"),
        ({"link": {"from": "p", "type": "PART_OF", "to": "jc"}}, "already has this PART_OF"),
        ({"link": {"from": "jc", "type": "PART_OF", "to": "p"}}, "hierarchy cycle"),
        ({"set": {"id": "jc", "attributes": {"kind": 1}}}, "reserved field name"),
    ],
)
def test_other_invalid_operations_are_refused(operation, match):
    refused(base(), operation, match=match)


def test_an_ended_entity_cannot_be_a_destination(example_model):
    with pytest.raises(ScenarioError, match="'framework-wg' is not in existence on 2026-04-01"):
        apply_scenario(
            example_model,
            scenario({"move": {"body": "data-driven-intelligence-wg", "to": "framework-wg"}}),
        )


# ── scenario files ───────────────────────────────────────────────────────────────────


def write(tmp_path, text):
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(text))
    return path


def test_file_errors_name_file_line_and_field(tmp_path):
    path = write(
        tmp_path,
        """\
        name: S
        operations:
          - move: {body: wg, to: jc}
          - mvoe: {body: wg, to: jc}
        """,
    )
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert str(info.value) == (
        f"{path}:4: operations[1]: unknown operation 'mvoe'; did you mean 'move'?"
    )
    assert "vouliez-vous dire « move » ?" in info.value.text_in("fr")
    path = write(
        tmp_path,
        """\
        name: S
        operations:
          - move:
              body: wg
              too: jc
        """,
    )
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert (
        str(info.value)
        == f"{path}:5: operations[0].move.too: unknown field 'too'; did you mean 'to'?"
    )
    path = write(tmp_path, "name: S\neffective: 2026-13\noperations: []\n")
    with pytest.raises(InputError, match=r":2: effective: '2026-13' is not a real date"):
        load_scenario(path)
    path = write(tmp_path, "name: S\noperations:\n  - move: {body: wg, to: jc}\n    set: {}\n")
    with pytest.raises(
        InputError, match=":3: operations\\[0\\]: an operation is a mapping with one key"
    ):
        load_scenario(path)


def test_apply_errors_carry_the_scenario_line(tmp_path):
    path = write(
        tmp_path,
        """\
        name: S
        operations:
          - set: {id: jc, attributes: {a: 1}}
          - move:
              body: wg
              to: sub
        """,
    )
    with pytest.raises(ScenarioError) as info:
        apply_scenario(base(), load_scenario(path))
    assert str(info.value).startswith(f"{path}:6: operations[1].move.to: move: 'wg' under 'sub'")


def test_example_quick_wins_file_loads():
    quick = load_scenario(QUICK_WINS)
    assert quick.name.get("fr") == "Gains rapides"
    assert quick.effective == "2026-04-01"
    assert [op.op for op in quick.operations] == ["move", "move", "set", "set", "set"]
    assert load_model(ROOT / "fixtures" / "joint-councils.yaml")
