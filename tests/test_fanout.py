"""A broadcast written straight to idle WebSockets (live/web/fanout.py), on eventlet's own WebSocket
and Engine.IO's own socket over a real socket pair: what it relies on of both libraries, pinned."""
import json
import os
import socket
import subprocess
import sys
import time

import engineio
import eventlet
import pytest
from engineio import packet as eio_packet
from engineio import socket as eio_socket
from eventlet.green import socket as green_socket
from eventlet.websocket import RFC6455WebSocket

from live.web import fanout

from .support import ADMIN_PASSWORD, ROOT, free_port

DEADLINE = 5.0


@pytest.fixture
def engine():
    return engineio.Server(async_mode="eventlet")


@pytest.fixture
def pair():
    """A connected server socket (green) and the phone's end (plain, non-blocking)."""
    server, phone = green_socket.socketpair()
    phone.fd.setblocking(False)
    yield server, phone.fd
    server.close()
    phone.close()


def connection_on(engine, server_end):
    """An upgraded Engine.IO socket whose WebSocket is `server_end`, as fanout.WebSocket leaves it."""
    connection = eio_socket.Socket(engine, "sid")
    connection.upgraded = True
    connection.live_websocket = RFC6455WebSocket(server_end, {})
    connection.live_send = server_end.fd.send
    return connection


def message(text):
    return eio_packet.Packet(eio_packet.MESSAGE, data=text)


def read(phone, size):
    """Up to `size` bytes from the phone's end, running eventlet's hub meanwhile (bounded)."""
    got = b""
    deadline = time.monotonic() + DEADLINE
    while len(got) < size and time.monotonic() < deadline:
        try:
            got += phone.recv(size - len(got))
        except BlockingIOError:
            eventlet.sleep(0.001)
    return got


def unframe(frame):
    """The payload of one unmasked, uncompressed server frame."""
    length, at = frame[1] & 127, 2
    if length == 126:
        length, at = int.from_bytes(frame[2:4], "big"), 4
    elif length == 127:
        length, at = int.from_bytes(frame[2:10], "big"), 10
    assert len(frame) == at + length
    assert not frame[0] & 0x40
    return frame[at:]


def test_an_idle_websocket_gets_the_frame_directly_and_its_queue_stays_empty(engine, pair):
    server_end, phone = pair
    connection = connection_on(engine, server_end)
    text = '2["votes",{"12":3}]'
    assert fanout.written(connection, message(text))
    expected = RFC6455WebSocket(server_end, {})._pack_message("4" + text)
    assert read(phone, len(expected)) == expected
    assert connection.queue.qsize() == 0
    assert not connection.live_websocket._sendlock.locked()


def test_a_connection_with_packets_waiting_takes_the_queued_way_to_keep_their_order(engine, pair):
    connection = connection_on(engine, pair[0])
    connection.queue.put(message("earlier"))
    assert not fanout.written(connection, message("later"))


def test_a_connection_being_written_to_takes_the_queued_way(engine, pair):
    connection = connection_on(engine, pair[0])
    connection.live_websocket._sendlock.acquire()
    assert not fanout.written(connection, message("later"))


@pytest.mark.parametrize("state", ["polling", "closed"])
def test_long_polling_and_closed_connections_take_engine_ios_way(engine, pair, state):
    connection = connection_on(engine, pair[0])
    if state == "polling":
        connection.upgraded = False
    else:
        connection.closed = True
    assert not fanout.written(connection, message("x"))


def test_a_frame_the_socket_does_not_take_at_once_is_finished_in_order_before_anything_after(engine, pair):
    server_end, phone = pair
    server_end.fd.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    connection = connection_on(engine, server_end)
    big = "x" * 1_000_000
    assert fanout.written(connection, message(big))
    assert connection.live_websocket._sendlock.locked()  # being finished: what follows waits
    assert not fanout.written(connection, message("after"))
    payload = unframe(read(phone, 10 + 1 + len(big)))
    assert payload == ("4" + big).encode()
    eventlet.sleep(0)
    assert not connection.live_websocket._sendlock.locked()
    assert fanout.written(connection, message("after"))


