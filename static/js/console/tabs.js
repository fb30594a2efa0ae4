/* The five tabs of cards, in the server's names for them (q.tab), and the one shown. */
import { shared } from "./shared.js";
import { sortList } from "./lists.js";

function byId(a, b) { return a.id - b.id; }

/* the running dialogue segment's content first (the programme's focus_topic_id), then by votes, as the
   projector's queue */
function byFocus(a, b) {
  const programme = shared.live && shared.live.state.programme;
  return Live.byFocus(programme && programme.focus_topic_id)(a, b);
}

function byLatest(a, b) {
  const x = a.updated_at || a.created_at || "", y = b.updated_at || b.created_at || "";
  return x < y ? 1 : x > y ? -1 : b.id - a.id;
}

/* Each tab: how it orders its cards; the buttons its cards show first, and the one that leads (in
   colour); `incoming`: a new card is marked "Mới" and its suggestions come at once; `byVotes`: it
   reorders as votes come in; `reason`: cards say why they were rejected; `names`: buttons named
   otherwise here ("Duyệt lại"). */
export const TABS = {
  pending: { order: byId, buttons: ["approve", "reject", "edit", "route"], lead: "approve", incoming: true },
  approved: { order: byFocus, buttons: ["stage", "answer", "route", "edit", "merge", "reject"], lead: "stage",
              byVotes: true },
  stage: { order: byId, buttons: ["unstage", "answer", "route", "edit", "merge", "reject"], lead: "answer" },
  answered: { order: byLatest, buttons: ["stage", "answer", "route", "edit", "merge", "reject"] },
  rejected: { order: byLatest, buttons: ["approve", "edit", "merge"], lead: "approve", reason: true,
              names: { approve: "reapprove" } },
};
const NAMES = Object.keys(TABS);

const parts = {};
NAMES.forEach((tab) => {
  parts[tab] = {
    list: shared.root.querySelector('[data-list="' + tab + '"]'),
    empty: shared.root.querySelector('[data-empty="' + tab + '"]'),
    count: shared.root.querySelector('[data-count="' + tab + '"]'),
    button: document.getElementById("tab-" + tab),
    panel: document.getElementById("panel-" + tab),
  };
});
const newCounter = shared.root.querySelector("[data-new-count]");
const baseTitle = document.title;

export function listOf(tab) {
  return parts[tab].list;
}

export function selectTab(tab, focus) {
  shared.currentTab = tab;
  NAMES.forEach((name) => {
    const selected = name === tab;
    parts[name].button.setAttribute("aria-selected", selected ? "true" : "false");
    parts[name].button.tabIndex = selected ? 0 : -1;
    parts[name].panel.hidden = !selected;
  });
  sortList(tab);  /* nothing of this list is under a finger yet */
  if (focus) parts[tab].button.focus();
}

/* Show a card: its tab, scrolled to, highlighted for a moment. */
export function reveal(card) {
  selectTab(card.tab);
  card.el.scrollIntoView({ block: "center" });
  card.el.classList.add("flash-highlight");
  setTimeout(() => card.el.classList.remove("flash-highlight"), 1600);
}

/* The counts on the tabs, the "N mới" badge, and the page title with what waits. */
export function showCounts() {
  const counts = {};
  NAMES.forEach((tab) => { counts[tab] = 0; });
  shared.cards.forEach((card) => { counts[card.tab] += 1; });
  NAMES.forEach((tab) => {
    parts[tab].count.textContent = counts[tab];
    parts[tab].empty.hidden = counts[tab] > 0;
  });
  const S = shared.S, fresh = shared.newIds.size;
  newCounter.hidden = fresh === 0;
  newCounter.textContent = fresh ? Live.fmt(S.newCount, { count: fresh }) : "";
  const waiting = NAMES.filter((tab) => TABS[tab].incoming).reduce((sum, tab) => sum + counts[tab], 0);
  document.title = waiting ? Live.fmt(S.titlePending, { count: waiting }) + " " + baseTitle : baseTitle;
}

export function initTabs() {
  const tablist = shared.root.querySelector('[role="tablist"]');
  tablist.addEventListener("click", (event) => {
    const tab = event.target.closest("[data-tab]");
    if (tab) selectTab(tab.dataset.tab);
  });
  tablist.addEventListener("keydown", (event) => {
    const index = NAMES.indexOf(shared.currentTab);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: NAMES.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(NAMES[(next + NAMES.length) % NAMES.length], true);
  });
  shared.currentTab = NAMES[0];
}
