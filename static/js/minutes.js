/* The minutes (biên bản) while the session runs: the answer log, oldest first, each entry
   timestamped in the event's time zone. Joins as a moderator; any `question` message (an
   answer logged or corrected changes its questions) re-fetches the log, at most once a second.
   The server renders the first version with the same markup, so it prints without JavaScript. */
var S = Live.strings();
var P = Live.config();
var list = document.getElementById("minutes-list");
var INTERVAL = 1000;

var lastFetch = 0;
var timer = null;
var inFlight = false;
var again = false;
var shownIds = null;

function $(id) { return document.getElementById(id); }
var el = Live.el, fmt = Live.fmt, time = Live.time, date = Live.date;

/* ---------- drawing ---------- */

function field(dl, label, value, cls) {
  dl.appendChild(el("dt", "", label));
  var dd = el("dd", cls || "");
  if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
  dl.appendChild(dd);
}

function entry(answer) {
  var li = el("li", "m-entry");
  li.dataset.id = answer.id;
  var when = el("p", "m-time");
  var stamp = el("time", "", time(answer.created_at));
  stamp.dateTime = answer.created_at;
  when.appendChild(stamp);
  li.appendChild(when);
  var body = li.appendChild(el("div", "m-body"));

  var questions = body.appendChild(el("div", "m-questions"));
  answer.questions.forEach(function (q) {
    var p = el("p", "m-question");
    p.appendChild(el("span", "m-qnum", "#" + q.id));
    p.appendChild(document.createTextNode(" "));
    p.appendChild(el("span", "m-qtext", q.text));
    if (q.author) p.appendChild(el("span", "m-author", " — " + q.author));
    questions.appendChild(p);
  });

  var dl = body.appendChild(el("dl", "m-fields"));
  var speakers = el("ul", "m-speakers");
  answer.spoken_by.forEach(function (s) {
    var item = speakers.appendChild(el("li"));
    item.appendChild(el("strong", "", s.name));
    if (s.agency_name) item.appendChild(el("span", "m-agency", " — " + s.agency_name));
  });
  field(dl, S.speakers, speakers);
  if (answer.summary) field(dl, S.summary, answer.summary, "m-summary");
  if (answer.direction) field(dl, S.direction, answer.direction, "m-direction");
  if (answer.commitments && answer.commitments.length) {
    var cl = el("ul", "m-commitments");
    answer.commitments.forEach(function (c) {
      var item = cl.appendChild(el("li"));
      item.appendChild(el("strong", "", c.agency_name));
      item.appendChild(document.createTextNode(": " + c.what));
      if (c.due) item.appendChild(el("span", "m-due", " (" + fmt(S.due, { date: date(c.due) }) + ")"));
    });
    field(dl, S.commitments, cl);
  }
  if (answer.follow_up) field(dl, S.followUpLabel, S.followUp, "m-follow");

  var by = body.appendChild(el("p", "m-by hint", fmt(S.createdBy, { user: answer.created_by || "" })));
  if (answer.updated_at) {
    by.appendChild(document.createTextNode(" · "));
    by.appendChild(el("span", "m-edited", fmt(S.edited, { time: time(answer.updated_at), user: answer.updated_by || "" })));
  }
  return li;
}

function draw(answers) {
  var scroller = document.scrollingElement;
  var atBottom = scroller.scrollTop + window.innerHeight >= scroller.scrollHeight - 40;
  var fresh = [];
  var items = answers.map(function (answer) {
    var node = entry(answer);
    if (shownIds && !shownIds.has(answer.id)) { node.classList.add("is-new"); fresh.push(node); }
    return node;
  });
  list.replaceChildren.apply(list, items);
  shownIds = new Set(answers.map(function (a) { return a.id; }));
  $("minutes-empty").hidden = answers.length > 0;
  $("minutes-count").textContent = fmt(S.count, { count: answers.length });
  $("minutes-updated").textContent = fmt(S.updated, { time: Live.timeSeconds() });
  if (fresh.length && atBottom) fresh[fresh.length - 1].scrollIntoView({ block: "end" });
}

/* ---------- fetching, at most once a second ---------- */

function fetchLog() {
  if (inFlight) { again = true; return; }
  inFlight = true;
  lastFetch = Date.now();
  Live.api("GET", P.log).then(function (result) {
    inFlight = false;
    var error = $("minutes-error");
    if (result.ok) {
      error.hidden = true;
      draw(result.data.answers || []);
    } else {
      error.textContent = (result.data && result.data.error) || S.failed;
      error.hidden = false;
      if (result.status === 0) again = true;
    }
    if (again) { again = false; request(); }
  });
}

function request() {
  if (timer) return;
  var wait = Math.max(0, lastFetch + INTERVAL - Date.now());
  timer = setTimeout(function () { timer = null; fetchLog(); }, wait);
}

/* ---------- live connection ---------- */

var connection = $("connection");
Live.connect(P.code, "moderator", {
  render: request,
  question: request,
  connection: function (online) { Live.showConnection(connection, online, S); },
  error: function (message) {
    var error = $("minutes-error");
    error.textContent = message;
    error.hidden = false;
  }
});

$("print").addEventListener("click", function () { window.print(); });
