"""The CLI reference page, generated from every command's ``--help``.

``python -m govgraph.cli.reference`` writes ``docs/cli.md``; ``--check`` only says
whether that file is up to date (exit 1 when it is not). The help is rendered at a fixed
width, so the page does not depend on the terminal it was generated in.

>>> page = cli_reference()
>>> page.startswith("# CLI reference")
True
>>> "## govgraph db push" in page
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

WIDTH = 100
"""The width the help is wrapped at (the CLI's own ``max_content_width``)."""

DEFAULT_PATH = Path("docs") / "cli.md"

_INTRO = """\
# CLI reference

Every command's `--help`, as `govgraph` prints it. This page is generated: after changing
a command, run `python -m govgraph.cli.reference` to write it again (a test fails while
it is out of date).

Commands that print data take `--format table|json|csv` and `--lang en|fr`; commands that
describe the structure take `--as-of DATE`. MODEL is a model file in any readable format
or a `bolt://` / `neo4j://` URI of the shared store (see the [guide](guide.md)).

Exit codes: **0** ok, **1** findings (e.g. `validate --strict` with warnings, `health`
with errors), **2** bad input or usage, **3** an internal error (a bug; `GOVGRAPH_DEBUG=1`
shows the traceback).
"""


def _contexts(
    command: click.Command, name: str, parent: click.Context | None
) -> Iterator[click.Context]:
    """A context for ``command`` and, for a group, for each of its commands in order."""
    settings = {**command.context_settings, "terminal_width": WIDTH}
    if parent is not None:
        settings.pop("terminal_width")
    context = click.Context(command, info_name=name, parent=parent, **settings)
    yield context
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(context):
            sub = command.get_command(context, sub_name)
            if sub is not None and not sub.hidden:
                yield from _contexts(sub, sub_name, context)


def cli_reference(command: click.Command | None = None, name: str = "govgraph") -> str:
    """The Markdown page: a list of the commands, then each command's help.

    >>> "Usage: govgraph validate [OPTIONS] MODEL" in cli_reference()
    True
    """
    if command is None:
        from govgraph.cli import main

        command = main
    contexts = list(_contexts(command, name, None))
    lines = [_INTRO, "| command | what it does |", "| --- | --- |"]
    for context in contexts[1:]:
        path = context.command_path
        summary = context.command.get_short_help_str(limit=300).replace("|", "\\|")
        lines.append(f"| [{path}](#{path.replace(' ', '-')}) | {summary} |")
    for context in contexts:
        help_text = context.command.get_help(context).rstrip()
        lines += ["", f"## {context.command_path}", "", "```text", help_text, "```"]
    return "\n".join(lines) + "\n"


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_PATH,
    show_default=True,
    help="The page to write.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the page is out of date.")
def reference(output: Path, check: bool) -> None:
    """Write the CLI reference page from every command's --help.

    Example:

    \b
        python -m govgraph.cli.reference --check
    """
    page = cli_reference()
    if check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != page:
            raise click.ClickException(
                f"{output} is out of date: run `python -m govgraph.cli.reference`"
            )
        return
    from govgraph.formats.atomic import atomic_write_text

    atomic_write_text(output, page)
    click.echo(f"Wrote {output}")


if __name__ == "__main__":
    reference()
