/* Attendee page: vote, follow the stage, the public list and one's own questions, and the phase
   (the event's `phone` says whether the form and the votes are open). The server renders everything
   first, so the page works without this script; here the same DOM is kept live, keyed by question id,
   and updated in place. Asking is ask.js, the programme's strip phone_programme.js and the polls
   phone_polls.js; they hear of changes through Attendee.on. */
var S = Live.strings();
var P = Live.config();
var sort = P.sort;
var state = new Live.State();
var nodes = new Map();      /* public list: id -> <li> */
var mineNodes = new Map();  /* own questions: id -> <li> */
var mineIds = new Set();
var voting = P.event.phone.vote;
var listeners = { render: [], question: [], online: [], event: [], programme: [], poll: [] };

function $(id) { return document.getElementById(id); }
var el = Live.el;
function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
function badge(cls, text) { return el("span", "badge " + cls, text); }
function notify(name, value) { listeners[name].forEach(function (listener) { listener(value); }); }
function relay(name) { return function (value) { notify(name, value); }; }

var list = $("q-list"), mineList = $("mine-list");

/* ---------- public list ---------- */

function build(q) {
  var li = el("li", "q");
  li.id = "q" + q.id;
  li.dataset.id = q.id;
  var body = li.appendChild(el("div", "q-body"));
  body.appendChild(el("p", "q-text"));
  body.appendChild(el("p", "q-meta"));
  body.appendChild(el("p", "q-agency"));
  var merged = body.appendChild(el("details", "q-merged"));
  merged.appendChild(el("summary"));
  merged.appendChild(el("ul"));
  var form = li.appendChild(el("form", "vote"));
  form.method = "post";
  form.action = Live.url(P.vote_form, q.id);
  var action = form.appendChild(el("input"));
  action.type = "hidden";
  action.name = "action";
  var button = form.appendChild(el("button", "vote-btn"));
  button.type = "submit";
  button.appendChild(el("span", "vote-arrow", "▲")).setAttribute("aria-hidden", "true");
  button.appendChild(el("span", "vote-count"));
  button.appendChild(el("span", "visually-hidden", S.votes_hidden));
  return li;
}

function meta(q) {
  var nodes = [el("span", "q-author", q.author || S.anonymous)];
  if (q.topic) nodes.push(el("span", "chip", q.topic));
  if (S.listed_badges[q.status]) nodes.push(badge(q.status, S.listed_badges[q.status]));
  if (q.on_stage) nodes.push(badge("stage", S.on_stage));
  return nodes;
}

function fill(box, children) {
  var key = children.map(function (c) { return c.className + ":" + c.textContent; }).join("|");
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.textContent = "";
  children.forEach(function (c, i) {
    if (i) box.appendChild(document.createTextNode(" "));
    box.appendChild(c);
  });
}

function showVote(li, votes, voted) {
  var button = li.querySelector(".vote-btn");
  setText(li.querySelector(".vote-count"), String(votes));
  button.setAttribute("aria-pressed", voted ? "true" : "false");
  button.disabled = !voting;
  li.querySelector("input[name=action]").value = voted ? "unvote" : "vote";
}

function upsert(q) {
  var li = nodes.get(q.id);
  if (!li) {
    li = build(q);
    nodes.set(q.id, li);
    list.appendChild(li);
  }
  setText(li.querySelector(".q-text"), q.text);
  fill(li.querySelector(".q-meta"), meta(q));
  var agency = li.querySelector(".q-agency");
  setText(agency, q.agency ? S.answered_by + " " + q.agency.name : "");
  agency.hidden = !q.agency;
  li.className = "q " + q.status;
  showMerged(li.querySelector(".q-merged"), mergedInto(q));
  showVote(li, q.votes, state.voted.has(q.id));
}

/* what is shown merged into `q`: what the server lists for everyone, and this attendee's own
   questions merged into it (everyone else sees a pending one only once approved) */
function mergedInto(q) {
  var listed = new Set((q.merged || []).map(function (m) { return m.id; }));
  var own = state.list(function (o) { return o.mine && o.merged_into === q.id && !listed.has(o.id); });
  return (q.merged || []).concat(own).sort(function (a, b) { return a.id - b.id; });
}

