/* What the console's parts share, in one object: the page's config (URLs, agencies, topics, limits,
   labels) and strings, the cards by question id, the live connection; and the small pieces every
   panel builds with. */
const config = Live.config();

export const shared = {
  config: config,
  S: Live.strings(),
  root: document.getElementById("console"),
  cards: new Map(),       /* question id -> its card (cards.js) */
  live: null,             /* Live.connect's {socket, state}, set by console.js */
  known: null,            /* the ids seen so far; null until the first snapshot */
  newIds: new Set(),      /* the cards marked "Mới" */
  currentTab: null,       /* the tab shown (tabs.js) */
  lastPointer: 0,         /* when a finger last went down on a list of cards */
  agencies: new Map(config.agencies.map((agency) => [agency.code, agency])),
};

/* a URL of the config (`urls`) for a question, an answer or the event */
export function url(name, id) {
  return id === undefined ? config.urls[name] : Live.url(config.urls[name], id);
}

export function button(label, action, className) {
  const node = Live.el("button", className || "", label);
  node.type = "button";
  if (action) node.dataset.action = action;
  return node;
}

/* "Label: value" on a card's meta line, greyed when the value is only a placeholder */
export function metaItem(label, value, muted) {
  const span = Live.el("span", "meta-item" + (muted ? " muted" : ""));
  span.appendChild(Live.el("span", "meta-label", label + ": "));
  span.appendChild(Live.el("span", "meta-value", value));
  return span;
}

/* a status badge: its class and its label */
export function statusBadge(q) {
  return Live.el("span", "badge " + q.status, Live.label("status", q.status));
}

/* an agency (a dict, or a code) by its short name */
export function agencyName(agency) {
  if (typeof agency === "string") agency = shared.agencies.get(agency) || { name: agency };
  return agency ? (agency.short_name || agency.name || agency.code) : "";
}

/* whether a question already has an answer logged ("Ghi thêm câu trả lời") */
export function hasAnswers(q) {
  return !!(q.answers && q.answers.length);
}

/* a folding panel (a <details>) open or folded as this tablet last left it: "open" or "folded" under
   `key` in its localStorage; until then as the page has it */
export function rememberFold(panel, key) {
  try {
    const kept = localStorage.getItem(key);
    if (kept) panel.open = kept !== "folded";
  } catch (e) { /* private mode */ }
  panel.addEventListener("toggle", () => {
    try { localStorage.setItem(key, panel.open ? "open" : "folded"); } catch (e) { /* private mode */ }
  });
}
