"""Every command's ``--help`` in the command's language, from the catalogue.

English stays in the code (docstrings, ``help=`` of options, the one-line help of a
lazy command); the catalogue gives the French under these keys, for a command path such
as ``govgraph db push`` (``govgraph.db.push``):

- ``help.govgraph.db.push.text``: the help text, its ``\\b`` blocks (examples, which
  stay commands) written ``{block1}``, ``{block2}``... in both languages;
- ``help.govgraph.db.push.short``: the one-line help a group lists (a lazy command's,
  given when it is registered, or a command's own ``short_help``);
- ``help.govgraph.db.push.option.<name>``: an option's help, or ``help.option.<name>``
  for an option every command that has it describes alike (``--lang``, ``--format``);
  ``….default`` after either for the words an option shows as its default;
- ``metavar.<WORD>``: a word of the names that stand for values (``MODEL`` → ``MODÈLE``)
  in usage lines, option tables and click's errors; a whole name such as
  ``metavar.INTEGER RANGE`` first. Choice values (``[table|json|csv]``) are what is
  typed and stay.

A translation is used only while its English (``msgid``) is the code's: a changed
English text shows in English until the catalogue follows (a test fails meanwhile).

>>> template, blocks = split_blocks("Run it.\\n\\nExample:\\n\\n\\b\\n    govgraph x\\n")
>>> template, blocks
('Run it.\\n\\nExample:\\n\\n{block1}', ['\\x08\\n    govgraph x'])
>>> join_blocks(template, blocks) == "Run it.\\n\\nExample:\\n\\n\\b\\n    govgraph x"
True
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import Iterator
from typing import Any

import click

from govgraph.i18n import catalogue, text

__all__ = [
    "help_entries",
    "join_blocks",
    "key_of",
    "split_blocks",
    "translated",
    "translated_help",
    "translated_metavar",
]

#: A word of a metavar that the catalogue may translate (``MODEL``, ``SCENARIO_B``).
_METAVAR_WORD = re.compile(r"[A-Z][A-Z_]*[A-Z]|[A-Z]")


def key_of(command_path: str) -> str:
    """The key prefix of a command path.

    >>> key_of("govgraph db push")
    'help.govgraph.db.push'
    """
    return "help." + ".".join(command_path.split())


def split_blocks(help_text: str) -> tuple[str, list[str]]:
    """The help's prose with each ``\\b`` paragraph replaced by ``{blockN}`` (braces of
    the prose doubled), and those paragraphs."""
    template, blocks = [], []
    for paragraph in inspect.cleandoc(help_text).split("\n\n"):
        if paragraph.startswith("\b"):
            blocks.append(paragraph)
            template.append(f"{{block{len(blocks)}}}")
        else:
            template.append(paragraph.replace("{", "{{").replace("}", "}}"))
    return "\n\n".join(template), blocks


def join_blocks(template: str, blocks: list[str]) -> str:
    """A help text from a template of ``split_blocks`` (in any language) and its blocks."""
    return template.format(**{f"block{i}": block for i, block in enumerate(blocks, 1)})


def translated(key: str, english: str, lang: str) -> str | None:
    """The catalogue's ``lang`` text for ``key`` while its English is ``english``."""
    if lang != "fr":
        return None
    entry = catalogue().get(key)
    if entry is None or entry.english[0] != english or entry.is_fuzzy:
        return None
    return entry.translations[0] or None


def translated_metavar(metavar: str, lang: str) -> str:
    """A metavar in ``lang``: the catalogue's words for the whole of it or for each of
    its words; other words and choice values as they are.

    >>> translated_metavar("[ID]", "fr"), translated_metavar("MAPPING.yaml", "fr")
    ('[ID]', 'CORRESPONDANCE.yaml')
    >>> translated_metavar("INTEGER RANGE", "fr"), translated_metavar("[yaml|json]", "fr")
    ('ENTIER', '[yaml|json]')
    """
    if lang == "en":
        return metavar
    known = catalogue()
    if f"metavar.{metavar}" in known:
        return text(f"metavar.{metavar}", lang)

    def word(match: re.Match[str]) -> str:
        key = f"metavar.{match.group()}"
        return text(key, lang) if key in known else match.group()

    return _METAVAR_WORD.sub(word, metavar)


def _option_key(prefix: str, param: click.Parameter, english: str) -> str:
    shared = f"help.option.{param.name}"
    entry = catalogue().get(shared)
    if entry is not None and entry.english[0] == english:
        return shared
    return f"{prefix}.option.{param.name}"


