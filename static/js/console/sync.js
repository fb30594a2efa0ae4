/* The one way data reaches the cards. The Socket.IO snapshot (load) replaces them all; after it,
   every question, whether a Socket.IO message or the answer to our own request, goes through take()
   (or received(), once Live.connect has put it in the live state), vote counts through votes().
   Each ends in refresh(): the tabs' counts, the title, the stage, the Chair's quick messages.
   The programme and the polls come the same way: takeProgramme() and takePoll() for our own
   requests' answers, programmeChanged(), pollChanged() and pollResults() once the state holds them. */
import { shared } from "./shared.js";
import { tabOf } from "./rules.js";
import { TABS, showCounts } from "./tabs.js";
import { removeCard, unmarkNew, upsert } from "./cards.js";
import { requestSort } from "./lists.js";
import { inLog, loadLog } from "./answer_log.js";
import { showOnStage } from "./stage.js";
import { updateQuick } from "./chair_messages.js";
import { announce } from "./notices.js";
import { showProgramme } from "./programme_panel.js";
import { showPoll, showPolls, showResults } from "./polls_panel.js";

function incoming(q) {
  const tab = tabOf(q);
  return !!(tab && TABS[tab].incoming);
}

/* the snapshot (Live.connect's state): every card drawn again, the ones gone removed */
export function load(state) {
  const ids = new Set();
  state.list().sort((a, b) => a.id - b.id).forEach((q) => {
    ids.add(q.id);
    if (shared.known && !shared.known.has(q.id) && incoming(q)) shared.newIds.add(q.id);
    show(q);
  });
  Array.from(shared.cards.keys()).forEach((id) => { if (!ids.has(id)) removeCard(id); });
  shared.known = ids;
  refresh();
  loadLog();
  programmeChanged();
  showPolls();
}

/* the programme the live state holds now: its panel, and the approved list in its order (the running
   dialogue segment's content first) */
export function programmeChanged() {
  showProgramme();
  requestSort("approved");
}

/* the programme as our own request's answer brought it: into the live state, then as any other */
export function takeProgramme(programme) {
  if (shared.live.state.setProgramme(programme)) programmeChanged();
}

export function pollChanged(poll) {
  showPoll(poll);
}

export function pollResults(poll) {
  showResults(poll);
}

/* a poll as our own request's answer brought it */
export function takePoll(poll) {
  if (shared.live.state.putPoll(poll)) pollChanged(shared.live.state.polls.get(poll.id));
}

/* a question from our own request: into the live state, then as any other */
export function take(q) {
  if (shared.live.state.put(q)) received(shared.live.state.questions.get(q.id));
  else refresh();
}

/* a question the live state has taken (newer than what it held) */
export function received(q) {
  if (shared.known && !shared.cards.has(q.id) && incoming(q)) {
    shared.newIds.add(q.id);
    announce(shared.S.newPending);
  }
  if (shared.known) shared.known.add(q.id);
  show(q);
  refresh();
}

export function removed(id) {
  removeCard(id);
  refresh();
}

function show(q) {
  if ((q.answers && q.answers.length) || inLog(q.id)) loadLog();
  upsert(q);
}

/* new vote counts: the cards' counts, and the tabs ordered by votes reorder when quiet */
export function votes(ids) {
  ids.forEach((id) => {
    const card = shared.cards.get(id);
    if (!card) return;
    card.q = shared.live.state.questions.get(id);
    if (card.votes) card.votes.textContent = Live.fmt(shared.S.votes, { count: card.q.votes });
    if (TABS[card.tab].byVotes) requestSort(card.tab);
  });
  refresh();
}

export function refresh() {
  shared.newIds.forEach((id) => {
    const card = shared.cards.get(id);
    if (!card || !TABS[card.tab].incoming) unmarkNew(id);
  });
  showCounts();
  showOnStage();
  updateQuick();
}
