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

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

from govgraph.errors import InputError
from govgraph.store.graphstore import StoreError, store_errors

__all__ = ["DEFAULT_URI", "ConnectionSettings", "open_driver", "redact"]

DEFAULT_URI = "bolt://localhost:7687"
#: Handshake timeouts of the successive first-contact attempts, in seconds. FalkorDB's
#: experimental Bolt server leaves the first connection after a closed one hanging in
#: the handshake; a short first attempt and a retry keep that from stalling a command.
FIRST_CONTACT_TIMEOUTS: tuple[float, ...] = (1.0, 10.0, 30.0)


def redact(uri: str) -> str:
    """The URI without any user or password in it.

    >>> redact("neo4j+s://bob:pw@db.example.org:7687/x")
    'neo4j+s://db.example.org:7687/x'
    """
    try:
        parts = urlsplit(uri)
    except ValueError:  # not a URI at all: show no part that may be a password
        return uri.split("@")[-1]
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


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
    """A driver that has made first contact with the server (so its pool holds a
    working connection). Unreachable server or refused credentials raise
    ``StoreError`` with one line; a malformed URI raises ``InputError``."""
    try:
        parts = urlsplit(settings.uri)
    except ValueError as exc:  # e.g. bolt://[x
        raise InputError(f"bad database URI {redact(settings.uri)!r}: {exc}") from None
    if parts.username or parts.password:
        raise InputError("put the user and password in --user/--password or NEO4J_*, not the URI")
    last: ServiceUnavailable | None = None
    for timeout in FIRST_CONTACT_TIMEOUTS:
        try:
            driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.user, settings.password),
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
                # managed transactions retry a connection that hangs (see above)
                max_transaction_retry_time=15.0,
            )
        except ValueError as exc:
            raise InputError(f"bad database URI {redact(settings.uri)!r}: {exc}") from None
        try:
            with store_errors(settings.where):
                try:
                    # the handshake and login only: no retries inside, a refused
                    # connection fails at once, a hanging one after `timeout`
                    driver.verify_connectivity()
                    return driver
                except ServiceUnavailable as exc:
                    last = exc
                except (AuthError, Neo4jError) as exc:
                    # FalkorDB answers a wrong password with a generic error at login
                    raise StoreError(
                        f"{settings.where} refused the credentials of user {settings.user!r} "
                        f"({getattr(exc, 'code', None) or type(exc).__name__})"
                    ) from None
            driver.close()
        except BaseException:
            driver.close()
            raise
    message = str(last).splitlines()[0] if last else "no answer"
    raise StoreError(f"cannot reach {settings.where}: {message}")
