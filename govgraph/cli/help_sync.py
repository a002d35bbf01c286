"""List every ``--help`` text of the command line into the catalogue (a maintainer's tool).

Walks the command tree (lazy commands included) and appends to the .po each help key
the catalogue lacks, with its English and an empty French to fill in; a key whose
English has changed is reported (its French marked fuzzy with ``--update``).
``--check`` writes nothing and exits 1 if any key is missing or out of date.

    python -m govgraph.cli.help_sync            # add the missing keys
    python -m govgraph.cli.help_sync --check

>>> entries = dict(all_help_entries())
>>> entries["help.govgraph.db.short"]
'The shared Neo4j store: push a model, pull it back, query it.'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from govgraph.cli.help_text import help_entries
from govgraph.i18n import CATALOGUE_PATH
from govgraph.i18n.po import PoEntry, format_po, parse_po
from govgraph.i18n.sync import split_header

__all__ = ["all_help_entries", "main"]


def _walk(
    command: click.Command, path: str, parent: click.Context | None, short: str | None
) -> Iterator[tuple[str, str]]:
    context = click.Context(command, info_name=path.split()[-1], parent=parent)
    yield from help_entries(command, path, short)
    if isinstance(command, click.Group):
        lazy_short = getattr(command.commands, "short_help", None)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                registered = lazy_short(name) if lazy_short is not None else None
                yield from _walk(sub, f"{path} {name}", context, registered)


def all_help_entries(command: click.Command | None = None) -> Iterator[tuple[str, str]]:
    """``(key, English)`` of every help text of the command line, each key once."""
    if command is None:
        from govgraph.cli import main as command
    seen: set[str] = set()
    for key, english in _walk(command, "govgraph", None, None):
        if key not in seen:
            seen.add(key)
            yield key, english


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m govgraph.cli.help_sync", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if behind")
    parser.add_argument("--update", action="store_true", help="take changed English, fuzzy")
    parser.add_argument("--po", type=Path, default=Path(CATALOGUE_PATH), help="the catalogue")
    args = parser.parse_args(argv)
    header, body = split_header(args.po.read_text(encoding="utf-8"))
    entries = parse_po(body)
    by_key = {entry.key: entry for entry in entries}
    notes = []
    for key, english in all_help_entries():
        found = by_key.get(key)
        if found is None:
            entries.append(PoEntry(key, (english,), ("",)))
            notes.append(f"added {key}")
        elif found.english[0] != english:
            notes.append(f"changed {key}")
            if args.update:
                found.english = (english,)
                found.flags = sorted({*found.flags, "fuzzy"})
    for note in notes:
        print(note, file=sys.stderr)
    if args.check:
        return 1 if notes else 0
    args.po.write_text(format_po(entries, header), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
