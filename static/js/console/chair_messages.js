/* Messages to the Chair's tablet: quick ones ("Tiếp theo: <agency>" names the next question's agency,
   "Mời <head> trả lời" the one on stage) or typed; the last twenty sent, each read or not. Every
   message, from the snapshot, a Socket.IO message or our own request, goes through takeMessage. */
import { agencyName, rememberFold, shared, url } from "./shared.js";
import { staged } from "./stage.js";
import { announce, flash } from "./notices.js";

const el = Live.el, fmt = Live.fmt;
const SHOWN = 20;
const PANEL_KEY = "live.chairPanel";  /* "open" or "folded", in the tablet's localStorage */
const chair = {
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
  sending: false,
};

/* the snapshot's messages replace those held */
export function loadMessages(snapshot) {
  chair.messages = new Map();
  (snapshot.messages || []).forEach(keep);
  drawMessages();
}

export function takeMessage(message) {
  keep(message);
  drawMessages();
}

function keep(message) {
  const old = chair.messages.get(message.id);
  if (old && old.read_at && !message.read_at) return;
  chair.messages.set(message.id, message);
  if (old && !old.read_at && message.read_at) announce(fmt(shared.S.chairRead, { text: message.text }));
}

function messageNode(message) {
  const S = shared.S;
  let li = chair.nodes.get(message.id);
  if (!li) {
    li = el("li", "chair-message");
    li.dataset.id = message.id;
    ["chair-message-text", "chair-message-meta hint", "chair-receipt"].forEach((cls) => li.appendChild(el("span", cls)));
    chair.nodes.set(message.id, li);
  }
  li.querySelector(".chair-message-text").textContent = message.text;
  const meta = { time: Live.time(message.sent_at), sender: message.sender || "" };
  li.querySelector(".chair-message-meta").textContent = fmt(S.chairMeta, meta);
  const receipt = li.querySelector(".chair-receipt");
  receipt.textContent = message.read_at ? fmt(S.chairReadAt, { time: Live.time(message.read_at) }) : S.chairUnread;
  receipt.className = "chair-receipt " + (message.read_at ? "is-read" : "is-unread");
  li.classList.toggle("is-read", !!message.read_at);
  return li;
}

function drawMessages() {
  const wanted = Array.from(chair.messages.values()).sort((a, b) => b.id - a.id).slice(0, SHOWN);
  const kept = new Set(wanted.map((m) => m.id));
  chair.nodes.forEach((node, id) => { if (!kept.has(id)) { node.remove(); chair.nodes.delete(id); } });
  wanted.forEach((message, index) => {
    const node = messageNode(message);
    if (chair.list.children[index] !== node) chair.list.insertBefore(node, chair.list.children[index] || null);
  });
  chair.empty.hidden = wanted.length > 0;
  const unread = wanted.filter((m) => !m.read_at).length;
  chair.unread.textContent = fmt(shared.S.chairUnreadCount, { count: unread });
  chair.unread.hidden = !unread;
}

function showError(message) {
  chair.error.textContent = message || "";
  chair.error.hidden = !message;
}

/* Send `text`, typed (source null) or a quick message's button. */
function send(text, source) {
  text = (text || "").trim();
  if (!text) { showError(shared.S.chairEmpty); chair.text.focus(); return; }
  if (chair.sending) return;
  chair.sending = true;
  showError("");
  chair.panel.classList.add("busy");
  if (source) source.disabled = true;
  Live.api("POST", url("chair_messages"), { text: text }).then((result) => {
    chair.sending = false;
    chair.panel.classList.remove("busy");
    if (source) source.disabled = false;
    updateQuick();
    if (!result.ok) {
      showError((result.data && result.data.error) || (result.status === 0 ? shared.S.network : shared.S.failed));
      return;
    }
    takeMessage(result.data);
    if (!source) { chair.text.value = ""; updateLeft(); }
    flash(shared.S.chairSent, "ok");
  });
}

function updateLeft() {
  const left = shared.config.limits.chair_message - chair.text.value.length;
  chair.left.textContent = fmt(shared.S.chairLeft, { count: left });
  chair.left.classList.toggle("is-low", left <= 20);
}

function setQuick(button, text, none) {
  button.textContent = text || none;
  button.dataset.quick = text;
  button.disabled = !text || chair.sending;
}

export function updateQuick() {
  const S = shared.S;
  const next = shared.live ? Live.upNext(shared.live.state, 1)[0] : null;
  const name = next && (next.agency ? agencyName(next.agency) : fmt(S.quickNextQuestion, { id: next.id }));
  setQuick(chair.next, next ? fmt(S.quickNext, { name: name }) : "", S.quickNextNone);
  const card = staged(), agency = card && card.q.agency;
  const invite = agency ? fmt(S.quickInvite, { title: agency.head_title || agency.name }) : "";
  setQuick(chair.invite, invite, S.quickInviteNone);
}

export function initChair() {
  chair.panel.addEventListener("click", (event) => {
    const quick = event.target.closest("[data-quick]");
    if (quick && quick.dataset.quick && !quick.disabled) send(quick.dataset.quick, quick);
  });
  chair.form.addEventListener("submit", (event) => { event.preventDefault(); send(chair.text.value, null); });
  chair.text.addEventListener("input", () => { updateLeft(); if (chair.text.value.trim()) showError(""); });
  updateLeft();
  rememberFold(chair.panel, PANEL_KEY);
}
