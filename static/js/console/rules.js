/* What may be done to a question and the tab it belongs in: the server decides
   (live/dialogue/policy.py) and sends them with each question as `actions` and `tab`. */

export function actionsOf(q) {
  return q.actions || fallback(q).actions;
}

export function tabOf(q) {
  return q.tab || fallback(q).tab;
}

export function can(q, action) {
  return actionsOf(q).indexOf(action) >= 0;
}

/* FALLBACK, until the server sends `actions` and `tab` (issue 12): the console's rule of before, and
   the one place in the console that reads a status. Remove it once the server part is merged. */
function fallback(q) {
  if (q.merged_into) return { tab: null, actions: q.status === "pending" ? ["approve", "unmerge"] : ["unmerge"] };
  if (q.status === "pending") return { tab: "pending", actions: ["approve", "reject", "edit", "route", "merge"] };
  if (q.status === "rejected") return { tab: "rejected", actions: ["approve", "edit"] };
  const actions = [q.on_stage ? "unstage" : "stage", "answer", "route", "edit", "merge", "reject"];
  if (q.status === "approved") actions.push("answer_together");
  return { tab: q.on_stage ? "stage" : q.status, actions: actions };
}
