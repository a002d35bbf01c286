"""The Neo4j store: push a model to a Bolt server, pull it back, run named and ad-hoc
read-only Cypher.

Every entity is an ``:Entity`` node with one more label for its kind (``:Council``,
``:WorkingGroup``...); relationships keep their model type (``REPORTS_TO``...). Labels
and types come only from the vocabularies; every value is a ``$parameter``. Dates stay
ISO strings (``valid_from``/``valid_to`` as in the model, plus the full-date bounds
``valid_start``/``valid_end`` that the named queries compare with ``$date``). Tags are
a list of strings; identifiers, attributes and rules are JSON strings, so a pull gives
back exactly what was pushed.

Example (against a running server; see ``tests/store/``)::

    from neo4j import GraphDatabase
    from govgraph import load_model
    from govgraph.store import GraphStore

    with GraphDatabase.driver("bolt://localhost:7687", auth=("neo4j", "secret")) as driver:
        store = GraphStore(driver)
        store.apply_schema()
        store.push(load_model("fixtures/joint-councils.yaml"), prune=True)
        store.run("orphans")  # [{'id': 'joint-councils-wg', ...}]

The row builders are pure:

>>> from govgraph.model import GovernanceModel
>>> model = GovernanceModel.model_validate({"entities": [
...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}, "valid_from": "2015"}]})
>>> row = entity_row(model.entities[0])
>>> row["props"]["valid_start"], row["props"]["valid_end"]
('2015-01-01', None)
>>> model_from_rows(None, [row["props"]], []) == model
True
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from typing import Any

from neo4j import Driver, ManagedTransaction, Session
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from pydantic import ValidationError

from govgraph.dates import date_bounds, parse_as_of
from govgraph.errors import GovgraphError, InputError
from govgraph.model import Entity, GovernanceModel, Relationship
from govgraph.store.readonly import check_read_only
from govgraph.store.statements import (
    ANALYST_QUERIES,
    apply_statement,
    kind_label_statement,
    statement,
    upsert_statement,
)
from govgraph.vocabulary import EntityKind

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "GraphStore",
    "PushReport",
    "StoreError",
    "entity_row",
    "model_from_rows",
    "push_rows",
    "relationship_row",
]

#: Rows per UNWIND batch (see the batch-size sweep in bench/neo4j_push.py).
DEFAULT_BATCH_SIZE = 5000
#: Bytes of rows per message on FalkorDB (its Bolt server drops messages over ~4 KB).
FALKORDB_MESSAGE_BYTES = 2800
#: The staging statement's share of that (longer statements leave less room for rows).
_STAGE_STATEMENT_BYTES = 100
#: The order of the fields in a pushed row (see cypher/upsert_*.cypher).
MODEL_FIELDS = ("title_en", "title_fr", "description", "rules")
ENTITY_FIELDS = (
    "id", "kind", "name_en", "name_fr", "acronym_en", "acronym_fr", "description",
    "valid_from", "valid_to", "valid_start", "valid_end", "tags", "identifiers",
    "attributes", "source",
)  # fmt: skip
RELATIONSHIP_FIELDS = (
    "from", "to", "type", "uid", "key", "formal", "role", "level", "service", "valid_from",
    "valid_to", "valid_start", "valid_end", "tags", "attributes", "source",
)  # fmt: skip
#: Stored properties derived from the model, left out when pulling.
_DERIVED = ("valid_start", "valid_end", "uid", "key")
_INDEX_STATEMENT = re.compile(r"FOR\s*\(\s*\w+\s*:\s*(\w+)\s*\)\s*ON\s*\(\s*\w+\.(\w+)\s*\)")


class StoreError(GovgraphError):
    """The graph store could not be reached, refused the credentials or a statement,
    or holds data that is not a valid model. Exit code 2."""


@dataclass(frozen=True)
class PushReport:
    """What a push wrote: entities and relationships upserted, and deleted by prune
    (``deleted_relationships`` leaves out the lines of deleted entities, which go with
    them)."""

    entities: int
    relationships: int
    deleted_entities: int = 0
    deleted_relationships: int = 0


def _bounds(valid_from: str | None, valid_to: str | None) -> dict[str, str | None]:
    return {
        "valid_start": date_bounds(valid_from)[0].isoformat() if valid_from else None,
        "valid_end": date_bounds(valid_to)[1].isoformat() if valid_to else None,
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def escape_for_falkordb(value: Any) -> Any:
    r"""``value`` with every string escaped for FalkorDB's Bolt server, which splices
    parameters into the query text between single quotes without escaping them (a
    value ``x' RETURN 666 AS x //`` would run as Cypher there). Backslashes and single
    quotes get a backslash; the server's parser removes it again, so the value arrives
    intact. Never used on Neo4j.

    >>> print(escape_for_falkordb({"name": ["it's a\\b"]})["name"][0])
    it\'s a\\b
    """
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, dict):
        return {key: escape_for_falkordb(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [escape_for_falkordb(item) for item in value]
    return value


def entity_row(entity: Entity) -> dict[str, Any]:
    """The UNWIND row for one entity: ``{"id", "props"}``."""
    props: dict[str, Any] = {
        "id": entity.id,
        "kind": entity.kind.value,
        "name_en": entity.name.en,
        "name_fr": entity.name.fr,
        "acronym_en": entity.acronym.en if entity.acronym else None,
        "acronym_fr": entity.acronym.fr if entity.acronym else None,
        "description": entity.description,
        "valid_from": entity.valid_from,
        "valid_to": entity.valid_to,
        **_bounds(entity.valid_from, entity.valid_to),
        "tags": list(entity.tags) or None,
        "identifiers": _json(entity.identifiers) if entity.identifiers else None,
        "attributes": _json(entity.attributes) if entity.attributes else None,
        "source": entity.source,
    }
    return {"id": entity.id, "props": props}


def relationship_uid(rel: Relationship) -> str:
    """What identifies a relationship in the store: ``[from, to, key]`` as JSON.

    >>> relationship_uid(Relationship.model_validate({"from": "a", "type": "PART_OF", "to": "b"}))
    '["a", "b", "PART_OF"]'
    """
    return json.dumps([rel.from_, rel.to, rel.key], ensure_ascii=False)


def relationship_row(rel: Relationship) -> dict[str, Any]:
    """The UNWIND row for one relationship: ``{"from", "to", "uid", "props"}``."""
    uid = relationship_uid(rel)
    props: dict[str, Any] = {
        "uid": uid,
        "key": rel.key,
        "formal": rel.formal,
        "role": rel.role.value if rel.role else None,
        "level": rel.level.value if rel.level else None,
        "service": rel.service,
        "valid_from": rel.valid_from,
        "valid_to": rel.valid_to,
        **_bounds(rel.valid_from, rel.valid_to),
        "tags": list(rel.tags) or None,
        "attributes": _json(rel.attributes) if rel.attributes else None,
        "source": rel.source,
    }
    return {"from": rel.from_, "to": rel.to, "uid": uid, "props": props}


def _packed(props: dict[str, Any], fields: tuple[str, ...]) -> list[list[Any]]:
    """A row as the upsert statements read it: per field in order, ``[value]`` or
    ``[]`` when the record has none (stored lists cannot hold null)."""
    return [[] if props.get(name) is None else [props[name]] for name in fields]


def push_rows(model: GovernanceModel) -> dict[str, list[list[list[Any]]]]:
    """The rows a push sends, by part (see ``ROW_PARTS``): the model's metadata, the
    entities, the relationships, each a list of fields in the order of
    ``MODEL_FIELDS``, ``ENTITY_FIELDS`` and ``RELATIONSHIP_FIELDS``.

    >>> from govgraph.model import GovernanceModel
    >>> model = GovernanceModel.model_validate({"entities": [
    ...     {"id": "wg", "kind": "working_group", "name": {"en": "WG"}}]})
    >>> push_rows(model)["e"][0][:4]
    [['wg'], ['working_group'], ['WG'], []]
    """
    relationships = []
    for rel in model.relationships:
        row = relationship_row(rel)
        props = {**row["props"], "from": rel.from_, "to": rel.to, "type": rel.type.value}
        relationships.append(_packed(props, RELATIONSHIP_FIELDS))
    return {
        "m": [_packed(_model_props(model), MODEL_FIELDS)],
        "e": [_packed(entity_row(e)["props"], ENTITY_FIELDS) for e in model.entities],
        "r": relationships,
    }


def _model_props(model: GovernanceModel) -> dict[str, Any]:
    props = {
        "key": "model",
        "title_en": model.title.en if model.title else None,
        "title_fr": model.title.fr if model.title else None,
        "description": model.description,
        "rules": _json([dict(rule) for rule in model.rules]) if model.rules else None,
    }
    return props


def _text(props: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    text = {
        lang: props[f"{prefix}_{lang}"]
        for lang in ("en", "fr")
        if props.get(f"{prefix}_{lang}") is not None
    }
    return text or None


def _entity_record(props: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": props.get("id"), "kind": props.get("kind")}
    record["name"] = _text(props, "name")
    for field in ("description", "valid_from", "valid_to", "source"):
        if props.get(field) is not None:
            record[field] = props[field]
    acronym = _text(props, "acronym")
    if acronym:
        record["acronym"] = acronym
    if props.get("tags"):
        record["tags"] = list(props["tags"])
    for field in ("identifiers", "attributes"):
        if props.get(field):
            record[field] = json.loads(props[field])
    return record


def _relationship_record(
    source: str, rel_type: str, target: str, props: dict[str, Any]
) -> dict[str, Any]:
    record: dict[str, Any] = {"from": source, "type": rel_type, "to": target}
    for field in ("formal", "role", "level", "service", "valid_from", "valid_to", "source"):
        if props.get(field) is not None:
            record[field] = props[field]
    if props.get("tags"):
        record["tags"] = list(props["tags"])
    if props.get("attributes"):
        record["attributes"] = json.loads(props["attributes"])
    return record


def model_from_rows(
    meta: dict[str, Any] | None,
    entities: Iterable[dict[str, Any]],
    relationships: Iterable[tuple[str, str, str, dict[str, Any]]],
) -> GovernanceModel:
    """Build a model from stored properties (in canonical order). Data that is not a
    valid model raises ``StoreError``."""
    document: dict[str, Any] = {}
    if meta:
        title = _text(meta, "title")
        if title:
            document["title"] = title
        if meta.get("description") is not None:
            document["description"] = meta["description"]
        if meta.get("rules"):
            document["rules"] = json.loads(meta["rules"])
    document["entities"] = sorted(
        (_entity_record(props) for props in entities), key=lambda r: str(r["id"])
    )
    document["relationships"] = [_relationship_record(*row) for row in relationships]
    try:
        return GovernanceModel.model_validate(document).canonical()
    except (ValidationError, json.JSONDecodeError) as exc:
        first = str(exc).splitlines()
        raise StoreError(
            f"the store does not hold a valid govgraph model: {' '.join(first[:3])}"
        ) from None


def _row_bytes(row: Any) -> int:
    return len(json.dumps(row, ensure_ascii=False).encode("utf-8"))


def _batches(rows: Sequence[Any], size: int, max_bytes: int | None = None) -> Iterator[list[Any]]:
    """Rows in batches of at most ``size`` rows and, if given, about ``max_bytes``
    bytes (JSON size, a fair upper bound of the Bolt encoding)."""
    if max_bytes is None:
        for start in range(0, len(rows), size):
            yield list(rows[start : start + size])
        return
    batch: list[Any] = []
    used = 0
    for row in rows:
        cost = _row_bytes(row) + 1
        if cost > max_bytes:
            raise StoreError(
                f"a row of {cost} bytes is larger than this server takes in one message "
                f"({max_bytes} bytes; FalkorDB drops bigger messages): {str(row)[:80]}"
            )
        if batch and (len(batch) >= size or used + cost > max_bytes):
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += cost
    if batch:
        yield batch


def _describe(exc: Exception) -> str:
    if isinstance(exc, Neo4jError):
        message = exc.message or str(exc)
        return f"{message} ({exc.code})" if exc.code else message
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


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
        raise StoreError(f"cannot reach {where}: {_describe(exc)}") from None
    except Neo4jError as exc:
        raise StoreError(f"{where} refused a statement: {_describe(exc)}") from None
    except (DriverError, OSError) as exc:
        raise StoreError(f"cannot talk to {where}: {_describe(exc)}") from None


def _ping(tx: ManagedTransaction) -> None:
    tx.run("RETURN 1 AS one").consume()


def _components(tx: ManagedTransaction) -> list[dict[str, Any]]:
    return tx.run(statement("server_components").text).data()


class GraphStore:
    """A governance model in a Neo4j (or FalkorDB) database reached through ``driver``.

    ``database`` is the Neo4j database (default: the server's home database) or the
    FalkorDB graph name (required there). ``batch_size`` is the number of rows per
    ``UNWIND`` statement (on FalkorDB also bounded by ``max_message_bytes``).
    ``staged`` chooses how a push stays all-or-nothing (see ``push``): by default
    staged on FalkorDB, one transaction on Neo4j.
    """

    def __init__(
        self,
        driver: Driver,
        database: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_message_bytes: int | None = None,
        staged: bool | None = None,
        where: str = "the graph store",
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self._max_message_bytes = max_message_bytes
        self._staged = staged
        self.where = where
        self._flavour: str | None = None

    # -- plumbing ---------------------------------------------------------------------

    def _session(self) -> Session:
        return self.driver.session(database=self.database)

    @property
    def flavour(self) -> str:
        """``"neo4j"`` or ``"falkordb"`` (FalkorDB announces itself as Neo4j over Bolt,
        so this asks for Neo4j's ``dbms.components()``, which FalkorDB lacks)."""
        if self._flavour is None:
            with store_errors(self.where), self._session() as session:
                session.execute_read(_ping)  # connection or credential errors
                try:
                    records = session.execute_read(_components)
                    names = {str(record.get("name")) for record in records}
                    self._flavour = "neo4j" if any("Neo4j" in n for n in names) else "other"
                except (ClientError, Neo4jError):
                    self._flavour = "falkordb"
        return self._flavour

    @property
    def max_message_bytes(self) -> int | None:
        """The largest batch sent in one Bolt message, in bytes: none on Neo4j;
        ``FALKORDB_MESSAGE_BYTES`` on FalkorDB, whose Bolt server drops a message over
        about 4 KB (and the connection with it)."""
        if self._max_message_bytes is not None:
            return self._max_message_bytes
        return FALKORDB_MESSAGE_BYTES if self.flavour == "falkordb" else None

    def _p(self, params: dict[str, Any]) -> dict[str, Any]:
        """Parameters as this server needs them (escaped for FalkorDB)."""
        return params if self.flavour == "neo4j" else escape_for_falkordb(params)

    def _write(self, query: str, **params: Any) -> list[dict[str, Any]]:
        # always in a transaction: FalkorDB runs auto-commit queries and transactions
        # on different graphs over Bolt, so every statement goes through one
        sent = self._p(params)

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, sent)]

        with store_errors(self.where), self._session() as session:
            return session.execute_write(work)

    def _read(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        sent = self._p(params)

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, sent)]

        with store_errors(self.where), self._session() as session:
            return session.execute_read(work)

    # -- schema -----------------------------------------------------------------------

    def _indexes(self) -> set[tuple[str, str]]:
        name = "schema_list_indexes_neo4j" if self.flavour == "neo4j" else "schema_list_indexes"
        found: set[tuple[str, str]] = set()
        for row in self._read(statement(name).text, {}):
            labels = row.get("labels") or []
            labels = [labels] if isinstance(labels, str) else labels
            for label in labels:
                for prop in row.get("properties") or []:
                    found.add((str(label), str(prop)))
        return found

    def apply_schema(self) -> list[str]:
        """Create the indexes (and, on Neo4j, the uniqueness constraints); running it
        again changes nothing. Returns one line per statement saying what happened."""
        done: list[str] = []
        constraints = statement("schema_neo4j_constraints")
        if self.flavour == "neo4j":
            for part in constraints.parts:
                self._write(part)
                done.append(f"applied: {part}")
        else:
            done.append(
                f"skipped {constraints.name}: FalkorDB does not support "
                "CREATE CONSTRAINT ... REQUIRE ... IS UNIQUE (ids stay unique: push MERGEs by id)"
            )
        existing = self._indexes()
        for part in statement("schema_indexes").parts:
            match = _INDEX_STATEMENT.search(part)
            if match and (match.group(1), match.group(2)) in existing:
                done.append(f"exists: {part}")
                continue
            self._write(part)
            done.append(f"applied: {part}")
        return done

    # -- push -------------------------------------------------------------------------

    def push(
        self,
        model: GovernanceModel,
        prune: bool = False,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> PushReport:
        """Write ``model`` to the store, all of it or none of it.

        On Neo4j the push is one transaction: batched ``UNWIND $rows`` upserts (and the
        prune), committed at the end. FalkorDB over Bolt does not roll transactions
        back, so there the rows are first staged (one ``:GovgraphStage`` node per batch,
        not part of the model), then ONE statement swaps them in: upserts entities by
        id and relationships by (from, to, key), and with ``prune`` deletes what the
        model does not hold; a single statement is applied whole or not at all. Either
        way a failure leaves the previous graph as it was. Pushing twice changes
        nothing. ``progress`` is called with the number of rows sent by each batch.
        """
        mark = uuid.uuid4().hex
        deleted = (0, 0)
        with store_errors(self.where), self._session() as session:
            # a managed transaction first: it retries a connection that will not open,
            # and leaves a working one in the pool for the explicit transaction below
            session.execute_read(_ping)
            if prune:
                deleted = session.execute_read(lambda tx: self._stale_counts(tx, model))
            if self.staged:
                self._staged_push(session, model, mark, prune, progress)
            else:
                self._direct_push(session, model, mark if prune else None, progress)
            for kind in EntityKind:  # labels mirror the kind property: set after the swap
                session.execute_write(lambda tx, k=kind: tx.run(kind_label_statement(k)).consume())
        return PushReport(
            entities=len(model.entities),
            relationships=len(model.relationships),
            deleted_entities=deleted[0],
            deleted_relationships=deleted[1],
        )

    @property
    def staged(self) -> bool:
        """Whether a push stages its rows before one swap statement (FalkorDB, which
        does not roll back) or runs in one transaction (Neo4j)."""
        return self._staged if self._staged is not None else self.flavour != "neo4j"

    def _batches_of(
        self, model: GovernanceModel, query: Callable[[str], str]
    ) -> Iterator[tuple[str, str, list[list[Any]]]]:
        """(part, statement, rows) per batch; on FalkorDB the statement's own length
        counts against the message size."""
        for part, rows in push_rows(model).items():
            text = query(part)
            limit = self.max_message_bytes
            if limit is not None:
                limit -= len(text.encode("utf-8")) - _STAGE_STATEMENT_BYTES
            for batch in _batches(rows, self.batch_size, limit):
                yield part, text, batch

    def _staged_push(
        self,
        session: Session,
        model: GovernanceModel,
        stage: str,
        prune: bool,
        progress: Callable[[int], None] | None,
    ) -> None:
        expected = 0
        try:
            with session.begin_transaction() as tx:
                stage_rows = statement("stage_rows").text
                for part, _, batch in self._batches_of(model, lambda _: stage_rows):
                    params = self._p({"g": stage, "part": part, "rows": batch})
                    record = tx.run(stage_rows, params).single()
                    written = int(record["written"]) if record else 0
                    if written != len(batch):
                        raise StoreError(f"a batch staged {written} of {len(batch)} rows")
                    expected += written
                    if progress is not None:
                        progress(len(batch))
                tx.commit()
            # the swap in a transaction of its own: FalkorDB runs a statement that
            # follows many others in one transaction markedly slower (25 s vs 9 s for
            # 220,000 rows), and the statement alone is what makes the push atomic
            with session.begin_transaction() as tx:
                params = self._p({"g": stage, "mark": stage if prune else None})
                record = tx.run(apply_statement(prune), params).single()
                applied = int(record["applied"]) if record and record["applied"] else 0
                if applied != expected:
                    raise StoreError(f"the swap applied {applied} of {expected} staged rows")
                tx.commit()
        except BaseException:
            self._drop_stage(stage)
            raise

    def _direct_push(
        self,
        session: Session,
        model: GovernanceModel,
        mark: str | None,
        progress: Callable[[int], None] | None,
    ) -> None:
        with session.begin_transaction() as tx:
            direct = partial(upsert_statement, staged=False)
            for _, query, batch in self._batches_of(model, direct):
                tx.run(query, self._p({"rows": batch, "mark": mark})).consume()
                if progress is not None:
                    progress(len(batch))
            if mark is not None:
                tx.run(statement("prune_unmarked").text, self._p({"mark": mark})).consume()
            tx.commit()

    def _drop_stage(self, stage: str | None) -> None:
        """Best effort: delete staged rows (FalkorDB keeps them after a failure)."""
        with suppress(GovgraphError):
            self._write(statement("drop_stage").text, g=stage)

    def _stale_counts(self, tx: ManagedTransaction, model: GovernanceModel) -> tuple[int, int]:
        ids, rels = self._stale(tx, model)
        return len(ids), len(rels)

    def _stale(
        self, tx: ManagedTransaction, model: GovernanceModel
    ) -> tuple[list[str], list[dict[str, str]]]:
        keep_ids = {entity.id for entity in model.entities}
        keep_uids = {relationship_uid(rel) for rel in model.relationships}
        stale_ids = [
            record["id"]
            for record in tx.run(statement("read_entity_ids").text)
            if record["id"] not in keep_ids
        ]
        stale_ids_set = set(stale_ids)
        stale_rels = [
            {"from": record["from"], "to": record["to"], "uid": record["uid"]}
            for record in tx.run(statement("read_relationship_uids").text)
            if record["uid"] not in keep_uids
            # DETACH DELETE of a stale entity removes its lines anyway
            and record["from"] not in stale_ids_set
            and record["to"] not in stale_ids_set
        ]
        return stale_ids, stale_rels

    # -- pull and queries -------------------------------------------------------------

    def pull(self) -> GovernanceModel:
        """The model the store holds (canonical order: entities by id, relationships
        by (from, to, key)). Data that is not a valid model raises ``StoreError``."""

        def work(tx: ManagedTransaction) -> GovernanceModel:
            meta = tx.run(statement("read_model").text).single()
            entities = [r["props"] for r in tx.run(statement("read_entities").text)]
            relationships = [
                (r["from"], r["type"], r["to"], r["props"])
                for r in tx.run(statement("read_relationships").text)
            ]
            return model_from_rows(meta["props"] if meta else None, entities, relationships)

        with store_errors(self.where), self._session() as session:
            return session.execute_read(work)

    def counts(self) -> dict[str, int]:
        """How many entities and relationships the store holds."""
        rows = self._read(statement("count").text, {})
        return {
            "entities": int(rows[0]["entities"]),
            "relationships": int(rows[0]["relationships"]),
        }

    def clear(self) -> None:
        """Delete everything govgraph stored in this database."""
        self._write(statement("clear").text)

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a named analyst query (see ``cypher/``) in a read transaction. Missing
        parameters take their defaults; ``date`` may be partial (``2017`` = 2017-01-01).

        Raises ``InputError`` for an unknown query or parameter.
        """
        if name not in ANALYST_QUERIES:
            statement(name)  # an unknown name raises with the list of named queries
            raise InputError(
                f"{name!r} is not an analyst query (named queries: {', '.join(ANALYST_QUERIES)})"
            )
        query = statement(name)
        values = query.parameters(params)
        if values.get("date") is not None:
            try:
                values["date"] = parse_as_of(str(values["date"])).isoformat()
            except ValueError as exc:
                raise InputError(f"parameter 'date': {exc}") from None
        return self._read(query.text, values)

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run ad-hoc Cypher in a read transaction, after the client-side guard has
        refused anything that could write (``WriteRefusedError``, an ``InputError``)."""
        check_read_only(cypher, forbid_temporal=self.flavour != "neo4j")
        return self._read(cypher, params)
