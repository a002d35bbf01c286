"""Benchmark: `GraphStore.push` against a real Neo4j, with baselines in the same run.

Pushes a generated whole-of-government model (``govgraph.generate.generate_model``,
default about 10^5 entities) to an empty database and, on the same server with the
same rows and batch size, measures:

  (a) a hand-written UNWIND loop: one MERGE statement per kind / relationship type,
      one transaction per batch (no hashes, no revision, not all-or-nothing);
  (b) one MERGE statement per row, each in its own transaction, on --sample rows;
  (c) a re-push of the unchanged model, and a re-push after moving one subtree of
      about --subtree bodies to another parent (with --prune);
  (d) the same model in large-model mode (a new generation, switched at the end);
  and a batch-size sweep on a smaller model. Client peak RSS and the server's heap are
  printed after each step: the most heap in use after a garbage collection during the
  step (from the launched server's GC log: what the step kept alive, plus garbage G1
  had not yet reclaimed), else the sum of the JMX heap pools' peaks (another server).

Targets: push >= 1.0x (a) and >= 50x (b); unchanged re-push >= 20x faster than the
push; re-push after the move >= 10x faster.

The server is the embedded Neo4j of tools/neo4j-launcher (5.26 LTS, -Xmx from
--heap), started here, unless NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE) names another one; the database is emptied between runs.

    .venv/bin/python bench/neo4j_push.py
    .venv/bin/python bench/neo4j_push.py --bodies 2000 --people 8000 --sample 2000  # quick
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from govgraph.generate import generate_model
from govgraph.model import GovernanceModel
from govgraph.store import GraphStore
from govgraph.store.connect import ConnectionSettings, open_driver
from govgraph.store.rows import entity_row, relationship_row
from govgraph.vocabulary import BODY_KINDS, EntityKind, RelationType

ROOT = Path(__file__).resolve().parent.parent

ENTITY_MERGE = (
    "UNWIND $rows AS r MERGE (n:Entity {{scope: $scope, id: r.props.id}}) "
    "SET n = r.props SET n:{label}"
)
RELATIONSHIP_MERGE = (
    "UNWIND $rows AS r MATCH (a:Entity {{scope: $scope, id: r.from}}) "
    "MATCH (b:Entity {{scope: $scope, id: r.to}}) "
    "MERGE (a)-[x:{type} {{uid: r.props.uid}}]->(b) SET x = r.props"
)
ENTITY_ONE = "MERGE (n:Entity {{scope: $scope, id: $props.id}}) SET n = $props SET n:{label}"
RELATIONSHIP_ONE = (
    "MATCH (a:Entity {{scope: $scope, id: $from}}) MATCH (b:Entity {{scope: $scope, id: $to}}) "
    "MERGE (a)-[x:{type} {{uid: $props.uid}}]->(b) SET x = $props"
)
HEAP_PEAK = (
    "CALL dbms.queryJmx('java.lang:type=MemoryPool,*') YIELD attributes "
    "WHERE attributes.Type.value = 'HEAP' "
    "RETURN sum(attributes.PeakUsage.value.properties.used) AS peak"
)


def _launcher() -> Any:
    path = ROOT / "tools" / "neo4j-launcher" / "launch.py"
    spec = importlib.util.spec_from_file_location("govgraph_neo4j_launcher", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


#: A G1 collection in the GC log: ``GC(12) Pause Young (Normal) ... 1024M->512M(4096M)``.
_COLLECTION = re.compile(r"GC\(\d+\) Pause .* (\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")
_UNIT = {"K": 2**10, "M": 2**20, "G": 2**30}


class GcLog:
    """The launched server's GC log (``-Xlog:gc``), read step by step."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def peak_after_collections(self) -> int | None:
        """The most heap in use after a collection since the last call (bytes)."""
        try:
            with self.path.open(encoding="utf-8", errors="replace") as log:
                log.seek(self.offset)
                text = log.read()
                self.offset = log.tell()
        except OSError:
            return None
        after = [int(m[3]) * _UNIT[m[4]] for m in _COLLECTION.finditer(text)]
        return max(after) if after else None


