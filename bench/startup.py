"""Start-up bench: whole ``govgraph`` processes against plain baselines, in one run.

Each pair is timed as whole processes, A and B in turn (A B A B ...) after a warm-up,
and reported as the median wall time of each and the medians of the per-pair ratios
A/B of wall time and of CPU time (user + system of the finished process, which a
loaded machine disturbs least); pairing keeps a ratio honest when a shared machine's
speed drifts. The verdict is on the wall-time ratio. Targets:

- ``govgraph --help``                      ≤ 1.5 × ``python -c "import click"``
- ``govgraph validate fixtures/joint-councils.yaml``
                                           ≤ 3 × a script that only parses the YAML
                                             with PyYAML's C loader
- ``govgraph overlaps MODEL.json --as-of all --top 20`` (a generated model of 4,000
  entities; ``--as-of all`` counts every fact of every date, as the plain script does)
                                           ≤ 2 × a plain script that loads the JSON and
                                             computes the same overlaps (checked equal,
                                             all pairs; both print the best 20)

Three reference rows (no target) show what ``validate`` cannot go below while it
validates with pydantic behind a click command line: a script that only imports
pydantic and defines one model, against the YAML baseline; a script that imports
click, parses the same YAML with the C loader and validates it with one pydantic model
(the "floor"), against the YAML baseline; and ``govgraph validate`` against that floor.

Every process runs with a byte-code cache, as an installed tool does (a cache of its
own in a temporary directory, filled by the warm-up: ``PYTHONDONTWRITEBYTECODE`` would
make each run compile govgraph's modules again and measure the compiler).

Run: ``python bench/startup.py [--runs 7]``. Profile a command's imports with
``python -X importtime -m govgraph --help 2> imports.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "joint-councils.yaml"
#: generate's sizes for a model of about 4,000 entities
BODIES, PEOPLE, SEED = 800, 3065, 1
#: how many pairs both overlap commands print (all are computed)
TOP = 20

#: The plain baseline for ``overlaps``: the JSON, the bodies' members and priorities
#: as sets, an inverted index of items, every pair sharing an item with its Jaccard
#: score, best first -- what ``govgraph overlaps --by both`` computes, without govgraph.
PLAIN_OVERLAPS = r"""
import json, sys
from collections import defaultdict
BODY_KINDS = {"council", "committee", "working_group", "table"}
doc = json.load(open(sys.argv[1], encoding="utf-8"))
bodies = sorted(e["id"] for e in doc["entities"] if e["kind"] in BODY_KINDS)
members = {b: set() for b in bodies}
priorities = {b: set() for b in bodies}
for r in doc["relationships"]:
    if r["type"] == "MEMBER_OF" and r["to"] in members:
        members[r["to"]].add(r["from"])
    elif r["type"] == "ADVANCES" and r["from"] in priorities:
        priorities[r["from"]].add(r["to"])
items = {b: members[b] | priorities[b] for b in bodies}
holders = defaultdict(list)
for b in bodies:
    for item in items[b]:
        holders[item].append(b)
shared = defaultdict(int)
for group in holders.values():
    if len(group) <= 1000:
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                shared[(a, b) if a < b else (b, a)] += 1
pairs = []
for (a, b), n in shared.items():
    pairs.append({"a": a, "b": b,
                  "shared_members": sorted(members[a] & members[b]),
                  "shared_priorities": sorted(priorities[a] & priorities[b]),
                  "jaccard": n / (len(items[a]) + len(items[b]) - n)})
