"""Shared fixtures, in the style of the Flask tutorial: one fresh app and database per test."""
import functools
import os
import re
import sys
import time
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from live import create_app, socketio
from live.dialogue import demo, events, programme, questions, users

from . import scenario, startup

ADMIN_PASSWORD = "admin-password"
CHEAP_HASH = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")
CHEAP_DUMMY_HASH = CHEAP_HASH("not-a-password")
STAFF_PASSWORD = "staff-password-1"
DEMO = "demo"
OTHER = "other-event"


class BrowserLikeClient(FlaskClient):
    """Posts HTML forms as a browser does: with the CSRF token the page's form holds
    (read from the login page's form). `without_csrf=True` posts as a forged form would."""

    def post(self, path, *args, without_csrf=False, **kwargs):
        data = kwargs.get("data") or {}
        form = isinstance(data, dict) and "json" not in kwargs and not path.startswith("/api/")
        if form and not without_csrf and "csrf_token" not in data:
            kwargs["data"] = {**data, "csrf_token": self.csrf_token()}
        return super().post(path, *args, **kwargs)

    def csrf_token(self):
        html = self.get("/login").get_data(as_text=True)
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def make_app(tmp_path, demo_day=demo.PLAN_DAY, **overrides):
    """A fresh app; its demo event on the plan's own date, as the tests read it (None: no demo)."""
    config = {
        "TESTING": True,
        "LIVE_DB": str(tmp_path / "live.db"),
        "LIVE_ASYNC_MODE": "threading",
        "LIVE_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "LIVE_SECRET_KEY": "test-secret",
        **overrides,
    }
    # the same start as the apps before it, unless it chose its own database or admin password
    shared_start = demo_day and not {"LIVE_DB", "LIVE_ADMIN_PASSWORD"} & set(overrides)
    restored = shared_start and startup.restore(demo_day, config["LIVE_DB"])
    app = create_app(config)
    app.test_client_class = BrowserLikeClient
    app.jinja_env.bytecode_cache = startup.TEMPLATES
    if demo_day:
        with app.app_context():
            demo.ensure(app.extensions["live_store"], demo_day)
    if shared_start and not restored:
        startup.keep(demo_day, app.extensions["live_store"])
    return app


def close_app(app):
    """Let a scheduled vote broadcast finish (bounded), then close the database."""
    broadcasters = [app.extensions[f"live_{hall}{name}"] for hall in ("", "hall_") for name in ("votes", "poll_results")]
    deadline = time.monotonic() + 2

    def busy():  # a flush scheduled, or one started in the last 50 ms (still reading counts)
        return any(broadcaster.scheduled or any(time.monotonic() - sent < 0.05
                                                for sent in list(broadcaster.last_sent.values()))
                   for broadcaster in broadcasters)

    while busy() and time.monotonic() < deadline:
        time.sleep(0.01)
    app.extensions["live_store"].close()


@pytest.fixture(autouse=True, scope="session")
def _route_builders_compiled_once():
    with pytest.MonkeyPatch.context() as patch:
        startup.compile_builders_once(patch)
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashes(monkeypatch):
    """Real hashing and checking, but a cheap work factor: scrypt's ~70 ms per account and
    per login would dominate the suite. check_password_hash reads the method from the hash; an
    unknown name is checked against a dummy hash (as long as a real one), made cheap the same way."""
    monkeypatch.setattr(users, "generate_password_hash", CHEAP_HASH)
    monkeypatch.setattr(users, "_DUMMY_HASH", CHEAP_DUMMY_HASH)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch):
    """The app reads LIVE_* variables; the tests run on the documented defaults only."""
    for name in list(os.environ):
        if name.startswith("LIVE_"):
            monkeypatch.delenv(name)


@pytest.fixture
def app_factory(tmp_path):
    """app_factory(**config) -> a fresh app with the demo event, each on its own database."""
    made = []

    def factory(**overrides):
        app = make_app(tmp_path / f"app{len(made)}" if made else tmp_path, **overrides)
        made.append(app)
        return app

    yield factory
    for app in made:
        close_app(app)


@pytest.fixture
def app(app_factory):
    return app_factory()


@pytest.fixture
def store(app):
    return app.extensions["live_store"]


@pytest.fixture
def no_programme(store):
    """The demo event without the plan's programme: for tests that build their own items."""
    programme.replace(store, "test", store.event_by_code("demo"), [])


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def new_client(app):
    """A fresh browser: its own cookies, so its own anonymous attendee."""
    return app.test_client


