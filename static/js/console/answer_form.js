/* The answer log's form (a new answer, or the correction of one): who answered (several people,
   each maybe of an agency), the summary, the Chair's direction, the commitments (an agency, what, by
   when), the other questions it answers too, and whether it needs a written follow-up. */
import { shared } from "./shared.js";
import { can } from "./rules.js";
import { agencySelect, checkbox, fieldId, input, labelled, textarea } from "./fields.js";

const el = Live.el, fmt = Live.fmt;

/* The fields of the form for `answer` (none: a new one) on the card's question. */
export function answerFields(card, fields, answer, form) {
  const q = card.q, S = shared.S, limits = shared.config.limits;
  const asked = form.appendChild(el("p", "form-question"));  /* the question stays in sight while typing */
  asked.appendChild(el("strong", "", fmt(S.answering, { id: q.id }) + " "));
  asked.appendChild(document.createTextNode(q.text));
  const routed = q.agency || null;
  const speakers = answer ? Live.speakers(answer)
    : [{ name: routed ? (routed.head_title || "") : "", agency: routed ? routed.code : "" }];
  fields.appendChild(rows("speakers", S.speakersLegend, speakers.map(speakerRow), "speaker-rows",
                          [S.addSpeaker, "add-speaker"]));
  const text = (name) => textarea(4, limits.answer_summary, answer && answer[name]);
  fields.appendChild(labelled(card, "summary", S.summaryLabel, text("summary")));
  fields.appendChild(labelled(card, "direction", S.directionLabel, text("direction")));
  const commitments = answer ? answer.commitments : [{ agency: routed ? routed.code : "" }];
  fields.appendChild(rows("commitments", S.commitmentsLegend, commitments.map(commitmentRow), "commitment-rows",
                          [S.addCommitment, "add-commitment"]));
  if (!answer) fields.appendChild(alsoFieldset(card));
  const follow = fields.appendChild(el("div", "check-row follow-row"));
  const box = follow.appendChild(checkbox(fieldId(card, "follow_up" + (answer ? "-" + answer.id : "")), "follow_up",
                                          answer && answer.follow_up));
  follow.appendChild(el("label", "", S.followUp)).htmlFor = box.id;
  relabel(fields);
}

function fieldset(className, legend, hint) {
  const box = el("fieldset", "log-fieldset " + className);
  box.appendChild(el("legend", "", legend));
  if (hint) box.appendChild(el("p", "hint", hint));
  return box;
}

/* a fieldset of rows (speakers, commitments) in a <div class=listClass>, and its "+ add" button */
function rows(className, legend, children, listClass, add) {
  const box = fieldset(className, legend);
  const list = box.appendChild(el("div", listClass));
  children.forEach((row) => list.appendChild(row));
  box.appendChild(rowButton(add[0], add[1]));
  return box;
}

/* the other questions this answer may answer as well: those the server lets be answered together */
function alsoFieldset(card) {
  const S = shared.S;
  const also = fieldset("also", S.alsoLegend, S.alsoHint);
  const others = shared.live.state.list((o) => o.id !== card.id && can(o, "answer_together")).sort(Live.byTop);
  if (!others.length) also.appendChild(el("p", "hint also-none", S.alsoNone));
  const choices = also.appendChild(el("div", "also-list"));
  others.forEach((o) => {
    const line = choices.appendChild(el("div", "check-row also-row"));
    const box = line.appendChild(checkbox(fieldId(card, "also-" + o.id), "also"));
    box.value = o.id;
    const label = line.appendChild(el("label"));
    label.htmlFor = box.id;
    label.appendChild(el("span", "q-number", "#" + o.id + " "));
    label.appendChild(document.createTextNode(o.text));
    label.appendChild(el("span", "also-votes", " · " + fmt(S.votes, { count: o.votes })));
  });
  return also;
}

function rowButton(label, action, title) {
  const node = el("button", "row-button", label);
  node.type = "button";
  node.dataset.rowAction = action;
  if (title) node.setAttribute("aria-label", title);
  return node;
}

let rowSerial = 0;
function rowField(control, name) {
  const wrap = el("div", "row-field row-" + name);
  const label = wrap.appendChild(el("label", ""));
  control.name = name;
  control.id = "row" + (++rowSerial) + "-" + name;
  label.htmlFor = control.id;
  wrap.appendChild(control);
  return wrap;
}

function speakerRow(speaker) {
  const row = el("div", "log-row speaker-row");
  const name = input("text", speaker.name, shared.config.limits.speaker);
  name.setAttribute("list", "answerers");
  const agency = agencySelect(shared.S.speakerNoAgency, speaker.agency || "");
  row.appendChild(rowField(name, "speaker_name"));
  row.appendChild(rowField(agency, "speaker_agency"));
  row.appendChild(rowButton("×", "remove-speaker"));
  /* a head's title picks its agency; an agency picks its head's title for an empty name */
  name.addEventListener("change", () => {
    if (agency.value) return;
    const typed = name.value.trim().toLowerCase();
    const found = shared.config.agencies.find((a) => a.head_title && a.head_title.toLowerCase() === typed);
    if (found) agency.value = found.code;
  });
  agency.addEventListener("change", () => {
    const chosen = shared.agencies.get(agency.value);
    if (chosen && !name.value.trim()) name.value = chosen.head_title || chosen.name;
  });
  return row;
}

