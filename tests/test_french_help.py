"""Every ``--help`` in French: each command's text, one-line help and options have a
French entry in the catalogue, and ``--lang fr``, ``GOVGRAPH_LANG=fr`` or a French
locale show it, the examples kept as they are; English help is left as it was."""

from __future__ import annotations

import os
import subprocess
import sys

import click
import pytest

from govgraph.cli import main
from govgraph.cli.help_sync import all_help_entries
from govgraph.cli.help_sync import main as help_sync
from govgraph.cli.help_text import split_blocks
from govgraph.cli.reference import _contexts
from govgraph.i18n import catalogue
from tests.helpers import ROOT

ENTRIES = list(all_help_entries())


def _commands() -> list[click.Context]:
    return list(_contexts(main, "govgraph", None))


def _flat(text: str) -> str:
    """The words of ``text`` on one line (click may wrap ``--roll-up`` after its hyphen)."""
    return " ".join(text.split()).replace("- ", "-")


def test_every_help_text_has_a_french_entry():
    """Walks the whole command tree, lazily loaded commands included: a command, an
    option or a one-line help with no French (or French of an older English) fails."""
    keys = dict(ENTRIES)
    paths = {context.command_path for context in _commands()}
    assert {"govgraph db push", "govgraph export svg", "govgraph validate"} <= paths
    for path in paths:
        assert f"help.{path.replace(' ', '.')}.text" in keys, path
    assert "help.govgraph.validate.short" in keys and "help.option.lang" in keys
    problems = []
    for key, english in ENTRIES:
        entry = catalogue().get(key)
        if entry is None:
            problems.append(f"{key}: missing")
        elif entry.english[0] != english:
            problems.append(f"{key}: the catalogue has older English {entry.english[0]!r}")
        elif not entry.translations[0] or entry.is_fuzzy or entry.translations[0] == english:
            problems.append(f"{key}: no French")
    assert not problems, "run python -m govgraph.cli.help_sync, then translate:\n" + "\n".join(
        problems
    )
    assert len(ENTRIES) > 100


def test_the_sync_tool_finds_nothing_missing(capsys):
    assert help_sync(["--check"]) == 0, capsys.readouterr().err


def test_the_sync_tool_adds_a_missing_key(tmp_path, capsys):
    po = tmp_path / "govgraph.po"
    source = (ROOT / "govgraph/i18n/locale/fr/LC_MESSAGES/govgraph.po").read_text("utf-8")
    start = source.index('msgctxt "help.govgraph.init.option.force"')
    po.write_text(source[:start] + source[source.index("\n\n", start) + 2 :], "utf-8")
    assert help_sync(["--check", "--po", str(po)]) == 1
    assert "added help.govgraph.init.option.force" in capsys.readouterr().err
    assert help_sync(["--po", str(po)]) == 0
    assert 'msgctxt "help.govgraph.init.option.force"\nmsgid "Replace FILE if it exists."\n' in (
        po.read_text("utf-8")
    )


def _french_of(key: str) -> str:
    return catalogue()[key].translations[0]


@pytest.mark.parametrize("context", _commands()[1:], ids=lambda c: c.command_path)
def test_each_help_in_french(cli, monkeypatch, context):
    """``GOVGRAPH_LANG=fr govgraph CMD --help`` shows the command's French text with its
    examples as they are, each option's French help, and no English help text; the
    English help afterwards is the reference page's, byte for byte."""
    monkeypatch.setenv("COLUMNS", "100")
    args = context.command_path.split()[1:]
    english = cli(*args, "--help").stdout
    monkeypatch.setenv("GOVGRAPH_LANG", "fr")
    result = cli(*args, "--help")
    assert result.exit_code == 0, result.output
    french, shown = result.stdout, _flat(result.stdout)
    command = context.command
    key = "help." + ".".join(context.command_path.split())
    template, blocks = split_blocks(command.help or "")
    for paragraph in _french_of(f"{key}.text").split("\n\n"):
        if not paragraph.startswith("{block"):
            assert _flat(paragraph.replace("{{", "{").replace("}}", "}")) in shown
    for block in blocks:  # examples stay commands, line for line
        for line in block.splitlines()[1:]:
            assert line.rstrip() in french, line
    for paragraph in template.split("\n\n"):
        if not paragraph.startswith("{block") and len(paragraph.split()) > 3:
            assert _flat(paragraph) not in shown, paragraph
    for param in command.params:
        if isinstance(param, click.Option) and param.help and "Show the version" not in param.help:
            assert _flat(param.help) not in shown, param.help
    assert "Exemple" in french or not blocks
    assert "Afficher ce message et quitter." in french and "Show this message" not in french
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    assert cli(*args, "--help").stdout == english


def test_lang_fr_on_the_command_line(cli):
    result = cli("validate", "--lang", "fr", "--help")
    assert _flat(_french_of("help.govgraph.validate.option.strict")) in _flat(result.stdout)
    assert "Exit 1 when there are warnings." not in result.stdout
    assert "Vérifier un fichier de modèle" in result.stdout
    english = cli("validate", "--lang", "en", "--help")
    assert "Exit 1 when there are warnings." in english.stdout


