/* The Chair's tablet: the programme's running item, its time planned and used, the countdown (amber,
   then red, and said in a word beside its icon, not by colour alone), the projected end and how late
   the programme runs, and what comes next. The server decides what runs, when, and when the clock
   turns (Live.countdown reads its warn_seconds); this shows it and lets the clock tick. */
const S = Live.strings(), fmt = Live.fmt;
const ICONS = { "on-time": "◷", warn: "⚠", over: "✖" };  /* glyphs every tablet font has */
let programme = null;
let ticking = null;

function $(id) { return document.getElementById(id); }

/* show `p` (a snapshot's or a `programme` message's); nothing when the event has no programme */
export function showProgramme(p) {
  programme = p;
  const section = $("programme");
  section.hidden = !p || !p.items.length;
  if (section.hidden) return;
  const item = Live.running(p);
  $("prog-kind").textContent = item ? " · " + Live.label("item_kind", item.kind) : "";
  $("prog-title").hidden = $("prog-presenter").hidden = !item;
  $("prog-title").textContent = item ? item.title : "";
  $("prog-presenter").textContent = item && item.presenter ? item.presenter : "";
  $("prog-idle").hidden = !!item;
  $("prog-idle").textContent = item ? "" : p.items.some((i) => i.started_at) ? S.ended : S.notStarted;
  const next = Live.following(p);
  $("prog-next").hidden = !next;
  $("prog-next").textContent = next ? fmt(S.next, { item: itemName(next) }) : "";
  if (!ticking) ticking = Live.everySecond(tick);
  else tick();
}

function itemName(item) {
  return Live.label("item_kind", item.kind) + " · " + item.title + (item.planned_clock ? " (" + item.planned_clock + ")" : "");
}

function tick() {
  if (!programme || $("programme").hidden) return;
  const item = Live.running(programme), clock = Live.countdown(programme);
  drawClock(item, clock);
  drawEnd(item, clock);
}

function drawClock(item, clock) {
  $("programme").className = "c-prog" + (clock ? " is-" + clock.state : "");
  $("prog-clock").hidden = !clock;
  if (!clock) return;
  $("countdown").className = "c-countdown is-" + clock.state;
  $("countdown-icon").textContent = ICONS[clock.state] || "";
  $("countdown-word").textContent = S.countdown[clock.state] || "";
  $("countdown-time").textContent = clock.left < 0 ? "+" + Live.minutes(-clock.left) : Live.minutes(clock.left);
  $("prog-used").textContent = fmt(S.used, { planned: item.duration, used: Live.minutes(item.duration * 60 - clock.left) });
}

/* The end the server projected when it sent the programme, later by however much more the running
   item has overrun since (the server sends the programme when it changes, not every second). */
function drawEnd(item, clock) {
  const overrun = clock ? Math.max(0, -clock.left) - Math.max(0, -leftWhenSent(item)) : 0;
  const end = programme.projected_end ? Date.parse(programme.projected_end) + overrun * 1000 : null;
  $("prog-end").hidden = end == null;
  $("prog-end").textContent = end == null ? "" : fmt(S.projectedEnd, { clock: Live.time(new Date(end).toISOString()) });
  const late = programme.late_seconds == null ? null : programme.late_seconds + overrun;
  const minutes = late == null ? 0 : Math.round(Math.abs(late) / 60);
  $("prog-late").hidden = late == null;
  $("prog-late").classList.toggle("is-late", minutes > 0 && late > 0);
  $("prog-late").textContent = late == null ? "" : !minutes ? S.onTime : fmt(late > 0 ? S.late : S.early, { minutes: minutes });
}

function leftWhenSent(item) {
  return (Date.parse(item.started_at) + item.duration * 60000 - Date.parse(programme.now)) / 1000;
}
