// Review forms (confirm / reject / correct an event, merge / split actors) are sent with fetch, so the
// request can carry the session's CSRF token in the X-CSRF-Token header (read from <meta name=csrf-token>)
// and a real Origin (referrerPolicy "same-origin": the page itself is served with no-referrer, under which
// a plain form post says "Origin: null"). The server answers with where to look next; errors are shown
// as text, never as HTML.
(function () {
  "use strict";
  var meta = document.querySelector("meta[name=csrf-token]");
  document.querySelectorAll("form[data-write]").forEach(function (form) {
    form.addEventListener("submit", function (evt) {
      evt.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      if (evt.submitter && evt.submitter.name) { body.set(evt.submitter.name, evt.submitter.value); }
      var out = form.querySelector(".write-error") || form.appendChild(document.createElement("p"));
      out.className = "write-error";
      out.textContent = "";
      // getAttribute: a control named "action" (our buttons) shadows the form.action property
      fetch(form.getAttribute("action"), {
        method: "POST", body: body, credentials: "same-origin", referrerPolicy: "same-origin",
        headers: { "Accept": "application/json", "X-CSRF-Token": meta ? meta.content : "" }
      }).then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; });
      }).then(function (res) {
        if (!res.ok) { throw new Error(typeof res.data.detail === "string" ? res.data.detail : "refused"); }
        var next = String(res.data.next || "");
        if (next.charAt(0) !== "/") { next = window.location.pathname; }
        window.location.assign(next);
        if (next.split("#")[0] === window.location.pathname) { window.location.reload(); }
      }).catch(function (err) { out.textContent = "Not saved: " + err.message; });
    });
  });
})();
