"""Who may call a route, declared on the route: one decorator per kind of actor, in the manner of
flaskr's `login_required`. The rule itself is the domain's (`users.can_organize`, `can_moderate`,
`organizes`, `can_see_routed`, `api_keys.may_push`); a decorator only asks it, and answers in one order:

1. 401 without a login (JSON under /api/, a redirect to the login page elsewhere), or without a
   live channel key;
2. 403 when the actor may not do this to what the URL names. An event that does not exist is one
   the actor may not act on, unless it may act on every event (an organizer, a moderator of every
   event): a moderator of one event, a local organizer (of one area) or an agency's responder learns
   nothing from a wrong code or id;
3. 404 when what the URL names does not exist.

The view gets what the URL names: `event` in place of `<code>`; beside `<question_id>` or
`<answer_id>` (kept), the `event` they belong to. Public routes (the attendee's, the projector's,
the published results) carry no decorator: an event's code is public, so they answer 404 for an
unknown one at once. `view.permission` names the kind (docs/security.md, tests/test_role_matrix.py)."""
import functools

from flask import abort, make_response, redirect, request, url_for
from flask_babel import gettext
from werkzeug.exceptions import Forbidden, Unauthorized

from ..dialogue import api_keys, events, polls, users
from ..errors import NotFound, N_
from . import identity
from .errors import respond, wants_json
from .identity import store

STAFF, ORGANIZER, MODERATOR, ROUTED, KEY = "staff", "organizer", "moderator", "routed", "key"


def login_first():
    """The redirect to the login page, coming back to this page afterwards (not to a form's target)."""
    back = request.full_path.rstrip("?") if request.method in ("GET", "HEAD") else None
    return redirect(url_for("staff.login", next=back))


def _account():
    """The logged-in account; without one the request ends here: 401 from the API, the login page elsewhere."""
    user = identity.current_user()
    if user is None:
        if wants_json():
            raise Unauthorized()
        abort(login_first())
    return user


def _channel_key():
    """The live channel key of `Authorization: Bearer <key>`; 401 without one."""
    key = api_keys.authenticate(store(), api_keys.sent_secret(request.headers.get("Authorization")))
    if key is None:
        response = make_response(respond(gettext("Khóa API không hợp lệ hoặc đã bị thu hồi."), 401))
        response.headers["WWW-Authenticate"] = 'Bearer realm="intake"'
        abort(response)
    return key


def _question_event(question_id):
    question = store().question(question_id)
    if question is None:
        raise NotFound(N_("Không tìm thấy câu hỏi."))
    return store().event_by_id(question["event_id"])


def _answer_event(answer_id):
    answer = store().answer(answer_id)
    if answer is None:
        raise NotFound(N_("Không tìm thấy câu trả lời."))
    return _question_event(answer["question_id"])


def _item_event(item_id):
    item = store().programme_item(item_id)
    if item is None:
        raise NotFound(N_("Không tìm thấy mục chương trình."))
    return store().event_by_id(item["event_id"])


def _poll_event(poll_id):
    return store().event_by_id(polls.get(store(), poll_id)["event_id"])


# The URL values that name the event a route acts on, the first one present wins.
_NAMES = (("code", lambda code: events.get(store(), code)), ("question_id", _question_event),
          ("answer_id", _answer_event), ("item_id", _item_event), ("poll_id", _poll_event))


def _named(values):
    """(whether the URL names an event, the event or None, the NotFound to answer when it does not exist)."""
    for name, find in _NAMES:
        if name in values:
            try:
                return True, find(values[name]), None
            except NotFound as missing:
                return True, None, missing
    return False, None, None


def _declare(kind, actor, may, actor_argument=None, unnamed=None):
    """The decorator of one kind of actor: `actor()` is who asks (or ends the request with 401),
    `may(actor, event)` the domain's answer for what the URL names (None: it does not exist), and
    `unnamed(actor)` for a URL that names no event (by default `may(actor, None)`)."""
    def decorator(view):
        @functools.wraps(view)
        def checked(**values):
            who = actor()
            names_event, event, missing = _named(values)
            if not (may(who, event) if names_event or unnamed is None else unnamed(who)):
                raise Forbidden()
            if missing is not None:
                raise missing
            if names_event:
                values.pop("code", None)
                values["event"] = event
            if actor_argument:
                values[actor_argument] = who
            return view(**values)
        checked.permission = kind
        return checked
    return decorator


# Any logged-in account.
staff_required = _declare(STAFF, _account, lambda user, event: True)
# The organizers of the event the URL names (a local organizer: the events of its area), or any
# organizer where the URL names none: events, accounts, agencies, the notice, imports, keys, publishing.
organizer_required = _declare(ORGANIZER, _account, lambda user, event: users.organizes(store(), user, event),
                              unnamed=users.can_organize)
# The moderators of the event the URL names (its organizers moderate it).
moderator_of_event = _declare(MODERATOR, _account, lambda user, event: users.can_moderate(store(), user, event))
# The event's moderators, and its agencies' responders (the view keeps each to its own agency).
moderator_or_responder = _declare(ROUTED, _account,
                                  lambda user, event: users.can_see_routed(store(), user, event))
# A channel's system with its API key, for its own event only; the view gets the key as `key`.
channel_key_required = _declare(KEY, _channel_key, api_keys.may_push, actor_argument="key")


class May:
    """What the logged-in account may do, for templates (`may.organize`), as the domain decides:
    no template compares a role name."""

    @property
    def organize(self):
        return users.can_organize(identity.current_user())


def init_app(app):
    may = May()
    app.context_processor(lambda: {"may": may})
