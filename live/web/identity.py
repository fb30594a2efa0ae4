"""Who is asking: the anonymous attendee cookie, the logged-in staff user, and their viewer."""
import math
import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, g, request, session
from itsdangerous import BadSignature, URLSafeSerializer
from limits import parse

from ..dialogue import users
from ..errors import N_, TooSoon
from ..dialogue.policy import Viewer
from .throttle import Backoff

ATTENDEE_COOKIE = "live_attendee"
ATTENDEE_COOKIE_AGE = 365 * 24 * 3600


def store():
    return current_app.extensions["live_store"]


def _serializer():
    return URLSafeSerializer(current_app.secret_key, salt="attendee")


def attendee_id(create=True):
    """The attendee's anonymous id from the signed cookie; a new one at first contact."""
    if g.get("attendee_id") is None:  # not read yet, or read without creating one
        try:
            g.attendee_id = _serializer().loads(request.cookies.get(ATTENDEE_COOKIE, ""))
        except BadSignature:
            g.attendee_id = None
        if g.attendee_id is None and create:
            g.attendee_id = secrets.token_urlsafe(16)
            g.new_attendee = True
    return g.attendee_id


def _set_attendee_cookie(response):
    if g.get("new_attendee"):
        response.set_cookie(ATTENDEE_COOKIE, _serializer().dumps(g.attendee_id), max_age=ATTENDEE_COOKIE_AGE,
                            httponly=True, samesite="Lax",
                            secure=request.is_secure or current_app.config["SESSION_COOKIE_SECURE"])
    return response


def current_user():
    """The account of this request's live session, or None."""
    if "user" not in g:
        g.user = users.session_user(store(), session_token())
    return g.user


def session_token():
    """The token of this browser's staff session (in its signed cookie), or None."""
    return session.get("token")


def authenticate(username, password):
    """users.authenticate behind growing delays, per account name (as authentication reads it) and
    per address: while either is waiting, the attempt is refused (429) without a password check."""
    delays = current_app.extensions["live_login_delays"]
    keys = {"account": users.login_name(username), "address": request.remote_addr or ""}
    wait = max(delays[kind].wait(key) for kind, key in keys.items())
    if wait > 0:
        seconds = math.ceil(wait)
        raise TooSoon(N_("Đăng nhập sai nhiều lần. Hãy thử lại sau %(seconds)s giây."), seconds, seconds=seconds)
    user = users.authenticate(store(), username, password)
    if user is None:
        for kind, key in keys.items():
            delays[kind].failed(key)
    else:
        delays["account"].forget(keys["account"])
    return user


def log_in(user):
    users.end_session(store(), session_token())
    session.clear()
    session["token"] = users.start_session(store(), user, current_app.permanent_session_lifetime.total_seconds())
    session.permanent = True
    g.user = user


def log_out():
    """End this browser's session on the server too: its cookie is worthless from now on."""
    users.end_session(store(), session_token())
    session.clear()
    g.user = None
    sessions_ended()


def sessions_ended():
    """Call after ending sessions (logging out, a new password, a disabled account): this process's
    Socket.IO connections that joined with them are dropped now, those of other processes within
    connections.RECHECK_SECONDS."""
    current_app.extensions["live_connections"].recheck()


def may_moderate(event):
    """Whether the logged-in user (if any) may moderate `event`: what they submit is moderator-entered."""
    return users.can_moderate(store(), current_user(), event)


def local_path(value):
    r"""`value` if it is a path of this site however a browser reads it, else None: one leading '/',
    then printable ASCII without backslashes (browsers drop tabs and newlines and read '\' as '/',
    so '/\t/host' and '/\host' lead to another host)."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return None
    return value if all("!" <= c <= "~" and c != "\\" for c in value) else None


def viewer(event, create_attendee=True):
    """What this request may see of `event`: moderators see all, attendees their own too,
    an agency's responder what is routed to it."""
    user = current_user()
    return Viewer(attendee_id=attendee_id(create_attendee), moderator=users.can_moderate(store(), user, event),
                  agency_id=users.responder_agency(user, event))


def today():
    """Today in the events' time zone (deadlines are dates there)."""
    return datetime.now(zone()).date()


def zone():
    """The events' time zone (LIVE_TIMEZONE)."""
    return ZoneInfo(current_app.config["LIVE_TIMEZONE"])


def actor():
    user = current_user()
    return user["username"] if user else "anonymous"


def _login_delay(setting):
    """A Backoff from a "N per period" setting: N failures free, waits up to the period."""
    limit = parse(setting)
    return Backoff(limit.amount, limit.get_expiry())


def init_app(app):
    app.after_request(_set_attendee_cookie)
    app.extensions["live_login_delays"] = {
        "account": _login_delay(app.config["LIVE_LIMIT_LOGINS_PER_ACCOUNT"]),
        "address": _login_delay(app.config["LIVE_LIMIT_LOGINS_PER_ADDRESS"]),
    }
