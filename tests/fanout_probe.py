"""Run by tests/test_fanout.py as its own process: the real server (run.py, eventlet, its listener)
in this process, a phone joining over a WebSocket, and how a message to it went: straight to its
WebSocket or through Engine.IO's queue. Prints one JSON line."""
import collections
import json
import sys
import time

import eventlet

eventlet.monkey_patch()

import socketio  # noqa: E402  (after eventlet patches the standard library)

import run  # noqa: E402
from live.web import fanout  # noqa: E402

DEADLINE = 20.0
ways = collections.Counter()
write = fanout.written


def counted(connection, packet):
    done = write(connection, packet)
    ways["direct" if done else "queued"] += 1
    return done


def wait_for(check):
    deadline = time.monotonic() + DEADLINE
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        eventlet.sleep(0.05)
    return check()


def main(port, db):
    fanout.written = counted
    eventlet.spawn(run.main, ["--port", port, "--db", db, "--demo"])
    url = f"http://127.0.0.1:{port}"
    phone, got = socketio.Client(reconnection=False), {}
    phone.on("snapshot", lambda data: got.setdefault("snapshot", data))
    phone.on("votes", lambda data: got.setdefault("votes", data))
    wait_for(lambda: _connected(phone, url))
    phone.emit("join", {"event": "demo", "role": "attendee"})
    wait_for(lambda: "snapshot" in got)
    before = dict(ways)
    from live import socketio as server
    server.emit("votes", {"1": 7}, to=phone.get_sid())
    wait_for(lambda: "votes" in got)
    phone.disconnect()
    print(json.dumps({"before": before, "after": dict(ways), "votes": got["votes"]}), flush=True)


def _connected(phone, url):
    try:
        phone.connect(url, transports=["websocket"], wait_timeout=5)
        return True
    except socketio.exceptions.ConnectionError:
        return False


if __name__ == "__main__":
    main(*sys.argv[1:])
