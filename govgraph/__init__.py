"""govgraph: public-sector governance as a graph.

Model councils, working groups, external tables, the organisations that support them,
members, priorities and reporting lines; check the model, analyse it with NetworkX,
replay it at any date, and move it between YAML, JSON and CSV.

>>> import govgraph
>>> model = govgraph.load_model("fixtures/joint-councils.yaml")  # doctest: +SKIP
>>> govgraph.to_graph(model).nodes["pssdc"]["kind"]  # doctest: +SKIP
'council'
"""

from govgraph.checks import check_model
from govgraph.errors import GovgraphError, InputError, ModelInvalidError, UnknownEntityError
from govgraph.findings import Finding, Severity
from govgraph.formats import load_model, read_model, validate_path, write_model
from govgraph.graph import from_graph, to_graph
from govgraph.model import Entity, GovernanceModel, LocalizedText, Relationship
from govgraph.temporal import as_of, graph_as_of
from govgraph.vocabulary import EngagementLevel, EntityKind, RelationType, Role

__version__ = "0.1.0"

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
