"""The hierarchy as one picture for every frame: the slot tree of the union of the
baseline and the options (``govgraph.html.tree``), each frame's nodes and lines tied
to slots, and the geometry both the page and the SVG export draw.

Node records get ``sl`` (their slot) and ``wl`` (the label lines, ``[en, fr]``); a
body an option moves keeps a ``ghost`` record at its old slot. Line records get ``sf``
and ``sto`` (child and parent slots) and ``tr`` (drawn as a tree connector, else as a
straight line between the boxes), or ``ax`` (a body's line to a position beside the
tree, drawn by ``aside_line``).

>>> frame = {"nodes": [{"id": "jc", "n": "Joint Councils"}, {"id": "wg", "n": "WG"}],
...          "edges": [{"f": "wg", "to": "jc", "t": "REPORTS_TO"}]}
>>> tree = attach_tree([frame])
>>> frame["edges"][0]["tr"], tree["n"]
(True, ['jc', 'wg'])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govgraph.html.tree import (
    BOX_H,
    BOX_W,
    FONT,
    GAP_STACK,
    GAP_X,
    GAP_Y,
    INDENT,
    LINE_H,
    SCREEN,
    STACK_MIN,
    STACK_SCREEN,
    WRAP_MIN,
    Tree,
    aside_line,
    build_tree,
    connector,
    extra_line,
    tidy_layout,
    wrap_label,
)

__all__ = ["attach_tree", "frame_geometry", "tree_of"]

Record = dict[str, Any]
HIERARCHY_LINE_TYPES = ("REPORTS_TO", "PART_OF")
#: body → position lines: the position is drawn beside the tree (``Tree.aside``)
ASIDE_LINE_TYPES = ("ACCOUNTABLE_TO",)


def _both(value: Any) -> tuple[str, str]:
    if isinstance(value, list):
        en, fr = value[0], value[1]
        return str(en if en is not None else fr), str(fr if fr is not None else en)
    return str(value), str(value)


def _tree_lines(frame: Record) -> list[tuple[str, str]]:
    """Child → parent lines of a frame that can carry the tree: formal ones first,
    then informal ones (a body with only an informal line hangs from it, dashed)."""
    lines = [
        e for e in frame["edges"] if e["t"] in HIERARCHY_LINE_TYPES and e.get("st") != "removed"
    ]
    lines.sort(key=lambda e: e.get("fo") is False)
    return [(e["f"], e["to"]) for e in lines]


def tree_of(frames: Sequence[Record]) -> Tree:
    """The slot tree of the baseline frame (``frames[0]``) with the options' parents."""
    order: dict[str, None] = {}
    for frame in frames:
        for node in frame["nodes"]:
            order.setdefault(node["id"])
    baseline = _tree_lines(frames[0])
    extra = [pair for frame in frames[1:] for pair in _tree_lines(frame)]
    aside = {
        (e["f"], e["to"]): None
        for frame in frames
        for e in frame["edges"]
        if e["t"] in ASIDE_LINE_TYPES
    }
    return build_tree(list(order), baseline, extra, aside=list(aside))


def _frame_slots(tree: Tree, frame: Record) -> dict[str, int]:
    slots: dict[str, int] = {}
    for child, parent in _tree_lines(frame):
        if child not in slots and (child, parent) in tree.slot:
            slots[child] = tree.slot[(child, parent)]
    for node in frame["nodes"]:
        slots.setdefault(node["id"], tree.first[node["id"]])
    return slots


def attach_tree(frames: Sequence[Record]) -> Record:
    """Tie every frame's nodes and lines to the slots of one tree (in place) and
    return the tree as page data: ``n`` body per slot, ``p`` parent slot (-1 for a
    root), ``o`` slots in drawing order (children in order after their parent's
    earlier siblings), ``g`` slots glued to the sibling before them, ``a`` the slots
    beside the tree with ``al`` their (body slot, aside slot) links, and the box
    geometry."""
    tree = tree_of(frames)
    baseline_slots = _frame_slots(tree, frames[0])
    for number, frame in enumerate(frames):
        slots = _frame_slots(tree, frame)
        ghosts = []
        for node in frame["nodes"]:
            node["sl"] = slots[node["id"]]
            en, fr = _both(node.get("n", node["id"]))
            acronym_en, acronym_fr = _both(node["a"]) if node.get("a") else (None, None)
            lines_en = wrap_label(en, acronym_en)
            lines_fr = wrap_label(fr, acronym_fr)
            node["wl"] = [lines_en, lines_fr]
            old = baseline_slots.get(node["id"])
            if number and old is not None and old != node["sl"] and node.get("st") != "removed":
                ghosts.append({**node, "sl": old, "ghost": True})
        frame["nodes"].extend(ghosts)
        for edge in frame["edges"]:
            if edge["t"] not in HIERARCHY_LINE_TYPES + ASIDE_LINE_TYPES:
                continue
            where = baseline_slots if edge.get("st") == "removed" else slots
            child = where.get(edge["f"], tree.first.get(edge["f"]))
            parent = where.get(edge["to"], tree.first.get(edge["to"]))
            if child is None or parent is None:
                continue
            edge["sf"], edge["sto"] = child, parent
            edge["tr"] = tree.parent[child] == parent
            if edge["t"] in ASIDE_LINE_TYPES:
                edge["ax"] = True
    order = _drawing_order(tree)
    return {
        "n": tree.nodes,
        "p": tree.parent,
        "o": order,
        "g": [[slot, other] for slot, other in sorted(tree.glue.items())],
        "a": tree.aside,
        "al": [list(pair) for pair in tree.links],
        "box": {
            "w": BOX_W,
            "h": BOX_H,
            "gx": GAP_X,
            "gy": GAP_Y,
            "indent": INDENT,
            "font": FONT,
            "line": LINE_H,
            "stack": STACK_MIN,
            "wrap": WRAP_MIN,
            "screen": SCREEN,
            "stack_screen": STACK_SCREEN,
            "gap_stack": GAP_STACK,
        },
        "_tree": tree,
    }


def _drawing_order(tree: Tree) -> list[int]:
    order: list[int] = []
    stack = list(reversed(tree.roots))
    while stack:
        s = stack.pop()
        order.append(s)
        stack.extend(reversed(tree.children[s]))
    return order


def frame_geometry(
    tree: Tree, frame: Record, visible: Sequence[bool] | None = None
) -> tuple[list[tuple[Record, float, float]], list[tuple[Record, list[tuple[float, float]]]]]:
    """The boxes ``(node, x, y)`` (centres) and lines ``(edge, polyline)`` of one frame
    as drawn: tree lines as connectors, other lines straight (``extra_line``)."""
    places = tidy_layout(tree, visible)
    boxes = [(n, *places[n["sl"]][:2]) for n in frame["nodes"] if n["sl"] in places]
    lines = []
    for edge in frame["edges"]:
        if "sf" not in edge or edge["sf"] not in places or edge["sto"] not in places:
            continue
        child, parent = places[edge["sf"]], places[edge["sto"]]
        if edge["tr"]:
            points = connector(parent[:2], child)
        elif edge.get("ax"):
            points = aside_line(child, parent)
        else:
            points = extra_line(child, parent)
        lines.append((edge, points))
    return boxes, lines
