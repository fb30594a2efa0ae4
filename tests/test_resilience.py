"""Crashes and reconnects lose nothing: SIGKILL during a vote storm, then a restart on the same
database; a Socket.IO client that missed changes gets the true state when it comes back."""
import sqlite3
import threading

import pytest
import requests
import socketio

from .conftest import close_app, make_app
from .support import ADMIN_PASSWORD, Server, wait_until

pytestmark = pytest.mark.slow  # real server processes, killed and restarted

VOTERS = 40


@pytest.fixture
def runner_for(tmp_path):
    """runner_for(db_path) -> a CLI runner for an app on that database file."""
    apps = []

    def make(db_path):
        app = make_app(tmp_path, LIVE_DB=str(db_path))
        apps.append(app)
        return app.test_cli_runner()
    yield make
    for app in apps:
        close_app(app)


def staff_session(server):
    session = requests.Session()
    assert session.post(server.url + "/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                        timeout=5).status_code == 200
    return session


def approved_questions(server, staff, count):
    made = []
    for number in range(count):
        question = staff.post(server.url + "/api/v1/events/demo/questions",
                              json={"text": f"Câu hỏi trong bão bình chọn số {number}"}, timeout=5).json()
        assert staff.post(f"{server.url}/api/v1/questions/{question['id']}/approve", timeout=5).ok
        made.append(question["id"])
    return made


def vote_storm(server, question_ids, acknowledged, stop):
    """Each voter votes on every question until stopped; acknowledged votes are recorded."""
    def voter():
        session = requests.Session()
        for question_id in question_ids:
            if stop.is_set():
                return
            try:
                answer = session.post(f"{server.url}/api/v1/questions/{question_id}/vote", timeout=2)
            except requests.RequestException:
                return
            if answer.status_code == 200:
                acknowledged.append(question_id)
    threads = [threading.Thread(target=voter) for _ in range(VOTERS)]
    for thread in threads:
        thread.start()
    return threads


def test_sigkill_during_a_vote_storm_loses_no_acknowledged_write(tmp_path):
    server = Server(tmp_path / "live.db")
    try:
        staff = staff_session(server)
        question_ids = approved_questions(server, staff, 6)
        staged = question_ids[0]
        assert staff.post(f"{server.url}/api/v1/questions/{staged}/stage", timeout=5).ok
        answered = staff.post(f"{server.url}/api/v1/questions/{question_ids[1]}/answer",
                              json={"answered_by": "Giám đốc Sở Nội vụ", "summary": "Đã trả lời"}, timeout=5)
        assert answered.ok
        acknowledged, stop = [], threading.Event()
        threads = vote_storm(server, question_ids, acknowledged, stop)
        wait_until(lambda: len(acknowledged) >= 60, timeout=20)
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    finally:
        server.stop()

    with sqlite3.connect(tmp_path / "live.db") as db:
        stored = dict(db.execute("SELECT id, votes FROM question"))
        recounted = dict(db.execute("SELECT question_id, COUNT(*) FROM vote GROUP BY question_id"))
    for question_id in question_ids:
        assert stored[question_id] >= acknowledged.count(question_id)
        assert stored[question_id] == recounted.get(question_id, 0)  # the running count never drifts

    again = Server(tmp_path / "live.db")
    try:
        event = requests.get(again.url + "/api/v1/events/demo", timeout=5).json()
        assert event["stage_question_id"] == staged
        listed = {q["id"]: q for q in requests.get(again.url + "/api/v1/events/demo/questions", timeout=5).json()["questions"]}
        assert listed[question_ids[1]]["status"] == "answered"
        assert all(listed[qid]["votes"] == stored[qid] for qid in question_ids)
        log = staff_session(again).get(again.url + "/api/v1/events/demo/log", timeout=5).json()["answers"]
        assert [entry["summary"] for entry in log] == ["Đã trả lời"]
    finally:
        again.stop()


def test_a_client_that_missed_changes_gets_the_true_state_on_reconnect(tmp_path):
    server = Server(tmp_path / "live.db")
    screen = socketio.Client(reconnection=False)
    snapshots = []
    screen.on("snapshot", snapshots.append)
    try:
        staff = staff_session(server)
        first, second = approved_questions(server, staff, 2)
        screen.connect(server.url, wait_timeout=5)
        screen.emit("join", {"event": "demo", "role": "screen"})
        wait_until(lambda: snapshots, timeout=5)
        screen.disconnect()

        assert staff.post(f"{server.url}/api/v1/questions/{second}/stage", timeout=5).ok
        assert staff.post(f"{server.url}/api/v1/questions/{first}/reject", json={"reason": "Trùng"}, timeout=5).ok
        assert requests.post(f"{server.url}/api/v1/questions/{second}/vote", timeout=5).json()["votes"] == 1

        screen.connect(server.url, wait_timeout=5)
        screen.emit("join", {"event": "demo", "role": "screen"})
        wait_until(lambda: len(snapshots) == 2, timeout=5)
        before, after = snapshots
        assert after["version"] > before["version"]
        truth = requests.get(server.url + "/api/v1/events/demo/questions", timeout=5).json()["questions"]
        assert [(q["id"], q["status"], q["votes"], q["on_stage"]) for q in after["questions"]] == \
            [(q["id"], q["status"], q["votes"], q["on_stage"]) for q in truth]
        assert [q["id"] for q in after["questions"]] == [second]
        assert after["event"]["stage_question_id"] == second
    finally:
        if screen.connected:
            screen.disconnect()
        server.stop()


def test_a_backup_taken_while_the_server_runs_restores(tmp_path, runner_for):
    server = Server(tmp_path / "live.db")
    try:
        staff = staff_session(server)
        question_ids = approved_questions(server, staff, 3)
        result = runner_for(tmp_path / "live.db").invoke(args=["backup", str(tmp_path / "copy.db")])
        assert result.exit_code == 0, result.output
    finally:
        server.stop()
    restored = Server(tmp_path / "copy.db")
    try:
        listed = requests.get(restored.url + "/api/v1/events/demo/questions", timeout=5).json()["questions"]
        assert [q["id"] for q in listed] == question_ids
    finally:
        restored.stop()
