"""Commands about a model's health: ``health`` (findings and rules) and ``generate``
(synthetic models to try them on)."""

from __future__ import annotations

import click

from govgraph.formats import write_model
from govgraph.generate import generate_model
from govgraph.i18n import text

__all__ = ["generate"]


@click.command()
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    metavar="FILE",
    help="Where to write the model: .yaml/.yml, .json, or a directory for CSV.",
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
def generate(out: str, bodies: int, people: int, seed: int) -> None:
    """Write a synthetic, realistic whole-of-government model: jurisdictions, five levels
    of councils, committees and working groups with heavy-tailed spans, matrix and
    informal lines, tables, supporting organisations, people on 1–k bodies,
    priorities, meetings and validity dates. The same seed gives the same file.

    The file is written atomically; its format is chosen by its extension.

    Example:

        govgraph generate -o out/synthetic.json --bodies 2000 --people 8000 --seed 7
    """
    model = generate_model(bodies=bodies, people=people, seed=seed)
    write_model(model, out)
    click.echo(
        f"{text('written', 'en', path=out)} "
        f"({len(model.entities)} entities, {len(model.relationships)} relationships)",
        err=True,
    )
