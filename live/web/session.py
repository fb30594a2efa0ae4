"""Pages used while the dialogue runs: the Chair's tablet and the live minutes (biên bản).

Both are for staff who may moderate the event; the Chair's tablet is opened by a moderator
(or the organizer) and handed to the Chair. Everything live comes over Socket.IO and the API."""
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template

from ..dialogue import answers
from . import identity
from .identity import store

bp = Blueprint("session", __name__)


@bp.get("/chair/<code>")
def chair(code):
    return render_template("chair.html", event=identity.staff_page_event(code))


@bp.get("/admin/events/<code>/minutes")
def minutes(code):
    """The answer log (answers.log) printed by the server; minutes.js keeps it live with the same entries."""
    event = identity.staff_page_event(code)
    zone = ZoneInfo(current_app.config["LIVE_TIMEZONE"])
    return render_template("minutes.html", event=event, entries=answers.log(store(), event),
                           clock=lambda iso: _clock(iso, zone), day=_date)


def _clock(iso, zone):
    return datetime.fromisoformat(iso).astimezone(zone).strftime("%H:%M")


def _date(iso):
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""