/* the questions merged into this one, each submitter credited */
function showMerged(box, merged) {
  box.hidden = !merged.length;
  setText(box.querySelector("summary"), Live.fmt(S.merged_summary, { count: merged.length }));
  fill(box.querySelector("ul"), merged.map(function (m) {
    var item = el("li", "", m.text + " ");
    item.appendChild(el("span", "q-author", "— " + (m.author || S.anonymous)));
    return item;
  }));
}

function drop(id) {
  var li = nodes.get(id);
  if (li) { li.remove(); nodes.delete(id); }
}

function showEmpty() { document.querySelector(".list-empty").hidden = nodes.size > 0; }

/* Move only what is out of place; nothing happens when the order is unchanged. */
function applyOrder() {
  var wanted = state.list(function (q) { return q.public; }).sort(sort === "top" ? Live.byTop : Live.byNewest);
  var focused = document.activeElement;
  var child = list.firstElementChild;
  wanted.forEach(function (q) {
    var li = nodes.get(q.id);
    if (!li) return;
    if (li === child) child = child.nextElementSibling;
    else list.insertBefore(li, child);
  });
  if (focused && focused !== document.activeElement && list.contains(focused)) {
    focused.focus({ preventScroll: true });
  }
  showEmpty();
}

var orderQueued = false;
function scheduleOrder() {
  if (orderQueued) return;
  orderQueued = true;
  setTimeout(function () {
    requestAnimationFrame(function () { orderQueued = false; applyOrder(); });
  }, 400);
}

/* ---------- own questions ---------- */

function upsertMine(q) {
  var li = mineNodes.get(q.id);
  if (!li) {
    li = el("li");
    li.id = "m" + q.id;
    li.dataset.id = q.id;
    li.appendChild(el("p", "q-text"));
    li.appendChild(el("p", "q-meta"));
    li.appendChild(el("p", "reason"));
    mineNodes.set(q.id, li);
    mineList.insertBefore(li, mineList.firstElementChild);
  }
  setText(li.querySelector(".q-text"), q.text);
  var badges = [badge(q.status, S[q.status] || q.status)];
  if (q.merged_into) badges.push(badge("merged", S.merged_badge));
  if (q.on_stage) badges.push(badge("stage", S.on_stage));
  fill(li.querySelector(".q-meta"), badges);
  var reason = li.querySelector(".reason");
  setText(reason, q.reject_reason ? S.reason + " " + q.reject_reason : "");
  reason.hidden = !q.reject_reason;
  document.querySelector(".mine-empty").hidden = true;
}

/* ---------- stage ---------- */

function renderStage() {
  var staged = Live.onStage(state);
  var card = $("stage");
  card.hidden = !staged;
  if (!staged) return;
  setText(card.querySelector(".stage-text"), staged.text);
  var agency = card.querySelector(".stage-agency");
  agency.hidden = !staged.agency;
  setText(card.querySelector(".stage-agency-name"), staged.agency ? staged.agency.name : "");
}

/* ---------- live hooks ---------- */

function adopt(container, map) {
  Array.prototype.forEach.call(container.children, function (li) { map.set(Number(li.dataset.id), li); });
}
adopt(list, nodes);
adopt(mineList, mineNodes);

function render(s) {
  state = s;
  var seen = new Set();
  mineIds = new Set();
  s.questions.forEach(function (q) {
    if (q.mine) mineIds.add(q.id);
    if (q.public) { seen.add(q.id); upsert(q); }
  });
  nodes.forEach(function (li, id) { if (!seen.has(id)) drop(id); });
  applyOrder();
  mineNodes.forEach(function (li, id) { if (!mineIds.has(id)) { li.remove(); mineNodes.delete(id); } });
  s.list(function (q) { return mineIds.has(q.id); }).sort(function (a, b) { return a.id - b.id; })
    .forEach(upsertMine);
  document.querySelector(".mine-empty").hidden = mineNodes.size > 0;
  renderStage();
  showPhase(s.event);
  notify("render", s);
}

