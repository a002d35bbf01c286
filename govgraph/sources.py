"""Where a MODEL argument comes from: a model file or CSV directory (and, with the
Neo4j store, a ``bolt://`` or ``neo4j://`` URI).

>>> is_database_uri("neo4j+s://db.example.org"), is_database_uri("fixtures/joint-councils.yaml")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.errors import InputError, ModelInvalidError

if TYPE_CHECKING:  # the model, formats and checks load when a model is opened
    from govgraph.model import GovernanceModel

__all__ = [
    "DATABASE_SCHEMES",
    "check_not_a_remote_uri",
    "is_database_uri",
    "open_model",
    "pull_model",
    "redact",
]

DATABASE_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_URI = re.compile(r"^([a-z0-9+]+)://", re.IGNORECASE)
_NEAR_URI = re.compile(r"^([a-z0-9+]+):?/{1,3}(?!/)(.*)$", re.IGNORECASE)
_CREDENTIALS = re.compile(r"^([a-z0-9+]+://)[^@/]*@", re.IGNORECASE)


def redact(uri: str) -> str:
    """``uri`` without any user:password@ part, for messages.

    >>> redact("bolt://neo4j:secret@localhost:7687")
    'bolt://localhost:7687'
    """
    return _CREDENTIALS.sub(r"\1", uri)


def is_database_uri(spec: str) -> bool:
    """Whether ``spec`` names a Bolt/Neo4j server rather than a file."""
    match = _URI.match(spec)
    return bool(match) and match.group(1).lower() in DATABASE_SCHEMES


def open_model(spec: str) -> GovernanceModel:
    """The valid model that ``spec`` names. Raises ``InputError`` for bad input.

    A ``bolt://``, ``neo4j://`` (``+s``, ``+ssc``) URI pulls the model from that
    server, logging in with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` and reading the
    database ``NEO4J_DATABASE`` (default: the server's home database). A pulled model
    that breaks an error-level rule raises ``ModelInvalidError``, as a file would.
    """
    from govgraph.formats import load_model

    if is_database_uri(spec):
        return pull_model(spec)
    check_not_a_remote_uri(spec)
    return load_model(spec)


def check_not_a_remote_uri(spec: str) -> None:
    """Raise ``InputError`` for a URI govgraph does not read (``http://``, ``ftp://``...)
    or a store URI missing its ``:`` (``bolt//host``): models are never fetched.

    >>> check_not_a_remote_uri("https://example.org/m.yaml")
    Traceback (most recent call last):
    ...
    govgraph.errors.InputError: https://example.org/m.yaml: govgraph does not fetch models \
from https:// URIs: download the file first, or give a bolt:// or neo4j:// store
    """
    match = _URI.match(spec)
    if match and match.group(1).lower() not in ("file",):
        raise InputError(
            f"govgraph does not fetch models from {match.group(1).lower()}:// URIs: download "
            "the file first, or give a bolt:// or neo4j:// store",
            file=redact(spec),
        )
    near = _NEAR_URI.match(spec)
    if near and near.group(1).lower() in DATABASE_SCHEMES and not Path(spec).exists():
        raise InputError(
            f"not a file, and not a store URI (did you mean {near.group(1)}://{near.group(2)}?)",
            file=redact(spec),
        )


def pull_model(uri: str, env: Mapping[str, str] | None = None) -> GovernanceModel:
    """Pull the model stored at ``uri`` (credentials and database from ``env``, by
    default the process environment) and check it."""
    from govgraph.checks import check_model
    from govgraph.findings import errors_in
    from govgraph.store import GraphStore
    from govgraph.store.connect import ConnectionSettings, open_driver

    settings = ConnectionSettings.from_env(env, uri=uri)
    with open_driver(settings) as driver:
        model = GraphStore(driver, settings.database, where=settings.where).pull()
    errors = errors_in(check_model(model))
    if errors:
        raise ModelInvalidError(errors, file=redact(uri))
    return model
