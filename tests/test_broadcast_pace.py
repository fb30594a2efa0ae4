"""The phones get coalesced counts at the hall's pace, the projector and the staff every interval: a
message to the phones' room costs a frame per phone, and at 5,000 phones the fan-out filled the
server (bench/README.md, "5,000 phones")."""
import threading
import time

import pytest

from live import socketio
from live.web import broadcast

from .helpers import vote_count

INTERVAL = 10.0  # long, so that the waits computed below differ by intervals, not by the test's own time


@pytest.fixture
def app(app_factory):
    return app_factory(LIVE_VOTE_BROADCAST_INTERVAL=INTERVAL, LIVE_HALL_BROADCAST_PHONES=1)


@pytest.fixture
def scheduled(monkeypatch):
    """The coalesced flushes scheduled for later, [(function, args)], not run."""
    found = []
    monkeypatch.setattr(socketio, "start_background_task", lambda function, *args: found.append((function, args)))
    return found


def test_phones_are_counted_once_per_connection(app, sockets, new_client, moderator):
    connections = app.extensions["live_connections"]
    phone = sockets(new_client(), role="attendee")
    phone.wait_for("snapshot")
    phone.join("demo", "attendee")  # joined so already: the same phone
    sockets(moderator, role="moderator").wait_for("snapshot")
    sockets(role="screen").wait_for("snapshot")
    assert connections.phones == 1
    other = sockets(new_client(), role="attendee")
    other.wait_for("snapshot")
    assert connections.phones == 2
    other.raw.disconnect()
    assert connections.phones == 1


def test_the_pace_grows_with_the_phones_above_the_setting(app):
    pace = broadcast.hall_pace(app)
    app.extensions["live_connections"].phones = 0
    assert pace() == 1.0
    app.extensions["live_connections"].phones = 5
    assert pace() == 5.0
    app.config["LIVE_HALL_BROADCAST_PHONES"] = 0  # 0: the phones keep the interval
    assert broadcast.hall_pace(app)() == 1.0


def test_under_load_the_phones_wait_longer_than_the_projector(app, sockets, new_client, ask, publish, scheduled):
    screen = sockets(role="screen")
    screen.wait_for("snapshot")
    phones = [sockets(new_client(), role="attendee") for _ in range(2)]  # two phones, one per pace: 2
    for phone in phones:
        phone.wait_for("snapshot")
    question = ask(new_client(), "Tỉnh có hỗ trợ thanh niên học nghề trên môi trường mạng không?")
    publish(question["id"])
    key = str(question["id"])
    vote_count(new_client(), question["id"])  # after a quiet spell: to everyone at once
    assert screen.wait_for("votes") == {key: 1}
    assert all(phone.wait_for("votes") == {key: 1} for phone in phones)
    vote_count(new_client(), question["id"])  # under load: each audience waits its own interval
    waits = {function.__self__: args[1] for function, args in scheduled}
    watchers, hall = app.extensions["live_votes"], app.extensions["live_hall_votes"]
    assert set(waits) == {watchers, hall}
    assert INTERVAL * 0.9 < waits[watchers] <= INTERVAL
    assert waits[hall] > waits[watchers] + INTERVAL * 0.9
    hall.flush(scheduled[0][1][0])  # the phones' flush, run now: the projector's pending one goes first
    assert not watchers.pending
    assert screen.wait_for("votes", lambda m: m[key] == 2) == {key: 2}
    assert all(phone.wait_for("votes", lambda m: m[key] == 2) == {key: 2} for phone in phones)


def test_a_coalescers_sends_go_one_after_the_other(app):
    """Each send reads the counts and emits them; one that waits (publishing to Redis, a hall's
    broadcast letting others run) must not be overtaken by a later one with newer counts: the
    projector's counts would go backwards (tests/test_scaleout.py saw 20, 52, 26)."""
    log, second_began = [], threading.Event()

    def send(key, items):
        log.append(("begins", sorted(items)))
        if items == {1}:
            second_began.wait(0.3)  # a later flush comes while this one is still going out
        log.append(("ends", sorted(items)))
    coalescer = broadcast.Coalescer(socketio, 0.0, send)
    first = threading.Thread(target=coalescer.changed, args=("event", 1))
    first.start()
    while not log:
        time.sleep(0.005)
    second = threading.Thread(target=lambda: (coalescer.changed("event", 2), second_began.set()))
    second.start()
    first.join(5)
    second.join(5)
    assert log == [("begins", [1]), ("ends", [1]), ("begins", [2]), ("ends", [2])]
