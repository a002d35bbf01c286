"""``compare`` takes its health counts and its structure figures from the incremental
impact: they must equal ``health`` and ``metrics`` run on each whole option."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph.analysis import metrics
from govgraph.errors import InputError
from govgraph.findings import Severity
from govgraph.formats import load_model
from govgraph.graph import to_graph
from govgraph.health import health
from govgraph.scenarios import apply_scenario, load_scenario
from govgraph.scenarios import compare as compare_module
from govgraph.scenarios.compare import _figures, compare_scenarios
from tests.factory import scenario
from tests.helpers import ROOT
from tests.test_scenario_impact import with_unrelated_part

SCENARIOS = [ROOT / "fixtures" / "scenarios" / name for name in
             ("quick-wins.yaml", "digital-consolidation.yaml")]  # fmt: skip


def test_compare_health_counts_equal_health_on_each_whole_option(example_model):
    scenarios = [load_scenario(path) for path in SCENARIOS]
    result = compare_scenarios(example_model, scenarios)
    day = result["day"]
    models = [example_model, *(apply_scenario(example_model, s) for s in scenarios)]
    for option, model in zip(result["options"], models, strict=True):
        found = health(model, as_of=day)
        assert option["figures"]["health_errors"] == sum(
            f.severity is Severity.error for f in found
        )
        assert option["figures"]["health_warnings"] == sum(
            f.severity is Severity.warning for f in found
        )


def test_compare_on_a_real_structure_with_rules_of_its_own(tmp_path):
    model = load_model(ROOT / "fixtures" / "real" / "council-of-the-eu.yaml")
    scenario = tmp_path / "merge.yaml"
    scenario.write_text(
        "name: Fewer working parties\neffective: 2026-01-01\noperations:\n"
        "  - merge: {bodies: [wp-telecommunications, wp-competitiveness], into: "
        "wp-competitiveness}\n"
    )
    parsed = load_scenario(scenario)
    result = compare_scenarios(model, [parsed])
    found = health(apply_scenario(model, parsed), as_of=result["day"])
    warnings = sum(f.severity is Severity.warning for f in found)
    assert result["options"][1]["figures"]["health_warnings"] == warnings
    assert (
        result["options"][1]["figures"]["bodies"] == result["options"][0]["figures"]["bodies"] - 1
    )


# ── the structure figures come from the incremental report, and equal a re-measure ──

STRUCTURE = ("bodies", "formal_lines", "informal_lines", "layers", "roots", "orphans",
             "informal_only", "widest_span", "meeting_days_per_year",
             "meeting_days_per_member_per_year")  # fmt: skip


def _measured_again(model, options, day):
    """Each option's structure figures measured on the whole result: the reference."""
    return [
        {key: value for key, value in _figures(
            metrics(to_graph(one), as_of=day, betweenness_k=0)["structure"], (0, 0)
        ).items() if key in STRUCTURE}
        for one in [model, *(apply_scenario(model, s) for s in options)]
    ]  # fmt: skip


def _compared(model, options):
    result = compare_scenarios(model, options)
    figures = [{k: o["figures"][k] for k in STRUCTURE} for o in result["options"]]
    return figures, result["day"]


EXAMPLE_OPERATIONS = [
    [{"move": {"body": "pssdc", "to": "pscioc"}}],
    [{"move": {"body": "joint-councils-wg", "to": "pssdc", "formal": False}}],
    [{"unlink": {"from": "pssdc", "type": "PART_OF", "to": "joint-councils"}}],
    [{"dissolve": {"body": "pscioc", "children_to": "joint-councils", "members_to": "pssdc"}}],
    [{"merge": {"bodies": ["joint-councils-wg"], "into": "digital-strategy-wg"}}],
    [
        {
            "merge": {
                "bodies": ["pssdc", "pscioc"],
                "into": "one-council",
                "name": "One",
                "kind": "council",
            }
        }
    ],
    [{"link": {"from": "alberta", "type": "MEMBER_OF", "to": "joint-councils-wg"}}],
    [{"unlink": {"from": "ontario", "type": "MEMBER_OF", "to": "pssdc"}}],
    [{"set": {"id": "joint-councils-wg", "attributes": {"meeting_days": 1}}}],
    [{"set": {"id": "pssdc", "attributes": {"meeting_days": None}}}],
    [
        {
            "create": {
                "id": "new-wg",
                "kind": "working_group",
                "name": "New WG",
                "reports_to": "pssdc",
                "attributes": {"meeting_days": 2, "meetings_per_year": 3},
            }
        },
        {"link": {"from": "quebec", "type": "MEMBER_OF", "to": "new-wg"}},
    ],
]


