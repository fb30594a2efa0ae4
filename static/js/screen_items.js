/* The projector during a programme item that is not a dialogue: a title card, the quick figures,
   the honourees a few at a time, or a poll (its bars once revealed, else how many answered).
   Which item runs and what it holds is the server's (state.programme); this only lays it out. */
const el = Live.el, fmt = Live.fmt;
const S = Live.strings();
const HONOUREES_SHOWN = 6;  /* per screen: read from the back of the hall */
const CYCLE_MS = 8000;      /* how long each screen of honourees stays */
const STACKED = 4;          /* up to this many options, each bar under its label */

/* How each kind is shown (display only): a dialogue keeps the Q&A screen (null). An item without
   what its layout needs (no figures, no honourees, a poll the hall may not see yet) is a title card. */
const LAYOUTS = {
  opening: "card", performance: "card", video: "card", break: "card", closing: "card",
  figures: "figures", awards: "awards", poll: "poll", dialogue: null
};
const NEEDS = {
  figures: (item) => item.figures.length > 0,
  awards: (item) => item.honourees.length > 0,
  poll: (item, state) => !!pollOf(item, state)
};
const FIT = { card: [2.4, 6], figures: [1.3, 2.4], awards: [1.3, 2.4], poll: [1.5, 3] };  /* title rem */

const shown = { key: null, item: null, poll: null, page: 0, cycle: null };

function $(id) { return document.getElementById(id); }

function pollOf(item, state) { return item.poll_id != null ? state.polls.get(item.poll_id) || null : null; }

/* the layout the running `item` calls for, or null for the Q&A screen (no item, or a dialogue) */
export function layoutOf(item, state) {
  if (!item) return null;
  const layout = Object.prototype.hasOwnProperty.call(LAYOUTS, item.kind) ? LAYOUTS[item.kind] : "card";
  return layout && NEEDS[layout] && !NEEDS[layout](item, state) ? "card" : layout;
}

/* show `item` in `layout`; built again only when the programme or the layout changed (a poll's
   numbers are updated every time) */
export function showItem(item, layout, state) {
  $("item").hidden = false;
  const poll = pollOf(item, state);
  const key = [item.id, layout, state.programme.version, poll && poll.version].join(":");
  if (key !== shown.key) {
    build(item, layout, state);
    shown.key = key;
  }
  if (layout === "poll") drawPoll(poll);
}

/* the Q&A screen is back: no item, no cycling */
export function hideItem() {
  $("item").hidden = true;
  stopCycle();
  shown.key = shown.item = null;
}

/* lay the item out again (the window changed size, or a snapshot replaced everything) */
export function resetItem() { shown.key = null; shown.poll = null; }

function build(item, layout, state) {
  Object.keys(FIT).forEach((name) => document.body.classList.toggle("layout-" + name, name === layout));
  const poll = layout === "poll" ? pollOf(item, state) : null;
  $("item-kind").textContent = Live.label("item_kind", item.kind);
  $("item-title").textContent = poll ? poll.text : item.title;
  $("item-presenter").textContent = item.presenter || "";
  $("item-presenter").hidden = !item.presenter || !!poll;
  $("item-figures").hidden = layout !== "figures";
  $("item-awards").hidden = layout !== "awards";
  $("item-poll").hidden = !poll;
  if (layout === "figures") drawFigures(item.figures);
  if (layout === "awards") cycleHonourees(item);
  else stopCycle();
  shown.item = item.id;
  fitTitle(FIT[layout]);
}

/* the title as large as its box allows within `range` (rem); smaller still rather than cut off */
function fitTitle(range) {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 30;
  const min = Math.floor(range[0] * rem), max = Math.floor(range[1] * rem);
  const fit = (low, high) => Live.fitText($("item-head"), $("item-title"), low, high, 1);
  if (!fit(min, max)) fit(Math.floor(min / 2), min);
}

/* ---------- quick figures: a grid, the value very large, its label under it ---------- */

