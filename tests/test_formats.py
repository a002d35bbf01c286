"""YAML, JSON and CSV: reading, writing, round trips, locations, atomicity."""

import csv
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings

from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats import format_for, load_model, read_model, validate_path, write_model
from govgraph.formats.spreadsheet import decode_cell, encode_cell
from tests.factory import entity, model, rel
from tests.strategies import HOSTILE, attribute_values, models


@pytest.mark.parametrize("target", ["copy.json", "copy.yaml", "copy-csv/"])
def test_the_example_round_trips_through_every_format(example_model, tmp_path, target):
    out = tmp_path / target
    write_model(example_model, out)
    again = load_model(out)
    assert again == example_model
    assert again.to_document() == example_model.to_document()


def test_yaml_to_csv_to_yaml_to_json_loses_nothing(example_model, tmp_path):
    write_model(example_model, tmp_path / "csv")
    write_model(load_model(tmp_path / "csv"), tmp_path / "back.yaml")
    write_model(load_model(tmp_path / "back.yaml"), tmp_path / "back.json")
    assert load_model(tmp_path / "back.json") == example_model


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(m=models())
def test_random_models_round_trip_through_every_format(tmp_path_factory, m):
    folder = tmp_path_factory.mktemp("rt")
    for target in ("m.yaml", "m.json", "csvdir"):
        write_model(m, folder / target)
        assert read_model(folder / target) == m, target


@given(value=attribute_values)
def test_attribute_cells_decode_to_what_was_encoded(value):
    assert decode_cell(encode_cell(value)) == value


def test_csv_layout_follows_the_design(example_model, tmp_path):
    write_model(example_model, tmp_path / "out")
    with (tmp_path / "out" / "entities.csv").open() as handle:
        header = next(csv.reader(handle))
    assert header[:10] == [
        "id",
        "kind",
        "name_en",
        "name_fr",
        "acronym_en",
        "acronym_fr",
        "description",
        "valid_from",
        "valid_to",
        "tags",
    ]
    assert {"meeting_days", "meetings_per_year", "city"} <= set(header)
    with (tmp_path / "out" / "entities.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    jc = next(r for r in rows if r["id"] == "joint-councils")
    assert (
        jc["meeting_days"] == "1.0"
        and jc["tags"] == "fptm"
        and jc["assumptions"] == '["meeting_days"]'
    )
    with (tmp_path / "out" / "relationships.csv").open() as handle:
        assert next(csv.reader(handle))[:9] == [
            "from",
            "type",
            "to",
            "formal",
            "role",
            "level",
            "service",
            "valid_from",
            "valid_to",
        ]
    assert (tmp_path / "out" / "meta.yaml").exists()  # the title travels too


def test_a_spreadsheet_written_by_hand_is_read_with_types(tmp_path):
    (tmp_path / "entities.csv").write_text(
        "\ufeffid,kind,name_en,name_fr,tags,meeting_days,city,note\n"
        'jc,council,Joint Councils,Conseils mixtes,fptm; core ,1.5,Toronto,"007"\n'
        "wg,working_group,,Groupe,,,,\n"
        ",,,,,,,\n",  # blank rows are skipped
        encoding="utf-8",
    )
    (tmp_path / "relationships.csv").write_text("from,type,to,formal,wt\nwg,REPORTS_TO,jc,no,2\n")
    m = read_model(tmp_path)
    jc, wg = m.entities
    assert jc.tags == ("fptm", "core") and jc.attributes == {
        "meeting_days": 1.5,
        "city": "Toronto",
        "note": "007",
    }
    assert wg.name.en is None and wg.label("en") == "Groupe"
    assert m.relationships[0].formal is False and m.relationships[0].attributes == {"wt": 2}


def test_hostile_strings_survive_every_format(tmp_path):
    entities = [
        entity(f"e{i}", name={"en": text, "fr": text}, description=text, source=text)
        for i, text in enumerate(HOSTILE)
    ]
    entities.append(
        entity("}) DETACH DELETE n //", "organization", name={"en": "'quoted' \"double\""})
    )
    m = model(entities, [rel("}) DETACH DELETE n //", "SUPPORTS", "e0", source="`x`")])
    for target in ("h.yaml", "h.json", "h-csv/"):
        write_model(m, tmp_path / target)
        assert read_model(tmp_path / target) == m


def test_errors_name_the_file_line_and_field(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        "entities:\n  - id: a\n    kind: council\n    name: {en: A}\n"
        "  - id: b\n    kind: council\n    name: {en: B}\n    valid_from: 2020-13\n"
    )
    with pytest.raises(ModelInvalidError) as info:
        read_model(path)
    [finding] = info.value.findings
    assert (finding.file, finding.line, finding.field_path) == (
        str(path),
        8,
        "entities[1].valid_from",
    )
    assert str(info.value).startswith(f"{path}:8: entities[1].valid_from: invalid-date")


def test_json_errors_are_located_too(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"entities": [entity("a"), entity("b", "nope")]}, indent=2))
    with pytest.raises(ModelInvalidError) as info:
        read_model(path)
    line = 1 + path.read_text().splitlines().index('      "kind": "nope",')
    assert info.value.line == line and info.value.field == "entities[1].kind"


