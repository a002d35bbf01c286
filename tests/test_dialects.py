"""Edge-list dialects: the CSV and xlsx readers take the headers of Gephi, Kumu,
networkx/Cytoscape and neo4j-admin import as they are, say which dialect they read,
refuse an ambiguous header, and name every missing column of an unknown one;
``convert --dialect`` writes each and reads back the same model."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from govgraph.analysis import reporting_chains
from govgraph.errors import InputError
from govgraph.formats import load_model, read_model, validate_path
from govgraph.graph import to_graph

ROOT = Path(__file__).resolve().parent.parent
EDGE_LISTS = ROOT / "fixtures" / "edge-lists"
ENTITIES = "id,kind,name_en\njc,council,Joint Councils\nwg,working_group,Data WG\n"


def write_dir(folder: Path, relationships: str, entities: str = ENTITIES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_text(entities, encoding="utf-8")
    (folder / "relationships.csv").write_text(relationships, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("header", "row", "dialect"),
    [
        ("from,type,to,source", "wg,REPORTS_TO,jc,deck p. 4", "govgraph"),
        ("source,type,target,provenance", "wg,REPORTS_TO,jc,deck p. 4", "networkx"),
        ("source,interaction,target,provenance", "wg,REPORTS_TO,jc,deck p. 4", "networkx"),
        ("Source,Type,Target,provenance", "wg,REPORTS_TO,jc,deck p. 4", "gephi"),
        ("Source,Target,Type,Label,provenance", "wg,jc,Directed,REPORTS_TO,deck p. 4", "gephi"),
        ("From,Type,To,source", "wg,REPORTS_TO,jc,deck p. 4", "kumu"),
        (":START_ID,:TYPE,:END_ID,source", "wg,REPORTS_TO,jc,deck p. 4", "neo4j-admin"),
        (
            ":START_ID(Entity),:END_ID(Entity),:TYPE,formal:boolean,source",
            "wg,jc,REPORTS_TO,true,deck p. 4",
            "neo4j-admin",
        ),
    ],
)
def test_each_dialect_reads_the_same_line_and_says_so(tmp_path, header, row, dialect):
    folder = write_dir(tmp_path / "m", f"{header}\n{row}\n")
    model, findings = validate_path(folder)
    (rel,) = model.relationships
    assert (rel.from_, rel.type.value, rel.to, rel.formal) == ("wg", "REPORTS_TO", "jc", True)
    assert rel.source == "deck p. 4"  # provenance, never an endpoint
    assert rel.attributes == {}
    notes = [f for f in findings if f.code == "read-dialect"]
    if dialect == "govgraph":
        assert notes == []
    else:
        (note,) = notes
        assert note.severity.value == "info"
        assert f"the {dialect} dialect" in note.message_en
        assert note.file == str(folder / "relationships.csv") and note.line == 1


def test_source_target_without_provenance_column_reads_no_provenance(tmp_path):
    folder = write_dir(tmp_path / "m", "source,type,target\nwg,REPORTS_TO,jc\n")
    model, findings = validate_path(folder)
    assert model.relationships[0].source is None
    (note,) = [f for f in findings if f.code == "read-dialect"]
    assert "provenance would be read from a 'provenance' column (there is none)" in (
        note.message_en
    )


def test_two_pairs_of_endpoints_are_ambiguous(tmp_path):
    folder = write_dir(tmp_path / "m", "from,type,to,source,target\nwg,REPORTS_TO,jc,a,b\n")
    with pytest.raises(InputError) as raised:
        read_model(folder)
    assert str(raised.value) == (
        f"{folder / 'relationships.csv'}:1: ambiguous header: both 'from', 'to' and "
        "'source', 'target' name the endpoints; keep one pair"
    )


def test_unknown_header_lists_every_missing_column_and_nearest_names(tmp_path, cli):
    folder = write_dir(tmp_path / "m", "src,type,dest\nwg,REPORTS_TO,jc\n")
    result = cli("validate", folder)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.count("\n") == 0  # one line
    for part in ("'from', 'to' (govgraph)", "'source', 'target'", "':START_ID', ':END_ID'"):
        assert part in message
    assert "'src' → 'source'" in message
    assert str(folder / "relationships.csv") + ":1" in message


def test_missing_type_after_dialect_is_named(tmp_path):
    folder = write_dir(tmp_path / "m", "source,target\nwg,jc\n")
    with pytest.raises(InputError, match="missing column 'type'"):
        read_model(folder)


def test_gephi_undirected_edge_is_refused_with_its_line(tmp_path):
    folder = write_dir(
        tmp_path / "m", "Source,Target,Type,Label\nwg,jc,Directed,PART_OF\nwg,jc,Undirected,X\n"
    )
    with pytest.raises(InputError) as raised:
        read_model(folder)
    assert str(raised.value).startswith(f"{folder / 'relationships.csv'}:3: Type: an undirected")


def test_entity_dialects_read_ids_and_kinds(tmp_path):
    rels = "from,type,to\nwg,REPORTS_TO,jc\n"
    for entities in (
        "Id,Label,kind\njc,Joint Councils,council\nwg,Data WG,working_group\n",
        "Label,Type,name_en\njc,Council,Joint Councils\nwg,Working Group,Data WG\n",
        "id:ID,:LABEL,name_en\njc,Council,Joint Councils\nwg,WorkingGroup,Data WG\n",
    ):
        model = read_model(write_dir(tmp_path / entities[:5].replace(":", "_"), rels, entities))
        assert [(e.id, e.kind.value, e.name.en) for e in model.entities] == [
            ("jc", "council", "Joint Councils"),
            ("wg", "working_group", "Data WG"),
        ]


def test_xlsx_reads_a_gephi_sheet(tmp_path):
    book = Workbook()
    book.active.title = "entities"
    book["entities"].append(["id", "kind", "name_en"])
    book["entities"].append(["jc", "council", "Joint Councils"])
    book["entities"].append(["wg", "working_group", "Data WG"])
    sheet = book.create_sheet("relationships")
    sheet.append(["Source", "Type", "Target", "provenance"])
    sheet.append(["wg", "REPORTS_TO", "jc", "deck"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    model, findings = validate_path(path)
    assert (model.relationships[0].from_, model.relationships[0].source) == ("wg", "deck")
    assert [f.file for f in findings if f.code == "read-dialect"] == [f"{path}[relationships]"]


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_parliament_of_canada_validates_as_is(cli):
    """A real structure in networkx form (source,type,target,provenance), answers by hand."""
    folder = EDGE_LISTS / "parliament-of-canada"
    assert _csv_rows(folder / "relationships.csv")[0].keys() >= {"source", "target"}
    result = cli("validate", folder)
    assert result.exit_code == 0, result.output
    model = load_model(folder)
    graph = to_graph(model)
    # the public accounts committee reports to the House, part of Parliament
    assert reporting_chains(graph, "pacp") == [["pacp", "house-of-commons", "parliament"]]
    # the joint committee on regulations reports to both chambers
    assert reporting_chains(graph, "regs") == [
        ["regs", "house-of-commons", "parliament"],
        ["regs", "senate", "parliament"],
    ]
    oag = [r for r in model.relationships if r.from_ == "oag"]
    assert [(r.type.value, r.to, r.source) for r in oag] == [
        ("REPORTS_TO", "house-of-commons", "Auditor General Act, s. 7")
    ]


def test_council_of_the_federation_validates_as_is(cli):
    """A real structure in Gephi form (Source,Type,Target), answers by hand: thirteen
    provinces and territories on the Council, the four Atlantic provinces on theirs."""
    folder = EDGE_LISTS / "council-of-the-federation"
    result = cli("validate", folder)
    assert result.exit_code == 0, result.output
    assert "gephi dialect" in result.output
    model = load_model(folder)
    members = {}
    for rel in model.relationships:
        if rel.type.value == "MEMBER_OF":
            members.setdefault(rel.to, set()).add(rel.from_)
    assert len(members["council-of-the-federation"]) == 13
    assert members["council-of-atlantic-premiers"] == {"nb", "ns", "pe", "nl"}
    assert members["council-of-atlantic-premiers"] <= members["council-of-the-federation"]


@pytest.mark.parametrize("dialect", ["govgraph", "gephi", "kumu", "neo4j-admin"])
def test_convert_dialect_round_trips(cli, example_path, example_model, tmp_path, dialect):
    out = tmp_path / dialect
    result = cli("convert", example_path, f"{out}/", "--dialect", dialect)
    assert result.exit_code == 0, result.output
    header = (out / "relationships.csv").read_text(encoding="utf-8").splitlines()[0]
    expected = {
        "govgraph": "from,type,to",
        "gephi": "Source,Label,Type,Target",
        "kumu": "From,Type,To",
        "neo4j-admin": ":START_ID,:TYPE,:END_ID",
    }[dialect]
    assert header.startswith(expected)
    back = tmp_path / "back.yaml"
    assert cli("convert", out, back).exit_code == 0
    assert load_model(back).canonical() == example_model.canonical()


def test_neo4j_admin_labels_are_kinds(cli, example_path, tmp_path):
    out = tmp_path / "neo"
    cli("convert", example_path, f"{out}/", "--dialect", "neo4j-admin")
    rows = _csv_rows(out / "entities.csv")
    assert {row[":LABEL"] for row in rows} >= {"Council", "WorkingGroup"}


def test_dialect_only_for_csv(cli, example_path, tmp_path):
    result = cli("convert", example_path, tmp_path / "m.yaml", "--dialect", "gephi")
    assert result.exit_code == 2
    assert "--dialect applies to the CSV form only" in result.stderr
    assert not (tmp_path / "m.yaml").exists()


def test_neo4j_ignored_columns_are_dropped_even_two(tmp_path):
    folder = write_dir(
        tmp_path / "m",
        ":START_ID,:IGNORE,:TYPE,:END_ID,note:IGNORE\nwg,x,REPORTS_TO,jc,y\n",
    )
    model, findings = validate_path(folder)
    assert model.relationships[0].attributes == {}
    (note,) = [f for f in findings if f.code == "read-dialect"]
    assert "':IGNORE' → (ignored)" in note.message_en