@pytest.mark.parametrize("operations", EXAMPLE_OPERATIONS, ids=lambda ops: next(iter(ops[0])))
def test_compare_structure_figures_equal_a_whole_re_measure(example_model, operations):
    options = [scenario(*operations)]
    figures, day = _compared(example_model, options)
    assert figures == _measured_again(example_model, options, day)


def test_compare_figures_on_the_bundled_options_equal_a_whole_re_measure(example_model):
    options = [load_scenario(path) for path in SCENARIOS]
    figures, day = _compared(example_model, options)
    assert figures == _measured_again(example_model, options, day)
    assert figures[1]["widest_span"] == 4 and figures[0]["widest_span"] == 2  # JC 2 → 4


@pytest.mark.parametrize(
    "operations",
    [
        [{"move": {"body": "wg", "to": "q"}}],
        [{"merge": {"bodies": ["wg", "wg2"], "into": "new", "name": "New", "reports_to": "jc"}}],
        [{"dissolve": {"body": "wg", "children_to": "q", "members_to": "wg2"}}],
        [{"create": {"id": "c", "kind": "committee", "name": "C", "part_of": "jc"}}],
        [{"unlink": {"from": "ann", "type": "MEMBER_OF", "to": "wg2"}}],
    ],
)
def test_compare_does_not_measure_an_option_whole(monkeypatch, operations):
    """Only the current structure is turned into a whole graph; an option's figures
    come from its report (the graphs of its affected part are small)."""
    before = with_unrelated_part(base_model())
    sizes: list[int] = []
    real = compare_module.to_graph

    def recording(model):
        sizes.append(len(model.entities))
        return real(model)

    monkeypatch.setattr(compare_module, "to_graph", recording)
    options = [scenario(*operations)]
    figures, day = _compared(before, options)
    assert sizes == [len(before.entities)]  # the baseline only
    monkeypatch.undo()
    assert figures == _measured_again(before, options, day)


def test_an_option_that_changes_a_meeting_is_measured_whole(example_model):
    meeting = next(e for e in example_model.entities if e.kind.value == "meeting")
    change = {"set": {"id": meeting.id, "attributes": {"meeting_days": 3}}}
    options = [scenario(change, effective=meeting.valid_from + "-10")]  # the meeting's month
    report = compare_module.impact_between(
        example_model, apply_scenario(example_model, options[0]), day=options[0].effective
    )
    assert report.structure["whole"] is True
    figures, day = _compared(example_model, options)
    assert figures == _measured_again(example_model, options, day)


def base_model():
    from tests.factory import base

    return base()


_BODIES = ["joint-councils-wg", "digital-strategy-wg", "data-driven-intelligence-wg",
           "pssdc-business-services-wg", "pssdc", "pscioc"]  # fmt: skip
_PEOPLE = ["alberta", "ontario", "quebec", "canada", "yukon"]


@st.composite
def _operation(draw):
    body = draw(st.sampled_from(_BODIES))
    other = draw(st.sampled_from([*_BODIES, "joint-councils"]))
    person = draw(st.sampled_from(_PEOPLE))
    return draw(st.sampled_from([
        {"move": {"body": body, "to": other}},
        {"move": {"body": body, "to": other, "formal": False}},
        {"link": {"from": person, "type": "MEMBER_OF", "to": body}},
        {"unlink": {"from": person, "type": "MEMBER_OF", "to": body}},
        {"set": {"id": body, "attributes": {"meeting_days": draw(st.sampled_from([0.5, 2]))}}},
        {"set": {"id": body, "attributes": {"meetings_per_year": draw(st.sampled_from([1, 4]))}}},
        {"merge": {"bodies": [body], "into": other}},
        {"dissolve": {"body": body, "children_to": other, "members_to": other}},
        {"link": {"from": body, "type": "PART_OF", "to": other}},
    ]))  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.lists(_operation(), min_size=1, max_size=3))
def test_compare_figures_equal_a_whole_re_measure_for_any_operations(example_model, operations):
    try:
        options = [scenario(*operations)]
        apply_scenario(example_model, options[0])
    except InputError:
        return  # an operation the scenario validation refuses: nothing to compare
    figures, day = _compared(example_model, options)
    assert figures == _measured_again(example_model, options, day)
