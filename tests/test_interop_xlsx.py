"""The .xlsx workbook: round trips, cells as Excel types them, row-level errors."""

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats import load_model, read_model, write_model
from govgraph.formats.spreadsheet import read_csv_directory
from govgraph.formats.xlsx import read_xlsx

ENTITY_HEADER = ["id", "kind", "name_en", "name_fr", "valid_from", "valid_to", "tags"]
REL_HEADER = ["from", "type", "to", "formal", "role", "valid_from"]


def _book(path, entities, relationships, *, entity_header=ENTITY_HEADER, meta=None):
    book = Workbook()
    sheet = book.active
    sheet.title = "entities"
    sheet.append(entity_header)
    for row in entities:
        sheet.append(row)
    rels = book.create_sheet("relationships")
    rels.append(REL_HEADER)
    for row in relationships:
        rels.append(row)
    if meta is not None:
        sheet = book.create_sheet("meta")
        for row in meta:
            sheet.append(row)
    book.save(path)
    return path


def test_the_example_round_trips_through_a_workbook(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.xlsx")
    again = load_model(tmp_path / "jc.xlsx")
    assert again == example_model
    assert again.entity("canada").attributes == {"order_of_government": "federal"}


def test_the_workbook_has_the_csv_layout(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.xlsx")
    write_model(example_model, tmp_path / "csv")
    book = load_workbook(tmp_path / "jc.xlsx")
    assert book.sheetnames == ["entities", "relationships", "meta"]
    csv_doc = read_csv_directory(tmp_path / "csv").document
    xlsx_doc = read_xlsx(tmp_path / "jc.xlsx").document
    assert csv_doc == xlsx_doc
    header = [cell.value for cell in book["entities"][1]]
    assert header[:4] == ["id", "kind", "name_en", "name_fr"]
    assert "identifiers" in header


def test_cells_typed_by_excel_are_read_as_text(tmp_path):
    path = _book(
        tmp_path / "typed.xlsx",
        [
            ["jc", "council", "Joint Councils", "Conseils mixtes", 1998, None, "fptm;x"],
            ["wg", "working_group", "WG", None, dt.datetime(2015, 9, 1), dt.date(2018, 2, 3), None],
            [None, None, None, None, None, None, None],  # blank rows are skipped
        ],
        [["wg", "REPORTS_TO", "jc", False, None, 2016], ["wg", "PART_OF", "jc", None, None, None]],
    )
    model = load_model(path)
    assert model.entity("jc").valid_from == "1998"
    assert model.entity("jc").tags == ("fptm", "x")
    assert (model.entity("wg").valid_from, model.entity("wg").valid_to) == (
        "2015-09-01",
        "2018-02-03",
    )
    line = model.relationships[0]
    assert line.formal is False and line.valid_from == "2016"


def test_formula_like_text_stays_text(tmp_path):
    from govgraph.model import GovernanceModel

    hostile = '=HYPERLINK("http://x")'
    model = GovernanceModel.model_validate(
        {"entities": [{"id": "a", "kind": "council", "name": {"en": hostile, "fr": "=1+1"}}]}
    )
    write_model(model, tmp_path / "h.xlsx")
    cell = load_workbook(tmp_path / "h.xlsx")["entities"]["C2"]
    assert cell.value == hostile and cell.data_type == "s"
    assert read_model(tmp_path / "h.xlsx") == model


@pytest.mark.parametrize(
    ("entities", "relationships", "where", "words"),
    [
        (
            [["jc", "council", "JC"], ["wg", "workgroup", "WG"]],
            [],
            "[entities]:3: kind:",
            "unknown kind 'workgroup'",
        ),
        (
            [["jc", "council", "JC"], ["wg", "working_group", "WG"]],
            [["wg", "REPORTS_TO", "jc", "maybe"]],
            "[relationships]:2: formal:",
            "must be true or false",
        ),
        (
            [["jc", "council", "JC"], ["wg", "working_group", "WG"]],
            [["wg", "REPORTS_TO", "jc"], ["wg", "PART_OF", "nobody"]],
            "[relationships]:3: to:",
            "'nobody' is not an entity",
        ),
        (
            [["jc", "council", "JC", None, "2018-02-30"]],
            [],
            "[entities]:2: valid_from:",
            "not a real date",
        ),
    ],
)
def test_row_errors_name_workbook_sheet_row_and_column(
    cli, tmp_path, entities, relationships, where, words
):
    path = _book(tmp_path / "bad.xlsx", entities, relationships)
    out = tmp_path / "out" / "m.yaml"
    result = cli("convert", path, out)
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0]
    assert f"{path}{where}" in first and words in first, first
    assert not out.parent.exists()


def test_missing_sheet_and_column_and_junk_file(tmp_path):
    book = Workbook()
    book.active.title = "entities"
    book.active.append(["id", "kind"])
    book.save(tmp_path / "one.xlsx")
    with pytest.raises(InputError, match=r"one.xlsx: no sheet named 'relationships'"):
        read_model(tmp_path / "one.xlsx")
    path = _book(tmp_path / "nokind.xlsx", [["jc"]], [], entity_header=["id", "name_en"])
    with pytest.raises(InputError, match=r"nokind.xlsx\[entities\]:1: missing column 'kind'"):
        read_model(path)
    (tmp_path / "junk.xlsx").write_text("not a zip")
    with pytest.raises(InputError, match=r"junk.xlsx: not an .xlsx workbook"):
        read_model(tmp_path / "junk.xlsx")
    with pytest.raises(InputError, match=r"none.xlsx: no such file"):
        read_model(tmp_path / "none.xlsx")


def test_bad_meta_and_stray_cells(tmp_path):
    path = _book(
        tmp_path / "meta.xlsx",
        [["jc", "council", "JC"]],
        [],
        meta=[["key", "value"], ["title", "{"]],
    )
    with pytest.raises(InputError, match=r"meta.xlsx\[meta\]:2: value: invalid JSON"):
        read_model(path)
    path = _book(
        tmp_path / "stray.xlsx", [["jc", "council", "JC", None, None, None, None, "x"]], []
    )
    with pytest.raises(InputError, match=r"stray.xlsx\[entities\]:2: a cell right of"):
        read_model(path)


def test_duplicate_ids_are_located_in_the_sheet(tmp_path):
    path = _book(tmp_path / "dup.xlsx", [["jc", "council", "A"], ["jc", "council", "B"]], [])
    with pytest.raises(ModelInvalidError) as info:
        load_model(path)
    assert f"{path}[entities]:3" in str(info.value)


def test_the_header_row_is_frozen(example_model, tmp_path):
    write_model(example_model, tmp_path / "jc.xlsx")
    book = load_workbook(tmp_path / "jc.xlsx")
    assert book["entities"].freeze_panes == "A2"
    assert book["relationships"].freeze_panes == "A2"
