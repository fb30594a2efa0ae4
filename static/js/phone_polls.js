/* Attendee page: the polls, at the top, those that take answers first. A card per poll: its form
   while the server says it is `answerable` (radios for one choice, checkboxes up to the poll's
   max_choices, five large buttons for a scale), the attendee's own answer, and the results as far as
   the server sends them (bars once they carry `options`, else only how many answered).
   An answer the network did not take is kept (localStorage, per event and poll; a newer one replaces
   it) and sent once when the phone is back (a new snapshot after the socket reconnects, or the
   browser's `online`), at most MAX_TRIES times. Loaded after attendee.js, which it hears from. */
var S = Live.strings();
var P = Live.config();
var el = Live.el;
var MAX_TRIES = 3;
var RETRY_MS = 10000;  /* after a failed send while the phone still says it is online */
var PREFIX = "live.poll." + P.code + ".";
var ABOUT = ["youth_group", "district"];  /* what the form's "about you" may tell of the attendee */
var box = document.getElementById("polls");
var cards = new Map();    /* poll id -> its card */
var polls = new Map();    /* poll id -> the poll as last sent */
var saved = new Map();    /* poll id -> the choices the server took from this page */
var pending = new Map();  /* poll id -> {choices, youth_group, district, tries}: not sent yet */
var sending = new Set();
var retryTimer = null;

/* ---------- the answers kept until sent ---------- */

function keep(id, answer) {
  if (answer) pending.set(id, answer); else pending.delete(id);
  try {
    if (answer) localStorage.setItem(PREFIX + id, JSON.stringify(answer)); else localStorage.removeItem(PREFIX + id);
  } catch (err) { /* private mode: kept in memory only */ }
}

function restore() {
  try {
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf(PREFIX) === 0) pending.set(Number(key.slice(PREFIX.length)), JSON.parse(localStorage.getItem(key)));
    }
  } catch (err) { /* nothing kept */ }
}

/* the choices the server holds for this attendee, and those the form shows (a waiting answer's) */
function confirmed(poll) { return saved.get(poll.id) || poll.mine || []; }
function chosen(poll) { return pending.has(poll.id) ? pending.get(poll.id).choices : confirmed(poll); }

/* ---------- building a card ---------- */

function optionInput(poll, option, type) {
  var label = el("label", "poll-option");
  var input = label.appendChild(el("input"));
  input.type = type;
  input.name = "poll-" + poll.id;
  input.value = option.id;
  label.appendChild(el("span", "", option.label));
  return label;
}

function scaleButton(option) {
  var button = el("button", "poll-scale-btn", option.label);
  button.type = "button";
  button.classList.toggle("named", option.label.length > 2);  /* a named end, not a digit: smaller */
  button.value = option.id;
  return button;
}

function isScale(poll) { return poll.kind === "scale"; }

function hint(poll) {
  if (isScale(poll)) return S.poll_scale;
  return poll.max_choices > 1 ? Live.fmt(S.poll_max, { count: poll.max_choices }) : S.poll_one;
}

function buildForm(poll, card) {
  var form = card.appendChild(el("form", "poll-form"));
  form.noValidate = true;
  var fieldset = form.appendChild(el("fieldset"));
  var legend = fieldset.appendChild(el("legend", "poll-hint", hint(poll)));
  legend.id = "poll-" + poll.id + "-hint";
  fieldset.setAttribute("aria-labelledby", "poll-" + poll.id + "-q " + legend.id);
  var choices = fieldset.appendChild(el("div", isScale(poll) ? "poll-scale" : "poll-options"));
  poll.options.forEach(function (option) {
    choices.appendChild(isScale(poll) ? scaleButton(option)
      : optionInput(poll, option, poll.max_choices > 1 ? "checkbox" : "radio"));
  });
  if (isScale(poll)) return;
  if (poll.max_choices > 1) fieldset.appendChild(el("p", "hint poll-count")).setAttribute("aria-live", "polite");
  form.appendChild(el("button", "primary poll-send")).type = "submit";
}

