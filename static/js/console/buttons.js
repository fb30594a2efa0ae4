/* A card's buttons: one for each action the server allows on it (rules.actionsOf), laid out as its
   tab says (tabs.TABS); and what a tap on any of the card's buttons does. */
import { button, hasAnswers, shared, url } from "./shared.js";
import { actionsOf } from "./rules.js";
import { TABS } from "./tabs.js";
import { closeForm, openForm } from "./forms.js";
import { perform } from "./requests.js";
import { wantSimilar } from "./suggestions.js";

/* actions offered elsewhere than as a card's button: in the answer form, under the question merged into */
const ELSEWHERE = { answer_together: true, unmerge: true };
/* actions that open a form on the card before anything is sent */
const FORMS = { reject: true, edit: true, route: true, answer: true, block: true };
/* a button's own data-action, when it is not the action's name */
const OPENS = { merge: "similar" };
const DANGER = { reject: true, block: true };

/* The card's actions in the order its tab lays them out, then any other the server allows. Where a
   tab brings suggestions by itself (`incoming`), merge is the suggestions' own buttons. */
function shownActions(q, tab) {
  const layout = TABS[tab], allowed = actionsOf(q);
  const first = layout.buttons.filter((name) => allowed.indexOf(name) >= 0);
  return first.concat(allowed.filter((name) => first.indexOf(name) < 0 && !ELSEWHERE[name]
                                               && !(name === "merge" && layout.incoming)));
}

function actionButton(card, name) {
  const S = shared.S, layout = TABS[card.tab], action = OPENS[name] || name;
  const label = name === "answer" && hasAnswers(card.q) ? S.answerMore : S[(layout.names || {})[name] || action];
  const node = button(label, action, DANGER[name] ? "danger" : name === layout.lead ? "primary" : "");
  if (FORMS[name]) node.setAttribute("aria-expanded", "false");
  node.disabled = !!card.busy;
  return node;
}

export function renderActions(card) {
  const names = shownActions(card.q, card.tab);
  const key = card.tab + ":" + hasAnswers(card.q) + ":" + names.join(",");
  if (key === card.actionsKey) { markExpanded(card); return; }
  const active = document.activeElement;
  const focused = card.actions.contains(active) ? active.dataset.action : null;
  card.actionsKey = key;
  card.actions.textContent = "";
  names.forEach((name) => card.actions.appendChild(actionButton(card, name)));
  markExpanded(card);
  const again = focused && card.actions.querySelector('[data-action="' + focused + '"]');
  if (again) again.focus({ preventScroll: true });
}

/* aria-expanded on the buttons that open forms: true on the one whose form is open */
export function markExpanded(card) {
  const form = card.form;
  card.actions.querySelectorAll("[aria-expanded]").forEach((node) => {
    node.setAttribute("aria-expanded", form && form.kind === node.dataset.action ? "true" : "false");
  });
  card.body.querySelectorAll('[data-action="edit-answer"]').forEach((node) => {
    const open = form && form.kind === "edit-answer" && form.answerId === Number(node.dataset.answer);
    node.setAttribute("aria-expanded", open ? "true" : "false");
  });
}

/* A tap on one of the card's buttons (`target`, its data-action `action`). */
export function act(card, action, target) {
  const q = card.q;
  if (action === "edit-answer") { openForm(card, action, Number(target.dataset.answer)); return; }
  if (FORMS[action]) { openForm(card, action); return; }
  if (action === "cancel-form") { closeForm(card, true); return; }
  if (action === "similar") { card.similar = null; wantSimilar(card); return; }
  if (action === "merge") {
    post(card, action, url("merge", q.id), { into: Number(target.dataset.into), version: q.version });
  } else if (action === "unmerge" || action === "approve-merged") {
    const path = action === "unmerge" ? "unmerge" : "approve";
    post(card, action, url(path, target.dataset.child), { version: Number(target.dataset.version) });
  } else if (action === "unblock") {
    perform(card, action, () => Live.api("DELETE", url("block", q.id)), { question: false });
  } else {
    post(card, action, url(action, q.id), { version: q.version });
  }
}

function post(card, kind, address, body) {
  perform(card, kind, () => Live.api("POST", address, body), {});
}
