"""``govgraph export``: write a model to a view for people, e.g. an interactive HTML map."""

from __future__ import annotations

from datetime import date

import click

from govgraph.cli.common import as_of_option, lang_option, load, model_argument, quiet_option
from govgraph.cli.output import output_name, status, write_output
from govgraph.html.views import VIEWS
from govgraph.i18n import plural, text
from govgraph.i18n.numbers import number as number_text

__all__ = ["export"]


@click.group()
def export() -> None:
    """Export a model as a view for people (an interactive HTML page).

    Example:

    \b
        govgraph export html fixtures/joint-councils.yaml -o jc.html
    """


@export.command("html")
@model_argument
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="FILE",
    help="The HTML file to write (atomically; nothing is written on error); - for standard output.",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="hierarchy",
    show_default=True,
    help="hierarchy: formal reporting tree; network: every relationship; "
    "overlaps: bodies sharing members or priorities.",
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    metavar="SCENARIO",
    help="A scenario file; each one adds an option beside the baseline (repeatable).",
)
@click.option("--focus", metavar="ID", default=None, help="Only the neighbourhood of this entity.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many steps around it.",
)
@lang_option
@as_of_option
@quiet_option
def html(
    model: str,
    output: str,
    view: str,
    scenarios: tuple[str, ...],
    focus: str | None,
    depth: int,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Write an interactive HTML view of MODEL that opens offline: vis-network and
    every asset are inlined, the page holds no remote reference. It has a legend, a
    search box, a filter by relationship type, a tooltip per node and line, and an
    English/French switch (--lang sets the first language).

    With --scenario, the page has a switch between the baseline and each option;
    created, removed and moved elements are colour-coded.

    Examples:

    \b
        govgraph export html fixtures/joint-councils.yaml -o jc.html --lang fr
        govgraph export html fixtures/joint-councils.yaml -o net.html --view network \\
            --focus pssdc --depth 1
    """
    from govgraph.html import export_html

    loaded = load(model, as_of_date)
    stats = write_output(
        output,
        lambda path: export_html(
            loaded,
            path,
            view=view,
            lang=lang,
            as_of=as_of_date,
            focus=focus,
            depth=depth,
            scenarios=list(scenarios),
        ),
        ".html",
    )
    options = stats["frames"] - 1
    message = text(
        "written_html",
        lang,
        path=output_name(output, lang),
        view=view,
        nodes=plural("count.nodes", stats["nodes"], lang),
        lines=plural("count.lines", stats["edges"], lang),
        options=f", {plural('count.options', options, lang)}" if options else "",
        kib=stats["bytes"] // 1024,
    )
    status(message)


@export.command("svg")
@model_argument
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="FILE",
    help="The SVG file to write (atomically; nothing is written on error).",
)
@click.option(
    "--view",
    type=click.Choice(["hierarchy"]),
    default="hierarchy",
    show_default=True,
    help="The picture drawn: the formal hierarchy, as in the HTML page.",
)
@click.option(
    "--scenario",
    "scenarios",
    multiple=True,
    metavar="SCENARIO",
    help="A scenario file (repeatable); the picture shows one option, see --option.",
)
@click.option(
    "--option",
    "option",
    type=click.IntRange(min=0),
    default=None,
    help="0 draws the baseline, N the N-th scenario (default: 1 with --scenario, else 0).",
)
@click.option("--focus", metavar="ID", default=None, help="Only the neighbourhood of this entity.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many steps around it.",
)
@lang_option
@as_of_option
def svg(
    model: str,
    output: str,
    view: str,
    scenarios: tuple[str, ...],
    option: int | None,
    focus: str | None,
    depth: int,
    lang: str,
    as_of_date: date | None,
) -> None:
    """Write a static, print-quality SVG of MODEL's hierarchy, from the same layout as
    the HTML page: title, date, boxes, lines, change colours and glyphs, legend.

    Examples:

    \b
        govgraph export svg fixtures/joint-councils.yaml -o jc.svg --lang fr
        govgraph export svg fixtures/joint-councils.yaml -o after.svg \\
            --scenario fixtures/scenarios/quick-wins.yaml
    """
    from govgraph.html.svg import export_svg

    loaded = load(model, as_of_date)
    stats = export_svg(
        loaded,
        output,
        view=view,
        lang=lang,
        as_of=as_of_date,
        focus=focus,
        depth=depth,
        scenarios=list(scenarios),
        option=option,
    )
    size = number_text(stats["bytes"] // 1024, lang)
    status(text("written_svg", lang, path=output_name(output, lang), size=size))
