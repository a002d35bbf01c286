"""Popolo JSON: round trips, the native fields, files from elsewhere, located errors."""

import json

import pytest

from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats import format_for, load_model, read_model, write_model
from govgraph.formats.popolo import to_popolo


def test_popolo_json_wins_over_json():
    assert format_for("m.popolo.json").name == "popolo"
    assert format_for("m.json").name == "json"


def test_the_example_round_trips(example_model, tmp_path):
    entities = [
        e.model_copy(update={"identifiers": {"gc-orgid": "2281", "wikidata": "Q1"}})
        if e.id in ("iccs", "ssc")
        else e
        for e in example_model.entities
    ]
    model = example_model.model_copy(update={"entities": tuple(entities)})
    write_model(model, tmp_path / "jc.popolo.json")
    again = load_model(tmp_path / "jc.popolo.json")
    assert again.canonical() == model.canonical()
    assert again.entity("ssc").identifiers == {"gc-orgid": "2281", "wikidata": "Q1"}


def test_native_popolo_fields(example_model):
    document = to_popolo(example_model)
    orgs = {o["id"]: o for o in document["organizations"]}
    ddi = orgs["data-driven-intelligence-wg"]
    assert ddi["parent_id"] == "pssdc" and ddi["classification"] == "working_group"
    assert orgs["pssdc"]["parent_id"] == "joint-councils"  # PART_OF when no REPORTS_TO
    assert "parent_id" not in orgs["joint-councils-wg"]  # its only line is informal
    assert orgs["iccs"]["founding_date"] == "2005"
    assert orgs["framework-wg"]["dissolution_date"] == "2018"
    assert {"name": "Institut des services axés sur les citoyens", "note": "name@fr"} in orgs[
        "iccs"
    ]["other_names"]
    assert {"name": "ISAC", "note": "acronym@fr"} in orgs["iccs"]["other_names"]
    assert orgs["ordec"]["name"] == "ORDEC"  # French only: the French name is shown
    assert orgs["canada"]["classification"] == "jurisdiction"
    posts = {p["id"]: p for p in document["posts"]}
    assert posts["pssdc-co-chair-federal"]["organization_id"] == "pssdc"
    assert posts["strategic-policy-analyst"]["start_date"] == "2018"
    events = {e["id"]: e for e in document["events"]}
    assert events["jc-2015-09-st-johns"]["start_date"] == "2015-09"
    memberships = document["memberships"]
    quebec = [m for m in memberships if m.get("member", {}).get("id") == "quebec"]
    assert {m["organization_id"] for m in quebec} == {
        "pssdc",
        "pscioc",
        "pssdc-business-services-wg",
    }
    assert all(m["role"] == "member" for m in quebec)
    assert any(m.get("start_date") == "1998" for m in quebec)
    chairs = [m for m in memberships if m.get("post_id") == "pssdc-co-chair-pt"]
    assert chairs == [
        {
            "organization_id": "pssdc",
            "post_id": "pssdc-co-chair-pt",
            "role": "co_chair",
            "govgraph": chairs[0]["govgraph"],
        }
    ]
    extension = document["govgraph"]
    assert {e["kind"] for e in extension["entities"]} == {"priority"}
    assert "MEMBER_OF" not in {r["type"] for r in extension["relationships"]}


def test_a_popolo_file_from_elsewhere(tmp_path):
    document = {
        "organizations": [
            {"id": "council", "name": "A Council", "classification": "council"},
            {
                "id": "committee",
                "name": "A Committee",
                "classification": "committee",
                "parent_id": "council",
                "founding_date": "2001-05",
            },
            {"id": "party", "name": "A Party", "classification": "party"},
        ],
        "persons": [
            {
                "id": "ann",
                "name": "Ann",
                "summary": "Chairs it",
                "identifiers": [{"scheme": "wikidata", "identifier": "Q7"}],
            }
        ],
        "memberships": [
            {
                "person_id": "ann",
                "organization_id": "committee",
                "role": "Chair",
                "start_date": "2002",
                "sources": [{"url": "https://example.org/minutes"}],
            }
        ],
    }
    (tmp_path / "x.popolo.json").write_text(json.dumps(document))
    model = load_model(tmp_path / "x.popolo.json")
    assert model.entity("party").kind.value == "organization"
    assert model.entity("committee").valid_from == "2001-05"
    assert model.entity("ann").description == "Chairs it"
    assert model.entity("ann").identifiers == {"wikidata": "Q7"}
    [line] = [r for r in model.relationships if r.type.value == "REPORTS_TO"]
    assert (line.from_, line.to, line.formal) == ("committee", "council", True)
    [chair] = [r for r in model.relationships if r.type.value == "MEMBER_OF"]
    assert chair.role.value == "chair" and chair.source == "https://example.org/minutes"


def test_errors_name_the_popolo_line_and_field(example_model, tmp_path, cli):
    document = to_popolo(example_model)
    document["organizations"][2]["classification"] = "councl"
    path = tmp_path / "bad.popolo.json"
    path.write_text(json.dumps(document, indent=1))
    with pytest.raises(ModelInvalidError) as info:
        read_model(path)
    message = str(info.value)
    line = next(
        number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if '"councl"' in text
    )
    assert message.startswith(f"{path}:{line}: organizations[2].classification:"), message
    assert "unknown kind 'councl'" in message
    result = cli("convert", path, tmp_path / "out.yaml")
    assert result.exit_code == 2 and not (tmp_path / "out.yaml").exists()


def test_dangling_membership_and_broken_json(example_model, tmp_path):
    document = to_popolo(example_model)
    document["memberships"][0]["organization_id"] = "nobody"
    path = tmp_path / "dangling.popolo.json"
    path.write_text(json.dumps(document, indent=1))
    with pytest.raises(ModelInvalidError, match=r"memberships\[0\].organization_id: .*'nobody'"):
        load_model(path)
    (tmp_path / "broken.popolo.json").write_text('{"organizations": [\n  {"id": }\n]}')
    with pytest.raises(InputError, match=r"broken.popolo.json:2: invalid JSON"):
        read_model(tmp_path / "broken.popolo.json")
