/* The Chair's tablet: the question on stage in large type with the agency whose head
   answers it, the next three questions by votes, and the moderators' short messages,
   newest first, each with a big "Đã đọc" button. Joins as role "chair": public questions
   only, plus the messages; a snapshot after each (re)connect replaces everything. Above them, the
   programme's running item and its clock (chair_programme.js). */
import { showProgramme } from "./chair_programme.js";

var S = Live.strings();
var P = Live.config();
var NEXT = 3;
var state = null;
var stageKey = null;
var messages = new Map();   /* id -> message */
var nodes = new Map();      /* id -> li */
var reading = new Set();    /* ids whose "read" request is in flight */
var loaded = false;         /* a snapshot's messages arrived: later ones are new */

function $(id) { return document.getElementById(id); }
var el = Live.el, fmt = Live.fmt, time = Live.time;

function tick() { $("clock").textContent = time(); }
tick();
setInterval(tick, 10000);

/* ---------- the question on stage ---------- */

var fitted = "";
/* a long question first takes room from the next questions (one line each), then shrinks */
function fit() {
  document.body.classList.remove("tight");
  if ($("stage").classList.contains("is-empty")) return;
  var unit = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  if (fitBetween(Math.round(1.6 * unit), Math.round(2.75 * unit))) return;
  document.body.classList.add("tight");
  fitBetween(Math.round(1.25 * unit), Math.round(2.75 * unit));
}

/* the largest font size (px) in [min, max] at which the text fits its box; 0 when none does
   (nothing real is this long at the last step; the box clips, the page never scrolls) */
function fitBetween(min, max) { return Live.fitText($("stage-box"), $("stage-text"), min, max, 1); }

/* refit when the box changed size: the next questions or the window took or gave room */
function refit() {
  var box = $("stage-box");
  var size = box.clientWidth + "x" + box.clientHeight + ":" + stageKey;
  if (size !== fitted) { fit(); fitted = box.clientWidth + "x" + box.clientHeight + ":" + stageKey; }
}

function drawStage() {
  var staged = Live.onStage(state);
  var section = $("stage");
  section.classList.toggle("is-empty", !staged);
  $("stage-empty").hidden = !!staged;
  $("stage-box").hidden = !staged;
  $("stage-foot").hidden = !staged;
  $("stage-by").hidden = !staged;
  $("stage-number").hidden = !staged;
  if (!staged) { stageKey = null; $("stage-status").hidden = true; return; }
  $("stage-votes").textContent = staged.votes;
  var key = staged.id + ":" + staged.version;
  if (key === stageKey) return;
  stageKey = key;
  section.dataset.id = staged.id;
  $("stage-number").textContent = fmt(S.questionNumber, { id: staged.id });
  var marked = S.stageBadges[staged.status];  /* the statuses the stage marks, and how */
  $("stage-status").hidden = !marked;
  $("stage-status").textContent = marked || "";
  $("stage-text").textContent = staged.text;
  $("stage-by").textContent = fmt(S.askedBy, { author: Live.askedBy(staged, S) }) +
    (staged.topic ? " · " + staged.topic : "");
  var agency = staged.agency;
  $("stage-agency").classList.toggle("is-missing", !agency);
  $("stage-head").textContent = agency ? (agency.head_title || agency.name) : S.noAgency;
  $("stage-agency-name").textContent = agency && agency.head_title ? agency.name : "";
}

/* ---------- the next questions ---------- */

function drawNext() {
  var list = $("next");
  var next = Live.upNext(state, NEXT, state.programme && state.programme.focus_topic_id);
  list.textContent = "";
  next.forEach(function (q) {
    var li = Live.nextItem("c", q, S.votes);
    li.dataset.id = q.id;
    li.lastChild.appendChild(el("p", "c-item-agency", q.agency ? (q.agency.short_name || q.agency.name) : S.noAgency));
    list.appendChild(li);
  });
  Live.trimList(list, 1);
  $("next-empty").hidden = next.length > 0;
}

