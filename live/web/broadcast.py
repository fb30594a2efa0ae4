"""After a commit, tell each audience what changed, as the visibility rule allows.

Vote counts are coalesced per event: a vote after a quiet spell goes out at once,
under load at most one `votes` message per interval carries every changed count,
read fresh from the database (so several server processes agree).
"""
import threading
import time

from flask import current_app

from ..dialogue import policy, questions
from . import rooms


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


def vote_changed(event_id, question_id):
    current_app.extensions["live_votes"].changed(event_id, question_id)


class VoteBroadcaster:
    def __init__(self, socketio, store, interval):
        self.socketio = socketio
        self.store = store
        self.interval = interval
        self.lock = threading.Lock()
        self.pending = {}
        self.scheduled = set()
        self.last_sent = {}

    def changed(self, event_id, question_id):
        with self.lock:
            self.pending.setdefault(event_id, set()).add(question_id)
            if event_id in self.scheduled:
                return
            self.scheduled.add(event_id)
            wait = self.last_sent.get(event_id, float("-inf")) + self.interval - time.monotonic()
        if wait <= 0:
            self.flush(event_id)
        else:
            self.socketio.start_background_task(self._flush_later, event_id, wait)

    def _flush_later(self, event_id, wait):
        self.socketio.sleep(wait)
        self.flush(event_id)

    def flush(self, event_id):
        with self.lock:
            ids = self.pending.pop(event_id, set())
            self.scheduled.discard(event_id)
            self.last_sent[event_id] = time.monotonic()
        if ids:
            counts = {str(qid): count for qid, count in self.store.vote_counts(sorted(ids)).items()}
            for room in rooms.following(event_id):
                self.socketio.emit("votes", counts, to=room)


def init_app(app, store):
    from .. import socketio
    app.extensions["live_votes"] = VoteBroadcaster(socketio, store, app.config["LIVE_VOTE_BROADCAST_INTERVAL"])
