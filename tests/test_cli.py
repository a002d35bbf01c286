import json
import subprocess
import sys
from datetime import date

import pytest

from govgraph.cli import main
from tests.helpers import ROOT


def test_every_command_has_help_with_an_example(cli):
    def walk(group, prefix=()):
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))

    commands = list(walk(main))
    assert commands
    for path, _ in commands:
        result = cli(*path, "--help")
        assert result.exit_code == 0
        assert "Example" in result.stdout, path


def test_validate_the_example_exits_0_and_lists_the_decks_complaints(cli, example_path):
    result = cli("validate", example_path)
    assert result.exit_code == 0
    assert "no-formal-parent" in result.stdout and "joint-councils-wg" in result.stdout
    assert "no-support" in result.stdout
    assert "0 errors" in result.stdout


def test_validate_json_and_french(cli, example_path):
    data = json.loads(cli("validate", example_path, "--format", "json", "--lang", "fr").stdout)
    assert data["valid"] is True and data["errors"] == 0 and data["warnings"] >= 6
    assert any("lien informel" in f["message"] for f in data["findings"])
    assert all(f["severity"] == "warning" for f in data["findings"])


def test_validate_strict_turns_warnings_into_exit_1(cli, example_path):
    assert cli("validate", example_path, "--strict").exit_code == 1


def test_validate_as_of_checks_that_date(cli, example_path):
    data = json.loads(cli("validate", example_path, "--as-of", "2000", "--format", "json").stdout)
    assert any(
        f["code"] == "no-support" and f["entities"] == ["joint-councils"] for f in data["findings"]
    )


def test_show_summarises(cli, example_path):
    data = json.loads(cli("show", example_path, "--as-of", "all", "--format", "json").stdout)
    assert data["entities"]["council"] == 3 and data["entities"]["working_group"] == 5
    assert data["entities"]["meeting"] == 7 and data["as_of"] == "all"
    assert data["roots"] == ["joint-councils"]
    assert data["date_range"] == ["1998", "2025"]
    in_2016 = json.loads(cli("show", example_path, "--as-of", "2016", "--format", "json").stdout)
    assert in_2016["entities"]["working_group"] == 5 and in_2016["as_of"] == "2016-01-01"
    table = cli("show", example_path, "--lang", "fr", "--as-of", "all").stdout
    assert "Conseils mixtes" in table and "Groupe de travail" in table
    assert table.splitlines()[0] == "Toutes les dates (tout l'historique)"
    rows = cli("show", example_path, "--format", "csv").stdout.splitlines()
    assert rows[0] == "section,key,value" and "Entities,council,3" in rows
    assert f"As of,{date.today().isoformat()}," in rows


def test_show_answers_as_of_today_by_default(cli, example_path):
    """The Framework WG (2015-2018) and the meetings of past years are history: a
    plain ``show`` counts what holds today, says so, and matches ``--as-of today``."""
    today = date.today().isoformat()
    data = json.loads(cli("show", example_path, "--format", "json").stdout)
    assert data["as_of"] == today and data["entities"]["working_group"] == 4
    assert "meeting" not in data["entities"]
    explicit = json.loads(cli("show", example_path, "--as-of", "today", "--format", "json").stdout)
    assert explicit == data
    table = cli("show", example_path).stdout.splitlines()
    assert table[0] == f"As of {today}"


def test_convert_writes_the_format_the_path_names(cli, example_path, tmp_path):
    result = cli("convert", example_path, tmp_path / "out.json")
    assert result.exit_code == 0 and "Wrote" in result.stderr
    assert json.loads((tmp_path / "out.json").read_text())["entities"][0]["id"] == "joint-councils"
    assert cli("convert", example_path, tmp_path / "csv/").exit_code == 0
    assert (tmp_path / "csv" / "entities.csv").exists()
    in_2000 = cli("convert", example_path, tmp_path / "2000.yaml", "--as-of", "2000")
    assert in_2000.exit_code == 0 and "iccs" not in (tmp_path / "2000.yaml").read_text()


def test_usage_errors_exit_2(cli, example_path, tmp_path):
    assert cli("validate").exit_code == 2
    assert cli("show", example_path, "--format", "xml").exit_code == 2
    assert cli("show", example_path, "--as-of", "2019-02-30").exit_code == 2
    result = cli("convert", example_path, tmp_path / "out.txt")
    assert result.exit_code == 2 and "unknown format" in result.stderr
    assert not (tmp_path / "out.txt").exists()
    missing = cli("show", tmp_path / "nope.yaml")
    assert missing.exit_code == 2 and missing.stderr.strip().endswith("nope.yaml: no such file")


def test_names_are_printed_as_text_not_markup(cli, tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(
        'entities:\n  - {id: a, kind: council, name: {en: "[bold red]x[/] <script>"}}\n'
        "  - {id: b, kind: council, name: {en: B}}\n"
        "relationships:\n  - {from: b, type: PART_OF, to: a}\n"
    )
    result = cli("show", path)
    assert "[bold red]x[/] <script>" in result.stdout


@pytest.mark.parametrize("entry", [["-m", "govgraph"]])
def test_python_dash_m_works(entry, example_path):
    result = subprocess.run(
        [sys.executable, *entry, "show", str(example_path), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["roots"] == ["joint-councils"]
