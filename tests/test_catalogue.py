"""The bilingual catalogue: complete, consistent, standard gettext, and used."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from govgraph.findings import Severity
from govgraph.i18n import CATALOGUE_PATH as CATALOGUE_FILE
from govgraph.i18n import catalogue, default_language, plural, text
from govgraph.i18n.po import format_po, parse_po
from govgraph.i18n.sync import add_pairs, split_header, table_pairs
from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_PATH = Path(CATALOGUE_FILE)
SOURCES = {
    path: path.read_text(encoding="utf-8") for path in sorted((ROOT / "govgraph").rglob("*.py"))
}


def fields(template: str) -> set[str]:
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


def test_the_po_file_is_standard_gettext_read_by_babel_alike():
    with CATALOGUE_PATH.open("rb") as handle:
        babel = read_po(handle, locale="fr")
    assert babel.plural_forms == "nplurals=2; plural=(n > 1);"
    ours = catalogue()
    theirs = {message.context: message for message in babel if message.id}
    assert set(theirs) == set(ours) and len(ours) > 300
    for key, entry in ours.items():
        message = theirs[key]
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        french = message.string if isinstance(message.string, tuple) else (message.string,)
        assert (tuple(english), tuple(french)) == (entry.english, entry.translations), key


def test_every_message_is_translated_and_keeps_its_placeholders():
    for key, entry in catalogue().items():
        assert not entry.is_fuzzy, key
        assert all(form.strip() for form in entry.translations), f"{key}: no French"
        assert len(entry.translations) == (2 if entry.is_plural else 1), key
        expected = fields(entry.english[0])
        for form in (*entry.english, *entry.translations):
            assert fields(form) == expected, f"{key}: {form!r} has other placeholders"


def test_the_file_rewrites_to_itself():
    """The sync tool rewrites the file: reading and writing it changes nothing."""
    source = CATALOGUE_PATH.read_text(encoding="utf-8")
    header, body = split_header(source)
    assert format_po(parse_po(body), header) == source


def _literal_keys(pattern: str) -> set[str]:
    return {key for source in SOURCES.values() for key in re.findall(pattern, source)}


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    keys = set(catalogue())
    asked = _literal_keys(r'\b(?:text|plural|Phrase)\(\s*"([^"{}]+)"')
    asked |= {f"briefing.{k}" for k in _literal_keys(r'\bsay\(\s*"([^"{}]+)"')}
    asked |= {f"finding.{k}" for k in _literal_keys(r'make_finding\(\s*"([a-z-]+)"')}
    asked.discard("no-such-key")  # the doctest of an unknown key
    assert len(asked) > 60
    missing = sorted(asked - keys)
    assert not missing, f"not in {CATALOGUE_PATH.name}: {missing}"


def test_every_word_of_the_vocabulary_has_both_languages():
    keys = set(catalogue())
    wanted = {f"kind.{k.value}" for k in EntityKind} | {f"kind.the.{k.value}" for k in EntityKind}
    wanted |= {f"type.{t.value}" for t in RelationType} | {f"role.{r.value}" for r in Role}
    wanted |= {f"level.{level.value}" for level in EngagementLevel}
    wanted |= {f"severity.{s.value}" for s in Severity}
    wanted |= {f"method.{m}" for m in ("exact", "sampled", "skipped")}
    from govgraph.scenarios.compare import FIGURES

    wanted |= {f"figure.{key}" for key in FIGURES}
    wanted |= {f"change.{kind}" for kind in ("created", "abolished", "merged", "transferred")}
    assert not sorted(wanted - keys)


def test_the_tables_that_disagreed_now_agree():
    french = [t for e in catalogue().values() for t in e.translations]
    assert not [t for t in french if "par année" in t]
    assert not [t for t in french if re.search(r"\bportées?\b", t, re.IGNORECASE)]
    assert text("span", "fr") == text("briefing.span", "fr") == "Étendue"


def test_plural_forms_follow_each_language():
    assert [plural("count.errors", n, "fr") for n in (0, 1, 2)] == [
        "0 erreur",
        "1 erreur",
        "2 erreurs",
    ]
    assert [plural("count.errors", n, "en") for n in (0, 1, 2)] == [
        "0 errors",
        "1 error",
        "2 errors",
    ]
    assert plural("count.options", 1, "en") == "1 option"
    assert text("severity.info", "en") == "note" and plural("count.notes", 0, "en") == "0 notes"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "fr_BE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"GOVGRAPH_LANG": "en", "LANG": "fr_CA.UTF-8"}, "en"),
        ({"GOVGRAPH_LANG": "fr"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr"}, "fr"),
    ],
)
def test_default_language_from_the_environment(env, expected):
    assert default_language(env) == expected


def test_sync_carries_a_key_table_over_without_touching_the_rest(tmp_path):
    source = CATALOGUE_PATH.read_text(encoding="utf-8")
    pairs = table_pairs(
        '_TEXT = {"entities": ("Entities", "Entités"), '
        '"new_key": ("Saved {path}", "Enregistré : {path}")}',
        ["_TEXT"],
    )
    updated, notes = add_pairs(source, pairs)
    assert notes == ["added new_key"]
    assert updated.startswith(source.rstrip("\n"))
    entry = {e.key: e for e in parse_po(split_header(updated)[1])}["new_key"]
    assert entry.english == ("Saved {path}",) and entry.translations == ("Enregistré : {path}",)
    again, notes = add_pairs(updated, pairs)
    assert again == updated and notes == []
    changed, notes = add_pairs(source, [("entities", "Entities", "Les entités")])
    assert changed == source and notes[0].startswith("kept entities")


def test_sync_reads_a_real_module_file(tmp_path):
    module = tmp_path / "i18n.py"
    module.write_text(
        '_TEXT: dict[str, tuple[str, str]] = {\n    "hello": ("Hello", "Bonjour"),\n}\n',
        encoding="utf-8",
    )
    po = tmp_path / "govgraph.po"
    po.write_text(CATALOGUE_PATH.read_text(encoding="utf-8"), encoding="utf-8")
    from govgraph.i18n.sync import main

    assert main([str(module), "--po", str(po)]) == 0
    assert {e.key: e for e in parse_po(po.read_text(encoding="utf-8"))}["hello"].translations == (
        "Bonjour",
    )


# French output, end to end ----------------------------------------------------------


def test_french_output_has_no_english_left(cli, example_path, tmp_path):
    table = cli("validate", example_path, "--lang", "fr", "--all").stdout
    assert "0 erreur, 6 avertissements" in table and "avertissement" in table
    assert "warning" not in table and "errors" not in table
    assert "Le groupe de travail « digital-strategy-wg »" in table
    out = tmp_path / "jc.json"
    result = cli("convert", example_path, out, "--lang", "fr")
    assert result.exit_code == 0
    result = cli("-q", "convert", example_path, out)  # --quiet before the command
    assert result.stderr == ""
    written = cli("generate", "-o", tmp_path / "g.json", "--bodies", 5, "--people", 5)
    assert written.stderr.startswith("Wrote ")
    missing = cli("show", tmp_path / "nope.yaml", "--lang", "fr")
    assert missing.exit_code == 2
    assert missing.stderr == f"erreur : {tmp_path / 'nope.yaml'}: fichier introuvable\n"
    unknown = cli("chain", example_path, "pssd", "--lang", "fr")
    assert unknown.exit_code == 2 and unknown.stderr.startswith("erreur : identifiant inconnu")
    assert "vouliez-vous dire « pssdc » ?" in unknown.stderr
    assert "'pssdc'" not in unknown.stderr
    metrics = cli("metrics", example_path, "--lang", "fr").stdout
    assert "exacte" in metrics and "exact\n" not in metrics


def test_french_from_the_locale(cli, example_path, monkeypatch):
    monkeypatch.delenv("GOVGRAPH_LANG")
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert "0 erreur, 6 avertissements" in cli("validate", example_path).stdout
    data = json.loads(cli("health", example_path, "--format", "json").stdout)
    assert any("« " in f["message"] for f in data["findings"])


def _built_strings(source: str) -> list[str]:
    """The strings a module builds: each literal, and each f-string with a NUL where a
    value goes ("a" "b" and f"a{x}" "b" are one string each, as Python reads them)."""
    built = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            built.append(
                "".join(
                    part.value if isinstance(part, ast.Constant) else "\0" for part in node.values
                )
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            built.append(node.value)
    return built


def test_every_translated_library_message_is_still_raised_somewhere():
    """The ``message.*`` texts translate the library's English error messages: each one
    must still be, whole, what some module builds (or the translation silently stops,
    as it did when a message gained words at its end)."""
    built = [text for source in SOURCES.values() for text in _built_strings(source)]
    # a message may be the value inside another ("invalid YAML: the character ...")
    built += [text.split(": ", 1)[1] for text in built if ": " in text]
    literals = set(built)
    for key, entry in catalogue().items():
        if key.startswith("message.") and key not in literals:  # else raised as a Phrase
            parts = re.split(r"\{\w+[^}]*\}", entry.english[0])
            pattern = re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)
            assert any(pattern.fullmatch(text) for text in built), (
                f"{key}: no module builds {entry.english[0]!r}"
            )


def _raised_texts(source: str) -> list[tuple[int, str]]:
    """The messages a module raises as English text in one of govgraph's own errors
    (``raise InputError(f"...")``), with ``'v'`` where a value goes."""
    import govgraph.errors
    import govgraph.scenarios.apply
    import govgraph.store.errors

    ours = {
        name
        for module in (govgraph.errors, govgraph.store.errors, govgraph.scenarios.apply)
        for name, value in vars(module).items()
        if isinstance(value, type) and issubclass(value, govgraph.errors.GovgraphError)
    }
    raised = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        called = node.exc.func
        if getattr(called, "id", getattr(called, "attr", None)) not in ours or not node.exc.args:
            continue
        message = node.exc.args[0]
        if isinstance(message, ast.JoinedStr):
            raised.append(
                (
                    node.lineno,
                    "".join(
                        p.value if isinstance(p, ast.Constant) else "'v'" for p in message.values
                    ),
                )
            )
        elif isinstance(message, ast.Constant) and isinstance(message.value, str):
            raised.append((node.lineno, message.value))
    return raised


def test_every_message_raised_as_text_has_its_french():
    """A message raised as plain English text (not a ``Phrase``) is said in French only
    through a ``message.*`` entry: each one the code raises must have one."""
    from govgraph.i18n import translate_message

    untranslated = [
        f"{path.relative_to(ROOT)}:{line}: {message}"
        for path, source in SOURCES.items()
        for line, message in _raised_texts(source)
        if translate_message(message, "fr") == message
    ]
    assert untranslated == []


def test_library_errors_in_french(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entities: [\n", encoding="utf-8")
    result = cli("validate", broken, "--lang", "fr")
    assert result.exit_code == 2 and result.stderr.startswith(f"erreur : {broken}:")
    assert "YAML invalide : " in result.stderr
    unknown = cli("show", tmp_path / "model.txt", "--lang", "fr")
    assert "format inconnu" in unknown.stderr
    assert "unknown format" in cli("show", tmp_path / "model.txt").stderr


def test_the_operating_systems_words_for_its_common_errors():
    """Each ``os.*`` entry is the OS's own text for its errno (so the pattern
    matches what ``strerror`` says here), with French words."""
    import errno
    import os

    entries = {k: e for k, e in catalogue().items() if k.startswith("os.")}
    assert len(entries) >= 15
    for key, entry in entries.items():
        code = getattr(errno, key.removeprefix("os.").upper())
        assert entry.english[0] == os.strerror(code), key
        assert text(key, "fr") != os.strerror(code), key


def test_an_os_error_in_french(cli, example_path, tmp_path):
    """A real ENOTDIR, reading and writing: the path kept, the OS's words in French."""
    inside_a_file = example_path / "model.yaml"
    read = cli("validate", inside_a_file, "--lang", "fr")
    assert read.exit_code == 2
    assert read.stderr == f"erreur : {inside_a_file}: ce n'est pas un répertoire\n"
    written = cli("convert", example_path, example_path / "out.json", "--lang", "fr")
    assert written.exit_code == 2
    assert "ce n'est pas un répertoire" in written.stderr
    assert "Not a directory" not in written.stderr
    english = cli("validate", inside_a_file, "--lang", "en")
    assert english.stderr == f"error: {inside_a_file}: Not a directory\n"
