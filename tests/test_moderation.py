"""Moderator actions, stale-version conflicts, the audit log, and who may do what."""
import json
import sqlite3

import pytest

from live.dialogue import questions

from .helpers import act, post_action

ANSWER = {"answered_by": "Giám đốc Công an tỉnh", "summary": "Tỉnh sẽ mở lớp kỹ năng an toàn mạng.",
          "follow_up": True}


def edit(client, question_id, **body):
    return client.patch(f"/api/v1/questions/{question_id}", json=body)


def staff_list(client, status=None):
    url = "/api/v1/events/demo/questions" + (f"?status={status}" if status else "")
    response = client.get(url)
    assert response.status_code == 200
    return {q["id"]: q for q in response.get_json()["questions"]}


def new_question(store, text="Câu hỏi của thanh niên", state="pending", attendee="attendee-1"):
    """A question in `state` (pending, approved, staged, answered, rejected), made in the domain."""
    event = store.event_by_code("demo")
    question, _ = questions.submit(store, event, attendee, text)
    if state in ("approved", "staged", "answered"):
        questions.approve(store, question["id"], "setup")
    if state == "staged":
        questions.stage(store, question["id"], "setup")
    if state == "answered":
        questions.act(store, question["id"], "setup", "question.answer", None, lambda q: {"status": "answered"})
    if state == "rejected":
        questions.reject(store, question["id"], "setup", reason="setup")
    return store.question(question["id"])


def audit_rows(store, question_id):
    rows = [r for r in store.audit(store.event_by_code("demo")["id"]) if r["question_id"] == question_id]
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return rows


def test_approve(moderator, store):
    question = new_question(store)
    response = post_action(moderator, question["id"], "approve")
    assert response.status_code == 200
    data = response.get_json()
    assert data["id"] == question["id"] and data["status"] == "approved"
    assert data["version"] > question["version"]
    assert store.question(question["id"])["status"] == "approved"


def test_reject_with_reason(moderator, store):
    question = new_question(store)
    data = act(moderator, question["id"], "reject", reason="  Câu hỏi trùng lặp  ")
    assert data["status"] == "rejected"
    assert data["reject_reason"] == "Câu hỏi trùng lặp"
    assert store.question(question["id"])["reject_reason"] == "Câu hỏi trùng lặp"


def test_reject_without_reason_and_reason_too_long(moderator, store):
    question = new_question(store)
    response = post_action(moderator, question["id"], "reject", reason="x" * 301)
    assert response.status_code == 400 and response.get_json()["error"]
    assert store.question(question["id"])["status"] == "pending"
    data = act(moderator, question["id"], "reject")
    assert data["status"] == "rejected" and data["reject_reason"] is None


def test_a_rejected_question_can_be_approved_again(moderator, store):
    question = new_question(store, state="rejected")
    data = act(moderator, question["id"], "approve")
    assert data["status"] == "approved" and data["reject_reason"] is None


def test_edit_keeps_the_original_for_moderators(moderator, client, store):
    question = new_question(store, text="Cau hoi khong dau", state="approved")
    response = edit(moderator, question["id"], text="Câu hỏi có dấu")
    assert response.status_code == 200
    data = response.get_json()
    assert data["text"] == "Câu hỏi có dấu"
    assert data["original_text"] == "Cau hoi khong dau"
    assert data["edited"] is True
    # a second edit keeps the very first text as the original
    data = edit(moderator, question["id"], text="Câu hỏi có dấu, sửa lần hai").get_json()
    assert data["original_text"] == "Cau hoi khong dau"
    listed = staff_list(moderator)[question["id"]]
    assert listed["original_text"] == "Cau hoi khong dau" and listed["edited"] is True
    # attendees see the edited text and that it was edited, never the original
    public = staff_list(client)[question["id"]]
    assert public["text"] == "Câu hỏi có dấu, sửa lần hai" and public["edited"] is True
    assert "original_text" not in public
    assert "Cau hoi khong dau" not in client.get("/api/v1/events/demo/questions").get_data(as_text=True)


def test_edit_topic(moderator, store):
    question = new_question(store)
    data = edit(moderator, question["id"], topic="Đề xuất giải pháp").get_json()
    assert data["topic"] == "Đề xuất giải pháp"
    assert data["edited"] is False  # the text did not change
    data = edit(moderator, question["id"], topic="").get_json()
    assert data["topic"] is None


@pytest.mark.parametrize("body", [{"topic": "Không có"}, {}, {"text": ""}, {"text": "a" * 501},
                                  {"author": "Đổi tên"}])
