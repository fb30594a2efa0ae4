/* A card's requests to the server: the card is busy meanwhile; the answer goes the one way every
   change goes (sync.take); a refusal is said on the card, and a 409 brings the current question. */
import { shared } from "./shared.js";
import { closeForm, checkForm } from "./forms.js";
import { unmarkNew } from "./cards.js";
import { flash } from "./notices.js";
import { refresh, take } from "./sync.js";
import { showOnStage } from "./stage.js";

export function showError(card, message) {
  card.error.textContent = message;
  card.error.hidden = !message;
}

export function setBusy(card, busy) {
  card.busy = busy;
  card.el.classList.toggle("busy", busy);
  card.el.setAttribute("aria-busy", busy ? "true" : "false");
  card.el.querySelectorAll("button").forEach((node) => { node.disabled = busy; });
  showOnStage();
}

/* Run `request` (a promise of Live.api's result) for `card`. options.fromForm: it submits the card's
   form; options.question === false: the server answers with something else than the question. */
export function perform(card, kind, request, options) {
  const versionBefore = card.q.version;
  if (unmarkNew(card.id)) refresh();
  showError(card, "");
  setBusy(card, true);
  request().then((result) => {
    setBusy(card, false);
    if (result.ok) done(card, kind, result.data, versionBefore, options);
    else refused(card, result);
  });
}

function done(card, kind, data, versionBefore, options) {
  if (card.form && options.fromForm) closeForm(card, false);
  if (options.question !== false) {
    if (card.form && card.form.version === versionBefore) card.form.version = data.version;
    take(data);
  }
  const S = shared.S;
  flash(Live.fmt(S["done_" + kind.replace("-", "_")] || S.done_approve, { id: card.id }), "ok");
}

function refused(card, result) {
  const S = shared.S, data = result.data || {};
  let message = data.error || (result.status === 0 ? S.network : S.failed);
  if (result.status === 409 && data.question) {
    take(data.question);
    if (card.form) {
      card.form.version = shared.live.state.questions.get(card.id).version;
      card.form.note.hidden = false;
    }
    message = data.error || S.conflict;
  } else {
    checkForm(card);  /* someone else's change may have landed while we waited */
  }
  showError(card, message);
  if (card.tab !== shared.currentTab) {
    flash(message + " " + Live.fmt(S.movedTo, { id: card.id, tab: Live.label("tab", card.tab) }), "error", card);
  } else if (!isVisible(card.el)) {
    flash(message, "error", card);
  }
}

function isVisible(node) {
  const box = node.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}
