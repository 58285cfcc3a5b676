// Typeahead for actor fields: fills the <datalist> from /api/actors?q= as the user types, busiest
// actors first, instead of shipping every actor in a dropdown. Names and ids come back as JSON and
// are set as option values/labels (DOM properties, never HTML), so a hostile name stays text.
(function () {
  "use strict";
  var timer = null;
  function fill(input, list) {
    var q = input.value.trim();
    if (q.length < 2) { return; }
    fetch(input.getAttribute("data-typeahead") + "?sort=-events&limit=12&q=" + encodeURIComponent(q),
          { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (data) {
        while (list.firstChild) { list.removeChild(list.firstChild); }
        data.items.forEach(function (a) {
          var opt = document.createElement("option");
          opt.value = a.id;
          opt.label = a.name + " (" + a.kind + ", " + a.events + " events)";
          list.appendChild(opt);
        });
        input.setAttribute("data-options", String(data.items.length));
      });
  }
  document.querySelectorAll("input[data-typeahead]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { fill(input, list); }, 150);
    });
  });
})();
