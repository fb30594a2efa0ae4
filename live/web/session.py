"""Pages used while the dialogue runs: the Chair's tablet and the live minutes (biên bản).

Both are for staff who may moderate the event; the Chair's tablet is opened by a moderator
(or the organizer) and handed to the Chair. Everything live comes over Socket.IO and the API."""
from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, render_template

from ..dialogue import proceedings
from ..text import dates
from .identity import store
from .permissions import moderator_of_event

bp = Blueprint("session", __name__)


@bp.get("/chair/<code>")
@moderator_of_event
def chair(event):
    return render_template("chair.html", event=event)


@bp.get("/admin/events/<code>/minutes")
@moderator_of_event
def minutes(event):
    """The minutes (proceedings.minutes) printed by the server; minutes.js keeps them live from the same JSON."""
    zone = ZoneInfo(current_app.config["LIVE_TIMEZONE"])
    found = proceedings.minutes(store(), event, zone)
    return render_template("minutes.html", event=event, entries=found["answers"], programme=found["programme"],
                           polls=found["polls"], clock=lambda iso: dates.clock(iso, zone), day=dates.day,
                           minutes_seconds=dates.minutes_seconds)
