"""Benchmark: printing findings, and checking the hierarchy at every date.

1. **validate table**: ``govgraph validate`` of a generated model (about 40,000
   entities, thousands of warnings) as a table, one line per code (the default),
   against the baseline of the same command listing every finding (``--all``), in the
   same run, each in a fresh process (CPU time); then the table rendering alone, for
   7,514 findings (the model's, repeated), one line per code against every row.
2. **hierarchy cycles**: the validator's ``hierarchy-cycle`` check on the same model,
   against the baseline of building its graph (``to_graph``), and on a model made
   cyclic inside one strongly connected component (the dated case: one check per
   distinct first day of its lines).

    .venv/bin/python bench/answers.py [--bodies 8000 --people 32000]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govgraph.checks import _hierarchy_cycles, check_model
from govgraph.cli.health_commands import emit_grouped
from govgraph.cli.output import emit_rows
from govgraph.formats import load_model, write_model
from govgraph.generate import generate_model
from govgraph.graph import to_graph
from govgraph.model import GovernanceModel

_COLUMNS = [(key, key) for key in ("severity", "code", "location", "field", "message")]


def _timed(function, repeat: int = 3) -> float:
    """The best CPU time of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def _command(*args: str) -> float:
    """The CPU seconds (user + system) of one command in a fresh process: on a shared
    machine, wall time mostly measures the neighbours."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "govgraph", *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _ring(size: int, days: int) -> GovernanceModel:
    """``size`` bodies in a ring of PART_OF lines, each line valid from a different
    year among ``days``: a cycle exists only from the last start on."""
    entities = [{"id": f"b{i}", "kind": "council", "name": {"en": f"B{i}"}} for i in range(size)]
    relationships = [
        {"from": f"b{i}", "type": "PART_OF", "to": f"b{(i + 1) % size}",
         "valid_from": str(1900 + i % days)}
        for i in range(size)
    ]  # fmt: skip
    return GovernanceModel.model_validate({"entities": entities, "relationships": relationships})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=8000)
    parser.add_argument("--people", type=int, default=32000)
    options = parser.parse_args()
    model = generate_model(bodies=options.bodies, people=options.people, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        write_model(model, path)
        loaded = load_model(path)
        print(f"model: {len(loaded.entities):,} entities, {len(loaded.relationships):,} lines")
        warnings = sum(not f.is_error for f in check_model(loaded))
        print(f"validator findings: {warnings:,} warnings")
        grouped = _command("validate", str(path))
        listed = _command("validate", str(path), "--all")
        print("\nvalidate, table                  CPU seconds   ratio to --all")
        print(f"  --all (baseline: every finding)    {listed:7.2f}   1.00")
        print(f"  one line per code (default)        {grouped:7.2f}   {grouped / listed:.2f}")

    findings = check_model(loaded)
    many = [
        f.model_copy(update={"entities": (f"{f.entities[0]}-{i}",)})
        for i in range(7514 // len(findings) + 1)
        for f in findings
    ][:7514]
    print("\nrendering 7,514 findings as a table  CPU seconds   ratio to every row")
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        every = _timed(lambda: emit_rows([f.as_row() for f in many], _COLUMNS, "table"), 1)
        grouped_only = _timed(lambda: emit_grouped(many, "en", "Findings"), 1)
    print(f"  every row (baseline)               {every:7.2f}   1.00")
    print(f"  one line per code                  {grouped_only:7.2f}   {grouped_only / every:.3f}")

    graph_time = _timed(lambda: to_graph(loaded))
    check_time = _timed(lambda: list(_hierarchy_cycles(loaded)))
    ring = _ring(2000, 200)
    ring_time = _timed(lambda: list(_hierarchy_cycles(ring)))
    ring_graph = _timed(lambda: to_graph(ring))
    print("\nhierarchy-cycle check            CPU seconds   ratio to to_graph")
    print(f"  to_graph (baseline)                {graph_time:7.3f}   1.00")
    print(f"  hierarchy-cycle, generated model   {check_time:7.3f}   {check_time / graph_time:.2f}")
    print(f"  to_graph of a 2,000-body ring      {ring_graph:7.3f}   1.00")
    print(f"  hierarchy-cycle, ring (200 dates)  {ring_time:7.3f}   {ring_time / ring_graph:.2f}")


if __name__ == "__main__":
    main()