def test_invalid_edit_is_400(moderator, store, body):
    question = new_question(store)
    response = edit(moderator, question["id"], **body)
    assert response.status_code == 400 and response.get_json()["error"]
    after = store.question(question["id"])
    assert (after["text"], after["topic_id"], after["version"]) == (question["text"], None, question["version"])


def test_route_to_an_agency(moderator, store):
    question = new_question(store)
    data = act(moderator, question["id"], "route", agency="ca")
    assert data["agency"]["code"] == "CA"
    assert data["agency"]["name"] == "Công an tỉnh"
    data = act(moderator, question["id"], "route", agency="STTTT")
    assert data["agency"]["name"] == "Sở Thông tin và Truyền thông"
    response = post_action(moderator, question["id"], "route", agency="KHONGCO")
    assert response.status_code == 400 and response.get_json()["error"]
    assert store.question(question["id"])["agency_code"] == "STTTT"


@pytest.mark.parametrize("body", [None, {}, {"version": 1}, {"agency_code": None}])
def test_route_without_an_agency_key_is_400_and_keeps_the_agency(moderator, store, body):
    question = new_question(store)
    act(moderator, question["id"], "route", agency="CA")
    url = f"/api/v1/questions/{question['id']}/route"
    response = moderator.post(url) if body is None else moderator.post(url, json=body)
    assert response.status_code == 400 and "agency" in response.get_json()["error"]
    assert store.question(question["id"])["agency_code"] == "CA"


@pytest.mark.parametrize("cleared", ["", None])
def test_route_clears_the_agency_only_when_asked(moderator, store, cleared):
    question = new_question(store)
    act(moderator, question["id"], "route", agency="CA")
    assert act(moderator, question["id"], "route", agency=cleared)["agency"] is None
    assert store.question(question["id"])["agency_code"] is None


def test_stage_another_unstages_the_previous(moderator, store):
    first = new_question(store, "Câu một", state="approved")
    second = new_question(store, "Câu hai", state="approved")
    data = act(moderator, first["id"], "stage")
    assert data["on_stage"] is True
    assert store.event_by_code("demo")["stage_question_id"] == first["id"]
    staged_first = store.question(first["id"])

    data = act(moderator, second["id"], "stage")
    assert data["on_stage"] is True and data["id"] == second["id"]
    assert store.event_by_code("demo")["stage_question_id"] == second["id"]
    after_first = store.question(first["id"])
    after_second = store.question(second["id"])
    assert not after_first["on_stage"]
    # both changed, so both carry new versions (clients drop anything older)
    assert after_first["version"] > staged_first["version"]
    assert after_second["version"] > second["version"]
    assert after_first["version"] != after_second["version"]
    on_stage = staff_list(moderator, "on_stage")
    assert list(on_stage) == [second["id"]]
    assert [r["action"] for r in audit_rows(store, first["id"])][-1] == "question.unstage"


def test_stage_only_public_questions_and_not_twice(moderator, store):
    pending = new_question(store, "Chờ duyệt")
    response = post_action(moderator, pending["id"], "stage")
    assert response.status_code == 409 and response.get_json()["error"]
    staged = new_question(store, "Đang chiếu", state="staged")
    response = post_action(moderator, staged["id"], "stage")
    assert response.status_code == 409
    assert response.get_json()["question"]["on_stage"] is True


def test_unstage(moderator, store):
    question = new_question(store, state="staged")
    data = act(moderator, question["id"], "unstage")
    assert data["on_stage"] is False
    assert store.event_by_code("demo")["stage_question_id"] is None
    response = post_action(moderator, question["id"], "unstage")
    assert response.status_code == 409 and response.get_json()["error"]


def test_rejecting_the_question_on_stage_clears_the_stage(moderator, store):
    question = new_question(store, state="staged")
    data = act(moderator, question["id"], "reject", reason="Sai chủ đề")
    assert data["status"] == "rejected" and data["on_stage"] is False
    assert store.event_by_code("demo")["stage_question_id"] is None


def test_answer(moderator, store):
    question = new_question(store, state="approved")
    act(moderator, question["id"], "route", agency="CA")
    response = post_action(moderator, question["id"], "answer", **ANSWER)
    assert response.status_code == 200
    data = response.get_json()
    assert data["status"] == "answered"
    [answer] = data["answers"]
    assert answer["answered_by"] == ANSWER["answered_by"]
    assert answer["summary"] == ANSWER["summary"]
    assert answer["follow_up"] is True
    assert answer["agency"] == "CA"
    assert answer["created_by"] == "admin"
    listed = staff_list(moderator, "answered")
    assert list(listed) == [question["id"]]
    assert listed[question["id"]]["answers"][0]["summary"] == ANSWER["summary"]


