/* The forms that open on a card: reject (with a reason), edit, route (agency, note, due date), block
   the sender, and the answer log's (answer_form.js). One open form per card, kept while the question
   changes under it as long as its action is still allowed. */
import { button, shared, url } from "./shared.js";
import { can } from "./rules.js";
import { agencySelect, input, labelled, option, textarea } from "./fields.js";
import { answerBody, answerFields, answerRowAction } from "./answer_form.js";
import { answerOf } from "./answer_log.js";
import { markExpanded } from "./buttons.js";
import { perform, showError } from "./requests.js";
import { take } from "./sync.js";

const el = Live.el;

/* Each kind of form: the action the server must still allow for it to stay open, its fields, its
   submit button's label and class. */
const KINDS = {
  reject: { needs: "reject", fields: rejectFields, submit: "rejectConfirm", className: "danger" },
  edit: { needs: "edit", fields: editFields, submit: "save" },
  route: { needs: "route", fields: routeFields, submit: "routeConfirm" },
  block: { needs: "block", fields: blockFields, submit: "blockConfirm", className: "danger" },
  answer: { needs: "answer", fields: answerFields, submit: "answerSave" },
  "edit-answer": { fields: answerFields, submit: "answerEditSave" },
};

function rejectFields(card, fields) {
  const reason = textarea(2, shared.config.limits.reject_reason);
  fields.appendChild(labelled(card, "reason", shared.S.reasonLabel, reason, shared.S.reasonHint));
}

function editFields(card, fields) {
  const q = card.q, S = shared.S;
  const text = textarea(3, shared.config.limits.question_text, q.text);
  text.required = true;
  fields.appendChild(labelled(card, "text", S.textLabel, text));
  const topic = el("select");
  topic.appendChild(option("", S.topicNone, !q.topic));
  const names = shared.config.topics.slice();
  if (q.topic && names.indexOf(q.topic) < 0) names.push(q.topic);
  names.forEach((name) => topic.appendChild(option(name, name, name === q.topic)));
  fields.appendChild(labelled(card, "topic", S.topicLabel, topic));
}

function routeFields(card, fields) {
  const q = card.q, S = shared.S;
  if (!shared.config.agencies.length) {
    fields.appendChild(el("p", "notice warn", S.noAgencies));
  } else {
    const agency = agencySelect(S.agencyChoose, q.agency && q.agency.code);
    agency.required = true;
    fields.appendChild(labelled(card, "agency", S.agencyLabel, agency));
  }
  fields.appendChild(labelled(card, "written_due", S.writtenDueLabel, input("date", q.written_due), S.writtenDueHint));
  const note = labelled(card, "note", S.noteLabel, textarea(2, shared.config.limits.note, q.note), S.noteHint);
  note.classList.add("field-wide");
  fields.appendChild(note);
}

function blockFields(card, fields) {
  fields.appendChild(el("p", "notice warn", shared.S.blockWarning));
}

function buildForm(card, kind, answer) {
  const q = card.q, S = shared.S, spec = KINDS[kind];
  const form = el("form", "inline-form-card form-" + (kind === "edit-answer" ? "answer form-edit-answer" : kind));
  form.noValidate = true;
  const fields = el("div", "form-fields");
  spec.fields(card, fields, answer, form);
  form.appendChild(fields);
  const note = form.appendChild(el("p", "form-note notice warn", S.editingChanged));
  note.hidden = true;
  const row = form.appendChild(el("div", "form-buttons"));
  const submit = row.appendChild(el("button", spec.className || "primary", S[spec.submit]));
  submit.type = "submit";
  row.appendChild(button(S.cancel, "cancel-form"));
  form.addEventListener("submit", (event) => { event.preventDefault(); submitForm(card); });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); closeForm(card, true); }
  });
  form.addEventListener("click", (event) => {
    const target = event.target.closest("[data-row-action]");
    if (target) { event.preventDefault(); answerRowAction(card, form, target); }
  });
  return { kind: kind, version: q.version, node: form, note: note, answerId: answer ? answer.id : null };
}

/* Open the form of `kind` on the card (a second tap on its button closes it). */
export function openForm(card, kind, answerId) {
  const answer = kind === "edit-answer" ? answerOf(card.id, answerId) : null;
  if (kind === "edit-answer" && !answer) return;
  if (card.form && card.form.kind === kind && card.form.answerId === (answer ? answer.id : null)) {
    closeForm(card, true);
    return;
  }
  closeForm(card, false);
  showError(card, "");
  card.form = buildForm(card, kind, answer);
  card.formBox.appendChild(card.form.node);
  card.el.classList.add("has-form");
  markExpanded(card);
  focusFirst(card.form.node, kind);
}

