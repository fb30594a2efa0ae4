"""Every state-changing API endpoint x every role, anonymous included. The table below must name
every POST/PUT/PATCH/DELETE route under /api/v1: a new route without a rule fails the first test."""
import io
import re

import pytest

from live.dialogue import answers, api_keys, chair, events, merges, questions, users

from .conftest import ADMIN_PASSWORD, STAFF_PASSWORD, login

ANYONE, STAFF, MODERATOR, ORGANIZER, AGENCY = "anyone", "staff", "moderator", "organizer", "agency"
# A channel's system with its API key (Authorization: Bearer): whoever else is logged in, the key
# decides; each role must succeed with the key and get 401 without it.
KEY = "key"
ROLES = ("anonymous", "responder", "other_moderator", "moderator", "organizer")
ALLOWED = {
    ANYONE: set(ROLES),
    STAFF: {"responder", "other_moderator", "moderator", "organizer"},
    MODERATOR: {"moderator", "organizer"},
    ORGANIZER: {"organizer"},
    AGENCY: {"responder", "moderator", "organizer"},  # the responder's own agency's question
    KEY: set(ROLES),
}


def _question(store, status="approved", agency="CA"):
    event = store.event_by_code("demo")
    question, _ = questions.submit(store, event, "attendee-x", "Câu hỏi cho ma trận quyền")
    if status != "pending":
        questions.approve(store, question["id"], "test")
    questions.route(store, question["id"], "test", event, agency)
    return question["id"]


def _answer(store):
    question_id = _question(store)
    event = store.event_by_code("demo")
    answers.record(store, question_id, "test", event, "Giám đốc Công an tỉnh", "Tóm tắt")
    return store.answers([question_id])[question_id][0]["id"]


def _message(store):
    return chair.send(store, store.event_by_code("demo"), store.user_by_name("admin"), "5 phút nữa")["id"]


def _portal_key(store):
    """Authorization headers with a new portal key of the demo event."""
    _, secret = api_keys.create(store, store.event_by_code("demo"), "test", "portal", "Cổng TTĐT tỉnh")
    return {"headers": {"Authorization": f"Bearer {secret}"}}


def _key_id(store):
    key, _ = api_keys.create(store, store.event_by_code("demo"), "test", "press", "Báo Lào Cai")
    return key["id"]


def _spreadsheet():
    content = "Nội dung câu hỏi;Kênh\nCâu hỏi từ Đoàn huyện;Đoàn huyện\n".encode()
    return {"data": {"file": (io.BytesIO(content), "de-xuat.csv")}, "content_type": "multipart/form-data"}


