"""README and CI stay in step: .ci/run runs the README's test command, and the README's
CLI examples name commands and files that exist."""

import re
import subprocess

from tests.helpers import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    marker = readme.index("<!-- test-command")
    block = readme[marker:].split("```bash\n", 1)[1].split("\n```", 1)[0]
    extracted = subprocess.run(
        ["awk", "/<!-- test-command/ { getline; getline; print; exit }", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == block.strip()
    assert "pytest" in extracted and "[dev]" in extracted
    assert 'eval "$test_command"' in (ROOT / ".ci" / "run").read_text()


def test_readme_examples_use_real_commands(cli):
    readme = (ROOT / "README.md").read_text()
    commands = set(re.findall(r"^govgraph ([a-z]+(?: [a-z]+)?)", readme, re.MULTILINE))
    assert commands
    for command in commands:
        words = command.split()
        result = cli(*words, "--help")
        if result.exit_code != 0:  # a one-word command followed by its argument
            result = cli(words[0], "--help")
        assert result.exit_code == 0, command
