/* Live state of one event, shared by the attendee, projector and moderator pages.
   A `snapshot` replaces everything; `question`, `question_removed` and `votes`
   messages change it. Every question carries the event version of its last change,
   so a message older than what the page already holds is dropped.
   Also the small helpers the live pages share: the page's config and strings, elements, texts,
   times, the stage and what comes next, fitting, the screen. */
function json(id) {
  var node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : {};
}

/* the page's translated strings */
function strings() { return json("strings"); }

/* the page's config: its URLs, the event's code, the time zone dates are shown in; read once */
var page = null;
function config() { return page || (page = json("page")); }

/* a URL of the config with its id placeholder (the segment "0") replaced by `id` */
function url(template, id) { return template.replace(/\/0(\/|$)/, "/" + encodeURIComponent(id) + "$1"); }

/* fetch JSON with the page's cookies; resolves to {ok, status, data}. */
function api(method, url, body) {
  var options = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(url, options).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      return { ok: response.ok, status: response.status, data: data };
    });
  }, function () {
    return { ok: false, status: 0, data: {} };
  });
}

function State() {
  this.questions = new Map();
  this.version = 0;
  this.event = null;
  this.voted = new Set();
  this.programme = null;
  this.polls = new Map();
}

State.prototype.load = function (snapshot) {
  var self = this;
  this.questions = new Map();
  this.version = snapshot.version;
  this.event = snapshot.event || this.event;
  this.voted = new Set();
  snapshot.questions.forEach(function (q) {
    self.questions.set(q.id, q);
    if (q.voted) self.voted.add(q.id);
  });
  this.programme = snapshot.programme || null;
  this.polls = new Map();
  (snapshot.polls || []).forEach(function (poll) { self.polls.set(poll.id, poll); });
};

/* the programme as sent; false when older than the one held */
State.prototype.setProgramme = function (programme) {
  if (this.programme && programme.version < this.programme.version) return false;
  this.programme = programme;
  return true;
};

/* a poll as sent (its results included); the attendee's own answer is kept */
State.prototype.putPoll = function (poll) {
  var old = this.polls.get(poll.id);
  if (old && poll.version < old.version) return false;
  if (old && poll.mine === undefined) poll.mine = old.mine;
  this.polls.set(poll.id, poll);
  return true;
};

/* a poll's results as this page may see them (the server leaves the counts out until revealed) */
State.prototype.setPollResults = function (results) {
  var poll = this.polls.get(results.poll);
  if (!poll) return false;
  poll.results = results;
  return true;
};

/* true when the message changed something */
State.prototype.put = function (q) {
  var old = this.questions.get(q.id);
  if (old ? q.version < old.version : q.version <= this.version) return false;
  var merged = Object.assign({}, old || {}, q);
  if (old && old.mine && old.version === q.version) merged.mine = true;
  this.questions.set(q.id, merged);
  return true;
};

State.prototype.remove = function (message) {
  var old = this.questions.get(message.id);
  if (!old || message.version < old.version) return false;
  if (old.mine) return false;  /* the author's own view follows with the new status */
  this.questions.delete(message.id);
  return true;
};

State.prototype.setVotes = function (counts) {
  var changed = [];
  for (var id in counts) {
    var q = this.questions.get(Number(id));
    if (q && q.votes !== counts[id]) { q.votes = counts[id]; changed.push(q.id); }
  }
  return changed;
};

State.prototype.list = function (filter) {
  return Array.from(this.questions.values()).filter(filter || function () { return true; });
};

function byTop(a, b) { return (b.votes - a.votes) || (a.id - b.id); }
function byNewest(a, b) { return b.id - a.id; }

/* Connect, join `code` as `role`, keep `state` current and call the hooks:
   render(state) after a snapshot, question(q), removed(id), votes(ids), event(event) when the
   organizers change it (phase, publication), programme(programme) when it moves on or is edited,
   poll(poll) and pollResults(poll) when a poll or its results change, connection(online). */
function connect(code, role, hooks) {
  var state = new State();
  var socket = io({ reconnectionDelayMax: 5000 });
  socket.on("connect", function () {
    socket.emit("join", { event: code, role: role });
    if (hooks.connection) hooks.connection(true);
  });
  socket.on("disconnect", function () { if (hooks.connection) hooks.connection(false); });
  socket.on("snapshot", function (snapshot) { state.load(snapshot); hooks.render(state); });
  socket.on("question", function (q) { if (state.put(q) && hooks.question) hooks.question(state.questions.get(q.id), state); });
  socket.on("question_removed", function (m) { if (state.remove(m) && hooks.removed) hooks.removed(m.id, state); });
  socket.on("votes", function (counts) {
    var changed = state.setVotes(counts);
    if (changed.length && hooks.votes) hooks.votes(changed, state);
  });
  socket.on("event", function (event) { state.event = event; if (hooks.event) hooks.event(event, state); });
  socket.on("programme", function (p) { if (state.setProgramme(p) && hooks.programme) hooks.programme(p, state); });
  socket.on("poll", function (poll) { if (state.putPoll(poll) && hooks.poll) hooks.poll(state.polls.get(poll.id), state); });
  socket.on("poll_results", function (results) {
    if (state.setPollResults(results) && hooks.pollResults) hooks.pollResults(state.polls.get(results.poll), state);
  });
  socket.on("error", function (message) { if (hooks.error) hooks.error(message.error); });
  return { socket: socket, state: state };
}

/* ---------- helpers for the pages ---------- */

/* a new element with a class and a text (none when null or undefined) */
function el(tag, cls, text) {
  var node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text != null) node.textContent = text;
  return node;
}

/* "{name}" placeholders filled from params; unknown ones are left as they are */
function fmt(template, params) {
  return String(template).replace(/\{(\w+)\}/g, function (match, key) {
    return Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : match;
  });
}

