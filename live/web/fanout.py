"""One message, one WebSocket frame: a broadcast is framed once and written straight to each idle
WebSocket, instead of through each connection's Engine.IO queue, writer task and its timer, which
cost 50-80 microseconds a phone a message and most of the server's time at 5,000 phones
(bench/README.md, "5,000 phones").

A broadcast to a room lets the hub run others every YIELD_EVERY connections (a vote's request, the
projector's message) instead of holding it for 5,000 writes, and takes its turn: one broadcast at a
time per audience (rooms.ordered_with), so that every connection gets its messages in the order
they were sent. With a message queue (Redis) each process delivers in its listener, whole.

A connection is idle when nothing waits in its queue and no frame is being written to it: then
nothing sent before can come after, and the order of its messages is kept. Otherwise, and for
long-polling connections, the message takes Engine.IO's own way. A frame the socket does not take
at once is finished in the background, holding the connection's send lock, so that whatever
follows waits for it.

permessage-deflate is declined. Every browser offers it, and it would make a frame per connection
(with a zlib state per phone keeping the context, 256 KB each: 1.3 GB at 5,000) or, compressing each
message on its own, still cost 190 MB at 5,000 phones (measured), to save 150 bytes on a `votes`
message of 250.

Relies on internals of python-engineio 4.15 (Socket.queue, .upgraded, .closed, the `_async`
drivers, Server._send_eio_packet of python-socketio 5.18) and eventlet 0.41 (RFC6455WebSocket's
`_sendlock`, `_pack_message`, `socket.fd`), pinned in requirements.txt; tests/test_fanout.py checks
the behaviour it relies on. Only for eventlet, the default (LIVE_ASYNC_MODE).
"""
import collections

import eventlet
import socketio
from engineio.async_drivers import eventlet as engineio_eventlet
from eventlet.patcher import original
from eventlet.semaphore import Semaphore

from . import rooms

PLAIN_SOCKET = original("socket").socket  # the operating system's, whatever eventlet patched
YIELD_EVERY = 200  # about 3 ms of writes


class WebSocket(engineio_eventlet.WebSocketWSGI):
    """Engine.IO's WebSocket for eventlet, which makes each connection's WebSocket known to its
    Engine.IO socket while it is open, and declines compression."""

    def __init__(self, handler, server):
        def handle(websocket):
            connection, plain = handler.__self__, websocket.socket.fd
            if type(plain) is PLAIN_SOCKET:  # not TLS: frames go to the socket as they are
                connection.live_websocket, connection.live_send = websocket, plain.send
            try:
                return handler(websocket)
            finally:
                connection.live_websocket = connection.live_send = None
        super().__init__(handle, server)

    def _negotiate_permessage_deflate(self, extensions):
        return None


def init_app(server):
    """Write python-socketio `server`'s messages to idle WebSockets directly (eventlet only)."""
    engine = server.eio
    if engine.async_mode != "eventlet":
        return
    engine._async = dict(engine._async, websocket=WebSocket)  # a copy: the driver's dict is shared
    queued, turns = server._send_eio_packet, Turns()

    def send(eio_sid, packet):
        if not written(engine.sockets.get(eio_sid), packet):
            queued(eio_sid, packet)
        turns.sent()
    server._send_eio_packet = send
    if type(server.manager) is socketio.Manager:
        server.manager.emit = turns.around(server.manager.emit)


class Turns:
    """One broadcast at a time per audience, each letting the hub run others every YIELD_EVERY
    connections it was sent to."""

    def __init__(self):
        self.turns = collections.defaultdict(Semaphore)
        self.broadcasting = {}  # greenlet -> connections sent to so far in its broadcast

    def around(self, deliver):
        """Manager.emit `deliver`, taking turns for a room's broadcasts (a single sid goes at once)."""
        def emit(event, data, namespace, room=None, **options):
            audience = rooms.ordered_with(room)
            if audience is None:
                return deliver(event, data, namespace, room=room, **options)
            with self.turns[audience]:
                me = eventlet.getcurrent()
                self.broadcasting[me] = 0
                try:
                    return deliver(event, data, namespace, room=room, **options)
                finally:
                    del self.broadcasting[me]
        return emit

    def sent(self):
        me = eventlet.getcurrent()
        if me in self.broadcasting:
            self.broadcasting[me] += 1
            if self.broadcasting[me] % YIELD_EVERY == 0:
                eventlet.sleep(0)


def written(connection, packet):
    """Whether `packet` was written (or is being finished) on `connection`'s idle WebSocket."""
    websocket = getattr(connection, "live_websocket", None)
    if websocket is None or connection.closed or not connection.upgraded or connection.queue.qsize():
        return False
    if not websocket._sendlock.acquire(blocking=False):
        return False
    frame = _frame(packet, websocket)
    try:
        sent = connection.live_send(frame)
    except BlockingIOError:
        sent = 0
    except OSError:  # closing: Engine.IO's own way finds out and cleans up
        websocket._sendlock.release()
        return False
    if sent < len(frame):
        eventlet.spawn_n(_finish, websocket, frame[sent:])
    else:
        websocket._sendlock.release()
    return True


def _finish(websocket, rest):
    try:
        websocket.socket.sendall(rest)
    except OSError:
        pass  # the connection is gone; its reader notices and closes it
    finally:
        websocket._sendlock.release()


def _frame(packet, websocket):
    """The packet's frame, made once per packet (by the first WebSocket it goes to) and kept on it."""
    frame = packet.__dict__.get("live_frame")
    if frame is None:
        frame = packet.live_frame = websocket._pack_message(packet.encode())
    return frame
