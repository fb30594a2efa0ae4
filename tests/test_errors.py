"""Every API error is a 4xx with JSON {"error": ...}, never a 500; pages get an HTML error page."""
import pytest

from live.dialogue import questions

BIG = "x" * (64 * 1024 + 1)


def assert_json_error(response, status):
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.is_json
    error = response.get_json()["error"]
    assert isinstance(error, str) and error


@pytest.mark.parametrize("method,url", [
    ("GET", "/api/v1/khong-co"),
    ("GET", "/api/v1/events/khong-co"),
    ("GET", "/api/v1/events/khong-co/questions"),
    ("GET", "/api/v1/events/khong-co/agencies"),
    ("POST", "/api/v1/questions/12345/vote"),
    ("POST", "/api/v1/questions/abc/vote"),
])
def test_api_404(client, method, url):
    assert_json_error(client.open(url, method=method), 404)


@pytest.mark.parametrize("method,url", [
    ("DELETE", "/api/v1/events/demo"),
    ("PUT", "/api/v1/events/demo/questions"),
    ("GET", "/api/v1/login"),
    ("GET", "/api/v1/questions/1/approve"),
])
def test_api_405(client, method, url):
    response = client.open(url, method=method)
    assert_json_error(response, 405)
    assert response.headers["Allow"]


@pytest.mark.parametrize("url", [
    "/api/v1/events/demo/questions", "/api/v1/login", "/api/v1/questions/{id}/approve", "/api/v1/events",
])
@pytest.mark.parametrize("data", ["{not json", '["a", "list"]', '"a string"', "42", "null", "\xff\xfe"])
def test_api_bad_json_is_400(moderator, store, url, data):
    question, _ = questions.submit(store, store.event_by_code("demo"), "attendee", "Câu hỏi")
    response = moderator.post(url.format(id=question["id"]), data=data.encode("latin-1"),
                              content_type="application/json")
    assert_json_error(response, 400)
    assert store.question(question["id"])["status"] == "pending"


@pytest.mark.parametrize("url", ["/api/v1/events/demo/questions", "/api/v1/login", "/api/v1/events"])
def test_api_body_over_64_kb_is_413(moderator, store, url):
    response = moderator.post(url, data='{"text": "' + BIG + '"}', content_type="application/json")
    assert_json_error(response, 413)
    assert store._all("SELECT * FROM question") == []


def test_a_body_just_under_the_limit_is_read(client):
    """64 KB is the limit for the whole body; a long text inside it is a 400, not a 413."""
    response = client.post("/api/v1/events/demo/questions", json={"text": "x" * 60000})
    assert_json_error(response, 400)


def test_api_401_is_json(client):
    assert_json_error(client.get("/api/v1/me"), 401)
    assert_json_error(client.post("/api/v1/login", json={"username": "admin", "password": "sai"}), 401)
    assert_json_error(client.post("/api/v1/login", json={"username": "khong-co", "password": "x" * 10}), 401)
    assert_json_error(client.post("/api/v1/login", json={}), 401)


def test_login_and_logout(client, login):
    response = login(client, "admin", "admin-password")
    assert response.status_code == 200
    assert response.get_json()["user"] == {"username": "admin", "role": "organizer", "event": None, "agency": None,
                                           "area": None}
    assert client.get("/api/v1/me").status_code == 200
    assert client.post("/api/v1/logout").get_json() == {"ok": True}
    assert_json_error(client.get("/api/v1/me"), 401)


# Wrong types in every field of every JSON endpoint: always a clear 4xx, never a 500.
WRONG_VALUES = [None, 0, 12345678, True, [], ["x"], {}, {"a": 1}, 10 ** 30, -1.5]
ENDPOINTS = [
    ("POST", "/api/v1/login", ["username", "password"]),
    ("POST", "/api/v1/events/demo/questions", ["text", "client_id", "author", "topic"]),
    ("POST", "/api/v1/questions/{id}/reject", ["reason", "version"]),
    ("POST", "/api/v1/questions/{id}/route", ["agency", "version"]),
    ("POST", "/api/v1/questions/{id}/answer", ["answered_by", "summary", "agency", "version"]),
    ("PATCH", "/api/v1/questions/{id}", ["text", "topic", "version"]),
    ("POST", "/api/v1/events", ["code", "title", "theme", "date", "venue", "topics", "agencies"]),
    ("PATCH", "/api/v1/events/demo", ["title", "theme", "date", "venue", "topics", "agencies"]),
]
VALID = {
    "username": "admin", "password": "admin-password", "text": "Câu hỏi", "reason": "Lý do",
    "agency": "CA", "answered_by": "Giám đốc", "summary": "Tóm tắt", "code": "su-kien-moi",
    "title": "Sự kiện", "theme": "", "date": "2025-01-01", "venue": "", "topics": ["A"],
    "agencies": [{"code": "CA", "name": "Công an tỉnh"}],
}


@pytest.mark.parametrize("method,url,fields", ENDPOINTS, ids=[e[1] for e in ENDPOINTS])
def test_wrong_types_never_cause_a_500(app, moderator, store, publish, method, url, fields):
    question_id = None
    failures = []
    for field in fields:
        for value in WRONG_VALUES:
            if question_id is None or store.question(question_id)["status"] != "approved":
                event = store.event_by_code("demo")
                question_id = questions.submit(store, event, "typist", "Câu hỏi thử kiểu")[0]["id"]
                publish(question_id)
            body = {key: VALID[key] for key in fields if key in VALID}
            body[field] = value
            client = moderator if "login" not in url else app.test_client()
            response = client.open(url.format(id=question_id), method=method, json=body)
            if response.status_code >= 500 or not response.is_json:
                failures.append((field, value, response.status_code))
            elif response.status_code >= 400 and not response.get_json().get("error"):
                failures.append((field, value, "no error message"))
            if url == "/api/v1/events" and response.status_code == 201:  # free the code for the next try
                store._run("UPDATE event SET code = 'cu-' || id WHERE code = 'su-kien-moi'")
    assert not failures, "(field, value, status) answered badly:\n" + "\n".join(map(repr, failures))


def test_a_question_id_beyond_sqlite_integers_is_404(client, moderator):
    huge = 10 ** 20
    assert_json_error(client.post(f"/api/v1/questions/{huge}/vote"), 404)
    assert_json_error(moderator.post(f"/api/v1/questions/{huge}/approve"), 404)


@pytest.mark.parametrize("url", ["/khong-co-trang-nay", "/e/khong-co", "/e/khong-co/screen", "/mod/khong-co"])
def test_page_404_is_html(client, moderator, url):
    # a staff page says 404 to who may moderate every event only: anyone else is sent to log in first
    response = (moderator if url.startswith("/mod/") else client).get(url)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert not response.is_json
    assert "<html" in response.get_data(as_text=True).lower()


def test_page_405_is_html(client):
    response = client.delete("/e/demo")
    assert response.status_code == 405
    assert response.mimetype == "text/html"
