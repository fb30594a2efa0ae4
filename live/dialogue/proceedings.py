"""What the records of the day say of the programme and the polls: the minutes (biên bản), the XLSX log,
the briefing pack, the published results and the conclusion notice all take them from here.

- ``ran``: each programme item, planned against actual (when it started, the time it used, how late or
  early), and when the programme as a whole started and ended;
- ``poll_records``: each poll that was opened, with its results, overall and (`by`) by the youth group
  and the district the attendees gave, for those whose results the viewer may see (policy.sees_results).
"""
from datetime import datetime

from . import answers, policy, polls, programme

ITEM_KEYS = ("id", "kind", "title", "presenter", "planned_start", "planned_clock", "duration", "started_at",
             "ended_at", "used_seconds")
POLL_KEYS = ("id", "text", "kind", "state")


def minutes(store, event, zone, at=None):
    """The minutes as their page, their live script (GET /api/v1/events/<code>/log) and the XLSX log show
    them: the answer log (answers.log), the programme as it ran, every opened poll's results by group."""
    return {"answers": answers.log(store, event), "programme": ran(store, event, zone, at),
            "polls": poll_records(store, event, policy.MODERATOR, by=True)}


def ran(store, event, zone, at=None):
    """The programme planned against actual: {"started_at": the first item's actual start, "ended_at": the
    last actual end once nothing runs any more, "items": [item as ITEM_KEYS, with "late_minutes" (actual
    start minus planned, negative when early; none when it ran on another day than planned) and
    "over_minutes" (once it ended: the time it used minus
    its planned duration, negative when shorter)]}."""
    view = programme.view(store, event, policy.MODERATOR, zone, at)
    items = [_item(item) for item in view["items"]]
    starts = [item["started_at"] for item in items if item["started_at"]]
    ends = [item["ended_at"] for item in items if item["ended_at"]]
    over = bool(starts) and view["current"] is None
    return {"started_at": min(starts, key=_moment, default=None),
            "ended_at": max(ends, key=_moment) if over and ends else None, "items": items}


def _item(item):
    late = None
    if item["planned_start"] and item["started_at"]:
        planned = _moment(item["planned_start"])
        started = _moment(item["started_at"]).astimezone(planned.tzinfo)
        # a run on another day (a rehearsal) is not days early or late
        late = (started - planned).total_seconds() if started.date() == planned.date() else None
    over = item["used_seconds"] - 60 * item["duration"] if item["ended_at"] else None
    return {**{key: item[key] for key in ITEM_KEYS}, "late_minutes": _whole_minutes(late),
            "over_minutes": _whole_minutes(over)}


def _moment(stamp):
    return datetime.fromisoformat(stamp)


def _whole_minutes(seconds):
    return None if seconds is None else round(seconds / 60)


def poll_records(store, event, viewer, by=False):
    """Each poll that was opened and whose results `viewer` may see, oldest first: {id, text, kind, state,
    revealed, in_notice, total, options [{id, label, count, percent}], mean}; with `by`, also "by":
    {"youth_group" | "district": [{value (None: not given), total, options, mean}]}, empty when no
    attendee gave that part."""
    found = []
    for poll in store.polls(event["id"]):
        if poll["state"] == polls.DRAFT or not policy.sees_results(poll, viewer):
            continue
        results = polls.results(store, poll)
        record = {key: poll[key] for key in POLL_KEYS}
        record.update(revealed=bool(poll["revealed"]), in_notice=bool(poll["in_notice"]),
                      **{key: results[key] for key in ("total", "options", "mean")})
        if by:
            record["by"] = {part: _groups(store, poll, results["options"], part) for part in polls.PARTS}
        found.append(record)
    return found


def _groups(store, poll, options, part):
    groups = polls.results_by(store, poll, part)
    if all(group["part"] is None for group in groups):
        return []
    return [{"value": group["part"], **polls.tally(poll, options, group["counts"], group["total"])}
            for group in groups]


def answered(records):
    """The polls someone answered."""
    return [record for record in records if record["total"]]
