/* govgraph HTML view. The hierarchy is drawn here as SVG from the tidy layout that
 * Python computed for every frame (govgraph/html/tree.py; tree.js redoes the
 * arithmetic when a branch is collapsed); the network and overlaps views are
 * vis-network DataSets. Legend, search, relationship filter, language and option
 * switches, the details panel and the keyboard list are shared.
 * Every text that comes from the model reaches the page through textContent or a
 * canvas label, never through innerHTML: names are untrusted. Ids are keys of Maps,
 * never of plain objects, so an id like "__proto__" or "constructor" is just an id. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("govgraph-data").textContent);
  var STYLE = DATA.style;
  var TREE_MODE = DATA.view === "hierarchy" && !!DATA.tree;
  var SVGNS = "http:\/\/www.w3.org\/2000\/svg";  // written so the page holds no URL
  var state = { lang: DATA.lang === "fr" ? "fr" : "en", frame: 0, hidden: new Map(),
                collapsed: new Set(), year: null, compare: null };
  var largeFrame = false;
  var byId = new Map();
  var edgeById = new Map();
  var searchIndex = [];
  var nodes = TREE_MODE ? null : new vis.DataSet();
  var edges = TREE_MODE ? null : new vis.DataSet();
  var api = { ready: false, readyAt: null, nodes: nodes, edges: edges, mode: TREE_MODE ? "tree" : "vis" };
  window.govgraph = api;

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
  }
  function t(key) {
    var table = DATA.i18n[state.lang] || DATA.i18n.en;
    return own(table, key) ? table[key] : key;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return own(values, name) ? String(values[name]) : "";
    });
  }
  function pick(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (!Array.isArray(value)) {
      var chosen = state.lang === "fr" ? value.fr : value.en;
      if (chosen === null || chosen === undefined) chosen = state.lang === "fr" ? value.en : value.fr;
      return chosen === null || chosen === undefined ? "" : String(chosen);
    }
    var first = state.lang === "fr" ? value[1] : value[0];
    var other = state.lang === "fr" ? value[0] : value[1];
    return first !== null && first !== undefined ? first : other;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    if (attrs) Object.keys(attrs).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    return node;
  }
  function row(box, label, value) {
    if (value === undefined || value === null || value === "") return;
    var line = el("div", "tip-row");
    line.appendChild(el("span", "tip-key", label + " : ".slice(state.lang === "fr" ? 0 : 1)));
    line.appendChild(el("span", "tip-value", value));
    box.appendChild(line);
  }
  function show(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "object") {
      if (Array.isArray(value) && value.every(function (x) { return typeof x !== "object"; })) {
        return value.map(word).join(", ");
      }
      return JSON.stringify(value);
    }
    return String(word(value));
  }
  /* a list item that is a known code (an attribute key, as in "assumptions") in words */
  function word(value) {
    var table = DATA.i18n[state.lang] || DATA.i18n.en;
    return typeof value === "string" && own(table, "attr:" + value) ? table["attr:" + value] : value;
  }
  function attrName(key) {
    var known = "attr:" + key;
    var table = DATA.i18n[state.lang] || DATA.i18n.en;
    if (own(table, known)) return table[known];
    return key.replace(/_/g, " ");
  }
  function period(v) {
    if (!v) return "";
    if (v[0] && v[1]) return v[0] + " – " + v[1];
    if (v[0]) return t("since") + " " + v[0];
    return t("until") + " " + v[1];
  }
  /* whether a [from, to] validity (partial ISO dates) covers some day of ``year``, or
     the day itself when ``year`` is an ISO date (the page's as-of date) */
  function validIn(v, year) {
    if (!v || year === null) return true;
    if (typeof year === "string") {
      return (!v[0] || year.slice(0, String(v[0]).length) >= String(v[0])) &&
             (!v[1] || year.slice(0, String(v[1]).length) <= String(v[1]));
    }
    var from = v[0] ? Number(String(v[0]).slice(0, 4)) : -Infinity;
    var to = v[1] ? Number(String(v[1]).slice(0, 4)) : Infinity;
    return from <= year && year <= to;
  }
  function historyYears() {
    if (!TREE_MODE || (DATA.as_of && !DATA.history) || DATA.frames.length === 0) return null;
    var low = Infinity, high = -Infinity;
    function see(v) {
      if (!v) return;
      [v[0], v[1]].forEach(function (d) {
        if (!d) return;
        var y = Number(String(d).slice(0, 4));
        if (isFinite(y)) { low = Math.min(low, y); high = Math.max(high, y); }
      });
    }
    DATA.frames[0].nodes.forEach(function (n) { see(n.v); });
    DATA.frames[0].edges.forEach(function (e) { see(e.v); });
    if (!isFinite(low)) return null;
    if (DATA.as_of) see([DATA.as_of]);  // the page's own date is on the slider
    return [low, Math.max(high, new Date().getFullYear())];
  }
  var YEARS = null;
  function currentFrame() {
    return DATA.frames[state.frame];
  }
  function isOption() {
    return state.frame > 0;
  }

  function nodeTip(n) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", pick(n.n)));
    row(box, t("kind"), t("kind:" + n.k));
    if (n.a) row(box, t("acronym"), pick(n.a));
    row(box, t("id"), n.id);
    if (n.st) row(box, t("status"), t(n.ghost ? "status:moved_from" : "status:" + n.st));
    row(box, t("description"), pick(n.d));
    if (n.v) row(box, t("valid"), period(n.v));
    if (n.tg) row(box, t("tags"), n.tg.join(", "));
    if (n.at) {
      Object.keys(n.at).forEach(function (key) {
        row(box, attrName(key), show(n.at[key]));
      });
    }
    row(box, t("source"), n.s || t("no_source"));
    return box;
  }
  function nameOf(id) {
    var n = byId.get(id);
    return n ? pick(n.n) : id;
  }
  function edgeTip(e) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", nameOf(e.f) + " → " + t("type:" + e.t) + " → " + nameOf(e.to)));
    row(box, t("relationship"), t("type:" + e.t));
    if (e.fo !== undefined) row(box, t("kind"), e.fo ? t("formal") : t("informal"));
    if (e.ro) row(box, t("role"), t("role:" + e.ro));
    if (e.le) row(box, t("level"), t("level:" + e.le));
    if (e.se) row(box, t("service"), attrName(e.se));
    if (e.st) row(box, t("status"), t("status:" + e.st));
    if (e.v) row(box, t("valid"), period(e.v));
    if (e.w !== undefined) row(box, t("jaccard"), e.w.toFixed(2));
    if (e.sm && e.sm.length) row(box, t("shared_members"), e.sm.map(pick).join(", "));
    if (e.sp && e.sp.length) row(box, t("shared_priorities"), e.sp.map(pick).join(", "));
    if (e.at) {
      Object.keys(e.at).forEach(function (key) {
        row(box, attrName(key), show(e.at[key]));
      });
    }
    if (e.t !== "OVERLAP") row(box, t("source"), e.s || t("no_source"));
    return box;
  }

  /* ---------------------------------------------------------------- vis views */

  function shortLabel(text) {
    text = String(text);
    return text.length > 60 ? text.slice(0, 59) + "…" : text;
  }
  /* vis-network keeps nodes in plain objects: an id such as "constructor" or
     "__proto__" would land on Object.prototype, so such ids (and any id starting with
     the escape mark) get the mark in front; visId and modelId are inverses */
  var MARK = "\u2063";
  function visId(id) {
    id = String(id);
    return id in Object.prototype || id.charAt(0) === MARK ? MARK + id : id;
  }
  function modelId(id) {
    id = String(id);
    return id.charAt(0) === MARK ? id.slice(1) : id;
  }
  function visNode(n) {
    var item = { id: visId(n.id), label: shortLabel(pick(n.l)), title: nodeTip(n), group: n.k };
    if (isOption() || n.focus || n.st) {
      var kind = STYLE.kinds[n.k] || { color: "#999999", shape: "dot", font: "#222222" };
      var color = isOption() ? STYLE.status[n.st || "unchanged"].band : kind.color;
      var fillColor = isOption() ? STYLE.status[n.st || "unchanged"].fill : kind.color;
      item.color = { background: fillColor, border: n.focus ? "#000000" : color,
                     highlight: { background: fillColor, border: "#000000" } };
      if (isOption()) {
        item.font = { color: "#1a1a1a" };
        item.label = (STYLE.status[n.st || "unchanged"].icon || "") + " " + item.label;
      }
      item.borderWidth = n.focus ? 4 : isOption() ? 3 : largeFrame ? 0 : 1;
    }
    if (n.st === "removed") item.shapeProperties = { borderDashes: [4, 4] };
    if (n.lv !== undefined) item.level = n.lv;
    if (n.x !== undefined) {
      item.x = n.x;
      item.y = n.y;
    }
    return item;
  }
  function groups(large) {
    var result = {};
    Object.keys(STYLE.kinds).forEach(function (kind) {
      var style = STYLE.kinds[kind];
      var shape = large ? (style.shape === "box" ? "dot" : style.shape) : style.shape;
      result[kind] = {
        shape: shape,
        color: { background: style.color, border: style.color,
                 highlight: { background: style.color, border: "#000000" } },
        font: { color: shape === "box" ? style.font : "#222222" },
        borderWidth: large ? 0 : 1
      };
    });
    return result;
  }
  function visEdge(e) {
    var style = STYLE.types[e.t] || { color: "#999999", dashes: false, width: 1 };
    var width = style.width;
    var dashes = style.dashes;
    var color = style.color;
    if (e.t === "REPORTS_TO" && e.fo === false) dashes = [6, 5];
    if (e.le && STYLE.levels[e.le]) width = STYLE.levels[e.le];
    if (e.w !== undefined) width = 1 + 9 * e.w;
    if (isOption()) color = STYLE.status[e.st || "unchanged"].band;
    if (e.st === "created") width += 1.5;
    if (e.st === "removed") width = 1;
    return {
      id: e.id, from: visId(e.f), to: visId(e.to), title: edgeTip(e), width: width, dashes: dashes,
      color: { color: color, highlight: "#000000", hover: color, inherit: false,
               opacity: e.st === "removed" ? 0.5 : 1 },
      arrows: e.t === "OVERLAP" || largeFrame ? "" : { to: { enabled: true, scaleFactor: 0.6 } },
      hidden: !!state.hidden.get(e.t)
    };
  }
  function visOptions(frame) {
    var large = frame.layout === "preset";
    var result = {
      autoResize: true,
      groups: groups(large),
      nodes: { font: { size: 14, face: "system-ui, sans-serif" }, widthConstraint: { maximum: 180 },
               margin: 8, size: 14 },
      edges: { smooth: large ? false : { enabled: true, type: "dynamic" } },
      interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large,
                     hideEdgesOnZoom: large, navigationButtons: false, keyboard: false },
      physics: { enabled: false },
      layout: { improvedLayout: !large, hierarchical: { enabled: false } }
    };
    if (frame.layout === "hierarchical") {
      result.edges.smooth = { enabled: true, type: "cubicBezier", forceDirection: "vertical", roundness: 0.4 };
      result.layout.hierarchical = {
        enabled: true, direction: "UD", sortMethod: "directed", levelSeparation: 120,
        nodeSpacing: 200, treeSpacing: 230, blockShifting: true, edgeMinimization: true,
        parentCentralization: true, shakeTowards: "roots"
      };
    } else if (frame.layout === "physics") {
      result.physics = {
        enabled: true, solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -70, springLength: 130, avoidOverlap: 0.4 },
        stabilization: { enabled: true, iterations: 400, fit: true }
      };
    }
    return result;
  }

  var container = document.getElementById("graph");
  var network = null;
  if (!TREE_MODE) {
    network = new vis.Network(container, { nodes: nodes, edges: edges }, {});
    api.network = network;
    // stabilise, then stop moving, then fit: the picture stays where it was fitted
    var settle = function () {
      if (api.settled) return;
      network.setOptions({ physics: { enabled: false } });
      network.fit({ animation: false });
      api.settled = true;
    };
    network.on("stabilizationIterationsDone", settle);
    network.on("stabilized", settle);
  } else {
    document.getElementById("map-box").hidden = false;
  }

  /* ---------------------------------------------------------------- tree view */

  var T = TREE_MODE ? GovgraphTree.make(DATA.tree) : null;
  var B = TREE_MODE ? DATA.tree.box : null;
  var SLOTS = TREE_MODE ? DATA.tree.n.length : 0;
  var below = [];  // bodies under each slot (for the count on a collapsed branch)
  var depthOf = [];
  if (TREE_MODE) {
    var order = DATA.tree.o;
    for (var s0 = 0; s0 < SLOTS; s0 += 1) { below.push(0); depthOf.push(0); }
    order.forEach(function (s) { depthOf[s] = DATA.tree.p[s] < 0 ? 0 : depthOf[DATA.tree.p[s]] + 1; });
    for (var k0 = order.length - 1; k0 >= 0; k0 -= 1) {
      var sk = order[k0];
      var up = DATA.tree.p[sk];
      if (up >= 0) below[up] += below[sk] + 1;
    }
  }
  var view = { scale: 1, tx: 0, ty: 0 };
  var places = {};
  var frameBySlot = new Map();

  function shownSlots() {
    var shown = new Array(SLOTS);
    DATA.tree.o.forEach(function (s) {
      var up = DATA.tree.p[s];
      shown[s] = up < 0 || (shown[up] && !state.collapsed.has(up));
    });
    return shown;
  }
  function lay() {
    places = T.layout(shownSlots());
  }
  /* open big structures collapsed: the deepest level at which the fitted picture
     still shows labels at 10 px or more */
  function initialCollapse() {
    var maxDepth = 0;
    depthOf.forEach(function (d) { maxDepth = Math.max(maxDepth, d); });
    var size = viewportSize();
    var chosen = 0;
    for (var d = 0; d <= maxDepth; d += 1) {
      state.collapsed = new Set();
      for (var s = 0; s < SLOTS; s += 1) if (depthOf[s] >= d && T.children[s].length) state.collapsed.add(s);
      lay();
      var box = bounds(true);
      if (!box) break;
      var scale = fitScale(box, size);
      if (scale * B.font < 10.5 && d > 0) break;
      chosen = d;
      if (d === maxDepth) return;  // everything fits: nothing stays collapsed
    }
    state.collapsed = new Set();
    for (var s2 = 0; s2 < SLOTS; s2 += 1) if (depthOf[s2] >= chosen && T.children[s2].length) state.collapsed.add(s2);
    if (chosen >= maxDepth) state.collapsed = new Set();
    // then open the smallest folded branches one by one while the labels stay legible
    var folded = Array.from(state.collapsed).filter(function (s) { return depthOf[s] === chosen; });
    folded.sort(function (a, b) { return below[a] - below[b] || a - b; });
    var tries = 0;
    for (var i = 0; i < folded.length && tries < 60; i += 1) {
      if (below[folded[i]] > 40) break;
      tries += 1;
      state.collapsed.delete(folded[i]);
      lay();
      if (fitScale(bounds(true), size) * B.font < 10.5) {
        state.collapsed.add(folded[i]);
        break;
      }
    }
    lay();
  }
  function viewportSize() {
    var svg = document.getElementById("map");
    var rect = svg.getBoundingClientRect();
    return { w: Math.max(200, rect.width), h: Math.max(200, rect.height) };
  }
  function bounds(anySlot) {
    var box = null;
    Object.keys(places).forEach(function (key) {
      var s = Number(key);
      if (!anySlot && !frameBySlot.has(s) && !(state.compare !== null && compareHas(s))) return;
      var p = places[key];
      var x0 = p[0] - B.w / 2 - B.indent, x1 = p[0] + B.w / 2 + 12, y0 = p[1] - B.h / 2 - 12, y1 = p[1] + B.h / 2 + 14;
      if (!box) box = [x0, y0, x1, y1];
      else box = [Math.min(box[0], x0), Math.min(box[1], y0), Math.max(box[2], x1), Math.max(box[3], y1)];
    });
    return box;
  }
  function compareHas(s) {
    return DATA.frames[state.compare].nodes.some(function (n) { return n.sl === s; });
  }
  function fitScale(box, size) {
    var margin = 12;
    return Math.min((size.w - 2 * margin) / (box[2] - box[0]), (size.h - 2 * margin) / (box[3] - box[1]), 1.5);
  }
  function fitTree() {
    var box = bounds(false) || bounds(true);
    if (!box) return;
    var size = viewportSize();
    var scale = fitScale(box, size);
    view.scale = scale;
    view.tx = (size.w - (box[2] - box[0]) * scale) / 2 - box[0] * scale;
    view.ty = (size.h - (box[3] - box[1]) * scale) / 2 - box[1] * scale;
    applyView();
  }
  function applyView() {
    var transform = "translate(" + view.tx + " " + view.ty + ") scale(" + view.scale + ")";
    document.getElementById("viewport").setAttribute("transform", transform);
    document.getElementById("viewport2").setAttribute("transform", transform);
    api.view = { scale: view.scale, tx: view.tx, ty: view.ty };
  }
  function statusOf(n) {
    return isOption() ? (n.st || "unchanged") : null;
  }
  function lineStyle(e) {
    var style = STYLE.types[e.t] || { color: "#666666", width: 1.5 };
    var result = { stroke: style.color, width: 1.6, dash: null, opacity: 1 };
    if (e.t === "PART_OF") result.dash = "1 5";
    if (e.t === "REPORTS_TO" && e.fo === false) result.dash = "7 5";
    if (e.t === "ACCOUNTABLE_TO") result.dash = "12 4";
    if (isOption()) {
      var st = STYLE.status[e.st || "unchanged"];
      result.stroke = e.st ? st.band : "#8a8a8a";
      if (e.st === "created") result.width = 3.2;
      if (e.st === "removed") { result.width = 2; result.opacity = 0.55; }
    }
    return result;
  }
  function pathOf(points) {
    return points.map(function (p, i) { return (i ? "L" : "M") + p[0] + " " + p[1]; }).join(" ");
  }
  function glyph(parent, x, y, status, size) {
    var st = STYLE.status[status];
    parent.appendChild(svgEl("circle", { cx: x, cy: y, r: size, fill: "#ffffff", stroke: st.band, "stroke-width": 2 }));
    var label = svgEl("text", { x: x, y: y + size * 0.42, "text-anchor": "middle", "font-size": size * 1.25,
                                "font-weight": 700, fill: st.text });
    label.textContent = st.icon;
    parent.appendChild(label);
  }
  function drawTree() {
    drawPanes();
    renderLegend();  // the key follows what is drawn (collapse, filters, option)
  }
  function drawPanes() {
    drawTreeInto("viewport");
    if (state.compare === null) return;
    // the second pane: the same slots and positions, another frame's statuses
    var main = { frame: state.frame, slots: frameBySlot, drawn: api.drawn };
    state.frame = state.compare;
    frameBySlot = slotsOf(DATA.frames[state.compare]);
    try {
      drawTreeInto("viewport2");
      api.drawn2 = api.drawn;
    } finally {
      state.frame = main.frame;
      frameBySlot = main.slots;
      api.drawn = main.drawn;
    }
    document.getElementById("pane2-title").textContent =
      state.compare === 0 ? t("baseline") : pick(DATA.frames[state.compare].name);
    document.getElementById("pane1-title").textContent =
      state.frame === 0 ? t("baseline") : pick(currentFrame().name);
  }
  function slotsOf(frame) {
    var found = new Map();
    frame.nodes.forEach(function (n) { found.set(n.sl, n); });
    return found;
  }
  function setCompare(index) {
    var value = index === null || index === undefined || index === "" ? null : Number(index);
    state.compare = value !== null && value >= 0 && value < DATA.frames.length ? value : null;
    document.getElementById("graph").classList.toggle("split", state.compare !== null);
    document.getElementById("map-box2").hidden = state.compare === null;
    document.getElementById("compare").value = state.compare === null ? "" : String(state.compare);
    drawTree();
    renderCounts();
    fitTree();
  }
  function drawTreeInto(layerId) {
    var layer = document.getElementById(layerId);
    layer.replaceChildren();
    var frame = currentFrame();
    var lines = svgEl("g", { class: "lines" });
    var boxes = svgEl("g", { class: "boxes" });
    var marks = svgEl("g", { class: "marks" });
    layer.appendChild(lines);
    layer.appendChild(boxes);
    layer.appendChild(marks);
    var drawnLines = [];
    var rank = { removed: 0, undefined: 1, created: 2 };
    frame.edges.slice().sort(function (a, b) { return (rank[a.st] || 1) - (rank[b.st] || 1); }).forEach(function (e) {
      if (e.sf === undefined || state.hidden.get(e.t)) return;
      if (state.frame === 0 && !validIn(e.v, state.year)) return;
      var child = places[e.sf];
      var parent = places[e.sto];
      if (!child || !parent || !frameBySlot.has(e.sf) || !frameBySlot.has(e.sto)) return;
      var points = e.tr ? T.connector(parent, child) : e.ax ? T.asideLine(child, parent) : T.extraLine(child, parent);
      var style = lineStyle(e);
      var path = svgEl("path", { d: pathOf(points), fill: "none", stroke: style.stroke,
                                 "stroke-width": style.width, "stroke-opacity": style.opacity,
                                 "stroke-linecap": e.t === "PART_OF" ? "round" : "butt",
                                 "data-edge": e.id, "data-status": e.st || "" });
      if (style.dash) path.setAttribute("stroke-dasharray", style.dash);
      var title = svgEl("title");
      title.textContent = nameOf(e.f) + " → " + t("type:" + e.t) + " → " + nameOf(e.to);
      path.appendChild(title);
      path.addEventListener("click", function () { showDetails(edgeTip(e)); });
      lines.appendChild(path);
      if (isOption() && e.st) {  // a glyph on the last leg tells created from removed without colour
        var a = points[points.length - 2], b = points[points.length - 1];
        glyph(marks, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, e.st, 7);
      }
      drawnLines.push({ id: e.id, st: e.st || null, points: points, ends: [e.f, e.to], type: e.t,
                        informal: e.fo === false });
    });
    var drawnBoxes = [];
    frameBySlot.forEach(function (n, s) {
      var p = places[s];
      if (!p) return;
      var kind = STYLE.kinds[n.k] || STYLE.kinds.organization;
      var status = statusOf(n);
      var st = status ? STYLE.status[status] : null;
      var x = p[0] - B.w / 2, y = p[1] - B.h / 2;
      var g = svgEl("g", { class: "box", transform: "translate(" + x + " " + y + ")", "data-slot": s,
                           "data-status": status || "", tabindex: "-1" });
      g.dataset.id = n.id;
      var faint = n.ghost || n.st === "removed";
      var rect = svgEl("rect", { width: B.w, height: B.h, rx: 4, fill: faint ? "#ffffff" : st ? st.fill : kind.fill,
                                 stroke: st ? st.band : kind.color, "stroke-width": st && status !== "unchanged" ? 2.5 : 1.2 });
      if (faint) rect.setAttribute("stroke-dasharray", "5 4");
      g.appendChild(rect);
      g.appendChild(svgEl("rect", { width: 6, height: B.h, fill: st ? st.band : kind.color,
                                    "fill-opacity": faint ? 0.5 : 1 }));
      var labelLines = pick(n.wl);
      if (typeof labelLines === "string") labelLines = [labelLines];
      var text = svgEl("text", { class: "label", x: 13, y: 0, "font-size": B.font, fill: faint ? "#555555" : "#1a1a1a" });
      var startY = (B.h - labelLines.length * B.line) / 2 + B.font - 1;
      labelLines.forEach(function (line, i) {
        var span = svgEl("tspan", { x: 13, y: startY + i * B.line });
        span.textContent = line;
        text.appendChild(span);
      });
      g.appendChild(text);
      var title = svgEl("title");
      title.textContent = shortLabel(pick(n.n)) + (status ? " — " + t(n.ghost ? "status:moved_from" : "status:" + status) : "");
      g.appendChild(title);
      if (status && status !== "unchanged") glyph(g, B.w - 2, 2, status, 9);
      var kids = T.children[s].length;
      if (kids && !n.ghost) {
        var closed = state.collapsed.has(s);
        var label = closed ? "+" + below[s] : "−";
        var bw = Math.max(26, 8 * label.length + 10);
        var toggle = svgEl("g", { class: "toggle", transform: "translate(" + (B.w / 2 - bw / 2) + " " + (B.h - 2) + ")",
                                  "data-toggle": s });
        toggle.appendChild(svgEl("rect", { width: bw, height: 16, rx: 8, fill: "#ffffff", stroke: "#555555" }));
        var tl = svgEl("text", { x: bw / 2, y: 12, "text-anchor": "middle", "font-size": 11, fill: "#1a1a1a" });
        tl.textContent = label;
        toggle.appendChild(tl);
        var tt = svgEl("title");
        tt.textContent = fill(t(closed ? "expand" : "collapse"), { count: below[s] });
        toggle.appendChild(tt);
        toggle.addEventListener("click", function (event) {
          event.stopPropagation();
          toggleSlot(s);
        });
        g.appendChild(toggle);
      }
      g.addEventListener("click", function () { showDetails(nodeTip(n)); select(s); });
      boxes.appendChild(g);
      drawnBoxes.push({ slot: s, id: n.id, k: n.k, x: p[0], y: p[1], st: status, ghost: !!n.ghost });
    });
    api.drawn = { boxes: drawnBoxes, lines: drawnLines, box: { w: B.w, h: B.h } };
    api.positions = places;
  }
  function select(s) {
    document.querySelectorAll("#viewport .box.selected").forEach(function (node) { node.classList.remove("selected"); });
    var g = document.querySelector('#viewport .box[data-slot="' + s + '"]');
    if (g) g.classList.add("selected");
  }
  function toggleSlot(s) {
    if (state.collapsed.has(s)) state.collapsed.delete(s);
    else state.collapsed.add(s);
    refreshTree(true);
  }
  function refreshTree(fit) {
    lay();
    drawTree();
    renderCounts();
    renderList();
    if (fit) fitTree();
  }
  function slotOf(id) {
    var n = byId.get(id);
    return n ? n.sl : undefined;
  }
  function expandTo(s) {
    var up = DATA.tree.p[s];
    while (up >= 0) {
      state.collapsed.delete(up);
      up = DATA.tree.p[up];
    }
  }
  function focusSlot(s, scale) {
    var p = places[s];
    if (!p) return;
    var size = viewportSize();
    view.scale = Math.max(scale || 1, view.scale);
    view.tx = size.w / 2 - p[0] * view.scale;
    view.ty = size.h / 2 - p[1] * view.scale;
    applyView();
    select(s);
  }
  function wirePanZoom() {
    var svg = document.getElementById("map");
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = svg.getBoundingClientRect();
      var mx = event.clientX - rect.left, my = event.clientY - rect.top;
      var factor = Math.exp(-event.deltaY * 0.0015);
      var scale = Math.max(0.02, Math.min(4, view.scale * factor));
      view.tx = mx - (mx - view.tx) * scale / view.scale;
      view.ty = my - (my - view.ty) * scale / view.scale;
      view.scale = scale;
      applyView();
    }, { passive: false });
    var drag = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest(".box")) return;
      drag = { x: event.clientX, y: event.clientY, tx: view.tx, ty: view.ty };
    });
    window.addEventListener("pointermove", function (event) {
      if (!drag) return;
      view.tx = drag.tx + event.clientX - drag.x;
      view.ty = drag.ty + event.clientY - drag.y;
      applyView();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    window.addEventListener("resize", function () { fitTree(); });
    document.getElementById("fit").addEventListener("click", function () { fitTree(); });
  }

  /* ---------------------------------------------------------------- legend */

  function sampleSvg(width, height) {
    return svgEl("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, "aria-hidden": "true" });
  }
  function shapeSample(shape, color, fillColor) {
    var svg = sampleSvg(22, 16);
    var fillValue = fillColor || color;
    if (shape === "box") {
      svg.appendChild(svgEl("rect", { x: 1, y: 2, width: 20, height: 12, rx: 2, fill: fillValue, stroke: color, "stroke-width": 1.2 }));
      if (fillColor) svg.appendChild(svgEl("rect", { x: 1, y: 2, width: 4, height: 12, fill: color }));
    } else if (shape === "diamond") {
      svg.appendChild(svgEl("polygon", { points: "11,1 19,8 11,15 3,8", fill: fillValue }));
    } else if (shape === "triangle") {
      svg.appendChild(svgEl("polygon", { points: "11,1 19,15 3,15", fill: fillValue }));
    } else if (shape === "square") {
      svg.appendChild(svgEl("rect", { x: 4, y: 1, width: 14, height: 14, fill: fillValue }));
    } else {
      svg.appendChild(svgEl("circle", { cx: 11, cy: 8, r: 6.5, fill: fillValue }));
    }
    return svg;
  }
  function lineSample(style) {
    var svg = sampleSvg(40, 14);
    var path = svgEl("path", { d: "M2 7 L38 7", stroke: style.stroke, "stroke-width": Math.min(style.width, 6),
                               "stroke-opacity": style.opacity, fill: "none",
                               "stroke-linecap": style.round ? "round" : "butt" });
    if (style.dash) path.setAttribute("stroke-dasharray", style.dash);
    svg.appendChild(path);
    if (style.status) glyph(svg, 20, 7, style.status, 6);
    return svg;
  }
  function legendRow(legend, sample, text) {
    var line = el("div", "legend-row");
    line.appendChild(sample);
    line.appendChild(el("span", null, text));
    legend.appendChild(line);
  }
  function renderLegend() {
    var legend = document.getElementById("legend");
    legend.replaceChildren();
    var frame = currentFrame();
    // the tree keys what it draws (a collapsed branch hides its kinds and changes)
    var drawnNodes = TREE_MODE ? (api.drawn ? api.drawn.boxes : []).map(function (b) {
      return { k: b.k, st: b.st === "unchanged" ? undefined : b.st, ghost: b.ghost };
    }) : frame.nodes;
    var drawnStatus = new Set();
    drawnNodes.forEach(function (n) { if (n.st) drawnStatus.add(n.st); });
    if (isOption()) {
      legend.appendChild(el("h3", null, t("status")));
      ["created", "removed", "moved", "renamed", "modified", "unchanged"].forEach(function (status) {
        if (status !== "unchanged" && !drawnStatus.has(status)) return;
        var st = STYLE.status[status];
        var svg = sampleSvg(30, 18);
        svg.appendChild(svgEl("rect", { x: 1, y: 3, width: 22, height: 13, rx: 2, fill: status === "removed" ? "#ffffff" : st.fill,
                                        stroke: st.band, "stroke-width": 2,
                                        "stroke-dasharray": status === "removed" ? "4 3" : "none" }));
        if (status !== "unchanged") glyph(svg, 23, 6, status, 5.5);
        legendRow(legend, svg, t("status:" + status));
      });
      if (drawnNodes.some(function (n) { return n.ghost; })) {
        var ghost = sampleSvg(30, 18);
        ghost.appendChild(svgEl("rect", { x: 1, y: 3, width: 22, height: 13, rx: 2, fill: "#ffffff",
                                          stroke: STYLE.status.moved.band, "stroke-width": 2, "stroke-dasharray": "4 3" }));
        glyph(ghost, 23, 6, "moved", 5.5);
        legendRow(legend, ghost, t("status:moved_from"));
      }
      ["created", "removed"].forEach(function (status) {
        if (!frame.edges.some(function (e) { return e.st === status; })) return;
        var style = lineStyle({ t: "REPORTS_TO", st: status });
        style.status = status;
        legendRow(legend, lineSample(style), t("line:" + status));
      });
    } else {
      var kinds = new Set();
      drawnNodes.forEach(function (n) { kinds.add(n.k); });
      legend.appendChild(el("h3", null, t("kinds")));
      Object.keys(STYLE.kinds).forEach(function (kind) {
        if (!kinds.has(kind)) return;
        var style = STYLE.kinds[kind];
        var shape = TREE_MODE ? "box" : largeFrame && style.shape === "box" ? "dot" : style.shape;
        legendRow(legend, shapeSample(shape, style.color, TREE_MODE ? style.fill : null), t("kind:" + kind));
      });
    }
    // the tree shows a key for the lines it draws; the other views for their frame's
    var drawnLines = TREE_MODE ? (api.drawn ? api.drawn.lines : []).map(function (line) {
      return { t: line.type, fo: line.informal ? false : undefined };
    }) : frame.edges;
    var types = typesOf({ edges: drawnLines });
    if (types.length) legend.appendChild(el("h3", null, t("types")));
    types.forEach(function (type) {
      var style = STYLE.types[type];
      var formalSeen = drawnLines.some(function (e) { return e.t === type && e.fo !== false; });
      var informalSeen = drawnLines.some(function (e) { return e.t === type && e.fo === false; });
      var sample;
      if (TREE_MODE) {
        sample = lineStyle({ t: type });
        if (isOption()) sample.stroke = "#8a8a8a";
        sample.round = type === "PART_OF";
      } else {
        sample = { stroke: style.color, width: style.width, opacity: 1,
                   dash: style.dashes ? style.dashes.join(" ") : null };
      }
      if (formalSeen) legendRow(legend, lineSample(sample), t("type:" + type));
      if (type === "REPORTS_TO" && informalSeen) {
        var dashed = Object.assign({}, sample, { dash: TREE_MODE ? "7 5" : "6 5" });
        legendRow(legend, lineSample(dashed), t("type:REPORTS_TO") + " — " + t("informal"));
      }
    });
    if (types.indexOf("ENGAGES_WITH") >= 0) {
      legend.appendChild(el("h3", null, t("continuum")));
      Object.keys(STYLE.levels).forEach(function (level) {
        legendRow(legend, lineSample({ stroke: STYLE.types.ENGAGES_WITH.color, width: STYLE.levels[level], opacity: 1 }),
                  t("level:" + level));
      });
    }
    if (types.indexOf("OVERLAP") >= 0) {
      legend.appendChild(el("h3", null, t("jaccard")));
      [0.1, 0.5, 1].forEach(function (w) {
        legendRow(legend, lineSample({ stroke: STYLE.types.OVERLAP.color, width: 1 + 9 * w, opacity: 1 }),
                  fill(t("overlap_width"), { value: w.toFixed(1) }));
      });
    }
    if (TREE_MODE && SLOTS > 0 && Array.from(state.collapsed).length) {
      var svg = sampleSvg(30, 16);
      svg.appendChild(svgEl("rect", { x: 1, y: 1, width: 28, height: 14, rx: 7, fill: "#ffffff", stroke: "#555555" }));
      var tl = svgEl("text", { x: 15, y: 12, "text-anchor": "middle", "font-size": 10 });
      tl.textContent = "+N";
      svg.appendChild(tl);
      legendRow(legend, svg, t("collapsed_note"));
    }
  }

  function typesOf(frame) {
    var seen = new Set();
    frame.edges.forEach(function (e) { seen.add(e.t); });
    return Array.from(seen).sort();
  }
  function allTypes() {
    var seen = new Set();
    DATA.frames.forEach(function (f) { typesOf(f).forEach(function (k) { seen.add(k); }); });
    return Array.from(seen).sort();
  }

  function renderFilters() {
    var box = document.getElementById("filters");
    box.replaceChildren();
    allTypes().forEach(function (type) {
      var label = el("label", "filter-row");
      var input = el("input");
      input.type = "checkbox";
      input.checked = !state.hidden.get(type);
      input.dataset.type = type;
      input.addEventListener("change", function () { setTypeVisible(type, input.checked); });
      label.appendChild(input);
      label.appendChild(el("span", null, t("type:" + type)));
      box.appendChild(label);
    });
  }

  function setTypeVisible(type, visible) {
    state.hidden.set(type, !visible);
    if (TREE_MODE) {
      drawTree();
    } else {
      var updates = [];
      currentFrame().edges.forEach(function (e) {
        if (e.t === type) updates.push({ id: e.id, hidden: !visible });
      });
      edges.update(updates);
    }
    document.querySelectorAll("#filters input").forEach(function (input) {
      if (input.dataset.type === type) input.checked = visible;
    });
    renderCounts();
    fitView();
  }

  function visibleEdgeCount() {
    if (TREE_MODE) return api.drawn ? api.drawn.lines.length : 0;
    return edges.get({ filter: function (item) { return !item.hidden; } }).length;
  }
  function nodeCount() {
    if (TREE_MODE) return api.drawn ? api.drawn.boxes.filter(function (b) { return !b.ghost; }).length : 0;
    return nodes.length;
  }

  function renderCounts() {
    var text = fill(t("nodes_edges"), { nodes: nodeCount(), edges: visibleEdgeCount() });
    if (TREE_MODE) {
      var total = currentFrame().nodes.filter(function (n) { return !n.ghost; }).length;
      if (total > nodeCount()) text += " · " + fill(t("of_total"), { total: total });
    }
    document.getElementById("counts").textContent = text;
  }

  function renderChanges() {
    var box = document.getElementById("changes-box");
    var list = document.getElementById("changes");
    list.replaceChildren();
    var frame = currentFrame();
    box.hidden = !isOption();
    if (!isOption()) return;
    document.getElementById("changes-title").textContent = fill(t("changes_in"), { option: pick(frame.name) });
    var changes = frame.changes || [];
    if (!changes.length) list.appendChild(el("li", null, t("no_changes")));
    changes.forEach(function (change) {
      list.appendChild(el("li", null, pick(change)));
    });
  }

  function renderText() {
    document.documentElement.lang = state.lang;
    api.texts = DATA.i18n[state.lang] || DATA.i18n.en;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    var frame = currentFrame();
    var title = DATA.title ? pick(DATA.title) : t("page_title");
    if (isOption()) title = fill(t("option_title"), { option: pick(frame.name) });
    document.title = title + " — " + t("view:" + DATA.view);
    document.getElementById("title").textContent = title;
    var sub = [t("view:" + DATA.view)];
    if (isOption()) sub.push(fill(t("after_of"), { model: DATA.title ? pick(DATA.title) : t("baseline") }));
    if (DATA.as_of && (!YEARS || isOption())) sub.push(t("as_of") + " " + DATA.as_of);
    else if (YEARS) sub.push(yearText(true));
    if (DATA.focus) sub.push(t("focus") + " " + nameOf(DATA.focus) + " (" + t("depth") + " " + DATA.depth + ")");
    document.getElementById("subtitle").textContent = sub.join(" · ");
    document.getElementById("search").placeholder = t("search");
    document.getElementById("search").setAttribute("aria-label", t("search"));
    document.getElementById("note").textContent = frame.layout === "preset" ? t("layout_note") : "";
    document.querySelectorAll("#langs button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    });
    var select = document.getElementById("frame");
    select.replaceChildren();
    DATA.frames.forEach(function (f, i) {
      var option = el("option", null, i === 0 ? t("baseline") : pick(f.name));
      option.value = String(i);
      select.appendChild(option);
    });
    select.value = String(state.frame);
    document.getElementById("frame-box").hidden = DATA.frames.length < 2;
    var compare = document.getElementById("compare");
    compare.replaceChildren(el("option", null, t("compare_none")));
    compare.firstChild.value = "";
    DATA.frames.forEach(function (f, i) {
      var option = el("option", null, i === 0 ? t("baseline") : pick(f.name));
      option.value = String(i);
      compare.appendChild(option);
    });
    compare.value = state.compare === null ? "" : String(state.compare);
    document.getElementById("compare-box").hidden = DATA.frames.length < 2 || !TREE_MODE;
    var toggle = document.getElementById("before-after");
    toggle.hidden = DATA.frames.length < 2;
    toggle.textContent = isOption() ? t("show_before") : t("show_after");
    document.getElementById("fit").textContent = t("fit");
    document.getElementById("fit").hidden = !TREE_MODE;
    document.getElementById("png").textContent = t("png");
    var history = document.getElementById("history-box");
    history.hidden = !YEARS || isOption();
    if (YEARS) {
      var slider = document.getElementById("year");
      slider.setAttribute("aria-label", t("history"));
      document.getElementById("year-out").textContent = yearText(false);
    }
  }

  function fitView() {
    if (TREE_MODE) fitTree();
    else network.fit({ animation: false });
  }

  var lastOption = 1;
  function load(index) {
    state.frame = index;
    if (index > 0) lastOption = index;
    var frame = currentFrame();
    byId = new Map();
    edgeById = new Map();
    searchIndex = [];
    frameBySlot = new Map();
    var year = index === 0 ? state.year : null;
    frame.nodes.forEach(function (n) {
      if (!validIn(n.v, year)) return;
      if (n.ghost) {
        if (TREE_MODE) frameBySlot.set(n.sl, n);
        return;
      }
      byId.set(n.id, n);
      if (TREE_MODE) frameBySlot.set(n.sl, n);
      searchIndex.push(n);
    });
    frame.edges.forEach(function (e) { edgeById.set(e.id, e); });
    var marks = { start: performance.now() };
    largeFrame = frame.layout === "preset";
    if (TREE_MODE) {
      lay();
      drawTree();
    } else {
      api.settled = frame.layout !== "physics";
      network.setOptions(visOptions(frame));
      // a simulation that keeps oscillating is stopped after a few seconds all the same
      if (!api.settled) setTimeout(function () { network.emit("stabilized", {}); }, 4000);
      nodes.clear();
      edges.clear();
      nodes.add(frame.nodes.map(visNode));
      edges.add(frame.edges.map(visEdge));
    }
    marks.drawn = performance.now();
    api.timings = marks;
    renderAll();
    showDetails(null);
    fitView();
  }
  function renderAll() {
    renderText();
    renderLegend();
    renderFilters();
    renderChanges();
    renderCounts();
    renderList();
  }

  function setFrame(index) {
    load(Math.max(0, Math.min(DATA.frames.length - 1, Number(index) || 0)));
  }

  function setLang(lang) {
    state.lang = lang === "fr" ? "fr" : "en";
    if (TREE_MODE) {
      drawTree();
    } else {
      nodes.update(currentFrame().nodes.map(visNode));
    }
    renderAll();
    showDetails(null);
    fitView();
  }

  function showDetails(content) {
    var box = document.getElementById("details");
    box.replaceChildren(content || el("p", null, t("details_hint")));
  }

  /* ---------------------------------------------------------------- search */

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function haystack(n) {
    if (n._hay === undefined) {
      var parts = [n.id];
      [n.n, n.l, n.a].forEach(function (value) {
        if (value === undefined || value === null) return;
        if (typeof value === "string") parts.push(value.slice(0, 2000));
        else value.forEach(function (v) { if (v) parts.push(String(v).slice(0, 2000)); });
      });
      Object.defineProperty(n, "_hay", { value: fold(parts.join(" ")), enumerable: false });
    }
    return n._hay;
  }
  function search(text) {
    var query = fold(text).trim();
    if (!query) return [];
    var exact = [];
    var found = [];
    for (var i = 0; i < searchIndex.length && found.length < 50; i += 1) {
      var n = searchIndex[i];
      if (fold(n.id) === query) exact.push(n.id);
      else if (haystack(n).indexOf(query) >= 0) found.push(n.id);
    }
    var seen = new Set();
    return exact.concat(found).filter(function (id) {
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    }).slice(0, 12);
  }

  function focusNode(id) {
    var n = byId.get(id);
    if (!n) return false;
    if (TREE_MODE) {
      expandTo(n.sl);
      refreshTree(false);
      focusSlot(n.sl, 1);
    } else {
      network.selectNodes([visId(id)]);
      network.focus(visId(id), { scale: 1.2, animation: false });
    }
    showDetails(nodeTip(n));
    api.focused = id;
    return true;
  }

  var input = document.getElementById("search");
  var results = document.getElementById("results");
  var active = -1;
  function resultLabel(n) {
    var name = shortLabel(pick(n.n));
    var acronym = n.a ? shortLabel(pick(n.a)) : "";
    return acronym && acronym !== name ? name + " (" + acronym + ")" : name;
  }
  function renderResults() {
    results.replaceChildren();
    active = -1;
    var ids = search(input.value);
    if (!input.value.trim()) {
      results.hidden = true;
      input.setAttribute("aria-expanded", "false");
      return;
    }
    if (!ids.length) results.appendChild(el("li", "empty", t("no_match")));
    ids.forEach(function (id, i) {
      var item = el("li", null, resultLabel(byId.get(id)));
      item.id = "result-" + i;
      item.setAttribute("role", "option");
      item.dataset.id = id;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        focusNode(id);
        results.hidden = true;
      });
      results.appendChild(item);
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function highlight(index) {
    var items = results.querySelectorAll("li[role=option]");
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.classList.toggle("active", i === active); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (results.hidden) renderResults();
      highlight(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active - 1);
    } else if (event.key === "Enter") {
      var items = results.querySelectorAll("li[role=option]");
      var ids = search(input.value);
      var id = active >= 0 && items[active] ? items[active].dataset.id : ids[0];
      if (id !== undefined) focusNode(id);
      results.hidden = true;
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  /* ---------------------------------------------------------------- list view */

  function renderList() {
    var list = document.getElementById("tree-list");
    if (!list) return;
    list.replaceChildren();
    if (!TREE_MODE) {
      document.getElementById("list-box").hidden = true;
      return;
    }
    var items = [];
    var shown = shownSlots();
    (DATA.tree.a || []).forEach(function (s) { shown[s] = !!places[s]; });  // beside the tree
    DATA.tree.o.concat(DATA.tree.a || []).forEach(function (s) {
      var n = frameBySlot.get(s);
      if (!shown[s] || !n || n.ghost) return;
      var item = el("li");
      item.setAttribute("role", "treeitem");
      item.setAttribute("aria-level", String(depthOf[s] + 1));
      item.style.paddingLeft = (depthOf[s] * 14) + "px";
      var status = statusOf(n);
      var text = shortLabel(pick(n.n)) + " — " + t("kind:" + n.k);
      if (status && status !== "unchanged") text += " — " + t("status:" + status);
      if (T.children[s].length) {
        var closed = state.collapsed.has(s);
        item.setAttribute("aria-expanded", String(!closed));
        if (closed) text += " (" + fill(t("expand"), { count: below[s] }) + ")";
      }
      item.textContent = text;
      item.tabIndex = items.length ? -1 : 0;
      item.dataset.slot = String(s);
      item.addEventListener("click", function () { focusNode(n.id); });
      item.addEventListener("keydown", function (event) { listKey(event, s, n); });
      items.push(item);
      list.appendChild(item);
    });
  }
  function listKey(event, s, n) {
    var items = Array.from(document.querySelectorAll("#tree-list li"));
    var index = items.indexOf(event.currentTarget);
    var move = function (to) {
      if (to < 0 || to >= items.length) return;
      items[index].tabIndex = -1;
      items[to].tabIndex = 0;
      items[to].focus();
    };
    if (event.key === "ArrowDown") { event.preventDefault(); move(index + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); move(index - 1); }
    else if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      var open = event.key === "ArrowRight";
      if (T.children[s].length && state.collapsed.has(s) === open) {
        toggleSlot(s);
        var again = document.querySelector('#tree-list li[data-slot="' + s + '"]');
        if (again) { again.tabIndex = 0; again.focus(); }
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      focusNode(n.id);
      var back = document.querySelector('#tree-list li[data-slot="' + s + '"]');
      if (back) { back.tabIndex = 0; back.focus(); }
    }
  }

  /* ---------------------------------------------------------------- PNG */

  function downloadPng() {
    var name = (DATA.view || "map") + ".png";
    var link = document.createElement("a");
    if (TREE_MODE) {
      var svg = document.getElementById("map");
      var size = viewportSize();
      var copy = svg.cloneNode(true);
      copy.setAttribute("xmlns", SVGNS);
      copy.setAttribute("width", size.w);
      copy.setAttribute("height", size.h);
      var style = svgEl("style");
      style.textContent = "text{font-family:system-ui,sans-serif}";
      copy.insertBefore(style, copy.firstChild);
      var source = new XMLSerializer().serializeToString(copy);
      var image = new Image();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        canvas.width = size.w * 2;
        canvas.height = size.h * 2;
        var context = canvas.getContext("2d");
        context.fillStyle = "#ffffff";
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.scale(2, 2);
        context.drawImage(image, 0, 0);
        link.href = canvas.toDataURL("image/png");
        link.download = name;
        api.pngBytes = link.href.length;
        link.click();
      };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(source);
    } else {
      var canvasEl = container.querySelector("canvas");
      link.href = canvasEl.toDataURL("image/png");
      link.download = name;
      api.pngBytes = link.href.length;
      link.click();
    }
  }

  document.querySelectorAll("#langs button").forEach(function (button) {
    button.addEventListener("click", function () { setLang(button.dataset.lang); });
  });
  document.getElementById("frame").addEventListener("change", function (event) {
    setFrame(event.target.value);
  });
  document.getElementById("before-after").addEventListener("click", function () {
    setFrame(isOption() ? 0 : lastOption);
  });
  document.getElementById("png").addEventListener("click", downloadPng);
  document.getElementById("compare").addEventListener("change", function (event) {
    setCompare(event.target.value);
  });
  if (!TREE_MODE) {
    network.on("click", function (params) {
      var picked = params.nodes.length ? modelId(params.nodes[0]) : null;
      if (picked !== null && byId.has(picked)) showDetails(nodeTip(byId.get(picked)));
      else if (params.edges.length && edgeById.has(params.edges[0])) showDetails(edgeTip(edgeById.get(params.edges[0])));
    });
  } else {
    wirePanZoom();
  }

  /* what the slider shows: every date, the page's as-of date, or a year */
  function yearText(long) {
    if (state.year === null) return t("all_dates");
    if (typeof state.year === "string") return (long ? t("as_of") + " " : "") + state.year;
    return (long ? t("in_year") + " " : "") + state.year;
  }
  function setYear(year) {
    state.year = year === null || year === undefined || !YEARS || Number(year) > YEARS[1] ? null : Number(year);
    var slider = document.getElementById("year");
    if (YEARS) slider.value = String(state.year === null ? YEARS[1] + 1 : state.year);
    load(0);
  }
  YEARS = historyYears();
  if (YEARS) {
    var slider = document.getElementById("year");
    slider.min = String(YEARS[0]);
    slider.max = String(YEARS[1] + 1);  // the last step: every date
    slider.step = "1";
    slider.value = slider.max;
    if (DATA.history && DATA.as_of) {  // the page opens at its date
      state.year = DATA.as_of;
      slider.value = DATA.as_of.slice(0, 4);
    }
    slider.addEventListener("input", function () { setYear(slider.value); });
  }
  api.setYear = setYear;
  api.setCompare = setCompare;
  api.years = YEARS;
  api.search = search;
  api.focus = focusNode;
  api.setLang = setLang;
  api.setFrame = setFrame;
  api.setTypeVisible = setTypeVisible;
  api.visibleEdgeCount = visibleEdgeCount;
  api.nodeCount = nodeCount;
  api.frameCount = DATA.frames.length;
  api.fit = fitView;
  api.toggle = function (id) { var s = slotOf(id); if (s !== undefined) toggleSlot(s); };
  api.collapsed = function () { return Array.from(state.collapsed); };
  api.layout = function (all) {
    if (!TREE_MODE) return null;
    var shown = all ? new Array(SLOTS).fill(true) : shownSlots();
    return T.layout(shown);
  };
  api.png = downloadPng;
  window.addEventListener("beforeprint", function () { fitView(); });
  window.addEventListener("afterprint", function () { fitView(); });

  if (TREE_MODE) {
    frameBySlot = new Map();
    currentFrame().nodes.forEach(function (n) { frameBySlot.set(n.sl, n); });
    initialCollapse();
  }
  load(0);
  api.scriptDone = performance.now();
  function markReady() {
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  }
  if (TREE_MODE) {
    requestAnimationFrame(function () { requestAnimationFrame(markReady); });
  } else {
    network.once("afterDrawing", markReady);
    network.redraw();
  }
})();
