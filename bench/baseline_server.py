"""The baseline: the smallest Flask-SocketIO server that does the hall's job for votes.

It counts votes in memory and broadcasts the counts to one room, with the same client protocol
as the app (`join` -> `snapshot`, then `votes` messages of {question id: count}), the same vote
route (POST /api/v1/questions/<id>/vote -> {"votes": n, "voted": true}) and the same coalescing
(a vote after a quiet spell goes out at once, under load one `votes` message per interval
carries every changed count). No database, no rate limits, no cookies checked: it is the floor
of this stack on this machine, the app is judged as a ratio to it.

    python bench/baseline_server.py --port P [--questions 30] [--interval 0.1]

LIVE_ASYNC_MODE picks eventlet (default) or gevent, as for run.py; the listener has the same
backlog, connection cap and collector settings as run.py's.
"""
import argparse
import os
import secrets
import sys
import time
import warnings
from pathlib import Path

MODE = os.environ.get("LIVE_ASYNC_MODE", "eventlet")
if MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet
    eventlet.monkey_patch()
elif MODE == "gevent":
    from gevent import monkey
    monkey.patch_all()

from flask import Flask, jsonify, make_response  # noqa: E402
from flask_socketio import SocketIO, emit, join_room  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import run  # noqa: E402  (the app's listener settings, so both servers have the same caps)

ROOM = "public"


def create(question_count, interval):
    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=MODE)
    counts = {qid: 0 for qid in range(1, question_count + 1)}
    state = {"pending": set(), "scheduled": False, "last": float("-inf")}

    def flush():
        ids, state["pending"] = state["pending"], set()
        state["scheduled"] = False
        state["last"] = time.monotonic()
        if ids:
            socketio.emit("votes", {str(qid): counts[qid] for qid in sorted(ids)}, to=ROOM)

    def flush_later(wait):
        socketio.sleep(wait)
        flush()

    def changed(qid):
        state["pending"].add(qid)
        if state["scheduled"]:
            return
        state["scheduled"] = True
        wait = state["last"] + interval - time.monotonic()
        if wait <= 0:
            flush()
        else:
            socketio.start_background_task(flush_later, wait)

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    @app.get("/e/<code>")
    def page(code):
        response = make_response("<!doctype html><title>baseline</title>")
        response.set_cookie("live_attendee", secrets.token_urlsafe(16), httponly=True, samesite="Lax")
        return response

    @app.post("/api/v1/questions/<int:qid>/vote")
    def vote(qid):
        if qid not in counts:
            return {"error": "no such question"}, 404
        counts[qid] += 1
        changed(qid)
        return {"votes": counts[qid], "voted": True}

    @app.get("/api/v1/counts")
    def all_counts():
        return jsonify({str(qid): count for qid, count in counts.items()})

    @socketio.on("join")
    def join(data):
        join_room(ROOM)
        emit("snapshot", {"questions": [{"id": qid, "votes": count} for qid, count in counts.items()],
                          "version": 0})

    return app, socketio


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5100)
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args(argv)
    app, socketio = create(args.questions, args.interval)
    print(f"baseline ({MODE}) on http://{args.host}:{args.port}", flush=True)
    run.raise_open_files_limit(run.MAX_CONNECTIONS + 256)
    run.tune_gc()
    run.serve(app, socketio, args.host, args.port)


if __name__ == "__main__":
    main()
