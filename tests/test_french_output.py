"""Under ``--lang fr`` nothing English is left: not govgraph's messages, not click's
usage errors, not pydantic's validation messages, not English decimals.

Each command runs on a copy of the fixtures (and of the bad-input corpus) with
``--lang fr``; its whole output (stdout and stderr) is searched for English: every
English text of the two catalogues (govgraph's, and click's messages), common English
words, and numbers written the English way (``0.75``). What the model itself says
(ids, names, descriptions, values quoted from the input) and codes such as
``hierarchy-cycle`` may stay as they are.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from govgraph.formats import load_model
from govgraph.i18n import catalogue
from govgraph.i18n.click_messages import LOCALE_DIR
from tests.helpers import BAD_INPUTS, EXAMPLE, ROOT

CLICK_CATALOGUE = Path(LOCALE_DIR) / "fr" / "LC_MESSAGES" / "govgraph-click.po"

#: click's English texts, as click writes them around a usage error or in help.
CLICK_WORDS = (
    "Usage:",
    "Error:",
    "Try '",
    "for help",
    "Missing argument",
    "Missing option",
    "No such option",
    "No such command",
    "Invalid value",
    "is not one of",
    "Did you mean",
    "Got unexpected extra",
    "Show this message",
    "does not exist",
)

#: Words of English sentences (matched as whole words, not inside ids or codes).
ENGLISH_WORDS = (
    "the",
    "of",
    "is",
    "are",
    "was",
    "not",
    "must",
    "should",
    "cannot",
    "expected",
    "unknown",
    "missing",
    "invalid",
    "given",
    "twice",
    "has",
    "have",
    "with",
    "and",
    "only",
    "found",
    "got",
    "field",
    "value",
    "mapping",
    "breaks",
    "already",
    "exists",
    "itself",
    "nothing",
    "there",
    "did you mean",
    "no such",
    "input should be",
    "required",
    "than",
    "which",
    "this",
    "that",
    "give",
    "least",
    "either",
    "wrote",
    "none",
    "or",
    "key",
    "indicator",
    "line",
    "while",
    "parsing",
    "but",
)
_WORD = re.compile(r"(?<![\w\-./@$])(" + "|".join(ENGLISH_WORDS) + r")(?![\w\-/@])", re.IGNORECASE)
#: A decimal written the English way: 0.75 (French: 0,75).
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,\-/:])\d+\.\d+(?![\w.\-/])")


def _fragments(text: str) -> Iterator[str]:
    """The literal parts of a catalogue text between its placeholders."""
    for part in re.split(r"\{[^{}]*\}|%\([a-z]+\)s", text):
        part = " ".join(part.split()).strip(" ;:,.()'«»")
        if len(re.findall(r"[A-Za-z]{2,}", part)) >= 3:
            yield part


def _english_texts() -> list[str]:
    """Every English text of both catalogues that French never says."""
    french = " ".join(t for entry in catalogue().values() for t in entry.translations)
    texts = {f for entry in catalogue().values() for e in entry.english for f in _fragments(e)}
    with CLICK_CATALOGUE.open("rb") as handle:
        for message in read_po(handle):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            texts.update(f for msgid in ids if msgid for f in _fragments(msgid))
    return sorted(t for t in texts if t not in french)


ENGLISH_TEXTS = _english_texts()


def _model_strings() -> set[str]:
    """Every text of the example model: names, ids, descriptions, values."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(load_model(EXAMPLE).model_dump(mode="json"))
    return {s for s in found if len(s) > 1}


MODEL_STRINGS = sorted(_model_strings(), key=len, reverse=True)


def english_left(output: str, folder: Path) -> list[str]:
    """The English found in ``output`` (empty when it is all French)."""
    found = [t for t in ENGLISH_TEXTS if t in " ".join(output.split())]
    found += [w for w in CLICK_WORDS if w in output]
    rest = output.replace(str(folder), "")
    for value in MODEL_STRINGS:
        rest = rest.replace(value, " ")
    rest = re.sub(r"«[^»]*»", " ", rest)  # a name or id the message quotes
    rest = re.sub(r"(?<![^\W\d_])'[^'\n]*'", " ", rest)  # a value quoted from the input
    rest = re.sub(r"\S*[/\\]\S*", " ", rest)  # paths
    found += [
        f"word {m.group(0)!r} in …{rest[max(0, m.start() - 40) : m.end() + 40]}…"
        for m in _WORD.finditer(rest)
    ]
    found += [f"English number {m.group(0)}" for m in _ENGLISH_NUMBER.finditer(rest)]
    return found


