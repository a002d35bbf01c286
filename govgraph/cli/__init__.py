"""The ``govgraph`` command line: a thin layer over the library.

Each command parses its arguments, makes one library call, and prints; errors become
one-line messages with exit code 2 (bad input), 1 (findings) or 3 (a bug).

Commands are registered by name with where they live and their one-line help, and
imported only when they run or show their help (``main.add_lazy_command``), so that
``govgraph --help`` and every command start without loading the others.
"""

from __future__ import annotations

import os

import click

from govgraph.cli.common import GovgraphGroup, lang_option, quiet_option

__all__ = ["main"]

# The command line uses pydantic for its models only: looking for pydantic plugins
# (a scan of every installed package's entry points) would slow each command's start.
# A user who wants them sets PYDANTIC_DISABLE_PLUGINS themselves (e.g. to "").
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


@click.group(
    cls=GovgraphGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="govgraph", prog_name="govgraph")
@quiet_option
@lang_option
def main(lang: str) -> None:
    """govgraph: public-sector governance as a graph.

    Model councils, working groups, tables, the organisations that support them,
    members, priorities and reporting lines; check, analyse and convert the model.

    MODEL is a .yaml/.yml/.json file, a CSV directory, a bolt:// or neo4j:// URI, or -
    for standard input (with --input-format); an output path of - is standard output.
    The language (--lang, before or after the command) comes from GOVGRAPH_LANG, else
    the locale (LANG=fr_CA...); colour is off with NO_COLOR. Shell completion, in
    ~/.bashrc (zsh_source or fish_source for those shells):

    \b
        eval "$(_GOVGRAPH_COMPLETE=bash_source govgraph)"

    Examples:

    \b
        govgraph init my-model.yaml
        govgraph validate fixtures/joint-councils.yaml
        govgraph convert fixtures/joint-councils.yaml - --to json | govgraph show - --input-format json
    """  # noqa: E501


# One line per command: name, where it lives (module:attribute under govgraph.cli), and
# its one-line help as `govgraph --help` lists it (a test checks it against the command).
main.add_lazy_command(
    "init",
    "govgraph.cli.init_commands:init",
    "Write a commented starter model that validates.",
)
main.add_lazy_command(
    "validate",
    "govgraph.cli.model_commands:validate",
    "Check a model file against the model's rules and list the findings.",
)
main.add_lazy_command(
    "show",
    "govgraph.cli.model_commands:show",
    "Summarise a model: entities by kind, relationships by type, the dates it covers...",
)
main.add_lazy_command(
    "convert",
    "govgraph.cli.model_commands:convert",
    "Convert a model to another format, chosen by OUT's extension: .yaml/.yml, .json,...",
)
main.add_lazy_command(
    "chain",
    "govgraph.cli.analysis_commands:chain",
    "Every reporting chain from ID up to a root, bottom-up, with the line of each step...",
)
main.add_lazy_command(
    "subordinates",
    "govgraph.cli.analysis_commands:subordinates_command",
    "The bodies below ID, each with its depth (1 for a direct report) and the line it...",
)
main.add_lazy_command(
    "path",
    "govgraph.cli.analysis_commands:path",
    "The shortest connections between A and B, following relationships in either...",
)
main.add_lazy_command(
    "members",
    "govgraph.cli.analysis_commands:members_command",
    "Who sits on body ID and in what role (chair, co-chair, secretariat...).",
)
main.add_lazy_command(
    "memberships",
    "govgraph.cli.analysis_commands:memberships_command",
    "The bodies entity ID sits on, in what role, and the wholes they are part of...",
)
main.add_lazy_command(
    "coverage",
    "govgraph.cli.analysis_commands:coverage_command",
    "For each body (or body ID), which of the model's jurisdictions are represented...",
)
main.add_lazy_command(
    "overlaps",
    "govgraph.cli.analysis_commands:overlaps_command",
    "Pairs of bodies whose members or priorities overlap: how many items they share,...",
)
main.add_lazy_command(
    "metrics",
    "govgraph.cli.analysis_commands:metrics_command",
    "Per body: span of control, depth, formal and informal parents, members,...",
)
main.add_lazy_command(
    "generate",
    "govgraph.cli.generate_commands:generate",
    "Write a synthetic, realistic whole-of-government model: jurisdictions, five...",
)
main.add_lazy_command(
    "simulate",
    "govgraph.cli.scenario_commands:simulate",
    "Apply a scenario file to a model and report its impact.",
)
main.add_lazy_command(
    "compare",
    "govgraph.cli.scenario_commands:compare",
    "Put reorganisation options side by side: the structure's figures and health...",
)
main.add_lazy_command(
    "export",
    "govgraph.cli.export_commands:export",
    "Export a model as a view for people (an interactive HTML page).",
)
main.add_lazy_command(
    "health",
    "govgraph.cli.health_commands:health_command",
    "Check a model's health: the validator's findings, analysis findings (span or...",
)
main.add_lazy_command(
    "changes",
    "govgraph.cli.interop_commands:changes",
    "Apply a scenario and write the model after it in W3C ORG (OUT: .ttl, .jsonld or...",
)
main.add_lazy_command(
    "db",
    "govgraph.cli.db_commands:db",
    "The shared Neo4j store: push a model, pull it back, query it.",
)
main.add_lazy_command(
    "links",
    "govgraph.cli.lookup_commands:links_command",
    "Every line of ID, of any type: who supports, oversees, advances, engages with,...",
)
main.add_lazy_command(
    "find",
    "govgraph.cli.lookup_commands:find_command",
    "Find entities whose id, name or acronym (English or French) contains TEXT,...",
)
main.add_lazy_command(
    "list",
    "govgraph.cli.lookup_commands:list_command",
    "List the entities (of --kind K) with their ids, acronyms and names, in model...",
)
main.add_lazy_command(
    "import",
    "govgraph.cli.import_commands:import_command",
    "Import CSV or .xlsx tables into a model by a mapping (see docs/import.md).",
)
