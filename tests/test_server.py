"""End to end against a REAL server process: `python run.py --demo` (eventlet), a python-socketio
screen client, and requests sessions for an attendee, the admin and a voter."""
import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio

from .support import ADMIN_PASSWORD, Server

pytestmark = pytest.mark.slow  # a real server process

MESSAGE_TIMEOUT = 5.0


class Listener:
    """A python-socketio client that records every message with the time it arrived."""

    def __init__(self, url, headers=None):
        self.messages = []
        self.lock = threading.Lock()
        self.client = socketio.Client(reconnection=False)
        for name in ("snapshot", "question", "question_removed", "votes", "error"):
            self.client.on(name, self._recorder(name))
        self.client.connect(url, headers=headers or {}, wait_timeout=MESSAGE_TIMEOUT)

    def _recorder(self, name):
        def record(data):
            with self.lock:
                self.messages.append((name, data, time.perf_counter()))
        return record

    def wait_for(self, name, predicate=lambda data: True, timeout=MESSAGE_TIMEOUT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for got, data, at in self.messages:
                    if got == name and predicate(data):
                        return data, at
            time.sleep(0.005)
        raise AssertionError(f"no {name!r} within {timeout} s; got {self.messages!r}")

    def named(self, name):
        with self.lock:
            return [data for got, data, _ in self.messages if got == name]

    def close(self):
        if self.client.connected:
            self.client.disconnect()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = Server(tmp_path_factory.mktemp("server") / "live.db")
    yield process
    process.stop()


@pytest.fixture
def listeners():
    opened = []

    def listen(url, headers=None):
        listener = Listener(url, headers)
        opened.append(listener)
        return listener

    yield listen
    for listener in opened:
        listener.close()


def test_healthz_and_demo(server):
    assert requests.get(server.url + "/healthz", timeout=5).json() == {"status": "ok"}
    event = requests.get(server.url + "/api/v1/events/demo", timeout=5).json()
    assert event["code"] == "demo" and len(event["topics"]) == 4


def test_question_approval_and_votes_reach_the_screen(server, listeners):
    screen = listeners(server.url)
    screen.client.emit("join", {"event": "demo", "role": "screen"})
    snapshot, _ = screen.wait_for("snapshot")
    assert snapshot["event"]["code"] == "demo"

    admin = requests.Session()
    response = admin.post(server.url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                          timeout=5)
    assert response.status_code == 200
    cookie = "; ".join(f"{name}={value}" for name, value in admin.cookies.items())
    desk = listeners(server.url, headers={"Cookie": cookie})
    desk.client.emit("join", {"event": "demo", "role": "moderator"})
    desk.wait_for("snapshot")

    attendee = requests.Session()
    text = f"Câu hỏi thật qua máy chủ thật {time.time_ns()}"
    response = attendee.post(server.url + "/api/v1/events/demo/questions", json={"text": text}, timeout=5)
    assert response.status_code == 201
    question = response.json()
    assert question["status"] == "pending"
    assert "live_attendee" in attendee.cookies
    desk.wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "pending")

    response = admin.post(f"{server.url}/api/v1/questions/{question['id']}/approve", json={}, timeout=5)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    shown, _ = screen.wait_for("question", lambda q: q["id"] == question["id"])
    assert shown["status"] == "approved" and shown["text"] == text
    assert not any(q["status"] == "pending" for q in screen.named("question"))  # never saw it pending

    voter = requests.Session()
    started = time.perf_counter()
    response = voter.post(f"{server.url}/api/v1/questions/{question['id']}/vote", timeout=5)
    answered = time.perf_counter()
    assert response.json() == {"votes": 1, "voted": True}
    counts, arrived = screen.wait_for("votes", lambda m: str(question["id"]) in m)
    assert counts[str(question["id"])] == 1
    latency = arrived - started
    print(f"\nvote -> screen latency: {latency * 1000:.1f} ms (HTTP answer after {(answered - started) * 1000:.1f} ms)")
    assert latency < 2.0
    assert voter.post(f"{server.url}/api/v1/questions/{question['id']}/vote", timeout=5).json()["votes"] == 1

    second = requests.Session()
    assert second.post(f"{server.url}/api/v1/questions/{question['id']}/vote", timeout=5).json()["votes"] == 2
    counts, _ = screen.wait_for("votes", lambda m: m.get(str(question["id"])) == 2)
    desk.wait_for("votes", lambda m: m.get(str(question["id"])) == 2)


def test_the_real_server_answers_errors_as_json(server):
    response = requests.post(server.url + "/api/v1/events/demo/questions", data="{bad",
                             headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 400 and response.json()["error"]
    response = requests.post(server.url + "/api/v1/events/demo/questions", data="x" * (64 * 1024 + 10),
                             headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 413 and response.json()["error"]


async def _deflating_phone(url, cookie, vote):
    """A phone that offers permessage-deflate, as every browser does, over a raw Engine.IO WebSocket:
    the handshake's answers, the compression agreed, the snapshot, and the `votes` message after
    `vote()` runs."""
    import aiohttp

    answers = []

    async def answered(_session, _context, params):
        answers.append(params.response.headers.get("Sec-WebSocket-Extensions", ""))
    tracing = aiohttp.TraceConfig()
    tracing.on_request_end.append(answered)
    async with aiohttp.ClientSession(trace_configs=[tracing]) as session:
        socket_url = url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
        async with session.ws_connect(socket_url, compress=15, headers={"Cookie": cookie}) as ws:
            async def message(prefix):
                async with asyncio.timeout(MESSAGE_TIMEOUT):
                    while not (text := await ws.receive_str()).startswith(prefix):
                        if text == "2":
                            await ws.send_str("3")
                return text
            await message("0{")
            await ws.send_str("40")
            await message("40")
            await ws.send_str('42["join",{"event":"demo","role":"attendee"}]')
            snapshot = json.loads((await message('42["snapshot"'))[2:])[1]
            await asyncio.to_thread(vote)
            votes = json.loads((await message('42["votes"'))[2:])[1]
    return answers, ws.compress, snapshot, votes


def test_a_phone_that_offers_compression_is_declined_and_gets_its_messages(server):
    """live/web/fanout.py: one frame serves every phone, so the server declines permessage-deflate,
    which every browser offers."""
    phone = requests.Session()
    phone.get(server.url + "/e/demo", timeout=5)
    cookie = "; ".join(f"{name}={value}" for name, value in phone.cookies.items())
    question = next(q for q in requests.get(server.url + "/api/v1/events/demo/questions", timeout=5).json()["questions"]
                    if q["status"] == "approved")

    def vote():
        assert requests.post(f"{server.url}/api/v1/questions/{question['id']}/vote", timeout=5).status_code == 200

    with ThreadPoolExecutor(1) as thread:  # a loop of its own: another test's may be running in this thread
        phone_ran = thread.submit(asyncio.run, _deflating_phone(server.url, cookie, vote))
        answers, window, snapshot, votes = phone_ran.result()
    assert answers and not any("permessage-deflate" in answer for answer in answers)
    assert window == 0
    assert snapshot["event"]["code"] == "demo" and snapshot["questions"]
    assert str(question["id"]) in votes


def test_the_heartbeat_waits_a_minute_for_a_busy_server(server):
    """LIVE_PING_TIMEOUT: phones already connected are not dropped while a hall connects at once."""
    opened = requests.get(server.url + "/socket.io/?EIO=4&transport=polling", timeout=5).text
    handshake = json.loads(opened.split("\x1e")[0][1:])
    assert (handshake["pingInterval"], handshake["pingTimeout"]) == (25000, 60000)
