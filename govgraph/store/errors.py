"""The store's errors: every driver or server failure becomes one ``StoreError`` line.

>>> with store_errors("the graph store at bolt://db:7687"):
...     raise StoreError("already one line")
Traceback (most recent call last):
...
govgraph.store.errors.StoreError: already one line
"""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from neo4j.exceptions import (
    AuthError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from govgraph.errors import GovgraphError

__all__ = [
    "ConflictError",
    "ReadOnlyError",
    "StoreError",
    "describe",
    "store_errors",
    "why_unreachable",
]


class StoreError(GovgraphError):
    """The graph store could not be reached, refused the credentials or a statement,
    or holds data that is not a valid model. Exit code 2."""


class ConflictError(StoreError):
    """Another push changed the model first (or the file was pulled at an older
    revision): nothing was written."""


class ReadOnlyError(StoreError):
    """The server refused an ad-hoc query that writes (it ran in a READ transaction)."""


def describe(exc: BaseException) -> str:
    """The first line of a driver error, with its Neo4j code."""
    if isinstance(exc, Neo4jError):
        message = (exc.message or str(exc)).splitlines()[0] if (exc.message or str(exc)) else ""
        return f"{message} ({exc.code})" if exc.code else message
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what lies beneath it: its causes and an exception group's members."""
    seen: set[int] = set()
    pending = [exc]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(getattr(current, "exceptions", ()))
        pending.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def why_unreachable(exc: BaseException) -> str:
    """Why the server could not be reached: the operating system's error beneath the
    driver's (``Connection refused``, ``No route to host``...), an unknown host name,
    else the driver's most specific line. The driver's first line ("Couldn't connect
    to ...") says nothing the message does not already say.

    >>> why_unreachable(OSError(111, "Connection refused"))
    'Connection refused'
    >>> why_unreachable(socket.gaierror(socket.EAI_NONAME, "Name or service not known"))
    'the host name is not known'
    """
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            if cause.errno == socket.EAI_NONAME:
                return "the host name is not known"
            return f"the host name could not be looked up ({cause.strerror or cause})"
        if isinstance(cause, OSError) and cause.errno:
            return os.strerror(cause.errno)
        if isinstance(cause, TimeoutError):
            return os.strerror(errno.ETIMEDOUT)
    lines = [line for cause in causes for line in str(cause).splitlines() if line.strip()]
    return lines[-1].strip() if lines else type(exc).__name__


@contextmanager
def store_errors(where: str = "the graph store") -> Iterator[None]:
    """Turn driver errors into one-line ``StoreError`` messages (never credentials)."""
    try:
        yield
    except GovgraphError:
        raise
    except AuthError:
        raise StoreError(f"{where} refused the credentials (check the user and password)") from None
    except (ServiceUnavailable, SessionExpired) as exc:
        raise StoreError(f"cannot reach {where}: {why_unreachable(exc)}") from None
    except Neo4jError as exc:
        code = exc.code or ""
        if code.endswith("DatabaseNotFound"):
            raise StoreError(f"{where} has no such database: {describe(exc)}") from None
        if code.endswith("Statement.AccessMode"):
            raise ReadOnlyError(
                "refused: the query writes, and db cypher runs it in a READ transaction "
                f"(the server said: {describe(exc)})"
            ) from None
        raise StoreError(f"{where} refused a statement: {describe(exc)}") from None
    except (DriverError, OSError) as exc:
        raise StoreError(f"cannot talk to {where}: {describe(exc)}") from None