function build(poll) {
  var card = el("section", "poll-card");
  card.id = "poll-" + poll.id;
  card.dataset.id = poll.id;
  card.setAttribute("aria-labelledby", "poll-" + poll.id + "-q");
  var head = card.appendChild(el("p", "poll-head"));
  head.appendChild(el("span", "poll-tag", S.poll));
  head.appendChild(el("span", "badge poll-state"));
  card.appendChild(el("h2", "poll-q", poll.text)).id = "poll-" + poll.id + "-q";
  buildForm(poll, card);
  card.appendChild(el("p", "poll-mine"));
  var status = card.appendChild(el("p", "notice poll-status"));
  status.setAttribute("role", "status");
  status.hidden = true;
  card.appendChild(el("div", "poll-results"));
  cards.set(poll.id, card);
  return card;
}

/* ---------- showing a poll ---------- */

/* the answer held (or waiting) on the form; boxes the attendee is still ticking are left alone */
function checkChosen(card, poll) {
  var ids = chosen(poll);
  if (!card.dataset.touched) {
    card.querySelectorAll(".poll-option input").forEach(function (input) { input.checked = ids.indexOf(Number(input.value)) >= 0; });
  }
  card.querySelectorAll(".poll-scale-btn").forEach(function (button) {
    button.setAttribute("aria-pressed", ids.indexOf(Number(button.value)) >= 0 ? "true" : "false");
  });
}

function labelsOf(poll, ids) {
  return poll.options.filter(function (o) { return ids.indexOf(o.id) >= 0; }).map(function (o) { return o.label; });
}

function countChosen(card, poll) {
  var counter = card.querySelector(".poll-count");
  if (!counter) return;
  var n = picked(card).length;
  counter.textContent = Live.fmt(S.poll_chosen, { count: n, limit: poll.max_choices });
  counter.classList.toggle("over", n > poll.max_choices);
}

function say(id, message, kind) {
  var card = cards.get(id);
  if (!card) return;
  var status = card.querySelector(".poll-status");
  status.hidden = !message;
  status.className = "notice poll-status" + (kind ? " " + kind : "");
  status.textContent = message || "";
}

function show(poll) {
  var card = cards.get(poll.id) || build(poll);
  var state = card.querySelector(".poll-state");
  state.textContent = Live.label("poll_state", poll.state);
  card.classList.toggle("answerable", poll.answerable);
  card.querySelector(".poll-form").hidden = !poll.answerable;
  checkChosen(card, poll);
  countChosen(card, poll);
  var mine = labelsOf(poll, confirmed(poll));
  var send = card.querySelector(".poll-send");
  if (send) send.textContent = mine.length ? S.poll_change : S.poll_send;
  var line = card.querySelector(".poll-mine");
  line.textContent = mine.length ? Live.fmt(S.poll_mine, { choices: mine.join(", ") }) : "";
  line.hidden = !mine.length;
  if (pending.has(poll.id) && !sending.has(poll.id)) say(poll.id, S.poll_waiting, "warn");
  showResults(card.querySelector(".poll-results"), poll.results);
}

function number(value) { return Number(value).toLocaleString(document.documentElement.lang || "vi"); }

function bar(option) {
  var li = el("li", "poll-bar");
  var row = li.appendChild(el("p", "poll-bar-text"));
  row.appendChild(el("span", "poll-bar-label", option.label));
  row.appendChild(el("span", "poll-bar-percent", option.percent + "%"));
  var track = li.appendChild(el("span", "poll-bar-track"));
  track.setAttribute("aria-hidden", "true");
  track.appendChild(el("span", "poll-bar-fill")).style.width = option.percent + "%";
  return li;
}

/* bars once the results carry the options (revealed), and how many answered */
function showResults(node, results) {
  var key = JSON.stringify(results || null);
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  node.textContent = "";
  if (!results) return;
  if (results.options) {
    var list = node.appendChild(el("ul", "poll-bars"));
    results.options.forEach(function (option) { list.appendChild(bar(option)); });
    if (results.mean != null) node.appendChild(el("p", "poll-mean", Live.fmt(S.poll_mean, { mean: number(results.mean) })));
  }
  node.appendChild(el("p", "hint poll-total", Live.fmt(S.poll_total, { count: number(results.total) })));
}

