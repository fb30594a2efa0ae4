/* The organizer's programme editor (/admin/events/<code>/programme): the items in order with their
   planned times, moved up and down, duplicated, deleted, added and edited (programme_item_form.js),
   and the polls prepared for them (programme_polls.js). Every change goes through the JSON API with
   the programme's version the page holds; when someone changed it meanwhile (409) the server's
   message is said and the current programme shown, so two tablets lose nothing unseen. */
import { S, applied, onChange, page, reload, request, say, state } from "./programme_editor_shared.js";
import { openItem } from "./programme_item_form.js";
import "./programme_polls.js";

const list = document.getElementById("items");
const BUTTONS = [["up", "↑"], ["down", "↓"], ["edit", ""], ["duplicate", ""], ["delete", ""]];

function minutesText(minutes) {
  if (minutes < 60) return Live.fmt(S.minutes, { n: minutes });
  return Live.fmt(S.hoursMinutes, { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/* the lines under an item's title: who presents it, its content or poll, its figures, honourees */
function details(item) {
  var lines = [];
  if (item.presenter) lines.push(item.presenter);
  if (page.item_parts.topic.indexOf(item.kind) >= 0) lines.push(Live.fmt(S.topic, { topic: item.topic || S.allTopics }));
  if (page.item_parts.poll.indexOf(item.kind) >= 0) {
    var poll = state.polls.find(function (p) { return p.id === item.poll_id; });
    lines.push(poll ? Live.fmt(S.poll, { text: poll.text }) : S.noPoll);
  }
  if (item.figures.length) lines.push(Live.fmt(S.figures, { n: item.figures.length }));
  if (item.honourees.length) lines.push(Live.fmt(S.honourees, { n: item.honourees.length }));
  return lines;
}

function itemMain(item) {
  var main = Live.el("div", "pe-main");
  var head = main.appendChild(Live.el("p", "pe-head"));
  head.appendChild(Live.el("span", "badge pe-kind", Live.label("item_kind", item.kind)));
  head.appendChild(document.createTextNode(" "));
  head.appendChild(Live.el("strong", "pe-title", item.title)).id = "item-title-" + item.id;
  if (item.id === state.programme.current) head.appendChild(Live.el("span", "badge stage", S.running));
  else if (item.ended_at) head.appendChild(Live.el("span", "badge", S.ended));
  if (item.asking) head.appendChild(Live.el("span", "badge approved", S.asking));
  details(item).forEach(function (line) { main.appendChild(Live.el("p", "pe-detail", line)); });
  return main;
}

function itemButtons(item, index, count) {
  var buttons = Live.el("div", "pe-buttons");
  BUTTONS.forEach(function (pair) {
    var button = buttons.appendChild(Live.el("button", "pe-" + pair[0] + (pair[0] === "delete" ? " danger" : "")));
    button.type = "button";
    button.dataset.action = pair[0];
    if (pair[1]) button.appendChild(Live.el("span", "", pair[1])).setAttribute("aria-hidden", "true");
    button.appendChild(document.createTextNode((pair[1] ? " " : "") + S[pair[0]]));
    button.setAttribute("aria-describedby", "item-title-" + item.id);
    button.disabled = (pair[0] === "up" && index === 0) || (pair[0] === "down" && index === count - 1);
  });
  return buttons;
}

function itemNode(item, index, count) {
  var li = Live.el("li", "pe-item");
  li.dataset.id = item.id;
  li.classList.toggle("is-running", item.id === state.programme.current);
  var clock = li.appendChild(Live.el("p", "pe-clock"));
  clock.appendChild(Live.el("span", "pe-time", item.planned_clock || "--:--"));
  clock.appendChild(Live.el("span", "pe-duration", minutesText(item.duration)));
  li.appendChild(itemMain(item));
  li.appendChild(itemButtons(item, index, count));
  return li;
}

/* the planned start and end, the total, and once it runs, the projected end and how late */
function showTimes() {
  var p = state.programme;
  var parts = [];
  if (p.items.length && p.items[0].planned_start) parts.push(Live.fmt(S.start, { time: Live.time(p.items[0].planned_start) }));
  if (p.planned_end) parts.push(Live.fmt(S.plannedEnd, { time: Live.time(p.planned_end) }));
  parts.push(Live.fmt(S.total, { duration: minutesText(p.items.reduce(function (sum, i) { return sum + i.duration; }, 0)) }));
  if (p.late_seconds != null && p.projected_end) {
    var late = Math.round(Math.abs(p.late_seconds) / 60);
    parts.push(Live.fmt(S.projectedEnd, { time: Live.time(p.projected_end) }) + " ("
      + Live.fmt(p.late_seconds >= 0 ? S.late : S.early, { n: late }) + ")");
  }
  document.getElementById("pe-times").textContent = parts.join(" · ");
}

/* which button had the focus: to give it back after the list is drawn again */
function focused() {
  var button = document.activeElement && document.activeElement.closest && document.activeElement.closest(".pe-item button");
  if (!button) return null;
  var node = button.closest(".pe-item");
  return { id: Number(node.dataset.id), action: button.dataset.action, index: Array.from(list.children).indexOf(node) };
}

function refocus(was) {
  if (!was) return;
  var node = list.querySelector('.pe-item[data-id="' + was.id + '"]') || list.children[Math.min(was.index, list.children.length - 1)];
  if (!node) { document.getElementById("add-item").focus(); return; }
  var button = node.querySelector('[data-action="' + (node.dataset.id === String(was.id) ? was.action : "delete") + '"]');
  (button.disabled ? node.querySelector('[data-action="edit"]') : button).focus();
}

function render() {
  var was = focused();
  var items = state.programme.items;
  list.replaceChildren.apply(list, items.map(function (item, index) { return itemNode(item, index, items.length); }));
  document.getElementById("items-empty").hidden = items.length > 0;
  document.getElementById("item-count").textContent = String(items.length);
  showTimes();
  refocus(was);
}

function titled(template, item) { return Live.fmt(template, { title: item.title }); }

function move(item, by) {
  var order = state.programme.items.map(function (i) { return i.id; });
  var at = order.indexOf(item.id);
  order.splice(at, 1);
  order.splice(at + by, 0, item.id);
  return request("PUT", page.urls.order, { order: order, version: state.programme.version }).then(function (result) {
    applied(result, titled(S.moved, item));
  });
}

const ACTIONS = {
  up: function (item) { return move(item, -1); },
  down: function (item) { return move(item, 1); },
  edit: function (item, button) { openItem(item, button); },
  duplicate: function (item) {
    return request("POST", Live.url(page.urls.duplicate, item.id), { version: state.programme.version })
      .then(function (result) { applied(result, titled(S.duplicated, item)); });
  },
  delete: function (item) {
    if (!window.confirm(titled(S.confirmDelete, item))) return;
    return request("DELETE", Live.url(page.urls.item, item.id), { version: state.programme.version })
      .then(function (result) { applied(result, titled(S.deleted, item)); });
  },
};

list.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-action]");
  if (!button) return;
  var item = Live.programmeItem(state.programme, Number(button.closest(".pe-item").dataset.id));
  if (item) ACTIONS[button.dataset.action](item, button);
});
document.getElementById("add-item").addEventListener("click", function (event) { openItem(null, event.currentTarget); });
/* back to a tablet left aside: what others changed meanwhile */
document.addEventListener("visibilitychange", function () {
  if (document.visibilityState === "visible" && !document.querySelector("dialog[open]")) {
    reload().then(function () { say(S.reloaded); });
  }
});
onChange(render);
render();
