"""Staff accounts, passwords, their sessions, and the rules of what each role may do."""
import hashlib
import secrets
from datetime import datetime, timedelta, timezone

from werkzeug.security import check_password_hash, generate_password_hash

from . import areas, events
from .. import text
from ..errors import Conflict, Forbidden, Invalid, NotFound, N_
from ..storage import now

ORGANIZER, MODERATOR, RESPONDER = "organizer", "moderator", "responder"
ROLES = (ORGANIZER, MODERATOR, RESPONDER)
ADMIN = "admin"
PASSWORD_MIN = 8
_DUMMY_HASH = generate_password_hash("not-a-password")


def create(store, username, password, role, event=None, agency=None, display_name=None, area=None, by=None):
    """A staff account; a responder belongs to one agency of one event, an organizer may have an area
    (its code). `by`: the organizer making it, who may grant only what `may_grant` allows."""
    username = _username(username)
    scope = _scope(store, role, event, agency, area)
    shown = text.display_name(display_name)
    with store.transaction():
        if by is not None and not may_grant(store, by, role, event, scope["area_id"]):
            raise Forbidden(N_("Bạn chỉ tạo được tài khoản cho các sự kiện, địa bàn mình tổ chức."))
        if store.user_by_name(username):
            raise Conflict(N_("Tên đăng nhập %(name)s đã có."), name=username)
        user_id = store.insert_user({"username": username, "password_hash": _hash(password), "role": role,
                                     "display_name": shown, **scope})
        return store.user_by_id(user_id)


def _scope(store, role, event, agency_code, area_code=None):
    if role not in ROLES:
        raise Invalid(N_("Vai trò không hợp lệ."))
    if area_code and role != ORGANIZER:
        raise Invalid(N_("Chỉ tài khoản Ban tổ chức có địa bàn."))
    area_id = areas.get(store, area_code)["id"] if area_code else None
    if role != RESPONDER:
        return {"event_id": event["id"] if event else None, "agency_id": None, "area_id": area_id}
    agency_id = events.agency_id(store, event, agency_code) if event else None
    if agency_id is None:
        raise Invalid(N_("Tài khoản cơ quan cần một sự kiện và một cơ quan."))
    return {"event_id": event["id"], "agency_id": agency_id, "area_id": None}


def set_password(store, username, password, by=None):
    """A new password also ends every session of the account."""
    with store.transaction():
        user = _get(store, username, by)
        store.update_user(user["id"], {"password_hash": _hash(password)})
        store.delete_user_sessions(user["id"])


def set_display_name(store, username, display_name, by=None):
    """The name others see on what the account sends; empty: its username."""
    shown = text.display_name(display_name)
    with store.transaction():
        store.update_user(_get(store, username, by)["id"], {"display_name": shown})


def signature(user):
    """How the account signs what others read (the Chair's messages): its display name, else its username."""
    return user["display_name"] or user["username"]


def end_sessions(store, username):
    """Log the account out everywhere."""
    with store.transaction():
        store.delete_user_sessions(_get(store, username)["id"])


def start_session(store, user, lifetime):
    """A new session of `user`: the token its cookie carries (the database keeps only a hash of it).
    Sessions older than `lifetime` seconds, whose cookies have expired, are dropped on the way."""
    token = secrets.token_urlsafe(32)
    expired = (datetime.now(timezone.utc) - timedelta(seconds=lifetime)).isoformat(timespec="milliseconds")
    with store.transaction():
        store.delete_sessions_before(expired)
        store.insert_session(_token_hash(token), user["id"])
    return token


def end_session(store, token):
    """Log out one session: its cookie is refused from now on, even if replayed."""
    if isinstance(token, str):
        store.delete_session(_token_hash(token))


def session_users(store, tokens):
    """{token: its account} for the live sessions among `tokens`; a disabled account has none."""
    hashes = {_token_hash(token): token for token in tokens if isinstance(token, str)}
    found = store.session_users(list(hashes)) if hashes else {}
    return {hashes[key]: user for key, user in found.items() if not user["disabled_at"]}


def session_user(store, token):
    """The account whose live session `token` is, or None."""
    return session_users(store, [token]).get(token)


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def set_disabled(store, username, disabled, by=None):
    """Disable an account (its sessions end, it can no longer log in) or enable it again. The
    account stays, so what it did still names it; `admin` cannot be disabled, so someone can
    always enable the others."""
    with store.transaction():
        user = _get(store, username, by)
        if disabled and user["username"] == ADMIN:
            raise Conflict(N_("Không khóa được tài khoản quản trị admin."))
        if bool(user["disabled_at"]) != disabled:
            store.update_user(user["id"], {"disabled_at": now() if disabled else None})
            store.delete_user_sessions(user["id"])
        return store.user_by_id(user["id"])


def update(store, username, role, event=None, agency=None, area=None):
    scope = _scope(store, role, event, agency, area)
    with store.transaction():
        user = _get(store, username)
        store.update_user(user["id"], {"role": role, **scope})