/* The first field takes the focus; the answer form is taller than the screen, so its top (the
   question) goes just below the sticky tabs. */
function focusFirst(node, kind) {
  const answering = kind === "answer" || kind === "edit-answer";
  const first = node.querySelector(answering ? "textarea[name=summary]" : "textarea, input:not([type=checkbox]), select");
  if (answering) node.scrollIntoView({ block: "start" });
  if (!first) return;
  first.focus({ preventScroll: answering });
  if (first.tagName === "TEXTAREA" && kind === "edit") first.setSelectionRange(first.value.length, first.value.length);
}

export function closeForm(card, focusButton) {
  if (!card.form) return;
  const kind = card.form.kind, answerId = card.form.answerId;
  card.form.node.remove();
  card.form = null;
  card.el.classList.remove("has-form");
  markExpanded(card);
  if (!focusButton) return;
  const opener = kind === "edit-answer"
    ? card.body.querySelector('[data-action="edit-answer"][data-answer="' + answerId + '"]')
    : card.actions.querySelector('[data-action="' + kind + '"]');
  if (opener) opener.focus();
}

/* After the question changed under an open form: keep it while its action is still allowed. */
export function checkForm(card) {
  if (!card.form || card.busy) return;  /* our own request in flight: its answer decides */
  const needs = KINDS[card.form.kind].needs;
  if (needs && !can(card.q, needs)) {
    closeForm(card, false);
    showError(card, shared.S.conflict);
    return;
  }
  if (card.q.version !== card.form.version) card.form.note.hidden = false;
}

function value(node, name) {
  const field = node.querySelector('[name="' + name + '"]');
  return field ? field.value : "";
}

/* What the form sends, or {invalid: message, field or node: what to fix}. */
function formBody(card) {
  const form = card.form, node = form.node, q = card.q;
  if (form.kind === "reject") return { reason: value(node, "reason").trim(), version: form.version };
  if (form.kind === "block") return {};
  if (form.kind === "edit") {
    const text = value(node, "text").trim();
    if (!text) return { invalid: shared.S.emptyText, field: "text" };
    const body = { text: text, version: form.version };
    if (value(node, "topic") !== (q.topic || "")) body.topic = value(node, "topic");
    return body;
  }
  if (form.kind === "route") return routeBody(card);
  return answerBody(node, form);
}

/* A plain "Giao" always routes; with only the note or due date changed, only those are saved. */
function routeBody(card) {
  const form = card.form, node = form.node, q = card.q, patch = {};
  const note = value(node, "note").trim(), due = value(node, "written_due"), agency = value(node, "agency");
  if (note !== (q.note || "")) patch.note = note;
  if (due !== (q.written_due || "")) patch.written_due = due || null;
  const changed = Object.keys(patch).length ? patch : null;
  if (!agency && !changed) {
    return { invalid: shared.S.chooseAgency, field: shared.config.agencies.length ? "agency" : "note" };
  }
  const routeIt = agency && !(changed && q.agency && q.agency.code === agency);
  return { route: routeIt ? { agency: agency, version: form.version } : null, patch: changed };
}

function submitForm(card) {
  const body = formBody(card);
  if (body.invalid) {
    showError(card, body.invalid);
    const field = body.node || card.form.node.querySelector('[name="' + body.field + '"]');
    if (field) field.focus();
    return;
  }
  const kind = card.form.kind;
  if (kind === "route") { sendRoute(card, body); return; }
  const [method, address, answered] = destination(card, kind);
  perform(card, kind, () => Live.api(method, address, body), { fromForm: true, question: answered });
}

/* Where a form goes: method, URL, and whether the server answers with the question. */
function destination(card, kind) {
  if (kind === "edit-answer") return ["PATCH", url("answer_edit", card.form.answerId), false];
  if (kind === "edit") return ["PATCH", url("edit", card.id), true];
  if (kind === "block") return ["POST", url("block", card.id), false];
  return ["POST", url(kind, card.id), true];
}

/* Route, then save the note and due date with the version the routing gave; either may be alone. */
function sendRoute(card, body) {
  const patch = (version) => Live.api("PATCH", url("edit", card.id), Object.assign({}, body.patch, { version: version }));
  perform(card, body.route ? "route" : "note", () => {
    if (!body.route) return patch(card.form.version);
    const routed = Live.api("POST", url("route", card.id), body.route);
    if (!body.patch) return routed;
    return routed.then((result) => {
      if (!result.ok) return result;
      take(result.data);  /* routed: keep it, even if the note fails */
      if (card.form) card.form.version = result.data.version;
      return patch(result.data.version);
    });
  }, { fromForm: true });
}
