"""The rules language: each rule form on crafted models and on the example, and strict,
located errors for bad rule files."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govgraph.errors import InputError
from govgraph.findings import Severity
from govgraph.formats import read_model
from govgraph.model import GovernanceModel
from govgraph.rules import check_rules, load_rules_file, parse_rules, rules_of_model
from tests.factory import entity, model, rel
from tests.helpers import ROOT
from tests.strategies import models

RULES_FILE = ROOT / "fixtures" / "rules" / "governance-rules.yaml"

WG_ONE_PARENT = {
    "id": "wg-one-parent",
    "severity": "error",
    "for_each": {"kind": "working_group"},
    "require": {"count": {"rel": "REPORTS_TO", "formal": True}, "equals": 1},
}
CO_CHAIRS = {
    "id": "co-chairs",
    "for_each": {"has": {"rel": "MEMBER_OF", "direction": "in", "role": "co_chair"}},
    "require": {
        "distinct": {
            "rel": "MEMBER_OF",
            "direction": "in",
            "role": "co_chair",
            "attribute": "jurisdiction",
        },
        "min": 2,
    },
}
SECRETARIAT = {
    "id": "secretariat-outside-chains",
    "for_each": {
        "has": [
            {"rel": "SUPPORTS", "service": "secretariat"},
            {"rel": "MEMBER_OF", "role": "secretariat"},
        ]
    },
    "require": {"count": {"rel": ["REPORTS_TO", "PART_OF"], "direction": "both"}, "equals": 0},
}


def codes(findings):
    return sorted((f.code, f.entities) for f in findings)


@pytest.fixture
def structure():
    """jc ← c1 ← wg1 (formal), wg2 two formal parents, wg3 informal only."""
    return model(
        [
            entity("jc"),
            entity("c1"),
            entity("c2"),
            entity("wg1", "working_group"),
            entity("wg2", "working_group"),
            entity("wg3", "working_group"),
        ],
        [
            rel("c1", "PART_OF", "jc"),
            rel("c2", "REPORTS_TO", "jc"),
            rel("wg1", "REPORTS_TO", "c1"),
            rel("wg2", "REPORTS_TO", "c1"),
            rel("wg2", "REPORTS_TO", "c2"),
            rel("wg3", "REPORTS_TO", "c2", formal=False),
        ],
    )


def test_count_exactly_one_formal_parent(structure):
    findings = check_rules(structure, parse_rules([WG_ONE_PARENT]))
    assert codes(findings) == [("rule:wg-one-parent", ("wg2",)), ("rule:wg-one-parent", ("wg3",))]
    assert all(f.severity is Severity.error for f in findings)
    wg3 = next(f for f in findings if f.entities == ("wg3",))
    assert "is 0, expected exactly 1" in wg3.message_en
    assert "vaut 0, attendu : exactement 1" in wg3.message_fr


def test_count_min_max_and_informal_filter(structure):
    rules = parse_rules(
        [
            {"id": "informal", "for_each": {"kind": "working_group"},
             "require": {"count": {"rel": "REPORTS_TO", "formal": False}, "max": 0}},
            {"id": "children", "for_each": {"id": ["c1", "c2"]},
             "require": {"count": {"rel": "REPORTS_TO", "direction": "in"}, "min": 2}},
        ]
    )  # fmt: skip
    # c2 has wg2 (formal) and wg3 (informal) coming in: 2; c1 has wg1 and wg2: 2
    assert codes(check_rules(structure, rules)) == [("rule:informal", ("wg3",))]


def test_count_other_kind_and_several_filters_count_a_relationship_once():
    m = model(
        [entity("b"), entity("p", "person"), entity("j", "jurisdiction"),
         entity("o", "organization")],
        [rel("p", "MEMBER_OF", "b"), rel("j", "MEMBER_OF", "b"), rel("o", "SUPPORTS", "b")],
    )  # fmt: skip
    people = parse_rules(
        [{"id": "people", "for_each": {"id": "b"},
          "require": {"count": {"rel": "MEMBER_OF", "direction": "in", "other_kind": "person"},
                      "min": 2}}]
    )  # fmt: skip
    [finding] = check_rules(m, people)
    assert "is 1, expected at least 2" in finding.message_en
    both = parse_rules(
        [{"id": "both", "for_each": {"id": "b"},
          "require": {"count": [{"rel": "MEMBER_OF", "direction": "in"},
                                {"rel": ["MEMBER_OF", "SUPPORTS"], "direction": "in"}],
                      "equals": 3}}]
    )  # fmt: skip
    assert check_rules(m, both) == []  # p, j and o: three, not five


def test_distinct_co_chairs_from_two_jurisdictions():
    bodies = [entity(name, "committee") for name in ("ok", "same", "one", "none")]
    people = [
        entity("a", "person", attributes={"jurisdiction": "quebec"}),
        entity("b", "person", attributes={"jurisdiction": "canada"}),
        entity("c", "person", attributes={"jurisdiction": "quebec"}),
    ]
    m = model(
        bodies + people,
        [
            rel("a", "MEMBER_OF", "ok", role="co_chair"),
            rel("b", "MEMBER_OF", "ok", role="co_chair"),
            rel("a", "MEMBER_OF", "same", role="co_chair"),
            rel("c", "MEMBER_OF", "same", role="co_chair"),
            rel("b", "MEMBER_OF", "same"),  # a member, not a co-chair: does not count
            rel("a", "MEMBER_OF", "one", role="co_chair"),
            rel("c", "MEMBER_OF", "none"),
        ],
    )
    findings = check_rules(m, parse_rules([CO_CHAIRS]))
    assert codes(findings) == [("rule:co-chairs", ("one",)), ("rule:co-chairs", ("same",))]
    same = next(f for f in findings if f.entities == ("same",))
    assert "repeats quebec" in same.message_en
    # without min, a single co-chair is fine; repeated values still are not
    lenient = {**CO_CHAIRS, "require": {"distinct": CO_CHAIRS["require"]["distinct"]}}
    assert codes(check_rules(m, parse_rules([lenient]))) == [("rule:co-chairs", ("same",))]


def test_secretariat_never_in_a_reporting_chain():
    m = model(
        [entity("jc"), entity("sec", "organization"), entity("pos", "position"),
         entity("clean", "organization")],
        [rel("sec", "SUPPORTS", "jc", service="secretariat"),
         rel("sec", "REPORTS_TO", "jc"),
         rel("pos", "MEMBER_OF", "jc", role="secretariat"),
         rel("clean", "SUPPORTS", "jc", service="secretariat"),
         rel("clean", "SUPPORTS", "jc", service="funding")],
    )  # fmt: skip
    findings = check_rules(m, parse_rules([SECRETARIAT]))
    assert codes(findings) == [("rule:secretariat-outside-chains", ("sec",))]
    # the same holds when the secretariat is the parent of a line (direction: both)
    m2 = model(
        [entity("jc"), entity("sec", "organization"), entity("wg", "working_group")],
        [rel("sec", "SUPPORTS", "jc", service="secretariat"), rel("wg", "REPORTS_TO", "sec")],
    )
    assert codes(check_rules(m2, parse_rules([SECRETARIAT]))) == [
        ("rule:secretariat-outside-chains", ("sec",))
    ]


def test_span_and_depth_limits(structure):
    rules = parse_rules(
        [
            {"id": "span", "require": {"span": "formal", "max": 1}},
            {"id": "span-all", "for_each": {"id": "c2"}, "require": {"span": "all", "max": 1}},
            {"id": "depth", "require": {"depth": "formal", "max": 1}},
        ]
    )
    assert codes(check_rules(structure, rules)) == [
        ("rule:depth", ("wg1",)),  # wg1 → c1 → jc
        ("rule:depth", ("wg2",)),
        ("rule:span", ("c1",)),  # wg1, wg2
        ("rule:span", ("jc",)),  # c1 (PART_OF), c2
        ("rule:span-all", ("c2",)),  # wg2 formal, wg3 informal
    ]


def test_selectors_tag_and_attribute():
    m = model(
        [entity("a", tags=["fptm"], attributes={"level": "deputy"}),
         entity("b", tags=["fptm"]), entity("c", attributes={"level": "deputy"})],
    )  # fmt: skip
    rule = {"require": {"count": {"rel": "HELD"}, "min": 1}}
    by_tag = parse_rules([{"id": "t", "for_each": {"tag": "fptm"}, **rule}])
    assert codes(check_rules(m, by_tag)) == [("rule:t", ("a",)), ("rule:t", ("b",))]
    both = parse_rules(
        [{"id": "t", "for_each": {"tag": "fptm", "attribute": {"level": "deputy"}}, **rule}]
    )
    assert codes(check_rules(m, both)) == [("rule:t", ("a",))]


def test_messages_fill_placeholders_safely(structure):
    rule = {
        **WG_ONE_PARENT,
        "message": {"en": "{name} ({id}) has {value} parents }{", "fr": "{name} : {value}"},
    }
    findings = check_rules(structure, parse_rules([rule]))
    assert findings[0].message_en == "wg2 (wg2) has 2 parents }{"
    assert findings[0].message_fr == "wg2 : 2"
    one_language = {**WG_ONE_PARENT, "message": "{id} breaks {rule}"}
    assert check_rules(structure, parse_rules([one_language]))[0].message_fr == (
        "wg2 breaks wg-one-parent"
    )
    with pytest.raises(InputError, match=r"unknown placeholder \{id.__class__\}"):
        parse_rules([{**WG_ONE_PARENT, "message": "{id.__class__}"}])


def test_the_example_rules_file(example_model):
    rules = load_rules_file(RULES_FILE)
    assert [r.id for r in rules][:3] == [
        "wg-one-parent",
        "co-chairs-two-governments",
        "secretariat-outside-chains",
    ]
    findings = check_rules(example_model, rules)
    # the deck: the Joint Councils WG has only an informal line
    assert codes(findings) == [("rule:wg-one-parent", ("joint-councils-wg",))]
    # the Framework WG's line ended in 2018; in 2019 it had no formal parent... nor existed
    from govgraph.temporal import as_of

    assert codes(check_rules(as_of(example_model, "2016"), rules)) == codes(findings)


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        ({"id": "x", "require": {"count": {"rel": "REPORT_TO"}, "min": 1}},
         "[0].require.count.rel", "did you mean 'REPORTS_TO'"),
        ({"id": "x", "require": {"span": "formal", "maximum": 3}},
         "[0].require.maximum", "did you mean 'max'"),
        ({"id": "x", "require": {"span": "formal"}}, "[0].require", "give a bound"),
        ({"id": "x", "require": {"span": "formal", "depth": "formal", "max": 1}},
         "[0].require", "exactly one measure"),
        ({"id": "x", "require": {"count": {"rel": "MEMBER_OF", "formal": True}, "max": 1}},
         "[0].require.count", "'formal' applies to REPORTS_TO only"),
        ({"id": "x", "for_each": {"kind": "workgroup"}, "require": {"depth": "formal", "max": 1}},
         "[0].for_each.kind", "did you mean 'working_group'"),
        ({"id": "X Y", "require": {"depth": "formal", "max": 1}}, "[0].id", "lowercase slug"),
        ({"id": "x", "severity": "fatal", "require": {"depth": "formal", "max": 1}},
         "[0].severity", "unknown value 'fatal'"),
        ({"id": "x", "require": {"depth": "formal", "min": 3, "max": 1}},
         "[0].require", "min 3 is above max 1"),
        ({"id": "x", "require": {"depth": "formal", "max": -1}},
         "[0].require.max", "must be at least 0"),
        ({"require": {"depth": "formal", "max": 1}}, "[0].id", "missing field 'id'"),
    ],
)  # fmt: skip
def test_bad_rules_are_refused_with_the_field(rule, field, message):
    with pytest.raises(InputError) as caught:
        parse_rules([rule])
    assert caught.value.field == field
    assert message in str(caught.value)


def test_bad_rules_file_names_file_line_and_field(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n"
        "  - id: ok\n"
        "    require: {depth: formal, max: 3}\n"
        "  - id: bad\n"
        "    for_each: {kind: council}\n"
        "    require:\n"
        "      span: formal\n"
        "      mx: 3\n"
    )
    with pytest.raises(InputError) as caught:
        load_rules_file(path)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), 8, "rules[1].require.mx")
    assert str(error).startswith(f"{path}:8: rules[1].require.mx: unknown field 'mx'")


def test_rules_file_forms_and_errors(tmp_path):
    as_list = tmp_path / "list.yaml"
    as_list.write_text("- {id: a, require: {depth: formal, max: 3}}\n")
    assert [r.id for r in load_rules_file(as_list)] == ["a"]
    as_json = tmp_path / "rules.json"
    as_json.write_text(json.dumps({"rules": [WG_ONE_PARENT]}))
    assert [r.id for r in load_rules_file(as_json)] == ["wg-one-parent"]
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "- {id: a, require: {depth: formal, max: 3}}\n- {id: a, require: {depth: formal, max: 2}}\n"
    )
    with pytest.raises(InputError, match=r"twice.yaml:2: \[1\].id: rule id 'a' is used twice"):
        load_rules_file(twice)
    for text, message in [
        ("", "empty"),
        ("rules: [\n", "invalid YAML"),
        ("title: x\n", "expected a list of rules"),
        ("rules: {id: a}\n", "must be a list"),
        ("- just text\n", "a rule must be a mapping"),
    ]:
        bad = tmp_path / "bad.yaml"
        bad.write_text(text)
        with pytest.raises(InputError, match=message):
            load_rules_file(bad)
    with pytest.raises(InputError, match="no such file"):
        load_rules_file(tmp_path / "missing.yaml")


def test_rules_in_the_model_file_are_located(tmp_path, example_path):
    text = example_path.read_text()
    path = tmp_path / "model.yaml"
    path.write_text(
        text
        + "\nrules:\n  - id: wg-one-parent\n    for_each: {kind: working_group}\n"
        + "    require: {count: {rel: REPORTS_TO, formall: true}, equals: 1}\n"
    )
    loaded = read_model(path)
    with pytest.raises(InputError) as caught:
        rules_of_model(loaded, path)
    line = len(text.splitlines()) + 5
    assert (caught.value.file, caught.value.line) == (str(path), line)
    assert caught.value.field == "rules[0].require.count.formall"
    good = tmp_path / "good.yaml"
    good.write_text(text + "\nrules:\n" + RULES_FILE.read_text().split("rules:\n", 1)[1])
    assert len(rules_of_model(read_model(good), good)) == len(load_rules_file(RULES_FILE))


# ── against a brute-force reference on random models ────────────────────────────────


def _reference(model_, kinds, types, direction, role, bounds):
    """Straightforward per-entity counting, for comparison."""
    low, high = bounds
    broken = []
    for e in model_.entities:
        if e.kind.value not in kinds:
            continue
        count = 0
        for r in model_.relationships:
            if r.type.value not in types:
                continue
            if role is not None and r.type.value == "MEMBER_OF" and r.role.value != role:
                continue
            touches = (direction in ("out", "both") and r.from_ == e.id) or (
                direction in ("in", "both") and r.to == e.id
            )
            count += touches
        if not low <= count <= high:
            broken.append(e.id)
    return broken


_SELF_LOOP = GovernanceModel.model_validate(
    {"entities": [{"id": "a", "kind": "working_group", "name": {"en": "A"}}],
     "relationships": [{"from": "a", "type": "REPORTS_TO", "to": "a"}]}
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(_SELF_LOOP, ["working_group"], ["REPORTS_TO"], "in", None, (1, 1))  # found by the suite
@example(_SELF_LOOP, ["working_group"], ["REPORTS_TO"], "both", None, (1, 1))
@given(
    models(),
    st.sampled_from([["working_group"], ["council", "committee"], ["person", "position"]]),
    st.sampled_from([["REPORTS_TO"], ["MEMBER_OF"], ["PART_OF", "REPORTS_TO"], ["SUPPORTS"]]),
    st.sampled_from(["out", "in", "both"]),
    st.sampled_from([None, "co_chair"]),
    st.sampled_from([(1, 1), (0, 0), (1, 3), (2, 99)]),
)
def test_count_rules_match_a_brute_force_reference(
    random_model, kinds, types, direction, role, bounds
):
    spec = {"rel": types, "direction": direction}
    if role is not None:
        spec["rel"] = ["MEMBER_OF"]
        spec["role"] = role
        types = ["MEMBER_OF"]
    rule = {"id": "r", "for_each": {"kind": kinds},
            "require": {"count": spec, "min": bounds[0], "max": bounds[1]}}  # fmt: skip
    found = [f.entities[0] for f in check_rules(random_model, parse_rules([rule]))]
    assert found == _reference(random_model, kinds, types, direction, role, bounds)
