"""Export and import time of every interoperability format on a generated model,
against YAML (the canonical form) measured in the same run.

    .venv/bin/python bench/interop_formats.py [BODIES PEOPLE]

Prints, per format: write seconds, read seconds (read_model: parse and validate),
file size, and each time as a ratio to YAML's.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from govgraph.formats import read_model, write_model
from govgraph.generate import generate_model

TARGETS = [
    "m.yaml",
    "m.json",
    "csv",
    "m.xlsx",
    "m.popolo.json",
    "m.graphml",
    "m.gexf",
    "m.ttl",
    "m.jsonld",
    "m.nt",
]


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def main() -> None:
    bodies = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 8_000
    model = generate_model(bodies=bodies, people=people, seed=0)
    print(
        f"model: generate_model(bodies={bodies}, people={people}): "
        f"{len(model.entities)} entities, {len(model.relationships)} relationships"
    )
    folder = Path(tempfile.mkdtemp(prefix="govgraph-bench-"))
    rows = []
    for target in TARGETS:
        path = folder / target
        start = time.perf_counter()
        write_model(model, path)
        write_s = time.perf_counter() - start
        read_s = None
        if not target.endswith(".gexf"):
            start = time.perf_counter()
            again = read_model(path)
            read_s = time.perf_counter() - start
            assert again.canonical() == model.canonical(), target
        rows.append((target.removeprefix("m"), write_s, read_s, _size(path)))
    base_write, base_read = rows[0][1], rows[0][2]
    print(f"{'format':14} {'write s':>8} {'x YAML':>7} {'read s':>8} {'x YAML':>7} {'MB':>7}")
    for name, write_s, read_s, size in rows:
        read = (
            f"{read_s:8.2f} {read_s / base_read:7.2f}"
            if read_s is not None
            else f"{'-':>8} {'-':>7}"
        )
        print(f"{name:14} {write_s:8.2f} {write_s / base_write:7.2f} {read} {size / 1e6:7.2f}")


if __name__ == "__main__":
    main()
