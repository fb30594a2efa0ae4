"""Scale-out on an existing engine: two REAL server processes on one SQLite file share broadcasts
through a REAL Redis (Flask-SocketIO's message queue, LIVE_MESSAGE_QUEUE). A vote sent to
process A reaches a screen connected to process B, and coalescing still holds across them.

Redis is Debian's redis-server, started here on a free loopback port with no persistence and
stopped by its PID. `make test` installs it (system-deps) when it is missing; without it this
test fails, it does not skip."""
import shutil
import socket
import sqlite3
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from .support import ADMIN_PASSWORD, Server, free_port, wait_until

pytestmark = pytest.mark.slow  # two real servers and redis-server

REDIS_SERVER = "/usr/bin/redis-server"
BURST = 60  # votes from as many attendees, sent to process A as fast as it takes them
TIMEOUT = 10.0


def redis_binary():
    found = REDIS_SERVER if shutil.which(REDIS_SERVER) else shutil.which("redis-server")
    if not found:
        pytest.fail("redis-server is missing: the scale-out test needs a real Redis. Install Debian's "
                    "package (apt-get install redis-server); `make test` does it in its system-deps step.")
    return found


def redis_answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_url(tmp_path):
    port = free_port()
    log = open(tmp_path / "redis.log", "w")
    process = subprocess.Popen([redis_binary(), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: process.poll() is None and redis_answers(port), timeout=10)
    except AssertionError:
        process.kill()
        process.wait(timeout=10)
        log.close()
        pytest.fail(f"redis-server did not start:\n{(tmp_path / 'redis.log').read_text()}")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()  # by its PID, the one we started
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log.close()


@pytest.fixture
def two_servers(tmp_path, redis_url):
    """Processes A and B on one database and one secret, started together as a service manager
    would: both migrate and run --demo on the same file at once."""
    env = {"LIVE_MESSAGE_QUEUE": redis_url}
    db = tmp_path / "live.db"
    with ThreadPoolExecutor(2) as pool:
        started = [pool.submit(Server, db, env=env) for _ in range(2)]
        servers = []
        errors = []
        for future in started:
            try:
                servers.append(future.result(timeout=60))
            except Exception as error:  # noqa: BLE001 - stop the other one, then fail
                errors.append(error)
    if errors:
        for server in servers:
            server.stop()
        raise errors[0]
    yield servers
    for server in servers:
        server.stop()


class Screen:
    """A python-socketio client on a projector's role, recording what it is sent."""

    def __init__(self, url):
        self.votes, self.questions, self.snapshots = [], [], []
        self.lock = threading.Lock()
        self.client = socketio.Client(reconnection=False)
        self.client.on("snapshot", self._keep(self.snapshots))
        self.client.on("votes", self._keep(self.votes))
        self.client.on("question", self._keep(self.questions))
        self.client.connect(url, wait_timeout=TIMEOUT)
        self.client.emit("join", {"event": "demo", "role": "screen"})
        wait_until(lambda: self.snapshots, timeout=TIMEOUT)

    def _keep(self, into):
        def keep(data):
            with self.lock:
                into.append(data)
        return keep

    def counts_of(self, question_id):
        with self.lock:
            return [message[str(question_id)] for message in self.votes if str(question_id) in message]

    def close(self):
        if self.client.connected:
            self.client.disconnect()


def staff(server):
    session = requests.Session()
    answer = session.post(server.url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                          timeout=5)
    assert answer.status_code == 200, answer.text
    return session


def vote(server, question_id):
    """One vote from a new attendee (a fresh cookie), sent to `server`; returns the count it answered."""
    answer = requests.post(f"{server.url}/api/v1/questions/{question_id}/vote", timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()["votes"]


def test_a_vote_on_process_a_reaches_a_screen_on_process_b_coalesced(two_servers):
    a, b = two_servers
    screen = Screen(b.url)
    try:
        desk = staff(a)
        question = desk.post(a.url + "/api/v1/events/demo/questions",
                             json={"text": "Câu hỏi đi qua hai tiến trình và Redis?"}, timeout=5).json()
        assert desk.post(f"{a.url}/api/v1/questions/{question['id']}/approve", json={}, timeout=5).ok
        # the approval, made on A, is broadcast by B to its screen
        wait_until(lambda: any(q["id"] == question["id"] and q["status"] == "approved"
                               for q in list(screen.questions)), timeout=TIMEOUT)

        # one vote on A: B's screen shows it
        started = time.monotonic()
        assert vote(a, question["id"]) == 1
        wait_until(lambda: 1 in screen.counts_of(question["id"]), timeout=TIMEOUT)
        print(f"\nvote on A -> screen on B: {(time.monotonic() - started) * 1000:.0f} ms")

        # a burst on A: far fewer `votes` messages than votes reach B, the last with the exact count
        before = len(screen.counts_of(question["id"]))
        with ThreadPoolExecutor(10) as pool:
            answered = list(pool.map(lambda _: vote(a, question["id"]), range(BURST)))
        final = 1 + BURST
        assert max(answered) == final and sorted(answered) == list(range(2, final + 1))
        wait_until(lambda: screen.counts_of(question["id"])[-1:] == [final], timeout=TIMEOUT)
        time.sleep(0.5)  # nothing more is coming: any late message would show below
        burst = screen.counts_of(question["id"])[before:]
        print(f"{BURST} votes on A -> {len(burst)} `votes` messages on B: {burst}")
        assert burst[-1] == final
        assert len(burst) <= BURST // 4, f"not coalesced: {len(burst)} messages for {BURST} votes"
        assert burst == sorted(burst), "counts went backwards"

        # votes on both processes write one database: B's screen ends with the true count
        assert vote(b, question["id"]) == final + 1
        assert vote(a, question["id"]) == final + 2
        wait_until(lambda: screen.counts_of(question["id"])[-1:] == [final + 2], timeout=TIMEOUT)
        listed = requests.get(b.url + "/api/v1/events/demo/questions", timeout=5).json()["questions"]
        assert {q["id"]: q["votes"] for q in listed}[question["id"]] == final + 2
    finally:
        screen.close()


def test_both_processes_serve_the_one_demo_event(two_servers):
    """Started together on one file, the two processes made one demo event and one admin."""
    a, b = two_servers
    first = requests.get(a.url + "/api/v1/events/demo", timeout=5).json()
    second = requests.get(b.url + "/api/v1/events/demo", timeout=5).json()
    assert first["code"] == second["code"] == "demo" and first["topics"] == second["topics"]
    assert staff(b).get(b.url + "/api/v1/me", timeout=5).json()["user"]["username"] == "admin"
    with sqlite3.connect(f"file:{a.db_path}?mode=ro", uri=True) as db:
        assert db.execute("SELECT COUNT(*) FROM event WHERE code = 'demo'").fetchone() == (1,)
        assert db.execute("SELECT COUNT(*) FROM user WHERE username = 'admin'").fetchone() == (1,)


def test_logging_out_on_process_a_drops_the_moderator_console_on_process_b(two_servers):
    """The session ends on A; B notices at its next recheck and drops the console it holds."""
    a, b = two_servers
    tablet, laptop = staff(a), staff(a)
    dropped, pending = threading.Event(), []
    console = socketio.Client(reconnection=False)
    console.on("error", lambda data: "Phiên đăng nhập đã kết thúc" in data["error"] and dropped.set())
    console.on("question", lambda data: pending.append(data["text"]))
    console.on("snapshot", lambda data: pending.append("snapshot"))
    cookie = f"live_session={tablet.cookies['live_session']}"
    console.connect(b.url, headers={"Cookie": cookie}, wait_timeout=TIMEOUT)
    try:
        console.emit("join", {"event": "demo", "role": "moderator"})
        wait_until(lambda: "snapshot" in pending, timeout=TIMEOUT)
        assert laptop.post(a.url + "/api/v1/logout-everywhere", timeout=5).json() == {"ok": True}
        assert dropped.wait(TIMEOUT), "B kept the console of an ended session"
        wait_until(lambda: not console.connected, timeout=TIMEOUT)
        requests.post(a.url + "/api/v1/events/demo/questions", json={"text": "Chờ duyệt sau khi đăng xuất"}, timeout=5)
        time.sleep(0.5)
        assert "Chờ duyệt sau khi đăng xuất" not in pending
    finally:
        if console.connected:
            console.disconnect()