pairs.sort(key=lambda p: (-p["jaccard"], -len(items[p["a"]] & items[p["b"]]), p["a"], p["b"]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else None
print(json.dumps(pairs[:top], ensure_ascii=False, indent=2))
"""


#: The floor of a pydantic-validating click tool: import click, parse the YAML with
#: PyYAML's C loader, validate the document with one pydantic model of two lists.
PYDANTIC_FLOOR = r"""
import sys
import click, yaml
from pydantic import BaseModel
class Document(BaseModel):
    entities: list[dict[str, object]]
    relationships: list[dict[str, object]]
with open(sys.argv[1], encoding="utf-8") as handle:
    Document.model_validate(yaml.load(handle, Loader=yaml.CSafeLoader))
"""


#: Less than any pydantic-validating tool does: import pydantic and define one model.
PYDANTIC_ALONE = (
    "from pydantic import BaseModel\n"
    "class Document(BaseModel):\n"
    "    entities: list[dict[str, object]]\n"
)


def govgraph_command() -> list[str]:
    """The installed ``govgraph`` console script beside this Python (else ``-m``)."""
    script = Path(sys.executable).parent / "govgraph"
    return [str(script)] if script.exists() else [sys.executable, "-m", "govgraph"]


#: the environment of every timed process (``main`` sets its byte-code cache)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-400:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def paired(a: list[str], b: list[str], runs: int, cwd: Path) -> tuple[float, float, float, float]:
    """Median wall time of A, of B, and medians of the per-pair ratios A/B of wall time
    and of CPU time."""
    run_once(a, cwd), run_once(b, cwd)  # warm-up: file cache, .pyc files
    times_a, times_b, wall_ratios, cpu_ratios = [], [], [], []
    for _ in range(runs):
        (wall_a, cpu_a), (wall_b, cpu_b) = run_once(a, cwd), run_once(b, cwd)
        times_a.append(wall_a)
        times_b.append(wall_b)
        wall_ratios.append(wall_a / wall_b)
        cpu_ratios.append(cpu_a / cpu_b)
    return (
        statistics.median(times_a),
        statistics.median(times_b),
        statistics.median(wall_ratios),
        statistics.median(cpu_ratios),
    )


def same_overlaps(govgraph: list[str], model: Path, plain: Path) -> int:
    """Check the two overlap computations agree; the number of pairs."""

    def run(command: list[str]) -> list[tuple[str, str, float]]:
        out = json.loads(
            subprocess.run(command, capture_output=True, check=True, text=True, env=ENV).stdout
        )
        pairs = out["overlaps"] if isinstance(out, dict) else out  # govgraph's: {as_of, overlaps}
        return [(p["a"], p["b"], round(p["jaccard"], 9)) for p in pairs]

    ours = run([*govgraph, "overlaps", str(model), "--as-of", "all", "--format", "json"])
    theirs = run([sys.executable, str(plain), str(model)])
    if ours != theirs:
        raise SystemExit(f"the baseline disagrees: {len(ours)} pairs vs {len(theirs)}")
    return len(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed pairs per comparison")
    args = parser.parse_args()
    govgraph = govgraph_command()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as folder:
        work = Path(folder)
        ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        model = work / "model.json"
        subprocess.run(
            [
                *govgraph,
                "-q",
                "generate",
                "-o",
                str(model),
                "--bodies",
                str(BODIES),
                "--people",
                str(PEOPLE),
                "--seed",
                str(SEED),
            ],
            check=True,
            env=ENV,
        )
        entities = len(json.loads(model.read_text(encoding="utf-8"))["entities"])
        plain = work / "plain_overlaps.py"
        plain.write_text(PLAIN_OVERLAPS, encoding="utf-8")
        floor = work / "pydantic_floor.py"
        floor.write_text(PYDANTIC_FLOOR, encoding="utf-8")
        pairs = same_overlaps(govgraph, model, plain)
        yaml_only = (
            f"import yaml; yaml.load(open({str(FIXTURE)!r}, encoding='utf-8'), "
            "Loader=yaml.CSafeLoader)"
        )
        cases = [
            (
                "govgraph --help",
                [*govgraph, "--help"],
                "import click",
                [python, "-c", "import click"],
                1.5,
            ),
            (
                "govgraph validate fixtures/joint-councils.yaml",
                [*govgraph, "validate", str(FIXTURE)],
                "PyYAML C loader parse",
                [python, "-c", yaml_only],
                3.0,
            ),
            (
                "reference: one pydantic model class, nothing else",
                [python, "-c", PYDANTIC_ALONE],
                "PyYAML C loader parse",
                [python, "-c", yaml_only],
                None,
            ),
            (
                "reference: click + YAML + one pydantic model",
                [python, str(floor), str(FIXTURE)],
                "PyYAML C loader parse",
                [python, "-c", yaml_only],
                None,
            ),
            (
                "reference: govgraph validate fixtures/joint-councils.yaml",
                [*govgraph, "validate", str(FIXTURE)],
                "click + YAML + one pydantic model",
                [python, str(floor), str(FIXTURE)],
                None,
            ),
            (
                f"govgraph overlaps ({entities} entities, {pairs} pairs)",
                [
                    *govgraph,
                    *("overlaps", str(model), "--as-of", "all"),
                    *("--format", "json", "--top", str(TOP)),
                ],
                "plain JSON + overlaps script",
                [python, str(plain), str(model), str(TOP)],
                2.0,
            ),
        ]
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {args.runs} pairs each")
        print(
            f"{'command':58} {'median':>8} {'baseline':32} {'median':>8} "
            f"{'wall':>6} {'cpu':>6} target"
        )
        for name, command, base_name, base, target in cases:
            a, b, wall_ratio, cpu_ratio = paired(command, base, args.runs, ROOT)
            if target is None:
                verdict = "(reference)"
            else:
                verdict = f"≤{target}x " + ("met" if wall_ratio <= target else "MISSED")
            print(
                f"{name:58} {a * 1000:6.0f}ms {base_name:32} {b * 1000:6.0f}ms "
                f"{wall_ratio:5.2f}x {cpu_ratio:5.2f}x {verdict}"
            )


if __name__ == "__main__":
    main()
