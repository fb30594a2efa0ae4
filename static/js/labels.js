/* The names people read for statuses, tabs, phases, roles, channels, youth groups
   (live/dialogue/labels.py), translated in the page's config block as `labels`.
   Live.label(kind, value): the name, or the value itself when it has none; "" for none. */
Live.label = function (kind, value) {
  if (value === null || value === undefined || value === "") return "";
  var names = (Live.config().labels || {})[kind] || {};
  return Object.prototype.hasOwnProperty.call(names, value) ? names[value] : String(value);
};
