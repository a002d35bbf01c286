"""Analyses over a govgraph graph (``govgraph.to_graph(model)``), networkx style: the
graph comes first, the answer is plain data (lists, dicts, ids), nothing is printed or
read, the graph is never changed, and every function takes ``as_of`` (only what was
valid on that day counts).

- ``reporting_chains``, ``subordinates``: up and down the structure;
- ``connections``: how two entities are connected;
- ``members``, ``memberships``, ``coverage``: who sits where, which jurisdictions are
  missing;
- ``overlaps``: bodies with overlapping members or priorities;
- ``body_metrics``, ``structure_metrics``, ``metrics``: span, depth, parents,
  betweenness, meeting load.

Unknown ids raise ``UnknownEntityError`` with "did you mean" suggestions.

>>> from govgraph.analysis._demo import demo_graph
>>> reporting_chains(demo_graph(), "data-driven-intelligence-wg")
[['data-driven-intelligence-wg', 'pssdc', 'joint-councils']]
>>> reporting_chains(demo_graph(), "data-driven-intelligence")
Traceback (most recent call last):
...
govgraph.errors.UnknownEntityError: unknown id 'data-driven-intelligence'; did you mean 'data-driven-intelligence-wg'?
"""  # noqa: E501

from govgraph.analysis.hierarchy import reporting_chains, subordinates
from govgraph.analysis.membership import coverage, members, memberships
from govgraph.analysis.metrics import body_metrics, metrics, structure_metrics
from govgraph.analysis.overlaps import overlaps
from govgraph.analysis.paths import connections

__all__ = [
    "body_metrics",
    "connections",
    "coverage",
    "members",
    "memberships",
    "metrics",
    "overlaps",
    "reporting_chains",
    "structure_metrics",
    "subordinates",
]