def login_name(username):
    r"""The account name a login attempt is for, as authentication looks it up: the login limits
    count attempts by it too, so 'admin\u200b' or 'ad\x01min' are 'admin' for both."""
    return text.clean(username).lower() if isinstance(username, str) else ""


def authenticate(store, username, password):
    """The user whose password this is, or None (also for a disabled account); as slow for unknown
    names as for known ones."""
    user = store.user_by_name(login_name(username))
    password = password if isinstance(password, str) else ""
    valid = check_password_hash(user["password_hash"] if user else _DUMMY_HASH, password)
    return user if user and valid and not user["disabled_at"] else None


def ensure_admin(store, password=None):
    """Create the organizer `admin` once; returns the generated password, or None."""
    if store.user_by_name(ADMIN):
        return None
    generated = None if password else secrets.token_urlsafe(12)
    try:
        create(store, ADMIN, password or generated, ORGANIZER)
    except Conflict:  # another process starting at the same moment made it first
        return None
    return generated


def can_organize(user):
    """Organizers manage events, accounts, agencies, the notice and publishing."""
    return user is not None and user["role"] == ORGANIZER


def organizes(store, user, event):
    """Whether `user` organizes `event`: an organizer of every area (no area of their own), or of an
    area that holds the event's (a local organizer sees nothing of other areas)."""
    if not can_organize(user):
        return False
    if user["area_id"] is None:
        return True
    if event is None or event["area_id"] is None:
        return False
    return areas.contains(store, store.area(user["area_id"]), store.area(event["area_id"]))


def area_for_event(store, user, code):
    """The area (its code) an organizer's new or moved event is held in: as asked, for an organizer
    of every area; a local organizer's own area when it names none, and never one outside it."""
    if user is None or user["area_id"] is None:
        return code
    own = store.area(user["area_id"])
    if not code:
        return own["code"]
    if not areas.contains(store, own, areas.get(store, code)):
        raise Forbidden(N_("Bạn chỉ tổ chức được các buổi đối thoại trong địa bàn của mình."))
    return code


def may_grant(store, actor, role, event, area_id):
    """Whether the organizer `actor` may make or manage an account of `role` for `event` (None: every
    event) and the area `area_id`: one of every area, any; a local organizer, the accounts of the
    events it organizes and organizers of its own area or one within it, never an unscoped one."""
    if not can_organize(actor):
        return False
    if actor["area_id"] is None:
        return True
    if role == ORGANIZER:
        return area_id is not None and areas.contains(store, store.area(actor["area_id"]), store.area(area_id))
    return event is not None and organizes(store, actor, event)


def manages(store, actor, account):
    """Whether the organizer `actor` manages `account` (its password, name, lock): as `may_grant`."""
    event = store.event_by_id(account["event_id"]) if account["event_id"] else None
    return may_grant(store, actor, account["role"], event, account["area_id"])


def can_moderate(store, user, event):
    """The event's organizers moderate it; a moderator, every event or the one assigned. `event` None
    stands for an event that does not exist: only an account that moderates every event may learn
    that (404); any other is refused first (403), as for an event that is not its own."""
    if user is None:
        return False
    if user["role"] == ORGANIZER:
        return organizes(store, user, event)
    return user["role"] == MODERATOR and user["event_id"] in (None, event and event["id"])


def responder_agency(user, event):
    """The agency whose questions this user answers in `event`, or None (also for no event)."""
    if user is None or event is None or user["role"] != RESPONDER or user["event_id"] != event["id"]:
        return None
    return user["agency_id"]


def can_see_routed(store, user, event):
    """Whether the account sees what is routed to the event's agencies (the agency page, the briefing,
    the follow-up): the event's moderators all of it, an agency's responder its own part."""
    return can_moderate(store, user, event) or responder_agency(user, event) is not None


def public_view(user):
    return {"username": user["username"], "role": user["role"], "event": user.get("event_code"),
            "agency": user.get("agency_code"), "area": user.get("area_code")}


def _get(store, username, by=None):
    user = store.user_by_name(username)
    if user is None:
        raise NotFound(N_("Không có tài khoản %(name)s."), name=username)
    if by is not None and not manages(store, by, user):
        raise Forbidden(N_("Bạn chỉ quản lý tài khoản của các sự kiện, địa bàn mình tổ chức."))
    return user


def _username(value):
    name = text.clean(value)
    if not name or len(name) > 40 or not all(c.isalnum() or c in "._-" for c in name) or not name.isascii():
        raise Invalid(N_("Tên đăng nhập gồm 1-40 chữ không dấu, số, dấu chấm, gạch."))
    return name


def _hash(password):
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise Invalid(N_("Mật khẩu cần ít nhất %(limit)s ký tự."), limit=PASSWORD_MIN)
    return generate_password_hash(password)
