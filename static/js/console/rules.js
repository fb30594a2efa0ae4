/* What may be done to a question and the tab it belongs in: the server decides
   (live/dialogue/policy.py) and sends them with each question as `actions` and `tab`. */

export function actionsOf(q) {
  return q.actions || [];
}

export function tabOf(q) {
  return q.tab;
}

export function can(q, action) {
  return actionsOf(q).indexOf(action) >= 0;
}
