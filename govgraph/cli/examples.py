"""Every example of every ``govgraph ... --help``, as a user would copy it from a
terminal: for the tests that run them and for the generated reference.

>>> examples = help_examples()
>>> ((), "govgraph validate fixtures/joint-councils.yaml") in examples
True
"""

from __future__ import annotations

import click
from click.testing import CliRunner

from govgraph.cli import main

__all__ = ["HELP_WIDTH", "command_paths", "examples_in", "help_examples", "rendered_help"]

#: The narrowest terminal the help must read well in (click wraps at its width).
HELP_WIDTH = 80


def command_paths(
    group: click.Group = main, prefix: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under ``group``, with the words that call it."""
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None:
            raise LookupError(f"govgraph {' '.join((*prefix, name))} cannot be loaded")
        found.append(((*prefix, name), command))
        if isinstance(command, click.Group):
            found += command_paths(command, (*prefix, name))
    return found


def rendered_help(path: tuple[str, ...]) -> str:
    """``govgraph PATH --help`` as a terminal HELP_WIDTH columns wide shows it."""
    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=HELP_WIDTH)
    if result.exit_code != 0:
        raise RuntimeError(f"govgraph {' '.join(path)} --help failed: {result.output}")
    return result.output


def examples_in(help_text: str) -> list[str]:
    """The ``govgraph ...`` lines after ``Example:``/``Examples:``, a line ending in
    ``\\`` joined with the next, as a shell would."""
    lines = help_text.splitlines()
    commands: list[str] = []
    inside = False
    pending = ""
    for line in lines:
        stripped = line.strip()
        if stripped in ("Example:", "Examples:"):
            inside = True
            continue
        if not inside:
            continue
        if pending:
            pending += " " + stripped
        elif stripped.startswith("govgraph "):
            pending = stripped
        elif stripped and not line.startswith(" "):
            inside = False  # the next section (Options:)
            continue
        if pending.endswith("\\"):
            pending = pending[:-1].rstrip()
            continue
        if pending:
            commands.append(pending)
            pending = ""
    return commands


def help_examples() -> list[tuple[tuple[str, ...], str]]:
    """(command path, example command line) for every example of every help."""
    main_examples = [((), line) for line in examples_in(rendered_help(()))]
    return main_examples + [
        (path, line) for path, _ in command_paths() for line in examples_in(rendered_help(path))
    ]
