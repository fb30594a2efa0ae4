"""The MC's view (/mc/<code>: a phone at the lectern) and the detailed script (kịch bản chi tiết) of the
whole programme, printed or as DOCX, for the rehearsal. For the event's moderators: one of them opens
the view and hands the phone to the MC. The words are the domain's (dialogue/script.py)."""
from flask import Blueprint, render_template
from flask_babel import force_locale, gettext

from ..dialogue import events, policy, programme, script
from ..documents import exports, script_docx, script_layout
from . import identity
from .documents import _attachment
from .identity import store
from .permissions import moderator_of_event

bp = Blueprint("mc", __name__)


@bp.get("/mc/<code>")
@moderator_of_event
def page(event):
    return render_template("mc.html", event=event)


@bp.get("/api/v1/events/<code>/mc")
@moderator_of_event
def words(event):
    """What the MC says now, in the page's language; the view asks again whenever the programme, the
    stage or the event changes."""
    return script.now(store(), event, identity.zone(), gettext)


def _layout(event):
    """The script as printed: in Vietnamese whatever the page's language, as the notice is."""
    event = store().event_by_id(event["id"])
    zone = identity.zone()
    with force_locale("vi"):
        return script_layout.layout(event, events.notice(event), programme.view(store(), event, policy.MODERATOR, zone),
                                    zone, gettext)


@bp.get("/admin/events/<code>/script/print")
@moderator_of_event
def script_print(event):
    return render_template("script_print.html", event=event, page=_layout(event))


@bp.get("/api/v1/events/<code>/script.docx")
@moderator_of_event
def script_download(event):
    return _attachment(script_docx.render(_layout(event)), exports.DOCX_TYPE, f"kich-ban-{event['code']}.docx")
