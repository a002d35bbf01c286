"""The Neo4j store: push/pull a governance model over Bolt, named and ad-hoc Cypher.

>>> from govgraph.store import ANALYST_QUERIES
>>> ANALYST_QUERIES[0]
'reporting_chain'
"""

from govgraph.store.graphstore import (
    DEFAULT_BATCH_SIZE,
    GraphStore,
    PushReport,
    StoreError,
    entity_row,
    model_from_rows,
    relationship_row,
    relationship_uid,
    store_errors,
)
from govgraph.store.readonly import WriteRefusedError, check_read_only
from govgraph.store.statements import ANALYST_QUERIES, Statement, analyst_queries, statement

__all__ = [
    "ANALYST_QUERIES",
    "DEFAULT_BATCH_SIZE",
    "GraphStore",
    "PushReport",
    "Statement",
    "StoreError",
    "WriteRefusedError",
    "analyst_queries",
    "check_read_only",
    "entity_row",
    "model_from_rows",
    "relationship_row",
    "relationship_uid",
    "statement",
    "store_errors",
]
