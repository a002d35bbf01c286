"""Benchmark: the hierarchy's tidy layout (govgraph.html.tree) against Graphviz ``dot``
on the same hierarchy, in the same run.

For each model (the bundled Joint Councils example, the EU Council fixture, the
Government of Canada inventory fixture, generated models of 300, 3,000 and 30,000
bodies):
- the same nodes (the hierarchy view's bodies and the positions they are accountable
  to) and lines (REPORTS_TO, PART_OF, ACCOUNTABLE_TO; dot ranks them all, the tidy
  layout puts positions in a band above the tree);
- govgraph: ``build_tree`` + ``tidy_layout`` (fully expanded), boxes 184 x 58;
- baseline: ``dot -Tplain`` with boxes of the same size (``fixedsize``), ranksep and
  nodesep like the tidy layout's gaps, bounded by ``--timeout`` seconds;
- edge crossings counted on the drawn segments (tidy: the connectors' polylines and the
  straight extra lines, the accountability lines along their gaps and rail; dot: its
  splines, each Bézier flattened into 8 segments),
  pairs of lines with a common end not counted; box overlaps; layout time; the
  picture's width and height.

Run: .venv/bin/python bench/layout_quality.py [--sizes 300 3000 30000] [--timeout 120]
"""

from __future__ import annotations

import argparse
import itertools
import math
import subprocess
import time
from collections import defaultdict
from pathlib import Path

from govgraph.formats import load_model
from govgraph.generate import generate_model
from govgraph.html.tree import (
    BOX_H,
    BOX_W,
    GAP_X,
    GAP_Y,
    aside_line,
    build_tree,
    connector,
    extra_line,
    tidy_layout,
)
from govgraph.html.views import _hierarchy_parts
from govgraph.vocabulary import RelationType

ROOT = Path(__file__).resolve().parents[1]
DPI = 72.0


def hierarchy(model):
    """The hierarchy view's nodes, its tree lines (formal first) and its
    ACCOUNTABLE_TO lines (body → position, drawn beside the tree)."""
    bodies, lines = _hierarchy_parts(model)
    ids = [e.id for e in bodies]
    tree_lines = [r for r in lines if r.type is not RelationType.ACCOUNTABLE_TO]
    pairs = [(r.from_, r.to) for r in tree_lines if r.from_ != r.to]
    formal = {(r.from_, r.to): r.formal is not False for r in tree_lines}
    pairs.sort(key=lambda p: not formal[p])  # stable: file order within each group
    aside = [(r.from_, r.to) for r in lines if r.type is RelationType.ACCOUNTABLE_TO]
    return ids, pairs, aside


def tidy(ids, pairs, aside=()):
    start = time.perf_counter()
    tree = build_tree(ids, pairs, aside=aside)
    places = tidy_layout(tree)
    elapsed = time.perf_counter() - start
    boxes = {tree.nodes[s]: (x, y) for s, (x, y, _, _) in places.items()}
    segments = []
    beside = set(aside)
    for child, parent in [*pairs, *aside]:
        cs, ps = tree.first.get(child), tree.first.get(parent)
        if cs is None or ps is None:
            continue
        if tree.parent[cs] == ps:
            points = connector(places[ps][:2], places[cs])
        elif (child, parent) in beside:
            points = aside_line(places[cs], places[ps])
        else:
            points = extra_line(places[cs], places[ps])
        segments.append(((child, parent), points))
    return elapsed, boxes, segments


def dot_layout(ids, pairs, timeout):
    lines = [
        "digraph G {",
        f"ranksep={GAP_Y / DPI:.3f}; nodesep={GAP_X / DPI:.3f};",
        f'node [shape=box, fixedsize=true, width={BOX_W / DPI:.3f}, height={BOX_H / DPI:.3f}, label=""];',  # noqa: E501
    ]
    index = {node: f"n{i}" for i, node in enumerate(ids)}
    lines += [f"{index[n]};" for n in ids]
    lines += [f"{index[p]} -> {index[c]};" for c, p in pairs if c in index and p in index]
    lines.append("}")
    source = "\n".join(lines)
    start = time.perf_counter()
    try:
        out = subprocess.run(
            ["dot", "-Tplain"],
            input=source,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        ).stdout
    except subprocess.TimeoutExpired:
        return None
    elapsed = time.perf_counter() - start
    name_of = {v: k for k, v in index.items()}
    boxes, segments = {}, []
    for line in out.splitlines():
        parts = line.split()
        if parts[0] == "node":
            boxes[name_of[parts[1]]] = (float(parts[2]) * DPI, -float(parts[3]) * DPI)
        elif parts[0] == "edge":
            tail, head, count = parts[1], parts[2], int(parts[3])
            points = [
                (float(parts[4 + 2 * i]) * DPI, -float(parts[5 + 2 * i]) * DPI)
                for i in range(count)
            ]
            segments.append(((name_of[head], name_of[tail]), flatten(points)))
    return elapsed, boxes, segments


def flatten(control, steps=8):
    result = [control[0]]
    for i in range(0, len(control) - 3, 3):
        p0, p1, p2, p3 = control[i : i + 4]
        for k in range(1, steps + 1):
            t = k / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            result.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return result


