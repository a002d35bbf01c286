"""Scenario scale: on a generated whole-of-government model (10^6 entities by default),
move a subtree of about 1,000 bodies and produce the impact report, against the
baseline of rebuilding the graph and re-analysing the whole structure.

    .venv/bin/python bench/scenario_scale.py [--bodies N --people M]

Measured, in the same run and on the same models:

- **incremental**: ``apply_scenario`` (the new model, with history) plus
  ``impact_between`` (the report: diff, chains, span/depth, health, overlaps,
  coverage, members and meeting days), computed on the affected part only;
- **baseline**: what re-analysing the whole structure after the change costs:
  ``to_graph(after)`` then ``govgraph.analysis.metrics`` (span, depth, parents, meeting
  load; betweenness skipped, which makes the baseline cheaper, not dearer),
  ``coverage`` for every body, and the health rules on the whole model.

Prints the timings, the ratio (target ≤ 1/20) and the peak memory: the process's peak
resident set size after each phase, and the peak Python allocation of the incremental
step (tracemalloc, in a separate untimed run).
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import sys
import time
import tracemalloc
from collections import defaultdict

from govgraph.analysis import coverage, metrics
from govgraph.dates import is_valid_on, parse_as_of
from govgraph.generate import generate_model
from govgraph.graph import to_graph
from govgraph.model import GovernanceModel
from govgraph.scenarios import Move, Scenario, apply_scenario
from govgraph.scenarios.impact import _health, impact_between
from govgraph.vocabulary import HIERARCHY_TYPES

EFFECTIVE = "2026-04-01"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pick_subtree(model: GovernanceModel, target: int) -> tuple[str, str, int]:
    """A body whose subtree (formal lines, valid on the day) is closest to ``target``
    bodies, and a new parent outside that subtree and not its current parent."""
    day = parse_as_of(EFFECTIVE)
    children: dict[str, list[str]] = defaultdict(list)
    parents: dict[str, set[str]] = defaultdict(set)
    for rel in model.relationships:
        if (
            rel.type in HIERARCHY_TYPES
            and (rel.formal is not False)
            and is_valid_on(rel.valid_from, rel.valid_to, day)
        ):
            children[rel.to].append(rel.from_)
            parents[rel.from_].add(rel.to)
    size: dict[str, int] = {}

    def subtree(body: str) -> set[str]:
        seen, stack = {body}, [body]
        while stack:
            for child in children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    candidates = [b for b in children if len(parents[b]) == 1]
    # subtree sizes, bottom-up would be cheaper; the candidate list is small enough
    best, best_size = None, None
    for body in candidates:
        n = len(subtree(body)) if len(children[body]) > 1 else 1
        size[body] = n
        if best_size is None or abs(n - target) < abs(best_size - target):
            best, best_size = body, n
    assert best is not None and best_size is not None
    inside = subtree(best)
    current = next(iter(parents[best]))
    index = model.index
    for body in sorted(children, key=lambda b: -len(children[b])):
        if body not in inside and body != current and index[body].kind == index[best].kind:
            return best, body, best_size
    for body in children:
        if body not in inside and body != current:
            return best, body, best_size
    raise SystemExit("no destination found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=800_000)
    parser.add_argument("--subtree", type=int, default=1000)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    start = time.perf_counter()
    before = generate_model(bodies=args.bodies, people=args.people)
    generated = time.perf_counter() - start
    body, destination, size = pick_subtree(before, args.subtree)
    scenario = Scenario(
        name={"en": "Bench move"}, effective=EFFECTIVE, operations=[Move(body=body, to=destination)]
    )
    day = parse_as_of(EFFECTIVE)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {resource.getpagesize()}-byte pages"
    )
    print(
        f"model: {len(before.entities):,} entities, {len(before.relationships):,} "
        f"relationships (generated in {generated:.1f} s); RSS peak {rss_mb():,.0f} MB"
    )
    print(f"scenario: move {body!r} (subtree of {size:,} bodies) to {destination!r}")

    gc.collect()
    t0 = time.perf_counter()
    after = apply_scenario(before, scenario)
    t1 = time.perf_counter()
    report = impact_between(before, after, day=day, scenario=scenario)
    t2 = time.perf_counter()
    incremental = t2 - t0
    print(
        f"incremental: apply {t1 - t0:.2f} s + impact report {t2 - t1:.2f} s "
        f"= {incremental:.2f} s; analysed {report.analysed['entities']:,} of "
        f"{report.analysed['of_entities']:,} entities; RSS peak {rss_mb():,.0f} MB"
    )
    print(
        f"  report: {len(report.changes)} changes, {len(report.chains)} chains changed, "
        f"{len(report.metrics)} bodies with changed figures, "
        f"{len(report.findings_introduced)}/{len(report.findings_resolved)} findings "
        f"introduced/resolved, {len(report.members_affected):,} members affected"
    )

    gc.collect()
    b0 = time.perf_counter()
    graph = to_graph(after)
    b1 = time.perf_counter()
    figures = metrics(graph, as_of=day, betweenness_k=0)
    b2 = time.perf_counter()
    covered = coverage(graph, as_of=day)
    b3 = time.perf_counter()
    findings = _health(after, day)
    b4 = time.perf_counter()
    baseline = b4 - b0
    print(
        f"baseline: to_graph {b1 - b0:.2f} s + metrics {b2 - b1:.2f} s + coverage "
        f"{b3 - b2:.2f} s + health {b4 - b3:.2f} s = {baseline:.2f} s "
        f"({len(figures['bodies']):,} bodies, {len(covered):,} coverages, "
        f"{len(findings):,} findings); RSS peak {rss_mb():,.0f} MB"
    )
    del graph, figures, covered, findings
    gc.collect()

    tracemalloc.start()
    again = impact_between(before, apply_scenario(before, scenario), day=day, scenario=scenario)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert again.to_dict() == report.to_dict()
    print(f"incremental step peak allocation (tracemalloc): {peak / 2**20:,.0f} MB")
    print(
        f"ratio incremental / baseline: {incremental / baseline:.4f} "
        f"(1/{baseline / incremental:.0f}; target ≤ 1/20)"
    )


if __name__ == "__main__":
    main()
