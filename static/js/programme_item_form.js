/* The form of one programme item, in a dialog: add a new item or edit one, every field. The parts
   only some kinds use (a dialogue segment's content, a poll item's poll, the figures, the honourees,
   the MC's lines for a dialogue) show for those kinds; what a hidden part holds is not sent. */
import {
  S, changed, openDialog, page, readRows, request, rowsShown, say, sending, setRows, showParts, shown, state,
  wireDialog
} from "./programme_editor_shared.js";

const dialog = document.getElementById("item-dialog");
const form = document.getElementById("item-form");
const f = form.elements;
const LINES = ["intro", "ask", "answer"];
let editing = null;  /* the item edited; null: a new one */
let startShown = "";  /* the planned start the form showed: sent only when changed */
let askingTouched = false;

/* an option for `value` in `select`, added when the list has none (a topic removed from the event) */
function choose(select, value, text) {
  if (value !== "" && !Array.from(select.options).some(function (o) { return o.value === value; })) {
    select.appendChild(new Option(text || value, value));
  }
  select.value = value;
}

function fillPolls(pollId) {
  f.poll.replaceChildren(new Option(S.pollNone, ""));
  state.polls.forEach(function (poll) {
    f.poll.appendChild(new Option(poll.text + " (" + Live.label("poll_state", poll.state) + ")", String(poll.id)));
  });
  choose(f.poll, pollId == null ? "" : String(pollId));
}

function fill(item) {
  f.kind.value = item ? item.kind : f.kind.options[0].value;
  f.title.value = item ? item.title : "";
  f.presenter.value = (item && item.presenter) || "";
  startShown = (item && item.planned_clock) || "";
  f.start.value = startShown;
  f.duration.value = item ? item.duration : "";
  choose(f.topic, item && item.topic_id != null ? String(item.topic_id) : "", item && item.topic);
  fillPolls(item && item.poll_id);
  f.asking.checked = item ? item.asking : page.asking[f.kind.value];
  askingTouched = false;
  var script = (item && item.script) || {};
  LINES.forEach(function (name) { f[name].value = script[name] || ""; });
  setRows(form, "figures", (item && item.figures) || []);
  setRows(form, "honourees", (item && item.honourees) || []);
  showParts(form, f.kind.value);
}

/* open the form for `item` (null: a new item); `opener` gets the focus back */
export function openItem(item, opener) {
  editing = item;
  fill(item);
  openDialog(dialog, item ? S.editItem : S.addItem, opener);
}

function number(input) { return input.value === "" ? null : Number(input.value); }

/* what the form sends: every field shown, and the programme's version the page holds */
function body() {
  var data = { kind: f.kind.value, title: f.title.value, presenter: f.presenter.value.trim() || null,
               duration: number(f.duration), asking: f.asking.checked, script: {},
               version: state.programme.version };
  LINES.forEach(function (name) { data.script[name] = f[name].value; });
  if (shown(f.topic)) data.topic_id = number(f.topic);
  if (shown(f.poll)) data.poll_id = number(f.poll);
  if (rowsShown(form, "figures")) data.figures = readRows(form, "figures");
  if (rowsShown(form, "honourees")) data.honourees = readRows(form, "honourees");
  if (!editing || f.start.value !== startShown) data.planned_start = f.start.value || null;
  return data;
}

function submit(event) {
  event.preventDefault();
  var data = body();
  var sent = editing ? request("PATCH", Live.url(page.urls.item, editing.id), data)
    : request("POST", page.urls.items, data);
  var message = Live.fmt(editing ? S.saved : S.added, { title: data.title.trim() });
  sending(dialog, sent).then(function (result) {
    if (!result.ok) return;
    state.programme = result.data;
    dialog.close();
    changed();
    say(message);
  });
}

form.addEventListener("submit", submit);
f.kind.addEventListener("change", function () {
  showParts(form, f.kind.value);
  if (!askingTouched) f.asking.checked = page.asking[f.kind.value];
});
f.asking.addEventListener("change", function () { askingTouched = true; });
wireDialog(dialog);
