"""After a commit, tell each audience what changed, as the visibility rule allows.

Vote counts (per event) and poll results (per poll) are coalesced: a vote after a quiet spell goes out at once,
under load at most one `votes` message per interval carries every changed count,
read fresh from the database (so several server processes agree). The projector and the staff get
them every interval; the phones every interval per LIVE_HALL_BROADCAST_PHONES phones this process
holds (each message to them costs a frame per phone).
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
    for name in ("live_votes", "live_hall_votes"):  # the projector's first
        current_app.extensions[name].changed(event_id, question_id)


def poll_answered(poll_id):
    for name in ("live_poll_results", "live_hall_poll_results"):
        current_app.extensions[name].changed(poll_id, poll_id)


class Coalescer:
    """Changes under one key (an event's votes, a poll's answers) go out at once after a quiet
    spell, under load at most once per interval (times `pace()`), each time with everything changed
    since: `send(key, changed items)`. What is pending in `first` for the key goes out before."""

    def __init__(self, socketio, interval, send, pace=lambda: 1, first=None):
        self.socketio = socketio
        self.interval = interval
        self.send = send
        self.pace = pace
        self.first = first
        self.lock = threading.Lock()
        self.sending = threading.Lock()  # one send at a time: each reads the counts after the last went out
        self.pending = {}
        self.scheduled = set()
        self.last_sent = {}

    def changed(self, key, item):
        with self.lock:
            self.pending.setdefault(key, set()).add(item)
            if key in self.scheduled:
                return
            self.scheduled.add(key)
            wait = self.last_sent.get(key, float("-inf")) + self.interval * self.pace() - time.monotonic()
        if wait <= 0:
            self.flush(key)
        else:
            self.socketio.start_background_task(self._flush_later, key, wait)

    def _flush_later(self, key, wait):
        self.socketio.sleep(wait)
        self.flush(key)

    def flush(self, key):
        if self.first is not None and key in self.first.pending:  # the projector never behind the phones
            self.first.flush(key)
        with self.lock:
            items = self.pending.pop(key, set())
            self.scheduled.discard(key)
            self.last_sent[key] = time.monotonic()
        if items:
            with self.sending:  # a send may yield (Redis, a big hall): a later one would overtake it
                self.send(key, items)


def _send_votes(socketio, store, audience):
    def send(event_id, question_ids):
        counts = {str(qid): count for qid, count in store.vote_counts(sorted(question_ids)).items()}
        for room, _ in audience(event_id):
            socketio.emit("votes", counts, to=room)
    return send


def _send_poll_results(socketio, store, audience):
    """Each room gets the results its viewer may see (policy.sees_results), counted once."""
    def send(poll_id, _):
        poll = store.poll(poll_id)
        found = polls.results(store, poll)
        for room, viewer in audience(poll["event_id"]):
            socketio.emit("poll_results", polls.results_view(store, poll, viewer, found), to=room)
    return send


def hall_pace(app):
    """How many intervals apart the phones' coalesced messages go: 1 up to LIVE_HALL_BROADCAST_PHONES
    phones in this process, then in proportion (5,000 phones and 500: 10, a second apart)."""
    phones = app.config["LIVE_HALL_BROADCAST_PHONES"]
    return lambda: max(1.0, app.extensions["live_connections"].phones / phones) if phones else 1.0


def init_app(app, store):
    from .. import socketio
    interval, pace = app.config["LIVE_VOTE_BROADCAST_INTERVAL"], hall_pace(app)
    for name, send in (("votes", _send_votes), ("poll_results", _send_poll_results)):
        watchers = Coalescer(socketio, interval, send(socketio, store, rooms.watchers))
        app.extensions[f"live_{name}"] = watchers
        app.extensions[f"live_hall_{name}"] = Coalescer(socketio, interval, send(socketio, store, rooms.hall), pace,
                                                        first=watchers)
