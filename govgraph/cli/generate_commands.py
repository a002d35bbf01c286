"""``govgraph generate``: synthetic whole-of-government models to try the tools on."""

from __future__ import annotations

import click

from govgraph.cli.common import lang_option, quiet_option
from govgraph.cli.output import status, to_option, write_output, written_model

__all__ = ["generate"]


@click.command()
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    metavar="FILE",
    help="Where to write the model: .yaml/.yml, .json, a directory for CSV, or - for "
    "standard output.",
)
@click.option(
    "--bodies",
    type=click.IntRange(min=0),
    required=True,
    help="Number of bodies (councils, committees, working groups, tables, organisations).",
)
@click.option(
    "--people",
    type=click.IntRange(min=0),
    required=True,
    help="Number of people (persons and positions).",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed: same seed, same file."
)
@to_option
@lang_option
@quiet_option
def generate(out: str, bodies: int, people: int, seed: int, to: str, lang: str) -> None:
    """Write a synthetic, realistic whole-of-government model: jurisdictions, five levels
    of councils, committees and working groups with heavy-tailed spans, matrix and
    informal lines, tables, supporting organisations, people on 1–k bodies,
    priorities, meetings and validity dates. The same seed gives the same file.

    The file is written atomically; its format is chosen by its extension.

    Example:

    \b
        govgraph generate -o out/synthetic.json --bodies 2000 --people 8000 --seed 7
    """
    from govgraph.formats import write_model
    from govgraph.generate import generate_model

    model = generate_model(bodies=bodies, people=people, seed=seed)
    write_output(out, lambda path: write_model(model, path), ".json" if to == "json" else ".yaml")
    status(written_model(out, model, lang))
