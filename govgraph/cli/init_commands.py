"""``govgraph init``: write a commented starter model to begin from."""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli.common import current_language, lang_option, quiet_option
from govgraph.cli.output import STDOUT, output_name, status
from govgraph.errors import InputError
from govgraph.i18n import text

__all__ = ["STARTER_MODEL", "init"]

#: The starter model ``govgraph init`` writes (it validates with no error).
STARTER_MODEL = Path(__file__).parent / "templates" / "starter-model.yaml"


@click.command()
@click.argument("file", metavar="FILE", default="model.yaml")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@lang_option
@quiet_option
def init(file: str, force: bool, lang: str) -> None:
    """Write a commented starter model that validates.

    The model holds a council, a working group, their support, members and a
    priority, with a comment on each field. FILE is model.yaml unless given; - prints
    it. An existing FILE is kept unless --force.

    Example:

    \b
        govgraph init my-model.yaml
        govgraph validate my-model.yaml
    """
    from govgraph.formats.atomic import atomic_write_text

    starter = STARTER_MODEL.read_text(encoding="utf-8")
    if file == STDOUT:
        click.echo(starter, nl=False)
        return
    if Path(file).exists() and not force:
        raise InputError(text("error.file_exists", lang), file=file)
    if Path(file).suffix.lower() not in (".yaml", ".yml"):
        raise InputError(text("error.yaml_only", lang), file=file)
    atomic_write_text(file, starter)
    status(text("written", current_language(), path=output_name(file, lang)))
    status(text("init.next", lang, path=file))
