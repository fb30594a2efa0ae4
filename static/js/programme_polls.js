/* The polls prepared for the programme, on the editor's page: listed with their options, state and
   the items that use them; a new one made, a draft edited (which states may be edited: the server
   says, `poll_editable`), in a dialog. A poll item picks one of them in the item's form. */
import {
  S, changed, onChange, openDialog, page, readRows, request, say, sending, setRows, showParts, shown, state,
  wireDialog
} from "./programme_editor_shared.js";

const list = document.getElementById("polls");
const dialog = document.getElementById("poll-dialog");
const form = document.getElementById("poll-form");
const f = form.elements;
let editing = null;  /* the poll edited; null: a new one */

function meta(poll) {
  var parts = [Live.label("poll_kind", poll.kind), Live.label("poll_state", poll.state)];
  if (page.poll_parts.max_choices.indexOf(poll.kind) >= 0) parts.push(Live.fmt(S.maxChoices, { n: poll.max_choices }));
  if (poll.in_notice) parts.push(S.inNotice);
  var titles = state.programme.items.filter(function (item) { return item.poll_id === poll.id; })
    .map(function (item) { return item.title; });
  if (titles.length) parts.push(Live.fmt(S.usedBy, { titles: titles.join(", ") }));
  return parts.join(" · ");
}

function pollNode(poll) {
  var li = Live.el("li", "pe-poll");
  li.dataset.id = poll.id;
  var main = li.appendChild(Live.el("div", "pe-main"));
  main.appendChild(Live.el("p", "pe-poll-text", poll.text)).id = "poll-text-" + poll.id;
  main.appendChild(Live.el("p", "pe-detail", meta(poll)));
  main.appendChild(Live.el("p", "pe-detail", poll.options.map(function (o) { return o.label; }).join(" · ")));
  if (page.poll_editable.indexOf(poll.state) >= 0) {
    var edit = li.appendChild(Live.el("button", "pe-edit", S.edit));
    edit.type = "button";
    edit.setAttribute("aria-describedby", "poll-text-" + poll.id);
  }
  return li;
}

function render() {
  var focusedId = document.activeElement && document.activeElement.closest && document.activeElement.closest(".pe-poll");
  list.replaceChildren.apply(list, state.polls.map(pollNode));
  document.getElementById("polls-empty").hidden = state.polls.length > 0;
  var again = focusedId && list.querySelector('.pe-poll[data-id="' + focusedId.dataset.id + '"] button');
  if (again) again.focus();
}

function openPoll(poll, opener) {
  editing = poll;
  f.text.value = poll ? poll.text : "";
  f.kind.value = poll ? poll.kind : f.kind.options[0].value;
  f.max_choices.value = poll ? poll.max_choices : "";
  f.in_notice.checked = Boolean(poll && poll.in_notice);
  setRows(form, "options", poll ? poll.options : [{}, {}]);
  showParts(form, f.kind.value);
  openDialog(dialog, poll ? S.editPoll : S.addPoll, opener);
}

/* what the form sends: the options typed (empty rows left out), the maximum where it is shown */
function body() {
  var data = { text: f.text.value, kind: f.kind.value, in_notice: f.in_notice.checked,
               options: readRows(form, "options").map(function (row) { return row.label; }).filter(Boolean) };
  if (shown(f.max_choices)) data.max_choices = f.max_choices.value === "" ? null : Number(f.max_choices.value);
  return data;
}

function keep(poll) {
  var at = state.polls.findIndex(function (p) { return p.id === poll.id; });
  if (at < 0) state.polls.push(poll);
  else state.polls[at] = poll;
}

form.addEventListener("submit", function (event) {
  event.preventDefault();
  var data = body();
  var sent = editing ? request("PATCH", Live.url(page.urls.poll, editing.id), data) : request("POST", page.urls.polls, data);
  sending(dialog, sent).then(function (result) {
    if (!result.ok) return;
    keep(result.data);
    dialog.close();
    changed();
    say(Live.fmt(S.pollSaved, { text: result.data.text }));
  });
});
f.kind.addEventListener("change", function () { showParts(form, f.kind.value); });
list.addEventListener("click", function (event) {
  var button = event.target.closest("button");
  var poll = button && state.polls.find(function (p) { return p.id === Number(button.closest(".pe-poll").dataset.id); });
  if (poll) openPoll(poll, button);
});
document.getElementById("add-poll").addEventListener("click", function (event) { openPoll(null, event.currentTarget); });
wireDialog(dialog);
onChange(render);
render();
