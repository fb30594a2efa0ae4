"""Socket.IO: a client joins an event as attendee, screen, moderator or chair (rooms.ROLES) and gets
a snapshot; afterwards the broadcast module sends it what changes. Handlers stay thin."""
from flask import current_app, request
from flask_babel import gettext
from flask_socketio import emit, join_room

from ..dialogue import chair, events, policy, polls, programme, questions, users
from ..errors import DomainError, N_
from . import identity, rooms
from .identity import store

STAFF_ROLES = ("moderator", "chair")


def register(socketio):
    socketio.on_event("join", join)
    socketio.on_event("disconnect", left)


def join(*args):
    """`join` with one object {"event", "role"}; any other arguments get an error too (and as the
    acknowledgement, for a client that asks for one)."""
    data = args[0] if len(args) == 1 and isinstance(args[0], dict) else {}
    role = data.get("role", "attendee")
    try:
        event, viewer = _admit(data)
        if not connections().join(request.sid, event["id"], role):
            return None  # joined so already: the snapshot it got is kept current
    except DomainError as error:
        message = {"error": gettext(error.message, **error.params)}
        emit("error", message)
        return message
    if role in STAFF_ROLES:
        connections().watch_staff(request.sid, identity.session_token(), event["id"])
    join_room(rooms.ROLES[role][0](event["id"]))
    if viewer.attendee_id:
        join_room(rooms.attendee(event["id"], viewer.attendee_id))
    state = snapshot(event, viewer)
    if role in STAFF_ROLES:
        state["messages"] = chair.recent(store(), event)
    emit("snapshot", state)
    return None


def left(*_reason):
    connections().left(request.sid)


def connections():
    return current_app.extensions["live_connections"]


def _admit(data):
    """The event and what this client may see of it, for the role it asks."""
    role = data.get("role", "attendee")
    if role not in rooms.ROLES:
        raise DomainError(N_("Vai trò không hợp lệ."))
    event = events.get(store(), data.get("event") if isinstance(data.get("event"), str) else "")
    if role in STAFF_ROLES and not users.can_moderate(store(), identity.current_user(), event):
        raise DomainError(N_("Bạn không có quyền điều phối sự kiện này."))
    if role == "attendee":  # the hall's view and their own questions
        return event, policy.Viewer(attendee_id=identity.attendee_id(create=False))
    return event, rooms.ROLES[role][1]


def snapshot(event, viewer):
    """The whole state this viewer may see, with the version it is current to."""
    with store().transaction("DEFERRED"):
        event = store().event_by_id(event["id"])
        return {
            "questions": questions.listing(store(), event, viewer),
            "version": event["version"],
            "event": policy.event_view(store(), event),
            "programme": programme.view(store(), event, viewer, identity.zone()),
            "polls": polls.listing(store(), event, viewer),
        }
