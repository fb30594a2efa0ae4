/* Attendee page: the strip with the programme's running item and the one that comes next, as the
   server's programme says (Live.running, Live.following); hidden when there is neither. Loaded after
   attendee.js, which it hears from. */
var strip = document.getElementById("now-next");

function showItem(row, item) {
  row.hidden = !item;
  if (!item) return;
  var kind = Live.label("item_kind", item.kind);
  row.querySelector(".nn-kind").textContent = kind === item.title ? "" : kind;  /* "Bế mạc · Bế mạc": once */
  row.querySelector(".nn-title").textContent = item.title;
  var clock = row.querySelector(".nn-clock");
  if (clock) clock.textContent = item.planned_clock || "";
}

function show(programme) {
  var now = Live.running(programme), next = Live.following(programme);
  showItem(strip.querySelector(".nn-now"), now);
  showItem(strip.querySelector(".nn-next"), next);
  strip.hidden = !now && !next;
}

Attendee.on("render", function (state) { show(state.programme); });
Attendee.on("programme", show);