# (method, route rule) -> (who may, a function of the store giving (path, json body[, other request arguments]))
RULES = {
    ("POST", "/api/v1/login"): (ANYONE, lambda s: ("/api/v1/login", {"username": "admin", "password": "x"})),
    ("POST", "/api/v1/logout"): (ANYONE, lambda s: ("/api/v1/logout", None)),
    ("POST", "/api/v1/logout-everywhere"): (STAFF, lambda s: ("/api/v1/logout-everywhere", None)),
    ("POST", "/api/v1/events/<code>/questions"): (
        ANYONE, lambda s: ("/api/v1/events/demo/questions", {"text": "Câu hỏi mới"})),
    ("POST", "/api/v1/questions/<id:question_id>/vote"): (
        ANYONE, lambda s: (f"/api/v1/questions/{_question(s)}/vote", None)),
    ("DELETE", "/api/v1/questions/<id:question_id>/vote"): (
        ANYONE, lambda s: (f"/api/v1/questions/{_question(s)}/vote", None)),
    ("POST", "/api/v1/questions/<id:question_id>/approve"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s, 'pending')}/approve", None)),
    ("POST", "/api/v1/questions/<id:question_id>/reject"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s, 'pending')}/reject", {"reason": "Trùng"})),
    ("POST", "/api/v1/questions/<id:question_id>/stage"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s)}/stage", None)),
    ("POST", "/api/v1/questions/<id:question_id>/unstage"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_staged(s)}/unstage", None)),
    ("POST", "/api/v1/questions/<id:question_id>/route"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s)}/route", {"agency": "STTTT"})),
    ("POST", "/api/v1/questions/<id:question_id>/answer"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s)}/answer", {"answered_by": "Giám đốc", "summary": "x"})),
    ("POST", "/api/v1/questions/<id:question_id>/merge"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s, 'pending')}/merge", {"into": _question(s)})),
    ("POST", "/api/v1/questions/<id:question_id>/unmerge"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_merged(s)}/unmerge", None)),
    ("PATCH", "/api/v1/questions/<id:question_id>"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s)}", {"note": "Chuẩn bị số liệu"})),
    ("POST", "/api/v1/questions/<id:question_id>/block-author"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s, 'pending')}/block-author", None)),
    ("DELETE", "/api/v1/questions/<id:question_id>/block-author"): (
        MODERATOR, lambda s: (f"/api/v1/questions/{_question(s, 'pending')}/block-author", None)),
    ("POST", "/api/v1/questions/<id:question_id>/written-answer"): (
        AGENCY, lambda s: (f"/api/v1/questions/{_question(s)}/written-answer", {"text": "Trả lời bằng văn bản"})),
    ("PATCH", "/api/v1/answers/<id:answer_id>"): (
        MODERATOR, lambda s: (f"/api/v1/answers/{_answer(s)}", {"summary": "Đã sửa"})),
    ("POST", "/api/v1/events/<code>/chair/messages"): (
        MODERATOR, lambda s: ("/api/v1/events/demo/chair/messages", {"text": "5 phút nữa"})),
    ("POST", "/api/v1/events/<code>/chair/messages/<id:message_id>/read"): (
        MODERATOR, lambda s: (f"/api/v1/events/demo/chair/messages/{_message(s)}/read", None)),
    ("PATCH", "/api/v1/events/<code>/notice"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo/notice", {"place": "Lào Cai"})),
    ("POST", "/api/v1/events/<code>/publish"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo/publish", {"published": True})),
    ("POST", "/api/v1/events/<code>/phase"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo/phase", {"phase": "collecting"})),
    ("POST", "/api/v1/events"): (
        ORGANIZER, lambda s: ("/api/v1/events", {"code": "moi-2025", "title": "Sự kiện mới"})),
    ("PATCH", "/api/v1/events/<code>"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo", {"venue": "Hội trường tỉnh"})),
    ("POST", "/api/v1/events/<code>/intake"): (
        KEY, lambda s: ("/api/v1/events/demo/intake", {"external_id": "42", "text": "Câu hỏi từ Cổng"}, _portal_key(s))),
    ("POST", "/api/v1/events/<code>/intake-keys"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo/intake-keys", {"channel": "portal", "label": "Cổng TTĐT tỉnh"})),
    ("DELETE", "/api/v1/events/<code>/intake-keys/<id:key_id>"): (
        ORGANIZER, lambda s: (f"/api/v1/events/demo/intake-keys/{_key_id(s)}", None)),
    ("POST", "/api/v1/events/<code>/imports"): (
        ORGANIZER, lambda s: ("/api/v1/events/demo/imports", None, _spreadsheet())),
}


def _merged(store):
    question_id = _question(store)
    merges.merge(store, question_id, _question(store), "test")
    return question_id


def _staged(store):
    question_id = _question(store)
    questions.stage(store, question_id, "test")
    return question_id


def test_every_state_changing_api_route_has_a_rule(app):
    routes = {(method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")
              for method in rule.methods & {"POST", "PUT", "PATCH", "DELETE"}}
    assert routes == set(RULES)


@pytest.fixture
def as_role(app, store):
    """as_role(name) -> a client acting as that role."""
    def client_for(role):
        client = app.test_client()
        if role == "anonymous":
            return client
        if role == "organizer":
            assert login(client, "admin", ADMIN_PASSWORD).status_code == 200
            return client
        if role == "moderator":
            users.create(store, "mod-demo", STAFF_PASSWORD, users.MODERATOR, store.event_by_code("demo"))
        elif role == "other_moderator":
            other = events.create(store, "test", "su-kien-khac", title="Sự kiện khác")
            users.create(store, "mod-other", STAFF_PASSWORD, users.MODERATOR, other)
        else:
            users.create(store, "cong-an", STAFF_PASSWORD, users.RESPONDER, store.event_by_code("demo"), "CA")
        name = {"moderator": "mod-demo", "other_moderator": "mod-other", "responder": "cong-an"}[role]
        assert login(client, name, STAFF_PASSWORD).status_code == 200
        return client
    return client_for


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(RULES), ids=lambda r: f"{r[0]} {re.sub(r'<[^>]*>', '*', r[1])}")
def test_role_matrix(as_role, store, route, role):
    method, _ = route
    who, request_for = RULES[route]
    client = as_role(role)
    path, body, *extra = request_for(store)
    arguments = extra[0] if extra else {}
    if who == KEY:
        refused = client.open(path, method=method, json=body)
        assert refused.status_code == 401 and refused.is_json, refused.get_json()
    response = client.open(path, method=method, json=body, **arguments)
    assert response.is_json and response.status_code < 500
    if role in ALLOWED[who]:
        # allowed: never refused for the role (a wrong password at login is still 401)
        assert response.status_code not in (403,) and (response.status_code != 401 or route[1] == "/api/v1/login")
        assert response.status_code < 300 or route[1] == "/api/v1/login", response.get_json()
    else:
        assert response.status_code == (401 if role == "anonymous" else 403), response.get_json()
