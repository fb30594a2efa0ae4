/* Projector: the question on stage, shrunk to fit; the next questions by votes; the QR code.
   While a programme item other than a dialogue runs, what that item calls for instead
   (screen_items.js), and what comes next in the programme. The server sends only public questions
   here. After a reconnect the snapshot replaces everything, so the screen always shows the true state. */
import { hideItem, layoutOf, resetItem, showItem } from "./screen_items.js";

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
  var next = Live.upNext(state, NEXT, state.programme && state.programme.focus_topic_id);
  list.textContent = "";
  next.forEach(function (q) {
    var li = Live.nextItem("s", q, S.votes);
    li.lastChild.appendChild(el("p", "s-item-by", (q.author || S.anonymous) + (q.agency ? " → " + (q.agency.short_name || q.agency.name) : "")));
    list.appendChild(li);
  });
  Live.trimList(list);
  $("next-empty").hidden = next.length > 0;
}

/* during a dialogue segment, the header names it */
function drawSegment(item) {
  $("segment").hidden = !item;
  body.classList.toggle("segmented", !!item);
  $("segment-kind").textContent = item ? Live.label("item_kind", item.kind) : "";
  $("segment-name").textContent = item ? Array.from(new Set([item.title, item.topic].filter(Boolean))).join(" · ") : "";
}

/* beside an item: the one after it in the programme */
function drawAfter(item) {
  $("after").hidden = !item;
  if (!item) return;
  $("after-kind").textContent = Live.label("item_kind", item.kind);
  $("after-title").textContent = item.title;
  $("after-clock").textContent = item.planned_clock ? Live.fmt(S.plannedAt, { clock: item.planned_clock }) : "";
}

/* the running item's layout, or the Q&A screen (nothing runs, or a dialogue segment) */
function draw() {
  if (!state) return;
  var item = Live.running(state.programme);
  var layout = layoutOf(item, state);
  body.classList.toggle("itemised", !!layout);
  drawAfter(layout ? Live.following(state.programme) : null);
  if (layout) {
    body.classList.remove("idle", "staged");
    $("stage").hidden = $("welcome").hidden = true;
    stageKey = null;
    setTier(0);
    drawSegment(null);
    showItem(item, layout, state);
    return;
  }
  hideItem();
  drawSegment(item);
  drawStage();
  drawNext();
}
var schedule = Live.onFrame(draw);

var live = Live.connect(P.code, "screen", {
  render: function (s) { state = s; stageKey = null; resetItem(); draw(); },
  question: schedule,
  removed: schedule,
  votes: schedule,
  programme: schedule,
  poll: schedule,
  pollResults: schedule,
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

function redraw() { stageKey = null; resetItem(); draw(); }
Live.onResize(redraw);
if (document.fonts && document.fonts.ready) document.fonts.ready.then(redraw);

/* keep the projector laptop awake */
Live.keepAwake();
