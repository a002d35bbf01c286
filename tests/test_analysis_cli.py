"""The analysis commands on the bundled example: every command in every format, in
French, with --as-of, and the error cases (exit 2 with a "did you mean")."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from govgraph.formats import write_model
from govgraph.model import GovernanceModel

COMMANDS = [
    ("chain", "data-driven-intelligence-wg"),
    ("subordinates", "pssdc"),
    ("path", "data-driven-intelligence-wg", "digital-strategy-wg"),
    ("members", "pssdc"),
    ("memberships", "ontario"),
    ("coverage",),
    ("coverage", "pssdc"),
    ("overlaps",),
    ("metrics",),
]


def _json(cli, *args):
    """The answer of a command in JSON, without its ``as_of`` field (checked to be
    there): the one other field's value, or the rest of the document."""
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert "as_of" in document
    document.pop("as_of")
    return next(iter(document.values())) if len(document) == 1 else document


def _csv(cli, *args):
    result = cli(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_command_in_every_format(cli, example_path, args, fmt):
    result = cli(args[0], example_path, *args[1:], "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    if fmt == "json":
        json.loads(result.stdout)
    if fmt == "csv":
        assert len(list(csv.reader(io.StringIO(result.stdout)))) >= 2


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_in_french_and_as_of(cli, example_path, args):
    result = cli(args[0], example_path, *args[1:], "--lang", "fr", "--as-of", "2017-06")
    assert result.exit_code == 0, result.stderr


def test_chain_json_and_csv(cli, example_path):
    answer = _json(cli, "chain", example_path, "data-driven-intelligence-wg")
    assert answer["chains"] == [["data-driven-intelligence-wg", "pssdc", "joint-councils"]]
    assert answer["lines"] == [[["REPORTS_TO"], ["PART_OF"]]]
    rows = _csv(cli, "chain", example_path, "data-driven-intelligence-wg")
    assert [(r["level"], r["id"], r["kind"]) for r in rows] == [
        ("0", "data-driven-intelligence-wg", "working_group"),
        ("1", "pssdc", "council"),
        ("2", "joint-councils", "council"),
    ]
    table = cli("chain", example_path, "data-driven-intelligence-wg", "--lang", "fr").stdout
    assert "CPSSP —fait partie de→ CM" in table and "Chaînes hiérarchiques" in table


def test_chain_include_informal(cli, example_path):
    answer = _json(cli, "chain", example_path, "joint-councils-wg")
    assert answer["chains"] == [["joint-councils-wg"]]
    informal = _json(cli, "chain", example_path, "joint-councils-wg", "--include-informal")
    assert informal["chains"] == [["joint-councils-wg", "joint-councils"]]
    assert informal["lines"] == [[["REPORTS_TO (informal)"]]]


def test_subordinates_depth(cli, example_path):
    def depths(*args):
        return {r["id"]: r["depth"] for r in _json(cli, "subordinates", example_path, *args)}

    # today: the Framework WG (2015-2018) is history
    assert depths("joint-councils", "--depth", "1") == {"pscioc": 1, "pssdc": 1}
    everything = depths("joint-councils", "--depth", "1", "--as-of", "all")
    assert everything == {"framework-wg": 1, "pscioc": 1, "pssdc": 1}
    assert depths("joint-councils", "--as-of", "2020") == {
        "pscioc": 1,
        "pssdc": 1,
        "data-driven-intelligence-wg": 2,
        "digital-strategy-wg": 2,
        "pssdc-business-services-wg": 2,
    }
    rows = _json(cli, "subordinates", example_path, "joint-councils", "--as-of", "2017")
    assert {(r["id"], r["parent"], r["line"]) for r in rows if r["depth"] == 1} == {
        ("framework-wg", "joint-councils", "REPORTS_TO"),
        ("pscioc", "joint-councils", "PART_OF"),
        ("pssdc", "joint-councils", "PART_OF"),
    }
    reports = depths("joint-councils", "--depth", "1", "--types", "REPORTS_TO", "--as-of", "2017")
    assert reports == {"framework-wg": 1}
    assert depths("joint-councils", "--types", "REPORTS_TO") == {}
    assert cli("subordinates", example_path, "pssdc", "--types", "SUPPORTS").exit_code == 2
    assert cli("subordinates", example_path, "pssdc", "--depth", "-1").exit_code == 2


def test_path_types_and_directions(cli, example_path):
    args = ("path", example_path, "data-driven-intelligence-wg", "digital-strategy-wg")
    paths = _json(cli, *args, "--types", "REPORTS_TO,PART_OF")
    assert [s["type"] for s in paths[0]] == ["REPORTS_TO", "PART_OF", "PART_OF", "REPORTS_TO"]
    assert [s["direction"] for s in paths[0]] == ["forward", "forward", "backward", "backward"]
    rows = _csv(cli, *args, "--types", "reports_to,part_of")
    assert list(rows[0]) == ["path", "step", "from", "type", "direction", "to", "as_of"]
    assert len(_json(cli, *args, "--limit", "2")) == 2
    table = cli(*args, "--types", "REPORTS_TO,PART_OF", "--lang", "fr").stdout
    assert "relève de →" in table and "← fait partie de" in table
    none = cli("path", example_path, "pssdc", "iccs", "--types", "HELD")
    assert none.exit_code == 0 and "No connection" in none.stdout
    assert _json(cli, "path", example_path, "pssdc", "iccs", "--types", "HELD") == []


def test_members_and_memberships(cli, example_path):
    rows = _json(cli, "members", example_path, "pssdc")
    assert rows[0] == {
        "id": "pssdc-co-chair-federal",
        "kind": "position",
        "role": "co_chair",
        "via": None,
    }
    assert len(rows) == 17
    table = cli("members", example_path, "pssdc", "--lang", "fr").stdout
    assert "coprésident(e)" in table and "Terre-Neuve-et-Labrador" in table
    via = _csv(cli, "members", example_path, "joint-councils")
    assert {r["via"] for r in via} == {"pssdc", "pscioc"}
    where = _json(cli, "memberships", example_path, "canada")
    assert {(r["id"], r["via"]) for r in where if r["id"] == "joint-councils"} == {
        ("joint-councils", "pssdc"),
        ("joint-councils", "pscioc"),
    }


def test_coverage_formats(cli, example_path):
    answer = _json(cli, "coverage", example_path, "digital-strategy-wg")
    assert answer["counting"] == "membership and parts" and answer["jurisdictions"] == 15
    data = answer["coverage"]
    assert list(data) == ["digital-strategy-wg"]
    assert "quebec" in data["digital-strategy-wg"]["missing"]
    rows = _csv(cli, "coverage", example_path)
    pssdc = next(r for r in rows if r["body"] == "pssdc")
    assert pssdc["missing"] == "" and "canada" in pssdc["represented"].split("; ")
    table = cli("coverage", example_path, "digital-strategy-wg").stdout
    assert "6/15" in table
    assert cli("coverage", example_path, "ontario").exit_code == 2  # not a body


def test_coverage_says_how_it_counts_and_what_it_leaves_out(cli, example_path, tmp_path):
    table = cli("coverage", example_path).stdout
    assert "--roll-up adds every body below it" in table
    assert "Left out, no member recorded" in table
    answer = _json(cli, "coverage", example_path)
    assert "iccs" in answer["without_members"] and "iccs" not in answer["coverage"]
    rolled = _json(cli, "coverage", example_path, "--roll-up")
    assert rolled["counting"] == "roll-up"
    # no jurisdictions at all: said, not 0/0 for every body
    model = tmp_path / "m.yaml"
    write_model(GovernanceModel.model_validate({
        "entities": [{"id": "c", "kind": "council", "name": {"en": "C"}},
                     {"id": "p", "kind": "person", "name": {"en": "P"}}],
        "relationships": [{"from": "p", "type": "MEMBER_OF", "to": "c"}]}), model)  # fmt: skip
    none = cli("coverage", model).stdout
    assert "The model has no jurisdictions" in none and "0/0" not in none


def test_roll_up_counts_the_bodies_below(tmp_path, cli):
    """A state on a committee that reports to a council counts on the council only
    with --roll-up (the committee is below it, not part of it)."""
    model = tmp_path / "m.yaml"
    write_model(GovernanceModel.model_validate({
        "entities": [{"id": "council", "kind": "council", "name": {"en": "Council"}},
                     {"id": "coreper", "kind": "committee", "name": {"en": "Coreper"}},
                     {"id": "malta", "kind": "jurisdiction", "name": {"en": "Malta"}}],
        "relationships": [{"from": "coreper", "type": "REPORTS_TO", "to": "council"},
                          {"from": "malta", "type": "MEMBER_OF", "to": "coreper"}]}),
        model)  # fmt: skip
    plain = _json(cli, "coverage", model, "council")["coverage"]["council"]
    assert plain["represented"] == [] and plain["missing"] == ["malta"]
    rolled = _json(cli, "coverage", model, "council", "--roll-up")["coverage"]["council"]
    assert rolled["represented"] == ["malta"] and rolled["direct"] == []


def test_overlaps_show_shared_union_and_the_best_20_in_a_table(cli, tmp_path):
    bodies = [{"id": f"b{i}", "kind": "committee", "name": {"en": f"B{i}"}} for i in range(8)]
    people = [{"id": "p", "kind": "person", "name": {"en": "P"}}]
    lines = [{"from": "p", "type": "MEMBER_OF", "to": f"b{i}"} for i in range(8)]
    model = tmp_path / "m.yaml"
    write_model(GovernanceModel.model_validate(
        {"entities": bodies + people, "relationships": lines}), model)  # fmt: skip
    every = _json(cli, "overlaps", model)  # 8 bodies sharing one member: 28 pairs
    assert len(every) == 28 and every[0]["shared"] == 1 and every[0]["union"] == 1
    table = cli("overlaps", model).stdout
    assert "The best 20 of 28 pairs" in table
    assert "The best" not in cli("overlaps", model, "--top", "28").stdout
    assert len(_csv(cli, "overlaps", model)) == 28


def test_unknown_meeting_data_is_unknown_not_zero(cli, tmp_path):
    model = tmp_path / "m.yaml"
    write_model(GovernanceModel.model_validate(
        {"entities": [{"id": "c", "kind": "council", "name": {"en": "C"}}]}), model)  # fmt: skip
    data = _json(cli, "metrics", model)
    assert data["structure"]["meeting_days_per_year"] is None
    assert data["bodies"]["c"]["annual_meeting_days"] is None
    table = cli("metrics", model).stdout
    assert "Meeting days a year" in table and "unknown" in table


def test_overlaps_options(cli, example_path):
    pairs = _json(cli, "overlaps", example_path, "--by", "members", "--top", "1")
    assert [(p["a"], p["b"]) for p in pairs] == [("pscioc", "pssdc")]
    assert pairs[0]["jaccard"] == pytest.approx(15 / 19)
    high = _json(cli, "overlaps", example_path, "--min-jaccard", "0.5")
    assert high and all(p["jaccard"] >= 0.5 for p in high)
    by_priorities = _csv(cli, "overlaps", example_path, "--by", "priorities")
    assert ("data-driven-intelligence-wg", "digital-strategy-wg", "digital-by-default") in {
        (r["a"], r["b"], r["shared_priorities"]) for r in by_priorities
    }
    assert cli("overlaps", example_path, "--min-jaccard", "1.5").exit_code == 2
    assert cli("overlaps", example_path, "--by", "people").exit_code == 2


def test_metrics_formats(cli, example_path):
    data = _json(cli, "metrics", example_path)
    assert data["bodies"]["joint-councils"]["span"] == 2  # today: pssdc, pscioc
    assert (
        _json(cli, "metrics", example_path, "--as-of", "2017")["bodies"]["joint-councils"]["span"]
        == 3
    )  # and the Framework WG (2015-2018)
    assert data["structure"]["roots"] == ["joint-councils"]
    assert data["structure"]["betweenness"]["method"] == "exact"
    rows = _csv(cli, "metrics", example_path, "--as-of", "all")  # the 2015-2018 meetings
    assert rows[0]["id"] == "joint-councils" and rows[0]["meeting_load"] == "7.0"
    table = cli("metrics", example_path).stdout
    assert "Layers" in table and "Meeting days per member per year" in table
    skipped = _json(cli, "metrics", example_path, "--betweenness-samples", "0")
    assert skipped["structure"]["betweenness"]["method"] == "skipped"
    assert skipped["bodies"]["pssdc"]["betweenness"] is None
    sampled = _json(cli, "metrics", example_path, "--betweenness-samples", "3")
    assert sampled["structure"]["betweenness"] == {
        "method": "sampled",
        "k": 3,
        "seed": 0,
        "nodes": 13,  # the bodies of today: the Framework WG has ended
        "graph": "bodies and the relationships between them, undirected",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("chain", "data-driven-intelligence"),
        ("subordinates", "psdc"),
        ("path", "pssdc", "joint-council"),
        ("members", "pscio"),
        ("memberships", "ontaro"),
        ("coverage", "pssd"),
    ],
    ids=lambda a: a[0],
)
def test_unknown_id_exits_2_with_did_you_mean(cli, example_path, args):
    result = cli(args[0], example_path, *args[1:])
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_every_answer_says_its_date(cli, example_path):
    today = date.today().isoformat()
    for args in COMMANDS:
        table = cli(args[0], example_path, *args[1:]).stdout
        assert table.splitlines()[0] == f"As of {today}", args
        document = json.loads(cli(args[0], example_path, *args[1:], "--format", "json").stdout)
        assert document["as_of"] == today, args
    dated = cli("chain", example_path, "pssdc", "--as-of", "2017-06", "--lang", "fr").stdout
    assert dated.splitlines()[0] == "En date du 2017-06-01"
    history = cli("chain", example_path, "pssdc", "--as-of", "all", "--format", "json").stdout
    assert json.loads(history)["as_of"] == "all"
    assert cli("chain", example_path, "pssdc", "--as-of", "today").exit_code == 0
    bad = cli("chain", example_path, "pssdc", "--as-of", "yesterday")
    assert bad.exit_code == 2 and "'today', or 'all'" in bad.stderr


def test_ids_by_acronym_or_name(cli, example_path):
    by_acronym = _json(cli, "chain", example_path, "cpssp")
    assert by_acronym["chains"] == [["pssdc", "joint-councils"]]
    by_name = _json(cli, "members", example_path, "Conseil sur la prestation des services du "
                    "secteur public")  # fmt: skip
    assert len(by_name) == 17
    typo = cli("chain", example_path, "Data-Driven Inteligence Working Group")
    assert typo.exit_code == 2 and "did you mean 'data-driven-intelligence-wg'" in typo.stderr


def test_id_not_valid_on_the_date_exits_2(cli, example_path):
    result = cli("chain", example_path, "framework-wg", "--as-of", "2019")
    assert result.exit_code == 2
    assert "'framework-wg' is not valid on 2019-01-01" in result.stderr


def test_bad_types_and_bad_model_exit_2(cli, example_path, tmp_path):
    result = cli("path", example_path, "pssdc", "pscioc", "--types", "REPORTS")
    assert result.exit_code == 2 and "unknown relationship type 'REPORTS'" in result.stderr
    missing = cli("metrics", tmp_path / "nope.yaml")
    assert missing.exit_code == 2


@pytest.mark.parametrize(
    "document",
    [
        {"entities": []},
        {"entities": [{"id": "ann", "kind": "person", "name": {"en": "Ann"}}]},
    ],
    ids=["empty", "people-only"],
)
def test_empty_and_people_only_models(cli, tmp_path, document):
    model = tmp_path / "m.yaml"
    write_model(GovernanceModel.model_validate(document), model)
    for fmt in ("table", "json", "csv"):
        for args in (("coverage",), ("overlaps",), ("metrics",)):
            result = cli(args[0], model, *args[1:], "--format", fmt)
            assert result.exit_code == 0, (args, fmt, result.stderr)
    assert _json(cli, "overlaps", model) == []
    assert _json(cli, "coverage", model)["coverage"] == {}
    assert _json(cli, "metrics", model)["structure"]["layers"] == 0
    if document["entities"]:
        assert _json(cli, "chain", model, "ann")["chains"] == [["ann"]]
        assert _json(cli, "memberships", model, "ann") == []
        assert _json(cli, "subordinates", model, "ann") == []
        assert "Nothing found" in cli("members", model, "ann").stdout
    else:
        assert cli("chain", model, "ann").exit_code == 2
