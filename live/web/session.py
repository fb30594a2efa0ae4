"""Pages used while the dialogue runs: the Chair's tablet and the live minutes (biên bản).

Both are for staff who may moderate the event; the Chair's tablet is opened by a moderator
(or the organizer) and handed to the Chair. Everything live comes over Socket.IO and the API."""
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template

from ..dialogue import answers, events, questions
from ..text import dates
from . import identity
from .identity import store

bp = Blueprint("session", __name__)


@bp.get("/chair/<code>")
def chair(code):
    return render_template("chair.html", event=identity.staff_page_event(code))


@bp.get("/admin/events/<code>/minutes")
def minutes(code):
    event = identity.staff_page_event(code)
    zone = ZoneInfo(current_app.config["LIVE_TIMEZONE"])
    agencies = {a["code"]: events.agency_view(a) for a in store().agencies(event["id"], active_only=False)}
    texts = {q["id"]: {"id": q["id"], "text": q["text"], "author": q["author"], "status": q["status"]}
             for q in questions.listing(store(), event, questions.Viewer(moderator=True))}
    entries = [_entry(answer, texts, agencies, zone) for answer in answers.log(store(), event)]
    return render_template("minutes.html", event=event, entries=entries, agencies=list(agencies.values()))


def _entry(answer, texts, agencies, zone):
    """One answer as the minutes print it (the same markup minutes.js draws)."""
    def agency_name(code):
        return agencies[code]["name"] if code in agencies else code

    speakers = answer["speakers"] or [{"name": answer["answered_by"], "agency": answer["agency"]}]
    return {
        **answer,
        "time": dates.clock(answer["created_at"], zone),
        "questions": [texts.get(qid, {"id": qid, "text": "", "author": None}) for qid in answer["question_ids"]],
        "speakers": [{"name": s["name"], "agency": agency_name(s["agency"]) if s.get("agency") else ""}
                     for s in speakers],
        "commitments": [{**c, "agency_name": agency_name(c["agency"]), "due_text": dates.day(c["due"])}
                        for c in answer["commitments"]],
        "updated_time": dates.clock(answer["updated_at"], zone),
    }
