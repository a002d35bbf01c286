"""Descriptions in one language or both: ``description: {en, fr}`` next to a plain
string, kept exactly through every format that holds descriptions."""

from __future__ import annotations

import csv
import json

import pytest
from pydantic import ValidationError
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS

from govgraph.formats import read_model, write_model
from govgraph.model import GovernanceModel, LocalizedText
from govgraph.scenarios.diff import diff_models
from govgraph.store.rows import entity_row, model_from_rows, model_props

# rdflib's own JSON-LD parser calls its deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

BOTH = {"en": "Data working group", "fr": "Groupe de travail sur les données"}
FORMATS = [
    "m.yaml",
    "m.json",
    "csvdir",
    "m.xlsx",
    "m.ttl",
    "m.jsonld",
    "m.nt",
    "m.popolo.json",
    "m.graphml",
]


def _model(described: str | dict[str, str] = BOTH) -> GovernanceModel:
    return GovernanceModel.model_validate(
        {
            "title": {"en": "Model"},
            "description": described,
            "entities": [
                {"id": "jc", "kind": "council", "name": {"en": "JC"}, "description": "Plain"},
                {"id": "wg", "kind": "working_group", "name": {"en": "WG"}, "description": BOTH},
                {
                    "id": "fr",
                    "kind": "committee",
                    "name": {"en": "C"},
                    "description": {"fr": "Seul"},
                },
                {"id": "p", "kind": "person", "name": {"en": "Ann"}, "description": BOTH},
                {"id": "q", "kind": "person", "name": {"en": "Bob"}, "description": "Chair"},
            ],
            "relationships": [{"from": "wg", "type": "REPORTS_TO", "to": "jc"}],
        }
    )


def test_the_model_takes_a_string_or_both_languages() -> None:
    model = _model()
    assert model.entity("jc").description == "Plain"
    assert model.entity("wg").description == LocalizedText(**BOTH)
    assert (model.entity("wg").describe("fr"), model.entity("fr").describe("en")) == (
        BOTH["fr"],
        "Seul",
    )
    assert model.entity("jc").describe("fr") == "Plain"
    documents = {e["id"]: e.get("description") for e in model.to_document()["entities"]}
    assert documents["jc"] == "Plain" and documents["wg"] == BOTH
    assert documents["fr"] == {"fr": "Seul"}
    with pytest.raises(ValidationError, match="at least one"):
        GovernanceModel.model_validate(
            {"entities": [{"id": "a", "kind": "council", "name": {"en": "A"}, "description": {}}]}
        )
    with pytest.raises(ValidationError, match="de"):
        GovernanceModel.model_validate(
            {
                "entities": [
                    {"id": "a", "kind": "council", "name": {"en": "A"}, "description": {"de": "x"}}
                ]
            }
        )


@pytest.mark.parametrize("target", FORMATS)
@pytest.mark.parametrize("described", [BOTH, "One text", {"fr": "Seul"}])
def test_every_format_gives_both_forms_back(tmp_path, target, described) -> None:
    model = _model(described)
    write_model(model, tmp_path / target)
    back = read_model(tmp_path / target)
    assert back.canonical() == model.canonical()
    assert back.entity("q").description == "Chair"  # a string stays a string
    assert back.entity("p").description == LocalizedText(**BOTH)
    assert back.description == model.description  # the model's own, either form


def test_csv_has_a_column_per_language(tmp_path) -> None:
    write_model(_model(), tmp_path / "out")
    with (tmp_path / "out" / "entities.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert (rows["jc"]["description"], rows["jc"]["description_en"]) == ("Plain", "")
    assert (rows["wg"]["description"], rows["wg"]["description_en"]) == ("", BOTH["en"])
    assert rows["wg"]["description_fr"] == BOTH["fr"]


def test_csv_with_both_forms_in_one_row_is_refused(cli, tmp_path) -> None:
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,kind,name_en,description,description_fr\njc,council,JC,Plain,Simple\n",
        encoding="utf-8",
    )
    (folder / "relationships.csv").write_text("from,type,to\n", encoding="utf-8")
    result = cli("validate", folder)
    assert result.exit_code == 2
    assert f"{folder / 'entities.csv'}:2: description: give the description" in result.stderr


def test_rdf_tags_each_language_and_leaves_a_plain_string_untagged(tmp_path) -> None:
    write_model(_model(), tmp_path / "m.ttl")
    graph = Graph().parse(tmp_path / "m.ttl")
    literals = {
        (str(s).rsplit("/", 1)[-1], o) for s, o in graph.subject_objects(DCTERMS.description)
    }
    assert ("wg", Literal(BOTH["fr"], lang="fr")) in literals
    assert ("wg", Literal(BOTH["en"], lang="en")) in literals
    assert ("jc", Literal("Plain")) in literals


def test_popolo_summary_is_the_english_text_and_the_extension_keeps_both(tmp_path) -> None:
    write_model(_model(), tmp_path / "m.popolo.json")
    document = json.loads((tmp_path / "m.popolo.json").read_text(encoding="utf-8"))
    person = next(p for p in document["persons"] if p["id"] == "p")
    assert person["summary"] == BOTH["en"]
    assert person["govgraph"]["description"] == BOTH


def test_store_rows_hold_one_property_per_language() -> None:
    model = _model()
    meta = model_props(model)
    assert (meta["description"], meta["description_fr"]) == (None, BOTH["fr"])
    assert model_props(_model("One text"))["description_en"] is None  # cleared on a push
    props = {e.id: entity_row(e, "s")["props"] for e in model.entities}
    assert props["wg"]["description_fr"] == BOTH["fr"] and "description" not in props["wg"]
    assert props["jc"]["description"] == "Plain" and "description_en" not in props["jc"]
    rows = [("wg", "REPORTS_TO", "jc", {"formal": True})]
    stored = {k: v for k, v in meta.items() if v is not None}  # what the node keeps
    assert model_from_rows(stored, props.values(), rows) == model.canonical()


def test_a_changed_description_is_plain_data_in_the_change_record() -> None:
    before = _model()
    document = before.to_document()
    document["entities"][0]["description"] = BOTH
    changes = diff_models(before, GovernanceModel.model_validate(document))
    modified = next(c for c in changes if c.kind == "modified")
    assert modified.details["description"] == ["Plain", BOTH]
    json.dumps(modified.details)


def test_the_bundled_example_is_bilingual(example_model) -> None:
    described = [e for e in example_model.entities if e.description is not None]
    assert described and all(isinstance(e.description, LocalizedText) for e in described)
    assert all(e.description.en and e.description.fr for e in described)