/* ---------- dates: one formatter per format ---------- */

/* a timestamp's formatter in the time zone of the page's config (the event's; the browser's when
   it does not know that zone): formatter(iso) -> its text, now when none, "" when invalid */
function timestamps(options) {
  var format = null;
  return function (iso) {
    if (!format) {
      var zone = { timeZone: config().timezone || undefined };
      try { format = new Intl.DateTimeFormat("vi-VN", Object.assign(zone, options)); }
      catch (e) { format = new Intl.DateTimeFormat("vi-VN", options); }
    }
    var date = iso ? new Date(iso) : new Date();
    return isNaN(date.getTime()) ? "" : format.format(date);
  };
}

/* a timestamp's time, "14:05" */
var time = timestamps({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
/* a timestamp's time to the second, "14:05:09" */
var timeSeconds = timestamps({ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/* a date, "2024-05-20" -> "20/05/2024" */
function date(iso) { return iso ? iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4) : ""; }

/* ---------- the stage and what comes next ---------- */

function all(questions) { return questions instanceof State ? questions.list() : Array.from(questions); }

/* the question on stage, or null (of two, the later change: the other one's is on its way) */
function onStage(questions) {
  return all(questions).filter(function (q) { return q.on_stage; })
    .sort(function (a, b) { return b.version - a.version; })[0] || null;
}

/* an order of questions: those of the running dialogue segment's content (the programme's
   focus_topic_id, when one runs) first, then by votes (byTop) */
function byFocus(focusTopic) {
  function focused(q) { return focusTopic != null && q.topic_id === focusTopic ? 0 : 1; }
  return function (a, b) { return (focused(a) - focused(b)) || byTop(a, b); };
}

/* what comes next: the `count` queued questions (the server's `queued`) with most votes; while a
   dialogue segment runs, those of its content (the programme's focus_topic_id) first */
function upNext(questions, count, focusTopic) {
  return all(questions).filter(function (q) { return q.queued; }).sort(byFocus(focusTopic)).slice(0, count);
}

/* an answer's speakers; an older answer has one, in answered_by and agency */
function speakers(answer) {
  return answer.speakers && answer.speakers.length ? answer.speakers
    : [{ name: answer.answered_by, agency: answer.agency }];
}

/* <ul class="PREFIX-speakers">: each name in bold, then " — " and agencyName(its agency code) */
function speakerList(answer, prefix, agencyName) {
  var ul = el("ul", prefix + "-speakers");
  speakers(answer).forEach(function (speaker) {
    var item = ul.appendChild(el("li"));
    item.appendChild(el("strong", "", speaker.name));
    if (speaker.agency) item.appendChild(el("span", prefix + "-agency", " — " + agencyName(speaker.agency)));
  });
  return ul;
}

/* who asked: the author and those whose questions were merged into this one, the first few by name;
   S holds the page's strings "anonymous" and "and_others" */
var CREDITED = 3;
function askedBy(q, S) {
  var names = [q].concat(q.merged || []).map(function (m) { return m.author || S.anonymous; });
  var shown = names.slice(0, CREDITED).join(", ");
  return names.length > CREDITED ? fmt(S.and_others, { names: shown, count: names.length - CREDITED }) : shown;
}

/* <li class="PREFIX-item"> for a next question: its votes (count, then `unit`) and its text,
   in the PREFIX-item-main <div> that is the item's last child */
function nextItem(prefix, q, unit) {
  var li = el("li", prefix + "-item");
  var votes = li.appendChild(el("span", prefix + "-item-votes"));
  votes.appendChild(el("span", prefix + "-item-count", String(q.votes)));
  votes.appendChild(el("span", prefix + "-item-unit", unit));
  li.appendChild(el("div", prefix + "-item-main")).appendChild(el("p", prefix + "-item-text", q.text));
  return li;
}

/* the connection line: S.online or S.offline, and the class "online" or "offline" */
function showConnection(node, online, S) {
  node.textContent = online ? S.online : S.offline;
  node.classList.toggle("online", online);
  node.classList.toggle("offline", !online);
}

/* The largest font size (px) in [min, max] at which `text` fits `box` (its content at most
   `slack` px taller than the box); 0, with the text left at min, when even min does not fit. */
function fitText(box, text, min, max, slack) {
  var fits = function (size) { text.style.fontSize = size + "px"; return box.scrollHeight <= box.clientHeight + (slack || 0); };
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

/* never a cut-off item: drop from the bottom of `list` what does not fit (the first one stays) */
function trimList(list, slack) {
  while (list.children.length > 1 && list.scrollHeight > list.clientHeight + (slack || 0)) list.lastElementChild.remove();
}

/* a function that runs fn at the next animation frame, once however often it is called before */
function onFrame(fn) {
  var queued = false;
  return function () {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () { queued = false; fn(); });
  };
}

/* fn once the window has stopped changing size for 150 ms */
function onResize(fn) {
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(fn, 150);
  });
}

/* keep the screen on while the page is shown, where the browser allows it */
function keepAwake() {
  function awake() {
    if (navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").catch(function () { /* not allowed: fine */ });
    }
  }
  document.addEventListener("visibilitychange", awake);
  awake();
}

window.Live = {
  api: api, strings: strings, config: config, url: url, connect: connect, State: State, byTop: byTop,
  byFocus: byFocus, byNewest: byNewest, el: el, fmt: fmt, time: time, timeSeconds: timeSeconds, date: date,
  speakers: speakers, speakerList: speakerList, askedBy: askedBy,
  onStage: onStage, upNext: upNext, nextItem: nextItem, showConnection: showConnection,
  fitText: fitText, trimList: trimList, onFrame: onFrame, onResize: onResize, keepAwake: keepAwake
};
