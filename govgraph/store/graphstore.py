"""The Neo4j store: push a model to a Neo4j server, pull it back, run named and ad-hoc
read-only Cypher.

Several models live in one database, each under a **model key** (default
``"default"``): a ``:GovgraphModel {key}`` node holds the model's metadata, its
**revision** (one more per push that changed something) and its current **scope**; every
entity is an ``:Entity`` node of one scope with one more label for its kind
(``:Council``, ``:WorkingGroup``...), and relationships keep their model type
(``REPORTS_TO``...). Labels and types come only from the vocabularies; every value is a
``$parameter``.

A push reads the stored content hashes once and writes only what was created or
changed (``prune``: deletes what the model no longer holds), all in one managed write
transaction that first locks the model node: all of it or none of it, and of two
concurrent pushes of one key the second fails cleanly (``ConflictError``). A model too
large for one transaction goes in **large-model mode**: a new scope (generation) is
written in batches of transactions, then one small transaction switches the model node
to it, and the old generation is deleted after; readers see the old model or the new
one, never a part.

Example (against a running server; see ``tests/store/``)::

    from neo4j import GraphDatabase
    from govgraph import load_model
    from govgraph.store import GraphStore

    with GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "secret")) as driver:
        store = GraphStore(driver, model="baseline")
        store.push(load_model("fixtures/joint-councils.yaml"), prune=True)
        store.run("orphans")  # [{'id': 'joint-councils-wg', ...}]

>>> plan = plan_changes({"a": "h1", "b": "h2"}, {"a": "h1", "c": "h3"}, prune=True)
>>> plan.created, plan.updated, plan.unchanged, plan.deleted
(['b'], [], 1, ['c'])
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction, Session

from govgraph.dates import parse_as_of
from govgraph.errors import GovgraphError, InputError
from govgraph.model import GovernanceModel, PulledFrom
from govgraph.store.errors import ConflictError, store_errors
from govgraph.store.rows import (
    content_hash,
    entity_row,
    model_from_rows,
    model_props,
    relationship_row,
)
from govgraph.store.statements import (
    ANALYST_QUERIES,
    entity_statement,
    relationship_statement,
    statement,
)

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL_KEY",
    "Counts",
    "GraphStore",
    "ModelState",
    "Plan",
    "PushReport",
    "plan_changes",
]

#: Rows per UNWIND batch (see the batch-size sweep in bench/neo4j_push.py).
DEFAULT_BATCH_SIZE = 5000
#: The model key used when none is given.
DEFAULT_MODEL_KEY = "default"
#: Entities deleted per transaction when an old generation goes.
DELETE_BATCH = 10_000
_SCHEMA_NAME = re.compile(r"CREATE\s+(CONSTRAINT|INDEX)\s+(\w+)", re.IGNORECASE)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ModelState:
    """A model key's stored revision, current scope and metadata hash."""

    revision: int
    scope: str | None
    hash: str | None = None


@dataclass
class Plan:
    """What a push must do for one kind of record (entities or relationships)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)


def plan_changes(wanted: dict[str, str], stored: dict[str, str], *, prune: bool) -> Plan:
    """Compare the hashes a model has (``wanted``, by id or uid) with those stored."""
    plan = Plan()
    for key, digest in wanted.items():
        have = stored.get(key)
        if have is None:
            plan.created.append(key)
        elif have != digest:
            plan.updated.append(key)
        else:
            plan.unchanged += 1
    if prune:
        plan.deleted = [key for key in stored if key not in wanted]
    return plan


@dataclass(frozen=True)
class Counts:
    """How many records of one kind a push created, updated, left unchanged, deleted."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @classmethod
    def of(cls, plan: Plan, deleted: int | None = None) -> Counts:
        return cls(
            len(plan.created),
            len(plan.updated),
            plan.unchanged,
            len(plan.deleted) if deleted is None else deleted,
        )


@dataclass(frozen=True)
class PushReport:
    """What a push did to entities and relationships, the model key and its revision
    after the push, and whether it ran in large-model mode."""

    model: str
    revision: int
    entities: Counts
    relationships: Counts
    large: bool = False

    @property
    def changed(self) -> bool:
        return any(
            (c.created or c.updated or c.deleted) for c in (self.entities, self.relationships)
        )