GC_LOG: GcLog | None = None


def memory(store: GraphStore) -> str:
    """Client peak RSS so far, and the server's heap: the most in use after a
    collection since the last report (GC log), else the JMX heap pools' peaks."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if GC_LOG is not None:
        peak = GC_LOG.peak_after_collections()
        heap = (
            f"server heap after collections, at most {peak / 2**30:.2f} GiB"
            if peak is not None
            else "server heap: no collection during the step"
        )
    else:
        try:
            pools = store.read(HEAP_PEAK)[0]["peak"]
            heap = f"server peak heap {pools / 2**30:.2f} GiB (JMX pools)" if pools else "?"
        except Exception:  # JMX may be off on another server
            heap = "server heap ?"
    return f"client peak RSS {rss:,.0f} MiB, {heap}"


def jit_seconds(server: Any) -> float | None:
    """CPU seconds the launched server's JIT compiler threads used so far (None for
    a server this script did not start)."""
    if server is None:
        return None
    total = 0.0
    for task in Path(f"/proc/{server.pid}/task").glob("*"):
        try:
            if "CompilerThre" not in (task / "comm").read_text():
                continue
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def jit_note(server: Any, before: float | None) -> str:
    """ ", server JIT compiler CPU N s" since ``before`` (empty for another server)."""
    after = jit_seconds(server)
    if before is None or after is None:
        return ""
    return f", server JIT compiler CPU {after - before:.1f} s"


def grouped_rows(model: GovernanceModel, scope: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) per kind then per relationship type, statements from the enums."""
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in model.entities:
        entities[EntityKind(e.kind).label].append({"props": entity_row(e, scope)["props"]})
    relationships: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in model.relationships:
        row = relationship_row(r)
        relationships[RelationType(r.type).value].append(
            {"from": row["from"], "to": row["to"], "props": row["props"]}
        )
    out = [(ENTITY_MERGE.format(label=k), v) for k, v in entities.items()]
    out += [(RELATIONSHIP_MERGE.format(type=k), v) for k, v in relationships.items()]
    return out


def unwind_loop(store: GraphStore, model: GovernanceModel, batch_size: int) -> float:
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for text, rows in grouped_rows(model, "bench"):
            for i in range(0, len(rows), batch_size):
                batch = rows[i : i + batch_size]
                session.execute_write(
                    lambda tx, t=text, b=batch: tx.run(t, rows=b, scope="bench").consume()
                )
    return time.perf_counter() - start


def per_row(store: GraphStore, model: GovernanceModel, sample: int) -> tuple[int, float]:
    """One MERGE per row: the entities of the sample first, then relationships among
    them (so every MATCH finds its ends)."""
    share = sample // 5
    entities = list(model.entities[:share])
    ids = {e.id for e in entities}
    relationships = [r for r in model.relationships if r.from_ in ids and r.to in ids]
    relationships = relationships[: sample - len(entities)]
    start = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for e in entities:
            text = ENTITY_ONE.format(label=EntityKind(e.kind).label)
            props = entity_row(e, "bench")["props"]
            session.execute_write(
                lambda tx, t=text, p=props: tx.run(t, props=p, scope="bench").consume()
            )
        for r in relationships:
            text = RELATIONSHIP_ONE.format(type=RelationType(r.type).value)
            row = relationship_row(r)
            session.execute_write(
                lambda tx, t=text, w=row: tx.run(
                    t, props=w["props"], scope="bench", **{"from": w["from"], "to": w["to"]}
                ).consume()
            )
    return len(entities) + len(relationships), time.perf_counter() - start


