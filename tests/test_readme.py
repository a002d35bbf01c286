"""The README and the docs stay true: CI and the README run the same test script, the
README is short and its links resolve, every documented command exists, and the CLI
reference page is the CLI's own help."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from govgraph.cli.reference import cli_reference
from tests.helpers import ROOT

README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


def fenced(text: str, language: str) -> list[str]:
    """The contents of every ``` block of ``language`` in a Markdown text."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_ci_and_the_readme_run_the_same_test_script():
    readme = README.read_text(encoding="utf-8")
    block = readme.split("<!-- test-command", 1)[1].split("```bash\n", 1)[1].split("\n```")[0]
    assert block.strip() == "scripts/test"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == "exec scripts/test"
    assert "awk" not in "\n".join(ci)
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    for step in ('pip install -q -e ".[dev]"', "pytest", "ruff check", "ruff format --check"):
        assert step in script, step
    assert "mkdocs build --strict" in script
    assert (ROOT / "scripts" / "test").stat().st_mode & 0o111, "scripts/test is executable"


def test_the_readme_is_read_in_a_minute():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200


def test_the_readme_main_command_leaves_govgraph_on_the_path():
    readme = README.read_text(encoding="utf-8")
    block = readme.split("<!-- main-command", 1)[1].split("```bash\n", 1)[1].split("\n```")[0]
    steps = [shlex.split(step) for step in block.split("&&")]
    assert steps[0] == ["python3", "-m", "venv", ".venv"]
    assert steps[1] == [".", ".venv/bin/activate"], "activate, so that `govgraph` works after"
    assert steps[2] == ["pip", "install", "-e", "."]
    assert all(step[0] == "govgraph" for step in steps[3:])


def test_the_readme_links_resolve():
    readme = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", readme)
    assert links
    for link in links:
        if not link.startswith(("http://", "https://")):
            assert (ROOT / link).exists(), link


def test_the_docs_name_no_build_history():
    for page in [README, *PAGES]:
        text = page.read_text(encoding="utf-8")
        for words in ("this machine", "other helpers", "commit `", "shared/seed"):
            assert words not in text, f"{page.name}: {words!r}"


#: Pages that explain rather than show commands.
PROSE_PAGES = (
    "index.md",
    "benchmarks.md",
    "development.md",
    "accountability.md",
    "shell-completion.md",
    "threat-model.md",
    "translations.md",
)


@pytest.mark.parametrize(
    "page", [README, *(p for p in PAGES if p.name != "cli.md")], ids=lambda page: page.name
)
def test_documented_commands_exist(cli, page: Path):
    text = page.read_text(encoding="utf-8")
    blocks = "\n".join(fenced(text, "bash") + fenced(text, "text"))
    commands = set(re.findall(r"^\s*(?:\$ )?govgraph ([a-z]+(?: [a-z]+)?)", blocks, re.MULTILINE))
    assert commands or page.name in PROSE_PAGES
    for command in commands:
        words = command.split()
        result = cli(*words, "--help")
        if result.exit_code != 0:  # a one-word command followed by its argument
            result = cli(words[0], "--help")
        assert result.exit_code == 0, f"{page.name}: govgraph {command}"


@pytest.mark.parametrize(
    "page",
    [p for p in [README, *PAGES] if fenced(p.read_text(encoding="utf-8"), "python")],
    ids=lambda page: page.name,
)
def test_documented_python_runs(page: Path, tmp_path, monkeypatch):
    """Every Python example runs as written, from a copy of the repository's fixtures."""
    shutil.copytree(ROOT / "fixtures", tmp_path / "fixtures")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    for code in fenced(page.read_text(encoding="utf-8"), "python"):
        exec(compile(code, page.name, "exec"), {})


def test_the_cli_reference_is_up_to_date():
    page = DOCS / "cli.md"
    assert page.read_text(encoding="utf-8") == cli_reference(), (
        "docs/cli.md is out of date: run `.venv/bin/python -m govgraph.cli.reference`"
    )


def test_the_cli_reference_has_every_command(cli):
    page = cli_reference()
    listed = set(re.findall(r"^## (govgraph(?: [a-z]+)*)$", page, re.MULTILINE))
    assert {"govgraph", "govgraph validate", "govgraph export html", "govgraph db push"} <= listed
    for path in listed:
        assert cli(*path.split()[1:], "--help").exit_code == 0, path


def test_the_reference_script_checks_and_writes(tmp_path):
    from click.testing import CliRunner

    from govgraph.cli.reference import reference

    out = tmp_path / "cli.md"
    runner = CliRunner()
    stale = runner.invoke(reference, ["--check", "-o", str(out)])
    assert stale.exit_code == 1 and "out of date" in stale.output
    assert runner.invoke(reference, ["-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == cli_reference()
    assert runner.invoke(reference, ["--check", "-o", str(out)]).exit_code == 0
