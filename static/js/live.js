/* Live state of one event, shared by the attendee, projector and moderator pages.
   A `snapshot` replaces everything; `question`, `question_removed` and `votes`
   messages change it. Every question carries the event version of its last change,
   so a message older than what the page already holds is dropped. */
(function () {
  "use strict";

  function strings() {
    var node = document.getElementById("strings");
    return node ? JSON.parse(node.textContent) : {};
  }

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

  State.prototype.onStage = function () {
    return this.list(function (q) { return q.on_stage; })[0] || null;
  };

  function byTop(a, b) { return (b.votes - a.votes) || (a.id - b.id); }
  function byNewest(a, b) { return b.id - a.id; }

  /* Connect, join `code` as `role`, keep `state` current and call the hooks:
     render(state) after a snapshot, question(q), removed(id), votes(ids), connection(online). */
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
    socket.on("error", function (message) { if (hooks.error) hooks.error(message.error); });
    return { socket: socket, state: state };
  }

  window.Live = { api: api, strings: strings, connect: connect, State: State, byTop: byTop, byNewest: byNewest };
})();