def moved_subtree(model: GovernanceModel, size: int) -> tuple[GovernanceModel, str, int]:
    """The model with the body whose subtree (formal lines up) is closest to ``size``
    bodies moved under another top-level body."""
    kinds = {e.id: e.kind for e in model.entities}
    children: dict[str, list[str]] = defaultdict(list)
    up: dict[str, int] = {}
    for index, r in enumerate(model.relationships):
        if r.type.value in ("REPORTS_TO", "PART_OF") and r.formal and kinds[r.from_] in BODY_KINDS:
            children[r.to].append(r.from_)
            up.setdefault(r.from_, index)

    sizes: dict[str, int] = {}

    def count(node: str) -> int:
        stack, seen = [node], {node}
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return len(seen)

    for body in up:
        sizes[body] = count(body)
    root = min(up, key=lambda b: abs(sizes[b] - size))
    inside = set()
    stack = [root]
    while stack:
        node = stack.pop()
        inside.add(node)
        stack.extend(c for c in children.get(node, []) if c not in inside)
    tops = [e.id for e in model.entities if e.kind in BODY_KINDS and e.id not in up]
    target = next(t for t in tops if t not in inside and t != model.relationships[up[root]].to)
    document = model.to_document()
    document["relationships"][up[root]]["to"] = target
    return GovernanceModel.model_validate(document), root, sizes[root]


def large_only(store: GraphStore, model: GovernanceModel, rows: int) -> None:
    """(d) alone: a large-model push to an empty database, then one over it."""
    store.clear()
    store.apply_schema()
    warm = generate_model(bodies=300, people=900, seed=2)
    for _ in range(2):
        store.push(warm, large=True)
    store.clear()
    print(f"  after warm-up: {memory(store)}", flush=True)
    for label in ("to an empty database", "over the stored model"):
        start = time.perf_counter()
        report = store.push(model, large=True)
        seconds = time.perf_counter() - start
        assert report.entities.created == len(model.entities)
        timed(f"govgraph push, large-model mode ({label})", rows, seconds)
        print(f"  {memory(store)}", flush=True)
    counts = store.counts()
    assert counts == {"entities": len(model.entities), "relationships": len(model.relationships)}
    store.clear()


