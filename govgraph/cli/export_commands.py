"""``govgraph export``: write a model to a view for people, e.g. an interactive HTML map."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from govgraph.cli.common import (
    as_of_today_option,
    lang_option,
    load,
    model_argument,
    quiet_option,
)
from govgraph.cli.output import output_name, status, write_output
from govgraph.html.views import VIEWS
from govgraph.i18n import plural, text
from govgraph.i18n.numbers import number as number_text

if TYPE_CHECKING:
    from govgraph.model import GovernanceModel

__all__ = ["export"]


def _focus(model: GovernanceModel, focus: str | None) -> str | None:
    """The id ``--focus`` names: an id, or a unique acronym or name (with "did you
    mean" over ids and names when nothing matches)."""
    if focus is None or focus in model:
        return focus
    from govgraph.analysis.lookup import resolve_entity
    from govgraph.graph import to_graph

    return resolve_entity(to_graph(model), focus)


def _day(as_of_date: date | None, scenarios: tuple[str, ...]) -> date | None:
    """The date a view answers for: ``--as-of`` (today unless given); with a scenario
    and no ``--as-of``, the scenario's effective date (None here lets the view take it).
    """
    ctx = click.get_current_context()
    given = ctx.get_parameter_source("as_of_date") is not ParameterSource.DEFAULT
    return as_of_date if given or not scenarios else None


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
@click.option(
    "--focus",
    metavar="ID",
    default=None,
    help="Only the neighbourhood of this entity (an id, or a unique acronym or name).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many steps around it.",
)
@lang_option
@as_of_today_option
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

    The page answers as of today unless --as-of says otherwise (a date, or all for
    every date); its subtitle says the date. The hierarchy view carries the whole
    history: its slider opens at the date and replays the other years. With
    --scenario and no --as-of, the page is for the scenario's effective date.

    With --scenario, the page has a switch between the baseline and each option;
    created, removed and moved elements are colour-coded.

    Examples:

    \b
        govgraph export html fixtures/joint-councils.yaml -o jc.html --lang fr
        govgraph export html fixtures/joint-councils.yaml -o jc-2016.html --as-of 2016
        govgraph export html fixtures/joint-councils.yaml -o net.html --view network \\
            --focus pssdc --depth 1
    """
    from govgraph.html import export_html

    day = _day(as_of_date, scenarios)
    loaded = load(model)  # the whole history: the page's slider can replay the years
    focus = _focus(loaded, focus)
    stats = write_output(
        output,
        lambda path: export_html(
            loaded,
            path,
            view=view,
            lang=lang,
            as_of=day,
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
@click.option(
    "--focus",
    metavar="ID",
    default=None,
    help="Only the neighbourhood of this entity (an id, or a unique acronym or name).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many steps around it.",
)
@lang_option
@as_of_today_option
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
    the HTML page: title, date, boxes, lines, change colours and glyphs, legend. It
    shows what holds as of today unless --as-of says otherwise (a date, or all), and
    its caption says the date; with --scenario and no --as-of, the scenario's
    effective date.

    Examples:

    \b
        govgraph export svg fixtures/joint-councils.yaml -o jc.svg --lang fr
        govgraph export svg fixtures/joint-councils.yaml -o after.svg \\
            --scenario fixtures/scenarios/quick-wins.yaml
    """
    from govgraph.html.svg import export_svg

    loaded = load(model)
    focus = _focus(loaded, focus)
    stats = export_svg(
        loaded,
        output,
        view=view,
        lang=lang,
        as_of=_day(as_of_date, scenarios),
        focus=focus,
        depth=depth,
        scenarios=list(scenarios),
        option=option,
    )
    size = number_text(stats["bytes"] // 1024, lang)
    status(text("written_svg", lang, path=output_name(output, lang), size=size))
