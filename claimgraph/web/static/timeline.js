// Zoomable timeline (days → decades) drawn as SVG from /api/timeline.
// Each event is a bar over its event-date interval (a year is the whole year)
// with a dotted line to a diamond at its reporting date. Text is set with
// textContent only. Zoom: +/− buttons or the wheel; pan: drag.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  if (!box) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000, YEAR = 365.25 * DAY;
  var LANE = 18, TOP = 28, LEFT = 10, LABEL = 320;
  var events = [], view = null, full = null, svg = null;
  // bidi embeddings/overrides/isolates: article-supplied text must not reorder what follows it
  var BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

  function t(iso) { return Date.parse(iso + "T00:00:00Z"); }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = String(text).replace(BIDI, ""); }
    return e;
  }
  function unit(span) {
    if (span > 60 * YEAR) { return "decades"; }
    if (span > 5 * YEAR) { return "years"; }
    if (span > 400 * DAY) { return "quarters"; }
    if (span > 60 * DAY) { return "months"; }
    return "days";
  }
  function ticks(a, b) {
    var u = unit(b - a), out = [], d = new Date(a), y = d.getUTCFullYear(), m;
    if (u === "decades" || u === "years") {
      var step = u === "decades" ? 10 : 1;
      for (y = Math.floor(y / step) * step; ; y += step) {
        var ty = Date.UTC(y, 0, 1); if (ty > b) { break; } if (ty >= a) { out.push([ty, String(y)]); }
      }
    } else if (u === "quarters" || u === "months") {
      var mstep = u === "quarters" ? 3 : 1;
      for (m = Math.floor(d.getUTCMonth() / mstep) * mstep; ; m += mstep) {
        var tm = Date.UTC(y, m, 1); if (tm > b) { break; }
        if (tm >= a) { var dm = new Date(tm); out.push([tm, dm.getUTCFullYear() + "-" + String(dm.getUTCMonth() + 1).padStart(2, "0")]); }
      }
    } else {
      var dstep = (b - a) > 20 * DAY ? 7 : 1;
      for (var td = Date.UTC(y, d.getUTCMonth(), d.getUTCDate()); td <= b; td += dstep * DAY) {
        out.push([td, new Date(td).toISOString().slice(0, 10)]);
      }
    }
    return out;
  }
  function draw() {
    var width = box.clientWidth || 900, plot = width - LEFT - LABEL;
    var height = TOP + LANE * Math.max(events.length, 1) + 10;
    var x = function (ms) { return LEFT + (ms - view[0]) / (view[1] - view[0]) * plot; };
    var s = el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                        "aria-label": "timeline" });
    ticks(view[0], view[1]).forEach(function (tk) {
      var tx = x(tk[0]);
      s.appendChild(el("line", { "class": "grid", x1: tx, x2: tx, y1: 16, y2: height }));
      s.appendChild(el("text", { "class": "tick", x: tx + 2, y: 12 }, tk[1]));
    });
    events.forEach(function (e, i) {
      var y = TOP + i * LANE, x0 = x(t(e.start)), x1 = x(t(e.end) + DAY);
      if (x1 < LEFT || x0 > LEFT + plot) { return; }
      x0 = Math.max(x0, LEFT); x1 = Math.min(x1, LEFT + plot);
      var a = el("a", { href: e.href, "class": "tl-event", "data-event": e.id });
      var r = el("rect", { "class": "q-" + String(e.quad).replace(/ /g, "-"), x: x0, y: y, height: 12,
                           width: Math.max(x1 - x0, 3) });
      r.appendChild(el("title", {}, e.label + " — " + e.date + " (" + e.status + ")"));
      a.appendChild(r);
      s.appendChild(a);
      if (e.reported_start) {
        var rx = x(t(e.reported_start));
        if (rx >= LEFT && rx <= LEFT + plot) {
          s.appendChild(el("line", { "class": "report-link", x1: x1, x2: rx, y1: y + 6, y2: y + 6 }));
          var dia = el("path", { "class": "reported", d: "M" + rx + " " + (y + 1) + " l5 5 l-5 5 l-5 -5 z" });
          dia.appendChild(el("title", {}, "reported " + e.reported + (e.outlet ? " by " + e.outlet : "")));
          s.appendChild(dia);
        }
      }
      s.appendChild(el("text", { "class": "lbl", x: LEFT + plot + 8, y: y + 10 }, e.date + " · " + e.label));
    });
    if (svg) { box.replaceChild(s, svg); } else { box.appendChild(s); }
    svg = s;
    box.setAttribute("data-unit", unit(view[1] - view[0]));
    var label = document.getElementById("tl-scale");
    if (label) { label.textContent = "ticks: " + unit(view[1] - view[0]); }
    attach();
  }
  function zoom(factor, centre) {
    var span = view[1] - view[0], c = centre === undefined ? (view[0] + view[1]) / 2 : centre;
    var next = Math.min(Math.max(span * factor, 7 * DAY), 500 * YEAR);
    var frac = (c - view[0]) / span;
    view = [c - next * frac, c - next * frac + next];
    draw();
  }
  var drag = null;
  function attach() {
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var rect = svg.getBoundingClientRect(), plot = rect.width - LEFT - LABEL;
      var c = view[0] + (ev.clientX - rect.left - LEFT) / plot * (view[1] - view[0]);
      zoom(ev.deltaY > 0 ? 1.25 : 0.8, c);
    }, { passive: false });
    svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, view.slice()]; });
  }
  window.addEventListener("mousemove", function (ev) {
    if (!drag || !svg) { return; }
    var plot = svg.getBoundingClientRect().width - LEFT - LABEL;
    var shift = (ev.clientX - drag[0]) / plot * (drag[1][1] - drag[1][0]);
    if (Math.abs(ev.clientX - drag[0]) > 3) { view = [drag[1][0] - shift, drag[1][1] - shift]; draw(); }
  });
  window.addEventListener("mouseup", function () { drag = null; });
  document.querySelectorAll("[data-zoom]").forEach(function (b) {
    b.addEventListener("click", function () {
      var z = b.getAttribute("data-zoom");
      if (z === "fit") { view = full.slice(); draw(); } else { zoom(z === "in" ? 0.5 : 2); }
    });
  });
  // the page's own query (actor, period, page) so the drawing shows the rows the table lists
  var query = box.getAttribute("data-query");
  fetch(box.getAttribute("data-api") + (query ? "?" + query : ""))
    .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
    .then(function (data) {
      events = data.events;
      if (!events.length) { box.setAttribute("data-ready", "0"); return; }
      var lo = Math.min.apply(null, events.map(function (e) { return t(e.start); }).concat(
        events.filter(function (e) { return e.reported_start; }).map(function (e) { return t(e.reported_start); })));
      var hi = Math.max.apply(null, events.map(function (e) { return t(e.end) + DAY; }).concat(
        events.filter(function (e) { return e.reported_start; }).map(function (e) { return t(e.reported_start) + DAY; })));
      var pad = Math.max((hi - lo) * 0.03, 15 * DAY);
      full = [lo - pad, hi + pad]; view = full.slice();
      var z = document.querySelector(".zoom"); if (z) { z.hidden = false; }
      draw();
      box.setAttribute("data-ready", String(events.length));
    })
    .catch(function (err) { box.textContent = "Could not load the timeline: " + err.message; });
})();
