/* Projector: the question on stage, shrunk to fit; the next questions by votes; the QR code.
   The server sends only public questions here. After a reconnect the snapshot
   replaces everything, so the screen always shows the true state. */
var S = Live.strings();
var P = Live.config();
var NEXT = 5;
var body = document.body;
var state = null;
var stageKey = null;

function $(id) { return document.getElementById(id); }
var el = Live.el;

/* Layouts from roomiest for the rest to roomiest for the question: the theme goes first,
   then the header and the next-questions list (the QR code always stays). */
var TIERS = ["", "fit-1", "fit-2"];
function setTier(t) {
  TIERS.forEach(function (name, i) { if (name) body.classList.toggle(name, i === t); });
}

/* Largest font size (px) in [min, max] at which the stage text fits its box. */
function fitBetween(min, max) { return Live.fitText($("stage-box"), $("stage-text"), min, max); }

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
  var staged = Live.onStage(state);
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
  $("stage-by").textContent = "— " + Live.askedBy(staged, S) + (staged.topic ? " · " + staged.topic : "");
  var agency = staged.agency;
  $("stage-agency").hidden = !agency;
  $("stage-agency-name").textContent = agency ? agency.name : "";
  $("stage-agency-head").textContent = agency && agency.head_title ? agency.head_title : "";
  fit();
}

function drawNext() {
  var list = $("next");
  var next = Live.upNext(state, NEXT);
  list.textContent = "";
  next.forEach(function (q) {
    var li = Live.nextItem("s", q, S.votes);
    li.lastChild.appendChild(el("p", "s-item-by", (q.author || S.anonymous) + (q.agency ? " → " + (q.agency.short_name || q.agency.name) : "")));
    list.appendChild(li);
  });
  Live.trimList(list);
  $("next-empty").hidden = next.length > 0;
}

function draw() {
  if (!state) return;
  drawStage();
  drawNext();
}
var schedule = Live.onFrame(draw);

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

Live.onResize(function () { stageKey = null; draw(); });
if (document.fonts && document.fonts.ready) document.fonts.ready.then(fit);

/* keep the projector laptop awake */
Live.keepAwake();
