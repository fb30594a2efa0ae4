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

  TABS.forEach(function (tab) {
    lists[tab] = root.querySelector('[data-list="' + tab + '"]');
    empties[tab] = root.querySelector('[data-empty="' + tab + '"]');
    counters[tab] = root.querySelector('[data-count="' + tab + '"]');
    tabButtons[tab] = document.getElementById("tab-" + tab);
  });
  var newCounter = root.querySelector("[data-new-count]");
  var baseTitle = document.title;

  /* ---------- small helpers ---------- */

  function fmt(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : match;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(label, action, className) {
    var node = el("button", className || "", label);
    node.type = "button";
    if (action) node.dataset.action = action;
    return node;
  }

  var timeFormat;
  try {
    timeFormat = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: root.dataset.timezone || undefined });
  } catch (e) {
    timeFormat = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit" });
  }

  function clock(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? "" : timeFormat.format(date);
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

  function isPublic(q) { return q.status === "approved" || q.status === "answered"; }

  /* which inline forms make sense for a question in this state */
  function formAllowed(kind, q) {
    if (kind === "reject") return q.status !== "rejected";
    if (kind === "answer") return isPublic(q);
    return kind === "edit" || kind === "route";
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
    body.appendChild(meta);

    if (q.status === "rejected") {
      var reason = el("p", "q-reason");
      reason.appendChild(el("strong", "", S.rejectReason));
      reason.appendChild(document.createTextNode(" " + (q.reject_reason || S.noReason)));
      body.appendChild(reason);
    }

    if (q.answers && q.answers.length) {
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
    return list.concat([["route"], ["edit"], ["reject", "danger"]]);
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
    Array.prototype.forEach.call(card.actions.querySelectorAll("[aria-expanded]"), function (node) {
      node.setAttribute("aria-expanded", card.form && card.form.kind === node.dataset.action ? "true" : "false");
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
    var card = cards.get(q.id) || createCard(q);
    var oldTab = card.tab;
    card.q = q;
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

  function buildForm(card, kind) {
    var q = card.q;
    var form = el("form", "inline-form-card form-" + kind);
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
      submitLabel = S.routeConfirm;
    } else if (kind === "answer") {
      var by = el("input");
      by.type = "text";
      by.required = true;
      by.maxLength = 200;
      by.setAttribute("list", "answerers");
      by.autocomplete = "off";
      by.value = (q.agency && q.agency.head_title) || "";
      fields.appendChild(labelled(card, "answered_by", S.answeredByLabel, by));
      var summary = el("textarea");
      summary.rows = 4;
      summary.maxLength = 5000;
      fields.appendChild(labelled(card, "summary", S.summaryLabel, summary));
      var check = el("div", "check-row");
      var box = el("input");
      box.type = "checkbox";
      box.id = fieldId(card, "follow_up");
      box.name = "follow_up";
      var boxLabel = el("label", "", S.followUp);
      boxLabel.htmlFor = box.id;
      check.appendChild(box);
      check.appendChild(boxLabel);
      fields.appendChild(check);
      submitLabel = S.answerSave;
    }

    form.appendChild(fields);
    var note = el("p", "form-note notice warn", S.editingChanged);
    note.hidden = true;
    form.appendChild(note);
    var row = el("div", "form-buttons");
    var submit = el("button", submitClass, submitLabel);
    submit.type = "submit";
    if (kind === "route" && !config.agencies.length) submit.disabled = true;
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
    return { kind: kind, version: q.version, node: form, note: note };
  }

  function openForm(card, kind) {
    if (card.form && card.form.kind === kind) { closeForm(card, true); return; }
    closeForm(card, false);
    showError(card, "");
    card.form = buildForm(card, kind);
    card.formBox.appendChild(card.form.node);
    card.el.classList.add("has-form");
    markExpanded(card);
    var first = card.form.node.querySelector("textarea, input:not([type=checkbox]), select");
    if (first) {
      first.focus();
      if (first.tagName === "TEXTAREA" && kind === "edit") first.setSelectionRange(first.value.length, first.value.length);
    }
  }

  function closeForm(card, focusButton) {
    if (!card.form) return;
    var kind = card.form.kind;
    card.form.node.remove();
    card.form = null;
    card.el.classList.remove("has-form");
    markExpanded(card);
    if (focusButton) {
      var opener = card.actions.querySelector('[data-action="' + kind + '"]');
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
      if (!value("agency")) return { invalid: S.chooseAgency, field: "agency" };
      return { agency: value("agency"), version: form.version };
    }
    var answeredBy = value("answered_by").trim();
    if (!answeredBy) return { invalid: S.emptyAnsweredBy, field: "answered_by" };
    return {
      answered_by: answeredBy, summary: value("summary").trim(),
      follow_up: node.querySelector('[name="follow_up"]').checked, version: form.version
    };
  }

  function submitForm(card) {
    var body = formBody(card);
    if (body.invalid) {
      showError(card, body.invalid);
      var field = card.form.node.querySelector('[name="' + body.field + '"]');
      if (field) field.focus();
      return;
    }
    var kind = card.form.kind;
    var method = kind === "edit" ? "PATCH" : "POST";
    var url = "/api/v1/questions/" + card.id + (kind === "edit" ? "" : "/" + kind);
    send(card, kind, method, url, body, true);
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
    var versionBefore = card.q.version;
    unmarkNew(card.id);
    showError(card, "");
    setBusy(card, true);
    Live.api(method, url, body).then(function (result) {
      setBusy(card, false);
      var data = result.data || {};
      if (result.ok) {
        if (card.form && fromForm) closeForm(card, false);
        else if (card.form && card.form.version === versionBefore) card.form.version = data.version;
        apply(data);
        flash(fmt(S["done_" + kind] || S["done_approve"], { id: card.id }), "ok");
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

  function act(card, action) {
    var q = card.q;
    if (FORM_ACTIONS[action]) { unmarkNew(card.id); openForm(card, action); return; }
    if (action === "cancel-form") { closeForm(card, true); return; }
    var path = action === "reapprove" ? "approve" : action;
    send(card, path, "POST", "/api/v1/questions/" + q.id + "/" + path, { version: q.version });
  }

  /* A tap on a card marks it seen; only on click, so nothing moves between finger down and up. */
  root.addEventListener("click", function (event) {
    var cardNode = event.target.closest(".card");
    var card = cardNode && cards.get(Number(cardNode.dataset.id));
    if (!card) return;
    var target = event.target.closest("[data-action]");
    if (target && card.el.contains(target)) act(card, target.dataset.action);
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
    card.el.scrollIntoView({ block: "nearest" });
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
    },
    question: function (q) {
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
    },
    connection: function (online) {
      connection.textContent = online ? S.online : S.offline;
      connection.classList.toggle("offline", !online);
      connection.classList.toggle("online", online);
      document.body.classList.toggle("is-offline", !online);
    },
    error: function (message) {
      socketError.textContent = message || S.failed;
      socketError.hidden = false;
    }
  });
})();
