/* Placing cards in their tab's list, in its order, without moving what is under the moderator's finger:
   the approved list reorders by votes at most once a second, and not while they are tapping in it. */
import { shared } from "./shared.js";
import { TABS, listOf } from "./tabs.js";

const SORT_INTERVAL = 1000;
const INTERACTION_QUIET = 1500;
const timers = {};
const lastSorted = {};

export function insertSorted(card, tab) {
  const list = listOf(tab);
  if (card.el.parentNode !== list && interacting(tab)) {
    /* the moderator is tapping: add at the end, where nothing shifts, and sort when quiet */
    keepFocus(() => list.appendChild(card.el));
    requestSort(tab);
    return;
  }
  let before = null;
  for (let node = list.firstElementChild; node; node = node.nextElementSibling) {
    if (node === card.el) continue;
    const other = shared.cards.get(Number(node.dataset.id));
    if (other && TABS[tab].order(card.q, other.q) < 0) { before = node; break; }
  }
  if (card.el.parentNode === list && card.el.nextElementSibling === before) return;
  keepFocus(() => list.insertBefore(card.el, before));
}

/* Move DOM nodes, then give focus (and the caret) back to where it was. */
function keepFocus(move) {
  const active = document.activeElement;
  let start = null, end = null;
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
  if (Date.now() - shared.lastPointer < INTERACTION_QUIET) return true;
  const active = document.activeElement;
  return !!(active && listOf(tab).contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName));
}

export function requestSort(tab) {
  if (timers[tab]) return;
  const wait = Math.max(0, (lastSorted[tab] || 0) + SORT_INTERVAL - Date.now());
  timers[tab] = setTimeout(() => {
    timers[tab] = null;
    if (interacting(tab)) { lastSorted[tab] = Date.now(); requestSort(tab); return; }
    sortList(tab);
  }, wait);
}

export function sortList(tab) {
  lastSorted[tab] = Date.now();
  const list = listOf(tab);
  const wanted = Array.from(list.children, (node) => shared.cards.get(Number(node.dataset.id)))
    .filter(Boolean).sort((a, b) => TABS[tab].order(a.q, b.q));
  keepFocus(() => {
    wanted.forEach((card, index) => {
      if (list.children[index] !== card.el) list.insertBefore(card.el, list.children[index] || null);
    });
  });
}