def help_entries(
    command: click.Command, command_path: str, short_help: str | None = None
) -> Iterator[tuple[str, str]]:
    """``(key, English)`` of every help text of ``command`` itself (not its commands):
    its text, its registered or own one-line help, and its options' help."""
    prefix = key_of(command_path)
    if command.help:
        yield f"{prefix}.text", split_blocks(command.help)[0]
    short = short_help or command.short_help
    if short:
        yield f"{prefix}.short", short
    for param in command.params:
        english = getattr(param, "help", None)
        if isinstance(param, click.Option) and english and param.name:
            key = _option_key(prefix, param, english)
            yield key, english
            if isinstance(param.show_default, str):
                yield f"{key}.default", param.show_default


@contextlib.contextmanager
def translated_help(command: click.Command, command_path: str, lang: str) -> Iterator[None]:
    """Within the block, ``command`` (and the commands of a group, as they are loaded)
    describe themselves in ``lang``; afterwards, in English again."""
    if lang != "fr":
        yield
        return
    with contextlib.ExitStack() as stack:
        _translate(command, command_path, lang, stack)
        yield


def _swap(stack: contextlib.ExitStack, owner: object, attribute: str, value: object) -> None:
    previous = getattr(owner, attribute)
    setattr(owner, attribute, value)
    stack.callback(setattr, owner, attribute, previous)


def _translate(
    command: click.Command, command_path: str, lang: str, stack: contextlib.ExitStack
) -> None:
    prefix = key_of(command_path)
    if hasattr(command, "_help_option"):  # click's --help, made once and kept
        # made again in click's language within the block; afterwards the previous one,
        # or none (made again in English), not the French one made within the block
        _swap(stack, command, "_help_option", None)
    if command.help:
        template, blocks = split_blocks(command.help)
        french = translated(f"{prefix}.text", template, lang)
        if french is not None:
            _swap(stack, command, "help", join_blocks(french, blocks))
    if command.short_help:
        french = translated(f"{prefix}.short", command.short_help, lang)
        if french is not None:
            _swap(stack, command, "short_help", french)
    for param in command.params:
        english = getattr(param, "help", None)
        if isinstance(param, click.Option) and english and param.name:
            key = _option_key(prefix, param, english)
            french = translated(key, english, lang)
            if french is not None:
                _swap(stack, param, "help", french)
            if isinstance(param.show_default, str):
                french = translated(f"{key}.default", param.show_default, lang)
                if french is not None:
                    _swap(stack, param, "show_default", french)
        if isinstance(param, click.Option) and isinstance(param.default, float):
            _number_default(param, lang, stack)
        if not (isinstance(param, click.Option) and param.is_flag):
            english_metavar = param.make_metavar(click.Context(command))
            french_metavar = translated_metavar(english_metavar, lang)
            if french_metavar != english_metavar:
                _swap(stack, param, "metavar", french_metavar)
    if not isinstance(command, click.Group):
        return
    lazy_short = getattr(command.commands, "short_help", None)
    for name in list(command.commands):
        if lazy_short is not None and lazy_short(name) is not None:
            english = lazy_short(name)
            french = translated(f"{prefix}.{name}.short", english, lang)
            if french is not None:
                command.commands.set_short_help(name, french)  # type: ignore[attr-defined]
                stack.callback(command.commands.set_short_help, name, english)  # type: ignore[attr-defined]
            if not command.commands.is_loaded(name):  # type: ignore[attr-defined]
                _translate_when_loaded(command, name, f"{command_path} {name}", lang, stack)
                continue
        _translate(command.commands[name], f"{command_path} {name}", lang, stack)


def _number_default(param: click.Option, lang: str, stack: contextlib.ExitStack) -> None:
    """Show a number default as ``lang`` writes it (``0,8`` in French)."""
    from govgraph.i18n.numbers import number

    english = param.get_help_extra

    def get_help_extra(ctx: click.Context) -> Any:
        extra = english(ctx)
        if "default" in extra:
            extra["default"] = number(param.default, lang)  # type: ignore[arg-type]
        return extra

    param.get_help_extra = get_help_extra  # type: ignore[method-assign]
    stack.callback(delattr, param, "get_help_extra")


def _translate_when_loaded(
    group: click.Group, name: str, command_path: str, lang: str, stack: contextlib.ExitStack
) -> None:
    """Translate a lazy command of ``group`` once it is imported (if it ever is)."""
    commands = group.commands

    def on_load(command: click.Command) -> None:
        _translate(command, command_path, lang, stack)

    commands.on_load(name, on_load)  # type: ignore[attr-defined]
    stack.callback(commands.on_load, name, None)  # type: ignore[attr-defined]
