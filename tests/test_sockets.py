"""Socket.IO: snapshots per role, live updates, the visibility rule on every message, vote coalescing."""
import math
import time

import pytest

from live.dialogue import events

from .helpers import attendee, vote_count

SECRET = "Câu hỏi nhạy cảm chưa duyệt 7f3a"


@pytest.fixture
def hall(new_client, moderator, sockets):
    """An author, another attendee, a projector screen and a moderator, all joined to the demo event."""
    author = attendee(new_client)
    other = attendee(new_client)
    clients = {
        "author": sockets(author, role="attendee"),
        "other": sockets(other, role="attendee"),
        "screen": sockets(role="screen"),
        "moderator": sockets(moderator, role="moderator"),
    }
    for sock in clients.values():
        sock.wait_for("snapshot")
    return {"author_http": author, "other_http": other, **clients}


def test_each_role_gets_a_snapshot(client, new_client, moderator, sockets, ask, publish):
    author = attendee(new_client)
    own = ask(author, SECRET)
    public = ask(new_client(), "Câu hỏi công khai")
    publish(public["id"])
    for role, http in (("attendee", author), ("screen", None), ("moderator", moderator), ("attendee", None)):
        snap = sockets(http, role=role).wait_for("snapshot")
        assert set(snap) >= {"questions", "version", "event"}
        assert snap["event"]["code"] == "demo"
        assert snap["event"]["title"].startswith("Đối thoại giữa Chủ tịch UBND tỉnh")
        assert isinstance(snap["version"], int) and snap["version"] >= public["version"]
        ids = {q["id"] for q in snap["questions"]}
        assert public["id"] in ids
        if role == "moderator" or http is author:
            assert own["id"] in ids
        else:
            assert own["id"] not in ids and SECRET not in repr(snap)
    author_snap = sockets(author, role="attendee").wait_for("snapshot")
    mine = next(q for q in author_snap["questions"] if q["id"] == own["id"])
    assert mine["mine"] is True and mine["status"] == "pending"


def test_pending_questions_never_reach_the_screen_or_other_attendees(hall, moderator, ask):
    question = ask(hall["author_http"], SECRET, author="Người hỏi bí mật")
    qid = question["id"]
    hall["moderator"].wait_for("question", lambda q: q["id"] == qid and q["text"] == SECRET)
    hall["author"].wait_for("question", lambda q: q["id"] == qid and q["status"] == "pending")
    # moderators work on it while it is still pending: still nothing public
    edited = "Nội dung đã biên tập nhưng chưa duyệt 9b2c"
    assert moderator.patch(f"/api/v1/questions/{qid}", json={"text": edited}).status_code == 200
    assert moderator.post(f"/api/v1/questions/{qid}/route", json={"agency": "CA"}).status_code == 200
    reason = "Lý do từ chối riêng tư 4d1e"
    assert moderator.post(f"/api/v1/questions/{qid}/reject", json={"reason": reason}).status_code == 200
    hall["author"].wait_for("question", lambda q: q["id"] == qid and q["status"] == "rejected")
    time.sleep(0.05)
    for name in ("screen", "other"):
        seen = hall[name].text()
        for private in (SECRET, edited, reason, "Người hỏi bí mật"):
            assert private not in seen
        assert not [m for m in hall[name].poll()
                    if m["name"] in ("question", "question_removed") and m["args"][0]["id"] == qid]
    statuses = [q["status"] for q in hall["moderator"].named("question") if q["id"] == qid]
    assert statuses == ["pending", "pending", "pending", "rejected"]


def test_form_submissions_stay_private_too(hall, app):
    response = hall["author_http"].post("/e/demo/ask", data={"text": SECRET})
    assert response.status_code in (302, 303)
    hall["moderator"].wait_for("question", lambda q: q["text"] == SECRET)
    hall["author"].wait_for("question", lambda q: q["text"] == SECRET)
    assert SECRET not in hall["screen"].text() and SECRET not in hall["other"].text()


