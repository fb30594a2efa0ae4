/* Attendee page: asking, with a queue that survives a lost connection (kept in localStorage until
   the server has the question), the character counter, and the notice under the form, which follows
   what became of the question sent last. The text being typed is kept too (a reload, or the form
   closing while the programme runs an item without questions, loses nothing). Loaded after
   attendee.js, which it hears from. */
var S = Live.strings();
var P = Live.config();
var NEAR = 0.9;  /* the counter turns red past this share of the limit */
var LIMIT = P.event.limits.question_text;

function $(id) { return document.getElementById(id); }

var form = $("ask"), text = $("ask-text"), author = $("ask-author"), topic = $("ask-topic");
var about = form.querySelectorAll("[data-origin]");  /* unit, district, youth group: optional */
var status = $("ask-status"), send = form.querySelector(".send");
var KEY = "live.pending." + P.code;
var DRAFT = "live.draft." + P.code;
var pending = null, attempt = 0, inFlight = 0, watchdog = null;
var lastSent = null;  /* the id of the question this form sent last: the notice follows it */

function store(value, key) {
  try {
    if (value) localStorage.setItem(key || KEY, JSON.stringify(value)); else localStorage.removeItem(key || KEY);
  } catch (err) { /* private mode: the queue lives in memory only */ }
}
function restore(key) {
  try { return JSON.parse(localStorage.getItem(key || KEY) || "null"); } catch (err) { return null; }
}
function newId() {
  var bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
}
function say(message, kind) {
  status.hidden = !message;
  status.className = "notice" + (kind ? " " + kind : "");
  status.textContent = message || "";
}

/* the notice under the form says what became of the question it sent: waiting, public, answered, refused */
function followSent(q) {
  if (!q || q.id !== lastSent || pending) return;
  var sent = S.sent[q.status] || S.sent.approved;
  var message = q.merged_into ? S.merged_badge : sent.text;
  if (q.reject_reason) message += " " + S.reason + " " + q.reject_reason;
  say(message, sent.kind);
}

function lock(on) {
  text.readOnly = on;
  author.readOnly = on;
  if (topic) topic.disabled = on;
  Array.prototype.forEach.call(about, function (field) { field.disabled = on; });
  send.disabled = on;
}
function count() {
  var n = text.value.length;
  $("ask-count-n").textContent = n;
  $("ask-count").classList.toggle("near", n >= NEAR * LIMIT);
}
text.addEventListener("input", function () { count(); store(text.value, DRAFT); });

/* while the form is closed, say that the question being typed is kept for when it opens again */
function showKept(event) {
  if (event) $("ask-kept").hidden = event.phone.ask || !text.value.trim();
}

function failed(r) {
  if (r.status === 0 || r.status >= 500 || r.status === 429) {
    say(r.status === 0 ? S.queued : (r.data.error || S.queued), "warn");
    return;
  }
  pending = null;
  store(null);
  lock(false);
  say(r.data.error || S.failed, "error");
  text.focus();
}

function retry() {
  if (!pending) return;
  if (inFlight && Date.now() - inFlight < 15000) return;
  attempt += 1;
  var mine = attempt, item = pending;
  inFlight = Date.now();
  Live.api("POST", P.ask_api, item).then(function (r) {
    if (item !== pending) return;  /* already settled by another attempt */
    if (r.ok) return sent(r.data);
    if (mine !== attempt) return;
    inFlight = 0;
    failed(r);
  });
  clearTimeout(watchdog);
  watchdog = setTimeout(function () { if (pending && mine === attempt) say(S.queued, "warn"); }, 8000);
}

function sent(q) {
  pending = null;
  inFlight = 0;
  clearTimeout(watchdog);
  store(null);
  store(null, DRAFT);
  lock(false);
  text.value = "";
  if (topic) topic.value = "";
  count();
  lastSent = q.id;
  followSent(q);
  Attendee.received(q);
}

form.addEventListener("submit", function (e) {
  e.preventDefault();
  if (pending || !text.value.trim()) { if (!pending) text.focus(); return; }
  pending = { text: text.value, author: author.value, topic: topic ? topic.value : "", client_id: newId() };
  Array.prototype.forEach.call(about, function (field) { if (field.value) pending[field.name] = field.value; });
  store(pending);
  lock(true);
  say(S.sending);
  retry();
});

Attendee.on("render", function (state) { followSent(state.questions.get(lastSent)); showKept(state.event); });
Attendee.on("event", showKept);
Attendee.on("question", followSent);
Attendee.on("online", retry);
window.addEventListener("online", retry);
setInterval(retry, 5000);

pending = restore();
if (pending) {
  text.value = pending.text || "";
  author.value = pending.author || "";
  if (topic) topic.value = pending.topic || "";
  Array.prototype.forEach.call(about, function (field) { field.value = pending[field.name] || ""; });
  lock(true);
  say(S.queued, "warn");
  retry();
} else if (restore(DRAFT)) {
  text.value = restore(DRAFT);
}
count();
showKept(P.event);
