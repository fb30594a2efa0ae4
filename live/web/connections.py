"""The Socket.IO connections of this process: what each has joined, and for staff the session it
joined with. A join that changes nothing sends nothing (each join costs a whole snapshot), and a
staff connection is dropped as soon as its session ends or its account may no longer moderate the
event: it would otherwise go on receiving the moderators' feed after logging out."""
import threading

from flask_babel import gettext

from ..dialogue import users
from ..errors import DomainError, N_

# A page joins once per connection; the four roles of one event are the most any client needs.
JOINS_PER_CONNECTION = 4
# Sessions also end in other processes and from the command line: each process checks its own
# staff connections this often (a handful of rows, one query) while it has any.
RECHECK_SECONDS = 1.0


class Connections:
    def __init__(self, app, socketio):
        self.app = app
        self.socketio = socketio
        self.joined = {}  # sid -> {(event id, role)}
        self.phones = 0  # connections joined as an attendee (of any event): what a broadcast fans out to
        self.staff = {}  # sid -> (session token, event id, what to tell it when its session ends)
        self.lock = threading.Lock()
        self.watching = False

    def join(self, sid, event_id, role):
        """Record a join: False when this connection has already joined so (nothing to send again)."""
        with self.lock:
            done = self.joined.setdefault(sid, set())
            if (event_id, role) in done:
                return False
            if len(done) >= JOINS_PER_CONNECTION:
                raise DomainError(N_("Kết nối này đã tham gia quá nhiều lần. Hãy tải lại trang."))
            if role == "attendee" and not any(joined == "attendee" for _, joined in done):
                self.phones += 1
            done.add((event_id, role))
            return True

    def watch_staff(self, sid, token, event_id):
        """A staff connection (in its join's request context): kept only while its session lives and
        its account may moderate. The farewell is translated now, in the connection's language."""
        farewell = {"error": gettext("Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.")}
        with self.lock:
            self.staff[sid] = (token, event_id, farewell)
            start, self.watching = not self.watching, True
        if start:
            self.socketio.start_background_task(self._watch)

    def left(self, sid):
        with self.lock:
            if any(role == "attendee" for _, role in self.joined.pop(sid, ())):
                self.phones -= 1
            self.staff.pop(sid, None)

    def recheck(self):
        """Drop the staff connections whose session has ended or whose account may no longer moderate
        the event they joined (in an app context)."""
        with self.lock:
            staff = dict(self.staff)
        if not staff:
            return
        store = self.app.extensions["live_store"]
        live = users.session_users(store, {token for token, _, _ in staff.values()})
        events = {event_id: store.event_by_id(event_id) for event_id in {e for _, e, _ in staff.values()}}
        for sid, (token, event_id, farewell) in staff.items():
            if not users.can_moderate(store, live.get(token), events[event_id]):
                self._drop(sid, farewell)

    def _drop(self, sid, farewell):
        self.socketio.server.emit("error", farewell, to=sid, ignore_queue=True)
        self.socketio.server.disconnect(sid, ignore_queue=True)
        self.left(sid)

    def _watch(self):
        while True:
            self.socketio.sleep(RECHECK_SECONDS)
            with self.lock:
                if not self.staff:
                    self.watching = False
                    return
            with self.app.app_context():
                self.recheck()


def init_app(app, socketio):
    app.extensions["live_connections"] = Connections(app, socketio)