def _batches(rows: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def _data(tx: ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    return [record.data() for record in tx.run(statement(name).text, params)]


class GraphStore:
    """A governance model under key ``model`` in a Neo4j database reached through
    ``driver`` (``database``: default the server's home database). ``batch_size`` is
    the number of rows per ``UNWIND`` statement."""

    def __init__(
        self,
        driver: Driver,
        database: str | None = None,
        *,
        model: str = DEFAULT_MODEL_KEY,
        batch_size: int = DEFAULT_BATCH_SIZE,
        where: str = "the graph store",
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not model or len(model) > 200 or any(ord(c) < 32 for c in model):
            raise InputError("a model key is 1 to 200 characters, none of them control characters")
        self.driver = driver
        self.database = database
        self.model = model
        self.batch_size = batch_size
        self.where = where

    # -- plumbing ---------------------------------------------------------------------

    def _session(self) -> Session:
        return self.driver.session(database=self.database)

    def _write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        with store_errors(self.where), self._session() as session:
            return session.execute_write(lambda tx: _data(tx, name, **params))

    def _read(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        with store_errors(self.where), self._session() as session:
            return session.execute_read(work)

    # -- schema -----------------------------------------------------------------------

    def apply_schema(self) -> list[str]:
        """Create the constraints and index the push uses that the database lacks.
        Returns one line per item: ``created: NAME`` or ``exists: NAME``."""
        existing = {row["name"] for row in self._read(statement("show_constraints").text, {})}
        existing |= {row["name"] for row in self._read(statement("show_indexes").text, {})}
        done: list[str] = []
        for part in statement("schema").parts:
            match = _SCHEMA_NAME.search(part)
            assert match is not None, part
            what, name = match.group(1).lower(), match.group(2)
            if name in existing:
                done.append(f"exists: {what} {name}")
                continue
            with store_errors(self.where), self._session() as session:
                session.execute_write(lambda tx, text=part: tx.run(text).consume())
            done.append(f"created: {what} {name}")
        return done

    # -- state ------------------------------------------------------------------------

    def state(self) -> ModelState | None:
        """The stored revision and scope of this model key (``None``: not stored)."""
        rows = self._read(statement("read_model_state").text, {"model": self.model})
        if not rows:
            return None
        return ModelState(int(rows[0]["revision"] or 0), rows[0]["scope"], rows[0]["hash"])

    def models(self) -> list[dict[str, Any]]:
        """The model keys the database holds, with their revisions."""
        return self._read(statement("list_models").text, {})

    # -- push -------------------------------------------------------------------------

    def push(
        self,
        model: GovernanceModel,
        prune: bool = False,
        *,
        large: bool = False,
        force: bool = False,
        progress: Progress | None = None,
    ) -> PushReport:
        """Write ``model`` under this store's key, all of it or none of it.

        Only entities and relationships whose content hash changed are written;
        ``prune`` also deletes what the store holds beyond the model. A model pulled
        at an older revision than the store's (``model.pulled_from``) is refused with
        ``ConflictError`` unless ``force``; so is a push that another push of the
        same key overtook. ``large`` writes a new generation in many transactions
        and switches to it at the end (the whole model is replaced, as with
        ``prune``). ``progress(done, total)`` is called as rows are written.
        """
        self.apply_schema()
        state = self.state()
        expected = state.revision if state else 0
        pulled = model.pulled_from
        if (
            pulled is not None
            and pulled.model == self.model
            and state
            and not force
            and pulled.revision != state.revision
        ):
            raise ConflictError(
                f"the model was pulled at revision {pulled.revision} of {self.model!r}, "
                f"but the store is at revision {state.revision}: pull it again and "
                "redo the changes, or push with --force to overwrite"
            )
        if large:
            return self._large_push(model, expected, progress)
        return self._incremental_push(model, prune, expected, progress)

    def _lock(self, tx: ManagedTransaction, expected: int, scope: str) -> ModelState:
        """Lock the model node (creating it with ``scope``) and check its revision."""
        tx.run(statement("lock_model").text, model=self.model, scope=scope).consume()
        row = _data(tx, "read_model_state", model=self.model)[0]
        state = ModelState(int(row["revision"] or 0), row["scope"], row["hash"])
        if state.revision != expected:
            raise ConflictError(
                f"another push changed {self.model!r} while this one ran (revision "
                f"{expected} became {state.revision}); nothing was written: push again"
            )
        return state

    def _incremental_push(
        self, model: GovernanceModel, prune: bool, expected: int, progress: Progress | None
    ) -> PushReport:
        meta = model_props(model)
        meta_hash = content_hash(meta)

        def work(tx: ManagedTransaction) -> PushReport:
            state = self._lock(tx, expected, uuid.uuid4().hex)
            scope = str(state.scope)
            entities = {e.id: entity_row(e, scope) for e in model.entities}
            relationships = {
                row["props"]["uid"]: row for row in map(relationship_row, model.relationships)
            }
            stored_entities = {
                r["id"]: r["hash"] for r in _data(tx, "read_hashes_entities", scope=scope)
            }
            stored_rels: dict[str, str] = {}
            starts: dict[str, str] = {}
            for r in _data(tx, "read_hashes_relationships", scope=scope):
                stored_rels[r["uid"]] = r["hash"]
                starts[r["uid"]] = r["from"]
            entity_plan = plan_changes(
                {k: v["props"]["hash"] for k, v in entities.items()}, stored_entities, prune=prune
            )
            rel_plan = plan_changes(
                {k: v["props"]["hash"] for k, v in relationships.items()}, stored_rels, prune=prune
            )
            gone = set(entity_plan.deleted)
            deleted_rels = [
                {"from": starts[uid], "uid": uid}
                for uid in rel_plan.deleted
                if starts[uid] not in gone
            ]
            writer = _Writer(tx, scope, self.batch_size, progress)
            writer.total = (
                len(entity_plan.created) + len(entity_plan.updated) + len(entity_plan.deleted)
                + len(rel_plan.created) + len(rel_plan.updated) + len(deleted_rels)
            )  # fmt: skip
            writer.plain("delete_relationships", deleted_rels)
            writer.plain("delete_entities", entity_plan.deleted)
            writer.entities("create_entities", [entities[k] for k in entity_plan.created])
            writer.entities("update_entities", [entities[k] for k in entity_plan.updated])
            writer.relationships(
                "create_relationships", [relationships[k] for k in rel_plan.created]
            )
            writer.relationships(
                "update_relationships", [relationships[k] for k in rel_plan.updated]
            )
            # relationships of deleted entities go with them: not counted again
            rel_counts = Counts.of(rel_plan, deleted=len(deleted_rels))
            report = PushReport(self.model, state.revision, Counts.of(entity_plan), rel_counts)
            if report.changed or meta_hash != state.hash:
                revision = _data(
                    tx, "commit_model", model=self.model, scope=scope, props=meta, hash=meta_hash
                )[0]["revision"]
                report = PushReport(self.model, int(revision), report.entities, rel_counts)
            else:
                tx.run(statement("unlock_model").text, model=self.model).consume()
            return report

        with store_errors(self.where), self._session() as session:
            return session.execute_write(work)

    def _large_push(
        self, model: GovernanceModel, expected: int, progress: Progress | None
    ) -> PushReport:
        scope = uuid.uuid4().hex
        meta = model_props(model)
        entity_rows = [entity_row(e, scope) for e in model.entities]
        rel_rows = [relationship_row(r) for r in model.relationships]
        total = len(entity_rows) + len(rel_rows)
        done = 0
        try:
            with store_errors(self.where), self._session() as session:
                for name, rows, grouping in (
                    ("create_entities", entity_rows, "kind"),
                    ("create_relationships", rel_rows, "type"),
                ):
                    for text, batch in _grouped(name, rows, grouping, self.batch_size):
                        session.execute_write(
                            lambda tx, t=text, b=batch: tx.run(t, rows=b, scope=scope).consume()
                        )
                        done += len(batch)
                        if progress is not None:
                            progress(done, total)

                def switch(tx: ManagedTransaction) -> tuple[int, str | None]:
                    current = self._lock(tx, expected, scope)
                    row = _data(
                        tx, "commit_model", model=self.model, scope=scope, props=meta,
                        hash=content_hash(meta),
                    )[0]  # fmt: skip
                    return int(row["revision"]), current.scope

                revision, old_scope = session.execute_write(switch)
        except BaseException:
            with suppress(GovgraphError, Exception):
                self._delete_scope(scope)
            raise
        old = 0
        if old_scope and old_scope != scope:
            old = self._delete_scope(old_scope)
        entities = Counts(created=len(entity_rows), deleted=old)
        relationships = Counts(created=len(rel_rows))
        return PushReport(self.model, revision, entities, relationships, large=True)

    def _delete_scope(self, scope: str) -> int:
        """Delete one scope's entities (and their relationships) in batches."""
        deleted = 0
        with store_errors(self.where), self._session() as session:
            while True:
                rows = session.execute_write(
                    lambda tx: _data(tx, "delete_scope_batch", scope=scope, limit=DELETE_BATCH)
                )
                count = int(rows[0]["deleted"]) if rows else 0
                deleted += count
                if count == 0:
                    return deleted

    # -- pull and queries -------------------------------------------------------------

    def pull(self, *, stamp: bool = False) -> GovernanceModel:
        """The model stored under this key (canonical order: entities by id,
        relationships by (from, to, key)); with ``stamp``, ``pulled_from`` holds the
        key and revision, so that pushing it back detects a newer store. No model
        under the key gives an empty model (revision 0). Data that is not a valid
        model raises ``StoreError``."""

        def work(tx: ManagedTransaction) -> GovernanceModel:
            rows = _data(tx, "read_model", model=self.model)
            meta = rows[0]["props"] if rows else {}
            scope = meta.get("scope")
            entities = [r["props"] for r in _data(tx, "read_entities", scope=scope)]
            relationships = [
                (r["from"], r["type"], r["to"], r["props"])
                for r in _data(tx, "read_relationships", scope=scope)
            ]
            pulled = model_from_rows(meta, entities, relationships)
            if not stamp:
                return pulled
            revision = int(meta.get("revision") or 0)
            return pulled.model_copy(
                update={"pulled_from": PulledFrom(model=self.model, revision=revision)}
            )

        with store_errors(self.where), self._session() as session:
            return session.execute_read(work)

    def counts(self) -> dict[str, int]:
        """How many entities and relationships this model key holds."""
        rows = self._read(statement("count").text, {"model": self.model})
        return {
            "entities": int(rows[0]["entities"]),
            "relationships": int(rows[0]["relationships"]),
        }

    def clear(self) -> None:
        """Delete everything govgraph stored in this database (every model key)."""
        with store_errors(self.where), self._session() as session:
            session.run(statement("clear").text).consume()

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named analyst query (see ``cypher/``) on this model key, in a read
        transaction. Missing parameters take their defaults; ``date`` may be partial
        (``2017`` = 2017-01-01).

        Raises ``InputError`` for an unknown query or parameter.
        """
        if name not in ANALYST_QUERIES:
            statement(name)  # an unknown name raises with the list of named queries
            raise InputError(
                f"{name!r} is not an analyst query (named queries: {', '.join(ANALYST_QUERIES)})"
            )
        query = statement(name)
        values = query.parameters({"model": self.model, **params})
        if values.get("date") is not None:
            try:
                values["date"] = parse_as_of(str(values["date"])).isoformat()
            except ValueError as exc:
                raise InputError(f"parameter 'date': {exc}") from None
        return self._read(query.text, values)

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run ad-hoc Cypher in a READ transaction: the server refuses any write
        (``ReadOnlyError``, one line)."""
        return self._read(cypher, params)


def _grouped(
    name: str, rows: Sequence[dict[str, Any]], grouping: str, size: int
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, batch) for rows grouped by kind or type (the label or type is part
    of the statement, rendered from the vocabulary)."""
    groups: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[grouping]].append(row)
    render = entity_statement if grouping == "kind" else relationship_statement
    for key in sorted(groups, key=lambda k: k.value):
        text = render(name, key)
        sent = [
            {"props": r["props"]} if grouping == "kind" else
            {"from": r["from"], "to": r["to"], "props": r["props"]}
            for r in groups[key]
        ]  # fmt: skip
        for batch in _batches(sent, size):
            yield text, batch


class _Writer:
    """Batches of one push transaction, with progress."""

    def __init__(
        self, tx: ManagedTransaction, scope: str, size: int, progress: Progress | None
    ) -> None:
        self.tx, self.scope, self.size, self.progress = tx, scope, size, progress
        self.done = 0
        self.total = 0

    def _sent(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)

    def plain(self, name: str, rows: Sequence[Any]) -> None:
        text = statement(name).text
        for batch in _batches(rows, self.size):
            self.tx.run(text, rows=batch, scope=self.scope).consume()
            self._sent(len(batch))

    def entities(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        for text, batch in _grouped(name, rows, "kind", self.size):
            self.tx.run(text, rows=batch, scope=self.scope).consume()
            self._sent(len(batch))

    def relationships(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        for text, batch in _grouped(name, rows, "type", self.size):
            self.tx.run(text, rows=batch, scope=self.scope).consume()
            self._sent(len(batch))
