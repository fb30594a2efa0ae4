/* Duplicates: the earlier questions most like a card's (fetched one card at a time, at once for the
   tabs that take new questions, else on request), each with its "merge into" button; and under a
   question, those merged into it, each with its way back out. */
import { button, shared, statusBadge, url } from "./shared.js";
import { can } from "./rules.js";
import { renderBody } from "./cards.js";

const el = Live.el, fmt = Live.fmt;
const queue = [];
let busy = false;

export function wantSimilar(card) {
  if (card.similar || card.similarQueued) return;
  card.similarQueued = true;
  queue.push(card);
  nextSimilar();
}

function nextSimilar() {
  if (busy || !queue.length) return;
  const card = queue.shift();
  busy = true;
  Live.api("GET", url("similar", card.id)).then((result) => {
    busy = false;
    card.similarQueued = false;
    if (result.ok && shared.cards.get(card.id) === card) {
      card.similar = result.data.similar;
      renderBody(card);
    }
    nextSimilar();
  });
}

export function similarBox(similar) {
  const S = shared.S, box = el("div", "q-similar");
  if (!similar.length) { box.appendChild(el("p", "hint", S.similarNone)); return box; }
  box.appendChild(el("p", "q-similar-title", S.similarTitle));
  const list = box.appendChild(el("ul"));
  similar.forEach((found) => {
    const other = found.question, item = list.appendChild(el("li"));
    item.appendChild(el("span", "q-number", "#" + other.id));
    item.appendChild(statusBadge(other));
    item.appendChild(el("span", "q-similar-score", fmt(S.similarScore, { score: found.score })));
    item.appendChild(el("span", "q-similar-text", other.text));
    item.appendChild(button(fmt(S.mergeInto, { id: other.id }), "merge", "small")).dataset.into = other.id;
  });
  return box;
}

/* The questions merged into `q`. One the server lets be approved is not public yet (merged while
   pending): it says so and offers the approval. */
export function mergedBox(q) {
  const S = shared.S, box = el("div", "q-merged");
  box.appendChild(el("p", "q-merged-title", fmt(S.mergedTitle, { count: q.merged.length })));
  const list = box.appendChild(el("ul"));
  q.merged.forEach((m) => {
    const item = list.appendChild(el("li"));
    item.appendChild(el("span", "q-number", "#" + m.id + " "));
    item.appendChild(document.createTextNode(m.text + " — " + (m.author || S.anonymous)));
    if (can(m, "approve")) {
      item.appendChild(el("span", "badge pending", S.mergedPending));
      childButton(item, m, S.approve, "approve-merged", S.approveMergedLabel).classList.add("primary");
    }
    if (can(m, "unmerge")) childButton(item, m, S.unmerge, "unmerge", S.unmergeLabel);
  });
  return box;
}

function childButton(item, child, label, action, ariaLabel) {
  const node = item.appendChild(button(label, action, "small"));
  node.dataset.child = child.id;
  node.dataset.version = child.version;
  node.setAttribute("aria-label", fmt(ariaLabel, { id: child.id }));
  return node;
}
