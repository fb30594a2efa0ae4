/* Agency page, before and during the session: refresh the questions to prepare (and the one
   coming next) every few seconds by re-reading the page itself (its config's `refresh` URL). The
   written-answer forms are never touched, so nothing being typed is lost. Without this script the
   page is simply static. */
(function () {
  "use strict";

  var config = document.getElementById("page");
  var options = config ? JSON.parse(config.textContent) : {};
  if (!options.live || !window.fetch || !window.DOMParser) return;

  var busy = false;

  function swap(fresh, selector) {
    var now = document.querySelector(selector), next = fresh.querySelector(selector);
    if (!now || !next) return;
    if (now.innerHTML === next.innerHTML) return;
    var open = Array.prototype.map.call(now.querySelectorAll("details[open]"), function (d) {
      return d.querySelector("summary") ? d.querySelector("summary").textContent : "";
    });
    now.innerHTML = next.innerHTML;
    Array.prototype.forEach.call(now.querySelectorAll("details"), function (d) {
      var summary = d.querySelector("summary");
      if (summary && open.indexOf(summary.textContent) >= 0) d.open = true;
    });
  }

  function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    fetch(options.refresh, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        busy = false;
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html");
        swap(fresh, "#prepare");
        swap(fresh, ".fu-summary");
      })
      .catch(function () { busy = false; });
  }

  setInterval(refresh, Math.max(5, options.interval || 20) * 1000);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
