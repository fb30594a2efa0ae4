/* The panel of the question on stage (Live.onStage picks it), with its two buttons: log the answer,
   leave the stage. */
import { agencyName, hasAnswers, metaItem, shared } from "./shared.js";
import { can } from "./rules.js";
import { selectTab } from "./tabs.js";
import { act } from "./buttons.js";
import { openForm } from "./forms.js";

const el = Live.el;
const stage = {
  panel: document.getElementById("stage"),
  empty: document.getElementById("stage-empty"),
  body: document.getElementById("stage-body"),
  text: document.getElementById("stage-text"),
  meta: document.getElementById("stage-meta"),
  answer: document.getElementById("stage-answer"),
  leave: document.getElementById("stage-leave"),
};

/* the card of the question on stage, or null */
export function staged() {
  const q = shared.live && Live.onStage(shared.live.state);
  return (q && shared.cards.get(q.id)) || null;
}

export function showOnStage() {
  const card = staged(), S = shared.S;
  stage.panel.classList.toggle("is-empty", !card);
  stage.empty.hidden = !!card;
  stage.body.hidden = !card;
  if (!card) return;
  const q = card.q;
  stage.text.textContent = q.text;
  stage.meta.textContent = "";
  stage.meta.appendChild(el("span", "q-number", "#" + q.id));
  stage.meta.appendChild(metaItem(S.author, q.author || S.anonymous, !q.author));
  stage.meta.appendChild(metaItem(S.agency, agencyName(q.agency) || S.noAgency, !q.agency));
  stage.meta.appendChild(el("span", "votes", Live.fmt(S.votes, { count: q.votes })));
  stage.answer.textContent = hasAnswers(q) ? S.answerMore : S.answer;
  stage.answer.hidden = !can(q, "answer");
  stage.leave.hidden = !can(q, "unstage");
  stage.answer.disabled = stage.leave.disabled = !!card.busy;
}

export function initStage() {
  stage.leave.addEventListener("click", () => {
    const card = staged();
    if (card) act(card, "unstage");
  });
  stage.answer.addEventListener("click", () => {
    const card = staged();
    if (!card) return;
    selectTab(card.tab);
    if (!card.form || card.form.kind !== "answer") openForm(card, "answer");
    else card.form.node.scrollIntoView({ block: "start" });
  });
}
