"""Import by mapping: the Government of Canada inventory imported by its bundled mapping
(answers counted from the CSV files with the csv module, not from the import), and
every error naming the table, line and column, with exit 2 and nothing written."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from govgraph.analysis import reporting_chains
from govgraph.errors import InputError, ModelInvalidError
from govgraph.formats import load_model
from govgraph.graph import to_graph
from govgraph.health import health
from govgraph.importing import import_mapping, read_mapping
from govgraph.temporal import as_of

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "fixtures" / "gc-federal-organizations.mapping.yaml"
BUNDLED = ROOT / "fixtures" / "gc-federal-organizations.yaml"
DATA = ROOT / "fixtures" / "gc-infobase"


def table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def inventory():
    return import_mapping(MAPPING)


def test_counts_match_the_csv_files(inventory):
    orgs, ministries, ministers = (
        table("igoc_en.csv"),
        table("ministries.csv"),
        table("ministers.csv"),
    )
    model = inventory.model
    by_kind: dict[str, int] = {}
    for entity in model.entities:
        by_kind[entity.kind.value] = by_kind.get(entity.kind.value, 0) + 1
    assert by_kind == {"organization": len(orgs) + len(ministries), "position": len(ministers)}
    assert len(orgs) == 332 and len(ministries) == 27 and len(ministers) == 53
    part_of = [r for r in model.relationships if r.type.value == "PART_OF"]
    assert len(part_of) == sum(1 for row in orgs if row["ministry"].strip())
    known = {row["org_id"] for row in orgs}
    links = table("org_to_minister.csv")
    accountable = [r for r in model.relationships if r.type.value == "ACCOUNTABLE_TO"]
    assert len(accountable) == sum(1 for row in links if row["department"] in known)
    assert inventory.skipped == {
        "org_to_minister": sum(1 for row in links if row["department"] not in known)
    }
    assert inventory.skipped["org_to_minister"] == 2
    assert [f for f in inventory.findings if f.is_error] == []


def test_bundled_model_is_the_import_of_the_mapping(inventory):
    assert load_model(BUNDLED).canonical() == inventory.model.canonical()


def test_a_portfolios_organizations(inventory):
    transport = next(row["id"] for row in table("ministries.csv") if row["name_en"] == "Transport")
    expected = {
        f"org-{row['org_id']}"
        for row in table("igoc_en.csv")
        if row["ministry"] and int(float(row["ministry"])) == int(transport)
    }
    found = {
        r.from_
        for r in inventory.model.relationships
        if r.type.value == "PART_OF" and r.to == f"portfolio-{transport}"
    }
    assert found == expected and len(found) == 54
    # by hand: the Trois-Rivières Port Authority is in the Transport portfolio
    assert "org-327" in found
    assert inventory.model.entity("org-327").label() == "Trois-Rivières Port Authority"


def test_what_was_dissolved_between_two_dates(inventory):
    """Organizations valid on 2013-01-01 and no longer on 2016-01-01 (an end year
    covers the whole year: "2015" runs to 2015-12-31)."""
    before = {e.id for e in as_of(inventory.model, "2013-01-01").entities}
    after = {e.id for e in as_of(inventory.model, "2016-01-01").entities}
    ended = {i for i in before - after if i.startswith("org-")}
    expected = {
        f"org-{row['org_id']}"
        for row in table("igoc_en.csv")
        if row["end_yr"] and 2013 <= int(float(row["end_yr"])) <= 2015
    }
    assert ended == expected and ended
    # by hand: Passport Canada ended in 2013
    passport = next(e for e in inventory.model.entities if e.name.en == "Passport Canada")
    assert passport.id in ended and passport.valid_to == "2013"


def test_french_names_come_from_the_french_file(inventory):
    french = {row["org_id"]: row for row in table("igoc_fr.csv")}
    for entity in inventory.model.entities:
        if entity.id.startswith("org-"):
            row = french[entity.id.removeprefix("org-")]
            assert entity.name.fr == (row["applied_title_fr"] or row["legal_title_fr"]).strip()
    assert inventory.model.entity("org-327").name.fr == "Administration portuaire de Trois-Rivières"
    minister = next(e for e in inventory.model.entities if e.id == "minister-1")
    assert minister.name.fr == "Ministre de l’Énergie et des Ressources naturelles"


def test_year_columns_and_empty_means_open(inventory):
    rows = {row["org_id"]: row for row in table("igoc_en.csv")}
    for entity in inventory.model.entities:
        if entity.id.startswith("org-"):
            row = rows[entity.id.removeprefix("org-")]
            end = row["end_yr"]
            assert entity.valid_to == (str(int(float(end))) if end else None)


def test_accountability_in_chains_and_health(inventory, cli):
    model = inventory.model
    graph = to_graph(model)
    assert reporting_chains(graph, "org-327") == [["org-327", "portfolio-2"]]
    result = cli("chain", BUNDLED, "org-327")
    assert result.exit_code == 0
    ministers = {row["department"]: row["minister"] for row in table("org_to_minister.csv")}
    assert f"⇢ minister-{ministers['327']}" in result.stdout
    assert "Minister of Transport" in result.stdout
    # no health finding is about accountability to a minister
    codes = {f.code for f in health(model)}
    assert codes <= {"span-over-limit"}, codes


def test_accountable_to_a_body_is_an_endpoint_error(tmp_path, cli):
    path = tmp_path / "m.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "entities": [
                    {"id": "a", "kind": "committee", "name": {"en": "A"}},
                    {"id": "b", "kind": "council", "name": {"en": "B"}},
                ],
                "relationships": [{"from": "a", "type": "ACCOUNTABLE_TO", "to": "b"}],
            }
        ),
        encoding="utf-8",
    )
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "ACCOUNTABLE_TO" in result.output


def test_committee_accountable_to_a_minister_has_no_missing_parent_warning(tmp_path, cli):
    path = tmp_path / "m.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "entities": [
                    {"id": "advisory", "kind": "committee", "name": {"en": "Advisory"}},
                    {"id": "minister", "kind": "position", "name": {"en": "Minister"}},
                ],
                "relationships": [{"from": "advisory", "type": "ACCOUNTABLE_TO", "to": "minister"}],
            }
        ),
        encoding="utf-8",
    )
    result = cli("validate", path, "--format", "json")
    assert "no-formal-parent" not in result.stdout


def test_cli_import_writes_a_model_that_validates(cli, tmp_path):
    out = tmp_path / "orgs.yaml"
    result = cli("import", MAPPING, "-o", out)
    assert result.exit_code == 0, result.output
    assert "412 entities, 574 relationships" in result.stderr
    assert "org_to_minister: 2 rows skipped" in result.stderr
    assert cli("validate", out).exit_code == 0
    assert cli("import", MAPPING, "-o", tmp_path / "csv/", "--lang", "fr").exit_code == 0
    assert (tmp_path / "csv" / "entities.csv").exists()


# --- errors: table, line and column; exit 2; nothing written -------------------------


def small(tmp_path: Path, mapping: dict, **tables: str) -> Path:
    for name, content in tables.items():
        (tmp_path / f"{name}.csv").write_text(content, encoding="utf-8")
    path = tmp_path / "m.mapping.yaml"
    path.write_text(yaml.safe_dump(mapping, sort_keys=False), encoding="utf-8")
    return path


ORGS = "org_id,title,ministry,end\n1,Transport Canada,,\n2,Marine Atlantic,1.0,2019.0\n"


def orgs_mapping(**changes: object) -> dict:
    entity = {
        "table": "orgs",
        "id": {"column": "org_id", "prefix": "org-"},
        "kind": "organization",
        "name": {"en": "title"},
        "valid_to": {"column": "end", "format": "year"},
        "relationships": [
            {"type": "PART_OF", "to": {"column": "ministry", "format": "integer", "prefix": "org-"}}
        ],
    }
    entity.update(changes)
    return {"tables": {"orgs": {"file": "orgs.csv"}}, "entities": [entity]}


@pytest.mark.parametrize(
    ("mapping", "orgs", "expected"),
    [
        (
            orgs_mapping(name={"en": "titel"}),
            ORGS,
            "orgs.csv:1: table 'orgs' has no column 'titel' (did you mean 'title'?)",
        ),
        (
            orgs_mapping(),
            "org_id,title,ministry,end\n1,Transport Canada,,\n2,Marine Atlantic,1.0,nineteen\n",
            "orgs.csv:3: end: expected a year (YYYY), not 'nineteen' (for valid_to)",
        ),
        (
            orgs_mapping(),
            "org_id,title,ministry,end\n1,Transport Canada,,\n1,Marine Atlantic,,\n",
            "orgs.csv:3: org_id: id 'org-1' again (first at ",
        ),
        (
            orgs_mapping(),
            "org_id,title,ministry,end\n1,Transport Canada,,\n2,Marine Atlantic,7.0,\n",
            "orgs.csv:3: ministry: 'org-7' is no imported entity (a PART_OF to end)",
        ),
        (
            orgs_mapping(),
            "org_id,title,ministry,end\n1,Transport Canada,,\n2,Marine Atlantic,1.5,\n",
            "orgs.csv:3: ministry: expected a whole number, not '1.5' (for to)",
        ),
        (
            orgs_mapping(kind={"column": "title", "values": {"Transport Canada": "organization"}}),
            ORGS,
            "orgs.csv:3: title: 'Marine Atlantic' is not in the value map ('Transport Canada')",
        ),
    ],
)
def test_bad_cells_name_table_line_and_column(tmp_path, cli, mapping, orgs, expected):
    path = small(tmp_path, mapping, orgs=orgs)
    out = tmp_path / "out.yaml"
    result = cli("import", path, "-o", out)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_model_errors_are_located_in_the_table(tmp_path, cli):
    """A record the model refuses (an end before its start) names the table's line."""
    orgs = "org_id,title,start,end\n1,Transport Canada,1936,\n2,Secretariat,2019,2012.0\n"
    mapping = orgs_mapping(valid_from={"column": "start", "format": "year"}, relationships=[])
    path = small(tmp_path, mapping, orgs=orgs)
    result = cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'orgs.csv'}:3: end: invalid-date:" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_the_inventorys_own_error_is_named_without_its_correction(tmp_path):
    """The inventory gives org 279 an end year before its start year: the bundled
    mapping corrects it; without the correction the error names the line of the CSV."""
    shutil.copytree(DATA, tmp_path / "gc-infobase")
    document = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    del document["tables"]["igoc_en"]["corrections"]
    path = tmp_path / "m.mapping.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    with (DATA / "igoc_en.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        line = next(
            reader.line_num - r[header.index("end_yr")].count("\n") for r in reader if r[0] == "279"
        )
    with pytest.raises(ModelInvalidError) as raised:
        import_mapping(path)
    (finding,) = raised.value.findings
    assert (finding.file, finding.line, finding.field_path) == (
        str(tmp_path / "gc-infobase" / "igoc_en.csv"),
        line,
        "end_yr",
    )