function drawFigures(figures) {
  const list = $("item-figures");
  const count = figures.length;
  const columns = count <= 3 ? count : count === 4 ? 2 : count <= 6 ? 3 : 4;
  list.textContent = "";
  list.style.setProperty("--columns", columns);
  list.style.setProperty("--rows", Math.ceil(count / columns));
  /* every value the same size, the longest one fitting its cell */
  list.style.setProperty("--chars", Math.max(3, ...figures.map((f) => f.value.length)));
  figures.forEach((figure) => {
    const li = list.appendChild(el("li", "s-figure"));
    li.appendChild(el("p", "s-figure-value", figure.value));
    if (figure.label) li.appendChild(el("p", "s-figure-label", figure.label));
  });
  fitFigures(list);
}

/* the CSS sizes values by their length; one that is still too wide for its cell (wide letters)
   shrinks them all alike, to the same size, on one line */
function fitFigures(list) {
  const values = Array.from(list.querySelectorAll(".s-figure-value"));
  values.forEach((value) => { value.style.fontSize = ""; });
  const ratio = Math.min(1, ...values.map((value) => value.parentNode.clientWidth * 0.94 / value.scrollWidth));
  if (ratio >= 1) return;
  const size = Math.floor(parseFloat(getComputedStyle(values[0]).fontSize) * ratio);
  values.forEach((value) => { value.style.fontSize = size + "px"; });
}

/* ---------- awards: the honourees, a few at a time, in turn ---------- */

function cycleHonourees(item) {
  const pages = Math.ceil(item.honourees.length / HONOUREES_SHOWN);
  const page = shown.item === item.id ? Math.min(shown.page, pages - 1) : 0;
  stopCycle();
  showHonourees(item.honourees, page, pages);
  if (pages > 1) {
    shown.cycle = setInterval(() => showHonourees(item.honourees, (shown.page + 1) % pages, pages), CYCLE_MS);
  }
}

function stopCycle() {
  if (shown.cycle) clearInterval(shown.cycle);
  shown.cycle = null;
}

function showHonourees(honourees, page, pages) {
  const list = $("item-honourees");
  const some = honourees.slice(page * HONOUREES_SHOWN, (page + 1) * HONOUREES_SHOWN);
  shown.page = page;
  list.textContent = "";
  list.classList.toggle("few", some.length <= 4);
  some.forEach((person) => {
    const li = list.appendChild(el("li", "s-honouree"));
    li.appendChild(el("p", "s-honouree-name", person.name));
    if (person.unit) li.appendChild(el("p", "s-honouree-unit", person.unit));
  });
  $("item-page").hidden = pages < 2;
  $("item-page").textContent = fmt(S.page, { page: page + 1, pages: pages });
}

/* ---------- a poll: its options; bars and percents once revealed, else only how many answered ---------- */

function drawPoll(poll) {
  const list = $("poll-options");
  const key = poll.id + ":" + poll.version;
  if (key !== shown.poll) {
    shown.poll = key;
    list.textContent = "";
    list.style.setProperty("--options", poll.options.length);
    list.classList.toggle("stacked", poll.options.length <= STACKED);
    poll.options.forEach((option) => list.appendChild(optionRow(option)));
  }
  const results = poll.results || { total: 0 };
  const revealed = Array.isArray(results.options);  /* the server sends the counts only once revealed */
  const found = new Map((results.options || []).map((option) => [option.id, option]));
  $("item-poll").classList.toggle("is-revealed", revealed);
  Array.from(list.children).forEach((li) => {
    const option = found.get(Number(li.dataset.option));
    const percent = option ? option.percent : 0;
    li.querySelector(".s-bar-fill").style.width = percent + "%";
    li.querySelector(".s-option-percent").textContent = revealed ? percent + "%" : "";
  });
  $("poll-state").textContent = Live.label("poll_state", poll.state);
  $("poll-total").textContent = fmt(S.answeredCount, { count: results.total });
  $("poll-mean").hidden = results.mean == null;
  $("poll-mean").textContent = results.mean == null ? "" : fmt(S.mean, { mean: number(results.mean) });
}

function optionRow(option) {
  const li = el("li", "s-option");
  li.dataset.option = option.id;
  li.appendChild(el("span", "s-option-label", option.label));
  li.appendChild(el("span", "s-bar")).appendChild(el("span", "s-bar-fill"));
  li.lastChild.setAttribute("aria-hidden", "true");
  li.appendChild(el("span", "s-option-percent"));
  return li;
}

function number(value) { return new Intl.NumberFormat(document.documentElement.lang || "vi").format(value); }