BAD_SCENARIOS = {
    "unknown-id.yaml": "name: x\noperations:\n  - move: {body: nope, to: joint-councils}\n",
    "unknown-operation.yaml": "name: x\noperations:\n  - frobnicate: {id: pssdc}\n",
    "no-name.yaml": "operations:\n  - set: {id: pssdc, attributes: {meeting_days: 2}}\n",
    "not-a-list.yaml": "name: x\noperations: {move: 1}\n",
    "self-report.yaml": "name: x\noperations:\n  - move: {body: pssdc, to: pssdc}\n",
    "unknown-field.yaml": "name: x\noperations:\n  - move: {body: pssdc, too: joint-councils}\n",
    "not-a-body.yaml": "name: x\noperations:\n  - move: {body: alberta, to: joint-councils}\n",
    "bad-value.yaml": "name: x\noperations:\n  - abolish: {body: pssdc, effective: 12}\n",
    "no-destination.yaml": "name: x\noperations:\n  - dissolve: {body: pssdc}\n",
    "cycle.yaml": "name: x\noperations:\n  - move: {body: joint-councils, to: pssdc}\n",
    "bad-date.yaml": "name: x\neffective: 2026-02-30\noperations:\n  - abolish: {body: pssdc}\n",
}
BAD_RULES = {
    "unknown-type.yaml": "rules:\n  - id: x\n    require: {count: {rel: NOPE}, equals: 1}\n",
    "unknown-key.yaml": "rules:\n  - id: x\n    requires: {span: formal, max: 1}\n",
    "no-bound.yaml": "rules:\n  - id: x\n    require: {span: formal}\n",
    "bad-id.yaml": "rules:\n  - id: Not A Slug\n    require: {span: formal, max: 1}\n",
    "not-a-list.yaml": "rules: {id: x}\n",
    "bad-bound.yaml": "rules:\n  - id: x\n    require: {span: formal, max: many}\n",
}
#: A rule without a message of its own: its finding's message is written from the rule.
DEFAULT_MESSAGE_RULES = (
    "rules:\n"
    "  - id: small-councils\n"
    "    for_each: {kind: council}\n"
    "    require: {span: formal, max: 1}\n"
    "  - id: one-co-chair\n"
    "    for_each: {kind: council}\n"
    "    require: {count: {rel: MEMBER_OF, direction: in, role: co_chair}, max: 1}\n"
)


def _commands() -> list[tuple[str, list[str]]]:
    """(name, arguments) of each command run; ``{tmp}`` is the copy's folder."""
    model = "{tmp}/fixtures/joint-councils.yaml"
    quick = "{tmp}/fixtures/scenarios/quick-wins.yaml"
    digital = "{tmp}/fixtures/scenarios/digital-consolidation.yaml"
    commands = [
        (f"validate {bad.name}", ["validate", f"{{tmp}}/bad/{bad.name}"])
        for bad in sorted(BAD_INPUTS.iterdir())
        if bad.name != "__pycache__"
    ]
    commands += [
        (f"scenario {name}", ["simulate", model, f"{{tmp}}/scenarios/{name}"])
        for name in BAD_SCENARIOS
    ]
    commands += [
        (f"rules {name}", ["health", model, "--rules", f"{{tmp}}/rules/{name}"])
        for name in BAD_RULES
    ]
    commands += [
        ("rules default messages", ["health", model, "--rules", "{tmp}/rules/default.yaml"]),
        (
            "rules of the fixtures",
            ["health", model, "--rules", "{tmp}/fixtures/rules/governance-rules.yaml"],
        ),
        ("unknown id", ["chain", model, "pssd"]),
        ("missing argument", ["chain", model]),
        ("no such option", ["chain", model, "pssdc", "--nope"]),
        ("invalid choice", ["chain", model, "pssdc", "--format", "xml"]),
        ("no such command", ["nosuchcommand"]),
        ("extra argument", ["show", model, "extra"]),
        ("bad date", ["metrics", model, "--as-of", "20x"]),
        ("missing option", ["export", "html", model]),
        ("no such file", ["show", "{tmp}/nope.yaml"]),
        ("health", ["health", model]),
        ("metrics", ["metrics", model]),
        ("coverage", ["coverage", model]),
        ("overlaps", ["overlaps", model]),
        ("chain", ["chain", model, "pssdc"]),
        ("show", ["show", model]),
        ("validate", ["validate", model, "--all"]),
        ("simulate", ["simulate", model, quick]),
        ("briefing", ["simulate", model, quick, "--report", "markdown"]),
        ("briefing digital", ["simulate", model, digital, "--report", "markdown"]),
        ("compare", ["compare", model, quick, digital]),
        ("convert", ["convert", model, "{tmp}/out.json"]),
        ("members", ["members", model, "pssdc"]),
        ("subordinates", ["subordinates", model, "joint-councils"]),
        ("links", ["links", model, "pssdc"]),
        ("path", ["path", model, "pssdc", "pscioc"]),
        ("memberships", ["memberships", model, "canada"]),
        ("find", ["find", model, "numérique"]),
        ("list", ["list", model]),
        ("init", ["init", "{tmp}/starter.yaml"]),
        ("generate", ["generate", "-o", "{tmp}/generated.json", "--bodies", "5", "--people", "5"]),
        ("export html", ["export", "html", model, "-o", "{tmp}/map.html"]),
        ("export svg", ["export", "svg", model, "-o", "{tmp}/map.svg"]),
        ("unknown view", ["export", "html", model, "-o", "{tmp}/x.html", "--view", "nope"]),
        ("out of range", ["overlaps", model, "--min-jaccard", "2"]),
        ("web address", ["show", "https://example.org/model.yaml"]),
        ("csv fields", ["validate", "{tmp}/tables"]),
    ]
    commands += [
        (f"help {' '.join(path)}", [*path, "--help"])
        for path in (["validate"], ["health"], ["simulate"], ["db", "push"], ["export", "svg"])
    ]
    return commands


