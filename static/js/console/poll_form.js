/* "Thăm dò nhanh": a poll launched now by a moderator, opened at once (the question, its kind, its
   options, and for multiple choice the most one may choose). What each kind asks comes from the server
   (the page's poll_form.asks); the poll it makes goes the one way every poll goes (sync.takePoll). */
import { button, shared, url } from "./shared.js";
import { takePoll } from "./sync.js";
import { openPanel, showSummary } from "./polls_panel.js";
import { flash } from "./notices.js";

const el = Live.el;
const part = (id) => document.getElementById(id);
const form = {
  node: part("poll-form"), launch: part("poll-launch"), cancel: part("poll-cancel"), text: part("poll-text"),
  kind: part("poll-kind"), max: part("poll-max"), maxField: part("poll-max-field"),
  optionsField: part("poll-options-field"), options: part("poll-options"), add: part("poll-add-option"),
  scaleHint: part("poll-scale-hint"), error: part("poll-form-error"), busy: false,
};
const rules = () => shared.config.poll_form;

/* the fields the chosen kind asks for */
function asks(field) {
  return rules().asks[form.kind.value].indexOf(field) >= 0;
}

function showFields() {
  form.optionsField.hidden = !asks("options");
  form.scaleHint.hidden = asks("options");
  form.maxField.hidden = !asks("max_choices");
  form.max.max = optionInputs().length;
}

function optionInputs() {
  return Array.from(form.options.querySelectorAll("input"));
}

/* the options' rows numbered again, each labelled; the first few cannot be removed */
function renumber() {
  const S = shared.S;
  Array.from(form.options.children).forEach((li, index) => {
    const n = index + 1, input = li.querySelector("input"), label = li.querySelector("label");
    input.id = "poll-option-" + n;
    label.htmlFor = input.id;
    label.textContent = Live.fmt(S.optionLabel, { n: n });
    const remove = li.querySelector("button");
    remove.hidden = index < rules().min_options;
    remove.setAttribute("aria-label", Live.fmt(S.removeOption, { n: n }));
  });
  form.add.hidden = form.options.children.length >= rules().max_options;
  form.max.max = optionInputs().length;
}

function addOption(focus) {
  const li = form.options.appendChild(el("li", "poll-option-row"));
  li.appendChild(el("label"));
  const input = li.appendChild(el("input"));
  input.type = "text";
  input.maxLength = shared.config.limits.option;
  input.autocomplete = "off";
  li.appendChild(button("×", "remove-option", "row-button"));
  renumber();
  if (focus) input.focus();
}

function reset() {
  form.node.reset();
  form.options.textContent = "";
  for (let n = 0; n < rules().min_options; n += 1) addOption(false);
  showError("");
  showFields();
}

function showError(message, field) {
  form.error.textContent = message;
  form.error.hidden = !message;
  if (field) field.focus();
}

/* open (the panel unfolds) or close the form; the launch button says which */
function toggle(open) {
  if (open) { reset(); openPanel(); }
  form.node.hidden = !open;
  form.launch.setAttribute("aria-expanded", open ? "true" : "false");
  showSummary();
  if (open) { form.node.scrollIntoView({ block: "nearest" }); form.text.focus(); } else form.launch.focus();
}

/* what the form sends, or {invalid, field} */
function body() {
  const S = shared.S, text = form.text.value.trim();
  if (!text) return { invalid: S.emptyPoll, field: form.text };
  const data = { text: text, kind: form.kind.value, open: true };
  if (asks("options")) {
    data.options = optionInputs().map((input) => input.value.trim()).filter(Boolean);
    if (data.options.length < rules().min_options) {
      return { invalid: Live.fmt(S.fewOptions, { count: rules().min_options }), field: optionInputs()[0] };
    }
  }
  if (asks("max_choices") && form.max.value) data.max_choices = Number(form.max.value);
  return data;
}

function submit() {
  const data = body(), S = shared.S;
  if (data.invalid) { showError(data.invalid, data.field); return; }
  if (form.busy) return;
  form.busy = true;
  showError("");
  Live.api("POST", url("polls"), data).then((result) => {
    form.busy = false;
    if (!result.ok) { showError(result.data.error || (result.status ? S.failed : S.network)); return; }
    takePoll(result.data);
    toggle(false);
    flash(S.done_poll_launch, "ok");
  });
}

export function initPollForm() {
  form.launch.addEventListener("click", () => toggle(form.node.hidden));
  form.cancel.addEventListener("click", () => toggle(false));
  form.kind.addEventListener("change", showFields);
  form.add.addEventListener("click", () => addOption(true));
  form.options.addEventListener("click", (event) => {
    const remove = event.target.closest('[data-action="remove-option"]');
    if (!remove) return;
    remove.closest("li").remove();
    renumber();
    form.add.focus();
  });
  form.node.addEventListener("submit", (event) => { event.preventDefault(); submit(); });
  form.node.addEventListener("keydown", (event) => { if (event.key === "Escape") toggle(false); });
}
