"""The impact report: the quick wins' figures, and the incremental report equal to the
one computed on the whole models, for every kind of operation."""

from __future__ import annotations

import pytest

from govgraph.scenarios import load_scenario
from govgraph.scenarios.impact import impact_report
from tests.factory import base, entity, model, rel, scenario
from tests.helpers import ROOT

SCENARIOS = ROOT / "fixtures" / "scenarios"


def comparable(report):
    data = report.to_dict()
    data.pop("analysed")
    return data


def test_quick_wins_report(example_model):
    report = impact_report(example_model, load_scenario(SCENARIOS / "quick-wins.yaml"))
    chains = {row["entity"]: row for row in report.chains}
    for wg in ("data-driven-intelligence-wg", "pssdc-business-services-wg"):
        assert chains[wg]["before"] == [[wg, "pssdc", "joint-councils"]]
        assert chains[wg]["after"] == [[wg, "joint-councils"]]
    rows = {row["entity"]: row for row in report.metrics}
    assert rows["pssdc"]["span"] == [2, 0]
    assert rows["joint-councils"]["span"] == [2, 4]
    assert rows["data-driven-intelligence-wg"]["depth"] == [2, 1]
    assert rows["joint-councils"]["annual_meeting_days"] == [2.0, 3.0]
    assert rows["pssdc"]["annual_meeting_days"] == [2.0, 1.0]
    loads = {row["id"]: row for row in report.meeting_load["per_member"]}
    # a government on both councils (so on the Joint Councils):
    # 2 × (1 + 1 + 1) → 2 × (0.5 + 0.5 + 1.5)
    assert (loads["quebec"]["before"], loads["quebec"]["after"]) == (6.0, 5.0)
    # a PSSDC co-chair: 2 × (1 + 1) → 2 × (0.5 + 1.5)
    assert (
        loads["pssdc-co-chair-federal"]["before"],
        loads["pssdc-co-chair-federal"]["after"],
    ) == (4.0, 4.0)
    assert "canada" in report.members_affected
    assert [(c.kind, c.entity) for c in report.changes][:2] == [
        ("transferred", "data-driven-intelligence-wg"),
        ("transferred", "pssdc-business-services-wg"),
    ]
    assert report.findings_introduced == [] and report.overlaps_created == []
    assert report.label("pssdc", "fr") == "CPSSP"


def test_digital_consolidation_report(example_model):
    report = impact_report(example_model, load_scenario(SCENARIOS / "digital-consolidation.yaml"))
    kinds = {(c.kind, c.entity) for c in report.changes}
    assert ("merged", "data-driven-intelligence-wg") in kinds
    resolved = {(f.code, f.entities[0]) for f in report.findings_resolved}
    assert ("no-formal-parent", "joint-councils-wg") in resolved
    assert ("no-support", "digital-strategy-wg") in resolved
    removed = {(row["a"], row["b"]) for row in report.overlaps_removed}
    assert ("data-driven-intelligence-wg", "digital-strategy-wg") in removed
    gained = {row["entity"]: row["gained"] for row in report.coverage}
    assert gained["digital-strategy-wg"] == ["nova-scotia"]


@pytest.mark.parametrize("name", ["quick-wins.yaml", "digital-consolidation.yaml"])
def test_incremental_report_equals_the_full_one_on_the_example(example_model, name):
    quick = load_scenario(SCENARIOS / name)
    local = impact_report(example_model, quick)
    assert comparable(local) == comparable(impact_report(example_model, quick, full=True))


@pytest.mark.parametrize(
    "operations",
    [
        [{"move": {"body": "pssdc", "to": "pscioc"}}],
        [{"unlink": {"from": "pssdc", "type": "PART_OF", "to": "joint-councils"}}],
        [{"dissolve": {"body": "pscioc", "children_to": "joint-councils", "members_to": "pssdc"}}],
        [{"merge": {"bodies": ["joint-councils-wg"], "into": "digital-strategy-wg"}}],
        [{"link": {"from": "alberta", "type": "MEMBER_OF", "to": "joint-councils-wg"}}],
        [{"set": {"id": "joint-councils-wg", "attributes": {"meeting_days": 1}}}],
    ],
)
def test_incremental_report_equals_the_full_one_on_other_example_changes(example_model, operations):
    local = impact_report(example_model, scenario(*operations))
    assert comparable(local) == comparable(
        impact_report(example_model, scenario(*operations), full=True)
    )


@pytest.mark.parametrize(
    "operations",
    [
        [{"move": {"body": "wg", "to": "q"}}],
        [{"merge": {"bodies": ["wg"], "into": "wg2"}}],
        [{"merge": {"bodies": ["wg", "wg2"], "into": "new", "name": "New", "reports_to": "jc"}}],
        [{"dissolve": {"body": "wg", "children_to": "q", "members_to": "wg2"}}],
        [{"create": {"id": "c", "kind": "committee", "name": "C", "part_of": "jc"}}],
        [{"unlink": {"from": "ann", "type": "MEMBER_OF", "to": "wg2"}}],
        [{"link": {"from": "bob", "type": "MEMBER_OF", "to": "wg2"}}],
        [{"set_engagement": {"from": "wg", "to": "table", "level": "collaborate"}}],
        [{"rename": {"id": "p", "name": "P2"}}, {"set": {"id": "p", "attributes": {"x": 1}}}],
    ],
)
def test_incremental_report_equals_the_full_one(operations):
    before = with_unrelated_part(base())
    local = impact_report(before, scenario(*operations))
    assert local.analysed["entities"] < len(before.entities) // 2  # it did not look at all
    assert comparable(local) == comparable(impact_report(before, scenario(*operations), full=True))


def with_unrelated_part(small):
    """``small`` plus a second structure (a root, 30 bodies with members) it does not touch."""
    document = small.to_document()
    entities = [entity("other-root"), entity("other-person", "person")]
    relationships = []
    for i in range(30):
        entities.append(entity(f"other-{i}", "committee"))
        relationships.append(
            rel(f"other-{i}", "REPORTS_TO", "other-root" if i < 5 else f"other-{i % 5}")
        )
        relationships.append(rel("other-person", "MEMBER_OF", f"other-{i}"))
    return model(document["entities"] + entities, document["relationships"] + relationships)


def test_the_models_own_rules_count_in_the_incremental_report(example_model):
    import yaml

    document = yaml.safe_load((ROOT / "fixtures" / "rules" / "governance-rules.yaml").read_text())
    rules = document["rules"] if isinstance(document, dict) else document
    ruled = example_model.model_copy(update={"rules": tuple(rules)})
    for name in ("quick-wins.yaml", "digital-consolidation.yaml"):
        option = load_scenario(SCENARIOS / name)
        local = impact_report(ruled, option)
        assert comparable(local) == comparable(impact_report(ruled, option, full=True))
    codes = {f.code for f in local.findings_resolved + local.findings_introduced}
    assert any(code.startswith("rule:") for code in codes), codes
