/* The minutes (biên bản) while the session runs: the programme planned against actual, the polls'
   results (overall, by youth group and by district), and the answer log, oldest first, each entry
   timestamped in the event's time zone. Joins as a moderator; any `question` message (an answer
   logged or corrected changes its questions), `programme`, `poll` or `poll_results` message re-fetches
   the minutes, at most once a second. The server renders the first version with the same markup, so
   it prints without JavaScript. */
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
  when.appendChild(stamp(answer.created_at));
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

/* ---------- the programme as it ran ---------- */

/* "late 5 min" / "early 5 min" / "on time" of a difference in minutes; null for none */
function signed(value, more, less, same) {
  if (value == null) return null;
  return value > 0 ? fmt(more, { n: value }) : value < 0 ? fmt(less, { n: -value }) : same;
}

function deviation(item) {
  return [signed(item.late_minutes, S.late, S.early, S.onTime), signed(item.over_minutes, S.over, S.under, S.exact)]
    .filter(Boolean).join("; ");
}

function stamp(iso) {
  var node = el("time", "", time(iso));
  node.dateTime = iso;
  return node;
}

function programmeRow(item) {
  var tr = el("tr");
  tr.dataset.id = item.id;
  tr.appendChild(el("td", "", item.planned_clock || ""));
  var title = tr.appendChild(el("th"));
  title.scope = "row";
  title.appendChild(el("span", "m-kind", Live.label("item_kind", item.kind)));
  title.appendChild(document.createTextNode(" " + item.title));
  if (item.presenter) title.appendChild(el("span", "m-agency", " — " + item.presenter));
  tr.appendChild(el("td", "num", fmt(S.durationMinutes, { n: item.duration })));
  var start = tr.appendChild(el("td", "", item.started_at ? null : S.notRun));
  if (item.started_at) start.appendChild(stamp(item.started_at));
  var used = item.used_seconds == null ? "" : Live.minutes(item.used_seconds) + (item.ended_at ? "" : " (" + S.running + ")");
  tr.appendChild(el("td", "num", used));
  tr.appendChild(el("td", "", deviation(item)));
  return tr;
}

function drawProgramme(programme) {
  $("minutes-programme").hidden = !programme.items.length;
  $("programme-ran").textContent = programme.ended_at
    ? fmt(S.ranFromTo, { start: time(programme.started_at), end: time(programme.ended_at) })
    : programme.started_at ? fmt(S.ranFrom, { start: time(programme.started_at) }) : S.notStarted;
  var rows = $("programme-rows");
  rows.replaceChildren.apply(rows, programme.items.map(programmeRow));
}

/* ---------- the polls' results ---------- */

function number(value) { return Number(value).toLocaleString(document.documentElement.lang || "vi"); }

/* a row of cells, each [text, class]: a head row of column headers, or a row whose first cell heads it */
function row(cells, head) {
  var tr = el("tr");
  cells.forEach(function (cell, index) {
    var header = head || index === 0;
    var node = tr.appendChild(el(header ? "th" : "td", cell[1] || "", cell[0]));
    if (header) node.scope = head ? "col" : "row";
  });
  return tr;
}

function table(cls, heads, rows, caption) {
  var node = el("table", cls);
  if (caption) node.appendChild(el("caption", "", caption));
  node.appendChild(el("thead")).appendChild(row(heads, true));
  var body = node.appendChild(el("tbody"));
  rows.forEach(function (tr) { body.appendChild(tr); });
  return node;
}

function optionRow(option) {
  var tr = row([[option.label], [String(option.count), "num"]], false);
  var share = tr.appendChild(el("td", "poll-share"));
  var meter = share.appendChild(el("meter"));
  meter.min = 0; meter.max = 100; meter.value = option.percent;
  meter.setAttribute("aria-hidden", "true");
  share.appendChild(document.createTextNode(" "));
  share.appendChild(el("span", "", option.percent + "%"));
  return tr;
}

function groupTable(poll, part, caption) {
  var scale = poll.mean != null;
  var heads = [[caption], [S.groupTotal, "num"]].concat(poll.options.map(function (o) { return [o.label, "num"]; }));
  if (scale) heads.push([S.groupMean, "num"]);
  var rows = poll.by[part].map(function (group) {
    var name = group.value == null ? S.notGiven : part === "youth_group" ? Live.label(part, group.value) : group.value;
    var cells = [[name], [String(group.total), "num"]].concat(group.options.map(function (o) {
      return [o.count + " (" + o.percent + "%)", "num"];
    }));
    if (scale) cells.push([group.mean == null ? "" : number(group.mean), "num"]);
    return row(cells, false);
  });
  var wrap = el("div", "poll-by-wrap");
  wrap.appendChild(table("poll-table poll-by", heads, rows, caption)).dataset.part = part;
  return wrap;
}

function pollResult(poll) {
  var article = el("article", "poll-result");
  article.dataset.id = poll.id;
  var heading = article.appendChild(el("h3", "", poll.text));
  heading.id = "poll-" + poll.id + "-h";
  article.setAttribute("aria-labelledby", heading.id);
  var meta = article.appendChild(el("p", "poll-meta",
    Live.label("poll_kind", poll.kind) + " · " + Live.label("poll_state", poll.state) + " · "));
  meta.appendChild(el("strong", "", fmt(S.respondents, { n: poll.total })));
  if (poll.mean != null) meta.appendChild(document.createTextNode(" · " + fmt(S.mean, { mean: number(poll.mean), top: poll.options.length })));
  article.appendChild(table("poll-table", [[S.option], [S.choices, "num"], [S.share]], poll.options.map(optionRow)));
  [["youth_group", S.byYouthGroup], ["district", S.byDistrict]].forEach(function (pair) {
    if (poll.by[pair[0]].length) article.appendChild(groupTable(poll, pair[0], pair[1]));
  });
  return article;
}

function drawPolls(polls) {
  $("minutes-polls").hidden = !polls.length;
  var list = $("polls-list");
  list.replaceChildren.apply(list, polls.map(pollResult));
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
      drawProgramme(result.data.programme);
      drawPolls(result.data.polls);
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
  programme: request,
  poll: request,
  pollResults: request,
  connection: function (online) { Live.showConnection(connection, online, S); },
  error: function (message) {
    var error = $("minutes-error");
    error.textContent = message;
    error.hidden = false;
  }
});

$("print").addEventListener("click", function () { window.print(); });
