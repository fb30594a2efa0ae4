"""The statutory dates around a dialogue (Law on Youth 2020, Art. 10): the plan published before it,
the session, the conclusion notice and the written answers after it; each with its state."""
from datetime import date as Date, timedelta

from . import events, followup
from ..errors import N_
from ..text.dates import local

# A milestone's state: done in time, done after its date, due today, missed, still ahead.
DONE, LATE, TODAY, PAST, FUTURE = "done", "late", "today", "past", "future"
LABELS = {
    "plan": N_("Công bố kế hoạch đối thoại (trước %(days)s ngày)"),
    "event": N_("Buổi đối thoại"),
    "conclusion": N_("Thông báo kết luận (trong %(days)s ngày sau buổi đối thoại)"),
    "written": N_("Trả lời bằng văn bản (%(days)s ngày sau buổi đối thoại)"),
}


def plans_published(store, found, zone):
    """{event id: the day its plan was published, or None} for the events `found`. What the app records
    of it: the day the event left the draft phase for the first time (the audit log's phase change),
    when its page opened to the public; an event that never was a draft, the day it was created. A
    draft has published nothing. Days are in `zone` (the events' time zone, a ZoneInfo)."""
    left = store.first_moves_out_of_draft([event["id"] for event in found])
    days = {}
    for event in found:
        stamp = left.get(event["id"]) or (event["created_at"] if event["phase"] != events.DRAFT else None)
        days[event["id"]] = local(stamp, zone).date() if stamp else None
    return days


def milestones(event, today, items, plan_days, conclusion_days, default_days, plan_published=None):
    """The milestones, [] without an event date: [{key: plan | event | conclusion | written, date,
    period (the law's days, None for the event), days (left, negative when past), state,
    issued (the day the plan was published (plans_published), the notice's date), late_by (days)}].
    A plan published or a notice dated after its deadline is late, not done; a plan published after
    `today` is not published yet (as of that day); the written answers are done when every item (followup.items) is answered."""
    if not event["date"]:
        return []
    held = Date.fromisoformat(event["date"])
    issued = events.notice(event)["date"]
    issued = Date.fromisoformat(issued) if issued else None
    plan_published = plan_published if plan_published and plan_published <= today else None
    written_days = followup.written_days(event, default_days)
    rows = [
        {"key": "plan", "period": plan_days, "date": held - timedelta(days=plan_days),
         "done": plan_published is not None, "issued": plan_published},
        {"key": "event", "period": None, "date": held, "done": held < today},
        {"key": "conclusion", "period": conclusion_days, "date": held + timedelta(days=conclusion_days),
         "done": issued is not None, "issued": issued},
        {"key": "written", "period": written_days, "date": followup.written_due(event, default_days),
         "done": bool(items) and all(item["status"] == followup.ANSWERED for item in items)},
    ]
    for row in rows:
        row["days"] = (row["date"] - today).days
        row["late_by"] = max(0, ((row.get("issued") or row["date"]) - row["date"]).days)
        row["state"] = _state(row)
    return rows


def with_settings(event, today, items, config, plan_published):
    """The milestones with the settings in `config` (LIVE_PLAN_NOTICE_DAYS, LIVE_CONCLUSION_DAYS,
    LIVE_WRITTEN_ANSWER_DAYS)."""
    return milestones(event, today, items, config["LIVE_PLAN_NOTICE_DAYS"], config["LIVE_CONCLUSION_DAYS"],
                      config["LIVE_WRITTEN_ANSWER_DAYS"], plan_published)


def labelled(event, today, items, config, gettext, plan_published=None):
    """The milestones (with_settings), each with its label in the reader's language and its date as ISO."""
    rows = with_settings(event, today, items, config, plan_published)
    return [{**row, "label": gettext(LABELS[row["key"]], days=row["period"]), "iso": row["date"].isoformat()}
            for row in rows]


def _state(row):
    if row["late_by"]:
        return LATE
    if row["done"]:
        return DONE
    return TODAY if row["days"] == 0 else PAST if row["days"] < 0 else FUTURE
