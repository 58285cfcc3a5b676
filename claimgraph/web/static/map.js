// The map: country shapes from world-atlas (TopoJSON, served from our vendor folder) drawn with
// d3-geo's Equal Earth projection into an SVG built with DOM calls; events from /api/map as circles
// sized by count. Names go in as text nodes (never HTML): place names come from the gazetteer,
// but the sample links carry ids from the store. No tile server, nothing fetched from elsewhere.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.d3 || !window.topojson) { return; }
  var NS = "http://www.w3.org/2000/svg";
  function el(name, attrs) {
    var n = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  var width = 960, height = 500;
  var query = box.getAttribute("data-query");
  Promise.all([
    fetch(box.getAttribute("data-shapes")).then(function (r) { return r.json(); }),
    fetch(box.getAttribute("data-api") + (query ? "?" + query : "")).then(function (r) { return r.json(); })
  ]).then(function (res) {
    var world = res[0], data = res[1];
    var countries = window.topojson.feature(world, world.objects.countries);
    var projection = window.d3.geoEqualEarth().fitSize([width, height], { type: "Sphere" });
    var path = window.d3.geoPath(projection);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, "class": "map-svg", role: "img",
                          "aria-label": "events by place" });
    svg.appendChild(el("path", { d: path({ type: "Sphere" }), "class": "sphere" }));
    var g = el("g", { "class": "countries" });
    countries.features.forEach(function (f) {
      var p = el("path", { d: path(f) || "", "class": "country" });
      var t = el("title"); t.textContent = (f.properties && f.properties.name) || ""; p.appendChild(t);
      g.appendChild(p);
    });
    svg.appendChild(g);
    var dots = el("g", { "class": "points" });
    var max = Math.max.apply(null, data.points.map(function (p) { return p.events; }).concat([1]));
    data.points.forEach(function (p) {
      var xy = projection([p.lon, p.lat]);
      if (!xy) { return; }
      var href = p.sample.length && p.sample[0].href.charAt(0) === "/" ? p.sample[0].href : "#";
      var a = el("a", { href: href, "class": "map-point" });
      a.setAttribute("data-place", p.name);
      var c = el("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (3 + 9 * Math.sqrt(p.events / max)).toFixed(1),
                             "class": "point precision-" + p.precision });
      var t = el("title");
      t.textContent = p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " event(s), " +
                      p.precision + " precision";
      c.appendChild(t);
      a.appendChild(c);
      dots.appendChild(a);
    });
    svg.appendChild(dots);
    box.appendChild(svg);
    box.setAttribute("data-ready", String(data.points.length));
  }).catch(function (err) {
    box.textContent = "Could not draw the map: " + err.message;
    box.setAttribute("data-ready", "error");
  });
})();
