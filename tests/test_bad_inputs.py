"""The bad-input corpus (tests/bad_inputs): every case exits 2 with one line naming the
file and the line, says what is wrong, and writes nothing."""

import pytest

from tests.helpers import BAD_INPUTS

# case → (file the message names, line, words the message must hold)
CASES = {
    "broken_yaml.yaml": ("broken_yaml.yaml", 5, "invalid YAML"),
    "broken_json.json": ("broken_json.json", 4, "invalid JSON"),
    "empty.yaml": ("empty.yaml", 1, "empty"),
    "not_a_mapping.yaml": ("not_a_mapping.yaml", 1, "expected a mapping"),
    "duplicate_key.yaml": ("duplicate_key.yaml", 5, "key 'kind' given twice"),
    "unknown_kind.yaml": ("unknown_kind.yaml", 6, "unknown kind 'councl'"),
    "unknown_type.yaml": ("unknown_type.yaml", 6, "did you mean 'REPORTS_TO'"),
    "unknown_field.yaml": ("unknown_field.yaml", 5, "unknown field 'acronyms'"),
    "wrong_endpoints.yaml": ("wrong_endpoints.yaml", 5, "REPORTS_TO cannot start from a priority"),
    "dangling_reference.yaml": ("dangling_reference.yaml", 6, "'joint-councills' is not an entity"),
    "duplicate_id.yaml": ("duplicate_id.yaml", 4, "id 'pssdc' is used by more than one entity"),
    "formal_cycle.yaml": ("formal_cycle.yaml", 8, "c-wg → a-wg → b-wg → c-wg"),  # the closing line
    "impossible_date.yaml": ("impossible_date.yaml", 6, "'2018-02-30' is not a real date"),
    "wrong_kind_json.json": ("wrong_kind_json.json", 4, "unknown kind 'counsel'"),
    "csv_missing_column": ("csv_missing_column/entities.csv", 1, "missing column 'kind'"),
    "csv_stray_quote": ("csv_stray_quote/entities.csv", 3, "invalid CSV"),
    "csv_bad_formal": ("csv_bad_formal/relationships.csv", 2, "must be true or false"),
    "csv_unknown_kind": ("csv_unknown_kind/entities.csv", 3, "unknown kind 'workgroup'"),
    "csv_dangling": ("csv_dangling/relationships.csv", 3, "'nobdy' is not an entity"),
}


def test_the_corpus_and_the_table_agree():
    assert sorted(p.name for p in BAD_INPUTS.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["convert", "show", "validate"])
def test_bad_input_exits_2_naming_file_and_line_and_writes_nothing(cli, tmp_path, case, command):
    file, line, words = CASES[case]
    out = tmp_path / "out.yaml"
    args = [command, BAD_INPUTS / case] + ([out] if command == "convert" else [])
    if command == "validate":
        args += ["--format", "csv"]  # one finding per line
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
    if result.stderr:  # the file did not parse, or (show, convert) the model is invalid
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        first = result.stderr.splitlines()[0]
        assert f"{BAD_INPUTS / file}:{line}:" in first and words in first
    else:  # validate lists the findings
        assert command == "validate"
        assert any(
            f"{BAD_INPUTS / file}:{line}," in row and words in row
            for row in result.stdout.splitlines()
        )
