/* The moderator console: every question of the event, live over Socket.IO, in five tabs.
   Cards are keyed by question id and updated in place, so an open form on one card
   survives other moderators' changes and the flood of vote counts. Every action sends
   the version the page holds; a 409 brings the current question back and says so. */
(function () {
  "use strict";

  var S = Live.strings();
  var config = JSON.parse(document.getElementById("console-data").textContent);
  var root = document.getElementById("console");
  var TABS = ["pending", "approved", "stage", "answered", "rejected"];
  var SORT_INTERVAL = 1000;     /* the approved list reorders by votes at most once a second */
  var INTERACTION_QUIET = 1500; /* ...and not while the moderator is tapping in it */

  var cards = new Map();        /* id -> card record */
  var lists = {};
  var empties = {};
  var counters = {};
  var tabButtons = {};
  var currentTab = "pending";
  var known = null;             /* ids seen so far; null until the first snapshot */
  var newIds = new Set();
  var live = null;
  var lastPointer = 0;
  var sortTimers = {};
  var lastSorted = {};
  var flashTimer = null;
  /* the answer log (GET .../log): answers with their ids, by question; fetched at most once a second */
  var answerLog = { byQuestion: new Map(), keys: new Map(), last: 0, timer: null, busy: false, again: false };
  var LOG_INTERVAL = 1000;

  TABS.forEach(function (tab) {
    lists[tab] = root.querySelector('[data-list="' + tab + '"]');
    empties[tab] = root.querySelector('[data-empty="' + tab + '"]');
    counters[tab] = root.querySelector('[data-count="' + tab + '"]');
    tabButtons[tab] = document.getElementById("tab-" + tab);
  });
  var newCounter = root.querySelector("[data-new-count]");
  var baseTitle = document.title;

  /* ---------- small helpers ---------- */

  var el = Live.el, fmt = Live.fmt, day = Live.day, isPublic = Live.isPublic;

  function button(label, action, className) {
    var node = el("button", className || "", label);
    node.type = "button";
    if (action) node.dataset.action = action;
    return node;
  }

  var clock = Live.clock(root.dataset.timezone);

  var agenciesByCode = {};
  config.agencies.forEach(function (a) { agenciesByCode[a.code] = a; });
  function agencyLabel(code) {
    var agency = code && agenciesByCode[code];
    return agency ? (agency.short_name || agency.name) : (code || "");
  }

  function tabOf(q) {
    if (q.on_stage) return "stage";
    if (q.status === "approved") return "approved";
    if (q.status === "answered") return "answered";
    if (q.status === "rejected") return "rejected";
    return "pending";
  }

  function byId(a, b) { return a.id - b.id; }
  function byLatest(a, b) {
    var x = a.updated_at || a.created_at || "", y = b.updated_at || b.created_at || "";
    return x < y ? 1 : x > y ? -1 : b.id - a.id;
  }
  var ORDER = { pending: byId, approved: Live.byTop, stage: byId, answered: byLatest, rejected: byLatest };

  function agencyName(agency) {
    return agency ? (agency.short_name || agency.name || agency.code) : null;
  }

  /* which inline forms make sense for a question in this state */
  function formAllowed(kind, q) {
    if (kind === "reject") return q.status !== "rejected";
    if (kind === "answer") return isPublic(q);
    return kind === "edit" || kind === "route" || kind === "edit-answer";
  }

  /* ---------- cards ---------- */

  function createCard(q) {
    var li = el("li", "card");
    li.id = "q-" + q.id;
    li.dataset.id = q.id;
    li.setAttribute("aria-labelledby", "q-" + q.id + "-text");
    var card = {
      id: q.id, q: q, tab: null, el: li, form: null, actionsKey: "",
      body: el("div", "card-body"),
      error: el("p", "card-error notice error"),
      actions: el("div", "card-actions"),
      formBox: el("div", "card-form"),
      votes: null
    };
    card.error.setAttribute("role", "alert");
    card.error.hidden = true;
    li.appendChild(card.body);
    li.appendChild(card.error);
    li.appendChild(card.actions);
    li.appendChild(card.formBox);
    cards.set(q.id, card);
    return card;
  }

  function renderBody(card) {
    var q = card.q;
    var body = card.body;
    body.textContent = "";

    var head = el("div", "card-head");
    head.appendChild(el("span", "q-number", "#" + q.id));
    if (newIds.has(q.id)) head.appendChild(el("span", "badge new", S["new"]));
    if (q.on_stage) head.appendChild(el("span", "badge stage", S.onStage));
    head.appendChild(el("span", "badge " + q.status, S["status_" + q.status] || q.status));
    if (q.edited) head.appendChild(el("span", "badge edited", S.edited));
    var time = el("time", "q-time", clock(q.created_at));
    time.dateTime = q.created_at || "";
    head.appendChild(time);
    card.votes = el("span", "votes", fmt(S.votes, { count: q.votes }));
    head.appendChild(card.votes);
    body.appendChild(head);

    var text = el("p", "q-text", q.text);
    text.id = "q-" + q.id + "-text";
    body.appendChild(text);
    if (q.edited && q.original_text) {
      var original = el("p", "q-original");
      original.appendChild(el("strong", "", S.original));
      original.appendChild(document.createTextNode(" " + q.original_text));
      body.appendChild(original);
    }

    var meta = el("p", "q-meta");
    meta.appendChild(metaItem(S.author, q.author || S.anonymous, !q.author));
    meta.appendChild(metaItem(S.topic, q.topic || S.noTopic, !q.topic));
    meta.appendChild(metaItem(S.agency, agencyName(q.agency) || S.noAgency, !q.agency));
    if (q.written_due) meta.appendChild(metaItem(S.writtenDue, day(q.written_due)));
    body.appendChild(meta);
    body.appendChild(originLine(q));
    if (q.flags && q.flags.length) {
      var flagged = el("p", "q-flags");
      flagged.appendChild(el("span", "badge flagged", S.flagged));
      flagged.appendChild(document.createTextNode(" " + q.flags.join(", ")));
      body.appendChild(flagged);
    }
    if (q.merged && q.merged.length) body.appendChild(mergedBox(q));
    if (card.similar && !q.merged_into) body.appendChild(similarBox(card.similar));
    if (q.note) {
      var note = el("p", "q-note");
      note.appendChild(el("strong", "", S.note + ": "));
      note.appendChild(document.createTextNode(q.note));
      body.appendChild(note);
    }

    if (q.status === "rejected") {
      var reason = el("p", "q-reason");
      reason.appendChild(el("strong", "", S.rejectReason));
      reason.appendChild(document.createTextNode(" " + (q.reject_reason || S.noReason)));
      body.appendChild(reason);
    }

    var logged = answerLog.byQuestion.get(q.id);
    if (logged && logged.length) {
      body.appendChild(renderLogged(q, logged));
    } else if (q.answers && q.answers.length) {
      var box = el("div", "q-answers");
      box.appendChild(el("p", "q-answers-title", S.answers));
      var list = el("ul");
      q.answers.forEach(function (answer) {
        var item = el("li");
        var who = el("p", "answer-by");
        who.appendChild(el("strong", "", answer.answered_by));
        if (answer.follow_up) who.appendChild(el("span", "badge pending", S.followUp));
        item.appendChild(who);
        if (answer.summary) item.appendChild(el("p", "answer-summary", answer.summary));
        item.appendChild(el("p", "answer-when hint",
                            fmt(S.answeredAt, { time: clock(answer.created_at), user: answer.created_by || "" })));
        list.appendChild(item);
      });
      box.appendChild(list);
      body.appendChild(box);
    }
  }

  /* the answers logged for this question, in full, each with its "edit" action */
  function renderLogged(q, logged) {
    var box = el("div", "q-answers");
    box.appendChild(el("p", "q-answers-title", S.answers));
    var list = el("ul");
    logged.forEach(function (answer) {
      var item = el("li", "answer-entry");
      item.dataset.answer = answer.id;
      var who = Live.speakerList(answer, "answer", agencyLabel);
      if (answer.follow_up) who.appendChild(el("li", "answer-follow")).appendChild(el("span", "badge pending", S.followUp));
      item.appendChild(who);
      if (answer.summary) item.appendChild(el("p", "answer-summary", answer.summary));
      if (answer.direction) {
        var direction = el("p", "answer-direction");
        direction.appendChild(el("strong", "", S.directionShort + " "));
        direction.appendChild(document.createTextNode(answer.direction));
        item.appendChild(direction);
      }
      if (answer.commitments && answer.commitments.length) {
        var commitments = el("div", "answer-commitments");
        commitments.appendChild(el("strong", "", S.commitmentsShort));
        var rows = commitments.appendChild(el("ul"));
        answer.commitments.forEach(function (c) {
          var row = rows.appendChild(el("li"));
          row.appendChild(el("span", "answer-agency", agencyLabel(c.agency) + ": "));
          row.appendChild(document.createTextNode(c.what));
          if (c.due) row.appendChild(el("span", "answer-due", " (" + fmt(S.due, { date: day(c.due) }) + ")"));
        });
        item.appendChild(commitments);
      }
      var others = answer.question_ids.filter(function (id) { return id !== q.id; });
      if (others.length) {
        item.appendChild(el("p", "answer-also hint", fmt(S.groupedWith, {
          ids: others.map(function (id) { return "#" + id; }).join(", ") })));
      }
      var when = fmt(S.answeredAt, { time: clock(answer.created_at), user: answer.created_by || "" });
      if (answer.updated_at) when += " · " + fmt(S.editedAt, { time: clock(answer.updated_at), user: answer.updated_by || "" });
      var foot = el("div", "answer-foot");
      foot.appendChild(el("p", "answer-when hint", when));
      var edit = button(S.answerEdit, "edit-answer", "answer-edit");
      edit.dataset.answer = answer.id;
      edit.setAttribute("aria-expanded", "false");
      foot.appendChild(edit);
      item.appendChild(foot);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  /* where the question came from and who sent it, as districts and the portal report it; a district
     union's detail is its district, said once under "Huyện" */
  function originLine(q) {
    var line = el("p", "q-meta q-origin");
    var channel = config.channels[q.channel] || q.channel;
    var detail = q.channel_detail && !sameWords(q.channel_detail, q.district) ? q.channel_detail : "";
    line.appendChild(metaItem(S.channel, detail ? channel + " – " + detail : channel));
    if (q.district) line.appendChild(metaItem(S.districtLabel, q.district));
    if (q.unit) line.appendChild(metaItem(S.unit, q.unit));
    if (q.youth_group) line.appendChild(metaItem(S.youthGroup, config.youth_groups[q.youth_group] || q.youth_group));
    return line;
  }

  /* the questions merged into this one, each with its way back out; one merged while pending is
     public only once approved (questions.is_under_public), so it says so and offers the approval */
  function mergedBox(q) {
    var box = el("div", "q-merged");
    box.appendChild(el("p", "q-merged-title", fmt(S.mergedTitle, { count: q.merged.length })));
    var list = box.appendChild(el("ul"));
    q.merged.forEach(function (m) {
      var item = list.appendChild(el("li"));
      item.appendChild(el("span", "q-number", "#" + m.id + " "));
      item.appendChild(document.createTextNode(m.text + " — " + (m.author || S.anonymous)));
      if (m.status === "pending") {
        item.appendChild(el("span", "badge pending", S.mergedPending));
        childButton(item, m, S.approve, "approve-merged", S.approveMergedLabel).classList.add("primary");
      }
      childButton(item, m, S.unmerge, "unmerge", S.unmergeLabel);
    });
    return box;
  }

  function childButton(item, child, label, action, ariaLabel) {
    var node = item.appendChild(button(label, action, "small"));
    node.dataset.child = child.id;
    node.dataset.version = child.version;
    node.setAttribute("aria-label", fmt(ariaLabel, { id: child.id }));
    return node;
  }

  /* the earlier questions most like this one, to merge it into */
  function similarBox(similar) {
    var box = el("div", "q-similar");
    if (!similar.length) { box.appendChild(el("p", "hint", S.similarNone)); return box; }
    box.appendChild(el("p", "q-similar-title", S.similarTitle));
    var list = box.appendChild(el("ul"));
    similar.forEach(function (found) {
      var other = found.question;
      var item = list.appendChild(el("li"));
      item.appendChild(el("span", "q-number", "#" + other.id));
      item.appendChild(el("span", "badge " + other.status, S["status_" + other.status] || other.status));
      item.appendChild(el("span", "q-similar-score", fmt(S.similarScore, { score: found.score })));
      item.appendChild(el("span", "q-similar-text", other.text));
      var merge = item.appendChild(button(fmt(S.mergeInto, { id: other.id }), "merge", "small"));
      merge.dataset.into = other.id;
    });
    return box;
  }

  /* suggestions are fetched one question at a time, for pending questions and on request */
  var similarQueue = [], similarBusy = false;
  function wantSimilar(card) {
    if (card.similar || card.similarQueued || card.q.merged_into) return;
    card.similarQueued = true;
    similarQueue.push(card);
    nextSimilar();
  }
  function nextSimilar() {
    if (similarBusy || !similarQueue.length) return;
    var card = similarQueue.shift();
    similarBusy = true;
    Live.api("GET", "/api/v1/questions/" + card.id + "/similar").then(function (result) {
      similarBusy = false;
      card.similarQueued = false;
      if (result.ok && cards.get(card.id) === card) {
        card.similar = result.data.similar;
        renderBody(card);
      }
      nextSimilar();
    });
  }

  function sameWords(a, b) {
    return (a || "").trim().toLowerCase() === (b || "").trim().toLowerCase();
  }

  function metaItem(label, value, muted) {
    var span = el("span", "meta-item" + (muted ? " muted" : ""));
    span.appendChild(el("span", "meta-label", label + ": "));
    span.appendChild(el("span", "meta-value", value));
    return span;
  }

  function actionsFor(q) {
    if (q.status === "pending") return [["approve", "primary"], ["reject", "danger"], ["edit"], ["route"]];
    if (q.status === "rejected") return [["reapprove", "primary"], ["edit"]];
    var list = q.on_stage ? [["unstage"], ["answer", "primary"]] : [["stage", q.status === "approved" ? "primary" : ""], ["answer"]];
    return list.concat([["route"], ["edit"], ["similar"], ["reject", "danger"]]);
  }

  var FORM_ACTIONS = { reject: true, edit: true, route: true, answer: true };

  function renderActions(card) {
    var q = card.q;
    var actions = actionsFor(q);
    var key = q.status + (q.on_stage ? "+stage" : "") + ":" + actions.map(function (a) { return a[0]; }).join(",");
    if (key === card.actionsKey) { markExpanded(card); return; }
    var focusedAction = card.actions.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    card.actionsKey = key;
    card.actions.textContent = "";
    actions.forEach(function (action) {
      var name = action[0];
      var label = name === "answer" && q.status === "answered" ? S.answerMore : S[name];
      var node = button(label, name, action[1]);
      if (FORM_ACTIONS[name]) node.setAttribute("aria-expanded", "false");
      node.disabled = !!card.busy;
      card.actions.appendChild(node);
    });
    markExpanded(card);
    if (focusedAction) {
      var again = card.actions.querySelector('[data-action="' + focusedAction + '"]');
      if (again) again.focus({ preventScroll: true });
    }
  }

  function markExpanded(card) {
    var form = card.form;
    Array.prototype.forEach.call(card.actions.querySelectorAll("[aria-expanded]"), function (node) {
      node.setAttribute("aria-expanded", form && form.kind === node.dataset.action ? "true" : "false");
    });
    Array.prototype.forEach.call(card.body.querySelectorAll('[data-action="edit-answer"]'), function (node) {
      var open = form && form.kind === "edit-answer" && form.answerId === Number(node.dataset.answer);
      node.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function showError(card, message) {
    card.error.textContent = message;
    card.error.hidden = !message;
  }

  /* ---------- placing cards in lists ---------- */

  function insertSorted(card, tab) {
    var list = lists[tab];
    if (card.el.parentNode !== list && interacting(tab)) {
      /* the moderator is tapping: add at the end, where nothing shifts, and sort when quiet */
      keepFocus(function () { list.appendChild(card.el); });
      requestSort(tab);
      return;
    }
    var compare = ORDER[tab];
    var before = null;
    for (var node = list.firstElementChild; node; node = node.nextElementSibling) {
      if (node === card.el) continue;
      var other = cards.get(Number(node.dataset.id));
      if (other && compare(card.q, other.q) < 0) { before = node; break; }
    }
    if (card.el.parentNode === list && card.el.nextElementSibling === before) return;
    keepFocus(function () { list.insertBefore(card.el, before); });
  }

  /* Move DOM nodes, then give focus (and the caret) back to where it was. */
  function keepFocus(move) {
    var active = document.activeElement;
    var start = null, end = null;
    try { start = active.selectionStart; end = active.selectionEnd; } catch (e) { /* not a text field */ }
    move();
    if (active && active !== document.body && active.isConnected && document.activeElement !== active) {
      active.focus({ preventScroll: true });
      if (start !== null && start !== undefined) {
        try { active.setSelectionRange(start, end); } catch (e) { /* not a text field */ }
      }
    }
  }

  function interacting(tab) {
    if (Date.now() - lastPointer < INTERACTION_QUIET) return true;
    var active = document.activeElement;
    return !!(active && lists[tab].contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
  }

  function requestSort(tab) {
    if (sortTimers[tab]) return;
    var wait = Math.max(0, (lastSorted[tab] || 0) + SORT_INTERVAL - Date.now());
    sortTimers[tab] = setTimeout(function () {
      sortTimers[tab] = null;
      if (interacting(tab)) { lastSorted[tab] = Date.now(); requestSort(tab); return; }
      sortList(tab);
    }, wait);
  }

  function sortList(tab) {
    lastSorted[tab] = Date.now();
    var list = lists[tab];
    var wanted = Array.prototype.map.call(list.children, function (node) { return cards.get(Number(node.dataset.id)); })
      .filter(Boolean).sort(function (a, b) { return ORDER[tab](a.q, b.q); });
    keepFocus(function () {
      wanted.forEach(function (card, index) {
        if (list.children[index] !== card.el) list.insertBefore(card.el, list.children[index] || null);
      });
    });
  }

  /* ---------- applying questions ---------- */

  function upsert(q) {
    if (q.merged_into) { removeCard(q.id); return null; }  /* shown under the question it joined */
    var card = cards.get(q.id) || createCard(q);
    var oldTab = card.tab;
    if (card.q.text !== q.text) card.similar = null;
    card.q = q;
    if (q.status === "pending") wantSimilar(card);
    renderBody(card);
    renderActions(card);
    checkForm(card);
    var tab = tabOf(q);
    card.tab = tab;
    card.el.classList.toggle("is-new", newIds.has(q.id));
    if (tab !== oldTab) {
      insertSorted(card, tab);
      if (oldTab && card.form && !card.busy) flash(fmt(S.movedTo, { id: q.id, tab: S["tab_" + tab] }), "warn", card);
    } else if (tab === "approved") {
      requestSort(tab);  /* votes may have moved it; reorder when the moderator is not tapping */
    } else {
      insertSorted(card, tab);
    }
    return card;
  }

  function removeCard(id) {
    var card = cards.get(id);
    if (!card) return;
    card.el.remove();
    cards["delete"](id);
    newIds["delete"](id);
  }

  function refresh() {
    var counts = { pending: 0, approved: 0, stage: 0, answered: 0, rejected: 0 };
    cards.forEach(function (card) { counts[card.tab] += 1; });
    TABS.forEach(function (tab) {
      counters[tab].textContent = counts[tab];
      empties[tab].hidden = counts[tab] > 0;
    });
    newIds.forEach(function (id) {
      var card = cards.get(id);
      if (!card || card.q.status !== "pending") unmarkNew(id, true);
    });
    newCounter.hidden = newIds.size === 0;
    newCounter.textContent = newIds.size ? fmt(S.newCount, { count: newIds.size }) : "";
    document.title = counts.pending ? fmt(S.titlePending, { count: counts.pending }) + " " + baseTitle : baseTitle;
    renderStage();
    updateQuick();
  }

  function unmarkNew(id, quiet) {
    if (!newIds.has(id)) return;
    newIds["delete"](id);
    var card = cards.get(id);
    if (card) {
      card.el.classList.remove("is-new");
      var badge = card.body.querySelector(".badge.new");
      if (badge) badge.remove();
    }
    if (!quiet) refresh();
  }

  function staged() {
    var best = null;
    cards.forEach(function (card) {
      if (card.q.on_stage && (!best || card.q.version > best.q.version)) best = card;
    });
    return best;
  }

  var stage = {
    panel: document.getElementById("stage"),
    empty: document.getElementById("stage-empty"),
    body: document.getElementById("stage-body"),
    text: document.getElementById("stage-text"),
    meta: document.getElementById("stage-meta"),
    answer: document.getElementById("stage-answer"),
    leave: document.getElementById("stage-leave")
  };

  function renderStage() {
    var card = staged();
    stage.panel.classList.toggle("is-empty", !card);
    stage.empty.hidden = !!card;
    stage.body.hidden = !card;
    if (!card) return;
    var q = card.q;
    stage.text.textContent = q.text;
    stage.meta.textContent = "";
    stage.meta.appendChild(el("span", "q-number", "#" + q.id));
    stage.meta.appendChild(metaItem(S.author, q.author || S.anonymous, !q.author));
    stage.meta.appendChild(metaItem(S.agency, agencyName(q.agency) || S.noAgency, !q.agency));
    stage.meta.appendChild(el("span", "votes", fmt(S.votes, { count: q.votes })));
    stage.answer.textContent = q.status === "answered" ? S.answerMore : S.answer;
    stage.panel.dataset.id = q.id;
  }

  /* ---------- tabs ---------- */

  function selectTab(tab, focus) {
    currentTab = tab;
    TABS.forEach(function (name) {
      var selected = name === tab;
      tabButtons[name].setAttribute("aria-selected", selected ? "true" : "false");
      tabButtons[name].tabIndex = selected ? 0 : -1;
      document.getElementById("panel-" + name).hidden = !selected;
    });
    sortList(tab);  /* nothing of this list is under a finger yet */
    if (focus) tabButtons[tab].focus();
  }

  root.querySelector('[role="tablist"]').addEventListener("click", function (event) {
    var tab = event.target.closest("[data-tab]");
    if (tab) selectTab(tab.dataset.tab);
  });
  root.querySelector('[role="tablist"]').addEventListener("keydown", function (event) {
    var index = TABS.indexOf(currentTab);
    var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(TABS[(next + TABS.length) % TABS.length], true);
  });

  function reveal(card) {
    selectTab(card.tab);
    card.el.scrollIntoView({ block: "center" });
    card.el.classList.add("flash-highlight");
    setTimeout(function () { card.el.classList.remove("flash-highlight"); }, 1600);
  }

  /* ---------- page messages ---------- */

  var flashNode = document.getElementById("flash");
  function flash(message, kind, card) {
    clearTimeout(flashTimer);
    flashNode.textContent = "";
    flashNode.className = "notice flash " + (kind || "ok");
    flashNode.appendChild(el("span", "", message));
    if (card) {
      var show = button(S.show, null, "flash-show");
      show.addEventListener("click", function () { reveal(card); });
      flashNode.appendChild(show);
    }
    flashNode.hidden = false;
    if (kind === "ok") flashTimer = setTimeout(function () { flashNode.hidden = true; }, 5000);
  }

  var announcer = document.getElementById("announcer");
  var announceTimer = null;
  function announce(message) {
    if (announceTimer) return;
    announcer.textContent = message;
    announceTimer = setTimeout(function () { announceTimer = null; announcer.textContent = ""; }, 3000);
  }

  /* ---------- inline forms ---------- */

  function fieldId(card, name) { return "q" + card.id + "-" + name; }

  function labelled(card, name, labelText, control, hint) {
    var wrap = el("div", "field");
    var label = el("label", "", labelText);
    control.id = fieldId(card, name);
    control.name = name;
    label.htmlFor = control.id;
    wrap.appendChild(label);
    if (hint) {
      var hintNode = el("p", "hint", hint);
      hintNode.id = control.id + "-hint";
      control.setAttribute("aria-describedby", hintNode.id);
      wrap.appendChild(hintNode);
    }
    wrap.appendChild(control);
    return wrap;
  }

  function option(value, label, selected) {
    var node = el("option", "", label);
    node.value = value;
    if (selected) node.selected = true;
    return node;
  }

  function buildForm(card, kind, answer) {
    var q = card.q;
    var form = el("form", "inline-form-card form-" + (kind === "edit-answer" ? "answer form-edit-answer" : kind));
    form.noValidate = true;
    var fields = el("div", "form-fields");
    var submitLabel;
    var submitClass = "primary";

    if (kind === "reject") {
      var reason = el("textarea");
      reason.rows = 2;
      reason.maxLength = 300;
      fields.appendChild(labelled(card, "reason", S.reasonLabel, reason, S.reasonHint));
      submitLabel = S.rejectConfirm;
      submitClass = "danger";
    } else if (kind === "edit") {
      var text = el("textarea");
      text.rows = 3;
      text.maxLength = 500;
      text.required = true;
      text.value = q.text;
      fields.appendChild(labelled(card, "text", S.textLabel, text));
      var topic = el("select");
      topic.appendChild(option("", S.topicNone, !q.topic));
      var names = config.topics.slice();
      if (q.topic && names.indexOf(q.topic) < 0) names.push(q.topic);
      names.forEach(function (name) { topic.appendChild(option(name, name, name === q.topic)); });
      fields.appendChild(labelled(card, "topic", S.topicLabel, topic));
      submitLabel = S.save;
    } else if (kind === "route") {
      if (!config.agencies.length) {
        fields.appendChild(el("p", "notice warn", S.noAgencies));
      } else {
        var agency = el("select");
        agency.required = true;
        agency.appendChild(option("", S.agencyChoose, !q.agency));
        config.agencies.forEach(function (a) {
          var label = a.short_name && a.short_name !== a.name ? a.name + " (" + a.short_name + ")" : a.name;
          agency.appendChild(option(a.code, label, q.agency && q.agency.code === a.code));
        });
        fields.appendChild(labelled(card, "agency", S.agencyLabel, agency));
      }
      var due = input("date", q.written_due);
      var dueWrap = labelled(card, "written_due", S.writtenDueLabel, due);
      var dueHint = dueWrap.appendChild(el("p", "hint", S.writtenDueHint));
      dueHint.id = due.id + "-hint";
      due.setAttribute("aria-describedby", dueHint.id);
      fields.appendChild(dueWrap);
      var noteField = el("textarea");
      noteField.rows = 2;
      noteField.maxLength = 2000;
      noteField.value = q.note || "";
      var noteWrap = labelled(card, "note", S.noteLabel, noteField, S.noteHint);
      noteWrap.classList.add("field-wide");
      fields.appendChild(noteWrap);
      submitLabel = S.routeConfirm;
    } else if (kind === "answer" || kind === "edit-answer") {
      var asked = form.appendChild(el("p", "form-question"));  /* the question stays in sight while typing */
      asked.appendChild(el("strong", "", fmt(S.answering, { id: q.id }) + " "));
      asked.appendChild(document.createTextNode(q.text));
      buildAnswerFields(card, fields, kind === "edit-answer" ? answer : null);
      submitLabel = kind === "edit-answer" ? S.answerEditSave : S.answerSave;
    }

    form.appendChild(fields);
    var note = el("p", "form-note notice warn", S.editingChanged);
    note.hidden = true;
    form.appendChild(note);
    var row = el("div", "form-buttons");
    var submit = el("button", submitClass, submitLabel);
    submit.type = "submit";
    row.appendChild(submit);
    row.appendChild(button(S.cancel, "cancel-form"));
    form.appendChild(row);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitForm(card);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); closeForm(card, true); }
    });
    form.addEventListener("click", function (event) {
      var target = event.target.closest("[data-row-action]");
      if (target) { event.preventDefault(); rowAction(card, form, target); }
    });
    return { kind: kind, version: q.version, node: form, note: note, answerId: answer ? answer.id : null };
  }

  /* ---------- the answer log form: speakers, summary, direction, commitments, grouped questions ---------- */

  function agencySelect(empty, selected) {
    var select = el("select");
    select.appendChild(option("", empty, !selected));
    var codes = config.agencies.map(function (a) { return a.code; });
    config.agencies.forEach(function (a) {
      var label = a.short_name && a.short_name !== a.name ? a.name + " (" + a.short_name + ")" : a.name;
      select.appendChild(option(a.code, label, a.code === selected));
    });
    if (selected && codes.indexOf(selected) < 0) select.appendChild(option(selected, selected, true));
    return select;
  }

  function rowButton(label, action, title) {
    var node = el("button", "row-button", label);
    node.type = "button";
    node.dataset.rowAction = action;
    if (title) node.setAttribute("aria-label", title);
    return node;
  }

  var rowSerial = 0;
  function rowField(labelText, control, name) {
    var wrap = el("div", "row-field row-" + name);
    var label = el("label", "", labelText);
    control.name = name;
    control.id = "row" + (++rowSerial) + "-" + name;
    label.htmlFor = control.id;
    wrap.appendChild(label);
    wrap.appendChild(control);
    return wrap;
  }

  /* an <input> of `type` holding value; a text one takes maxLength and no autocompletion */
  function input(type, value, maxLength) {
    var node = el("input");
    node.type = type;
    if (maxLength) { node.maxLength = maxLength; node.autocomplete = "off"; }
    node.value = value || "";
    return node;
  }

  function speakerRow(speaker) {
    var row = el("div", "log-row speaker-row");
    var name = input("text", speaker.name, 200);
    name.setAttribute("list", "answerers");
    var agency = agencySelect(S.speakerNoAgency, speaker.agency || "");
    row.appendChild(rowField("", name, "speaker_name"));
    row.appendChild(rowField("", agency, "speaker_agency"));
    row.appendChild(rowButton("×", "remove-speaker"));
    /* a head's title picks its agency; an agency picks its head's title for an empty name */
    name.addEventListener("change", function () {
      if (agency.value) return;
      config.agencies.some(function (a) {
        if (a.head_title && a.head_title.toLowerCase() === name.value.trim().toLowerCase()) { agency.value = a.code; return true; }
        return false;
      });
    });
    agency.addEventListener("change", function () {
      var chosen = agenciesByCode[agency.value];
      if (chosen && !name.value.trim()) name.value = chosen.head_title || chosen.name;
    });
    return row;
  }

  function commitmentRow(commitment) {
    var row = el("div", "log-row commitment-row");
    var what = input("text", commitment.what, 1000);
    var due = input("date", commitment.due);
    row.appendChild(rowField("", agencySelect(S.agencyChoose, commitment.agency || ""), "commitment_agency"));
    row.appendChild(rowField("", what, "commitment_what"));
    row.appendChild(rowField("", due, "commitment_due"));
    row.appendChild(rowButton("×", "remove-commitment"));
    return row;
  }

  /* number the rows and label their fields: "người 1", "cam kết 2" */
  function relabel(form) {
    var speakers = form.querySelectorAll(".speaker-row");
    Array.prototype.forEach.call(speakers, function (row, index) {
      var n = index + 1;
      row.querySelector(".row-speaker_name label").textContent = fmt(S.speakerName, { n: n });
      row.querySelector(".row-speaker_agency label").textContent = fmt(S.speakerAgency, { n: n });
      var remove = row.querySelector('[data-row-action="remove-speaker"]');
      remove.setAttribute("aria-label", fmt(S.removeSpeaker, { n: n }));
      remove.hidden = speakers.length < 2;
    });
    Array.prototype.forEach.call(form.querySelectorAll(".commitment-row"), function (row, index) {
      var n = index + 1;
      row.querySelector(".row-commitment_agency label").textContent = fmt(S.commitmentAgency, { n: n });
      row.querySelector(".row-commitment_what label").textContent = fmt(S.commitmentWhat, { n: n });
      row.querySelector(".row-commitment_due label").textContent = fmt(S.commitmentDue, { n: n });
      row.querySelector('[data-row-action="remove-commitment"]').setAttribute("aria-label", fmt(S.removeCommitment, { n: n }));
    });
  }

  function rowAction(card, form, target) {
    var action = target.dataset.rowAction;
    var row, focus;
    if (action === "add-speaker") {
      row = speakerRow({});
      form.querySelector(".speaker-rows").appendChild(row);
      focus = row.querySelector("input");
    } else if (action === "add-commitment") {
      var routed = card.q.agency ? card.q.agency.code : "";
      row = commitmentRow({ agency: routed });
      form.querySelector(".commitment-rows").appendChild(row);
      focus = row.querySelector("[name=commitment_what]");
    } else if (action === "remove-speaker" || action === "remove-commitment") {
      row = target.closest(".log-row");
      var container = row.parentNode;
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      focus = next ? next.querySelector("input, select")
        : form.querySelector(action === "remove-speaker" ? '[data-row-action="add-speaker"]' : '[data-row-action="add-commitment"]');
      if (!container.children.length && action === "remove-speaker") container.appendChild(speakerRow({}));
    }
    relabel(form);
    if (focus) focus.focus();
  }

  function fieldset(className, legend, hint) {
    var box = el("fieldset", "log-fieldset " + className);
    box.appendChild(el("legend", "", legend));
    if (hint) box.appendChild(el("p", "hint", hint));
    return box;
  }

  function buildAnswerFields(card, fields, answer) {
    var q = card.q;
    var routed = q.agency || null;

    var people = fieldset("speakers", S.speakersLegend);
    var speakerRows = people.appendChild(el("div", "speaker-rows"));
    var speakers = answer ? Live.speakers(answer)
      : [{ name: routed ? (routed.head_title || "") : "", agency: routed ? routed.code : "" }];
    speakers.forEach(function (speaker) { speakerRows.appendChild(speakerRow(speaker)); });
    people.appendChild(rowButton(S.addSpeaker, "add-speaker"));
    fields.appendChild(people);

    var summary = el("textarea");
    summary.rows = 4;
    summary.maxLength = 5000;
    summary.value = answer ? answer.summary || "" : "";
    fields.appendChild(labelled(card, "summary", S.summaryLabel, summary));
    var direction = el("textarea");
    direction.rows = 4;
    direction.maxLength = 5000;
    direction.value = answer ? answer.direction || "" : "";
    fields.appendChild(labelled(card, "direction", S.directionLabel, direction));

    var promises = fieldset("commitments", S.commitmentsLegend);
    var commitmentRows = promises.appendChild(el("div", "commitment-rows"));
    var commitments = answer ? answer.commitments : [{ agency: routed ? routed.code : "" }];
    commitments.forEach(function (c) { commitmentRows.appendChild(commitmentRow(c)); });
    promises.appendChild(rowButton(S.addCommitment, "add-commitment"));
    fields.appendChild(promises);

    if (!answer) {
      var also = fieldset("also", S.alsoLegend, S.alsoHint);
      var others = live.state.list(function (o) { return o.status === "approved" && !o.merged_into && o.id !== q.id; }).sort(Live.byTop);
      if (!others.length) also.appendChild(el("p", "hint also-none", S.alsoNone));
      var choices = also.appendChild(el("div", "also-list"));
      others.forEach(function (o) {
        var line = el("div", "check-row also-row");
        var box = el("input");
        box.type = "checkbox";
        box.name = "also";
        box.value = o.id;
        box.id = fieldId(card, "also-" + o.id);
        var label = el("label");
        label.htmlFor = box.id;
        label.appendChild(el("span", "q-number", "#" + o.id + " "));
        label.appendChild(document.createTextNode(o.text));
        label.appendChild(el("span", "also-votes", " · " + fmt(S.votes, { count: o.votes })));
        line.appendChild(box);
        line.appendChild(label);
        choices.appendChild(line);
      });
      fields.appendChild(also);
    }

    var check = el("div", "check-row follow-row");
    var box = el("input");
    box.type = "checkbox";
    box.id = fieldId(card, "follow_up" + (answer ? "-" + answer.id : ""));
    box.name = "follow_up";
    box.checked = !!(answer && answer.follow_up);
    var boxLabel = el("label", "", S.followUp);
    boxLabel.htmlFor = box.id;
    check.appendChild(box);
    check.appendChild(boxLabel);
    fields.appendChild(check);
    relabel(fields);
  }

  function openForm(card, kind, answerId) {
    var answer = null;
    if (kind === "edit-answer") {
      answer = (answerLog.byQuestion.get(card.id) || []).filter(function (a) { return a.id === answerId; })[0];
      if (!answer) return;
    }
    if (card.form && card.form.kind === kind && card.form.answerId === (answer ? answer.id : null)) { closeForm(card, true); return; }
    closeForm(card, false);
    showError(card, "");
    card.form = buildForm(card, kind, answer);
    card.formBox.appendChild(card.form.node);
    card.el.classList.add("has-form");
    markExpanded(card);
    var answering = kind === "answer" || kind === "edit-answer";
    var first = card.form.node.querySelector(answering ? "textarea[name=summary]" : "textarea, input:not([type=checkbox]), select");
    /* the answer form is taller than the screen: its top (the question) goes just below the sticky tabs */
    if (answering) card.form.node.scrollIntoView({ block: "start" });
    if (first) {
      first.focus({ preventScroll: answering });
      if (first.tagName === "TEXTAREA" && kind === "edit") first.setSelectionRange(first.value.length, first.value.length);
    }
  }

  function closeForm(card, focusButton) {
    if (!card.form) return;
    var kind = card.form.kind;
    var answerId = card.form.answerId;
    card.form.node.remove();
    card.form = null;
    card.el.classList.remove("has-form");
    markExpanded(card);
    if (focusButton) {
      var opener = kind === "edit-answer"
        ? card.body.querySelector('[data-action="edit-answer"][data-answer="' + answerId + '"]')
        : card.actions.querySelector('[data-action="' + kind + '"]');
      if (opener) opener.focus();
    }
  }

  /* After the question changed under an open form: keep it if it still makes sense. */
  function checkForm(card) {
    if (!card.form || card.busy) return;  /* our own request in flight: its answer decides */
    if (!formAllowed(card.form.kind, card.q)) {
      closeForm(card, false);
      showError(card, S.conflict);
      return;
    }
    if (card.q.version !== card.form.version) card.form.note.hidden = false;
  }

  function formBody(card) {
    var form = card.form;
    var node = form.node;
    var value = function (name) {
      var field = node.querySelector('[name="' + name + '"]');
      return field ? field.value : "";
    };
    if (form.kind === "reject") return { reason: value("reason").trim(), version: form.version };
    if (form.kind === "edit") {
      var text = value("text").trim();
      if (!text) return { invalid: S.emptyText, field: "text" };
      var body = { text: text, version: form.version };
      if (value("topic") !== (card.q.topic || "")) body.topic = value("topic");
      return body;
    }
    if (form.kind === "route") {
      var q = card.q;
      var extra = {};
      var noteValue = value("note").trim();
      if (noteValue !== (q.note || "")) extra.note = noteValue;
      if (value("written_due") !== (q.written_due || "")) extra.written_due = value("written_due") || null;
      var agency = value("agency");
      var patch = Object.keys(extra).length ? extra : null;
      if (!agency && !patch) return { invalid: S.chooseAgency, field: config.agencies.length ? "agency" : "note" };
      /* a plain "Giao" always routes; with only the note or due date changed, only those are saved */
      var routeIt = agency && !(patch && q.agency && q.agency.code === agency);
      return { route: routeIt ? { agency: agency, version: form.version } : null, patch: patch };
    }
    return answerBody(node, form);
  }

  function answerBody(node, form) {
    var speakers = [];
    Array.prototype.forEach.call(node.querySelectorAll(".speaker-row"), function (row) {
      var name = row.querySelector("[name=speaker_name]").value.trim();
      var agency = row.querySelector("[name=speaker_agency]").value;
      if (name) speakers.push({ name: name, agency: agency || null });
    });
    if (!speakers.length) return { invalid: S.emptyAnsweredBy, field: "speaker_name" };
    var commitments = [];
    var missing = null;
    Array.prototype.forEach.call(node.querySelectorAll(".commitment-row"), function (row) {
      var what = row.querySelector("[name=commitment_what]").value.trim();
      var agency = row.querySelector("[name=commitment_agency]");
      if (!what) return;
      if (!agency.value && !missing) missing = agency;
      commitments.push({ agency: agency.value, what: what, due: row.querySelector("[name=commitment_due]").value || null });
    });
    if (missing) return { invalid: S.commitmentNeedsAgency, node: missing };
    var body = {
      answered_by: speakers.map(function (s) { return s.name; }).join(", "),
      speakers: speakers,
      summary: node.querySelector("[name=summary]").value.trim(),
      direction: node.querySelector("[name=direction]").value.trim(),
      commitments: commitments,
      follow_up: node.querySelector("[name=follow_up]").checked
    };
    var agency = speakers.filter(function (s) { return s.agency; })[0];
    if (agency) body.agency = agency.agency;
    if (form.kind === "answer") {
      body.version = form.version;
      body.also = Array.prototype.map.call(node.querySelectorAll("[name=also]:checked"), function (box) { return Number(box.value); });
    }
    return body;
  }

  function submitForm(card) {
    var body = formBody(card);
    if (body.invalid) {
      showError(card, body.invalid);
      var field = body.node || card.form.node.querySelector('[name="' + body.field + '"]');
      if (field) field.focus();
      return;
    }
    var kind = card.form.kind;
    var questionUrl = "/api/v1/questions/" + card.id;
    if (kind === "route") { sendRoute(card, body); return; }
    if (kind === "edit-answer") {
      perform(card, kind, function () { return Live.api("PATCH", "/api/v1/answers/" + card.form.answerId, body); },
              { fromForm: true, answer: true });
      return;
    }
    var method = kind === "edit" ? "PATCH" : "POST";
    send(card, kind, method, questionUrl + (kind === "edit" ? "" : "/" + kind), body, true);
  }

  /* Route, then save the note and due date with the version the routing gave; either may be alone. */
  function sendRoute(card, body) {
    var url = "/api/v1/questions/" + card.id;
    var kind = body.route ? "route" : "note";
    perform(card, kind, function () {
      var first = body.route ? Live.api("POST", url + "/route", body.route) : null;
      if (!body.patch) return first;
      var patch = function (version) {
        return Live.api("PATCH", url, Object.assign({}, body.patch, { version: version }));
      };
      if (!first) return patch(card.form.version);
      return first.then(function (result) {
        if (!result.ok) return result;
        apply(result.data);  /* routed: keep it, even if the note fails */
        if (card.form) card.form.version = result.data.version;
        return patch(result.data.version);
      });
    }, { fromForm: true });
  }

  /* ---------- talking to the server ---------- */

  function apply(q) {
    if (live.state.put(q)) upsert(live.state.questions.get(q.id));
    refresh();
  }

  function setBusy(card, busy) {
    card.busy = busy;
    card.el.classList.toggle("busy", busy);
    card.el.setAttribute("aria-busy", busy ? "true" : "false");
    Array.prototype.forEach.call(card.el.querySelectorAll("button"), function (node) { node.disabled = busy; });
    if (card.id === Number(stage.panel.dataset.id)) { stage.answer.disabled = busy; stage.leave.disabled = busy; }
  }

  function send(card, kind, method, url, body, fromForm) {
    perform(card, kind, function () { return Live.api(method, url, body); }, { fromForm: fromForm });
  }

  /* Run `request` (a promise of Live.api's result) for a card; options.answer: it answers with
     a logged answer rather than the question. */
  function perform(card, kind, request, options) {
    var versionBefore = card.q.version;
    unmarkNew(card.id);
    showError(card, "");
    setBusy(card, true);
    request().then(function (result) {
      setBusy(card, false);
      var data = result.data || {};
      if (result.ok) {
        if (card.form && options.fromForm) closeForm(card, false);
        else if (card.form && card.form.version === versionBefore) card.form.version = data.version;
        if (options.answer) loadLog(true); else apply(data);
        if (kind === "answer") loadLog(true);
        flash(fmt(S["done_" + kind.replace("-", "_")] || S["done_approve"], { id: card.id }), "ok");
        return;
      }
      var message = data.error || (result.status === 0 ? S.network : S.failed);
      if (result.status === 409 && data.question) {
        apply(data.question);
        if (card.form) {
          card.form.version = live.state.questions.get(card.id).version;
          card.form.note.hidden = false;
        }
        message = data.error || S.conflict;
      } else {
        checkForm(card);  /* someone else's change may have landed while we waited */
      }
      showError(card, message);
      if (card.tab !== currentTab) flash(message + " " + fmt(S.movedTo, { id: card.id, tab: S["tab_" + card.tab] }), "error", card);
      else if (!isVisible(card.el)) flash(message, "error", card);
    });
  }

  function isVisible(node) {
    var box = node.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  function act(card, action, target) {
    var q = card.q;
    if (action === "edit-answer") { unmarkNew(card.id); openForm(card, action, Number(target.dataset.answer)); return; }
    if (FORM_ACTIONS[action]) { unmarkNew(card.id); openForm(card, action); return; }
    if (action === "cancel-form") { closeForm(card, true); return; }
    if (action === "similar") { card.similar = null; wantSimilar(card); return; }
    if (action === "merge") {
      send(card, "merge", "POST", "/api/v1/questions/" + q.id + "/merge", { into: Number(target.dataset.into), version: q.version });
      return;
    }
    if (action === "unmerge" || action === "approve-merged") {
      var childPath = action === "unmerge" ? "unmerge" : "approve";
      send(card, action, "POST", "/api/v1/questions/" + target.dataset.child + "/" + childPath, { version: Number(target.dataset.version) });
      return;
    }
    var path = action === "reapprove" ? "approve" : action;
    send(card, path, "POST", "/api/v1/questions/" + q.id + "/" + path, { version: q.version });
  }

  /* A tap on a card marks it seen; only on click, so nothing moves between finger down and up. */
  root.addEventListener("click", function (event) {
    var cardNode = event.target.closest(".card");
    var card = cardNode && cards.get(Number(cardNode.dataset.id));
    if (!card) return;
    var target = event.target.closest("[data-action]");
    if (target && card.el.contains(target)) act(card, target.dataset.action, target);
    unmarkNew(card.id);
  });
  root.addEventListener("pointerdown", function (event) {
    if (event.target.closest(".cards")) lastPointer = Date.now();
  });

  stage.leave.addEventListener("click", function () {
    var card = staged();
    if (card) act(card, "unstage");
  });
  stage.answer.addEventListener("click", function () {
    var card = staged();
    if (!card) return;
    selectTab("stage");
    if (!card.form || card.form.kind !== "answer") openForm(card, "answer");
    else card.form.node.scrollIntoView({ block: "start" });
  });

  /* ---------- the answer log ---------- */

  function loadLog() {
    if (answerLog.timer) return;
    var wait = Math.max(0, answerLog.last + LOG_INTERVAL - Date.now());
    answerLog.timer = setTimeout(function () { answerLog.timer = null; fetchLog(); }, wait);
  }

  function fetchLog() {
    if (answerLog.busy) { answerLog.again = true; return; }
    answerLog.busy = true;
    answerLog.last = Date.now();
    Live.api("GET", "/api/v1/events/" + encodeURIComponent(config.event) + "/log").then(function (result) {
      answerLog.busy = false;
      if (result.ok) useLog(result.data.answers || []);
      else if (result.status === 0) answerLog.again = true;
      if (answerLog.again) { answerLog.again = false; loadLog(); }
    });
  }

  function useLog(answers) {
    var byQuestion = new Map();
    answers.forEach(function (answer) {
      answer.question_ids.forEach(function (id) {
        if (!byQuestion.has(id)) byQuestion.set(id, []);
        byQuestion.get(id).push(answer);
      });
    });
    answerLog.byQuestion = byQuestion;
    var ids = new Set(Array.from(byQuestion.keys()).concat(Array.from(answerLog.keys.keys())));
    ids.forEach(function (id) {
      var key = JSON.stringify(byQuestion.get(id) || null);
      if (answerLog.keys.get(id) === key) return;
      answerLog.keys.set(id, key);
      var card = cards.get(id);
      if (!card) return;
      renderBody(card);
      markExpanded(card);
      if (card.busy) setBusy(card, true);
    });
  }

  /* ---------- messages to the Chair ---------- */

  var chair = {
    panel: document.getElementById("chair-panel"),
    form: document.getElementById("chair-form"),
    text: document.getElementById("chair-text"),
    left: document.getElementById("chair-left"),
    error: document.getElementById("chair-error"),
    list: document.getElementById("chair-sent"),
    empty: document.getElementById("chair-sent-empty"),
    next: document.getElementById("quick-next"),
    invite: document.getElementById("quick-invite"),
    unread: document.getElementById("chair-unread"),
    messages: new Map(),
    nodes: new Map(),
    sending: false
  };
  var MESSAGE_MAX = 140;

  function chairMessageNode(message) {
    var li = chair.nodes.get(message.id);
    if (!li) {
      li = el("li", "chair-message");
      li.dataset.id = message.id;
      li.appendChild(el("span", "chair-message-text"));
      li.appendChild(el("span", "chair-message-meta hint"));
      li.appendChild(el("span", "chair-receipt"));
      chair.nodes.set(message.id, li);
    }
    li.querySelector(".chair-message-text").textContent = message.text;
    li.querySelector(".chair-message-meta").textContent = fmt(S.chairMeta, { time: clock(message.sent_at), sender: message.sender || "" });
    var receipt = li.querySelector(".chair-receipt");
    receipt.textContent = message.read_at ? fmt(S.chairReadAt, { time: clock(message.read_at) }) : S.chairUnread;
    receipt.className = "chair-receipt " + (message.read_at ? "is-read" : "is-unread");
    li.classList.toggle("is-read", !!message.read_at);
    return li;
  }

  function drawChairMessages() {
    var wanted = Array.from(chair.messages.values()).sort(function (a, b) { return b.id - a.id; }).slice(0, 20);
    var keep = new Set(wanted.map(function (m) { return m.id; }));
    chair.nodes.forEach(function (node, id) { if (!keep.has(id)) { node.remove(); chair.nodes["delete"](id); } });
    wanted.forEach(function (message, index) {
      var node = chairMessageNode(message);
      if (chair.list.children[index] !== node) chair.list.insertBefore(node, chair.list.children[index] || null);
    });
    chair.empty.hidden = wanted.length > 0;
    var unread = wanted.filter(function (m) { return !m.read_at; }).length;
    chair.unread.textContent = fmt(S.chairUnreadCount, { count: unread });
    chair.unread.hidden = !unread;
  }

  function putChairMessage(message) {
    var old = chair.messages.get(message.id);
    if (old && old.read_at && !message.read_at) return;
    chair.messages.set(message.id, message);
    if (old && !old.read_at && message.read_at) announce(fmt(S.chairRead, { text: message.text }));
  }

  function chairError(message) {
    chair.error.textContent = message || "";
    chair.error.hidden = !message;
  }

  function sendToChair(text, source) {
    text = (text || "").trim();
    if (!text) { chairError(S.chairEmpty); chair.text.focus(); return; }
    if (chair.sending) return;
    chair.sending = true;
    chairError("");
    chair.panel.classList.add("busy");
    if (source) source.disabled = true;
    Live.api("POST", "/api/v1/events/" + encodeURIComponent(config.event) + "/chair/messages", { text: text }).then(function (result) {
      chair.sending = false;
      chair.panel.classList.remove("busy");
      if (source) source.disabled = false;
      updateQuick();
      if (result.ok) {
        putChairMessage(result.data);
        drawChairMessages();
        if (!source) { chair.text.value = ""; updateLeft(); }
        flash(S.chairSent, "ok");
        return;
      }
      chairError((result.data && result.data.error) || (result.status === 0 ? S.network : S.failed));
    });
  }

  function updateLeft() {
    var left = MESSAGE_MAX - chair.text.value.length;
    chair.left.textContent = fmt(S.chairLeft, { count: left });
    chair.left.classList.toggle("is-low", left <= 20);
  }

  /* "Tiếp theo: <agency>" names the top approved question's agency; "Mời <head> trả lời" the one on stage */
  function updateQuick() {
    var next = live ? Live.upNext(live.state, 1)[0] : null;
    var nextText = next ? fmt(S.quickNext, { name: next.agency ? agencyName(next.agency) : fmt(S.quickNextQuestion, { id: next.id }) }) : "";
    chair.next.textContent = nextText || S.quickNextNone;
    chair.next.dataset.quick = nextText;
    chair.next.disabled = !nextText || chair.sending;
    var card = staged();
    var agency = card && card.q.agency;
    var inviteText = agency ? fmt(S.quickInvite, { title: agency.head_title || agency.name }) : "";
    chair.invite.textContent = inviteText || S.quickInviteNone;
    chair.invite.dataset.quick = inviteText;
    chair.invite.disabled = !inviteText || chair.sending;
  }

  chair.panel.addEventListener("click", function (event) {
    var quick = event.target.closest("[data-quick]");
    if (quick && quick.dataset.quick && !quick.disabled) sendToChair(quick.dataset.quick, quick);
  });
  chair.form.addEventListener("submit", function (event) {
    event.preventDefault();
    sendToChair(chair.text.value, null);
  });
  chair.text.addEventListener("input", function () { updateLeft(); if (chair.text.value.trim()) chairError(""); });
  updateLeft();

  /* folded or not, as this tablet last left it */
  var CHAIR_PANEL_KEY = "live.chairPanel";
  try { if (localStorage.getItem(CHAIR_PANEL_KEY) === "closed") chair.panel.open = false; } catch (e) { /* private mode */ }
  chair.panel.addEventListener("toggle", function () {
    try { localStorage.setItem(CHAIR_PANEL_KEY, chair.panel.open ? "open" : "closed"); } catch (e) { /* private mode */ }
  });

  /* ---------- the links menu (a <details>): closes on Escape, on a link and on a tap elsewhere ---------- */

  var menu = document.getElementById("links-menu");
  document.addEventListener("click", function (event) {
    if (menu.open && (!menu.contains(event.target) || event.target.closest("a"))) menu.open = false;
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });

  /* ---------- search: every question, accents ignored (FTS5 on the server) ---------- */

  var search = {
    form: document.getElementById("search-form"), input: document.getElementById("search-q"),
    status: document.getElementById("search-status"), results: document.getElementById("search-results"), asked: ""
  };
  function runSearch() {
    var query = search.input.value.trim();
    search.asked = query;
    search.results.textContent = "";
    if (!query) { search.status.textContent = ""; return; }
    Live.api("GET", "/api/v1/events/" + encodeURIComponent(config.event) + "/questions?q=" + encodeURIComponent(query))
      .then(function (result) {
        if (query !== search.asked) return;  /* a newer search is under way */
        if (!result.ok) { search.status.textContent = (result.data && result.data.error) || S.failed; return; }
        var found = result.data.questions;
        search.status.textContent = found.length ? fmt(S.searchCount, { count: found.length }) : S.searchNone;
        found.slice(0, 50).forEach(function (q) {
          var item = search.results.appendChild(el("li"));
          var open = item.appendChild(button("", null, "search-hit"));
          open.dataset.id = q.merged_into || q.id;
          open.appendChild(el("span", "q-number", "#" + q.id));
          open.appendChild(el("span", "badge " + q.status, S["status_" + q.status] || q.status));
          if (q.merged_into) open.appendChild(el("span", "badge merged", fmt(S.searchMerged, { id: q.merged_into })));
          open.appendChild(el("span", "search-text", q.text));
        });
      });
  }
  var searchTimer = null;
  search.form.addEventListener("submit", function (event) { event.preventDefault(); runSearch(); });
  search.input.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 300);
  });
  search.results.addEventListener("click", function (event) {
    var hit = event.target.closest(".search-hit");
    var card = hit && cards.get(Number(hit.dataset.id));
    if (card) reveal(card);
  });

  /* ---------- live connection ---------- */

  var connection = document.getElementById("connection");
  var socketError = document.getElementById("socket-error");

  live = Live.connect(config.event, "moderator", {
    render: function (state) {
      var ids = new Set();
      state.list().sort(byId).forEach(function (q) {
        ids.add(q.id);
        if (known && !known.has(q.id) && q.status === "pending") newIds.add(q.id);
        upsert(q);
      });
      Array.from(cards.keys()).forEach(function (id) { if (!ids.has(id)) removeCard(id); });
      known = ids;
      socketError.hidden = true;
      refresh();
      loadLog();
    },
    question: function (q) {
      if (q.status === "answered" || answerLog.byQuestion.has(q.id)) loadLog();
      var fresh = !cards.has(q.id);
      if (fresh && known && q.status === "pending") {
        newIds.add(q.id);
        announce(S.newPending);
      }
      if (known) known.add(q.id);
      upsert(q);
      refresh();
    },
    removed: function (id) { removeCard(id); refresh(); },
    votes: function (ids) {
      var resort = {};
      ids.forEach(function (id) {
        var card = cards.get(id);
        if (!card) return;
        card.q = live.state.questions.get(id);
        if (card.votes) card.votes.textContent = fmt(S.votes, { count: card.q.votes });
        resort[card.tab] = true;
      });
      Object.keys(resort).forEach(function (tab) { if (tab === "approved") requestSort(tab); });
      renderStage();
      updateQuick();
    },
    connection: function (online) {
      Live.showConnection(connection, online, S);
      document.body.classList.toggle("is-offline", !online);
    },
    error: function (message) {
      socketError.textContent = message || S.failed;
      socketError.hidden = false;
    }
  });

  live.socket.on("snapshot", function (snapshot) {
    chair.messages = new Map();
    (snapshot.messages || []).forEach(putChairMessage);
    drawChairMessages();
  });
  live.socket.on("chair_message", function (message) {
    putChairMessage(message);
    drawChairMessages();
  });
  updateQuick();
})();