COMMANDS = _commands()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixtures and bad inputs, with bad scenario and rules files."""
    tmp = tmp_path_factory.mktemp("french")
    shutil.copytree(ROOT / "fixtures", tmp / "fixtures")
    shutil.copytree(BAD_INPUTS, tmp / "bad", ignore=shutil.ignore_patterns("__pycache__"))
    for name, files in (("scenarios", BAD_SCENARIOS), ("rules", BAD_RULES)):
        (tmp / name).mkdir()
        for file, source in files.items():
            (tmp / name / file).write_text(source, encoding="utf-8")
    (tmp / "rules" / "default.yaml").write_text(DEFAULT_MESSAGE_RULES, encoding="utf-8")
    (tmp / "tables").mkdir()
    (tmp / "tables" / "entities.csv").write_text("id,kind,name_en\na,council,x,y\n", "utf-8")
    (tmp / "tables" / "relationships.csv").write_text("from,type,to\n", encoding="utf-8")
    return tmp


@pytest.mark.parametrize(("name", "args"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_french_output_has_no_english_left(cli, folder, monkeypatch, name, args):
    monkeypatch.setenv("COLUMNS", "400")  # tables on one line: a text is not cut up
    result = cli(*[a.replace("{tmp}", str(folder)) for a in args], "--lang", "fr")
    output = result.stdout + result.stderr
    assert output.strip(), name
    assert result.exit_code in (0, 1, 2), output
    assert english_left(output, folder) == [], output


def test_the_detector_finds_english():
    """The check itself: English text, click's words, English words and decimals are
    found; French text, ids, codes and quoted values are not."""
    folder = Path("/nowhere")
    assert english_left("erreur : /nowhere/m.yaml:3: move: unknown id 'nope'", folder)
    assert english_left("Usage: govgraph chain [OPTIONS] MODEL ID", folder)
    assert english_left("Jaccard 0.75", folder)
    assert english_left("champ : Input should be a valid integer", folder)
    french = (
        "erreur : /nowhere/m.yaml:3: operations[0].move.body : identifiant inconnu « nope »\n"
        "hierarchy-cycle : la hiérarchie forme un cycle ; valeur 'the-id' ; 0,75 ; 12\u202f345"
    )
    assert english_left(french, folder) == []


def test_click_messages_are_all_translated_and_compiled():
    """Every message click marks for gettext has a French translation, and the shipped
    ``.mo`` is the compiled ``.po``."""
    import gettext

    import click
    from babel.messages.extract import extract_from_dir

    with CLICK_CATALOGUE.open("rb") as handle:
        ours = read_po(handle, locale="fr")
    marked = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            Path(click.__file__).parent, keywords={"_": None, "ngettext": (1, 2)}
        )
    }
    assert len(marked) > 50
    missing = sorted(m for m in marked if ours.get(m) is None)
    assert not missing, f"click texts with no French in {CLICK_CATALOGUE.name}: {missing}"
    for message in ours:
        if message.id:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(forms) and not message.fuzzy, message.id
    with CLICK_CATALOGUE.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in ours:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            shipped = tuple(compiled.ngettext(*message.id, n) for n in (1, 2))
        else:
            shipped = compiled.gettext(message.id)
        assert shipped == message.string, (
            f"{message.id!r}: the .mo differs from the .po; run: "
            "pybabel compile -D govgraph-click -d govgraph/i18n/locale -l fr"
        )


def test_click_messages_stay_english_without_french(cli, folder):
    result = cli("chain", folder / "fixtures" / "joint-councils.yaml")
    assert "Usage:" in result.stderr and "Error: Missing argument 'ID'." in result.stderr
    french = cli("chain", folder / "fixtures" / "joint-councils.yaml", "--lang", "fr")
    assert "Utilisation :" in french.stderr and "Argument manquant" in french.stderr
    again = cli("chain", folder / "fixtures" / "joint-councils.yaml")
    assert again.stderr == result.stderr


#: Broken documents: each makes a parser (PyYAML, json, csv) or govgraph's own safe
#: readers refuse the file with its own words.
BROKEN = {
    "flow.yaml": "entities: [{id: a, kind: council\n",
    "colon.yaml": "entities:\n  - id: a\n    kind: council\n   name: x\n",
    "tab.yaml": "entities:\n\t- id: a\n",
    "alias.yaml": "entities: *nowhere\n",
    "character.yaml": "entities: [@a]\n",
    "twice.yaml": "entities: []\nentities: []\n",
    "quote.yaml": 'entities: "abc\n',
    "block.yaml": "entities:\n  - a\n b: c\n",
    "value.json": '{"entities": }',
    "comma.json": '{"entities": [] "relationships": []}',
    "property.json": "{'entities': []}",
    "extra.json": '{"entities": []} x',
    "string.json": '{"entities": "abc',
    "nan.json": '{"entities": NaN}',
    "twice.json": '{"entities": [], "entities": []}',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_parsers_words_in_french(cli, tmp_path, monkeypatch, name):
    monkeypatch.setenv("COLUMNS", "400")
    path = tmp_path / name
    path.write_text(BROKEN[name], encoding="utf-8")
    result = cli("validate", path, "--lang", "fr")
    assert result.exit_code == 2 and result.stderr.startswith("erreur : "), result.stderr
    assert english_left(result.stdout + result.stderr, tmp_path) == [], result.stderr
    english = cli("validate", path)
    assert english.stderr.startswith("error: ") and english.stderr != result.stderr


def test_a_broken_csv_table_in_french(cli, tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "entities.csv").write_text('id,kind,name_en\na,council,"x"y\n', encoding="utf-8")
    (folder / "relationships.csv").write_text("from,type,to\n", encoding="utf-8")
    result = cli("validate", folder, "--lang", "fr")
    assert result.exit_code == 2 and "CSV invalide : " in result.stderr
    assert english_left(result.stderr, tmp_path) == [], result.stderr


def test_french_numbers_are_grouped_by_thousands(cli, tmp_path):
    """A large model: counts have a narrow no-break space between thousands."""
    path = tmp_path / "large.json"
    cli("generate", "-o", path, "--bodies", 1200, "--people", 300)
    result = cli("convert", path, tmp_path / "copy.yaml", "--lang", "fr")
    assert result.exit_code == 0
    assert re.search(r"\(\d{1,3}\u202f\d{3} entités, \d{1,3}\u202f\d{3} relations\)", result.stderr)
    english = cli("convert", path, tmp_path / "copy.yaml")
    assert re.search(r"\(\d{4,} entities, \d{4,} relationships\)", english.stderr)


def test_click_messages_follow_the_environment_and_the_last_lang(cli, folder, monkeypatch):
    model = folder / "fixtures" / "joint-councils.yaml"
    monkeypatch.setenv("GOVGRAPH_LANG", "fr")
    assert "Erreur : Argument manquant 'ID'." in cli("chain", model).stderr
    assert "Error: Missing argument 'ID'." in cli("chain", model, "--lang", "en").stderr
    monkeypatch.setenv("GOVGRAPH_LANG", "en")
    assert "Erreur : " in cli("chain", model, "--lang=en", "--lang=fr").stderr