function question(q) {
  if (q.mine) mineIds.add(q.id);
  if (q.public) { upsert(q); scheduleOrder(); } else drop(q.id);
  if (mineIds.has(q.id)) upsertMine(q);
  if (q.mine && nodes.has(q.merged_into)) upsert(state.questions.get(q.merged_into));
  notify("question", q);
  showEmpty();
  renderStage();
}

/* a question this page sent: among one's own, and in the public list when it is public */
function received(q) {
  mineIds.add(q.id);
  state.put(q);
  var current = state.questions.get(q.id) || q;
  upsertMine(current);
  if (current.public) question(current);
}

/* the organizers moved the event to another phase: the form, the votes and the notice follow */
function showPhase(event) {
  if (!event) return;
  var phone = event.phone, notice = $("phase-notice");
  var text = phone.notice ? P.notices[phone.notice] || phone.notice : "";
  notice.className = "phase-notice " + (phone.ask ? "hint" : "notice warn");
  setText(notice, text);
  notice.hidden = !text;
  $("ask").hidden = !phone.ask;
  $("ask").querySelector("fieldset").disabled = !phone.ask;
  voting = phone.vote;
  list.querySelectorAll(".vote-btn").forEach(function (button) { button.disabled = !voting; });
}

function connection(online) {
  var node = $("connection");
  node.hidden = false;
  node.classList.toggle("offline", !online);
  setText(node, online ? "● " + S.live : S.reconnecting);
  if (online) notify("online");
}

function votes(ids) {
  ids.forEach(function (id) {
    var li = nodes.get(id), q = state.questions.get(id);
    if (li && q) showVote(li, q.votes, state.voted.has(id));
  });
  if (sort === "top") scheduleOrder();
}

if (window.io) {
  $("connection").hidden = false;
  setText($("connection"), S.connecting);
  state = Live.connect(P.code, "attendee", {
    render: render,
    question: question,
    removed: function (id) { drop(id); showEmpty(); renderStage(); },
    votes: votes,
    connection: connection,
    event: function (event) { showPhase(event); notify("event", event); },
    programme: relay("programme"),
    poll: relay("poll"),
    pollResults: relay("poll"),
    error: function (message) { toast(message); }
  }).state;
}

/* ---------- sort toggle ---------- */

document.querySelector(".sort").addEventListener("click", function (e) {
  var link = e.target.closest("a[data-sort]");
  if (!link) return;
  e.preventDefault();
  sort = link.dataset.sort;
  Array.prototype.forEach.call(this.querySelectorAll("a"), function (a) {
    if (a === link) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
  });
  try { history.replaceState(null, "", "?sort=" + sort + "#questions"); } catch (err) { /* ignore */ }
  applyOrder();
});

/* ---------- voting ---------- */

var toastTimer = null;
function toast(message) {
  var node = $("toast");
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(function () { node.hidden = true; }, 5000);
}

function vote(li) {
  var id = Number(li.dataset.id);
  var before = li.querySelector(".vote-btn").getAttribute("aria-pressed") === "true";
  var q = state.questions.get(id);
  var count = q ? q.votes : Number(li.querySelector(".vote-count").textContent);
  var apply = function (votes, voted) {
    if (voted) state.voted.add(id); else state.voted.delete(id);
    var current = state.questions.get(id);
    if (current) current.votes = votes;
    showVote(li, votes, voted);
  };
  li.dataset.busy = "1";
  apply(Math.max(0, count + (before ? -1 : 1)), !before);  /* optimistic */
  Live.api(before ? "DELETE" : "POST", Live.url(P.vote_api, id)).then(function (r) {
    delete li.dataset.busy;
    if (r.ok) apply(r.data.votes, r.data.voted);
    else {
      apply(count, before);
      toast(r.data.error || S.vote_failed);
    }
    if (sort === "top") scheduleOrder();
  });
}

list.addEventListener("submit", function (e) {
  var form = e.target.closest("form.vote");
  if (!form) return;
  e.preventDefault();
  var li = form.closest("li");
  if (!li.dataset.busy) vote(li);
});

/* what ask.js and the phone's programme and polls need: to hear of changes, and to hand over what was sent */
window.Attendee = {
  on: function (name, listener) { listeners[name].push(listener); },
  received: received
};
