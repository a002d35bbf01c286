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
one, never a part. The first push of a key (nothing committed under it yet: every row
is new) is always written this way, so that the server holds one batch at a time.

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

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import Driver, ManagedTransaction, Session
from neo4j.exceptions import DriverError, Neo4jError

from govgraph.dates import parse_as_of
from govgraph.errors import GovgraphError, InputError
from govgraph.model import GovernanceModel, PulledFrom
from govgraph.store.chunks import (
    CHUNK_SIZE,
    ENTITIES,
    EXTRA,
    PARTS,
    RELATIONSHIPS,
    changed_chunks,
    chunk_slices,
    model_digests,
)
from govgraph.store.chunks import (
    digest as chunk_digest,
)
from govgraph.store.errors import ConflictError, store_errors
from govgraph.store.retired import LEASE_MS, Retired, delete_retired
from govgraph.store.rows import (
    content_hash,
    entity_row,
    model_from_rows,
    model_props,
    relationship_row,
)
from govgraph.store.sender import BackgroundSender
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
#: Seconds a cleanup waits for a model node's lock before it leaves the key alone (a
#: large-model push holds it while it writes its generation).
PROBE_TIMEOUT = 2.0
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


def _check_ends(model: GovernanceModel) -> None:
    """Raise ``InputError`` for a relationship whose end is not an entity of the model
    (it could not be stored: there is no node to connect)."""
    known = {entity.id for entity in model.entities}
    for rel in model.relationships:
        for end in (rel.from_, rel.to):
            if end not in known:
                raise InputError(
                    f"relationship {rel.from_} -{rel.type.value}-> {rel.to}: {end!r} is not "
                    "an entity of the model; nothing was written",
                    field="relationships",
                )


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
        chunk_size: int = CHUNK_SIZE,
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
        self.chunk_size = chunk_size
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

    def ensure_schema(self) -> list[tuple[str, str, str]]:
        """Create the constraints and index the push uses that the database lacks.
        Returns ``(status, what, name)`` per item: status ``created`` or ``exists``,
        what ``constraint`` or ``index``."""
        existing = {row["name"] for row in self._read(statement("show_constraints").text, {})}
        existing |= {row["name"] for row in self._read(statement("show_indexes").text, {})}
        done: list[tuple[str, str, str]] = []
        for part in statement("schema").parts:
            match = _SCHEMA_NAME.search(part)
            assert match is not None, part
            what, name = match.group(1).lower(), match.group(2)
            if name in existing:
                done.append(("exists", what, name))
                continue
            with store_errors(self.where), self._session() as session:
                session.execute_write(lambda tx, text=part: tx.run(text).consume())
            done.append(("created", what, name))
        return done

    def apply_schema(self) -> list[str]:
        """``ensure_schema`` as lines: ``created: constraint NAME``, ``exists: index NAME``."""
        return [f"{status}: {what} {name}" for status, what, name in self.ensure_schema()]

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
        ``prune``); the first push of a key is written that way too.
        ``progress(done, total)`` is called as rows are written.
        """
        _check_ends(model)
        self.ensure_schema()
        self.clean_generations()
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
        if large or expected == 0:
            # nothing committed under the key yet: every row is new, so the first push
            # is written in batches as a generation that readers see only once it is
            # switched to (the server holds one batch, not the whole model)
            return replace(self._large_push(model, expected, progress), large=large)
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
        wanted = model_digests(model, self.chunk_size)

        def work(tx: ManagedTransaction) -> PushReport:
            state = self._lock(tx, expected, uuid.uuid4().hex)
            scope = str(state.scope)
            stored: dict[str, dict[int, str]] = {part: {} for part in PARTS}
            for r in _data(tx, "read_chunks", scope=scope):
                stored[r["part"]][int(r["index"])] = r["digest"]
            legacy = state.revision > 0 and not any(stored.values())
            entities = _Part.compare(
                tx, scope, ENTITIES, model.entities, lambda e: entity_row(e, scope),
                wanted[ENTITIES], stored[ENTITIES], legacy=legacy, prune=prune,
                size=self.chunk_size,
            )  # fmt: skip
            relationships = _Part.compare(
                tx, scope, RELATIONSHIPS, model.relationships, relationship_row,
                wanted[RELATIONSHIPS], stored[RELATIONSHIPS], legacy=legacy, prune=prune,
                size=self.chunk_size,
            )  # fmt: skip
            entity_plan, rel_plan = entities.plan, relationships.plan
            gone = set(entity_plan.deleted)
            deleted_rels = []
            for uid in rel_plan.deleted:
                start = json.loads(uid)[0]
                if start not in gone:  # relationships of deleted entities go with them
                    deleted_rels.append({"from": start, "uid": uid})
            writer = _Writer(_in_transaction(tx, scope), self.batch_size, progress)
            writer.total = (
                len(entity_plan.created) + len(entity_plan.updated) + len(entity_plan.deleted)
                + len(rel_plan.created) + len(rel_plan.updated) + len(deleted_rels)
            )  # fmt: skip
            writer.plain("delete_relationships", deleted_rels)
            writer.plain("delete_entities", entity_plan.deleted)
            writer.entities("create_entities", [entities.rows[k] for k in entity_plan.created])
            writer.entities("update_entities", [entities.rows[k] for k in entity_plan.updated])
            writer.relationships(
                "create_relationships", [relationships.rows[k] for k in rel_plan.created]
            )
            writer.relationships(
                "update_relationships", [relationships.rows[k] for k in rel_plan.updated]
            )
            for part in (entities, relationships):
                writer.plain("write_chunks", part.chunks, count=False)
                writer.plain("delete_chunks", part.dropped, count=False)
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
        total = len(model.entities) + len(model.relationships)

        def register(tx: ManagedTransaction) -> None:
            # a new key's model node starts at an empty scope: readers see no model
            # (revision 0) until the switch, not the generation being written
            self._lock(tx, expected, uuid.uuid4().hex)
            tx.run(statement("register_generation").text, model=self.model, scope=scope).consume()

        with store_errors(self.where), self._session() as session:
            session.execute_write(register)
        try:
            with store_errors(self.where), self._session() as holder, self._session() as session:
                # held open until the switch: the model node stays locked, and a cleanup
                # sees that this generation is being written
                hold = holder.begin_transaction()
                held = hold.run(
                    statement("hold_generation").text, model=self.model, scope=scope
                ).data()
                if not held:
                    raise ConflictError(
                        f"a cleanup removed the new generation of {self.model!r} before it "
                        "was written; nothing was written: push again"
                    )
                if int(held[0]["revision"] or 0) != expected:
                    raise ConflictError(
                        f"another push changed {self.model!r} while this one ran (revision "
                        f"{expected} became {held[0]['revision']}); nothing was written: "
                        "push again"
                    )

                # entity id -> element id of its node in the new generation
                element_ids: dict[str, str] = {}
                chunk_text = statement("write_chunks").text
                done = 0

                def run(text: str, batch: list[Any]) -> None:
                    """Write one batch in its own transaction (on the sender's thread)."""
                    nonlocal done
                    records = session.execute_write(
                        lambda tx: tx.run(text, rows=batch, scope=scope).data()
                    )
                    for record in records:
                        if "element" in record:  # create_entities
                            element_ids[record["id"]] = record["element"]
                        elif "created" in record and record["created"] != len(batch):
                            raise ConflictError(
                                f"entities of the new generation of {self.model!r} were "
                                "deleted while it was written; nothing was written: push "
                                "again"
                            )
                    if progress is not None and text != chunk_text:
                        done += len(batch)
                        progress(done, total)  # once the batch is committed

                # rows are built here while the sender's thread waits for the server
                with BackgroundSender(run) as send:
                    writer = _Writer(send, self.batch_size, None)
                    for part, records, build in (
                        (ENTITIES, model.entities, lambda e: entity_row(e, scope)),
                        (RELATIONSHIPS, model.relationships, relationship_row),
                    ):
                        if part == RELATIONSHIPS:
                            send.drain()  # every entity's element id is known
                        chunks: list[dict[str, Any]] = []
                        for index, chunk in chunk_slices(records, self.chunk_size):
                            rows = [build(record) for record in chunk]
                            ends = element_ids if part == RELATIONSHIPS else None
                            writer.buffer(part, rows, ends)
                            chunks.append(_chunk_row(part, index, chunk_digest(part, chunk), rows))
                            if len(chunks) * self.chunk_size >= self.batch_size:
                                writer.plain("write_chunks", chunks, count=False)
                                chunks = []
                        writer.flush()
                        writer.plain("write_chunks", chunks, count=False)
                    send.drain()
                row = hold.run(
                    statement("commit_model").text, model=self.model, scope=scope,
                    props=meta, hash=content_hash(meta),
                ).single()  # fmt: skip
                assert row is not None
                revision, old_scope = int(row["revision"]), held[0]["scope"]
                if old_scope and old_scope != scope:  # deleted next, or by a cleanup
                    hold.run(
                        statement("retire_scope").text, model=self.model, scope=old_scope,
                        reason="replaced", owner=scope, lease=LEASE_MS,
                    ).consume()  # fmt: skip
                hold.commit()
        except BaseException:
            with suppress(GovgraphError, Exception):
                self._drop_generation(scope)
            raise
        old = 0
        if old_scope and old_scope != scope:
            old = self._delete_retired(old_scope, scope) or 0
        entities = Counts(created=len(model.entities), deleted=old)
        relationships = Counts(created=len(model.relationships))
        return PushReport(self.model, revision, entities, relationships, large=True)

    def _delete_retired(self, scope: str, owner: str) -> int | None:
        """``delete_retired`` with this store's session and batch size."""
        with store_errors(self.where):
            return delete_retired(self._session, scope, owner, batch=self.batch_size)

    def _drop_generation(self, scope: str) -> None:
        """Retire a generation that will never be current (its push failed), then
        delete it; a cleanup finishes what this cannot."""
        self._write("drop_generation", model=self.model, scope=scope, owner=scope, lease=LEASE_MS)
        self._delete_retired(scope, scope)

    def clean_generations(self) -> list[Retired]:
        """Delete what large-model pushes left behind: the generations whose writer
        died before the switch (recorded as being written on a model node that no
        writer holds), and the retired generations whose deletion was interrupted
        (their deleter's lease ran out). Returns each one deleted.

        A key whose model node is locked (a push is running) is left for later, and so
        is a retired generation that a live deleter is deleting."""
        owner = uuid.uuid4().hex
        cleaned: list[Retired] = []
        for row in self._read(statement("abandoned_generations").text, {}):
            try:
                with self._session() as session:
                    tx = session.begin_transaction(timeout=PROBE_TIMEOUT)
                    try:
                        found = tx.run(
                            statement("claim_generations").text,
                            model=row["model"], owner=owner, lease=LEASE_MS,
                        ).single()  # fmt: skip
                        tx.commit()
                    finally:
                        tx.close()
            except (Neo4jError, DriverError):
                continue  # a writer holds the model node: its generation is being written
            for scope in found["abandoned"] if found else []:
                if self._delete_retired(scope, owner) is not None:
                    cleaned.append(Retired(str(row["model"]), str(scope), "abandoned"))
        for row in self._read(statement("retired_scopes").text, {}):
            if self._delete_retired(row["scope"], owner) is not None:
                cleaned.append(Retired(str(row["model"]), str(row["scope"]), row["reason"]))
        return cleaned

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
    for key in sorted(groups, key=lambda k: k.value):
        text = _render(name, grouping, key)
        sent = [_sent(r, grouping) for r in groups[key]]
        for batch in _batches(sent, size):
            yield text, batch


def _render(name: str, grouping: str, key: Any) -> str:
    if grouping == "kind":
        return entity_statement(name, key)
    return relationship_statement(name, key)


def _sent(row: dict[str, Any], grouping: str) -> dict[str, Any]:
    """What a row sends: an entity's props; a relationship's ends and props."""
    if grouping == "kind":
        return {"props": row["props"]}
    return {"from": row["from"], "to": row["to"], "props": row["props"]}


def _key(part: str, row: dict[str, Any]) -> str:
    return str(row["props"]["id" if part == ENTITIES else "uid"])


def _chunk_row(
    part: str, index: int, digest: str, rows: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The chunk node of some rows: their keys and content hashes, in order."""
    return {
        "part": part,
        "index": index,
        "digest": digest,
        "keys": [_key(part, row) for row in rows],
        "hashes": [row["props"]["hash"] for row in rows],
    }


@dataclass
class _Part:
    """The entities or the relationships of a push: the rows of the changed chunks by
    key, the plan, and the chunk nodes to write and to delete."""

    plan: Plan
    rows: dict[str, dict[str, Any]]
    chunks: list[dict[str, Any]]
    dropped: list[dict[str, Any]]

    @classmethod
    def compare(
        cls,
        tx: ManagedTransaction,
        scope: str,
        part: str,
        records: Sequence[Any],
        build: Callable[[Any], dict[str, Any]],
        wanted: Sequence[str],
        stored: dict[int, str],
        *,
        legacy: bool,
        prune: bool,
        size: int,
    ) -> _Part:
        """Read the stored keys and hashes of the chunks whose digest changed (of the
        whole scope for a ``legacy`` scope, stored without chunks) and plan the push."""
        changed = changed_chunks(wanted, stored)
        stored_hashes: dict[str, str] = {}
        if legacy:
            name = "read_hashes_entities" if part == ENTITIES else "read_hashes_relationships"
            for r in _data(tx, name, scope=scope):
                stored_hashes.update(zip(r["keys"], r["hashes"], strict=True))
        else:
            indexes = [i for i in changed if i in stored] + ([EXTRA] if EXTRA in stored else [])
            if indexes:
                for r in _data(tx, "read_chunk_rows", scope=scope, part=part, indexes=indexes):
                    stored_hashes.update(zip(r["keys"], r["hashes"], strict=True))
        rows: dict[str, dict[str, Any]] = {}
        chunks: list[dict[str, Any]] = []
        for index in changed:
            if index >= len(wanted):
                continue
            built = [build(record) for record in records[index * size : (index + 1) * size]]
            rows.update((_key(part, row), row) for row in built)
            chunks.append(_chunk_row(part, index, wanted[index], built))
        plan = plan_changes(
            {key: row["props"]["hash"] for key, row in rows.items()}, stored_hashes, prune=prune
        )
        plan.unchanged += len(records) - len(rows)
        dropped = [{"part": part, "index": i} for i in stored if i >= len(wanted)]
        extra = {} if prune else {k: v for k, v in stored_hashes.items() if k not in rows}
        if extra:
            chunks.append(
                {"part": part, "index": EXTRA, "digest": "", "keys": list(extra),
                 "hashes": list(extra.values())}
            )  # fmt: skip
        elif EXTRA in stored:
            dropped.append({"part": part, "index": EXTRA})
        return cls(plan, rows, chunks, dropped)


Run = Callable[[str, list[Any]], None]


def _in_transaction(tx: ManagedTransaction, scope: str) -> Run:
    def run(text: str, batch: list[Any]) -> None:
        tx.run(text, rows=batch, scope=scope).consume()

    return run


class _Writer:
    """Sends batches through ``run`` (one transaction's, or one transaction each),
    with progress. ``buffer`` gathers rows by kind or type and sends full batches."""

    def __init__(self, run: Run, size: int, progress: Progress | None) -> None:
        self.run, self.size, self.progress = run, size, progress
        self.done = 0
        self.total = 0
        self._pending: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def _sent(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)

    def plain(self, name: str, rows: Sequence[Any], *, count: bool = True) -> None:
        text = statement(name).text
        for batch in _batches(rows, self.size):
            self.run(text, batch)
            if count:
                self._sent(len(batch))

    def entities(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        for text, batch in _grouped(name, rows, "kind", self.size):
            self.run(text, batch)
            self._sent(len(batch))

    def relationships(self, name: str, rows: Sequence[dict[str, Any]]) -> None:
        for text, batch in _grouped(name, rows, "type", self.size):
            self.run(text, batch)
            self._sent(len(batch))

    def buffer(
        self, part: str, rows: Sequence[dict[str, Any]], ends: Mapping[str, str] | None = None
    ) -> None:
        """Gather new rows (``create_entities``/``create_relationships``) by kind or
        type; send each group when it holds a batch. With ``ends`` (entity id → element
        id of the node this push created), relationships find their ends by element id
        (``create_generation_relationships``)."""
        grouping = "kind" if part == ENTITIES else "type"
        name = "create_entities" if part == ENTITIES else "create_relationships"
        if part == RELATIONSHIPS and ends is not None:
            name = "create_generation_relationships"
        for row in rows:
            text = _render(name, grouping, row[grouping])
            pending = self._pending[text]
            sent = _sent(row, grouping)
            if name == "create_generation_relationships":
                sent["start"], sent["end"] = ends[row["from"]], ends[row["to"]]  # type: ignore[index]
            pending.append(sent)
            if len(pending) >= self.size:
                self.run(text, pending)
                self._sent(len(pending))
                self._pending[text] = []

    def flush(self) -> None:
        """Send what ``buffer`` still holds."""
        for text, pending in self._pending.items():
            if pending:
                self.run(text, pending)
                self._sent(len(pending))
        self._pending.clear()
