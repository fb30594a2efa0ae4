/* Projector: the question on stage, shrunk to fit; the next questions by votes; the QR code.
   Only approved and answered questions are ever drawn. After a reconnect the snapshot
   replaces everything, so the screen always shows the true state. */
(function () {
  "use strict";

  var S = Live.strings();
  var P = JSON.parse(document.getElementById("page").textContent);
  var NEXT = 5;
  var body = document.body;
  var state = null;
  var stageKey = null;
  var queued = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }
  function shown(q) { return q.status === "approved" || q.status === "answered"; }

  /* Layouts from roomiest for the rest to roomiest for the question: the theme goes first,
     then the header and the next-questions list (the QR code always stays). */
  var TIERS = ["", "fit-1", "fit-2"];
  function setTier(t) {
    TIERS.forEach(function (name, i) { if (name) body.classList.toggle(name, i === t); });
  }

  /* Largest font size (px) in [min, max] at which the stage text fits its box. */
  function fitBetween(min, max) {
    var box = $("stage-box"), text = $("stage-text");
    var fits = function (size) { text.style.fontSize = size + "px"; return box.scrollHeight <= box.clientHeight; };
    if (fits(max)) return max;
    if (!fits(min)) return 0;
    var lo = min, hi = max;  /* lo fits, hi does not */
    while (hi - lo > 1) {
      var mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid; else hi = mid;
    }
    fits(lo);
    return lo;
  }

  /* Never below 48px at 1080p while a roomier layout can still help; only text no real
     question has (hundreds of "W") goes smaller, because cutting a question off is worse. */
  function fit() {
    if ($("stage").hidden) { setTier(0); return; }
    var unit = Math.min(window.innerHeight / 1080, window.innerWidth / 1920);
    var min = Math.floor(48 * unit), max = Math.floor(132 * unit);
    for (var t = 0; t < TIERS.length; t++) {
      setTier(t);
      if (fitBetween(min, max)) return;
    }
    fitBetween(Math.floor(20 * unit), min);
  }

  function drawStage() {
    var staged = state.list(function (q) { return shown(q) && q.on_stage; })
      .sort(function (a, b) { return b.version - a.version; })[0] || null;
    body.classList.toggle("staged", !!staged);
    body.classList.toggle("idle", !staged);
    $("stage").hidden = !staged;
    $("welcome").hidden = !!staged;
    if (!staged) { stageKey = null; setTier(0); return; }
    $("stage-votes").textContent = staged.votes;
    var key = staged.id + ":" + staged.version;
    if (key === stageKey) return;
    stageKey = key;
    $("stage-text").textContent = staged.text;
    $("stage-by").textContent = "— " + (staged.author || S.anonymous) + (staged.topic ? " · " + staged.topic : "");
    var agency = staged.agency;
    $("stage-agency").hidden = !agency;
    $("stage-agency-name").textContent = agency ? agency.name : "";
    $("stage-agency-head").textContent = agency && agency.head_title ? agency.head_title : "";
    fit();
  }

  function drawNext() {
    var list = $("next");
    var next = state.list(function (q) { return q.status === "approved" && !q.on_stage; })
      .sort(Live.byTop).slice(0, NEXT);
    list.textContent = "";
    next.forEach(function (q) {
      var li = el("li", "s-item");
      var votes = li.appendChild(el("span", "s-item-votes"));
      votes.appendChild(el("span", "s-item-count", String(q.votes)));
      votes.appendChild(el("span", "s-item-unit", S.votes));
      var main = li.appendChild(el("div", "s-item-main"));
      main.appendChild(el("p", "s-item-text", q.text));
      main.appendChild(el("p", "s-item-by", (q.author || S.anonymous) + (q.agency ? " → " + (q.agency.short_name || q.agency.name) : "")));
      list.appendChild(li);
    });
    /* never a cut-off item: drop from the bottom what does not fit */
    while (list.children.length > 1 && list.scrollHeight > list.clientHeight) list.lastElementChild.remove();
    $("next-empty").hidden = next.length > 0;
  }

  function draw() {
    queued = false;
    if (!state) return;
    drawStage();
    drawNext();
  }
  function schedule() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(draw);
  }

  var live = Live.connect(P.code, "screen", {
    render: function (s) { state = s; stageKey = null; draw(); },
    question: schedule,
    removed: schedule,
    votes: schedule,
    connection: function (online) {
      var node = $("connection");
      node.hidden = online;
      node.textContent = online ? "" : S.reconnecting;
    },
    error: function (message) {
      var node = $("connection");
      node.hidden = false;
      node.textContent = message;
    }
  });
  state = live.state;

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { stageKey = null; draw(); }, 150);
  });
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(fit);

  /* keep the projector laptop awake where the browser allows it */
  function awake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () { /* not allowed: fine */ });
    }
  }
  document.addEventListener("visibilitychange", awake);
  awake();
})();
