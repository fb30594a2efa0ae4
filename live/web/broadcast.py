"""After a commit, tell each audience what changed, as the visibility rule allows.

Vote counts are coalesced per event: a vote after a quiet spell goes out at once,
under load at most one `votes` message per interval carries every changed count,
read fresh from the database (so several server processes agree).
"""
import threading
import time

from flask import current_app

from ..dialogue import events, questions
from ..dialogue.questions import Viewer
from . import rooms

PUBLIC = Viewer()


def question_changes(changes):
    """Send each changed question to the rooms that may see it: public first, the author last.
    A change to a merged question changes what is shown under its head: the head goes out again."""
    from .. import socketio
    store = current_app.extensions["live_store"]
    for before, after in changes + _heads_of_merged(store, changes):
        event_id = after["event_id"]
        socketio.emit("question", questions.staff_view(store, after), to=rooms.moderators(event_id))
        if questions.is_public(after):
            socketio.emit("question", _broadcast_view(store, after, PUBLIC), to=rooms.public(event_id))
        elif before is not None and questions.is_public(before):
            socketio.emit("question_removed", {"id": after["id"], "version": after["version"]},
                          to=rooms.public(event_id))
        if after["attendee_id"]:
            author = Viewer(attendee_id=after["attendee_id"])
            socketio.emit("question", _broadcast_view(store, after, author),
                          to=rooms.attendee(event_id, after["attendee_id"]))


def _heads_of_merged(store, changes):
    """The heads of the changed merged questions that are not among the changes, as unchanged."""
    changed = {after["id"] for _, after in changes}
    heads = {after["merged_into"] for _, after in changes if after["merged_into"]} - changed
    return [questions.Change(head, head) for head in map(store.question, sorted(heads))]


def _broadcast_view(store, question, viewer):
    data = questions.present(store, question, viewer)
    del data["voted"]  # per person: each client keeps its own
    return data


def event_changed(event):
    """The organizers changed the event (its phase, publication, title): to everyone following it."""
    from .. import socketio
    view = events.public_view(current_app.extensions["live_store"], event)
    for room in (rooms.public(event["id"]), rooms.moderators(event["id"])):
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
            for room in (rooms.public(event_id), rooms.moderators(event_id)):
                self.socketio.emit("votes", counts, to=room)


def init_app(app, store):
    from .. import socketio
    app.extensions["live_votes"] = VoteBroadcaster(socketio, store, app.config["LIVE_VOTE_BROADCAST_INTERVAL"])
