/* The MC's view: the words to say now, the line that leads into the next item, the running item's
   timer, and one tap to move the programme on or back. The server writes the words
   (GET /api/v1/events/<code>/mc): this page asks again whenever the programme, the question on stage
   or the event changes, and shows what it is told. Joins as the Chair's tablet does (role "chair":
   what the hall sees), a moderator of the event being logged in. */
var S = Live.strings();
var P = Live.config();
var el = Live.el, fmt = Live.fmt;
var state = null;
var words = null;       /* the last words the server sent */
var asked = 0;          /* requests sent, so that an older answer never replaces a newer one */
var moving = false;     /* a tap on "next" or "back" is on its way */

function $(id) { return document.getElementById(id); }

/* ---------- the words ---------- */

function itemText(item) {
  if (!item) return "";
  var text = fmt(S.item, { kind: Live.label("item_kind", item.kind), title: item.title });
  if (item.topic) text += " · " + item.topic;
  return item.presenter ? text + " · " + fmt(S.presenter, { presenter: item.presenter }) : text;
}

function drawWords(data) {
  $("item").textContent = data.item ? itemText(data.item) : S.nothing;
  var box = $("words");
  box.textContent = "";
  data.lines.forEach(function (line) { box.appendChild(el("p", "mc-line " + line.kind, line.text)); });
  if (!data.lines.length) box.appendChild(el("p", "mc-words-empty", S.noWords));
  $("question").hidden = !data.question;
  $("question").textContent = data.question ? fmt(S.question, { text: data.question.text }) : "";
  $("next-item").textContent = data.next ? itemText(data.next) : S.end;
  $("next-line").textContent = data.next_line || "";
  $("next-line").hidden = !data.next_line;
  $("forward").disabled = moving || (!data.item && !data.next);
  $("back").disabled = moving || !data.item;
}

/* ask the server for the words now; only the answer to the latest request is shown */
function refresh() {
  var mine = ++asked;
  Live.api("GET", P.words).then(function (result) {
    if (mine !== asked) return;
    if (!result.ok) { showError((result.data && result.data.error) || S.failed); return; }
    words = result.data;
    drawWords(words);
  });
}

/* a question changed: ask again when it is (or was) the one whose lines are shown, or is on stage now */
function questionChanged(q) {
  var shown = words && words.question ? words.question.id : null;
  if (q.on_stage || q.id === shown) refresh();
}

/* ---------- the timer ---------- */

function tick() {
  var clock = state && state.programme ? Live.countdown(state.programme) : null;
  var timer = $("timer");
  timer.hidden = !clock;
  if (!clock) return;
  timer.classList.toggle("warn", clock.state === "warn");
  timer.classList.toggle("over", clock.state === "over");
  $("timer-state").textContent = clock.state === "over" ? S.over : clock.state === "warn" ? S.warn : S.left;
  $("timer-left").textContent = Live.minutes(clock.left);
}

/* ---------- moving the programme on ---------- */

function showError(text) {
  $("error").textContent = text || "";
  $("error").hidden = !text;
}

/* the newest programme version this page knows: from the live state or the words */
function version() {
  var held = state && state.programme ? state.programme.version : 0;
  return Math.max(held, words ? words.version : 0);
}

function move(to) {
  if (moving) return;
  moving = true;
  showError("");
  $(to === "next" ? "forward" : "back").textContent = S.moving;
  if (words) drawWords(words);
  Live.api("POST", P.advance, { to: to, version: version() }).then(function (result) {
    moving = false;
    $("forward").textContent = $("forward").dataset.label;
    $("back").textContent = $("back").dataset.label;
    if (result.ok) { if (state) state.setProgramme(result.data); tick(); }
    else showError((result.data && result.data.error) || S.failed);  /* a 409 says why; the newest follows */
    refresh();
  });
}

$("forward").dataset.label = $("forward").textContent;
$("back").dataset.label = $("back").textContent;
$("forward").addEventListener("click", function () { move("next"); });
$("back").addEventListener("click", function () { move("back"); });

/* ---------- live connection ---------- */

var live = Live.connect(P.code, "chair", {
  render: function (s) { state = s; refresh(); tick(); },
  programme: function () { refresh(); tick(); },
  question: questionChanged,
  removed: function (id) { if (words && words.question && words.question.id === id) refresh(); },
  event: refresh,
  connection: function (online) { Live.showConnection($("connection"), online, S); },
  error: showError
});
state = live.state;
Live.everySecond(tick);

/* the phone stays awake while the page is open */
Live.keepAwake();