/* those that take answers first, then the newest; only what is out of place moves */
function order() {
  var wanted = Array.from(polls.values()).sort(function (a, b) {
    return (Number(b.answerable) - Number(a.answerable)) || (b.id - a.id);
  });
  var child = box.firstElementChild;
  wanted.forEach(function (poll) {
    var card = cards.get(poll.id);
    if (card === child) child = child.nextElementSibling;
    else box.insertBefore(card, child);
  });
  box.hidden = !polls.size;
}

function update(poll) {
  polls.set(poll.id, poll);
  show(poll);
  order();
}

/* ---------- answering ---------- */

function picked(card) {
  return Array.prototype.filter.call(card.querySelectorAll(".poll-option input"), function (input) { return input.checked; })
    .map(function (input) { return Number(input.value); });
}

/* what the form's "about you" says, if the attendee filled it in */
function about() {
  var found = {};
  ABOUT.forEach(function (name) {
    var field = document.querySelector("#ask [name=" + name + "]");
    if (field && field.value) found[name] = field.value;
  });
  return found;
}

function answer(id, choices) {
  if (!choices.length) return say(id, S.poll_pick, "error");
  keep(id, Object.assign({ choices: choices, tries: 0 }, about()));
  if (polls.has(id)) show(polls.get(id));
  send(id);
}

function send(id) {
  var item = pending.get(id);
  if (!item || sending.has(id)) return;
  if (!navigator.onLine) return say(id, S.poll_waiting, "warn");
  sending.add(id);
  item.tries += 1;
  keep(id, item);
  say(id, S.sending);
  var body = { choices: item.choices };
  ABOUT.forEach(function (name) { if (item[name]) body[name] = item[name]; });
  Live.api("POST", Live.url(P.poll_answer_api, id), body).then(function (r) {
    sending.delete(id);
    if (pending.get(id) !== item) return send(id);  /* a newer answer came meanwhile: it goes now */
    settle(id, item, r);
    if (polls.has(id)) show(polls.get(id));
  });
}

function settle(id, item, r) {
  if (r.ok) {
    keep(id, null);
    saved.set(id, r.data.choices);
    if (cards.has(id)) delete cards.get(id).dataset.touched;
    return say(id, S.poll_saved, "ok");
  }
  var unreached = r.status === 0 || r.status >= 500 || r.status === 429;  /* no network, or a busy server */
  if (!unreached) {
    keep(id, null);  /* refused (closed, blocked, a wrong choice): the server says why */
    return say(id, r.data.error || S.poll_failed, "error");
  }
  if (item.tries >= MAX_TRIES) {
    keep(id, null);
    return say(id, S.poll_failed, "error");
  }
  say(id, S.poll_waiting, "warn");
  clearTimeout(retryTimer);
  if (navigator.onLine) retryTimer = setTimeout(flush, RETRY_MS * item.tries);
}

/* every answer still waiting, once each */
function flush() { pending.forEach(function (item, id) { send(id); }); }

box.addEventListener("submit", function (e) {
  var card = e.target.closest(".poll-card");
  if (!card) return;
  e.preventDefault();
  answer(Number(card.dataset.id), picked(card));
});

box.addEventListener("click", function (e) {
  var button = e.target.closest(".poll-scale-btn");
  if (button) answer(Number(button.closest(".poll-card").dataset.id), [Number(button.value)]);
});

box.addEventListener("change", function (e) {
  var card = e.target.closest(".poll-card");
  if (!card) return;
  card.dataset.touched = "1";
  countChosen(card, polls.get(Number(card.dataset.id)));
});

Attendee.on("render", function (state) {
  Array.from(polls.keys()).filter(function (id) { return !state.polls.has(id); }).forEach(function (id) {
    cards.get(id).remove();
    cards.delete(id);
    polls.delete(id);
  });
  state.polls.forEach(update);
  flush();
});
Attendee.on("poll", update);
window.addEventListener("online", flush);
restore();
