/* The programme panel: the running item (its kind, title, presenter, content) and its countdown, what
   comes next and how late the programme runs; one tap moves it on (next, back, end, or any item from
   the jump list), with the programme's version the page holds. A refusal is said in the panel; after a
   409 (someone else moved it) the panel follows the newest programme (sync.takeProgramme). While a
   dialogue segment runs, the approved list says which content comes first (tabs.js orders it). */
import { button, shared, url } from "./shared.js";
import { takeProgramme } from "./sync.js";
import { flash } from "./notices.js";

const el = Live.el;
const part = (id) => document.getElementById(id);
const panel = {
  section: part("programme"), kind: part("programme-kind"), current: part("programme-current"),
  clock: part("programme-clock"), meta: part("programme-meta"), items: part("programme-items"),
  jump: part("programme-jump"), error: part("programme-error"), back: part("programme-back"),
  next: part("programme-next"), end: part("programme-end"), focus: part("focus-note"),
  busy: false,
};

function programme() {
  return shared.live && shared.live.state.programme;
}

/* the panel drawn again from the programme the live state holds (none: the panel hides) */
export function showProgramme() {
  const p = programme();
  panel.section.hidden = !(p && p.items.length);
  showFocus(p);
  if (panel.section.hidden) return;
  showRunning(p);
  showMeta(p);
  showItems(p);
  enable();
  tick();
}

function showRunning(p) {
  const item = Live.running(p), S = shared.S;
  panel.kind.hidden = !item;
  panel.kind.textContent = item ? Live.label("item_kind", item.kind) : "";
  panel.current.textContent = "";
  panel.current.appendChild(el("strong", "programme-title", item ? item.title : S.programmeIdle));
  if (!item) return;
  if (item.topic) panel.current.appendChild(el("span", "programme-detail", Live.fmt(S.itemTopic, { topic: item.topic })));
  if (item.presenter) panel.current.appendChild(el("span", "programme-detail", Live.fmt(S.presenter, { name: item.presenter })));
}

/* "08:45 Phóng sự: title" (without the time when `clock` is false) */
function itemLine(item, clock) {
  const kind = Live.label("item_kind", item.kind);
  return Live.fmt(shared.S.itemLine, { clock: (clock && item.planned_clock) || "", kind: kind, title: item.title }).trim();
}

/* what comes next, and when the programme will end against the plan */
function showMeta(p) {
  const S = shared.S, following = Live.following(p);
  panel.meta.textContent = "";
  if (following) panel.meta.appendChild(el("span", "programme-following", Live.fmt(S.upNext, { item: itemLine(following, true) })));
  else if (Live.running(p)) panel.meta.appendChild(el("span", "programme-following", S.lastItem));
  if (!p.projected_end || !p.planned_end) return;
  const end = Live.fmt(S.projectedEnd, { time: Live.time(p.projected_end), planned: Live.time(p.planned_end) });
  const late = el("span", "programme-late", end + ", " + lateness(p.late_seconds));
  late.classList.toggle("is-late", p.late_seconds >= 60);
  panel.meta.appendChild(late);
}

/* "trễ 5 phút", "sớm 1 giờ 10 phút" or "đúng giờ", to the minute */
function lateness(seconds) {
  const S = shared.S, minutes = Math.round(Math.abs(seconds || 0) / 60);
  if (!minutes) return S.onTime;
  const span = minutes < 60 ? Live.fmt(S.minutes, { minutes: minutes })
    : Live.fmt(S.hours, { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return Live.fmt(seconds > 0 ? S.late : S.early, { span: span });
}

/* the jump list: every item, the running one marked; a tap starts it */
function showItems(p) {
  panel.items.textContent = "";
  p.items.forEach((item) => {
    const li = panel.items.appendChild(el("li"));
    const node = li.appendChild(button("", null, "jump-item"));
    node.dataset.to = item.id;
    node.appendChild(el("span", "jump-clock", item.planned_clock || ""));
    node.appendChild(el("span", "jump-title", itemLine(item, false)));
    if (item.id === p.current) {
      node.setAttribute("aria-current", "true");
      node.appendChild(el("span", "badge running", shared.S.running));
    } else if (item.ended_at) {
      node.appendChild(el("span", "jump-done", Live.fmt(shared.S.itemDone, { time: Live.minutes(item.used_seconds || 0) })));
    }
  });
}

/* back only from an item with one before it, end only while one runs, the running item not again;
   while a move is on its way the panel is busy and takes no other tap (its buttons keep the focus) */
function enable() {
  const p = programme(), running = Live.running(p);
  panel.back.disabled = !running || p.items.indexOf(running) < 1;
  panel.end.disabled = !running;
  panel.items.querySelectorAll("button").forEach((node) => { node.disabled = node.hasAttribute("aria-current"); });
  panel.section.setAttribute("aria-busy", panel.busy ? "true" : "false");
  panel.section.classList.toggle("busy", panel.busy);
}

/* the running item's clock: its time left, amber near the end, red past it, said in words too */
function tick() {
  const p = programme(), clock = p && Live.countdown(p);
  panel.clock.hidden = !clock;
  if (!clock) return;
  panel.clock.className = "countdown " + clock.state;
  panel.clock.textContent = Live.fmt(shared.S["clock_" + clock.state], { time: Live.minutes(Math.abs(clock.left)) });
}

/* the approved list's note: which content's questions come first now */
function showFocus(p) {
  const item = p && p.focus_topic_id != null ? Live.running(p) : null;
  panel.focus.hidden = !(item && item.topic);
  panel.focus.textContent = item && item.topic ? Live.fmt(shared.S.focusNote, { topic: item.topic }) : "";
}

function showError(message) {
  panel.error.textContent = message;
  panel.error.hidden = !message;
}

/* Move the programme on: "next", "back", "end" or an item's id. */
function advance(to) {
  const S = shared.S;
  panel.busy = true;
  enable();
  showError("");
  Live.api("POST", url("advance"), { to: to, version: programme().version }).then((result) => {
    panel.busy = false;
    if (result.ok) {
      takeProgramme(result.data);
      const item = Live.running(programme());
      flash(item ? Live.fmt(S.itemStarted, { item: itemLine(item, false) }) : S.programmeEnded, "ok");
    } else {
      showError(result.data.error || (result.status ? S.failed : S.network));
      if (result.status === 409) refetch();
    }
    enable();
  });
}

/* the programme as the server has it now (its `programme` message may already have brought it) */
function refetch() {
  Live.api("GET", url("programme")).then((result) => { if (result.ok) takeProgramme(result.data); });
}

export function initProgramme() {
  panel.section.addEventListener("click", (event) => {
    const target = event.target.closest("[data-to]");
    if (!target || target.disabled || panel.busy || !programme()) return;
    const to = target.dataset.to;
    panel.jump.open = false;
    advance(/^\d+$/.test(to) ? Number(to) : to);
  });
  Live.everySecond(tick);
}
