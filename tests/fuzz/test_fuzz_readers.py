"""Fuzzing every reader through the library's read path (no subprocess per example):
mutated bytes of real files of each format, random structures in model-shaped
documents, and splices of the tokens that once broke a reader.

Each input must be read, or refused with ``InputError`` (exit 2) whose message names
the input; nothing else may escape (that would be exit 3), nothing may be written,
and each read stays within ``MAX_SECONDS`` and ``MAX_MEGABYTES`` (peak Python
allocations, measured with ``tracemalloc``). Every input a fuzzer ever found failing
is kept below as an explicit ``@example``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govgraph.errors import GovgraphError, InputError
from govgraph.formats import validate_path, write_model
from govgraph.model import GovernanceModel
from govgraph.rules import load_rules_file
from govgraph.scenarios.spec import load_scenario

ROOT = Path(__file__).resolve().parents[2]
MAX_SECONDS = 20.0
MAX_MEGABYTES = 300
FUZZ = settings(
    max_examples=int(os.environ.get("GOVGRAPH_FUZZ_EXAMPLES", "40")),
    deadline=None,  # time is bounded by MAX_SECONDS below, measured per read
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

#: Tokens that once broke a reader, spliced into inputs.
TOKENS = [
    b"\x00",
    b"\xff\xfe",
    b"\x1b[2J",
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"1" + b"0" * 5000,
    b"[" * 1200,
    b"{" * 50,
    b"&a [*a, *a, *a]",
    b"*a",
    b"!!python/object:os.system",
    b'"@context": "http://127.0.0.1:9/ctx.json"',
    b'"@context": "file:///etc/passwd"',
    b"rdf:rest",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
    b"=HYPERLINK(1)",
    b"\r",
    b'"',
    b",",
    b";",
    "\u2029".encode(),
]

SEED_MODEL = GovernanceModel.model_validate(
    {
        "title": {"en": "Fuzz seed", "fr": "Graine"},
        "description": "A small model using every field.",
        "rules": [{"id": "span", "require": {"span": "formal", "max": 8}}],
        "entities": [
            {
                "id": "council",
                "kind": "council",
                "name": {"en": "Council", "fr": "Conseil"},
                "acronym": {"en": "C"},
                "valid_from": "2019",
                "tags": ["a", "b"],
                "identifiers": {"wikidata": "Q1"},
                "attributes": {"n": 3, "nested": {"x": [1, 2.5, None, True]}},
                "source": "https://example.org/c",
            },
            {"id": "wg", "kind": "working_group", "name": {"en": "WG"}, "valid_to": "2030-06"},
            {"id": "ann", "kind": "person", "name": {"en": "Ann"}},
            {"id": "p1", "kind": "priority", "name": {"en": "Data"}},
        ],
        "relationships": [
            {"from": "wg", "type": "REPORTS_TO", "to": "council", "formal": True},
            {"from": "ann", "type": "MEMBER_OF", "to": "council", "role": "chair"},
            {"from": "council", "type": "ADVANCES", "to": "p1", "tags": ["t"]},
        ],
    }
)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_read_or_refused(path: Path, read: Callable[[Path], Any], folder: Path) -> None:
    """``read(path)`` gives a value or a located ``InputError``; nothing else, nothing
    written in ``folder``, within the time and memory bounds."""
    before = _files(folder)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read(path)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(str(path)) or message.startswith(str(path.parent)), message
        assert "\n" not in message.strip(), message
        assert exc.exit_code == 2
    except GovgraphError as exc:  # any other govgraph error must still be bad input
        assert exc.exit_code == 2, repr(exc)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert time.perf_counter() - started < MAX_SECONDS
    assert peak < MAX_MEGABYTES * 2**20, f"{peak / 2**20:.0f} MB"
    assert _files(folder) == before


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` after a few random edits: flipped, inserted, deleted, repeated bytes and
    spliced tokens."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "token"]))
        if action == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "repeat":
            part = bytes(data[at : at + draw(st.integers(1, 32))])
            data[at:at] = part * draw(st.integers(1, 20))
        else:
            data[at:at] = draw(st.sampled_from(TOKENS))
    return bytes(data)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["council", "REPORTS_TO", "2020-02-30", "", " ", "\x1b[2J", "=1+1"]),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def restructured(draw: st.DrawFn, document: Any) -> Any:
    """``document`` with one to three subtrees replaced by random JSON-like values."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        parent, key = None, None
        node = document
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = node[key]
        if parent is None:
            continue
        parent[key] = draw(json_values)
    return document


def _seed_file(folder: Path, name: str, model: GovernanceModel = SEED_MODEL) -> Path:
    path = folder / name
    write_model(model, path)
    return path