def test_answer_requires_who_answered_and_a_public_question(moderator, store):
    approved = new_question(store, state="approved")
    response = post_action(moderator, approved["id"], "answer", summary="Không ghi ai trả lời")
    assert response.status_code == 400 and response.get_json()["error"]
    pending = new_question(store)
    response = post_action(moderator, pending["id"], "answer", **ANSWER)
    assert response.status_code == 409 and response.get_json()["error"]
    assert store.answers([approved["id"], pending["id"]]) == {}


def test_stale_version_conflicts_between_two_moderators(moderator, demo_moderator, store):
    question = new_question(store)
    seen = staff_list(moderator)[question["id"]]["version"]
    assert staff_list(demo_moderator)[question["id"]]["version"] == seen
    first = post_action(moderator, question["id"], "approve", version=seen)
    assert first.status_code == 200
    second = post_action(demo_moderator, question["id"], "reject", reason="Tôi chưa thấy nó đã được duyệt",
                         version=seen)
    assert second.status_code == 409
    body = second.get_json()
    assert body["error"]
    assert body["question"]["id"] == question["id"]
    assert body["question"]["status"] == "approved"
    assert body["question"]["version"] == first.get_json()["version"] > seen
    assert store.question(question["id"])["status"] == "approved"
    # with the fresh version the second moderator's action goes through
    fresh = body["question"]["version"]
    assert act(demo_moderator, question["id"], "reject", reason="Đã xem lại", version=fresh)["status"] == "rejected"


@pytest.mark.parametrize("action,body", [
    ("approve", {}), ("reject", {"reason": "x"}), ("route", {"agency": "CA"}), ("stage", {}),
    ("answer", ANSWER),
])
def test_every_action_checks_the_version(moderator, store, action, body):
    question = new_question(store, state="pending" if action in ("approve", "reject", "route") else "approved")
    response = post_action(moderator, question["id"], action, version=question["version"] - 1, **body)
    assert response.status_code == 409
    assert response.get_json()["question"]["version"] == question["version"]
    assert store.question(question["id"])["version"] == question["version"]
    response = edit(moderator, question["id"], text="Sửa khi đã cũ", version=question["version"] - 1)
    assert response.status_code == 409 and response.get_json()["question"]["text"] == question["text"]


def test_approving_twice_conflicts(moderator, demo_moderator, store):
    question = new_question(store)
    act(moderator, question["id"], "approve")
    response = post_action(demo_moderator, question["id"], "approve")
    assert response.status_code == 409
    assert response.get_json()["error"]
    assert response.get_json()["question"]["status"] == "approved"


def test_non_integer_version_is_400(moderator, store):
    question = new_question(store)
    response = post_action(moderator, question["id"], "approve", version="abc")
    assert response.status_code == 400 and response.get_json()["error"]


def test_unknown_question_is_404_for_moderators(moderator):
    response = post_action(moderator, 4242, "approve")
    assert response.status_code == 404 and response.get_json()["error"]


def test_audit_log_records_each_action(moderator, store):
    question = new_question(store, text="Câu gốc")
    act(moderator, question["id"], "approve")
    edit(moderator, question["id"], text="Câu đã sửa", topic="Đề xuất giải pháp")
    act(moderator, question["id"], "route", agency="CA")
    act(moderator, question["id"], "stage")
    act(moderator, question["id"], "unstage")
    act(moderator, question["id"], "answer", **ANSWER)
    act(moderator, question["id"], "reject", reason="Kiểm tra nhật ký")
    rows = audit_rows(store, question["id"])
    assert [r["action"] for r in rows] == [
        "question.approve", "question.edit", "question.route", "question.stage", "question.unstage",
        "question.answer", "question.reject"]
    for row in rows:
        assert row["actor"] == "admin"
        assert row["at"]
        assert row["before"]["version"] < row["after"]["version"]
    approve, edited, routed, staged, unstaged, answered, rejected = rows
    assert (approve["before"]["status"], approve["after"]["status"]) == ("pending", "approved")
    assert (edited["before"]["text"], edited["after"]["text"]) == ("Câu gốc", "Câu đã sửa")
    assert edited["after"]["original_text"] == "Câu gốc" and edited["after"]["topic"] == "Đề xuất giải pháp"
    assert (routed["before"]["agency_code"], routed["after"]["agency_code"]) == (None, "CA")
    assert (bool(staged["before"]["on_stage"]), bool(staged["after"]["on_stage"])) == (False, True)
    assert (bool(unstaged["before"]["on_stage"]), bool(unstaged["after"]["on_stage"])) == (True, False)
    assert (answered["before"]["status"], answered["after"]["status"]) == ("approved", "answered")
    assert rejected["after"]["reject_reason"] == "Kiểm tra nhật ký"


