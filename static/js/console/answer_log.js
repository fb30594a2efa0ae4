/* The answer log (GET .../log): every answer in full with its id, by question, shown on its cards with
   its "edit" button. Fetched again, at most once a second, when a question with answers changes. */
import { agencyName, button, shared, url } from "./shared.js";
import { renderBody } from "./cards.js";
import { markExpanded } from "./buttons.js";
import { setBusy } from "./requests.js";

const el = Live.el, fmt = Live.fmt;
const INTERVAL = 1000;
const log = { byQuestion: new Map(), keys: new Map(), last: 0, timer: null, busy: false, again: false };

export function loadLog() {
  if (log.timer) return;
  const wait = Math.max(0, log.last + INTERVAL - Date.now());
  log.timer = setTimeout(() => { log.timer = null; fetchLog(); }, wait);
}

/* whether the log has answers of this question */
export function inLog(id) {
  return log.byQuestion.has(id);
}

export function answerOf(questionId, answerId) {
  return (log.byQuestion.get(questionId) || []).find((answer) => answer.id === answerId) || null;
}

function fetchLog() {
  if (log.busy) { log.again = true; return; }
  log.busy = true;
  log.last = Date.now();
  Live.api("GET", url("log")).then((result) => {
    log.busy = false;
    if (result.ok) useLog(result.data.answers || []);
    else if (result.status === 0) log.again = true;
    if (log.again) { log.again = false; loadLog(); }
  });
}

/* Keep the new log and redraw the cards whose answers changed. */
function useLog(answers) {
  const byQuestion = new Map();
  answers.forEach((answer) => answer.question_ids.forEach((id) => {
    if (!byQuestion.has(id)) byQuestion.set(id, []);
    byQuestion.get(id).push(answer);
  }));
  log.byQuestion = byQuestion;
  new Set([...byQuestion.keys(), ...log.keys.keys()]).forEach((id) => {
    const key = JSON.stringify(byQuestion.get(id) || null);
    if (log.keys.get(id) === key) return;
    log.keys.set(id, key);
    const card = shared.cards.get(id);
    if (!card) return;
    renderBody(card);
    markExpanded(card);
    if (card.busy) setBusy(card, true);
  });
}

/* The answers to show on a question's card: from the log in full, else the question's own summary of
   them (until the log comes); null when none. */
export function answersBox(q) {
  const logged = log.byQuestion.get(q.id);
  const answers = logged && logged.length ? logged : q.answers;
  if (!answers || !answers.length) return null;
  const box = el("div", "q-answers");
  box.appendChild(el("p", "q-answers-title", shared.S.answers));
  const list = box.appendChild(el("ul"));
  answers.forEach((answer) => list.appendChild(logged && logged.length ? loggedItem(q, answer) : summaryItem(answer)));
  return box;
}

function answeredAt(answer) {
  return fmt(shared.S.answeredAt, { time: Live.time(answer.created_at), user: answer.created_by || "" });
}

function summaryItem(answer) {
  const item = el("li");
  const who = item.appendChild(el("p", "answer-by"));
  who.appendChild(el("strong", "", answer.answered_by));
  if (answer.follow_up) who.appendChild(el("span", "badge pending", shared.S.followUp));
  if (answer.summary) item.appendChild(el("p", "answer-summary", answer.summary));
  item.appendChild(el("p", "answer-when hint", answeredAt(answer)));
  return item;
}

/* One logged answer in full, with its "edit" action. */
function loggedItem(q, answer) {
  const S = shared.S;
  const item = el("li", "answer-entry");
  item.dataset.answer = answer.id;
  const who = item.appendChild(Live.speakerList(answer, "answer", agencyName));
  if (answer.follow_up) who.appendChild(el("li", "answer-follow")).appendChild(el("span", "badge pending", S.followUp));
  if (answer.summary) item.appendChild(el("p", "answer-summary", answer.summary));
  if (answer.direction) {
    const direction = item.appendChild(el("p", "answer-direction"));
    direction.appendChild(el("strong", "", S.directionShort + " "));
    direction.appendChild(document.createTextNode(answer.direction));
  }
  if (answer.commitments && answer.commitments.length) item.appendChild(commitmentList(answer.commitments));
  const others = answer.question_ids.filter((id) => id !== q.id);
  if (others.length) {
    item.appendChild(el("p", "answer-also hint", fmt(S.groupedWith, { ids: others.map((id) => "#" + id).join(", ") })));
  }
  item.appendChild(answerFoot(answer));
  return item;
}

function commitmentList(commitments) {
  const box = el("div", "answer-commitments");
  box.appendChild(el("strong", "", shared.S.commitmentsShort));
  const rows = box.appendChild(el("ul"));
  commitments.forEach((c) => {
    const row = rows.appendChild(el("li"));
    row.appendChild(el("span", "answer-agency", agencyName(c.agency) + ": "));
    row.appendChild(document.createTextNode(c.what));
    if (c.due) row.appendChild(el("span", "answer-due", " (" + fmt(shared.S.due, { date: Live.date(c.due) }) + ")"));
  });
  return box;
}

function answerFoot(answer) {
  const S = shared.S;
  let when = answeredAt(answer);
  if (answer.updated_at) {
    when += " · " + fmt(S.editedAt, { time: Live.time(answer.updated_at), user: answer.updated_by || "" });
  }
  const foot = el("div", "answer-foot");
  foot.appendChild(el("p", "answer-when hint", when));
  const edit = foot.appendChild(button(S.answerEdit, "edit-answer", "answer-edit"));
  edit.dataset.answer = answer.id;
  edit.setAttribute("aria-expanded", "false");
  return foot;
}
