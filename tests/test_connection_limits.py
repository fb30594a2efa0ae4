"""No client can hold the real server's connections (run.py on eventlet, small limits configured):
a request head must arrive within LIVE_HEADER_TIMEOUT however slowly it trickles, an address holds
at most LIVE_MAX_CONNECTIONS_PER_ADDRESS connections, and meanwhile /healthz answers another
address within 1 s; WebSockets, long polls and kept-alive connections that do their work live on."""
import socket
import time

import pytest
import requests
import socketio

from .support import ADMIN_PASSWORD, Server

pytestmark = pytest.mark.slow  # a real server, and waits past its header timeout

CAP = 20
HEAD_SECONDS = 2
OTHER_ADDRESS = "127.0.0.2"  # loopback too: a second client address on this machine


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = Server(tmp_path_factory.mktemp("limits") / "live.db",
                     env={"LIVE_MAX_CONNECTIONS_PER_ADDRESS": str(CAP), "LIVE_HEADER_TIMEOUT": str(HEAD_SECONDS)})
    yield process
    process.stop()


def connect(server, source="127.0.0.1"):
    conn = socket.create_connection(("127.0.0.1", server.port), timeout=10, source_address=(source, 0))
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # close = RST
    return conn


def answer(conn, path="/healthz"):
    """Send a whole GET; the first bytes of the answer, b"" when the server closed the connection."""
    try:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: hall\r\n\r\n".encode())
        return conn.recv(64)
    except (ConnectionResetError, BrokenPipeError):
        return b""


def healthz_from(server, source):
    """The status line of /healthz asked from `source`, and how long it took."""
    started = time.monotonic()
    with connect(server, source) as conn:
        first = answer(conn)
    return first.split(b"\r\n")[0], time.monotonic() - started


def closed_by_server(conn, trickle=None, within=15.0):
    """Seconds until the server closes `conn`, sending `trickle` every 0.3 s meanwhile; None if it
    is still open after `within` seconds."""
    started = time.monotonic()
    conn.settimeout(0.3)
    while time.monotonic() - started < within:
        try:
            if trickle:
                conn.sendall(trickle)
            if conn.recv(1024) == b"":
                return time.monotonic() - started
        except socket.timeout:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return time.monotonic() - started
    return None


def test_a_slowloris_connection_is_closed_after_the_header_timeout(server):
    conn = connect(server)
    try:
        conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: hall\r\n")
        seconds = closed_by_server(conn, trickle=b"X-Slow: 1\r\n")  # a header line every 0.3 s, forever
    finally:
        conn.close()
    assert seconds is not None, "a trickling request head kept its connection open"
    assert HEAD_SECONDS - 0.5 < seconds < HEAD_SECONDS + 3


def test_an_idle_connection_is_closed_after_the_header_timeout(server):
    conn = connect(server)
    try:
        seconds = closed_by_server(conn)
    finally:
        conn.close()
    assert seconds is not None and seconds < HEAD_SECONDS + 3


def test_one_address_gets_at_most_the_cap_while_another_is_served_within_a_second(server):
    held = [connect(server) for _ in range(CAP)]  # half-sent requests, as the attack held them
    try:
        for conn in held:
            conn.sendall(b"GET /healthz HTTP/1.1\r\n")
        with connect(server) as refused:
            assert answer(refused) == b""
        status, seconds = healthz_from(server, OTHER_ADDRESS)
        assert status == b"HTTP/1.1 200 OK" and seconds < 1.0
    finally:
        for conn in held:
            conn.close()
    # the places are given back: the first address is served again
    deadline = time.monotonic() + 5
    while healthz_from(server, "127.0.0.1")[0] != b"HTTP/1.1 200 OK":
        assert time.monotonic() < deadline, "the closed connections kept their places"
        time.sleep(0.1)


def test_a_kept_alive_connection_serves_requests_until_it_idles(server):
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(server.url + "/healthz", timeout=5).json() == {"status": "ok"}
            time.sleep(HEAD_SECONDS / 4)


@pytest.mark.parametrize("transports", [["websocket"], ["polling"]])
def test_live_connections_outlast_the_header_timeout(server, transports):
    """A WebSocket or a long-polling client is idle for longer than the head's deadline between
    messages: it stays connected and still gets what changes."""
    received = []
    client = socketio.Client(reconnection=False)
    client.on("question", received.append)
    client.on("snapshot", lambda data: received.append("snapshot"))
    client.connect(server.url, transports=transports, wait_timeout=10)
    try:
        client.emit("join", {"event": "demo", "role": "screen"})
        time.sleep(HEAD_SECONDS * 2.5)
        assert client.connected and received == ["snapshot"]
        staff = requests.Session()
        assert staff.post(server.url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                          timeout=5).status_code == 200
        question = staff.post(server.url + "/api/v1/events/demo/questions",
                              json={"text": "Câu hỏi sau một hồi im lặng", "channel": "moderator"}, timeout=5).json()
        deadline = time.monotonic() + 5
        while not any(isinstance(m, dict) and m["id"] == question["id"] for m in received):
            assert time.monotonic() < deadline, f"nothing reached the {transports[0]} client: {received}"
            time.sleep(0.05)
        assert client.connected
    finally:
        client.disconnect()
