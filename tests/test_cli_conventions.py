"""The command line behaves like the tools people know: ``-`` for the standard streams,
NO_COLOR, --quiet, JSON errors, shell completion, ``init``, and a fast start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from govgraph.cli.lazy import LazyCommands
from govgraph.formats import load_model

ROOT = Path(__file__).resolve().parent.parent
GOVGRAPH = [sys.executable, "-m", "govgraph"]


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """govgraph as a process (streams, colour and imports are the real ones)."""
    return subprocess.run(
        [*GOVGRAPH, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "GOVGRAPH_LANG": "en", **(env or {})},
        check=False,
        **kwargs,
    )


# standard output and input -----------------------------------------------------------


def test_convert_to_stdout_writes_the_model_and_no_file(cli, example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("convert", example_path, "-")
    assert result.exit_code == 0
    assert not (tmp_path / "-").exists()
    document = yaml.safe_load(result.stdout)
    assert len(document["entities"]) == len(load_model(example_path).entities)
    assert result.stderr.startswith("Wrote standard output (")
    as_json = json.loads(cli("convert", example_path, "-", "--to", "json").stdout)
    assert as_json["entities"] == document["entities"]


def test_a_binary_format_goes_to_stdout_too(cli, example_path, tmp_path):
    out = subprocess.run(
        [*GOVGRAPH, "convert", str(example_path), "-", "--to", "xlsx", "-q"],
        capture_output=True,
        cwd=ROOT,
        check=True,
    ).stdout
    assert out[:2] == b"PK"  # a zip: the workbook
    (tmp_path / "m.xlsx").write_bytes(out)
    assert load_model(tmp_path / "m.xlsx").canonical() == load_model(example_path).canonical()


def test_stdin_as_model_in_a_pipeline(example_path):
    pipeline = (
        f"{sys.executable} -m govgraph convert {example_path} - --to json -q"
        f" | {sys.executable} -m govgraph show - --input-format json --format json"
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", pipeline], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entities"]["council"] == 3


def test_stdin_yaml_by_default_and_its_errors_name_stdin(cli, example_path):
    text = example_path.read_text(encoding="utf-8")
    assert json.loads(cli("show", "-", "--format", "json", input=text).stdout)["roots"] == [
        "joint-councils"
    ]
    assert cli("validate", "-", input=text).exit_code == 0
    broken = cli("validate", "-", input="entities: [\n")
    assert broken.exit_code == 2 and broken.stderr.startswith("error: <stdin>:")
    bad_json = cli("show", "-", "--input-format", "json", input="{")
    assert bad_json.exit_code == 2 and "<stdin>" in bad_json.stderr


def test_export_html_to_stdout(cli, example_path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export", "html", example_path, "-o", "-")
    assert result.exit_code == 0 and result.stdout.lstrip().lower().startswith("<!doctype html")
    assert not (tmp_path / "-").exists()


def test_generate_to_stdout(cli):
    result = cli("generate", "-o", "-", "--bodies", 3, "--people", 3, "--to", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["entities"]


# MODEL given as an empty string ------------------------------------------------------


def test_an_empty_model_argument_says_so(cli):
    result = cli("show", "")  # govgraph show "$NEO4J_URI" with the variable unset
    assert result.exit_code == 2
    assert "MODEL is empty" in result.stderr and "NEO4J_URI" in result.stderr
    assert "entities.csv" not in result.stderr
    french = cli("validate", "", "--lang", "fr")
    assert french.exit_code == 2 and french.stderr.startswith("erreur : MODÈLE est vide")


# colour, quiet, JSON errors ----------------------------------------------------------


def test_colour_on_a_terminal_and_none_with_no_color(example_path):
    coloured = run("validate", str(example_path), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[33m" in coloured  # warnings in yellow
    plain = run("validate", str(example_path), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[33m" not in plain and "\x1b[31m" not in plain
    piped = run("validate", str(example_path)).stdout
    assert "\x1b[" not in piped


def test_quiet_leaves_out_status_lines_but_not_errors(cli, example_path, tmp_path):
    out = tmp_path / "m.json"
    assert cli("convert", example_path, out).stderr.startswith("Wrote ")
    assert cli("convert", example_path, out, "--quiet").stderr == ""
    assert cli("-q", "convert", example_path, out).stderr == ""
    assert cli("export", "html", example_path, "-o", tmp_path / "m.html", "-q").stderr == ""
    failed = cli("convert", tmp_path / "nope.yaml", out, "-q")
    assert failed.exit_code == 2 and failed.stderr.startswith("error: ")


def test_errors_are_json_on_stderr_with_format_json(cli, example_path, tmp_path):
    missing = cli("show", tmp_path / "nope.yaml", "--format", "json")
    assert missing.exit_code == 2 and missing.stdout == ""
    error = json.loads(missing.stderr)["error"]
    assert error["message"].endswith("no such file") and error["file"] == str(
        tmp_path / "nope.yaml"
    )
    assert error["exit_code"] == 2
    unknown = json.loads(cli("chain", example_path, "nope", "--format", "json").stderr)
    assert unknown["error"]["message"].startswith("unknown id 'nope'")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "entities:\n  - {id: a, kind: council, name: {en: A}}\n"
        "  - {id: a, kind: council, name: {en: B}}\n"
        "relationships:\n  - {from: a, type: REPORTS_TO, to: zz}\n",
        encoding="utf-8",
    )
    invalid = json.loads(cli("show", broken, "--format", "json", "--lang", "fr").stderr)["error"]
    codes = {f["code"] for f in invalid["findings"]}
    assert {"duplicate-id", "unknown-reference"} <= codes
    assert all(f["line"] for f in invalid["findings"])
    assert "identifiant" in invalid["message"]


def test_french_error_lines(cli, tmp_path):
    result = cli("show", tmp_path / "nope.yaml", "--lang", "fr")
    assert result.stderr.startswith("erreur : ") and "fichier introuvable" in result.stderr


# init ---------------------------------------------------------------------------------


def test_init_writes_a_commented_starter_that_validates(cli, tmp_path):
    target = tmp_path / "my-model.yaml"
    result = cli("init", target)
    assert result.exit_code == 0 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert text.count("\n#") >= 5  # commented
    checked = json.loads(cli("validate", target, "--format", "json").stdout)
    assert checked["valid"] and checked["errors"] == 0 and checked["warnings"] == 0
    again = cli("init", target)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert target.read_text(encoding="utf-8") == text
    assert cli("init", target, "--force").exit_code == 0
    assert cli("init", tmp_path / "m.json").exit_code == 2
    assert cli("init", "-").stdout == text


# shell completion ---------------------------------------------------------------------


def test_shell_completion_lists_commands_and_options():
    script = run(env={"_GOVGRAPH_COMPLETE": "bash_source"})
    assert script.returncode == 0 and "complete -o nosort -F" in script.stdout
    words = run(
        env={"_GOVGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "govgraph val", "COMP_CWORD": "1"}
    )
    assert "validate" in words.stdout
    options = run(
        env={
            "_GOVGRAPH_COMPLETE": "bash_complete",
            "COMP_WORDS": "govgraph overlaps x --min",
            "COMP_CWORD": "3",
        }
    )
    assert "--min-jaccard" in options.stdout


# a fast start -------------------------------------------------------------------------

HEAVY = ("networkx", "numpy", "scipy", "neo4j", "rdflib", "openpyxl", "pydantic", "rich", "yaml")


def _loaded_after(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from govgraph.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stderr.strip().splitlines()[-1].split()) if done.stderr.strip() else set()


def test_help_loads_no_heavy_library():
    assert _loaded_after("--help") == set()
    # a command's help loads its own module only
    assert "neo4j" not in _loaded_after("overlaps", "--help")


def test_validate_loads_only_what_it_needs(example_path):
    loaded = _loaded_after("validate", str(example_path))
    assert loaded <= {"pydantic", "yaml", "rich"}, loaded
    assert "networkx" not in _loaded_after("show", str(example_path))


#: What ``validate`` of a YAML file never needs: the analysis, store, HTML and
#: interoperability libraries, the parts of govgraph built on them, the other formats'
#: readers, and the modules only writers use.
NOT_FOR_VALIDATE = (
    *("networkx", "numpy", "scipy", "neo4j", "rdflib", "openpyxl", "ctypes"),
    *("govgraph.graph", "govgraph.analysis", "govgraph.store", "govgraph.html"),
    *("govgraph.scenarios", "govgraph.health", "govgraph.rules", "govgraph.importing"),
    *("govgraph.generate", "govgraph.formats.spreadsheet", "govgraph.formats.rows"),
    *("govgraph.formats.xlsx", "govgraph.formats.org", "govgraph.formats.popolo"),
    *("govgraph.formats.networks", "govgraph.formats.jsonld_context"),
)


def _modules_after(*args: str) -> set[str]:
    """Every module loaded once ``govgraph ARGS`` has run, in a fresh process (it must
    have run: exit 0 or 1)."""
    code = (
        "import sys\n"
        "from govgraph.cli import main\n"
        "try:\n"
        f"    main({list(args)!r})\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, 1, None), exc.code\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return set(done.stderr.strip().splitlines()[-1].split())


def _under(modules: set[str], names: tuple[str, ...]) -> set[str]:
    return {m for m in modules for n in names if m == n or m.startswith(f"{n}.")}


def test_validate_imports_no_module_it_does_not_use(example_path):
    """``validate`` reads the YAML, validates it with the pydantic model, runs the
    checks and prints: nothing of the analyses, the store, the views or the other
    formats loads (a module that pulls those at import time fails here)."""
    table = _modules_after("validate", str(example_path))
    assert {"pydantic", "yaml", "rich", "govgraph.checks", "govgraph.model"} <= table
    assert _under(table, NOT_FOR_VALIDATE) == set()
    as_json = _modules_after("validate", str(example_path), "--format", "json")
    assert _under(as_json, (*NOT_FOR_VALIDATE, "rich")) == set()


def test_lazy_registry_help_matches_each_command():
    """The one-line help ``govgraph --help`` lists without importing a command is the
    command's own."""
    from govgraph.cli import main

    commands = main.commands
    assert isinstance(commands, LazyCommands)
    for name in list(commands):
        registered = commands.short_help(name)
        expected = commands[name].get_short_help_str(84)
        hint = f'main.add_lazy_command({name!r}, "govgraph.cli.MODULE:ATTRIBUTE", {expected!r})'
        assert registered is not None, f"{name} is imported at start: register it as {hint}"
        assert registered == expected, f"{name}: register it as {hint}"
