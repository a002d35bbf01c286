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

With ``--maps``, the hierarchy map instead, on the bundled example, its quick-wins
option, the EU Council fixture, the GC inventory fixture and generated models of 300,
3,000 and 30,000 bodies:
export time against ``dot -Tsvg`` on the same hierarchy (the same run), Chromium's time
to first draw, and in the initial view at 1400 x 900 the smallest label on screen, how
many boxes overlap and whether every box shown is inside the map.

Run: .venv/bin/python bench/html_export.py [--sizes 1000 10000] [--maps]
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


_ON_SCREEN = """() => {
    const map = document.getElementById('map').getBoundingClientRect();
    const boxes = [...document.querySelectorAll('#viewport .box > rect:first-child')]
        .map(r => r.getBoundingClientRect());
    const cells = new Map();
    let overlaps = 0;
    boxes.forEach((a, i) => {
        const key = Math.floor(a.left / 400) + ':' + Math.floor(a.top / 400);
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
            const key2 = (Math.floor(a.left / 400) + dx) + ':' + (Math.floor(a.top / 400) + dy);
            const near = cells.get(key2);
            (near || []).forEach(b => {
                if (a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                    a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlaps++;
            });
        }
        if (!cells.has(key)) cells.set(key, []);
        cells.get(key).push(a);
    });
    const outside = boxes.filter(b => b.left < map.left - 0.5 || b.right > map.right + 0.5 ||
        b.top < map.top - 0.5 || b.bottom > map.bottom + 0.5).length;
    const font = govgraph.view.scale * 13;
    return {shown: boxes.length, overlaps, outside, font};
}"""


def map_figures(path: Path, option: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith("file:") else route.abort()
                ),
            )
            page.goto(path.as_uri(), timeout=600_000)
            page.wait_for_function("window.govgraph && govgraph.ready", timeout=600_000)
            ready = page.evaluate("govgraph.readyAt") / 1000
            if option:
                page.evaluate(f"govgraph.setFrame({option})")
            figures = page.evaluate(_ON_SCREEN)
            figures["ready"] = ready
            return figures
        finally:
            browser.close()


def dot_svg_time(model) -> float:
    import subprocess

    from govgraph.html.views import _hierarchy_parts

    bodies, lines = _hierarchy_parts(model)
    index = {e.id: f"n{i}" for i, e in enumerate(bodies)}
    source = "digraph G {node [shape=box];\n"
    source += "".join(f'{index[e.id]} [label="{i}"];\n' for i, e in enumerate(bodies))
    source += "".join(f"{index[r.to]} -> {index[r.from_]};\n" for r in lines)
    source += "}"
    start = time.perf_counter()
    try:
        subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - start


def maps(sizes: list[int]) -> None:
    from govgraph.formats import load_model

    root = Path(__file__).resolve().parents[1]
    example = load_model(root / "fixtures" / "joint-councils.yaml")
    cases = [
        ("Joint Councils", example, [], 0),
        ("Joint Councils, quick wins", example, [root / "fixtures/scenarios/quick-wins.yaml"], 1),
        ("EU Council", load_model(root / "fixtures" / "eu-council.yaml"), [], 0),
        ("GC organizations", load_model(root / "fixtures/gc-federal-organizations.yaml"), [], 0),
    ]
    cases += [
        (f"generated {n:,}", generate_model(bodies=n, people=max(10, n // 10), seed=1), [], 0)
        for n in sizes
    ]
    print(
        f"{'model':28} {'export s':>8} {'dot -Tsvg s':>11} {'ratio':>6} | {'drawn s':>7} "
        f"{'shown':>6} {'min label px':>12} {'overlaps':>8} {'outside':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, model, scenarios, option in cases:
            out = Path(folder) / "map.html"
            export_html(model, out, scenarios=scenarios)  # warm: imports, caches
            start = time.perf_counter()
            export_html(model, out, scenarios=scenarios)
            ours = time.perf_counter() - start
            theirs = dot_svg_time(model)
            got = map_figures(out, option)
            print(
                f"{name:28} {ours:8.3f} {theirs:11.3f} {ours / theirs:6.2f} | {got['ready']:7.2f} "
                f"{got['shown']:6d} {got['font']:12.1f} {got['overlaps']:8d} {got['outside']:7d}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--maps", action="store_true", help="measure the hierarchy map")
    args = parser.parse_args()
    if args.maps:
        maps(args.sizes or [300, 3000, 30000])
        return
    args.sizes = args.sizes or sorted(SIZES)
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