def timed(label: str, rows: int, seconds: float) -> None:
    print(f"{label:<46} {seconds:8.1f} s  {rows / seconds:9.0f} rows/s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=80_000)
    parser.add_argument("--sample", type=int, default=10_000, help="rows for baseline (b)")
    parser.add_argument("--subtree", type=int, default=1_000, help="bodies moved in (c)")
    parser.add_argument("--sweep-bodies", type=int, default=2_000)
    parser.add_argument("--sweep-people", type=int, default=8_000)
    parser.add_argument("--heap", default="4g", help="-Xmx of the launched Neo4j")
    parser.add_argument("--warm-bodies", type=int, default=2_000, help="warm-up model size")
    parser.add_argument("--warm-rounds", type=int, default=4)
    parser.add_argument("--skip-large", action="store_true", help="skip (d)")
    parser.add_argument(
        "--large-only",
        action="store_true",
        help="only (d): push the model in large-model mode to an empty database, then again "
        "over it (for 10^6 entities: --bodies 200000 --people 800000 --heap 10g)",
    )
    args = parser.parse_args()

    server = None
    if os.environ.get("NEO4J_URI"):
        settings = ConnectionSettings.from_env()
        note = f"server: {settings.where}"
    else:
        launcher = _launcher()
        global GC_LOG
        GC_LOG = GcLog(Path(tempfile.mkdtemp(prefix="govgraph-bench-")) / "gc.log")
        server = launcher.start(heap=args.heap, jvm_options=[f"-Xlog:gc:file={GC_LOG.path}"])
        settings = ConnectionSettings(server.uri, server.user, server.password)
        note = f"server: embedded Neo4j {server.version} (tools/neo4j-launcher, -Xmx{args.heap})"
    try:
        driver = open_driver(settings)
        store = GraphStore(driver, settings.database)
        print(f"# {note}")
        print(
            f"# machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; batch size {store.batch_size}"
        )
        start = time.perf_counter()
        model = generate_model(bodies=args.bodies, people=args.people, seed=0)
        rows = len(model.entities) + len(model.relationships)
        print(
            f"model: {len(model.entities)} entities, {len(model.relationships)} relationships "
            f"(generated in {time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        if args.large_only:
            large_only(store, model, rows)
            return

        store.clear()
        store.apply_schema()
        # warm the server up (query plans, and the JIT: its compiler threads take more
        # CPU than the writes for the first few hundred thousand rows) for every
        # contender, so that none pays it and none is measured beside it
        warm = generate_model(bodies=args.warm_bodies, people=4 * args.warm_bodies, seed=2)
        warm_moved = moved_subtree(warm, 100)[0]
        for round_number in range(1, args.warm_rounds + 1):
            before = jit_seconds(server)
            store.push(warm)
            store.push(warm, prune=True)  # the re-pushes' statements too
            store.push(warm_moved, prune=True)
            store.push(warm, large=True)
            store.clear()
            unwind_loop(store, warm, store.batch_size)
            per_row(store, warm, 200)
            store.clear()
            if before is not None:
                spent = jit_seconds(server) - before
                print(f"  warm-up round {round_number}: server JIT compiler CPU {spent:.1f} s")
        print(f"  after warm-up: {memory(store)}", flush=True)

        jit = jit_seconds(server)
        start = time.perf_counter()
        report = store.push(model)
        push_s = time.perf_counter() - start
        assert report.entities.created == len(model.entities)
        timed("govgraph push (first of the key: batched generation)", rows, push_s)
        print(f"  {memory(store)}{jit_note(server, jit)}")

        start = time.perf_counter()
        again = store.push(model, prune=True)
        repush_s = time.perf_counter() - start
        assert not again.changed
        timed("govgraph re-push, unchanged", rows, repush_s)
        print(f"  {memory(store)}")

        moved, root, size = moved_subtree(model, args.subtree)
        start = time.perf_counter()
        after_move = store.push(moved, prune=True)
        move_s = time.perf_counter() - start
        c = after_move.relationships
        timed(f"govgraph re-push, {size}-body subtree moved", rows, move_s)
        print(f"  ({root}: relationships {c.created} created, {c.deleted} deleted)")
        print(f"  {memory(store)}")

        large_s = None
        if not args.skip_large:
            start = time.perf_counter()
            store.push(model, large=True)
            large_s = time.perf_counter() - start
            timed("govgraph push, large-model mode (over a model)", rows, large_s)
            print(f"  {memory(store)}")

        store.clear()
        jit = jit_seconds(server)
        unwind_s = unwind_loop(store, model, store.batch_size)
        timed("(a) hand-written UNWIND loop, same batches", rows, unwind_s)
        print(f"  {memory(store)}{jit_note(server, jit)}")
        store.clear()
        sample_rows, per_row_s = per_row(store, model, args.sample)
        timed(f"(b) one MERGE per row ({sample_rows} rows)", sample_rows, per_row_s)
        store.clear()

        push_rate = rows / push_s
        print(f"ratio push / (a): {push_rate / (rows / unwind_s):.2f}x   (target >= 1.0x)")
        print(f"ratio push / (b): {push_rate / (sample_rows / per_row_s):.1f}x   (target >= 50x)")
        print(f"ratio push / unchanged re-push: {push_s / repush_s:.1f}x   (target >= 20x)")
        print(f"ratio push / re-push after move: {push_s / move_s:.1f}x   (target >= 10x)")
        if large_s:
            print(f"ratio large-model push / push: {large_s / push_s:.2f}x")

        small = generate_model(bodies=args.sweep_bodies, people=args.sweep_people, seed=1)
        small_rows = len(small.entities) + len(small.relationships)
        print(f"sweep model: {small_rows} rows")
        for batch_size in (500, 2000, 5000, 20000):
            swept = GraphStore(driver, settings.database, batch_size=batch_size)
            store.clear()
            start = time.perf_counter()
            swept.push(small)
            seconds = time.perf_counter() - start
            print(f"  sweep {batch_size:>6} rows/batch: {seconds:6.1f} s  "
                  f"{small_rows / seconds:9.0f} rows/s")  # fmt: skip
        store.clear()
        driver.close()
    finally:
        if server is not None:
            launcher.stop(server)


if __name__ == "__main__":
    main()
