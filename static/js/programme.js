/* The programme's running item, what comes next and the running item's clock, for every page
   that shows them (projector, phone, Chair, MC, console). The server sends the items, the ids of the
   running and next ones, its own clock (`now`) and when the countdown turns amber (`warn_seconds`):
   nothing here decides what runs or when. */

function itemById(programme, id) {
  if (!programme || id == null) return null;
  return programme.items.find(function (item) { return item.id === id; }) || null;
}

/* the running item, or null */
function running(programme) { return itemById(programme, programme && programme.current); }

/* the item that comes next, or null */
function following(programme) { return itemById(programme, programme && programme.next); }

/* the server's clock minus this device's, when the programme was sent (a phone's clock is often off) */
function offset(programme) {
  if (programme._offset === undefined) programme._offset = Date.parse(programme.now) - Date.now();
  return programme._offset;
}

/* the running item's clock: {left: seconds (negative once over), state: "on-time", "warn" or "over"};
   null when nothing runs */
function countdown(programme) {
  var item = running(programme);
  if (!item || !item.started_at) return null;
  var end = Date.parse(item.started_at) + item.duration * 60000;
  var left = Math.round((end - Date.now() - offset(programme)) / 1000);
  var state = left < 0 ? "over" : left <= programme.warn_seconds ? "warn" : "on-time";
  return { left: left, state: state };
}

/* seconds as "m:ss" ("-m:ss" past zero) */
function minutes(seconds) {
  var whole = Math.abs(seconds);
  var text = Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  return seconds < 0 ? "-" + text : text;
}

/* call `fn` every second while the page is open (a countdown's tick) */
function everySecond(fn) {
  fn();
  return setInterval(fn, 1000);
}

Object.assign(window.Live, {
  running: running, following: following, countdown: countdown, minutes: minutes, everySecond: everySecond,
  programmeItem: itemById
});
