/* govgraph HTML view: turns the embedded JSON into vis-network DataSets and wires the
 * legend, search, relationship filter, language switch and option switch.
 * Every text that comes from the model reaches the page through textContent or a
 * canvas label, never through innerHTML: names are untrusted. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("govgraph-data").textContent);
  var STYLE = DATA.style;
  var state = { lang: DATA.lang === "fr" ? "fr" : "en", frame: 0, hidden: {} };
  var largeFrame = false;
  var byId = {};
  var edgeById = {};
  var searchIndex = [];
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var api = { ready: false, readyAt: null, nodes: nodes, edges: edges };
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
  function row(box, label, value) {
    if (value === undefined || value === null || value === "") return;
    var line = el("div", "tip-row");
    line.appendChild(el("span", "tip-key", label + ": "));
    line.appendChild(el("span", "tip-value", value));
    box.appendChild(line);
  }
  function show(value) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") {
      if (Array.isArray(value) && value.every(function (x) { return typeof x !== "object"; })) {
        return value.join(", ");
      }
      return JSON.stringify(value);
    }
    return String(value);
  }
  function period(v) {
    if (!v) return "";
    if (v[0] && v[1]) return v[0] + " – " + v[1];
    if (v[0]) return t("since") + " " + v[0];
    return t("until") + " " + v[1];
  }
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
    if (n.st) row(box, t("status"), t("status:" + n.st));
    row(box, t("description"), n.d);
    if (n.v) row(box, t("valid"), period(n.v));
    if (n.tg) row(box, t("tags"), n.tg.join(", "));
    if (n.at) {
      Object.keys(n.at).forEach(function (key) {
        row(box, key, show(n.at[key]));
      });
    }
    row(box, t("source"), n.s || t("no_source"));
    return box;
  }
  function nameOf(id) {
    var n = byId[id];
    return n ? pick(n.n) : id;
  }
  function edgeTip(e) {
    var box = el("div", "tip");
    box.appendChild(el("div", "tip-title", nameOf(e.f) + " → " + t("type:" + e.t) + " → " + nameOf(e.to)));
    row(box, t("relationship"), e.t === "OVERLAP" ? t("type:OVERLAP") : e.t);
    if (e.fo !== undefined) row(box, t("kind"), e.fo ? t("formal") : t("informal"));
    if (e.ro) row(box, t("role"), t("role:" + e.ro));
    if (e.le) row(box, t("level"), t("level:" + e.le));
    if (e.se) row(box, t("service"), e.se);
    if (e.st) row(box, t("status"), t("status:" + e.st));
    if (e.v) row(box, t("valid"), period(e.v));
    if (e.w !== undefined) row(box, t("jaccard"), e.w.toFixed(2));
    if (e.sm && e.sm.length) row(box, t("shared_members"), e.sm.map(pick).join(", "));
    if (e.sp && e.sp.length) row(box, t("shared_priorities"), e.sp.map(pick).join(", "));
    if (e.at) {
      Object.keys(e.at).forEach(function (key) {
        row(box, key, show(e.at[key]));
      });
    }
    if (e.t !== "OVERLAP") row(box, t("source"), e.s || t("no_source"));
    return box;
  }

  function visNode(n) {
    var item = { id: n.id, label: pick(n.l), title: nodeTip(n), group: n.k };
    if (isOption() || n.focus || n.st) {
      var kind = STYLE.kinds[n.k] || { color: "#999999", shape: "dot", font: "#222222" };
      var color = isOption() ? STYLE.status[n.st || "unchanged"] : kind.color;
      item.color = { background: color, border: n.focus ? "#000000" : color,
                     highlight: { background: color, border: "#000000" } };
      if (isOption()) item.font = { color: "#222222" };
      item.borderWidth = n.focus ? 4 : largeFrame ? 0 : 1;
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
        borderWidth: large ? 0 : 1  // a border is one more canvas stroke per node
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
    if (isOption()) color = STYLE.status[e.st || "unchanged"];
    if (e.st === "removed") dashes = [3, 6];
    return {
      id: e.id,
      from: e.f,
      to: e.to,
      title: edgeTip(e),
      width: width,
      dashes: dashes,
      color: { color: color, highlight: "#000000", hover: color, inherit: false },
      arrows: e.t === "OVERLAP" || largeFrame ? "" : { to: { enabled: true, scaleFactor: 0.6 } },
      hidden: !!state.hidden[e.t]
    };
  }

  function options(frame) {
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
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {});
  api.network = network;

  function typesOf(frame) {
    var seen = {};
    frame.edges.forEach(function (e) { seen[e.t] = true; });
    return Object.keys(seen).sort();
  }
  function allTypes() {
    var seen = {};
    DATA.frames.forEach(function (f) { typesOf(f).forEach(function (k) { seen[k] = true; }); });
    return Object.keys(seen).sort();
  }

  function renderLegend() {
    var legend = document.getElementById("legend");
    legend.replaceChildren();
    var frame = currentFrame();
    if (isOption()) {
      ["created", "removed", "moved", "renamed", "modified", "unchanged"].forEach(function (status) {
        var line = el("div", "legend-row");
        var swatch = el("span", "swatch");
        swatch.style.background = STYLE.status[status];
        line.appendChild(swatch);
        line.appendChild(el("span", null, t("status:" + status)));
        legend.appendChild(line);
      });
    }
    var kinds = {};
    frame.nodes.forEach(function (n) { kinds[n.k] = true; });
    if (!isOption()) legend.appendChild(el("h3", null, t("kinds")));
    Object.keys(STYLE.kinds).forEach(function (kind) {
      if (!kinds[kind] || isOption()) return;
      var line = el("div", "legend-row");
      var swatch = el("span", "swatch");
      swatch.style.background = STYLE.kinds[kind].color;
      if (STYLE.kinds[kind].shape !== "box") swatch.style.borderRadius = "50%";
      line.appendChild(swatch);
      line.appendChild(el("span", null, t("kind:" + kind)));
      legend.appendChild(line);
    });
    var types = typesOf(frame);
    if (types.length) legend.appendChild(el("h3", null, t("types")));
    types.forEach(function (type) {
      var style = STYLE.types[type];
      var line = el("div", "legend-row");
      var sample = el("span", "line");
      sample.style.borderTopColor = style.color;
      sample.style.borderTopStyle = style.dashes ? (style.dashes[0] <= 2 ? "dotted" : "dashed") : "solid";
      line.appendChild(sample);
      line.appendChild(el("span", null, t("type:" + type)));
      legend.appendChild(line);
      if (type === "REPORTS_TO") {
        var informal = el("div", "legend-row");
        var dashed = el("span", "line");
        dashed.style.borderTopColor = style.color;
        dashed.style.borderTopStyle = "dashed";
        informal.appendChild(dashed);
        informal.appendChild(el("span", null, t("type:REPORTS_TO") + " — " + t("informal")));
        legend.appendChild(informal);
      }
    });
    if (types.indexOf("ENGAGES_WITH") >= 0) {
      legend.appendChild(el("h3", null, t("continuum")));
      Object.keys(STYLE.levels).forEach(function (level) {
        var line = el("div", "legend-row");
        var sample = el("span", "line");
        sample.style.borderTopColor = STYLE.types.ENGAGES_WITH.color;
        sample.style.borderTopWidth = STYLE.levels[level] + "px";
        line.appendChild(sample);
        line.appendChild(el("span", null, t("level:" + level)));
        legend.appendChild(line);
      });
    }
  }

  function renderFilters() {
    var box = document.getElementById("filters");
    box.replaceChildren();
    allTypes().forEach(function (type) {
      var label = el("label", "filter-row");
      var input = el("input");
      input.type = "checkbox";
      input.checked = !state.hidden[type];
      input.dataset.type = type;
      input.addEventListener("change", function () { setTypeVisible(type, input.checked); });
      label.appendChild(input);
      label.appendChild(el("span", null, t("type:" + type)));
      box.appendChild(label);
    });
  }

  function setTypeVisible(type, visible) {
    state.hidden[type] = !visible;
    var updates = [];
    currentFrame().edges.forEach(function (e) {
      if (e.t === type) updates.push({ id: e.id, hidden: !visible });
    });
    edges.update(updates);
    document.querySelectorAll("#filters input").forEach(function (input) {
      if (input.dataset.type === type) input.checked = visible;
    });
    renderCounts();
  }

  function visibleEdgeCount() {
    return edges.get({ filter: function (item) { return !item.hidden; } }).length;
  }

  function renderCounts() {
    document.getElementById("counts").textContent =
      fill(t("nodes_edges"), { nodes: nodes.length, edges: visibleEdgeCount() });
  }

  function renderChanges() {
    var box = document.getElementById("changes-box");
    var list = document.getElementById("changes");
    list.replaceChildren();
    var frame = currentFrame();
    box.hidden = !isOption();
    if (!isOption()) return;
    var changes = frame.changes || [];
    if (!changes.length) list.appendChild(el("li", null, t("no_changes")));
    changes.forEach(function (change) {
      list.appendChild(el("li", null, pick(change)));
    });
  }

  function renderText() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    var title = DATA.title ? pick(DATA.title) : t("page_title");
    document.title = title + " — " + t("view:" + DATA.view);
    document.getElementById("title").textContent = title;
    var sub = [t("view:" + DATA.view)];
    if (DATA.as_of) sub.push(t("as_of") + " " + DATA.as_of);
    if (DATA.focus) sub.push(t("focus") + " " + nameOf(DATA.focus) + " (" + t("depth") + " " + DATA.depth + ")");
    document.getElementById("subtitle").textContent = sub.join(" · ");
    document.getElementById("search").placeholder = t("search");
    document.getElementById("search").setAttribute("aria-label", t("search"));
    document.getElementById("note").textContent = currentFrame().layout === "preset" ? t("layout_note") : "";
    document.querySelectorAll("#langs button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === state.lang));
    });
    var select = document.getElementById("frame");
    select.replaceChildren();
    DATA.frames.forEach(function (frame, i) {
      var option = el("option", null, i === 0 ? t("baseline") : pick(frame.name));
      option.value = String(i);
      select.appendChild(option);
    });
    select.value = String(state.frame);
    document.getElementById("frame-box").hidden = DATA.frames.length < 2;
  }

  function load(index) {
    state.frame = index;
    var frame = currentFrame();
    byId = {};
    edgeById = {};
    searchIndex = [];
    frame.nodes.forEach(function (n) {
      byId[n.id] = n;
      var hay = [n.id, show(n.n), show(n.l), show(n.a || "")].join(" ").toLowerCase();
      searchIndex.push([n.id, hay]);
    });
    frame.edges.forEach(function (e) { edgeById[e.id] = e; });
    var marks = { start: performance.now() };
    largeFrame = frame.layout === "preset";
    network.setOptions(options(frame));
    nodes.clear();
    edges.clear();
    marks.options = performance.now();
    var nodeItems = frame.nodes.map(visNode);
    marks.nodeItems = performance.now();
    nodes.add(nodeItems);
    marks.nodesAdded = performance.now();
    var edgeItems = frame.edges.map(visEdge);
    marks.edgeItems = performance.now();
    edges.add(edgeItems);
    marks.edgesAdded = performance.now();
    api.timings = marks;
    renderText();
    renderLegend();
    renderFilters();
    renderChanges();
    renderCounts();
    showDetails(null);
    network.fit({ animation: false });
  }

  function setFrame(index) {
    load(Math.max(0, Math.min(DATA.frames.length - 1, Number(index) || 0)));
  }

  function setLang(lang) {
    state.lang = lang === "fr" ? "fr" : "en";
    nodes.update(currentFrame().nodes.map(function (n) {
      return { id: n.id, label: pick(n.l), title: nodeTip(n) };
    }));
    edges.update(currentFrame().edges.map(function (e) {
      return { id: e.id, title: edgeTip(e) };
    }));
    renderText();
    renderLegend();
    renderFilters();
    renderChanges();
    renderCounts();
    showDetails(null);
  }

  function showDetails(content) {
    var box = document.getElementById("details");
    box.replaceChildren(content || el("p", null, t("details_hint")));
  }

  function search(text) {
    var query = String(text || "").trim().toLowerCase();
    if (!query) return [];
    var exact = [];
    var found = [];
    for (var i = 0; i < searchIndex.length && found.length < 50; i += 1) {
      var entry = searchIndex[i];
      if (entry[0].toLowerCase() === query) exact.push(entry[0]);
      else if (entry[1].indexOf(query) >= 0) found.push(entry[0]);
    }
    return exact.concat(found).slice(0, 12);
  }

  function focusNode(id) {
    if (!byId[id]) return false;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showDetails(nodeTip(byId[id]));
    api.focused = id;
    return true;
  }

  var input = document.getElementById("search");
  var results = document.getElementById("results");
  function renderResults() {
    results.replaceChildren();
    var ids = search(input.value);
    if (!input.value.trim()) {
      results.hidden = true;
      return;
    }
    if (!ids.length) results.appendChild(el("li", null, t("no_match")));
    ids.forEach(function (id) {
      var item = el("li", null, pick(byId[id].n) + " (" + pick(byId[id].l) + ")");
      item.dataset.id = id;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        focusNode(id);
        results.hidden = true;
      });
      results.appendChild(item);
    });
    results.hidden = false;
  }
  input.addEventListener("input", renderResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var ids = search(input.value);
      if (ids.length) focusNode(ids[0]);
      results.hidden = true;
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  input.addEventListener("blur", function () { results.hidden = true; });

  document.querySelectorAll("#langs button").forEach(function (button) {
    button.addEventListener("click", function () { setLang(button.dataset.lang); });
  });
  document.getElementById("frame").addEventListener("change", function (event) {
    setFrame(event.target.value);
  });
  network.on("click", function (params) {
    if (params.nodes.length && byId[params.nodes[0]]) showDetails(nodeTip(byId[params.nodes[0]]));
    else if (params.edges.length && edgeById[params.edges[0]]) showDetails(edgeTip(edgeById[params.edges[0]]));
  });

  api.search = search;
  api.focus = focusNode;
  api.setLang = setLang;
  api.setFrame = setFrame;
  api.setTypeVisible = setTypeVisible;
  api.visibleEdgeCount = visibleEdgeCount;
  api.frameCount = DATA.frames.length;

  network.on("stabilizationIterationsDone", function () {
    network.fit({ animation: false });
  });
  load(0);
  api.scriptDone = performance.now();
  // the first drawing with the data in it (the DataSets are filled by now)
  network.once("afterDrawing", function () {
    api.ready = true;
    api.readyAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  });
  network.redraw();
})();
