"""Benchmark: HTML export at 1,000 and 10,000 nodes against pyvis.Network.from_nx.

For each size, one generated whole-of-government model (govgraph.generate):
- govgraph: ``export_html(model, path, view="network")`` (node/edge lists built directly,
  layered layout computed in Python above 300 nodes, everything inlined, written);
- baseline, the same run, the same graph: ``pyvis.network.Network(directed=True)``,
  ``from_nx(to_graph(model))`` then ``generate_html()`` with its assets inlined
  (``cdn_resources="in_line"``); the graph is built before the clock starts;
- HTML bytes per node;
- Chromium (Debian's, headless, network blocked): time from navigation until the page
  has first drawn the graph with its data (``govgraph.readyAt``), and until it answers a
  search + focus (interactive: its main thread is free again).

Run: .venv/bin/python bench/html_export.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import tempfile
import time
from pathlib import Path

from govgraph.generate import generate_model
from govgraph.graph import to_graph
from govgraph.html import export_html

#: bodies, people for about 1,000 and 10,000 nodes (entities) in the generated model
SIZES = {1000: (190, 760), 10000: (1940, 7760)}


def best_of(runs: int, function) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def pyvis_graph(graph):
    """The same graph for pyvis: its add_edge(source, to, ...) takes ``source`` as the
    edge's start, so govgraph's provenance attribute ``source`` is renamed."""
    result = copy.deepcopy(graph)
    for _, _, data in result.edges(data=True):
        if "source" in data:
            data["provenance"] = data.pop("source")
    return result


def pyvis_time(graph) -> float:
    from pyvis.network import Network

    prepared = pyvis_graph(graph)  # from_nx writes into the graph: a fresh copy, untimed
    start = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(prepared)
    net.generate_html()
    return time.perf_counter() - start


def browser_times(path: Path, probe_id: str) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            headless=True,
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith("file:") else route.abort()
                ),
            )
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri(), timeout=600_000)
            page.wait_for_function(
                "window.govgraph && window.govgraph.ready", timeout=600_000, polling=50
            )
            ready = page.evaluate("govgraph.readyAt") / 1000  # since navigation start
            # interactive: the page answers a search + focus (its main thread is free)
            page.evaluate(
                "id => { govgraph.search(id.slice(0, 6)); return govgraph.focus(id); }", probe_id
            )
            interactive = time.perf_counter() - start
            return ready, interactive
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            bodies, people = SIZES.get(size, (size // 5, size * 4 // 5))
            model = generate_model(bodies=bodies, people=people, seed=0)
            graph = to_graph(model)
            out = Path(folder) / f"network-{size}.html"
            ours = best_of(
                args.runs, lambda model=model, out=out: export_html(model, out, view="network")
            )
            stats = export_html(model, out, view="network")
            theirs = pyvis_time(graph)
            probe = next(e.id for e in model.entities if e.kind.value == "working_group")
            ready, interactive = browser_times(out, probe)
            results[size] = ours
            print(
                f"{stats['nodes']:>6} nodes {stats['edges']:>6} edges | govgraph export "
                f"{ours:7.3f} s | pyvis from_nx+generate_html {theirs:8.3f} s | "
                f"{theirs / ours:6.1f}x faster | {stats['bytes'] / stats['nodes']:7.0f} B/node "
                f"({stats['bytes'] / 1e6:.2f} MB, layout {stats['layout']}) | Chromium "
                f"drawn {ready:6.2f} s, interactive {interactive:6.2f} s"
            )
    if len(results) >= 2:
        small, large = min(results), max(results)
        print(
            f"growth {large}/{small} nodes: govgraph export time x"
            f"{results[large] / results[small]:.1f} (nodes x{large / small:.0f})"
        )


if __name__ == "__main__":
    main()
