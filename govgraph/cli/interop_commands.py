"""Interoperability commands: ``changes`` (a scenario's changes as W3C ORG change
events). Format conversion itself is ``govgraph convert`` (formats by extension)."""

from __future__ import annotations

from pathlib import Path

import click

from govgraph.cli.common import lang_option, load, model_argument, quiet_option
from govgraph.cli.output import status
from govgraph.errors import InputError
from govgraph.i18n import plural, text

__all__ = ["changes"]


@click.command("changes")
@model_argument
@click.argument("scenario", metavar="SCENARIO")
@click.argument("out", metavar="OUT")
@click.option(
    "--events-only",
    is_flag=True,
    help="Write only the scenario and its change events, not the model after it.",
)
@lang_option
@quiet_option
def changes(model: str, scenario: str, out: str, events_only: bool, lang: str) -> None:
    """Apply a scenario and write the model after it in W3C ORG (OUT: .ttl, .jsonld or
    .nt), with each classified change as an org:ChangeEvent (org:originalOrganization,
    org:resultingOrganization, prov:atTime the scenario's effective date).

    Importing OUT (govgraph convert OUT model.yaml) gives the model after the scenario.
    Nothing is written if the model or the scenario is invalid.

    Example:

    \b
        govgraph changes fixtures/joint-councils.yaml fixtures/scenarios/quick-wins.yaml out/quick-wins.ttl
    """  # noqa: E501
    from govgraph.formats.org import RDF_FORMATS, scenario_to_rdf, write_graph
    from govgraph.scenarios import load_scenario

    if Path(out).suffix.lower() not in RDF_FORMATS:
        suffixes = ", ".join(RDF_FORMATS)
        raise InputError(text("error.rdf_out", lang, suffixes=suffixes), file=out)
    loaded = load(model)
    graph = scenario_to_rdf(loaded, load_scenario(scenario), events_only=events_only)
    write_graph(graph, out)
    triples = plural("count.triples", len(graph), lang)
    status(text("written_triples", lang, path=out, triples=triples))
