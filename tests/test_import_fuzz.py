"""Fuzzing the readers added for real data: any header gives a dialect or one
``InputError`` (never another exception), and any cells in a mapped table give a model
or an ``InputError`` naming the table, never a crash."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govgraph.errors import InputError
from govgraph.formats.dialects import read_header
from govgraph.importing import import_mapping
from tests.strategies import HOSTILE

NAMES = st.sampled_from(
    [
        "from",
        "to",
        "type",
        "source",
        "target",
        "Source",
        "Target",
        "Type",
        "Label",
        "From",
        "To",
        ":START_ID",
        ":END_ID(G)",
        ":TYPE",
        ":ID",
        "id:ID",
        ":LABEL",
        "id",
        "kind",
        "Id",
        "provenance",
        "interaction",
        "x:int",
        ":IGNORE",
        "",
    ]
)
CELLS = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.sampled_from(["", "2.0", "1999.0", "nineteen", "organization", "-1", "1e3"]),
)


@given(
    header=st.lists(st.one_of(NAMES, st.text(max_size=6)), max_size=8),
    table=st.sampled_from(["entities", "relationships"]),
)
def test_any_header_gives_a_dialect_or_one_input_error(header, table):
    try:
        reading = read_header(header, table, "t.csv")
    except InputError as exc:
        assert str(exc).startswith("t.csv:1: ")
        return
    assert len(reading.columns) == len(header)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.tuples(CELLS, CELLS, CELLS, CELLS), min_size=1, max_size=6))
def test_any_cells_give_a_model_or_a_located_error(rows):
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["org_id", "title", "ministry", "end"])
        writer.writerows(rows)
        (base / "orgs.csv").write_text(buffer.getvalue(), encoding="utf-8")
        mapping = {
            "tables": {"orgs": {"file": "orgs.csv"}},
            "entities": [
                {
                    "table": "orgs",
                    "id": {"column": "org_id", "prefix": "org-"},
                    "kind": "organization",
                    "name": {"en": "title"},
                    "valid_to": {"column": "end", "format": "year"},
                    "relationships": [
                        {
                            "type": "PART_OF",
                            "to": {"column": "ministry", "format": "integer", "prefix": "org-"},
                        }
                    ],
                }
            ],
        }
        path = base / "m.yaml"
        path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
        try:
            result = import_mapping(path)
        except InputError as exc:
            assert str(base) in str(exc) or "m.yaml" in str(exc)
            return
        assert len(result.model.entities) <= len(rows)
