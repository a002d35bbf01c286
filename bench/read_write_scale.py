"""Reading and writing a heavy but legitimate model: time and peak memory of
``govgraph validate`` and ``govgraph convert`` on a generated model, against the plain
parse of the same file (``yaml.load`` with ``CSafeLoader``, ``json.load``) measured in
the same run.

    .venv/bin/python bench/read_write_scale.py [BODIES PEOPLE]

Each step runs in a fresh process (``python -m govgraph ...``), so the peak resident
memory reported (``ru_maxrss`` of that child) is the step's own.
``GOVGRAPH_BENCH_ONLY=ttl,xlsx`` runs only the steps whose names hold one of those
words (and the baseline). The default size,
16,000 bodies and 64,000 people, gives about 82,000 entities (a ~50 MB YAML file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PLAIN_YAML = (
    "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)"
)
PLAIN_JSON = "import sys, json; json.load(open(sys.argv[1], encoding='utf-8'))"


def measure(args: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of running ``args`` in a child."""
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "took = time.perf_counter() - start\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(code, took, peak)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    ).stdout.split()
    code, took, peak = int(out[0]), float(out[1]), float(out[2])
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {code}")
    return took, peak


def main() -> None:
    bodies = int(sys.argv[1]) if len(sys.argv) > 1 else 16_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 64_000
    folder = Path(tempfile.mkdtemp(prefix="govgraph-rw-"))
    govgraph = [sys.executable, "-m", "govgraph"]
    model = folder / "m.yaml"
    subprocess.run(
        [*govgraph, "generate", "-o", model, "--bodies", str(bodies), "--people", str(people)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [*govgraph, "convert", model, folder / "m.json"], check=True, capture_output=True
    )
    size = model.stat().st_size / 2**20
    print(
        f"model: govgraph generate --bodies {bodies} --people {people}: m.yaml {size:.1f} MB",
        flush=True,
    )
    steps = {
        "yaml.load (CSafeLoader) m.yaml": [sys.executable, "-c", PLAIN_YAML, model],
        "json.load m.json": [sys.executable, "-c", PLAIN_JSON, folder / "m.json"],
        "validate m.yaml": [*govgraph, "validate", model, "--format", "json"],
        "validate m.json": [*govgraph, "validate", folder / "m.json", "--format", "json"],
        "convert m.yaml -> m.ttl": [*govgraph, "convert", model, folder / "m.ttl"],
        "convert m.yaml -> m.nt": [*govgraph, "convert", model, folder / "m.nt"],
        "convert m.yaml -> m.xlsx": [*govgraph, "convert", model, folder / "m.xlsx"],
        "convert m.yaml -> csv/": [*govgraph, "convert", model, folder / "csv"],
        "validate m.xlsx": [*govgraph, "validate", folder / "m.xlsx", "--format", "json"],
        "validate csv/": [*govgraph, "validate", folder / "csv", "--format", "json"],
    }
    only = [part for part in os.environ.get("GOVGRAPH_BENCH_ONLY", "").split(",") if part]
    results = {}
    for name, args in steps.items():
        if only and not any(part in name for part in only) and not name.startswith("yaml.load"):
            continue
        results[name] = measure([str(a) for a in args])
        print(f"  {name}: {results[name][0]:.1f} s, {results[name][1]:.0f} MB", flush=True)
    base_s, base_mb = results["yaml.load (CSafeLoader) m.yaml"]
    print(f"{'step':32} {'seconds':>8} {'x yaml.load':>11} {'peak MB':>8} {'x yaml.load':>11}")
    for name, (seconds, peak) in results.items():
        print(
            f"{name:32} {seconds:8.1f} {seconds / base_s:11.2f} {peak:8.0f} {peak / base_mb:11.2f}"
        )
    print(json.dumps({name: [round(s, 2), round(m)] for name, (s, m) in results.items()}))


if __name__ == "__main__":
    main()