def test_csv_errors_name_the_csv_file_row_line_and_column(tmp_path):
    (tmp_path / "entities.csv").write_text(
        'id,kind,name_en,description\na,council,A,"two\nlines"\nb,council,,\n'
    )
    (tmp_path / "relationships.csv").write_text("from,type,to\n")
    with pytest.raises(ModelInvalidError) as info:
        read_model(tmp_path)
    assert info.value.file == str(tmp_path / "entities.csv")
    assert info.value.line == 4  # the quoted newline makes row 2 start on line 4
    assert info.value.field == "name"


def test_validate_path_locates_warnings_and_can_look_at_one_date(example_path):
    _, findings = validate_path(example_path)
    assert all(f.line for f in findings)
    _, in_2000 = validate_path(example_path, "2000")
    unsupported = {f.entities[0] for f in in_2000 if f.code == "no-support"}
    assert "joint-councils" in unsupported  # the ICCS only exists from 2005
    line = next(f.line for f in in_2000 if f.entities[0] == "joint-councils")
    assert example_path.read_text().splitlines()[line - 1].strip() == "- id: joint-councils"


def test_format_is_chosen_by_the_path(tmp_path):
    assert format_for(tmp_path, for_writing=True).name == "csv"
    assert format_for("out/", for_writing=True).name == "csv"
    assert format_for("out", for_writing=True).name == "csv"
    assert format_for("m.YML").name == "yaml"
    with pytest.raises(InputError, match="unknown format"):
        format_for("m.txt")


def test_writes_are_atomic_and_leave_nothing_on_failure(example_model, tmp_path, monkeypatch):
    target = tmp_path / "m.json"
    target.write_text("previous content")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(json, "dump", explode)
    with pytest.raises(RuntimeError):
        write_model(example_model, target)
    assert target.read_text() == "previous content"
    assert os.listdir(tmp_path) == ["m.json"]  # no temporary file left behind


def test_a_csv_directory_is_replaced_whole(example_model, tmp_path):
    out = tmp_path / "csv"
    write_model(example_model, out)
    assert (out / "meta.yaml").exists()
    write_model(example_model.model_copy(update={"title": None, "description": None}), out)
    assert not (out / "meta.yaml").exists()  # stale metadata is not left behind
    assert sorted(os.listdir(tmp_path)) == ["csv"]


def test_a_file_in_the_way_of_a_csv_directory_is_an_input_error(example_model, tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(InputError):
        write_model(example_model, tmp_path / "out/")


def test_written_files_get_ordinary_permissions_not_the_temporary_files(example_model, tmp_path):
    """A shared file (an HTML page, a model) must be readable as a plain open() would
    make it, not owner-only like the temporary file it was written through."""
    umask = os.umask(0o022)
    try:
        write_model(example_model, tmp_path / "new.yaml")
        write_model(example_model, tmp_path / "csv")
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o640)
        write_model(example_model, kept)
    finally:
        os.umask(umask)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "csv").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "csv" / "entities.csv").stat().st_mode & 0o777 == 0o644
    assert kept.stat().st_mode & 0o777 == 0o640
