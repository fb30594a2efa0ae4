/* The cards: one per question (a merged question shows under the one it joined), keyed by id and
   updated in place, so an open form survives other moderators' changes and the flood of votes. */
import { agencyName, metaItem, shared, statusBadge } from "./shared.js";
import { tabOf, can } from "./rules.js";
import { TABS } from "./tabs.js";
import { insertSorted, requestSort } from "./lists.js";
import { renderActions } from "./buttons.js";
import { checkForm } from "./forms.js";
import { answersBox } from "./answer_log.js";
import { mergedBox, similarBox, wantSimilar } from "./suggestions.js";
import { flash } from "./notices.js";

const el = Live.el;

function createCard(q) {
  const li = el("li", "card");
  li.id = "q-" + q.id;
  li.dataset.id = q.id;
  li.setAttribute("aria-labelledby", "q-" + q.id + "-text");
  const card = {
    id: q.id, q: q, tab: null, el: li, form: null, actionsKey: "", votes: null, similar: null,
    body: el("div", "card-body"),
    error: el("p", "card-error notice error"),
    actions: el("div", "card-actions"),
    formBox: el("div", "card-form"),
  };
  card.error.setAttribute("role", "alert");
  card.error.hidden = true;
  [card.body, card.error, card.actions, card.formBox].forEach((part) => li.appendChild(part));
  shared.cards.set(q.id, card);
  return card;
}

/* Show the question `q` on its card (made when new) in its tab; a merged one leaves its card. */
export function upsert(q) {
  if (q.merged_into) { removeCard(q.id); return; }  /* shown under the question it joined */
  const card = shared.cards.get(q.id) || createCard(q);
  const oldTab = card.tab;
  if (card.q.text !== q.text) card.similar = null;
  card.q = q;
  card.tab = tabOf(q);
  if (TABS[card.tab].incoming && can(q, "merge")) wantSimilar(card);
  renderBody(card);
  renderActions(card);
  checkForm(card);
  card.el.classList.toggle("is-new", shared.newIds.has(q.id));
  if (card.tab !== oldTab) {
    insertSorted(card, card.tab);
    if (oldTab && card.form && !card.busy) {
      flash(Live.fmt(shared.S.movedTo, { id: q.id, tab: Live.label("tab", card.tab) }), "warn", card);
    }
  } else if (TABS[card.tab].byVotes) {
    requestSort(card.tab);  /* votes may have moved it; reorder when the moderator is not tapping */
  } else {
    insertSorted(card, card.tab);
  }
}

export function removeCard(id) {
  const card = shared.cards.get(id);
  if (!card) return;
  card.el.remove();
  shared.cards.delete(id);
  shared.newIds.delete(id);
}

/* A card seen: no longer marked "Mới". */
export function unmarkNew(id) {
  if (!shared.newIds.delete(id)) return false;
  const card = shared.cards.get(id);
  if (card) {
    card.el.classList.remove("is-new");
    const badge = card.body.querySelector(".badge.new");
    if (badge) badge.remove();
  }
  return true;
}

export function renderBody(card) {
  const q = card.q, S = shared.S, body = card.body;
  body.textContent = "";
  body.appendChild(head(card));
  const text = body.appendChild(el("p", "q-text", q.text));
  text.id = "q-" + q.id + "-text";
  if (q.edited && q.original_text) body.appendChild(labelled("p", "q-original", S.original, " " + q.original_text));
  const meta = body.appendChild(el("p", "q-meta"));
  meta.appendChild(metaItem(S.author, q.author || S.anonymous, !q.author));
  meta.appendChild(metaItem(S.topic, q.topic || S.noTopic, !q.topic));
  meta.appendChild(metaItem(S.agency, agencyName(q.agency) || S.noAgency, !q.agency));
  if (q.written_due) meta.appendChild(metaItem(S.writtenDue, Live.date(q.written_due)));
  body.appendChild(originLine(q));
  if (q.flags && q.flags.length) body.appendChild(flagsLine(q.flags));
  if (q.merged && q.merged.length) body.appendChild(mergedBox(q));
  if (card.similar && can(q, "merge")) body.appendChild(similarBox(card.similar));
  if (q.note) body.appendChild(labelled("p", "q-note", S.note + ": ", q.note));
  if (TABS[card.tab].reason) {
    body.appendChild(labelled("p", "q-reason", S.rejectReason, " " + (q.reject_reason || S.noReason)));
  }
  const answers = answersBox(q);
  if (answers) body.appendChild(answers);
}

function head(card) {
  const q = card.q, S = shared.S;
  const line = el("div", "card-head");
  line.appendChild(el("span", "q-number", "#" + q.id));
  if (shared.newIds.has(q.id)) line.appendChild(el("span", "badge new", S["new"]));
  if (q.on_stage) line.appendChild(el("span", "badge stage", S.onStage));
  line.appendChild(statusBadge(q));
  if (q.edited) line.appendChild(el("span", "badge edited", S.edited));
  const time = line.appendChild(el("time", "q-time", Live.time(q.created_at)));
  time.dateTime = q.created_at || "";
  card.votes = line.appendChild(el("span", "votes", Live.fmt(S.votes, { count: q.votes })));
  return line;
}

/* <tag class=cls><strong>title</strong>text</tag> */
function labelled(tag, cls, title, text) {
  const node = el(tag, cls);
  node.appendChild(el("strong", "", title));
  node.appendChild(document.createTextNode(text));
  return node;
}

/* where the question came from and who sent it, as districts and the portal report it; a district
   union's detail is its district, said once under "Huyện" */
function originLine(q) {
  const S = shared.S, line = el("p", "q-meta q-origin");
  const channel = Live.label("channel", q.channel);
  const detail = q.channel_detail && !sameWords(q.channel_detail, q.district) ? q.channel_detail : "";
  line.appendChild(metaItem(S.channel, detail ? channel + " – " + detail : channel));
  if (q.district) line.appendChild(metaItem(S.districtLabel, q.district));
  if (q.unit) line.appendChild(metaItem(S.unit, q.unit));
  if (q.youth_group) line.appendChild(metaItem(S.youthGroup, Live.label("youth_group", q.youth_group)));
  return line;
}

function sameWords(a, b) {
  return (a || "").trim().toLowerCase() === (b || "").trim().toLowerCase();
}

function flagsLine(flags) {
  const line = el("p", "q-flags");
  line.appendChild(el("span", "badge flagged", shared.S.flagged));
  line.appendChild(document.createTextNode(" " + flags.join(", ")));
  return line;
}