def login(client, username, password):
    return client.post("/api/v1/login", json={"username": username, "password": password})


def logged_in(app, username="admin", password=ADMIN_PASSWORD):
    """A fresh client of `app` logged in as `username` (the organizer `admin` by default)."""
    client = app.test_client()
    response = login(client, username, password)
    assert response.status_code == 200, response.get_json()
    return client


@pytest.fixture(name="login")
def login_fixture():
    return login


@pytest.fixture
def moderator(app):
    """A client logged in as the organizer `admin`."""
    return logged_in(app)


@pytest.fixture
def make_moderator(app, store):
    """make_moderator(username, event_code=None) -> a client logged in as a moderator.

    With event_code the account may only moderate that event (created when missing)."""
    def make(username, event_code=None):
        event = None
        if event_code is not None:
            event = store.event_by_code(event_code) or events.create(
                store, "test", event_code, topics=["Chủ đề khác"],
                agencies=[{"code": "OTHER", "name": "Cơ quan khác"}], title=f"Sự kiện {event_code}")
        users.create(store, username, STAFF_PASSWORD, users.MODERATOR, event)
        return logged_in(app, username, STAFF_PASSWORD)
    return make


@pytest.fixture
def other_moderator(make_moderator):
    """A moderator limited to another event: may not touch the demo event."""
    return make_moderator("other-mod", OTHER)


@pytest.fixture
def demo_moderator(make_moderator):
    """A moderator limited to the demo event."""
    return make_moderator("demo-mod", DEMO)


@pytest.fixture
def responder(app, store):
    """responder(agency_code, username=None, event_code=DEMO) -> a client logged in as a responder
    of that agency for that event."""
    def make(agency_code, username=None, event_code=DEMO):
        username = username or f"{agency_code.lower()}-{event_code}"
        users.create(store, username, STAFF_PASSWORD, users.RESPONDER, store.event_by_code(event_code),
                     agency=agency_code)
        return logged_in(app, username, STAFF_PASSWORD)
    return make


@pytest.fixture
def ask(app):
    """ask(client, text, event=DEMO, **fields) -> the created question (JSON); asserts 201."""
    def submit(client, text, event=DEMO, **fields):
        response = client.post(f"/api/v1/events/{event}/questions", json={"text": text, **fields})
        assert response.status_code == 201, response.get_json()
        return response.get_json()
    return submit


@pytest.fixture
def publish(store):
    """publish(question_id) approves a question directly in the domain; returns it."""
    def approve(question_id):
        return questions.approve(store, question_id, "test")[0].after
    return approve


@pytest.fixture
def demo_event(store):
    return store.event_by_code(DEMO)


@pytest.fixture
def session(moderator, new_client, ask):
    """The logged session of tests/scenario.py: {name: question JSON}."""
    return scenario.log_session(moderator, new_client, ask)


class SocketClient:
    """A Flask-SocketIO test client that keeps every message it has received."""

    def __init__(self, raw):
        self.raw = raw
        self.messages = []

    def emit(self, event, *args):
        self.raw.emit(event, *args)

    def join(self, event=DEMO, role="attendee"):
        self.emit("join", {"event": event, "role": role})
        return self

    def poll(self):
        if self.raw.is_connected():
            self.messages.extend(self.raw.get_received())
        else:  # what arrived before the server closed the connection
            self.messages.extend(self.raw.queue)
            self.raw.queue = []
        return self.messages

    def named(self, name):
        """The first argument of every received message called `name`, oldest first."""
        return [m["args"][0] for m in self.poll() if m["name"] == name]

    def wait_for(self, name, predicate=lambda data: True, timeout=2.0):
        """The first `name` message matching `predicate`, waiting at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = [data for data in self.named(name) if predicate(data)]
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"no {name!r} message within {timeout}s; got {self.poll()!r}")
            time.sleep(0.01)

    def text(self):
        """Everything received, as one string, to check what must never appear."""
        return repr(self.poll())


@pytest.fixture
def sockets(app):
    """sockets(client=None, event=DEMO, role=None) -> a SocketClient, joined when role is given."""
    opened = []

    def connect(client=None, event=DEMO, role=None):
        raw = socketio.test_client(app, flask_test_client=client)
        assert raw.is_connected()
        opened.append(raw)
        sock = SocketClient(raw)
        if role is not None:
            sock.join(event, role)
        return sock

    yield connect
    for raw in opened:
        if raw.is_connected():
            raw.disconnect()
