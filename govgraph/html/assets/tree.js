/* govgraph tidy layout: the arithmetic of govgraph/html/tree.py (tidy_layout and
 * connector), run again in the page when a branch is collapsed or expanded. With
 * every slot shown it gives the positions Python gives (a browser test checks it). */
(function () {
  "use strict";

  function make(tree) {
    var B = tree.box;
    var count = tree.n.length;
    var children = [];
    var roots = [];
    var i;
    for (i = 0; i < count; i += 1) children.push([]);
    tree.o.forEach(function (s) {
      if (tree.p[s] < 0) roots.push(s);
      else children[tree.p[s]].push(s);
    });
    var glue = {};  // slot -> the sibling it follows on one row
    (tree.g || []).forEach(function (pair) { glue[pair[0]] = pair[1]; });
    var aside = tree.a || [];
    var links = tree.al || [];
    var GAP_STACK = B.gap_stack;
    var SCREEN = B.screen;

    function stackColumns(n) {
      var rows = Math.max(Math.min(n, 6),
        Math.ceil(Math.sqrt(n * (B.indent + B.w) / (B.h + GAP_STACK) / B.stack_screen)));
      return Math.ceil(n / rows);
    }
    function cutRows(widths, heights, glued) {
      var area = 0;
      var widest = 0;
      for (var k = 0; k < widths.length; k += 1) {
        area += widths[k] * heights[k];
        widest = Math.max(widest, widths[k]);
      }
      var budget = Math.max(widest, Math.sqrt(area * SCREEN));
      var rows = [[]];
      var width = 0;
      widths.forEach(function (w, index) {
        var last = rows[rows.length - 1];
        if (last.length && width + B.gx + w > budget && !glued[index]) {
          rows.push([]);
          width = 0;
          last = rows[rows.length - 1];
        }
        width += (last.length ? B.gx : 0) + w;
        last.push(index);
      });
      return rows;
    }

    function layout(shown) {
      var width = new Array(count);
      var height = new Array(count);
      var plan = new Array(count);
      function hasKids(s) {
        var kids = children[s];
        for (var k = 0; k < kids.length; k += 1) if (shown[kids[k]]) return true;
        return false;
      }
      function block(kids) {
        if (!kids.length) return [null, B.w, B.h];
        var leaves = [];
        var branches = [];
        kids.forEach(function (k) { (hasKids(k) ? branches : leaves).push(k); });
        var items = [];
        var rest = kids;
        if (leaves.length >= B.stack) {
          var columns = stackColumns(leaves.length);
          var rows = Math.ceil(leaves.length / columns);
          items.push({ stack: leaves, columns: columns,
                       w: columns * (B.indent + B.w) + (columns - 1) * B.gx,
                       h: rows * B.h + (rows - 1) * GAP_STACK });
          rest = branches;
        }
        rest.forEach(function (k) { items.push({ slot: k, w: width[k], h: height[k] }); });
        var widths = items.map(function (it) { return it.w; });
        var heights = items.map(function (it) { return it.h; });
        var glued = items.map(function (it, index) {
          var before = items[index - 1];
          return index > 0 && it.slot !== undefined && before.slot !== undefined &&
            glue[it.slot] === before.slot;
        });
        var rowsOf = items.length >= B.wrap ? cutRows(widths, heights, glued)
          : [items.map(function (_, index) { return index; })];
        var wrapped = rowsOf.length > 1;
        var sizes = rowsOf.map(function (row) {
          var w = B.gx * (row.length - 1);
          var h = 0;
          row.forEach(function (index) { w += widths[index]; h = Math.max(h, heights[index]); });
          return [w, h];
        });
        var innerW = 0;
        var innerH = B.gy * (sizes.length - 1);
        sizes.forEach(function (size) { innerW = Math.max(innerW, size[0]); innerH += size[1]; });
        if (wrapped) innerW += B.indent;
        return [{ items: items, rows: rowsOf, sizes: sizes, wrapped: wrapped, innerW: innerW },
                Math.max(B.w, innerW), B.h + B.gy + innerH];
      }
      // post-order over shown slots
      var order = [];
      var stack = [];
      for (i = roots.length - 1; i >= 0; i -= 1) if (shown[roots[i]]) stack.push([roots[i], false]);
      while (stack.length) {
        var top = stack.pop();
        if (top[1]) { order.push(top[0]); continue; }
        stack.push([top[0], true]);
        var kids = children[top[0]];
        for (var k = kids.length - 1; k >= 0; k -= 1) if (shown[kids[k]]) stack.push([kids[k], false]);
      }
      order.forEach(function (s) {
        var got = block(children[s].filter(function (k) { return shown[k]; }));
        plan[s] = got[0];
        width[s] = got[1];
        height[s] = got[2];
      });
      var result = {};
      var first = block(roots.filter(function (r) { return shown[r]; }));
      var work = [[first[0], 0, -B.gy - B.h, first[1], true]];
      while (work.length) {
        var job = work.pop();
        var arrangement = job[0];
        if (!arrangement) continue;
        var left = job[1];
        var boxTop = job[2];
        var blockW = job[3];
        var isRoot = job[4];
        var xStart = left + (blockW - arrangement.innerW) / 2 + (arrangement.wrapped ? B.indent : 0);
        var trunk = xStart - B.indent / 2;
        var y = boxTop + B.h + B.gy;
        arrangement.rows.forEach(function (row, r) {
          var x = xStart;
          var bus = y - B.gy / 2;
          row.forEach(function (index) {
            var item = arrangement.items[index];
            if (item.slot !== undefined) {
              var how = isRoot ? 0 : arrangement.wrapped ? 3 : 1;
              result[item.slot] = [x + item.w / 2, y + B.h / 2, how, how === 3 ? trunk : bus];
              work.push([plan[item.slot], x, y, item.w, false]);
            } else {
              var rowsIn = Math.ceil(item.stack.length / item.columns);
              item.stack.forEach(function (s, j) {
                var col = Math.floor(j / rowsIn);
                var rr = j % rowsIn;
                var x0 = x + col * (B.indent + B.w + B.gx);
                result[s] = [x0 + B.indent + B.w / 2, y + rr * (B.h + GAP_STACK) + B.h / 2,
                             isRoot ? 0 : 2, x0 + B.indent / 2];
              });
            }
            x += item.w + B.gx;
          });
          y += arrangement.sizes[r][1] + B.gy;
        });
      }
      placeAside(result);
      return result;
    }

    /* the slots beside the tree (positions): a band above the top row, each over the
       mean x of its shown bodies (aside_places in tree.py) */
    function placeAside(result) {
      if (!aside.length) return;
      var xs = {};
      links.forEach(function (pair) {
        var body = result[pair[0]];
        if (!body || result[pair[1]]) return;
        (xs[pair[1]] = xs[pair[1]] || []).push(body[0]);
      });
      var top = Infinity;
      Object.keys(result).forEach(function (key) { top = Math.min(top, result[key][1]); });
      var wanted = Object.keys(xs).map(function (key) {
        var sum = 0;
        xs[key].forEach(function (x) { sum += x; });
        return [sum / xs[key].length, Number(key)];
      });
      wanted.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      var last = -Infinity;
      wanted.forEach(function (item) {
        var x = Math.max(item[0], last + B.w + B.gx);
        result[item[1]] = [x, top - B.h - B.gy, 0, 0];
        last = x;
      });
    }

    function connector(parent, child) {
      var px = parent[0];
      var bottom = parent[1] + B.h / 2;
      var cx = child[0];
      var cy = child[1];
      var top = cy - B.h / 2;
      var bus = bottom + B.gy / 2;
      if (child[2] === 1) return [[px, bottom], [px, child[3]], [cx, child[3]], [cx, top]];
      if (child[2] === 2) return [[px, bottom], [px, bus], [child[3], bus], [child[3], cy], [cx - B.w / 2, cy]];
      if (child[2] === 3) {
        var rowBus = top - B.gy / 2;
        return [[px, bottom], [px, bus], [child[3], bus], [child[3], rowBus], [cx, rowBus], [cx, top]];
      }
      return [];
    }

    /* a body's line to a position beside the tree (aside_line in tree.py) */
    function asideLine(body, entity) {
      var gap = body[0] + B.w / 2 + B.gx / 2;
      var rail = entity[1] + B.h / 2 + B.gy / 2;
      return [[body[0] + B.w / 2, body[1]], [gap, body[1]], [gap, rail], [entity[0], rail],
              [entity[0], entity[1] + B.h / 2]];
    }

    /* a line leaving the tree: side to side within a row, else top to bottom */
    function extraLine(child, parent) {
      if (Math.abs(child[1] - parent[1]) < B.h) {
        var side = parent[0] > child[0] ? 1 : -1;
        return [[child[0] + side * B.w / 2, child[1]], [parent[0] - side * B.w / 2, parent[1]]];
      }
      if (parent[1] < child[1]) return [[child[0], child[1] - B.h / 2], [parent[0], parent[1] + B.h / 2]];
      return [[child[0], child[1] + B.h / 2], [parent[0], parent[1] - B.h / 2]];
    }

    return { children: children, roots: roots, layout: layout, connector: connector, extraLine: extraLine,
             asideLine: asideLine };
  }

  window.GovgraphTree = { make: make };
})();
