"""Connecting to the graph store: settings from flags or Neo4j's own environment
variables, one retrying first contact, and one-line errors.

>>> settings = ConnectionSettings.from_env({"NEO4J_URI": "bolt://db:7687",
...     "NEO4J_USERNAME": "alice", "NEO4J_PASSWORD": "s3cret"})
>>> settings.uri, settings.user, settings.database
('bolt://db:7687', 'alice', None)
>>> "s3cret" in repr(settings)
False
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from govgraph.errors import InputError
from govgraph.store.errors import StoreError, store_errors, why_unreachable

__all__ = ["DEFAULT_URI", "ConnectionSettings", "open_driver", "redact"]

DEFAULT_URI = "bolt://localhost:7687"
#: Seconds to wait for the handshake and login of the first connection.
CONNECT_TIMEOUT = 15.0
#: Seconds a managed transaction keeps retrying transient errors (a cluster leader
#: change, a deadlock between two writers).
RETRY_TIME = 30.0

# The driver logs a warning ("Unable to retrieve routing information") before raising
# the error govgraph reports in one line. Without a handler of its own, Python would
# print it on stderr as a second line; a handler configured by the user still gets it.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def redact(uri: str) -> str:
    """The URI without any user, password or query string (which may carry one).

    >>> redact("neo4j+s://bob:pw@db.example.org:7687/x")
    'neo4j+s://db.example.org:7687/x'
    >>> redact("bolt://db:7687?password=hunter2")
    'bolt://db:7687'
    """
    try:
        parts = urlsplit(uri)
        if parts.username is None and parts.password is None and not parts.query:
            return uri
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
    except ValueError:  # not a URI at all: show no part that may be a user or password
        return uri.split("@")[-1].split("?")[0]
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


@dataclass(frozen=True)
class ConnectionSettings:
    """Where the store is and how to log in. The password never appears in ``repr``."""

    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str | None = None

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> ConnectionSettings:
        """Flags first, then ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
        ``NEO4J_DATABASE``, then the defaults."""
        env = os.environ if env is None else env
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or "neo4j",
            password=password if password is not None else env.get("NEO4J_PASSWORD", ""),
            database=database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def where(self) -> str:
        """The server, as shown in messages (no credentials)."""
        return f"the graph store at {redact(self.uri)}"


def open_driver(settings: ConnectionSettings) -> Driver:
    """A driver that has made first contact with the server (``bolt://`` to one server,
    ``neo4j://`` / ``neo4j+s://`` for routing: a cluster or Aura, or a single server).
    Unreachable server or refused credentials raise ``StoreError`` with one line; a
    malformed URI or one carrying credentials raises ``InputError`` (never echoing
    them)."""
    try:
        parts = urlsplit(settings.uri)
    except ValueError as exc:  # e.g. bolt://[x
        raise InputError(f"bad database URI {redact(settings.uri)!r}: {exc}") from None
    if parts.username or parts.password or "password" in parts.query.lower():
        raise InputError(
            f"put the user and password in --user/--password or NEO4J_*, not the URI "
            f"({redact(settings.uri)})"
        )
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=CONNECT_TIMEOUT,
            max_transaction_retry_time=RETRY_TIME,
            notifications_min_severity="OFF",
        )
    except ValueError as exc:
        raise InputError(f"bad database URI {redact(settings.uri)!r}: {exc}") from None
    try:
        with store_errors(settings.where):
            try:
                driver.verify_connectivity()
            except ServiceUnavailable as exc:
                reason = why_unreachable(exc)
                raise StoreError(f"cannot reach {settings.where}: {reason}") from None
            except (AuthError, Neo4jError) as exc:
                if isinstance(exc, AuthError) or "Security" in (getattr(exc, "code", "") or ""):
                    raise StoreError(
                        f"{settings.where} refused the credentials of user {settings.user!r} "
                        f"({getattr(exc, 'code', None) or type(exc).__name__})"
                    ) from None
                raise
        return driver
    except BaseException:
        driver.close()
        raise
