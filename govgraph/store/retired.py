"""Retired generations: deleting a generation of a model key that is out of use, so
that a deletion interrupted at any point (the client killed, the server gone) is
finished later instead of leaving its entities in the database for good.

A generation goes out of use when a large-model push switches away from it
(``replaced``), when its writer died before the switch (``abandoned``), or when its
push failed (``failed``). In the transaction that takes it out of use it is recorded
as a ``GovgraphRetired`` node, leased to the client that deletes it next. That client
deletes it in batches, renewing its lease with each; a cleanup (the next push of any
key, or ``db schema``) deletes those whose lease ran out. No model node points at a
retired generation, so readers never see it, whole or in part.

>>> LEASE_MS // 1000, DELETE_BATCH
(120, 10000)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from neo4j import ManagedTransaction, Session

from govgraph.store.statements import statement

__all__ = ["DELETE_BATCH", "LEASE_MS", "Retired", "delete_retired"]

#: Entities deleted per transaction (with their relationships), unless the store's batch
#: size is given.
DELETE_BATCH = 10_000
#: How long a deleter's lease lasts without a batch renewing it (milliseconds of the
#: server's clock): a deleter that is silent this long is taken to be dead.
LEASE_MS = 120_000


@dataclass(frozen=True)
class Retired:
    """A retired generation a cleanup deleted: its model key, scope and why it was
    retired (``replaced``, ``abandoned`` or ``failed``)."""

    model: str
    scope: str
    reason: str


def _claim(tx: ManagedTransaction, scope: str, owner: str) -> bool:
    """Renew (or take) ``owner``'s lease; false when another deleter holds it."""
    claimed = tx.run(
        statement("claim_retired").text, scope=scope, owner=owner, lease=LEASE_MS
    ).single()
    return claimed is not None


def _relationships(tx: ManagedTransaction, scope: str, owner: str, limit: int) -> int | None:
    """Delete up to ``limit`` relationships of the next ``limit`` entities: how many
    went, or ``None`` when ``owner`` does not hold the lease."""
    if not _claim(tx, scope, owner):
        return None
    row = tx.run(
        statement("delete_scope_relationships").text, scope=scope, nodes=limit, limit=limit
    ).single()
    return int(row["deleted"]) if row else 0


def _entities(tx: ManagedTransaction, scope: str, owner: str, limit: int) -> int | None:
    """Delete the next ``limit`` entities (their relationships already gone)."""
    if not _claim(tx, scope, owner):
        return None
    row = tx.run(statement("delete_scope_batch").text, scope=scope, limit=limit).single()
    return int(row["deleted"]) if row else 0


def delete_retired(
    open_session: Callable[[], Session], scope: str, owner: str, *, batch: int = DELETE_BATCH
) -> int | None:
    """Delete retired generation ``scope`` (its entities, relationships, chunks and
    record) while ``owner`` holds or can take its lease, at most ``batch``
    relationships or entities per transaction. Returns the number of entities
    deleted, or ``None`` when another deleter holds it or it is gone."""
    deleted = 0
    with open_session() as session:
        while True:
            # the next entities' relationships, a batch per transaction, then them
            while (gone := session.execute_write(_relationships, scope, owner, batch)) != 0:
                if gone is None:
                    return None
            count = session.execute_write(_entities, scope, owner, batch)
            if count is None:
                return None
            deleted += count
            if count == 0:
                break
        session.execute_write(
            lambda tx: tx.run(statement("forget_retired").text, scope=scope, owner=owner).consume()
        )
    return deleted
