// The map: country shapes from world-atlas (TopoJSON) drawn with d3-geo, events as points
// from /api/map, filtered as the page's form says. No tiles, no external origin.
// One marker per place and precision: ● a town, ◎ a region (at the town it is named after),
// ○ a country (at its capital, standing for the whole state). Text is set with textContent only.
(function () {
  "use strict";
  var box = document.getElementById("map");
  if (!box || !window.d3 || !window.topojson) { return; }
  var NS = "http://www.w3.org/2000/svg";
  // bidi embeddings/overrides/isolates: article-supplied text must not reorder what follows it
  var BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
  var RADIUS = { exact: 4, region: 7, country: 10 };

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = String(text).replace(BIDI, ""); }
    return e;
  }
  function query() {
    var q = new URLSearchParams();
    ["actor", "type", "status", "since", "until", "country", "near"].forEach(function (k) {
      var v = box.getAttribute("data-" + k);
      if (v) { q.set(k, v); }
    });
    if (q.has("near")) { q.set("km", box.getAttribute("data-km")); }
    var s = q.toString();
    return box.getAttribute("data-api") + (s ? "?" + s : "");
  }
  function json(url) {
    return fetch(url).then(function (r) { if (!r.ok) { throw new Error(url + ": HTTP " + r.status); } return r.json(); });
  }
  function groups(features) {
    var by = {}, out = [];
    features.forEach(function (f) {
      var c = f.geometry.coordinates, p = f.properties, key = c[0] + "," + c[1] + "," + p.precision;
      if (!by[key]) { by[key] = { lon: c[0], lat: c[1], props: p, events: [] }; out.push(by[key]); }
      by[key].events.push(p);
    });
    return out;
  }
  function draw(topo, data) {
    var width = box.clientWidth || 960, height = Math.max(360, Math.round(width * 0.55));
    var land = topojson.feature(topo, topo.objects.countries);
    var projection = d3.geoNaturalEarth1();
    if (data.features.length) {
      // fit the events (with a few degrees around each) rather than the world: the analyst's region
      var circles = data.features.map(function (f) {
        return { type: "Feature", geometry: d3.geoCircle().center(f.geometry.coordinates).radius(4)() };
      });
      projection.fitExtent([[16, 16], [width - 16, height - 16]], { type: "FeatureCollection", features: circles });
    } else {
      projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
    }
    var path = d3.geoPath(projection);
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                          "aria-label": "map of " + data.features.length + " placed events" });
    svg.appendChild(el("path", { "class": "sphere", d: path({ type: "Sphere" }) }));
    var shapes = el("g", { "class": "countries" });
    land.features.forEach(function (f) {
      var d = path(f);
      if (!d) { return; }
      var p = el("path", { "class": "country", d: d, "data-id": String(f.id || "") });
      p.appendChild(el("title", {}, (f.properties && f.properties.name) || ""));
      shapes.appendChild(p);
    });
    svg.appendChild(shapes);
    var marks = el("g", { "class": "points" });
    groups(data.features).forEach(function (g) {
      var xy = projection([g.lon, g.lat]);
      if (!xy) { return; }
      var a = el("a", { href: g.events[0].href, "class": "point",
                        "data-lat": g.lat, "data-lon": g.lon, "data-country": g.props.country,
                        "data-precision": g.props.precision, "data-place": g.props.place,
                        "data-events": g.events.map(function (e) { return e.event; }).join(" ") });
      var c = el("circle", { cx: xy[0], cy: xy[1], r: RADIUS[g.props.precision] || 4,
                             "class": "p-" + g.props.precision + " q-" + String(g.props.quad).replace(/ /g, "-") });
      c.appendChild(el("title", {}, g.props.place + (g.props.region ? ", " + g.props.region : "") + " (" +
        g.props.country + ", " + g.props.precision + ")\n" +
        g.events.map(function (e) { return (e.date || "undated") + " · " + e.label + " (" + e.status + ")"; }).join("\n")));
      a.appendChild(c);
      a.appendChild(el("text", { "class": "lbl", x: xy[0] + (RADIUS[g.props.precision] || 4) + 3, y: xy[1] + 4 },
                       g.props.place + (g.events.length > 1 ? " (" + g.events.length + ")" : "")));
      marks.appendChild(a);
    });
    svg.appendChild(marks);
    box.textContent = "";
    box.appendChild(svg);
    // for scripts and tests: where a [lon, lat] lands on the drawing
    window.cgMap = { project: function (lon, lat) { return projection([lon, lat]); } };
    box.setAttribute("data-points", String(marks.childNodes.length));
    box.setAttribute("data-ready", String(data.features.length));
  }
  Promise.all([json(box.getAttribute("data-atlas")), json(query())])
    .then(function (r) { draw(r[0], r[1]); })
    .catch(function (err) { box.textContent = "Could not load the map: " + err.message; });
})();
