"""After a commit, tell each audience what changed, as the visibility rule allows.

Vote counts (per event) and poll results (per poll) are coalesced: a vote after a quiet spell goes out at once,
under load at most one `votes` message per interval carries every changed count,
read fresh from the database (so several server processes agree).
"""
import threading
import time

from flask import current_app

from ..dialogue import policy, polls, programme, questions
from . import identity, rooms


def audiences(question):
    """Each room following the question's event with the viewer its members are, and its author's."""
    found = rooms.audiences(question["event_id"])
    if question["attendee_id"]:
        author = policy.Viewer(attendee_id=question["attendee_id"])
        found.append((rooms.attendee(question["event_id"], question["attendee_id"]), author))
    return found


def question_changes(changes):
    """Send each changed question to the rooms whose viewer the policy shows it to, alone
    (policy.shown_alone); a room that was shown it and no longer is gets `question_removed`.
    A change to a merged question changes what is shown under its head: the head goes out again."""
    from .. import socketio
    store = current_app.extensions["live_store"]
    for before, after in changes + _heads_of_merged(store, changes):
        for room, viewer in audiences(after):
            if policy.shown_alone(after, viewer):
                socketio.emit("question", _broadcast_view(store, after, viewer), to=room)
            elif before is not None and policy.shown_alone(before, viewer):
                socketio.emit("question_removed", {"id": after["id"], "version": after["version"]}, to=room)


def _heads_of_merged(store, changes):
    """The heads of the changed merged questions that are not among the changes, as unchanged."""
    changed = {after["id"] for _, after in changes}
    heads = {after["merged_into"] for _, after in changes if after["merged_into"]} - changed
    return [questions.Change(head, head) for head in map(store.question, sorted(heads))]


def _broadcast_view(store, question, viewer):
    data = questions.present(store, question, viewer)
    if not viewer.moderator:
        del data["voted"]  # per person: each client keeps its own
    return data


def event_changed(event):
    """The organizers changed the event (its phase, publication, title): to everyone following it."""
    from .. import socketio
    view = policy.event_view(current_app.extensions["live_store"], event)
    for room in rooms.following(event["id"]):
        socketio.emit("event", view, to=room)


def chair_message(event_id, message):
    """A message to the Chair, or the Chair's tap that read it: to the Chair and the moderators."""
    from .. import socketio
    for room in (rooms.chair(event_id), rooms.moderators(event_id)):
        socketio.emit("chair_message", message, to=room)


def programme_changed(event):
    """The programme moved on or was edited: its view to each room, and the event (what a phone may
    do depends on the running item)."""
    from .. import socketio
    store = current_app.extensions["live_store"]
    for room, viewer in rooms.audiences(event["id"]):
        socketio.emit("programme", programme.view(store, event, viewer, identity.zone()), to=room)
    event_changed(event)


def poll_changed(poll):
    """A poll was created, edited, opened, closed or revealed: to each room as the policy shows it."""
    from .. import socketio
    store = current_app.extensions["live_store"]
    for room, viewer in rooms.audiences(poll["event_id"]):
        if policy.can_see_poll(poll, viewer):
            socketio.emit("poll", polls.view(store, poll, viewer), to=room)


def vote_changed(event_id, question_id):
    current_app.extensions["live_votes"].changed(event_id, question_id)


def poll_answered(poll_id):
    current_app.extensions["live_poll_results"].changed(poll_id, poll_id)


class Coalescer:
    """Changes under one key (an event's votes, a poll's answers) go out at once after a quiet
    spell, under load at most once per interval, each time with everything changed since:
    `send(key, changed items)`."""

    def __init__(self, socketio, interval, send):
        self.socketio = socketio
        self.interval = interval
        self.send = send
        self.lock = threading.Lock()
        self.pending = {}
        self.scheduled = set()
        self.last_sent = {}

    def changed(self, key, item):
        with self.lock:
            self.pending.setdefault(key, set()).add(item)
            if key in self.scheduled:
                return
            self.scheduled.add(key)
            wait = self.last_sent.get(key, float("-inf")) + self.interval - time.monotonic()
        if wait <= 0:
            self.flush(key)
        else:
            self.socketio.start_background_task(self._flush_later, key, wait)

    def _flush_later(self, key, wait):
        self.socketio.sleep(wait)
        self.flush(key)

    def flush(self, key):
        with self.lock:
            items = self.pending.pop(key, set())
            self.scheduled.discard(key)
            self.last_sent[key] = time.monotonic()
        if items:
            self.send(key, items)


def _send_votes(socketio, store):
    def send(event_id, question_ids):
        counts = {str(qid): count for qid, count in store.vote_counts(sorted(question_ids)).items()}
        for room in rooms.following(event_id):
            socketio.emit("votes", counts, to=room)
    return send


def _send_poll_results(socketio, store):
    """Each room gets the results its viewer may see (policy.sees_results), counted once."""
    def send(poll_id, _):
        poll = store.poll(poll_id)
        found = polls.results(store, poll)
        for room, viewer in rooms.audiences(poll["event_id"]):
            socketio.emit("poll_results", polls.results_view(store, poll, viewer, found), to=room)
    return send


def init_app(app, store):
    from .. import socketio
    interval = app.config["LIVE_VOTE_BROADCAST_INTERVAL"]
    app.extensions["live_votes"] = Coalescer(socketio, interval, _send_votes(socketio, store))
    app.extensions["live_poll_results"] = Coalescer(socketio, interval, _send_poll_results(socketio, store))
