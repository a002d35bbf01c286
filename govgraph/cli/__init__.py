"""The ``govgraph`` command line: a thin layer over the library.

Each command parses its arguments, makes one library call, and prints; errors become
one-line messages with exit code 2 (bad input), 1 (findings) or 3 (a bug).
"""

from __future__ import annotations

import click

from govgraph.cli.analysis_commands import (
    chain,
    coverage_command,
    members_command,
    memberships_command,
    metrics_command,
    overlaps_command,
    path,
    subordinates_command,
)
from govgraph.cli.common import GovgraphGroup
from govgraph.cli.db_commands import db
from govgraph.cli.export_commands import export
from govgraph.cli.health_commands import generate, health_command
from govgraph.cli.import_commands import import_command
from govgraph.cli.interop_commands import changes
from govgraph.cli.model_commands import convert, show, validate
from govgraph.cli.scenario_commands import compare, simulate

__all__ = ["main"]


@click.group(
    cls=GovgraphGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="govgraph", prog_name="govgraph")
def main() -> None:
    """govgraph: public-sector governance as a graph.

    Model councils, working groups, tables, the organisations that support them,
    members, priorities and reporting lines; check, analyse and convert the model.

    Example:

        govgraph validate fixtures/joint-councils.yaml
    """


main.add_command(validate)
main.add_command(show)
main.add_command(convert)
main.add_command(chain)
main.add_command(subordinates_command)
main.add_command(path)
main.add_command(members_command)
main.add_command(memberships_command)
main.add_command(coverage_command)
main.add_command(overlaps_command)
main.add_command(metrics_command)
main.add_command(generate)
main.add_command(simulate)
main.add_command(compare)
main.add_command(export)
main.add_command(health_command)
main.add_command(changes)
main.add_command(db)
main.add_command(import_command)