# ── byte mutations of every model format ────────────────────────────────────────────

_SEED_DIR = Path(tempfile.mkdtemp(prefix="govgraph-fuzz-seeds-"))
SEEDS: dict[str, bytes] = {
    name: _seed_file(_SEED_DIR, name).read_bytes()
    for name in ("m.yaml", "m.json", "m.ttl", "m.jsonld", "m.nt", "m.popolo.json", "m.graphml")
}
SEEDS["m.xlsx"] = _seed_file(_SEED_DIR, "m.xlsx").read_bytes()

#: Inputs that once broke a reader (found by the fuzzers or by probing), by format.
FOUND: dict[str, list[bytes]] = {
    "m.yaml": [
        b"entities:\n  - id: a\n    kind: council\n    attributes: {x: .nan}\n",
        b"a: &a [*a, *a]\nentities: []\n",
        b"entities:\n - id: a\n   kind: council\n   attributes:\n"
        + b"".join(
            b"     l%d: &l%d [%s]\n" % (i, i, b", ".join([b"*l%d" % (i - 1)] * 9) if i else b"x")
            for i in range(9)
        ),
        b"entities: [" + b"[" * 5000 + b"]" * 5000 + b"]\n",
        b"entities:\n  - !!python/object:os.system {}\n",
        b"entities: []\n\x00",
        b"entities: [{id: a, kind: council, attributes: {n: 1" + b"0" * 5000 + b"}}]",
        b"entities: [{id: a, kind: council}]\nentities: []\n",
    ],
    "m.json": [
        b'{"entities": [{"id": "a", "kind": "council", "attributes": {"x": Infinity}}]}',
        b'{"entities": [{"id": "a", "kind": "council", "attributes": {"x": NaN}}]}',
        b'{"entities": ' + b"[" * 3000 + b"]" * 3000 + b"}",
        b'{"entities": [{"id": "a", "kind": "council", "attributes": {"x": 1'
        + b"0" * 5000
        + b"}}]}",
        b'{"entities": [], "entities": []}',
        b"\xef\xbb\xbf\xff",
    ],
    "m.jsonld": [
        b'{"@context": "http://127.0.0.1:9/ctx.json", "@id": "x"}',
        b'{"@context": ["file:///etc/passwd"], "@id": "x"}',
        b'{"@context": {"@import": "ctx.json"}, "@id": "x"}',
        b'{"@context": {"t": {"@id": "http://e/t", "@context": "http://127.0.0.1:9/c"}}}',
        b"[1, 2, NaN]",
    ],
    "m.ttl": [
        b'@prefix gg: <https://w3id.org/govgraph/vocab#> .\n<x> a gg:Model ; gg:rules "[{" .',
        b"@prefix gg: <https://w3id.org/govgraph/vocab#> .\n"
        b"@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        b'<a> gg:id "a" ; gg:tags _:l .\n_:l rdf:first "t" ; rdf:rest _:l .',
    ],
    "m.nt": [b'<a> <b> "\\u0000" .\n'],
    "m.popolo.json": [
        b'{"organizations": [{"id": "a", "classification": [["x"]]}]}',
        b'{"organizations": [{"id": "a", "other_names": 12345}]}',
        b'{"organizations": [{"id": "a", "parent_id": ["b"]}]}',
        b'{"organizations": [{"id": "a", "identifiers": "x"}]}',
        b'{"organizations": [{"id": "a", "sources": 1}]}',
        b'{"memberships": [{"person_id": {"a": 1}}]}',
        b'{"memberships": [{"member": 3}]}',
        b'{"govgraph": []}',
    ],
    "m.graphml": [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b"<graphml>&e;</graphml>",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><graphml>&d;</graphml>',
        b'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        b'<key id="r" for="graph" attr.name="rules" attr.type="string"/>'
        b'<graph edgedefault="directed"><data key="r">[</data></graph></graphml>',
    ],
    "m.xlsx": [b"PK\x03\x04", b""],
}
# the classic nine-level "billion laughs": refused by expat's amplification limit
FOUND["m.graphml"].append(
    b'<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a0 "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    + b']><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    b'<graph edgedefault="directed"><node id="&a9;"/></graph></graphml>'
)


def _damaged_deflate(workbook: bytes) -> bytes:
    """``workbook`` with bytes inside its first sheet's compressed data changed: it
    opens, and fails (``zlib.error``) only while rows are read (once an exit 3)."""
    at = workbook.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml") + 20
    return workbook[:at] + bytes(b ^ 0x5A for b in workbook[at : at + 16]) + workbook[at + 16 :]


FOUND["m.xlsx"].append(_damaged_deflate(SEEDS["m.xlsx"]))


