"""govgraph: public-sector governance as a graph.

Model councils, working groups, external tables, the organisations that support them,
members, priorities and reporting lines; check the model, analyse it with NetworkX,
replay it at any date, and move it between YAML, JSON and CSV.

The public names load on first use, so that ``import govgraph`` (and the command line's
start) stays fast; ``from govgraph import load_model`` works as usual.

>>> import govgraph
>>> model = govgraph.load_model("fixtures/joint-councils.yaml")  # doctest: +SKIP
>>> govgraph.to_graph(model).nodes["pssdc"]["kind"]  # doctest: +SKIP
'council'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govgraph.analysis._view import graph_as_of
    from govgraph.checks import check_model
    from govgraph.errors import GovgraphError, InputError, ModelInvalidError, UnknownEntityError
    from govgraph.findings import Finding, Severity
    from govgraph.formats import load_model, read_model, validate_path, write_model
    from govgraph.graph import from_graph, to_graph
    from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
    from govgraph.temporal import as_of
    from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

__version__ = "0.1.0"

#: Each public name and the module that defines it.
_HOMES = {
    "check_model": "govgraph.checks",
    "GovgraphError": "govgraph.errors",
    "InputError": "govgraph.errors",
    "ModelInvalidError": "govgraph.errors",
    "UnknownEntityError": "govgraph.errors",
    "Finding": "govgraph.findings",
    "Severity": "govgraph.findings",
    "load_model": "govgraph.formats",
    "read_model": "govgraph.formats",
    "validate_path": "govgraph.formats",
    "write_model": "govgraph.formats",
    "from_graph": "govgraph.graph",
    "to_graph": "govgraph.graph",
    "Entity": "govgraph.model",
    "GovernanceModel": "govgraph.model",
    "LocalizedText": "govgraph.model",
    "Relationship": "govgraph.model",
    "as_of": "govgraph.temporal",
    "graph_as_of": "govgraph.analysis._view",
    "EngagementLevel": "govgraph.vocabulary",
    "EntityKind": "govgraph.vocabulary",
    "RelationType": "govgraph.vocabulary",
    "Role": "govgraph.vocabulary",
}

__all__ = [
    "EngagementLevel",
    "Entity",
    "EntityKind",
    "Finding",
    "GovernanceModel",
    "GovgraphError",
    "InputError",
    "LocalizedText",
    "ModelInvalidError",
    "RelationType",
    "Relationship",
    "Role",
    "Severity",
    "UnknownEntityError",
    "__version__",
    "as_of",
    "check_model",
    "from_graph",
    "graph_as_of",
    "load_model",
    "read_model",
    "to_graph",
    "validate_path",
    "write_model",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'govgraph' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