def test_approval_reaches_the_screen(hall, moderator, ask):
    question = ask(hall["author_http"], "Khi nào có phòng tư vấn an toàn mạng?")
    snapshot_version = hall["screen"].named("snapshot")[0]["version"]
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    for name in ("screen", "other", "author", "moderator"):
        shown = hall[name].wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "approved")
        assert shown["text"] == "Khi nào có phòng tư vấn an toàn mạng?"
        assert shown["version"] > snapshot_version
    public = hall["screen"].named("question")[0]
    assert public["mine"] is False and "reject_reason" not in public and "original_text" not in public


def test_rejecting_a_public_question_removes_it_from_public_rooms(hall, moderator, ask, publish):
    question = ask(hall["author_http"], "Câu sẽ bị gỡ khỏi màn hình")
    publish(question["id"])
    reason = "Không đúng chủ đề buổi đối thoại"
    response = moderator.post(f"/api/v1/questions/{question['id']}/reject", json={"reason": reason})
    assert response.status_code == 200
    version = response.get_json()["version"]
    for name in ("screen", "other"):
        removed = hall[name].wait_for("question_removed")
        assert removed == {"id": question["id"], "version": version}
        assert reason not in hall[name].text()
    hall["moderator"].wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "rejected")
    own = hall["author"].wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "rejected")
    assert own["reject_reason"] == reason and own["mine"] is True


def test_the_author_follows_their_own_question(hall, moderator, ask):
    question = ask(hall["author_http"], "Câu của tôi, tôi muốn theo dõi")
    qid = question["id"]
    moderator.patch(f"/api/v1/questions/{qid}", json={"topic": "Đề xuất giải pháp"})
    moderator.post(f"/api/v1/questions/{qid}/reject", json={"reason": "Trùng câu số 3"})
    updates = [q for q in hall["author"].named("question") if q["id"] == qid]
    assert [q["status"] for q in updates] == ["pending", "pending", "rejected"]
    assert updates[1]["topic"] == "Đề xuất giải pháp"
    assert updates[-1]["reject_reason"] == "Trùng câu số 3"
    assert all(q["mine"] for q in updates)
    versions = [q["version"] for q in updates]
    assert versions == sorted(versions) and len(set(versions)) == 3


def test_stage_changes_reach_the_screen(hall, moderator, ask, publish):
    first = ask(hall["author_http"], "Câu lên sân khấu trước")
    second = ask(hall["author_http"], "Câu lên sân khấu sau")
    publish(first["id"])
    publish(second["id"])
    moderator.post(f"/api/v1/questions/{first['id']}/stage")
    hall["screen"].wait_for("question", lambda q: q["id"] == first["id"] and q["on_stage"])
    moderator.post(f"/api/v1/questions/{second['id']}/stage")
    hall["screen"].wait_for("question", lambda q: q["id"] == second["id"] and q["on_stage"])
    hall["screen"].wait_for("question", lambda q: q["id"] == first["id"] and not q["on_stage"]
                            and q["version"] > first["version"])
    moderator.post(f"/api/v1/questions/{second['id']}/answer",
                   json={"answered_by": "Bí thư Tỉnh đoàn", "summary": "Sẽ tổ chức tập huấn."})
    answered = hall["screen"].wait_for("question", lambda q: q["id"] == second["id"] and q["status"] == "answered")
    assert "answers" not in answered  # answers are for moderators and the conclusion


def test_votes_reach_public_rooms_and_moderators(hall, ask, publish, new_client):
    question = ask(hall["author_http"], "Bình chọn trực tiếp")
    publish(question["id"])
    assert vote_count(hall["other_http"], question["id"]) == 1
    for name in ("screen", "other", "author", "moderator"):
        assert hall[name].wait_for("votes") == {str(question["id"]): 1}


