"""A click group whose commands are imported only when they run or show their help.

Each command is registered by name with where it lives (``"module:attribute"``) and its
one-line help, so that ``govgraph --help`` lists every command without importing any.

>>> commands = LazyCommands()
>>> commands.register("hello", "govgraph.cli.lazy:_demo_hello", "Say hello.")
>>> list(commands), commands.is_loaded("hello")
(['hello'], False)
>>> commands["hello"].name, commands.is_loaded("hello")
('hello', True)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from gettext import gettext as _
from importlib import import_module
from typing import Any

import click

__all__ = ["LazyCommands", "LazyGroup"]


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name: loaded ones, and lazy ones known by their import path
    (``module:attribute``) and one-line help until first looked up."""

    def __init__(self) -> None:
        self._loaded: dict[str, click.Command] = {}
        self._lazy: dict[str, tuple[str, str]] = {}
        self._on_load: dict[str, Callable[[click.Command], None]] = {}

    def register(self, name: str, import_path: str, short_help: str) -> None:
        """Know command ``name`` by where it lives, without importing it."""
        self._loaded.pop(name, None)
        self._lazy[name] = (import_path, short_help)

    def is_loaded(self, name: str) -> bool:
        return name in self._loaded

    def import_path(self, name: str) -> str | None:
        """Where a lazy command lives (``None`` for one added as an object)."""
        entry = self._lazy.get(name)
        return entry[0] if entry else None

    def short_help(self, name: str) -> str | None:
        """The registered one-line help of a command (``None`` if added as an object)."""
        entry = self._lazy.get(name)
        return entry[1] if entry else None

    def set_short_help(self, name: str, short_help: str) -> None:
        """Replace the registered one-line help of lazy command ``name``."""
        self._lazy[name] = (self._lazy[name][0], short_help)

    def on_load(self, name: str, callback: Callable[[click.Command], None] | None) -> None:
        """Call ``callback`` with command ``name`` when it is imported (``None``: stop)."""
        if callback is None:
            self._on_load.pop(name, None)
        else:
            self._on_load[name] = callback

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            module_name, _, attribute = self._lazy[name][0].partition(":")
            command = getattr(import_module(module_name), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self._lazy[name][0]} is not a click command")
            self._loaded[name] = command
            callback = self._on_load.pop(name, None)
            if callback is not None:
                callback(command)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        found = self._lazy.pop(name, None)
        if self._loaded.pop(name, None) is None and found is None:
            raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._lazy), **dict.fromkeys(self._loaded)})

    def __len__(self) -> int:
        return len(set(self._lazy) | set(self._loaded))

    def __contains__(self, name: object) -> bool:
        return name in self._lazy or name in self._loaded


class LazyGroup(click.Group):
    """A ``click.Group`` with ``add_lazy_command(name, "module:attribute", short_help)``.

    Listing the commands (``--help``) uses the registered one-line help and imports
    nothing; running or asking for the help of one command imports its module only.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commands = LazyCommands()
        for name, command in self.commands.items():
            commands[name] = command
        self.commands = commands  # type: ignore[assignment]

    def add_lazy_command(self, name: str, import_path: str, short_help: str) -> None:
        """Register command ``name``, defined at ``import_path`` (``module:attribute``)."""
        self.commands.register(name, import_path, short_help)  # type: ignore[attr-defined]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            short = self.commands.short_help(name)  # type: ignore[attr-defined]
            if short is None:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                short = command.get_short_help_str(formatter.width - 6 - len(name))
            rows.append((name, short))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


@click.command("hello")
def _demo_hello() -> None:
    """Say hello (the doctest's lazy command)."""
    click.echo("hello")
