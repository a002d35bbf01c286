"""The tidy layout of the hierarchy: one picture of the baseline and every scenario
option, computed once, shared by the HTML page (which runs the same arithmetic again
when a branch is collapsed, see ``assets/tree.js``) and by the SVG export.

The layout places **slots**. A slot is one body under one parent: a body has one slot
under its baseline parent, and one more under each other parent an option gives it
(a body moved by an option is drawn at its new place in that option, its old place
keeping a faint outline). Since slots come from the union of every frame, a body that
no option changes sits at the same place in every option.

Each slot's children are laid out as an org chart does:

- side by side under a bus line when they are few;
- in rows under a trunk line on the left when they are many (the rows of a wide level
  wrap to keep the block about as wide as it is high on a screen);
- children with no children of their own go into columns of a stacked list.

Boxes are all ``BOX_W`` × ``BOX_H``, labels wrapped into at most ``MAX_LINES`` lines,
so every block is a rectangle and blocks never overlap. One pass up the tree for the
block sizes, one pass down for the positions: O(slots). Siblings are ordered by the
barycentre of the lines that leave the tree (second parents, informal lines), which
keeps those lines short, and a sibling with a line to another sibling comes right after
it, on the same row (a short straight line between the two boxes, crossing nothing);
tree lines never cross each other.

Entities **beside the tree** (the positions bodies are accountable to) have slots but
no place in the tidy layout: ``aside_places`` puts them in a band above the picture,
each over the mean x of its shown bodies, so the tree itself never moves for them;
``aside_line`` routes their lines through the gaps between blocks.

>>> tree = build_tree(["jc", "a", "b", "c"], [("a", "jc"), ("b", "jc"), ("c", "a")])
>>> [tree.nodes[s] for s in tree.roots], [tree.nodes[s] for s in tree.children[0]]
(['jc'], ['a', 'b'])
>>> boxes = tidy_layout(tree)
>>> boxes[0][1] < boxes[1][1] < boxes[3][1]  # a parent above its children
True
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "BOX_H",
    "BOX_W",
    "GAP_X",
    "GAP_Y",
    "LINE_H",
    "MAX_LINES",
    "Tree",
    "aside_line",
    "aside_places",
    "build_tree",
    "connector",
    "extra_line",
    "tidy_layout",
    "wrap_label",
]

BOX_W = 184  #: box width (page units; 1 unit = 1 CSS px at zoom 1)
BOX_H = 58  #: box height: three lines of 13 px text
GAP_X = 20  #: between sibling blocks
GAP_Y = 40  #: between a parent and its children's row
GAP_STACK = 12  #: between boxes of a stacked list
INDENT = 22  #: left of a stacked list or wrapped rows: room for the trunk line
FONT = 13
LINE_H = 15
MAX_LINES = 3
STACK_MIN = 4  #: this many childless children are stacked rather than side by side
WRAP_MIN = 7  #: this many children with children wrap into rows
SCREEN = 2.4  #: the aspect (width / height) wrapped blocks aim at
STACK_SCREEN = 1.4  #: the aspect stacked lists aim at (a map pane is about 1.4 wide)
_CHARS = 23  #: characters per line at 13 px in a 184-unit box (average glyph 0.55 em)


def wrap_label(text: str, acronym: str | None = None) -> list[str]:
    """The label of a box: ``text`` wrapped into at most ``MAX_LINES`` lines of
    ``_CHARS`` characters, cut with "…" when longer (the details show it whole); a
    name that does not fit is shown as its acronym and the start of the name.

    >>> wrap_label("Public Sector Service Delivery Council")
    ['Public Sector Service', 'Delivery Council']
    >>> wrap_label("x" * 1_000_000)[-1][-1], len(wrap_label("x" * 1_000_000))
    ('…', 3)
    """
    text = " ".join(text[: _CHARS * MAX_LINES * 4].split())
    lines = textwrap.wrap(text, _CHARS, break_long_words=True, break_on_hyphens=True)
    if len(lines) <= MAX_LINES:
        return lines or [""]
    if acronym:
        acronym = acronym[:_CHARS]
        lines = [acronym, *textwrap.wrap(text, _CHARS)[: MAX_LINES - 1]]
    else:
        lines = lines[:MAX_LINES]
    last = lines[-1]
    lines[-1] = (last[: _CHARS - 1].rstrip() if len(last) >= _CHARS else last) + "…"
    return lines


@dataclass
class Tree:
    """Slots of the layout: ``nodes[s]`` is the body of slot ``s``, ``parent[s]`` its
    parent slot (-1 for a root), ``children[s]`` and ``roots`` in drawing order;
    ``extra`` holds the lines that leave the tree (slot pairs, child first); ``glue``
    maps a slot to the sibling it must follow on one row; ``aside`` are the slots
    placed beside the tree and ``links`` the (body slot, aside slot) pairs that place
    them."""

    nodes: list[str] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    children: list[list[int]] = field(default_factory=list)
    roots: list[int] = field(default_factory=list)
    extra: list[tuple[int, int]] = field(default_factory=list)
    slot: dict[tuple[str, str | None], int] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)
    glue: dict[int, int] = field(default_factory=dict)
    aside: list[int] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)


def build_tree(
    nodes: Sequence[str],
    lines: Iterable[tuple[str, str]],
    extra_parents: Iterable[tuple[str, str]] = (),
    aside: Iterable[tuple[str, str]] = (),
) -> Tree:
    """The slot tree of ``nodes`` under child → parent ``lines`` (the first line of a
    child is its tree line; later ones become ``extra``). ``extra_parents`` are
    child → parent pairs from other frames (scenario options): a pair whose child has
    a slot already gets a slot of its own, so that option can draw the child there.
    ``aside`` are body → entity pairs (accountable to a position): the entity gets a
    slot beside the tree (``Tree.aside``), never a place in it. Cycles (lines of
    different dates) are cut where they close.
    """
    tree = Tree()
    aside = list(aside)
    every = set(nodes)
    beside = {entity for _, entity in aside if entity in every}
    known = every - beside
    primary: dict[str, str] = {}
    others: list[tuple[str, str]] = []
    for child, parent in lines:
        if child not in known or parent not in known or child == parent:
            continue
        if child in primary:
            others.append((child, parent))
        else:
            primary[child] = parent
    # cut cycles: walk up from each node, marking the walk
    state: dict[str, int] = {}
    for start in nodes:
        path = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = primary.get(node)
        if node is not None and state.get(node) == 1:  # closed a cycle at ``node``
            others.append((node, primary.pop(node)))
        for visited in path:
            state[visited] = 2

    def add(node: str, parent_node: str | None) -> int:
        index = len(tree.nodes)
        tree.nodes.append(node)
        tree.parent.append(-1)
        tree.children.append([])
        tree.slot[(node, parent_node)] = index
        tree.first.setdefault(node, index)
        return index

    for node in nodes:
        if node in beside:
            tree.aside.append(add(node, None))
        else:
            add(node, primary.get(node))
    for child, parent in extra_parents:
        fresh = child in known and parent in known and (child, parent) not in tree.slot
        if fresh and child != parent and not _is_above(primary, child, parent):
            add(child, parent)
    set_aside = set(tree.aside)
    for (_node, parent_node), index in tree.slot.items():
        if index in set_aside:
            continue
        if parent_node is None:
            tree.roots.append(index)
        else:
            up = tree.first[parent_node]
            tree.parent[index] = up
            tree.children[up].append(index)
    for child, parent in others:
        tree.extra.append((tree.first[child], tree.first[parent]))
    tree.roots.sort()
    for kids in tree.children:
        kids.sort()
    _order_by_barycentre(tree)
    _keep_partners_together(tree)
    links = {(tree.first[b], tree.first[e]) for b, e in aside if b in known and e in beside}
    tree.links = sorted(links)
    return tree


def _keep_partners_together(tree: Tree) -> None:
    """A slot with a line to a sibling moves right after that sibling and is glued to
    it (``Tree.glue``: the two stay on one row, the line runs straight between them)."""
    for child, other in tree.extra:
        if child == other or tree.parent[child] != tree.parent[other] or child in tree.glue:
            continue
        if other in tree.glue or other in tree.glue.values() or child in tree.glue.values():
            continue  # one partner per slot, so chains stay short
        kids = tree.roots if tree.parent[child] < 0 else tree.children[tree.parent[child]]
        kids.remove(child)
        kids.insert(kids.index(other) + 1, child)
        tree.glue[child] = other


def _is_above(primary: dict[str, str], node: str, other: str) -> bool:
    """Whether ``node`` is an ancestor of ``other`` (a slot there would close a loop)."""
    seen = 0
    while other in primary and seen < 10_000:
        other = primary[other]
        if other == node:
            return True
        seen += 1
    return False


def _order_by_barycentre(tree: Tree) -> None:
    """Siblings with lines leaving the tree move towards the other ends of those
    lines: one layout, then a stable sort of each child list by the mean x of the far
    ends (siblings without such lines keep their place)."""
    if not tree.extra:
        return
    boxes = tidy_layout(tree)
    pulls: dict[int, list[float]] = defaultdict(list)
    for a, b in tree.extra:  # the child moves towards its other parent
        pulls[a].append(boxes[b][0])
    for kids in [*tree.children, tree.roots]:
        if len(kids) < 2 or not any(k in pulls for k in kids):
            continue
        keyed = [
            (sum(pulls[k]) / len(pulls[k]) if k in pulls else boxes[k][0], i, k)
            for i, k in enumerate(kids)
        ]
        keyed.sort()
        kids[:] = [k for _, _, k in keyed]


def _rows(
    widths: Sequence[float], heights: Sequence[float], glued: Sequence[bool] = ()
) -> list[list[int]]:
    """Item indexes cut into rows of about the same width, aiming at ``SCREEN``; an
    item ``glued`` to the one before it never starts a row."""
    area = sum(w * h for w, h in zip(widths, heights, strict=True))
    budget = max(max(widths), math.sqrt(area * SCREEN))
    rows: list[list[int]] = [[]]
    width = 0.0
    for i, w in enumerate(widths):
        if rows[-1] and width + GAP_X + w > budget and not (glued and glued[i]):
            rows.append([])
            width = 0.0
        width += (GAP_X if rows[-1] else 0) + w
        rows[-1].append(i)
    return rows


def _stack_columns(count: int) -> int:
    rows = max(
        min(count, 6),
        math.ceil(math.sqrt(count * (INDENT + BOX_W) / (BOX_H + GAP_STACK) / STACK_SCREEN)),
    )
    return math.ceil(count / rows)


def tidy_layout(
    tree: Tree, visible: Sequence[bool] | None = None
) -> dict[int, tuple[float, float, int, float]]:
    """Centre ``x``, ``y`` of every shown slot's box, with how its line to its parent
    is drawn: ``(x, y, how, at)`` where ``how`` is 0 for a root, 1 from the bus above
    (``at`` = the bus's y), 2 from the trunk of a stacked list and 3 from the trunk of
    wrapped rows (``at`` = the trunk's x); ``connector`` draws them.

    ``visible[s]`` false hides slot ``s`` and its subtree (a collapsed branch is its
    visible slot with hidden children).
    """
    count = len(tree.nodes)
    shown = [True] * count if visible is None else list(visible)
    width = [0.0] * count
    height = [0.0] * count
    plan: dict[int, tuple] = {}
    order = _post_order(tree, shown)
    for s in order:
        kids = [k for k in tree.children[s] if shown[k]]
        plan[s], width[s], height[s] = _block(kids, tree, shown, width, height)
    result: dict[int, tuple[float, float, int, float]] = {}
    top_plan, top_w, _ = _block([r for r in tree.roots if shown[r]], tree, shown, width, height)
    _place_items(top_plan, 0.0, -GAP_Y - BOX_H, top_w, tree, plan, width, result, root=True)
    result.update(aside_places(tree, result))
    return result


def aside_places(
    tree: Tree, places: dict[int, tuple[float, float, int, float]]
) -> dict[int, tuple[float, float, int, float]]:
    """Where the slots beside the tree go: one band above the top row of ``places``,
    each over the mean x of its shown bodies, left to right without overlapping (a
    slot none of whose bodies is shown is not placed).

    >>> tree = build_tree(["org", "minister"], [], aside=[("org", "minister")])
    >>> tree.roots, tree.aside, aside_places(tree, {0: (92.0, 29.0, 0, 0.0)})
    ([0], [1], {1: (92.0, -69.0, 0, 0.0)})
    """
    xs: dict[int, list[float]] = defaultdict(list)
    for body, entity in tree.links:
        if body in places and entity not in places:
            xs[entity].append(places[body][0])
    if not xs:
        return {}
    y = min(p[1] for p in places.values()) - BOX_H - GAP_Y
    wanted = sorted((sum(v) / len(v), s) for s, v in xs.items())
    result: dict[int, tuple[float, float, int, float]] = {}
    last = -math.inf
    for x, s in wanted:
        x = max(x, last + BOX_W + GAP_X)
        result[s] = (x, y, 0, 0.0)
        last = x
    return result


def _post_order(tree: Tree, shown: Sequence[bool]) -> list[int]:
    order: list[int] = []
    stack = [(r, False) for r in reversed(tree.roots) if shown[r]]
    while stack:
        s, done = stack.pop()
        if done:
            order.append(s)
            continue
        stack.append((s, True))
        stack.extend((k, False) for k in reversed(tree.children[s]) if shown[k])
    return order


def _has_kids(tree: Tree, shown: Sequence[bool], s: int) -> bool:
    return any(shown[k] for k in tree.children[s])


def _block(
    kids: list[int], tree: Tree, shown: Sequence[bool], width: list[float], height: list[float]
) -> tuple[tuple, float, float]:
    """How a slot's children are arranged, and the size of the slot's whole block."""
    if not kids:
        return ("none",), BOX_W, BOX_H
    leaves = [k for k in kids if not _has_kids(tree, shown, k)]
    branches = [k for k in kids if _has_kids(tree, shown, k)]
    items: list[tuple] = []  # ("slot", s, w, h) or ("stack", [s...], columns, w, h)
    if len(leaves) >= STACK_MIN:
        columns = _stack_columns(len(leaves))
        rows = math.ceil(len(leaves) / columns)
        w = columns * (INDENT + BOX_W) + (columns - 1) * GAP_X
        h = rows * BOX_H + (rows - 1) * GAP_STACK
        items.append(("stack", leaves, columns, w, h))
        rest = branches
    else:
        rest = kids
    items.extend(("slot", k, width[k], height[k]) for k in rest)
    widths = [item[-2] for item in items]
    heights = [item[-1] for item in items]
    glued = [
        i > 0 and item[0] == "slot" == items[i - 1][0] and tree.glue.get(item[1]) == items[i - 1][1]
        for i, item in enumerate(items)
    ]
    rows_of = _rows(widths, heights, glued) if len(items) >= WRAP_MIN else [list(range(len(items)))]
    wrapped = len(rows_of) > 1
    row_sizes = []
    for row in rows_of:
        w = sum(widths[i] for i in row) + GAP_X * (len(row) - 1)
        row_sizes.append((w, max(heights[i] for i in row)))
    inner_w = max(w for w, _ in row_sizes) + (INDENT if wrapped else 0)
    inner_h = sum(h for _, h in row_sizes) + GAP_Y * (len(row_sizes) - 1)
    block_w = max(BOX_W, inner_w)
    block_h = BOX_H + GAP_Y + inner_h
    return ("rows", items, rows_of, row_sizes, wrapped, inner_w), block_w, block_h


def _place_items(
    arrangement: tuple,
    left: float,
    top: float,
    block_w: float,
    tree: Tree,
    plan: dict[int, tuple],
    width: list[float],
    result: dict,
    root: bool = False,
) -> None:
    """Place the children arranged by ``arrangement`` of a box whose top is ``top``
    in a block starting at ``left``; then their own children, iteratively."""
    work = [(arrangement, left, top, block_w, root)]
    while work:
        arrangement, left, top, block_w, is_root = work.pop()
        if arrangement[0] == "none":
            continue
        _, items, rows_of, row_sizes, wrapped, inner_w = arrangement
        x_start = left + (block_w - inner_w) / 2 + (INDENT if wrapped else 0)
        trunk = x_start - INDENT / 2
        y = top + BOX_H + GAP_Y
        for row, (_row_w, row_h) in zip(rows_of, row_sizes, strict=True):
            x = x_start
            bus = y - GAP_Y / 2
            for i in row:
                item = items[i]
                if item[0] == "slot":
                    s = item[1]
                    cx = x + item[2] / 2
                    result[s] = (cx, y + BOX_H / 2, 0 if is_root else 1, bus)
                    work.append((plan[s], x, y, item[2], False))
                else:
                    _, leaves, columns, _, _ = item
                    rows = math.ceil(len(leaves) / columns)
                    for j, s in enumerate(leaves):
                        col, r = divmod(j, rows)
                        x0 = x + col * (INDENT + BOX_W + GAP_X)
                        cy = y + r * (BOX_H + GAP_STACK) + BOX_H / 2
                        how = 0 if is_root else 2
                        result[s] = (x0 + INDENT + BOX_W / 2, cy, how, x0 + INDENT / 2)
                x += item[-2] + GAP_X
            y += row_h + GAP_Y
        if wrapped and not is_root:
            # children of a wrapped block hang from a trunk on the block's left
            for item in items:
                for s in [item[1]] if item[0] == "slot" else []:
                    cx, cy, _, bus = result[s]
                    result[s] = (cx, cy, 3, trunk)


def connector(
    parent: tuple[float, float], child: tuple[float, float, int, float]
) -> list[tuple[float, float]]:
    """The polyline drawn from a parent box (centre) to a child placed by
    ``tidy_layout``: down from the parent, along the bus (or trunk), into the child.

    >>> connector((0, 0), (100, 98, 1, 49))
    [(0, 29.0), (0, 49), (100, 49), (100, 69.0)]
    """
    px, py = parent
    cx, cy, how, at = child
    bottom = py + BOX_H / 2
    top = cy - BOX_H / 2
    bus = bottom + GAP_Y / 2
    if how == 1:
        return [(px, bottom), (px, at), (cx, at), (cx, top)]
    if how == 2:  # a stacked list: trunk at x = at, into the box's left side
        return [(px, bottom), (px, bus), (at, bus), (at, cy), (cx - BOX_W / 2, cy)]
    if how == 3:  # a wrapped row: trunk at x = at, then along the row's bus
        row_bus = top - GAP_Y / 2
        return [(px, bottom), (px, bus), (at, bus), (at, row_bus), (cx, row_bus), (cx, top)]
    return []


def aside_line(body: tuple[float, ...], entity: tuple[float, ...]) -> list[tuple[float, float]]:
    """The line from a body to an entity beside the tree (its position): out of the
    body's right side into the gap beside it, up that gap to the rail just under the
    band of positions, along the rail and up into the position. Gaps hold no box, and
    every such line meets the rail at the same height, so they join there like a bus.

    >>> aside_line((92, 127), (92, -69))
    [(184.0, 127), (194.0, 127), (194.0, -20.0), (92, -20.0), (92, -40.0)]
    """
    bx, by, px, py = body[0], body[1], entity[0], entity[1]
    gap = bx + BOX_W / 2 + GAP_X / 2
    rail = py + BOX_H / 2 + GAP_Y / 2
    return [(bx + BOX_W / 2, by), (gap, by), (gap, rail), (px, rail), (px, py + BOX_H / 2)]


def extra_line(child: tuple[float, ...], parent: tuple[float, ...]) -> list[tuple[float, float]]:
    """The straight line drawn for a line that leaves the tree (a second parent, an
    informal line): side to side between boxes of one row, else from the child's top
    to the parent's bottom (or bottom to top when the parent is lower).

    >>> extra_line((300, 100), (100, 100))
    [(208.0, 100), (192.0, 100)]
    >>> extra_line((300, 200), (100, 100))
    [(300, 171.0), (100, 129.0)]
    """
    cx, cy, px, py = child[0], child[1], parent[0], parent[1]
    if abs(cy - py) < BOX_H:
        side = 1 if px > cx else -1
        return [(cx + side * BOX_W / 2, cy), (px - side * BOX_W / 2, py)]
    if py < cy:
        return [(cx, cy - BOX_H / 2), (px, py + BOX_H / 2)]
    return [(cx, cy + BOX_H / 2), (px, py - BOX_H / 2)]