def test_join_with_a_missing_key_is_an_error_naming_the_row(tmp_path):
    mapping = orgs_mapping(
        join={"fr": {"table": "orgs_fr", "column": "org_id"}},
        name={"en": "title", "fr": "fr.titre"},
        relationships=[],
    )
    mapping["tables"]["orgs_fr"] = {"file": "orgs_fr.csv", "key": "org_id"}
    path = small(tmp_path, mapping, orgs=ORGS, orgs_fr="org_id,titre\n1,Transports Canada\n")
    with pytest.raises(InputError) as raised:
        import_mapping(path)
    assert str(raised.value) == (
        f"{tmp_path / 'orgs.csv'}:3: org_id: no row of table 'orgs_fr' has '2' (join 'fr'); "
        "add it, or say 'missing: empty'"
    )
    mapping["entities"][0]["join"]["fr"]["missing"] = "empty"
    path = small(tmp_path, mapping, orgs=ORGS, orgs_fr="org_id,titre\n1,Transports Canada\n")
    model = import_mapping(path).model
    assert [e.name.fr for e in model.entities] == ["Transports Canada", None]


def test_lookup_key_twice_with_other_values_is_an_error(tmp_path):
    mapping = orgs_mapping(
        join={"form": {"table": "forms", "column": "form"}},
        attributes={"form": "form.name"},
        relationships=[],
    )
    mapping["tables"]["forms"] = {"file": "forms.csv", "key": "id"}
    orgs = "org_id,title,form,end\n1,Transport Canada,dept,\n"
    path = small(tmp_path, mapping, orgs=orgs, forms="id,name\ndept,Department\ndept,Agency\n")
    with pytest.raises(InputError, match=r"forms.csv:3: id: key 'dept' .* also on line 2"):
        import_mapping(path)
    # the same key twice with the same used values is fine (as in inst_forms.csv)
    path = small(
        tmp_path, mapping, orgs=orgs, forms="id,name,p\ndept,Department,a\ndept,Department,b\n"
    )
    assert import_mapping(path).model.entities[0].attributes == {"form": "Department"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kidn": "organization"}, "unknown key 'kidn'"),
        ({"kind": "organisation"}, "entities.0.kind: unknown kind 'organisation'"),
        ({"table": "nope"}, "no table 'nope'"),
        ({"id": {"prefix": "x"}}, "give either 'column' (one or a list) or 'value'"),
    ],
)
def test_bad_mappings_are_one_line_exit_2(tmp_path, cli, change, message):
    path = small(tmp_path, orgs_mapping(**change), orgs=ORGS)
    result = cli("import", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert message in result.stderr
    assert str(path) in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_read_mapping_names_yaml_errors(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("tables: {orgs: [\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m.yaml:\d+: invalid YAML"):
        read_mapping(path)


def test_xlsx_tables_and_relationship_tables(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "bodies"
    sheet.append(["code", "name", "type"])
    sheet.append(["jc", "Joint Councils", "C"])
    sheet.append(["wg", "Data WG", "WG"])
    links = book.create_sheet("lines")
    links.append(["child", "parent", "since"])
    links.append(["wg", "jc", 2016])
    book.save(tmp_path / "book.xlsx")
    mapping = {
        "tables": {
            "bodies": {"file": "book.xlsx", "sheet": "bodies"},
            "lines": {"file": "book.xlsx", "sheet": "lines"},
        },
        "entities": [
            {
                "table": "bodies",
                "id": "code",
                "kind": {"column": "type", "values": {"C": "council", "WG": "working_group"}},
                "name": {"en": "name"},
            }
        ],
        "relationships": [
            {
                "table": "lines",
                "from": "child",
                "type": "REPORTS_TO",
                "to": "parent",
                "valid_from": {"column": "since", "format": "year"},
            }
        ],
    }
    path = small(tmp_path, mapping)
    result = import_mapping(path)
    assert [(e.id, e.kind.value) for e in result.model.entities] == [
        ("jc", "council"),
        ("wg", "working_group"),
    ]
    (rel,) = result.model.relationships
    assert (rel.from_, rel.to, rel.valid_from, rel.formal) == ("wg", "jc", "2016", True)


def test_a_key_given_twice_in_the_mapping_is_refused(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("tables: {}\ntables: {}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"m.yaml:2: invalid YAML: key 'tables' given twice"):
        read_mapping(path)


def test_import_never_overwrites_an_input(tmp_path, cli):
    path = small(tmp_path, orgs_mapping(), orgs=ORGS)
    before = (tmp_path / "orgs.csv").read_bytes(), path.read_bytes()
    for out in (path, tmp_path / "orgs.csv"):
        result = cli("import", path, "-o", out)
        assert result.exit_code == 2
        assert "would overwrite an input" in result.stderr
    assert ((tmp_path / "orgs.csv").read_bytes(), path.read_bytes()) == before
