/* The polls panel: the event's polls (the live state's), newest first, each with its state and kind,
   whether phones see its results, the results as they come (moderators always get the counts: bars
   with count and percent, and how many answered), and a button for each move the server allows now
   (poll.actions): open, close, reveal or hide the results. */
import { button, rememberFold, shared, url } from "./shared.js";
import { takePoll } from "./sync.js";
import { flash } from "./notices.js";

const el = Live.el;
const part = (id) => document.getElementById(id);
const panel = { details: part("polls-panel"), list: part("polls-list"), empty: part("polls-empty"),
                states: part("polls-states"), form: part("poll-form") };
const rows = new Map();  /* poll id -> {poll, el, head, text, results, actions, error, busy, refocus} */

/* each move: the URL it posts to and its body */
const REQUESTS = { open: ["poll_open"], close: ["poll_close"], reveal: ["poll_reveal", {}],
                   hide: ["poll_reveal", { revealed: false }] };

function polls() {
  return shared.live ? Array.from(shared.live.state.polls.values()) : [];
}

/* every poll drawn again (after a snapshot) */
export function showPolls() {
  rows.forEach((row) => row.el.remove());
  rows.clear();
  polls().forEach(showPoll);
  showSummary();
}

/* one poll, new or changed */
export function showPoll(poll) {
  const row = rows.get(poll.id) || newRow(poll);
  row.poll = poll;
  drawHead(row);
  drawResults(row);
  drawActions(row);
  showSummary();
}

/* a poll's results changed (a `poll_results` message) */
export function showResults(poll) {
  const row = rows.get(poll.id);
  if (row) { row.poll = poll; drawResults(row); }
}

function newRow(poll) {
  const li = el("li", "poll");
  li.id = "poll-" + poll.id;
  li.dataset.poll = poll.id;
  li.setAttribute("aria-labelledby", li.id + "-text");
  const row = { poll: poll, el: li, head: el("div", "poll-head"), text: el("p", "poll-text"),
                results: el("div", "poll-results"), actions: el("div", "poll-actions"),
                error: el("p", "notice error poll-error"), busy: false, refocus: null };
  row.text.id = li.id + "-text";
  row.actions.setAttribute("role", "group");
  row.actions.setAttribute("aria-label", shared.S.pollActions);
  row.error.setAttribute("role", "alert");
  row.error.hidden = true;
  [row.head, row.text, row.results, row.actions, row.error].forEach((node) => li.appendChild(node));
  rows.set(poll.id, row);
  const after = Array.from(rows.values()).filter((other) => other.poll.id < poll.id && other.el.isConnected)
    .sort((a, b) => b.poll.id - a.poll.id)[0];
  panel.list.insertBefore(li, after ? after.el : null);
  return row;
}

function drawHead(row) {
  const poll = row.poll, S = shared.S;
  row.head.textContent = "";
  row.head.appendChild(el("span", "badge poll-state state-" + poll.state, Live.label("poll_state", poll.state)));
  const kind = Live.label("poll_kind", poll.kind);
  const limit = poll.max_choices > 1 ? " · " + Live.fmt(S.pollMax, { count: poll.max_choices }) : "";
  row.head.appendChild(el("span", "badge poll-kind", kind + limit));
  row.head.appendChild(el("span", "poll-shown" + (poll.revealed ? " is-revealed" : ""),
                          poll.revealed ? S.pollRevealed : S.pollHidden));
  row.text.textContent = poll.text;
}

/* the bars: each option's count and percent of those who answered (the bar itself is only a picture) */
function drawResults(row) {
  const results = row.poll.results || {}, S = shared.S;
  row.results.textContent = "";
  row.results.appendChild(el("p", "poll-total", Live.fmt(S.pollTotal, { count: results.total || 0 })));
  const list = row.results.appendChild(el("ul", "poll-bars"));
  (results.options || []).forEach((option) => {
    const li = list.appendChild(el("li", "poll-bar"));
    li.appendChild(el("span", "poll-option", option.label));
    const track = li.appendChild(el("span", "poll-track"));
    track.setAttribute("aria-hidden", "true");
    track.appendChild(el("span", "poll-fill")).style.width = option.percent + "%";
    li.appendChild(el("span", "poll-count", Live.fmt(S.pollCount, { count: option.count, percent: option.percent })));
  });
  if (results.mean != null) row.results.appendChild(el("p", "poll-mean", Live.fmt(S.pollMean, { mean: results.mean })));
}

/* a button for each move the server offers; after our own move, the focus stays on the poll's buttons */
function drawActions(row) {
  const focused = row.actions.contains(document.activeElement) ? document.activeElement.dataset.action : row.refocus;
  row.actions.textContent = "";
  (row.poll.actions || []).forEach((action) => {
    const node = row.actions.appendChild(button(shared.S["poll_" + action], action, action === "reveal" ? "primary" : ""));
    node.setAttribute("aria-describedby", row.text.id);
  });
  row.el.classList.toggle("busy", row.busy);
  if (!focused || row.busy) return;
  row.refocus = null;
  const elsewhere = document.activeElement !== document.body && !row.el.contains(document.activeElement);
  if (elsewhere) return;  /* the moderator has moved on meanwhile */
  const again = row.actions.querySelector('[data-action="' + focused + '"]') || row.actions.querySelector("button");
  if (again) again.focus({ preventScroll: true });
}

/* the summary line, seen when the panel is folded: how many polls are in each state; the panel shows
   once the event has a poll, or while the ad hoc poll's form is open */
export function showSummary() {
  const counts = new Map();
  polls().forEach((poll) => counts.set(poll.state, (counts.get(poll.state) || 0) + 1));
  panel.states.textContent = Array.from(counts, ([state, count]) =>
    Live.fmt(shared.S.pollStates, { count: count, state: Live.label("poll_state", state) })).join(" · ");
  panel.empty.hidden = counts.size > 0;
  panel.details.hidden = counts.size === 0 && panel.form.hidden;
}

function showError(row, message) {
  row.error.textContent = message;
  row.error.hidden = !message;
}

/* one of the moves the server offered; its answer is the poll as it is now */
function act(row, action) {
  const [name, body] = REQUESTS[action], S = shared.S;
  row.busy = true;
  row.refocus = action;
  drawActions(row);
  showError(row, "");
  Live.api("POST", url(name, row.poll.id), body).then((result) => {
    row.busy = false;
    if (result.ok) {
      takePoll(result.data);
      flash(S["done_poll_" + action], "ok");
    } else {
      showError(row, result.data.error || (result.status ? S.failed : S.network));
      if (result.status === 409) reloadPolls();
    }
    drawActions(row);
  });
}

/* the polls as the server has them now (their `poll` messages may already have brought them) */
export function reloadPolls() {
  Live.api("GET", url("polls")).then((result) => { if (result.ok) result.data.polls.forEach(takePoll); });
}

export function openPanel() {
  panel.details.hidden = false;
  panel.details.open = true;
}

export function initPolls() {
  rememberFold(panel.details, "live.pollsPanel");
  panel.list.addEventListener("click", (event) => {
    const target = event.target.closest("[data-action]");
    const row = target && rows.get(Number(target.closest(".poll").dataset.poll));
    if (row && !row.busy) act(row, target.dataset.action);
  });
}
