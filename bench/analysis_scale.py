"""Benchmark: analyses and health at whole-of-government scale.

Two parts, each printed as a table with figures and ratios:

1. **scale**: ``generate`` a model of about 10^6 entities (``--bodies``, ``--people``),
   write it as JSON, then in a fresh process (so that peak memory is the analysis run's
   own): load it (parse + validate + validator checks), build the graph (``to_graph``),
   run each analysis of ``govgraph.analysis`` and ``health``. The baseline is the graph
   build: each stage's time is given as a ratio to it (target: health ≤ 2×).
   Peak memory is the process's peak resident set size (``ru_maxrss``).
2. **overlaps**: ``govgraph.analysis.overlaps`` (a sparse body × item matrix, scipy)
   against two baselines on the same data, in the same run: the naive pairwise loop
   (every pair of bodies, set intersection; timed on a random sample of pairs and
   extrapolated to all pairs, as the output says) and a per-person inverted index in
   plain Python (for each member, every pair of the bodies it sits on). The inverted
   index gets the same treatment of very popular members as ``overlaps`` (members of
   more than ``max_item_bodies`` bodies do not make pairs but count exactly), and its
   pairs and scores are checked to be the same.

Run it alone on the machine (it needs about 14 GB of memory at full size):

    .venv/bin/python bench/analysis_scale.py

``--quick`` runs both parts at a tenth of the size.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govgraph.analysis import (  # noqa: E402
    connections,
    coverage,
    members,
    memberships,
    metrics,
    overlaps,
    reporting_chains,
    subordinates,
)
from govgraph.analysis.overlaps import DEFAULT_MAX_ITEM_BODIES, body_items  # noqa: E402
from govgraph.formats import load_model, write_model  # noqa: E402
from govgraph.generate import generate_model  # noqa: E402
from govgraph.graph import to_graph  # noqa: E402
from govgraph.health import health, structure_rows  # noqa: E402
from govgraph.rules import check_rules, load_rules_file  # noqa: E402


def peak_gb() -> float:
    """Peak resident memory of this process so far, in GB (Linux: ru_maxrss is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def machine() -> str:
    cpus = os.cpu_count()
    with open("/proc/meminfo") as handle:
        total = int(handle.readline().split()[1]) / 1024 / 1024
    python = platform.python_version()
    return f"{platform.machine()}, {cpus} cores, {total:.0f} GB RAM, Python {python}"


class Timer:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def run(self, name: str, function, *args, note: str = "", **kwargs):
        gc.collect()
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds = time.perf_counter() - start
        self.rows.append({"stage": name, "seconds": seconds, "peak_gb": peak_gb(), "note": note})
        print(f"  {name}: {seconds:.2f} s (peak {peak_gb():.2f} GB) {note}", file=sys.stderr)
        return result


# ── Part 1: the analyses at scale ────────────────────────────────────────────────────


def analyse(path: str, seed: int, health_only: bool = False) -> dict[str, Any]:
    """Load, build, analyse and check the model at ``path`` (run in a fresh process)."""
    timer = Timer()
    model = timer.run("load (parse, validate, validator checks)", load_model, path)
    entities, relationships = len(model.entities), len(model.relationships)
    graph = timer.run("graph build (to_graph)", to_graph, model)
    found: list[Any] = []
    if not health_only:
        found = each_analysis(timer, model, graph, seed)
    findings = timer.run("health (validator + analyses, no rules)", health, model, graph=graph)
    timer.run("  span and depth: structure_rows (what health uses)", structure_rows, model)
    timer.run(
        "  span and depth: body_metrics (what health used before)",
        metrics,
        graph,
        betweenness_k=0,
    )
    rules = load_rules_file(ROOT / "fixtures" / "rules" / "governance-rules.yaml")
    rows = structure_rows(model)
    findings_rules = timer.run(
        "the 6 example rules (check_rules)", check_rules, model, rules, hierarchy=lambda: rows
    )
    return {
        "entities": entities,
        "relationships": relationships,
        "overlap_pairs": len(found),
        "findings": dict(Counter(f.code for f in findings).most_common()),
        "rule_findings": len(findings_rules),
        "rows": timer.rows,
        "peak_gb": peak_gb(),
    }


def each_analysis(timer: Timer, model: Any, graph: Any, seed: int) -> list[Any]:
    """Time each analysis of ``govgraph.analysis`` on samples (or all) of the model."""
    rng = random.Random(seed)
    kinds = {e.id: e.kind.value for e in model.entities}
    wgs = [i for i, k in kinds.items() if k == "working_group"]
    bodies = [i for i, k in kinds.items() if k in ("council", "committee", "working_group")]
    people = [i for i, k in kinds.items() if k == "person"]
    roots = [i for i, k in kinds.items() if k == "council"][:20]

    sample_wgs = rng.sample(wgs, min(1000, len(wgs)))
    timer.run(
        "reporting_chains ×1000 WGs",
        lambda: [reporting_chains(graph, wg, include_informal=True) for wg in sample_wgs],
    )
    timer.run(
        "subordinates of 20 councils (all depths)",
        lambda: [subordinates(graph, root) for root in roots],
    )
    pairs = [(rng.choice(wgs), rng.choice(wgs)) for _ in range(20)]
    timer.run(
        "connections ×20 WG pairs",
        lambda: [connections(graph, a, b, types=["REPORTS_TO", "PART_OF"]) for a, b in pairs],
    )
    sample_bodies = rng.sample(bodies, min(1000, len(bodies)))
    timer.run("members ×1000 bodies", lambda: [members(graph, b) for b in sample_bodies])
    sample_people = rng.sample(people, min(1000, len(people)))
    timer.run("memberships ×1000 people", lambda: [memberships(graph, p) for p in sample_people])
    timer.run("coverage (every body)", coverage, graph)
    found = timer.run(
        "overlaps (members+priorities, Jaccard ≥ 0.8)", overlaps, graph, min_jaccard=0.8
    )
    timer.run("metrics (betweenness sampled, k=32)", metrics, graph)
    return found


def scale(bodies: int, people: int, seed: int, model_file: str | None, health_only: bool) -> None:
    print(f"\n## Scale: {bodies:,} bodies, {people:,} people (seed {seed})", file=sys.stderr)
    timer = Timer()
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as folder:
        path = Path(model_file or Path(folder) / "model.json")
        if not path.exists():
            model = timer.run("generate", generate_model, bodies=bodies, people=people, seed=seed)
            timer.run("write JSON (atomic)", write_model, model, path)
            del model
            gc.collect()
        size = path.stat().st_size / 1e6
        generate_peak = peak_gb()
        command = [sys.executable, __file__, "--analyse", str(path), "--seed", str(seed)]
        child = subprocess.run(
            [*command, "--health-only"] if health_only else command,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stderr.write(child.stderr)
        if child.returncode != 0:
            raise SystemExit(f"the analysis run failed ({child.returncode})")
        result = json.loads(child.stdout)
    build = next(r["seconds"] for r in result["rows"] if r["stage"].startswith("graph build"))
    print(
        f"\n### Scale: {result['entities']:,} entities, {result['relationships']:,} relationships"
    )
    print(f"\nJSON file: {size:,.0f} MB. Machine: {machine()}.\n")
    print("| stage | seconds | × graph build | peak memory (GB) |")
    print("| --- | ---: | ---: | ---: |")
    for row in timer.rows:
        print(f"| {row['stage']} | {row['seconds']:.1f} | | {generate_peak:.1f} (generator) |")
    for row in result["rows"]:
        ratio = row["seconds"] / build
        print(f"| {row['stage']} | {row['seconds']:.1f} | {ratio:.2f} | {row['peak_gb']:.1f} |")
    analysis = sum(
        r["seconds"]
        for r in result["rows"]
        if not r["stage"].startswith(("load", "graph build", "health", "the 6", "  "))
    )
    health_row = next(r for r in result["rows"] if r["stage"].startswith("health (validator"))
    print(
        f"\nAll the analyses above (chains to metrics): {analysis:.1f} s = "
        f"{analysis / build:.2f} × graph build; health: {health_row['seconds']:.1f} s = "
        f"{health_row['seconds'] / build:.2f} × graph build (target ≤ 2). "
        f"Peak memory of load + graph + analyses + health: {result['peak_gb']:.1f} GB."
    )
    print(f"\nHealth findings by code: {json.dumps(result['findings'])}; "
          f"example rules: {result['rule_findings']} findings.")  # fmt: skip


# ── Part 2: overlaps against the baselines ───────────────────────────────────────────


def naive_pairs_per_second(
    sets: list[set[str]], samples: int, seed: int, min_jaccard: float
) -> float:
    """The naive loop's speed: Jaccard of random pairs of bodies (every pair would be
    compared), pairs per second."""
    rng = random.Random(seed)
    n = len(sets)
    pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(samples)]
    start = time.perf_counter()
    kept = 0
    for i, j in pairs:
        a, b = sets[i], sets[j]
        shared = len(a & b)
        if shared and shared / (len(a) + len(b) - shared) >= min_jaccard:
            kept += 1
    return samples / (time.perf_counter() - start)


def inverted_index(
    sets: list[set[str]], max_item_bodies: int | None, min_jaccard: float
) -> list[tuple[int, int, float]]:
    """Pairs sharing a member, found through a per-member inverted index in plain
    Python, with exact Jaccard scores (same rules as ``overlaps``)."""
    holders: dict[str, list[int]] = {}
    for body, items in enumerate(sets):
        for item in items:
            holders.setdefault(item, []).append(body)
    popular = {
        item
        for item, bodies in holders.items()
        if max_item_bodies is not None and len(bodies) > max_item_bodies
    }
    shared: Counter[tuple[int, int]] = Counter()
    for item, bodies in holders.items():
        if item in popular:
            continue
        for x in range(len(bodies)):
            first = bodies[x]
            for y in range(x + 1, len(bodies)):
                shared[(first, bodies[y])] += 1
    result = []
    for (i, j), count in shared.items():
        count += len(sets[i] & sets[j] & popular) if popular else 0
        score = count / (len(sets[i]) + len(sets[j]) - count)
        if score >= min_jaccard:
            result.append((i, j, score))
    return result


def overlap_bench(bodies: int, people: int, seed: int, samples: int, min_jaccard: float) -> None:
    print(f"\n## Overlaps: {bodies:,} bodies, {people:,} people (seed {seed})", file=sys.stderr)
    model = generate_model(bodies=bodies, people=people, seed=seed)
    graph = to_graph(model)
    del model
    gc.collect()
    timer = Timer()
    found = timer.run(
        "overlaps (scipy sparse)", overlaps, graph, by="members", min_jaccard=min_jaccard
    )
    member_sets = timer.run("  body_items (shared by the baselines)", body_items, graph)[0]
    names = sorted(member_sets)
    sets = [member_sets[name] for name in names]
    n = len(sets)
    memberships = sum(len(s) for s in sets)
    index_pairs = timer.run(
        "  inverted index (plain Python)",
        inverted_index,
        sets,
        DEFAULT_MAX_ITEM_BODIES,
        min_jaccard,
    )
    speed = naive_pairs_per_second(sets, samples, seed, min_jaccard)
    all_pairs = n * (n - 1) // 2
    naive_seconds = all_pairs / speed

    # the same answer: every pair and score
    ours = {(o["a"], o["b"]): o["jaccard"] for o in found}
    theirs = {(names[i], names[j]): score for i, j, score in index_pairs}
    same = ours.keys() == theirs.keys() and all(abs(ours[key] - theirs[key]) < 1e-9 for key in ours)
    fast = timer.rows[0]["seconds"]
    index_seconds = timer.rows[1]["seconds"] + timer.rows[2]["seconds"]
    print(
        f"\n### Overlaps: {n:,} bodies × {memberships:,} memberships "
        f"(by members, Jaccard ≥ {min_jaccard})"
    )
    print(f"\nMachine: {machine()}.\n")
    print("| method | seconds | overlaps is faster by |")
    print("| --- | ---: | ---: |")
    print(f"| `overlaps` (sparse matrix, scipy) | {fast:.1f} | |")
    print(f"| per-person inverted index (plain Python, incl. reading the graph) | "
          f"{index_seconds:.1f} | {index_seconds / fast:,.1f}× |")  # fmt: skip
    print(
        f"| naive pairwise loop ({all_pairs:,} pairs; **extrapolated** from "
        f"{samples:,} sampled pairs at {speed:,.0f} pairs/s) | {naive_seconds:,.0f} | "
        f"{naive_seconds / fast:,.0f}× |"
    )
    print(
        f"\n{len(found):,} overlapping pairs; the inverted index finds the same pairs and "
        f"scores: {same}. Targets: ≥ 500× the naive loop, ≥ 5× the inverted index."
    )
    if not same:
        raise SystemExit("overlaps and the inverted index disagree")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=800_000)
    parser.add_argument("--overlap-bodies", type=int, default=100_000)
    parser.add_argument("--overlap-people", type=int, default=200_000)
    parser.add_argument("--naive-samples", type=int, default=200_000)
    parser.add_argument("--min-jaccard", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--only", choices=["scale", "overlaps"], default=None)
    parser.add_argument(
        "--model-file", help="keep the generated model here, or reuse it if it exists"
    )
    parser.add_argument(
        "--health-only", action="store_true", help="scale part: load, graph and health only"
    )
    parser.add_argument("--analyse", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.analyse:
        print(json.dumps(analyse(args.analyse, args.seed, args.health_only)))
        return
    if args.quick:
        for name in ("bodies", "people", "overlap_bodies", "overlap_people"):
            setattr(args, name, getattr(args, name) // 10)
    print("# bench/analysis_scale.py")
    if args.only in (None, "scale"):
        scale(args.bodies, args.people, args.seed, args.model_file, args.health_only)
    if args.only in (None, "overlaps"):
        overlap_bench(
            args.overlap_bodies,
            args.overlap_people,
            args.seed,
            args.naive_samples,
            args.min_jaccard,
        )


if __name__ == "__main__":
    main()