def test_votes_go_only_to_the_questions_own_event(store, sockets, new_client, ask):
    """Through the API and through the no-JS form, even when the form URL names another event."""
    events.create(store, "test", "other-event", title="Sự kiện khác", requires_approval=False)
    question = ask(new_client(), "Câu hỏi ở sự kiện khác", event="other-event")
    assert question["status"] == "approved"
    key = str(question["id"])
    demo_screen = sockets(role="screen")
    other_screen = sockets(event="other-event", role="screen")
    demo_screen.wait_for("snapshot")
    other_screen.wait_for("snapshot")
    vote_count(new_client(), question["id"])
    assert other_screen.wait_for("votes") == {key: 1}
    refused = new_client().post(f"/e/demo/vote/{question['id']}", follow_redirects=True)  # a form naming the wrong event
    assert "Không tìm thấy câu hỏi." in refused.get_data(as_text=True)
    time.sleep(0.2)  # past the 0.1 s interval, so a coalesced message would have gone out
    assert not [m for m in demo_screen.named("votes") if key in m], "demo's screen got another event's votes"
    assert store.question(question["id"])["votes"] == 1  # not counted through another event's page
    assert not [m for m in other_screen.named("votes") if m.get(key) != 1]


def test_moderator_join_needs_login(client, sockets):
    sock = sockets(client, role="moderator")
    error = sock.wait_for("error")
    assert error["error"]
    assert sock.named("snapshot") == []


def test_moderator_of_another_event_cannot_join_demo(other_moderator, sockets, ask, new_client):
    ask(new_client(), SECRET)
    sock = sockets(other_moderator, role="moderator")
    assert sock.wait_for("error")["error"]
    assert sock.named("snapshot") == [] and SECRET not in sock.text()
    # their own event is fine
    assert sockets(other_moderator, event="other-event", role="moderator").wait_for("snapshot")["event"]["code"] \
        == "other-event"


@pytest.mark.parametrize("payload", [
    {"event": "khong-co", "role": "screen"},
    {"event": "demo", "role": "admin"},
    {"role": "screen"},
    {"event": ["demo"], "role": "screen"},
    "demo",
])
def test_bad_joins_get_an_error(sockets, payload):
    sock = sockets()
    sock.emit("join", payload)
    assert sock.wait_for("error")["error"]
    assert sock.named("snapshot") == []


@pytest.mark.parametrize("args", [(), ({"event": "demo", "role": "screen"}, "extra")], ids=["no-argument", "two"])
def test_a_join_without_its_one_object_gets_an_error_and_an_acknowledgement(sockets, args):
    sock = sockets()
    ack = sock.raw.emit("join", *args, callback=True)
    assert ack["error"] and sock.wait_for("error") == ack
    assert sock.raw.is_connected() and sock.named("snapshot") == []


def test_joining_again_as_the_same_sends_nothing(sockets):
    sock = sockets()
    for _ in range(20):
        sock.join(role="screen")
    sock.wait_for("snapshot")
    time.sleep(0.05)
    assert len(sock.named("snapshot")) == 1 and sock.named("error") == []


def test_a_connection_may_join_four_times_at_most(moderator, sockets, store):
    events.create(store, "test", "second", topics=["Chủ đề"], agencies=[{"code": "CA", "name": "Công an"}],
                  title="Sự kiện thứ hai")
    sock = sockets(moderator)
    for role in ("attendee", "screen", "moderator", "chair"):
        sock.join(role=role)
    assert len(sock.named("snapshot")) == 4
    sock.join("second", "screen")
    assert sock.wait_for("error")["error"]
    assert len(sock.named("snapshot")) == 4
    assert sockets(moderator, "second", "screen").wait_for("snapshot")["event"]["code"] == "second"


def test_an_error_join_receives_no_updates(sockets, new_client, ask, publish):
    sock = sockets(role="moderator")
    sock.wait_for("error")
    question = ask(new_client(), "Câu hỏi sau lỗi")
    publish(question["id"])
    time.sleep(0.05)
    assert [m["name"] for m in sock.poll()] == ["error"]