def _cross(a, b, c, d) -> bool:
    """Whether segments ab and cd cross at a point inside both (touching and
    collinear overlaps are not crossings)."""

    def orient(p, q, r):
        value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return 0 if abs(value) < 1e-9 else (1 if value > 0 else -1)

    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def _cells(a, b, cell):
    """The grid cells near segment ab: samples every half cell, each with its eight
    neighbours, so two segments that cross share a cell (linear in the length)."""
    steps = max(1, math.ceil(max(abs(b[0] - a[0]), abs(b[1] - a[1])) / (cell / 2)))
    seen = set()
    for k in range(steps + 1):
        x = a[0] + (b[0] - a[0]) * k / steps
        y = a[1] + (b[1] - a[1]) * k / steps
        gx, gy = math.floor(x / cell), math.floor(y / cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                seen.add((gx + dx, gy + dy))
    return seen


def crossings(segments, cell=200.0):
    """Crossings between drawn lines, through a uniform grid of buckets: each pair of
    lines counts at most once; lines that share an end are never counted."""
    grid = defaultdict(list)
    pieces = []
    for line_id, (ends, points) in enumerate(segments):
        for a, b in itertools.pairwise(points):
            k = len(pieces)
            x0, x1 = sorted((a[0], b[0]))
            y0, y1 = sorted((a[1], b[1]))
            pieces.append((line_id, ends[0], ends[1], a, b, x0, x1, y0, y1))
            for key in _cells(a, b, cell):
                grid[key].append(k)
    found = set()
    for bucket in grid.values():
        for i in range(len(bucket)):
            li, ai, bi, a, b, ax0, ax1, ay0, ay1 = pieces[bucket[i]]
            for j in range(i + 1, len(bucket)):
                lj, aj, bj, c, d, cx0, cx1, cy0, cy1 = pieces[bucket[j]]
                if li == lj or ai in (aj, bj) or bi in (aj, bj):
                    continue
                if cx0 > ax1 or ax0 > cx1 or cy0 > ay1 or ay0 > cy1:
                    continue
                if _cross(a, b, c, d):
                    found.add((min(li, lj), max(li, lj)))
    return len(found)


def overlaps(boxes, cell=400.0):
    grid = defaultdict(list)
    for node, (x, y) in boxes.items():
        grid[(math.floor(x / cell), math.floor(y / cell))].append((node, x, y))
    count = 0
    for (gx, gy), members in grid.items():
        near = [
            m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in grid.get((gx + dx, gy + dy), ())
        ]
        for node, x, y in members:
            for other, ox, oy in near:
                if node < other and abs(x - ox) < BOX_W - 0.5 and abs(y - oy) < BOX_H - 0.5:
                    count += 1
    return count


def extent(boxes):
    xs = [x for x, _ in boxes.values()]
    ys = [y for _, y in boxes.values()]
    return max(xs) - min(xs) + BOX_W, max(ys) - min(ys) + BOX_H


def models(sizes):
    yield "Joint Councils (bundled)", load_model(ROOT / "fixtures" / "joint-councils.yaml")
    eu = ROOT / "fixtures" / "eu-council.yaml"
    if eu.exists():
        yield "EU Council (fixture)", load_model(eu)
    gc = ROOT / "fixtures" / "gc-federal-organizations.yaml"
    if gc.exists():  # portfolios, organizations and the ministers they answer to
        yield "GC federal organizations", load_model(gc)
    for size in sizes:
        yield (
            f"generated {size:,} bodies",
            generate_model(bodies=size, people=max(10, size // 10), seed=1),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[300, 3000, 30000])
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    print(
        f"{'model':28} {'bodies':>7} {'lines':>6} | {'layout':6} {'time s':>8} {'cross':>6} {'overlap':>7} {'w x h px':>15}"  # noqa: E501
    )
    for name, model in models(args.sizes):
        ids, pairs, aside = hierarchy(model)
        elapsed, boxes, segments = tidy(ids, pairs, aside)
        ours = (elapsed, crossings(segments), overlaps(boxes), extent(boxes))
        got = dot_layout(ids, [*pairs, *aside], args.timeout)
        theirs = None
        if got is not None:
            d_elapsed, d_boxes, d_segments = got
            theirs = (d_elapsed, crossings(d_segments), overlaps(d_boxes), extent(d_boxes))
        for label, result in (("tidy", ours), ("dot", theirs)):
            head = f"{name if label == 'tidy' else '':28} {len(ids) if label == 'tidy' else '':>7} {len(pairs) + len(aside) if label == 'tidy' else '':>6}"  # noqa: E501
            if result is None:
                print(
                    f"{head} | {label:6} {'> ' + str(int(args.timeout)):>8} {'-':>6} {'-':>7} {'(timed out)':>15}"  # noqa: E501
                )
                continue
            t, c, o, (w, h) = result
            print(f"{head} | {label:6} {t:8.3f} {c:6d} {o:7d} {w:7.0f}x{h:<7.0f}")
        if theirs:
            print(
                f"{'':44} ratio tidy/dot: time {ours[0] / theirs[0]:.3f}, crossings {ours[1]}/{theirs[1]}"  # noqa: E501
            )


if __name__ == "__main__":
    main()
