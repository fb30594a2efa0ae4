/* The event form's topic and agency rows, in the page: the row buttons (add, move up, move down,
   remove) act at once instead of sending the form; "Lưu sự kiện" then posts the rows in their new
   order. A new row is a copy of the blank row the server put in the list's <template>. Without
   this script the same buttons post the form and the server sends it back with the change. */
(function () {
  "use strict";

  var form = document.querySelector("form.event-form");
  if (!form || !("content" in document.createElement("template"))) return;

  function hidden(element) {
    return getComputedStyle(element).visibility === "hidden";
  }

  /* the first and last rows hide their "up" and "down" buttons (CSS): keep the focus on a visible one */
  function keepFocus(button, row) {
    if (!hidden(button)) { button.focus(); return; }
    var other = row.querySelector(button.classList.contains("row-up") ? ".row-down" : ".row-up");
    (hidden(other) ? row.querySelector(".row-remove") : other).focus();
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest('button[name="row_action"]');
    if (!button) return;
    event.preventDefault();
    var editor = button.closest(".row-editor");
    var rows = editor.querySelector(".rows");
    var row = button.closest(".list-row");
    var verb = button.value.split(":")[0];
    if (verb === "add") {
      var added = editor.querySelector("template").content.firstElementChild.cloneNode(true);
      rows.appendChild(added);
      added.querySelector("input").focus();
    } else if (verb === "remove") {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      (next ? next.querySelector(".row-remove") : editor.querySelector(".row-add")).focus();
    } else if (verb === "up" && row.previousElementSibling) {
      rows.insertBefore(row.previousElementSibling, row.nextElementSibling);
      keepFocus(button, row);
    } else if (verb === "down" && row.nextElementSibling) {
      rows.insertBefore(row.nextElementSibling, row);
      keepFocus(button, row);
    }
  });
})();