def _fuzz_file(tmp_path_factory, name: str, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / name
    path.write_bytes(data)
    assert_read_or_refused(path, validate_path, folder)


def _mutation_test(name: str) -> Callable[..., None]:
    def test(tmp_path_factory, blob):
        _fuzz_file(tmp_path_factory, name, blob)

    for found in FOUND.get(name, ()):
        test = example(blob=found)(test)
    test = FUZZ(given(blob=mutated(SEEDS[name]))(test))
    test.__name__ = f"test_mutated_{name.replace('.', '_')}_files_are_read_or_refused"
    return test


for _name in SEEDS:
    _test = _mutation_test(_name)
    globals()[_test.__name__] = _test


# ── random structures in model-shaped documents ─────────────────────────────────────


@pytest.mark.parametrize("name", ["m.yaml", "m.json", "m.popolo.json", "m.jsonld"])
@FUZZ
@given(data=st.data())
@example(data=None)
def test_model_documents_with_random_subtrees_are_read_or_refused(tmp_path_factory, name, data):
    seed = json.loads(SEEDS[name if name != "m.yaml" else "m.json"])
    document = data.draw(restructured(seed)) if data is not None else {"entities": [float("nan")]}
    text = json.dumps(document, allow_nan=True)
    _fuzz_file(tmp_path_factory, name, text.encode())


# ── the CSV directory ───────────────────────────────────────────────────────────────


@FUZZ
@given(which=st.sampled_from(["entities.csv", "relationships.csv", "meta.yaml"]), data=st.data())
def test_mutated_csv_directories_are_read_or_refused(tmp_path_factory, which, data):
    folder = tmp_path_factory.mktemp("fuzz")
    model_dir = _seed_file(folder, "csv")
    target = model_dir / which
    target.write_bytes(data.draw(mutated(target.read_bytes())))
    assert_read_or_refused(model_dir, validate_path, folder)


@FUZZ
@example(cells=["0"])  # a row shorter than the header: once a KeyError (exit 3)
@given(
    cells=st.lists(
        st.text(max_size=40) | st.sampled_from([t.decode("latin-1") for t in TOKENS]),
        min_size=1,
        max_size=6,
    )
)
def test_csv_rows_of_random_cells_are_read_or_refused(tmp_path_factory, cells):
    import csv

    folder = tmp_path_factory.mktemp("fuzz")
    model_dir = _seed_file(folder, "csv")
    with (model_dir / "entities.csv").open(
        "a", newline="", encoding="utf-8", errors="replace"
    ) as handle:
        csv.writer(handle).writerow(cells)
    assert_read_or_refused(model_dir, validate_path, folder)


# ── the workbook ────────────────────────────────────────────────────────────────────


@FUZZ
@given(
    sheet=st.sampled_from(["entities", "relationships", "meta"]),
    cells=st.lists(
        json_values.map(
            lambda v: v if isinstance(v, str | int | bool) or v is None else json.dumps(v)
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_workbooks_with_random_cells_are_read_or_refused(tmp_path_factory, sheet, cells):
    from openpyxl import load_workbook

    folder = tmp_path_factory.mktemp("fuzz")
    path = _seed_file(folder, "m.xlsx")
    book = load_workbook(path)
    safe = [
        c if not isinstance(c, str) else "".join(ch for ch in c if ch >= " " or ch in "\t\n")
        for c in cells
    ]
    book[sheet].append(safe)
    book.save(path)
    assert_read_or_refused(path, validate_path, folder)


# ── rules and scenarios ─────────────────────────────────────────────────────────────


@FUZZ
@given(data=st.data())
def test_mutated_rules_files_are_read_or_refused(tmp_path_factory, data):
    seed = (ROOT / "fixtures" / "rules" / "governance-rules.yaml").read_bytes()
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "rules.yaml"
    if data.draw(st.booleans()):
        path.write_bytes(data.draw(mutated(seed)))
    else:
        import yaml

        path.write_text(json.dumps(data.draw(restructured(yaml.safe_load(seed))), allow_nan=True))
    assert_read_or_refused(path, load_rules_file, folder)


@FUZZ
@given(data=st.data())
def test_mutated_scenarios_are_read_or_refused(tmp_path_factory, data):
    seed = (ROOT / "fixtures" / "scenarios" / "quick-wins.yaml").read_bytes()
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "scenario.yaml"
    if data.draw(st.booleans()):
        path.write_bytes(data.draw(mutated(seed)))
    else:
        import yaml

        document = yaml.safe_load(seed)
        document["effective"] = str(document["effective"])
        path.write_text(json.dumps(data.draw(restructured(document)), allow_nan=True))
    assert_read_or_refused(path, load_scenario, folder)
