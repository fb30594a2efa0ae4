"""The programme of the day and its live polls in the JSON API (/api/v1, docs/api.md). Routes parse,
ask the domain, broadcast, answer."""
from flask import Blueprint

from ..dialogue import events, policy, polls, programme, questions
from . import broadcast, identity
from .api import body
from .identity import store
from .permissions import moderator_of_event, organizer_required

bp = Blueprint("programme_api", __name__, url_prefix="/api/v1")


def programme_view(event, viewer=None):
    event = store().event_by_id(event["id"])
    return programme.view(store(), event, viewer or identity.viewer(event, create_attendee=False), identity.zone())


def _changed(event):
    """Tell every screen, then answer with the programme as the caller sees it."""
    broadcast.programme_changed(event)
    return programme_view(event)


@bp.get("/events/<code>/programme")
def get_programme(code):
    return programme_view(events.get(store(), code))


@bp.post("/events/<code>/programme/items")
@organizer_required
def add_item(event):
    data = body()
    event = programme.add(store(), identity.actor(), event, data, data.get("version"), data.get("position"))
    return _changed(event), 201


@bp.patch("/programme/<id:item_id>")
@organizer_required
def edit_item(item_id, event):
    data = body()
    changes = {key: value for key, value in data.items() if key != "version"}
    return _changed(programme.edit(store(), identity.actor(), event, item_id, changes, data.get("version")))


@bp.delete("/programme/<id:item_id>")
@organizer_required
def delete_item(item_id, event):
    return _changed(programme.delete(store(), identity.actor(), event, item_id, body().get("version")))


@bp.post("/programme/<id:item_id>/duplicate")
@organizer_required
def duplicate_item(item_id, event):
    return _changed(programme.duplicate(store(), identity.actor(), event, item_id, body().get("version"))), 201


@bp.put("/events/<code>/programme/order")
@organizer_required
def reorder(event):
    data = body()
    return _changed(programme.reorder(store(), identity.actor(), event, data.get("order"), data.get("version")))


@bp.post("/events/<code>/programme/advance")
@moderator_of_event
def advance(event):
    """Start the next item, the one before, any item, or end the programme (one tap)."""
    data = body()
    event, opened = programme.advance(store(), identity.actor(), event, data.get("to"), data.get("version"))
    if opened:
        broadcast.poll_changed(opened)
    return _changed(event)


# ---------------------------------------------------------------------------------------- polls

def _poll_changed(poll):
    broadcast.poll_changed(poll)
    return polls.view(store(), poll, policy.MODERATOR)


@bp.get("/events/<code>/polls")
def list_polls(code):
    event = events.get(store(), code)
    return {"polls": polls.listing(store(), event, identity.viewer(event))}


@bp.post("/events/<code>/polls")
@moderator_of_event
def create_poll(event):
    """A poll prepared for the programme, or launched now (`"open": true`)."""
    return _poll_changed(polls.create(store(), identity.actor(), event, body())), 201


@bp.patch("/polls/<id:poll_id>")
@moderator_of_event
def edit_poll(poll_id, event):
    return _poll_changed(polls.edit(store(), identity.actor(), poll_id, event, body()))


@bp.post("/polls/<id:poll_id>/open")
@moderator_of_event
def open_poll(poll_id, event):
    """Open a draft poll, or reopen a closed one."""
    return _poll_changed(polls.move(store(), identity.actor(), poll_id, event, "open"))


@bp.post("/polls/<id:poll_id>/close")
@moderator_of_event
def close_poll(poll_id, event):
    return _poll_changed(polls.move(store(), identity.actor(), poll_id, event, "close"))


@bp.post("/polls/<id:poll_id>/reveal")
@moderator_of_event
def reveal_poll(poll_id, event):
    """Show the results to phones and the projector; `"revealed": false` hides them again."""
    revealed = body().get("revealed", True)
    return _poll_changed(polls.reveal(store(), identity.actor(), poll_id, event, revealed is not False))


@bp.post("/polls/<id:poll_id>/answer")
def answer_poll(poll_id):
    """An attendee's answer: one per attendee, changed while the poll is open."""
    data = body()
    poll, changed = polls.answer(store(), poll_id, identity.attendee_id(), data.get("choices"),
                                 questions.about_sender(data))
    if changed:
        broadcast.poll_answered(poll["id"])
    return {"poll": poll["id"], "choices": store().poll_choices(poll["id"], identity.attendee_id()),
            "changed": changed}


@bp.get("/polls/<id:poll_id>/results")
def poll_results(poll_id):
    poll = polls.get(store(), poll_id)
    viewer = identity.viewer(store().event_by_id(poll["event_id"]))
    return polls.results_view(store(), polls.seen(poll, viewer), viewer)
