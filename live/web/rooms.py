"""Socket.IO rooms: one per event and audience, one per attendee for their own questions, and the
viewer each room's members are, so that the policy decides what each is sent."""
from ..dialogue import policy


def public(event_id):
    return f"event:{event_id}:public"


def moderators(event_id):
    return f"event:{event_id}:moderators"


def screen(event_id):
    return f"event:{event_id}:screen"


def chair(event_id):
    return f"event:{event_id}:chair"


def attendee(event_id, attendee_id):
    return f"event:{event_id}:attendee:{attendee_id}"


# The room each role joins and the viewer its members are, in the order each broadcast reaches
# them; an attendee also joins a room of their own, as the author of their questions (policy.Viewer
# with their attendee id). The projector sees what the public sees but has a room of its own, sent
# first: in the public room it would wait for the frames to 2,000 phones (bench/README.md, polls).
ROLES = {"screen": (screen, policy.PUBLIC), "moderator": (moderators, policy.MODERATOR),
         "chair": (chair, policy.CHAIR), "attendee": (public, policy.PUBLIC)}


def audiences(event_id):
    """Each room following the event, once, with the viewer its members are."""
    found = {}
    for room, viewer in ROLES.values():
        found.setdefault(room(event_id), viewer)
    return list(found.items())


def watchers(event_id):
    """Each room but the phones', with its viewer: the projector and the staff. A coalesced broadcast
    reaches them at once and the phones at the hall's pace (broadcast.py): a message to the phones'
    room costs a frame per phone."""
    return [(room, viewer) for room, viewer in audiences(event_id) if room != public(event_id)]


def hall(event_id):
    """The phones' room, with its viewer."""
    return [(public(event_id), policy.PUBLIC)]


def ordered_with(room):
    """The audience whose messages keep one order with `room`'s: an attendee's own room goes with the
    phones' room they are in, a staff room is its own; None for a single connection (its sid)."""
    parts = room.split(":") if isinstance(room, str) else ()
    if len(parts) < 3 or parts[0] != "event":
        return None
    return public(parts[1]) if parts[2] == "attendee" else room


def following(event_id):
    """The rooms of everyone following the event: what changes for all goes to each."""
    return [room for room, _ in audiences(event_id)]
