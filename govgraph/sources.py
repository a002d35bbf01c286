"""Where a MODEL argument comes from: a model file or CSV directory (and, with the
Neo4j store, a ``bolt://`` or ``neo4j://`` URI).

>>> is_database_uri("neo4j+s://db.example.org"), is_database_uri("fixtures/joint-councils.yaml")
(True, False)
"""

from __future__ import annotations

import re

from govgraph.errors import InputError
from govgraph.formats import load_model
from govgraph.model import GovernanceModel

__all__ = ["DATABASE_SCHEMES", "is_database_uri", "open_model"]

DATABASE_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_URI = re.compile(r"^([a-z0-9+]+)://", re.IGNORECASE)


def is_database_uri(spec: str) -> bool:
    """Whether ``spec`` names a Bolt/Neo4j server rather than a file."""
    match = _URI.match(spec)
    return bool(match) and match.group(1).lower() in DATABASE_SCHEMES


def open_model(spec: str) -> GovernanceModel:
    """The valid model that ``spec`` names. Raises ``InputError`` for bad input."""
    if is_database_uri(spec):
        raise InputError("reading a model from a database URI is not supported yet", file=spec)
    return load_model(spec)
