"""The Neo4j store: push/pull governance models over Bolt, named and ad-hoc Cypher.

>>> from govgraph.store import ANALYST_QUERIES, DEFAULT_MODEL_KEY
>>> ANALYST_QUERIES[0], DEFAULT_MODEL_KEY
('reporting_chain', 'default')
"""

from govgraph.store.errors import ConflictError, ReadOnlyError, StoreError, store_errors
from govgraph.store.graphstore import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_MODEL_KEY,
    Counts,
    GraphStore,
    ModelState,
    PushReport,
)
from govgraph.store.rows import entity_row, model_from_rows, relationship_row, relationship_uid
from govgraph.store.statements import ANALYST_QUERIES, Statement, analyst_queries, statement

__all__ = [
    "ANALYST_QUERIES",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL_KEY",
    "ConflictError",
    "Counts",
    "GraphStore",
    "ModelState",
    "PushReport",
    "ReadOnlyError",
    "Statement",
    "StoreError",
    "analyst_queries",
    "entity_row",
    "model_from_rows",
    "relationship_row",
    "relationship_uid",
    "statement",
    "store_errors",
]
