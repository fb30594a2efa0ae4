/* What the parts of the programme editor share: the programme and the polls as the server last sent
   them, requests that say a refusal and bring the current programme back after a 409, the status
   line, the dialogs, the rows of a form's lists and the parts of a form that only some kinds use
   (which kinds: the server says, in the page's config and the parts' data-kinds). */
export const page = Live.config();
export const S = Live.strings();
export const state = { programme: page.programme, polls: page.polls };

const renderers = [];
const status = document.getElementById("pe-status");
const alertLine = document.getElementById("pe-error");

/* call fn() whenever the programme or the polls change */
export function onChange(fn) { renderers.push(fn); }

export function changed() { renderers.forEach(function (fn) { fn(); }); }

/* a message in the status line, or (error) in the page's alert */
export function say(message, error) {
  status.textContent = error ? "" : message;
  alertLine.textContent = error ? message : "";
  alertLine.hidden = !error;
}

/* the programme and the polls as the server has them now */
export function reload() {
  return Promise.all([Live.api("GET", page.urls.programme), Live.api("GET", page.urls.polls)]).then(function (got) {
    if (got[0].ok) state.programme = got[0].data;
    if (got[1].ok) state.polls = got[1].data.polls;
    changed();
  });
}

/* Live.api, with `message` saying a refusal; after a 409 (someone changed the programme meanwhile)
   the current programme is loaded before the answer is given */
export function request(method, url, body) {
  return Live.api(method, url, body).then(function (result) {
    if (!result.ok) result.message = (result.status && result.data.error) || S.offline;
    return result.status === 409 ? reload().then(function () { return result; }) : result;
  });
}

/* a programme the server answered with: kept and shown, `message` said; else the refusal said */
export function applied(result, message) {
  if (!result.ok) {
    say(result.message, true);
    return false;
  }
  state.programme = result.data;
  changed();
  say(message);
  return true;
}

/* ---------- dialogs ---------- */

/* the dialog's cancel button closes it; closed in any way, the focus goes back to what opened it */
export function wireDialog(dialog) {
  dialog.querySelector(".pe-cancel").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    if (dialog.opener && dialog.opener.isConnected) dialog.opener.focus();
  });
  wireRows(dialog.querySelector("form"));
}

export function openDialog(dialog, title, opener) {
  dialog.querySelector("h2").textContent = title;
  formError(dialog, "");
  dialog.opener = opener;
  dialog.showModal();
}

export function formError(dialog, message) {
  var node = dialog.querySelector(".notice.error");
  node.textContent = message;
  node.hidden = !message;
  if (message) node.scrollIntoView({ block: "nearest" });
}

/* send the dialog's request; while it runs its buttons wait. -> the answer (see request) */
export function sending(dialog, promise) {
  var buttons = dialog.querySelectorAll("button");
  buttons.forEach(function (button) { button.disabled = true; });
  return promise.then(function (result) {
    buttons.forEach(function (button) { button.disabled = false; });
    if (!result.ok) formError(dialog, result.message);
    return result;
  });
}

/* ---------- the parts a kind uses ---------- */

/* show the parts of `form` the kind uses (each part's data-kinds, written by the server) */
export function showParts(form, kind) {
  form.querySelectorAll(".pe-part").forEach(function (part) {
    part.hidden = part.dataset.kinds.split(" ").indexOf(kind) < 0;
  });
}

export function shown(node) { return !node.closest("[hidden]"); }

/* ---------- the rows of a list: figures, honourees, a poll's options ---------- */

function rowList(form, kind) { return form.querySelector('[data-rows="' + kind + '"]'); }

function addRow(list, kind, values) {
  var row = document.getElementById("row-" + kind).content.firstElementChild.cloneNode(true);
  row.querySelectorAll("input").forEach(function (input) { input.value = (values && values[input.name]) || ""; });
  list.appendChild(row);
  return row;
}

/* no more rows than the server takes: the add button waits */
function limitRows(form, kind) {
  form.querySelector('[data-add="' + kind + '"]').disabled = rowList(form, kind).children.length >= page.rows[kind];
}

export function setRows(form, kind, rows) {
  var list = rowList(form, kind);
  list.replaceChildren();
  rows.forEach(function (row) { addRow(list, kind, row); });
  limitRows(form, kind);
}

/* [{input name: its text}] of each row; `list` is shown or not */
export function readRows(form, kind) {
  return Array.from(rowList(form, kind).children).map(function (row) {
    var values = {};
    row.querySelectorAll("input").forEach(function (input) { values[input.name] = input.value.trim(); });
    return values;
  });
}

export function rowsShown(form, kind) { return shown(rowList(form, kind)); }

function wireRows(form) {
  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    var remove = event.target.closest(".pe-row-remove");
    if (add) {
      addRow(rowList(form, add.dataset.add), add.dataset.add).querySelector("input").focus();
      limitRows(form, add.dataset.add);
    } else if (remove) {
      var row = remove.closest(".pe-row");
      var kind = row.parentNode.dataset.rows;
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      limitRows(form, kind);
      (next ? next.querySelector(".pe-row-remove") : form.querySelector('[data-add="' + kind + '"]')).focus();
    }
  });
}