function commitmentRow(commitment) {
  const row = el("div", "log-row commitment-row");
  row.appendChild(rowField(agencySelect(shared.S.agencyChoose, commitment.agency || ""), "commitment_agency"));
  row.appendChild(rowField(input("text", commitment.what, shared.config.limits.commitment), "commitment_what"));
  row.appendChild(rowField(input("date", commitment.due), "commitment_due"));
  row.appendChild(rowButton("×", "remove-commitment"));
  return row;
}

/* number the rows and label their fields: "người 1", "cam kết 2" */
function relabel(form) {
  const S = shared.S;
  const speakers = form.querySelectorAll(".speaker-row");
  speakers.forEach((row, index) => {
    const n = index + 1;
    row.querySelector(".row-speaker_name label").textContent = fmt(S.speakerName, { n: n });
    row.querySelector(".row-speaker_agency label").textContent = fmt(S.speakerAgency, { n: n });
    const remove = row.querySelector('[data-row-action="remove-speaker"]');
    remove.setAttribute("aria-label", fmt(S.removeSpeaker, { n: n }));
    remove.hidden = speakers.length < 2;
  });
  form.querySelectorAll(".commitment-row").forEach((row, index) => {
    const n = { n: index + 1 };
    row.querySelector(".row-commitment_agency label").textContent = fmt(S.commitmentAgency, n);
    row.querySelector(".row-commitment_what label").textContent = fmt(S.commitmentWhat, n);
    row.querySelector(".row-commitment_due label").textContent = fmt(S.commitmentDue, n);
    row.querySelector('[data-row-action="remove-commitment"]').setAttribute("aria-label", fmt(S.removeCommitment, n));
  });
}

/* "+ add" and "×" in the rows of the answer form */
export function answerRowAction(card, form, target) {
  const action = target.dataset.rowAction;
  let focus = null;
  if (action === "add-speaker") {
    const row = form.querySelector(".speaker-rows").appendChild(speakerRow({}));
    focus = row.querySelector("input");
  } else if (action === "add-commitment") {
    const routed = card.q.agency ? card.q.agency.code : "";
    const row = form.querySelector(".commitment-rows").appendChild(commitmentRow({ agency: routed }));
    focus = row.querySelector("[name=commitment_what]");
  } else {
    const row = target.closest(".log-row"), container = row.parentNode;
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    const adder = action === "remove-speaker" ? "add-speaker" : "add-commitment";
    focus = next ? next.querySelector("input, select") : form.querySelector('[data-row-action="' + adder + '"]');
    if (!container.children.length && action === "remove-speaker") container.appendChild(speakerRow({}));
  }
  relabel(form);
  if (focus) focus.focus();
}

/* What the form sends: speakers (at least one), the texts, the commitments (each with its agency),
   and for a new answer its version and the other questions answered with it. */
export function answerBody(node, form) {
  const speakers = Array.from(node.querySelectorAll(".speaker-row"), (row) => ({
    name: row.querySelector("[name=speaker_name]").value.trim(),
    agency: row.querySelector("[name=speaker_agency]").value || null,
  })).filter((speaker) => speaker.name);
  if (!speakers.length) return { invalid: shared.S.emptyAnsweredBy, field: "speaker_name" };
  const commitments = commitmentsOf(node);
  if (commitments.missing) return { invalid: shared.S.commitmentNeedsAgency, node: commitments.missing };
  const field = (name) => node.querySelector("[name=" + name + "]");
  const body = {
    answered_by: speakers.map((s) => s.name).join(", "), speakers: speakers, commitments: commitments.list,
    summary: field("summary").value.trim(), direction: field("direction").value.trim(),
    follow_up: field("follow_up").checked,
  };
  const withAgency = speakers.find((s) => s.agency);
  if (withAgency) body.agency = withAgency.agency;
  if (form.kind === "answer") {
    body.version = form.version;
    body.also = Array.from(node.querySelectorAll("[name=also]:checked"), (box) => Number(box.value));
  }
  return body;
}

function commitmentsOf(node) {
  const found = { list: [], missing: null };
  node.querySelectorAll(".commitment-row").forEach((row) => {
    const what = row.querySelector("[name=commitment_what]").value.trim();
    const agency = row.querySelector("[name=commitment_agency]");
    if (!what) return;
    if (!agency.value && !found.missing) found.missing = agency;
    found.list.push({ agency: agency.value, what: what, due: row.querySelector("[name=commitment_due]").value || null });
  });
  return found;
}