function draw() {
  if (!state) return;
  drawNext();
  drawStage();
  refit();
}
var schedule = Live.onFrame(draw);

/* ---------- messages ---------- */

var list = $("messages");

function messageNode(message) {
  var li = nodes.get(message.id);
  if (!li) {
    li = el("li", "c-message");
    li.dataset.id = message.id;
    li.appendChild(el("p", "c-message-text"));
    li.appendChild(el("p", "c-message-meta"));
    var button = el("button", "c-read", S.read);
    button.type = "button";
    button.dataset.read = message.id;
    li.appendChild(button);
    nodes.set(message.id, li);
  }
  var unread = !message.read_at;
  li.classList.toggle("is-unread", unread);
  li.classList.toggle("is-read", !unread);
  li.querySelector(".c-message-text").textContent = message.text;
  var sent = fmt(S.sentAt, { time: time(message.sent_at), sender: message.sender || "" });
  li.querySelector(".c-message-meta").textContent =
    unread ? sent : sent + " · " + fmt(S.readAt, { time: time(message.read_at) });
  var button = li.querySelector(".c-read");
  button.hidden = !unread;
  button.disabled = reading.has(message.id);
  button.textContent = reading.has(message.id) ? S.reading : S.read;
  return li;
}

function drawMessages() {
  var wanted = Array.from(messages.values()).sort(function (a, b) { return b.id - a.id; });
  var keep = new Set(wanted.map(function (m) { return m.id; }));
  nodes.forEach(function (node, id) { if (!keep.has(id)) { node.remove(); nodes["delete"](id); } });
  wanted.forEach(function (message, index) {
    var node = messageNode(message);
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  var unread = wanted.filter(function (m) { return !m.read_at; }).length;
  var counter = $("unread-count");
  counter.hidden = unread === 0;
  counter.textContent = unread ? fmt(S.unread, { count: unread }) : "";
  $("messages-empty").hidden = wanted.length > 0;
  document.body.classList.toggle("has-unread", unread > 0);
}

function put(message) {
  var old = messages.get(message.id);
  if (old && old.read_at && !message.read_at) return false;  /* never back to unread */
  messages.set(message.id, message);
  return !old;
}

function showError(text) {
  var node = $("messages-error");
  node.textContent = text || "";
  node.hidden = !text;
}

function markRead(id) {
  if (reading.has(id)) return;
  reading.add(id);
  showError("");
  drawMessages();
  Live.api("POST", Live.url(P.read_message, id)).then(function (result) {
    reading["delete"](id);
    if (result.ok) put(result.data);
    else showError((result.data && result.data.error) || S.failed);
    drawMessages();
  });
}

list.addEventListener("click", function (event) {
  var button = event.target.closest("[data-read]");
  if (button && !button.disabled) markRead(Number(button.dataset.read));
});

/* ---------- live connection ---------- */

var connection = $("connection");
var live = Live.connect(P.code, "chair", {
  render: function (s) { state = s; stageKey = null; showProgramme(s.programme); draw(); },
  question: schedule,
  removed: schedule,
  votes: schedule,
  programme: function (p) { showProgramme(p); schedule(); },
  connection: function (online) { Live.showConnection(connection, online, S); },
  error: function (message) { showError(message); }
});
state = live.state;

live.socket.on("snapshot", function (snapshot) {
  messages = new Map();
  (snapshot.messages || []).forEach(put);
  loaded = true;
  showError("");
  drawMessages();
});
live.socket.on("chair_message", function (message) {
  var fresh = put(message);
  drawMessages();
  if (fresh && loaded && !message.read_at) {
    var node = nodes.get(message.id);
    node.classList.add("is-fresh");
    setTimeout(function () { node.classList.remove("is-fresh"); }, 4000);
    $("announcer").textContent = fmt(S.newMessage, { text: message.text });
  }
});

Live.onResize(function () { stageKey = null; draw(); });
if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { stageKey = null; draw(); });

/* the tablet stays awake while the page is open */
Live.keepAwake();