@pytest.mark.slow  # waits out broadcast intervals
class TestVoteCoalescing:
    INTERVAL = 0.2

    @pytest.fixture
    def app(self, app_factory):
        """A dedicated app whose votes are broadcast at most every 0.2 s."""
        return app_factory(LIVE_VOTE_BROADCAST_INTERVAL=self.INTERVAL)

    @pytest.fixture
    def screen(self, sockets):
        screen = sockets(role="screen")
        screen.wait_for("snapshot")
        return screen

    def test_the_interval_comes_from_the_config(self, app):
        assert app.extensions["live_votes"].interval == self.INTERVAL

    def test_one_vote_after_quiet_goes_out_at_once(self, screen, new_client, ask, publish):
        question = ask(new_client(), "Một phiếu sau khoảng lặng")
        publish(question["id"])
        vote_count(new_client(), question["id"])  # timed from its answer: disk sync time is not coalescing
        start = time.monotonic()
        message = screen.wait_for("votes", timeout=self.INTERVAL)
        latency = time.monotonic() - start
        assert message == {str(question["id"]): 1}
        assert latency < self.INTERVAL / 2
        # after another quiet spell, the next single vote is immediate again
        time.sleep(self.INTERVAL * 1.5)
        vote_count(new_client(), question["id"])
        start = time.monotonic()
        assert screen.wait_for("votes", lambda m: m[str(question["id"])] == 2, timeout=self.INTERVAL)
        assert time.monotonic() - start < self.INTERVAL / 2

    def test_a_burst_is_coalesced(self, screen, new_client, store, ask, publish):
        question = ask(new_client(), "Câu hỏi được bình chọn dồn dập")
        publish(question["id"])
        key = str(question["id"])
        voters = [new_client() for _ in range(20)]
        start = time.monotonic()
        for voter in voters:
            vote_count(voter, question["id"])
        elapsed = time.monotonic() - start
        final = screen.wait_for("votes", lambda m: m.get(key) == 20, timeout=2)
        assert final == {key: 20}
        time.sleep(max(0.0, 0.5 - (time.monotonic() - start)) + self.INTERVAL)  # nothing more may follow
        messages = screen.named("votes")
        print(f"20 votes in {elapsed * 1000:.0f} ms -> {len(messages)} votes messages")
        assert 1 <= len(messages) <= max(3, 1 + math.ceil(elapsed / self.INTERVAL))
        assert len(messages) < 20
        assert messages[-1][key] == 20
        assert [m[key] for m in messages] == sorted(m[key] for m in messages)
        assert store.question(question["id"])["votes"] == 20

    def test_one_message_carries_every_changed_count(self, screen, new_client, ask, publish):
        first = ask(new_client(), "Câu A")
        second = ask(new_client(), "Câu B")
        publish(first["id"])
        publish(second["id"])
        vote_count(new_client(), first["id"])  # after quiet: sent at once, alone
        assert screen.wait_for("votes", timeout=self.INTERVAL) == {str(first["id"]): 1}
        vote_count(new_client(), first["id"])
        vote_count(new_client(), second["id"])
        vote_count(new_client(), second["id"])
        combined = screen.wait_for("votes", lambda m: len(m) == 2, timeout=2)
        assert combined == {str(first["id"]): 2, str(second["id"]): 2}
        assert len(screen.named("votes")) == 2


def test_phase_and_publication_changes_reach_everyone_following(hall, moderator, sockets, make_moderator):
    other_event = sockets(make_moderator("other-mod", "other-event"), event="other-event", role="moderator")
    other_event.wait_for("snapshot")
    assert moderator.post("/api/v1/events/demo/phase", json={"phase": "closed"}).status_code == 200
    for name in ("author", "other", "screen", "moderator"):
        assert hall[name].wait_for("event", lambda e: e["phase"] == "closed")["code"] == "demo"
    assert moderator.post("/api/v1/events/demo/publish", json={"published": True}).status_code == 200
    assert hall["author"].wait_for("event", lambda e: e["published"])["phase"] == "closed"
    assert other_event.named("event") == []  # another event's rooms hear nothing
