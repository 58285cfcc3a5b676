// Actor graph: fetches /api/graph with the page's filters and draws it with cytoscape.
// Labels go to cytoscape's canvas as data, never into HTML, so actor names
// taken from article text cannot become markup. Works only when the vendor
// build is present; the page shows a table otherwise.
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box) { return; }
  if (typeof window.cytoscape !== "function") {
    var p = document.createElement("p");
    p.className = "notice";
    p.textContent = "The graph library failed to load; the table below lists the same edges.";
    box.replaceWith(p);
    return;
  }
  var css = getComputedStyle(document.documentElement);
  // bidi embeddings/overrides/isolates: an actor name must not reorder the labels around it
  var BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
  function colour(quad) {
    var v = css.getPropertyValue("--q-" + String(quad || "unknown").replace(/ /g, "-")).trim();
    return v || "#8a8a8a";
  }
  function width(e) {
    if (e.support !== undefined) { return Math.min(1.5 + 1.5 * Math.sqrt(e.support), 14); }  // aggregated
    if (e.kind !== "claim" || !e.credibility) { return 1.5; }
    return Math.max(1, 7 - e.credibility);
  }
  function label(e) {
    if (e.count > 1) { return e.quad + " ×" + e.count; }
    return e.type + (e.grade ? " " + e.grade : "");
  }
  var url = box.getAttribute("data-api") + window.location.search;
  fetch(url, { headers: { "Accept": "application/json" } })
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (g) {
      var elements = [], degree = {};
      g.edges.forEach(function (e) {
        degree[e.source] = (degree[e.source] || 0) + 1;
        degree[e.target] = (degree[e.target] || 0) + 1;
      });
      // start from a circle (deterministic), then let the force layout spread it
      g.nodes.forEach(function (n, i) {
        var a = 2 * Math.PI * i / Math.max(g.nodes.length, 1);
        elements.push({ group: "nodes", position: { x: 400 * Math.cos(a), y: 300 * Math.sin(a) },
          data: { id: n.id, label: String(n.label).replace(BIDI, ""), kind: n.kind, href: n.href,
                  size: Math.round(16 + 6 * Math.sqrt(degree[n.id] || 0)) } });
      });
      g.edges.forEach(function (e, i) {
        elements.push({ group: "edges", data: {
          id: "e" + i, cid: e.id, source: e.source, target: e.target, href: e.href,
          label: label(e), colour: colour(e.quad), width: width(e), arrow: e.both_ways ? "none" : "triangle",
          style: e.kind === "event" ? "dotted" : (e.kind === "claim" && e.credibility >= 4 ? "dashed" : "solid")
        } });
      });
      var cy = window.cytoscape({
        container: box, elements: elements,
        layout: g.nodes.length <= 12 ? { name: "circle", padding: 40 } :
          { name: "cose", animate: false, randomize: false, padding: 30, idealEdgeLength: 110,
            nodeRepulsion: 600000, nodeOverlap: 40, gravity: 0.6, numIter: 1500 },
        style: [
          { selector: "node", style: { "label": "data(label)", "background-color": "#495057", "color": "#1d232b",
            "font-size": 18, "text-valign": "bottom", "text-margin-y": 4, "width": "data(size)",
            "height": "data(size)", "text-background-color": "#fff", "text-background-opacity": 0.7 } },
          { selector: "node[kind = 'country']", style: { "shape": "round-rectangle", "background-color": "#364fc7" } },
          { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "data(arrow)",
            "line-color": "data(colour)", "target-arrow-color": "data(colour)", "width": "data(width)",
            "line-style": "data(style)", "label": "data(label)", "font-size": 9, "text-rotation": "autorotate",
            "min-zoomed-font-size": 11, "color": "#495057", "text-background-color": "#fff",
            "text-background-opacity": 0.8, "opacity": 0.85, "loop-direction": "-45deg", "loop-sweep": "-60deg" } },
          { selector: "edge.hover, node.hover", style: { "min-zoomed-font-size": 0, "opacity": 1, "z-index": 10 } },
          { selector: ":selected", style: { "overlay-opacity": 0.15 } }
        ]
      });
      cy.on("mouseover", "node, edge", function (evt) {
        evt.target.addClass("hover");
        if (evt.target.isNode()) { evt.target.connectedEdges().addClass("hover"); }
      });
      cy.on("mouseout", "node, edge", function () { cy.elements().removeClass("hover"); });
      // a click opens the actor (or the claim / dyad); a double-click on an actor redraws the graph
      // around it, keeping the page's filters — so a single click waits a moment for a second one
      var pending = null;
      cy.on("tap", "node, edge", function (evt) {
        var href = evt.target.data("href");
        if (!href || href.charAt(0) !== "/") { return; }
        clearTimeout(pending);
        pending = setTimeout(function () { window.location.assign(href); }, evt.target.isNode() ? 350 : 0);
      });
      cy.on("dbltap", "node", function (evt) {
        clearTimeout(pending);
        var q = new URLSearchParams(window.location.search);
        q.set("focus", evt.target.id());
        window.location.assign("/graph?" + q.toString());
      });
      window.cgGraph = cy;  // for tests and the console: the live graph
      box.setAttribute("data-ready", String(g.edges.length));
    })
    .catch(function (err) {
      box.textContent = "Could not load the graph: " + err.message;
      box.setAttribute("data-ready", "error");
    });
})();