def test_audit_actor_is_the_logged_in_user(demo_moderator, store):
    question = new_question(store)
    act(demo_moderator, question["id"], "approve")
    assert [(r["actor"], r["action"]) for r in audit_rows(store, question["id"])] == [("demo-mod", "question.approve")]


def test_refused_actions_leave_no_audit(moderator, client, store):
    question = new_question(store)
    post_action(client, question["id"], "approve")  # anonymous
    post_action(moderator, question["id"], "approve", version=question["version"] + 5)  # stale
    post_action(moderator, question["id"], "stage")  # not public
    assert audit_rows(store, question["id"]) == []


def test_audit_is_append_only(app, moderator, store):
    question = new_question(store)
    act(moderator, question["id"], "approve")
    conn = sqlite3.connect(app.config["LIVE_DB"])
    try:
        with pytest.raises(sqlite3.Error, match="append-only"):
            conn.execute("UPDATE audit SET actor = 'someone else'")
        with pytest.raises(sqlite3.Error, match="append-only"):
            conn.execute("DELETE FROM audit")
        conn.rollback()
        assert conn.execute("SELECT COUNT(*) FROM audit WHERE actor = 'admin'").fetchone()[0] == 1
    finally:
        conn.close()
    # the app's own connection is held to the same rule
    with pytest.raises(sqlite3.Error):
        store._run("DELETE FROM audit")


# --- permission matrix -----------------------------------------------------------------------

ENDPOINTS = {
    # name: (method, url suffix, body, state the question must be in for the action to succeed)
    "approve": ("POST", "/approve", {}, "pending"),
    "reject": ("POST", "/reject", {"reason": "Không phù hợp"}, "pending"),
    "stage": ("POST", "/stage", {}, "approved"),
    "unstage": ("POST", "/unstage", {}, "staged"),
    "route": ("POST", "/route", {"agency": "CA"}, "pending"),
    "answer": ("POST", "/answer", ANSWER, "approved"),
    "edit": ("PATCH", "", {"text": "Nội dung đã biên tập"}, "pending"),
}
ROLES = {
    "anonymous": ("client", 401),
    "moderator of another event": ("other_moderator", 403),
    "moderator of this event": ("demo_moderator", 200),
    "organizer": ("moderator", 200),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_permission_matrix(request, store, endpoint, role):
    method, suffix, body, state = ENDPOINTS[endpoint]
    fixture, expected = ROLES[role]
    caller = request.getfixturevalue(fixture)
    question = new_question(store, state=state)
    response = caller.open(f"/api/v1/questions/{question['id']}{suffix}", method=method, json=body)
    assert response.status_code == expected, response.get_json()
    after = store.question(question["id"])
    if expected >= 400:
        assert response.get_json()["error"]
        assert after["version"] == question["version"]  # nothing changed
    else:
        assert response.get_json()["id"] == question["id"]
        assert after["version"] > question["version"]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_conclusion(request, role):
    fixture, expected = ROLES[role]
    response = request.getfixturevalue(fixture).get("/api/v1/events/demo/conclusion.docx")
    assert response.status_code == expected
    if expected >= 400:
        assert response.get_json()["error"]
    else:
        assert response.data[:2] == b"PK"


def test_moderator_for_every_event_may_moderate_demo(make_moderator, store):
    everywhere = make_moderator("roaming-mod")
    question = new_question(store)
    assert act(everywhere, question["id"], "approve")["status"] == "approved"
    after = store.question(question["id"])
    assert after["status"] == "approved" and after["version"] > question["version"]
    assert [(r["actor"], r["action"]) for r in audit_rows(store, question["id"])] == [("roaming-mod", "question.approve")]


@pytest.mark.parametrize("fixture,expected", [("client", 401), ("demo_moderator", 403), ("other_moderator", 403)])
def test_only_organizers_manage_events(request, store, fixture, expected):
    caller = request.getfixturevalue(fixture)
    response = caller.post("/api/v1/events", json={"code": "moi", "title": "Sự kiện mới"})
    assert response.status_code == expected and response.get_json()["error"]
    response = caller.patch("/api/v1/events/demo", json={"title": "Đổi tên"})
    assert response.status_code == expected and response.get_json()["error"]
    assert store.event_by_code("moi") is None
    assert store.event_by_code("demo")["title"] != "Đổi tên"
