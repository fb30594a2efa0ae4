/* Attendee page: ask (with an offline queue), vote, follow the stage and one's own questions.
   The server renders everything first, so the page works without this script; here the
   same DOM is kept live, keyed by question id, and updated in place. */
(function () {
  "use strict";

  var S = Live.strings();
  var P = JSON.parse(document.getElementById("page").textContent);
  var sort = P.sort;
  var state = new Live.State();
  var socket = null;
  var nodes = new Map();      /* public list: id -> <li> */
  var mineNodes = new Map();  /* own questions: id -> <li> */
  var mineIds = new Set();

  function $(id) { return document.getElementById(id); }
  var el = Live.el, isPublic = Live.isPublic;
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
  function badge(cls, text) { return el("span", "badge " + cls, text); }

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
    form.action = P.vote_form.replace(/0$/, q.id);
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
    if (q.status === "answered") nodes.push(badge("answered", S.answered));
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
    li.classList.toggle("answered", q.status === "answered");
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

  /* Move only what is out of place; nothing happens when the order is unchanged. */
  function applyOrder() {
    var wanted = state.list(isPublic).sort(sort === "top" ? Live.byTop : Live.byNewest);
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
    document.querySelector(".list-empty").hidden = nodes.size > 0;
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
    var show = q.status === "rejected" && !!q.reject_reason;
    setText(reason, show ? S.reason + " " + q.reject_reason : "");
    reason.hidden = !show;
    document.querySelector(".mine-empty").hidden = true;
  }

  /* ---------- stage ---------- */

  function renderStage() {
    var staged = state.list(function (q) { return q.on_stage; })
      .sort(function (a, b) { return b.version - a.version; })[0];
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
      if (isPublic(q)) { seen.add(q.id); upsert(q); }
    });
    nodes.forEach(function (li, id) { if (!seen.has(id)) drop(id); });
    applyOrder();
    mineNodes.forEach(function (li, id) { if (!mineIds.has(id)) { li.remove(); mineNodes.delete(id); } });
    s.list(function (q) { return mineIds.has(q.id); }).sort(function (a, b) { return a.id - b.id; })
      .forEach(upsertMine);
    document.querySelector(".mine-empty").hidden = mineNodes.size > 0;
    renderStage();
    showPhase(s.event);
    followSent(s.questions.get(lastSent));
  }

  function question(q) {
    if (q.mine) mineIds.add(q.id);
    if (isPublic(q)) { upsert(q); scheduleOrder(); } else drop(q.id);
    if (mineIds.has(q.id)) upsertMine(q);
    if (q.mine && nodes.has(q.merged_into)) upsert(state.questions.get(q.merged_into));
    followSent(q);
    document.querySelector(".list-empty").hidden = nodes.size > 0;
    renderStage();
  }

  /* the organizers moved the event to another phase: the form follows (questions.accepts_questions) */
  function showPhase(event) {
    if (!event) return;
    var accepting = event.phase === "collecting" || event.phase === "live";
    var notice = $("phase-notice"), text = S.phase_notices[event.phase] || "";
    notice.className = "phase-notice " + (event.phase === "collecting" ? "hint" : "notice warn");
    setText(notice, text);
    notice.hidden = !text;
    $("ask").hidden = !accepting;
    $("ask").querySelector("fieldset").disabled = !accepting;
  }

  function connection(online) {
    var node = $("connection");
    node.hidden = false;
    node.classList.toggle("offline", !online);
    setText(node, online ? "● " + S.live : S.reconnecting);
    if (online) retry();
  }

  if (window.io) {
    $("connection").hidden = false;
    setText($("connection"), S.connecting);
    socket = Live.connect(P.code, "attendee", {
      render: render,
      question: question,
      removed: function (id) { drop(id); document.querySelector(".list-empty").hidden = nodes.size > 0; renderStage(); },
      votes: function (ids) {
        ids.forEach(function (id) {
          var li = nodes.get(id), q = state.questions.get(id);
          if (li && q) showVote(li, q.votes, state.voted.has(id));
        });
        if (sort === "top") scheduleOrder();
      },
      connection: connection,
      event: showPhase,
      error: function (message) { toast(message); }
    });
    state = socket.state;
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

  list.addEventListener("submit", function (e) {
    var form = e.target.closest("form.vote");
    if (!form) return;
    e.preventDefault();
    var li = form.closest("li"), id = Number(li.dataset.id);
    if (li.dataset.busy) return;
    var button = form.querySelector(".vote-btn");
    var before = button.getAttribute("aria-pressed") === "true";
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
    Live.api(before ? "DELETE" : "POST", P.vote_api.replace("/0/", "/" + id + "/")).then(function (r) {
      delete li.dataset.busy;
      if (r.ok) apply(r.data.votes, r.data.voted);
      else {
        apply(count, before);
        toast(r.data.error || S.vote_failed);
      }
      if (sort === "top") scheduleOrder();
    });
  });

  /* ---------- asking, with a queue that survives a lost connection ---------- */

  var form = $("ask"), text = $("ask-text"), author = $("ask-author"), topic = $("ask-topic");
  var about = form.querySelectorAll("[data-origin]");  /* unit, district, youth group: optional */
  var status = $("ask-status"), send = form.querySelector(".send");
  var KEY = "live.pending." + P.code;
  var pending = null, attempt = 0, inFlight = 0, watchdog = null;
  var lastSent = null;  /* the id of the question this form sent last: the notice follows it */

  function store(value) {
    try {
      if (value) localStorage.setItem(KEY, JSON.stringify(value)); else localStorage.removeItem(KEY);
    } catch (err) { /* private mode: the queue lives in memory only */ }
  }
  function restore() {
    try { return JSON.parse(localStorage.getItem(KEY) || "null"); } catch (err) { return null; }
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
    var message = q.merged_into ? S.merged_badge : S["sent_" + q.status] || S.sent_approved;
    if (q.status === "rejected" && q.reject_reason) message += " " + S.reason + " " + q.reject_reason;
    say(message, q.status === "rejected" ? "warn" : "ok");
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
    $("ask-count").classList.toggle("near", n >= 450);
  }
  text.addEventListener("input", count);

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
      if (r.status === 0 || r.status >= 500 || r.status === 429) {
        say(r.status === 0 ? S.queued : (r.data.error || S.queued), "warn");
      } else {
        pending = null;
        store(null);
        lock(false);
        say(r.data.error || S.failed, "error");
        text.focus();
      }
    });
    clearTimeout(watchdog);
    watchdog = setTimeout(function () { if (pending && mine === attempt) say(S.queued, "warn"); }, 8000);
  }

  function sent(q) {
    pending = null;
    inFlight = 0;
    clearTimeout(watchdog);
    store(null);
    lock(false);
    text.value = "";
    if (topic) topic.value = "";
    count();
    lastSent = q.id;
    followSent(q);
    mineIds.add(q.id);
    state.put(q);
    upsertMine(state.questions.get(q.id) || q);
    if (isPublic(q)) question(state.questions.get(q.id) || q);
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
  }
  count();
})();