def test_lang_before_the_command(cli, monkeypatch, example_path):
    """``govgraph --lang fr CMD``: the root's --lang is the command's default; the
    command's own --lang, given after it, wins."""
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    listing = cli("--lang", "fr", "--help")
    assert listing.exit_code == 0 and "Commandes" in _flat(listing.stdout)
    unknown = cli("--lang", "fr", "chain", example_path, "pssd")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("erreur : identifiant inconnu « pssd »")
    shown = cli("--lang", "fr", "show", example_path)
    assert shown.exit_code == 0 and shown.stdout.startswith("En date du ")
    english = cli("--lang", "fr", "chain", example_path, "pssd", "--lang", "en")
    assert english.stderr.startswith("error: unknown id 'pssd'")
    monkeypatch.setenv("GOVGRAPH_LANG", "fr")
    assert cli("--lang", "en", "chain", example_path, "pssd").stderr.startswith("error: ")


def test_the_command_list_in_french(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    english = cli("--help").stdout
    monkeypatch.setenv("GOVGRAPH_LANG", "fr")
    listing = _flat(cli("--help").stdout)
    assert "Commandes" in listing and "Options :" not in listing
    for name in main.list_commands(click.Context(main)):
        assert _flat(_french_of(f"help.govgraph.{name}.short")) in listing, name
        assert _flat(main.commands.short_help(name)) not in listing, name
    db = _flat(cli("db", "--help").stdout)
    assert "Créer les contraintes et l'index" in db  # a subcommand's first sentence
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    assert cli("--help").stdout == english


def test_a_french_locale_in_a_real_process():
    """The installed entry point, with LANG=fr_CA.UTF-8 and no GOVGRAPH_LANG."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOVGRAPH_LANG", "LC_ALL")}
    env.update(LANG="fr_CA.UTF-8", COLUMNS="100")
    command = [sys.executable, "-m", "govgraph", "chain", "--help"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "Chaque chaîne hiérarchique de ID" in result.stdout
    assert "govgraph chain fixtures/joint-councils.yaml data-driven-intelligence-wg" in (
        result.stdout
    )
    assert "Every reporting chain" not in result.stdout


def test_help_in_french_once_leaves_the_next_help_in_english() -> None:
    # a command whose --help option click had not made yet (its first --help of the
    # process) kept the French one made under --lang fr: the next English --help, and
    # the CLI reference, said "Afficher ce message et quitter."
    from click.testing import CliRunner

    runner = CliRunner()
    command = main.get_command(click.Context(main), "memberships")
    assert command is not None
    command._help_option = None  # as in a process that never showed its help
    french = runner.invoke(main, ["memberships", "--help", "--lang", "fr"])
    assert "Afficher ce message et quitter." in french.output
    english = runner.invoke(main, ["memberships", "--help"], env={"GOVGRAPH_LANG": "en"})
    assert english.exit_code == 0
    assert "Show this message and exit." in english.output
    assert "Afficher" not in english.output


#: Metavar words French writes the same way (TODAY and ALL are typed as they are).
SAME_IN_FRENCH = {"A", "B", "ID", "TYPE", "CYPHER", "DATE", "TODAY", "ALL"}


def test_every_metavar_is_french_under_french(cli, monkeypatch):
    """Each name that stands for a value (``MODEL``, ``OUT``, click's ``INTEGER``) has
    French words, and ``--help`` and click's errors show them; English is unchanged."""
    from govgraph.cli.help_text import _METAVAR_WORD, translated_metavar

    metavars = {
        param.make_metavar(context)
        for context in _commands()
        for param in context.command.params
        if not (isinstance(param, click.Option) and param.is_flag)
    }
    assert {"MODEL", "OUT", "INTEGER", "[ID]", "SCENARIO_A [SCENARIO_B ...]"} <= metavars
    untranslated = {
        word
        for metavar in metavars
        if f"metavar.{metavar}" not in catalogue()
        for word in _METAVAR_WORD.findall(metavar)
        if word not in SAME_IN_FRENCH and translated_metavar(word, "fr") == word
    }
    assert untranslated == set()

    monkeypatch.setenv("COLUMNS", "100")
    french = cli("convert", "--help", "--lang", "fr").stdout
    assert french.startswith("Utilisation : main convert [OPTIONS] MODÈLE SORTIE\n")
    assert "MODEL" not in french and "OUT " not in french
    assert "--top ENTIER" in cli("overlaps", "--help", "--lang", "fr").stdout
    missing = cli("validate", "--lang", "fr")
    assert missing.exit_code == 2 and "Argument manquant 'MODÈLE'" in missing.stderr
    english = cli("convert", "--help").stdout
    assert english.startswith("Usage: main convert [OPTIONS] MODEL OUT\n")
    assert "Missing argument 'MODEL'" in cli("validate").stderr
