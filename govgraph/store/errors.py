"""The store's errors: every driver or server failure becomes one ``StoreError`` line.

>>> with store_errors("the graph store at bolt://db:7687"):
...     raise StoreError("already one line")
Traceback (most recent call last):
...
govgraph.store.errors.StoreError: already one line
"""

from __future__ import annotations

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

__all__ = ["ConflictError", "ReadOnlyError", "StoreError", "describe", "store_errors"]


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
        raise StoreError(f"cannot reach {where}: {describe(exc)}") from None
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
