"""Carry ``"key": ("English", "Français")`` tables into the catalogue (a maintainer's tool).

Reads the dictionaries named ``_TEXT`` (or ``--table NAME``) in the Python files given,
and appends each key that the catalogue lacks as a new entry. A key already there with
other words is reported (and replaced with ``--update``). Nothing else in the .po file
changes, so a merge of such tables is one command::

    git show other-branch:govgraph/i18n.py > /tmp/old_i18n.py
    python -m govgraph.i18n.sync /tmp/old_i18n.py
    git show other-branch:govgraph/checks.py > /tmp/checks.py
    python -m govgraph.i18n.sync /tmp/checks.py --table MESSAGES --prefix finding.

``--all-tables`` takes every such dict literal (a table looped over, not assigned).

>>> pairs = table_pairs('_TEXT = {"hello": ("Hello", "Bonjour")}', ("_TEXT",))
>>> pairs
[('hello', 'Hello', 'Bonjour')]
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from govgraph.i18n import CATALOGUE_PATH
from govgraph.i18n.po import PoEntry, format_po, parse_po

__all__ = ["add_pairs", "main", "split_header", "table_pairs"]


def table_pairs(source: str, tables: Sequence[str] | None) -> list[tuple[str, str, str]]:
    """``(key, English, French)`` from the dict literals assigned to ``tables`` (with
    ``None``: from every dict literal of such pairs, assigned or not).

    >>> table_pairs('for c, t in {"x": ("X", "Xfr")}.items(): pass', None)
    [('x', 'X', 'Xfr')]
    """
    pairs = []
    for node in ast.walk(ast.parse(source)):
        if tables is None:
            if not isinstance(node, ast.Dict):
                continue
            value = node
        else:
            if isinstance(node, ast.Assign):
                targets, found = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, found = [node.target], node.value
            else:
                continue
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if not names & set(tables) or not isinstance(found, ast.Dict):
                continue
            value = found
        for key, pair in zip(value.keys, value.values, strict=True):
            try:
                words = ast.literal_eval(pair) if pair is not None else None
            except ValueError:  # not a literal: not a table of words
                continue
            if (
                isinstance(key, ast.Constant)
                and isinstance(words, tuple)
                and len(words) == 2
                and all(isinstance(w, str) for w in words)
            ):
                pairs.append((str(key.value), words[0], words[1]))
    return pairs


def split_header(source: str) -> tuple[str, str]:
    """The .po header block (comments and the ``msgid ""`` entry) and the rest."""
    head, sep, rest = source.partition('msgid ""')
    end = rest.find("\n\n")
    if not sep or end < 0:
        return "", source
    return head + sep + rest[:end] + "\n", rest[end + 2 :]


def add_pairs(
    source: str, pairs: Iterable[tuple[str, str, str]], *, prefix: str = "", update: bool = False
) -> tuple[str, list[str]]:
    """The .po ``source`` with ``pairs`` added, and notes on keys that differ."""
    header, body = split_header(source)
    entries = parse_po(body)
    by_key = {entry.key: entry for entry in entries}
    notes = []
    for key, english, french in pairs:
        key = prefix + key
        found = by_key.get(key)
        if found is None:
            entry = PoEntry(key, (english,), (french,))
            entries.append(entry)
            by_key[key] = entry
            notes.append(f"added {key}")
        elif (found.english, found.translations) != ((english,), (french,)):
            if update and not found.is_plural:
                found.english, found.translations = (english,), (french,)
                notes.append(f"updated {key}")
            else:
                notes.append(
                    f"kept {key}: catalogue {found.english[0]!r} / {found.translations[0]!r}, "
                    f"table {english!r} / {french!r}"
                )
    return format_po(entries, header), notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m govgraph.i18n.sync", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("files", nargs="+", type=Path, help="Python files holding the tables")
    parser.add_argument("--table", action="append", help="table name (default: _TEXT)")
    parser.add_argument(
        "--all-tables",
        action="store_true",
        help="every dict literal of key: (English, French) pairs, named or not",
    )
    parser.add_argument("--prefix", default="", help="put before each key, e.g. 'page.'")
    parser.add_argument("--update", action="store_true", help="replace differing entries")
    parser.add_argument("--po", type=Path, default=Path(CATALOGUE_PATH), help="the catalogue")
    args = parser.parse_args(argv)
    pairs = [
        pair
        for path in args.files
        for pair in table_pairs(
            path.read_text(encoding="utf-8"), None if args.all_tables else args.table or ["_TEXT"]
        )
    ]
    source, notes = add_pairs(
        args.po.read_text(encoding="utf-8"), pairs, prefix=args.prefix, update=args.update
    )
    args.po.write_text(source, encoding="utf-8")
    for note in notes:
        if not note.startswith("added") or len(notes) < 200:
            print(note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