def test_a_gone_phone_is_left_to_engine_io_and_the_lock_is_free(engine, pair):
    server_end, phone = pair
    phone.close()
    connection = connection_on(engine, server_end)
    assert not fanout.written(connection, message("x" * 300_000))
    assert not connection.live_websocket._sendlock.locked()


def test_the_server_declines_compression_whatever_the_phone_offers():
    websocket = fanout.WebSocket(lambda ws: None, engineio.Server(async_mode="eventlet"))
    assert websocket._negotiate_permessage_deflate({"permessage-deflate": [{"client_max_window_bits": True}]}) is None


def test_one_frame_is_made_per_message_whatever_the_number_of_phones(engine):
    packet = message('2["votes",{"12":3}]')
    pairs = [green_socket.socketpair() for _ in range(3)]
    try:
        for server_end, phone in pairs:
            assert fanout.written(connection_on(engine, server_end), packet)
        for _, phone in pairs:
            phone.fd.setblocking(False)
            assert read(phone.fd, len(packet.live_frame)) == packet.live_frame
    finally:
        for ends in pairs:
            for end in ends:
                end.close()


@pytest.mark.slow  # a real server in a process of its own
def test_the_real_server_writes_a_message_straight_to_a_phones_websocket(tmp_path):
    """run.py's own listener and eventlet's patched sockets: the WebSocket a phone joins on is one
    the fan-out writes to, and what it writes arrives."""
    environment = {**{key: value for key, value in os.environ.items() if not key.startswith("LIVE_")},
                   "LIVE_ADMIN_PASSWORD": ADMIN_PASSWORD, "LIVE_SECRET_KEY": "test-secret"}
    done = subprocess.run([sys.executable, "-m", "tests.fanout_probe", str(free_port()), str(tmp_path / "live.db")],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["votes"] == {"1": 7}
    assert report["after"].get("direct", 0) == report["before"].get("direct", 0) + 1
    assert report["after"].get("queued", 0) == report["before"].get("queued", 0)


def test_broadcasts_take_turns_per_audience_and_let_the_others_run_meanwhile():
    turns, log = fanout.Turns(), []

    def deliver(event, data, namespace, room=None, **options):
        for _ in range(3 * fanout.YIELD_EVERY):
            log.append(room)
            turns.sent()
    emit = turns.around(deliver)
    hall, own, screen = "event:1:public", "event:1:attendee:7", "event:1:screen"
    threads = [eventlet.spawn(emit, "votes", {}, "/", room=room) for room in (hall, own, screen)]
    for thread in threads:
        thread.wait()
    each = 3 * fanout.YIELD_EVERY
    assert [room for room in log if room in (hall, own)] == [hall] * each + [own] * each  # one after the other

    assert log.index(screen) < log.index(own) and log[-1] != screen  # the projector's ran in between
    assert not turns.broadcasting


def test_a_message_to_one_connection_goes_at_once_without_a_turn():
    turns = fanout.Turns()
    seen = []
    emit = turns.around(lambda event, data, namespace, room=None, **options: seen.append(turns.broadcasting.copy()))
    emit("snapshot", {}, "/", room="Xk3sid")
    assert seen == [{}]


@pytest.mark.parametrize("room, audience", [("event:3:public", "event:3:public"),
                                            ("event:3:attendee:12", "event:3:public"),
                                            ("event:3:screen", "event:3:screen"),
                                            ("event:3:moderators", "event:3:moderators"),
                                            ("0rI8sid", None), (None, None)])
def test_which_audience_a_room_keeps_its_order_with(room, audience):
    from live.web import rooms
    assert rooms.ordered_with(room) == audience
