"""The briefing pack (live/dialogue/briefing.py) as a page, a DOCX and JSON, for the Chairman and each
agency head to prepare. Moderators get the whole pack, or one agency's part with ?agency=CODE; an
agency's responder only ever its own part (403 when asking for another's)."""
from flask import Blueprint, render_template, request
from werkzeug.exceptions import Forbidden

from ..dialogue import briefing
from ..documents import briefing_docx, exports
from ..errors import NotFound, N_
from . import identity
from .documents import _attachment
from .identity import store
from .permissions import moderator_or_responder

bp = Blueprint("briefing", __name__)


def _part(viewer, agencies):
    """The agency whose part is asked for, or None for the whole pack (moderators only)."""
    wanted = request.args.get("agency", "").strip().upper()
    if not viewer.moderator:
        own = next(agency for agency in agencies if agency["id"] == viewer.agency_id)
        if wanted and wanted != own["code"]:
            raise Forbidden()
        return own
    if not wanted:
        return None
    chosen = next((agency for agency in agencies if agency["code"] == wanted), None)
    if chosen is None:
        raise NotFound(N_("Cơ quan không có trong sự kiện này."))
    return chosen


def _pack(event):
    """(the pack as this user may have it, the event's agencies, whether they may pick the part)."""
    viewer = identity.viewer(event)
    agencies = store().agencies(event["id"], active_only=False)
    part = _part(viewer, agencies)
    return briefing.pack(store(), event, part["id"] if part else None), agencies, viewer.moderator


@bp.get("/briefing/<code>")
@moderator_or_responder
def page(event):
    pack, agencies, moderator = _pack(event)
    return render_template("briefing.html", event=event, pack=pack, moderator=moderator,
                           agencies=[a for a in agencies if a["active"]])


@bp.get("/api/v1/events/<code>/briefing")
@moderator_or_responder
def as_json(event):
    return _pack(event)[0]


@bp.get("/api/v1/events/<code>/briefing.docx")
@moderator_or_responder
def as_docx(event):
    pack = _pack(event)[0]
    suffix = f"-{pack['agency']['code'].lower()}" if pack["agency"] else ""
    return _attachment(briefing_docx.render(pack, identity.today()), exports.DOCX_TYPE,
                       f"tong-hop-y-kien-{event['code']}{suffix}.docx")
