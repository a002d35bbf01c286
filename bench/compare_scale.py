"""Compare at scale: ``govgraph compare`` of two options on a generated model, against
the same comparison re-measuring each option whole.

    .venv/bin/python bench/compare_scale.py [--bodies N --people M]

Two options: moving the subtree of about ``--subtree`` bodies elsewhere (as
``bench/scenario_scale.py`` does), and setting one body's meeting days. Measured, in
the same run and on the same models, CPU seconds:

- **reuse** (what ``compare_scenarios`` does): health and ``measure`` of the current
  structure once, then per option ``apply_scenario`` and the incremental
  ``impact_between``, whose figures make the option's structure figures;
- **re-measure** (the baseline): the same, plus ``to_graph`` and
  ``govgraph.analysis.metrics`` of each whole option, as ``compare`` did before it
  reused the report.

Both give the same figures (checked). Prints both and their ratio.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time

from scenario_scale import EFFECTIVE, pick_subtree

from govgraph.analysis import metrics
from govgraph.dates import parse_as_of
from govgraph.generate import generate_model
from govgraph.graph import to_graph
from govgraph.scenarios import Move, Scenario, Set, apply_scenario
from govgraph.scenarios.compare import _figures, compare_scenarios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bodies", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=80_000)
    parser.add_argument("--subtree", type=int, default=1000)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]

    model = generate_model(bodies=args.bodies, people=args.people)
    body, destination, size = pick_subtree(model, args.subtree)
    options = [
        Scenario(name={"en": "Move"}, effective=EFFECTIVE,
                 operations=[Move(body=body, to=destination)]),
        Scenario(name={"en": "Meeting days"}, effective=EFFECTIVE,
                 operations=[Set(id=destination, attributes={"meeting_days": 2.5})]),
    ]  # fmt: skip
    day = parse_as_of(EFFECTIVE)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}")  # fmt: skip
    print(
        f"model: {len(model.entities):,} entities, {len(model.relationships):,} "
        f"relationships; options: move {body!r} (subtree of {size:,} bodies) to "
        f"{destination!r}, and set its meeting days"
    )

    start = time.process_time()
    result = compare_scenarios(model, options, day=day)
    reuse = time.process_time() - start

    start = time.process_time()
    again = compare_scenarios(model, options, day=day)
    remeasured = []
    for option in options:
        whole = metrics(to_graph(apply_scenario(model, option)), as_of=day, betweenness_k=0)
        remeasured.append(_figures(whole["structure"], (0, 0)))
    remeasure = time.process_time() - start

    skip = {"health_errors", "health_warnings"}
    for option, whole in zip(again["options"][1:], remeasured, strict=True):
        for key, value in whole.items():
            assert key in skip or option["figures"][key] == value, key
    print(f"reuse (compare_scenarios): {reuse:.2f} s CPU")
    print(f"re-measure (the same, plus to_graph + metrics of each option): {remeasure:.2f} s CPU")
    print(f"ratio reuse / re-measure: {reuse / remeasure:.3f}; figures equal")
    assert result == again


if __name__ == "__main__":
    main()
