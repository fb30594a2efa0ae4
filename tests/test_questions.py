"""Submitting questions: cleaning, limits, authors, topics, idempotency, auto-approval."""
import unicodedata

import pytest

from live.dialogue import events

URL = "/api/v1/events/demo/questions"
TOPIC = "Trách nhiệm của thanh niên"


def rows(store):
    return store._all("SELECT * FROM question ORDER BY id")


def test_submit_creates_pending_question(client, store):
    response = client.post(URL, json={"text": "Tỉnh có kế hoạch gì để bảo vệ thanh niên trên mạng?"})
    assert response.status_code == 201
    data = response.get_json()
    assert data["status"] == "pending"
    assert data["text"] == "Tỉnh có kế hoạch gì để bảo vệ thanh niên trên mạng?"
    assert data["votes"] == 0
    assert data["mine"] is True
    assert isinstance(data["id"], int)
    assert response.headers["Idempotent-Replayed"] == "false"
    # the anonymous attendee got a signed cookie, and the row is theirs
    assert client.get_cookie("live_attendee") is not None
    [row] = rows(store)
    assert row["id"] == data["id"] and row["status"] == "pending" and row["attendee_id"]


def test_text_is_trimmed_and_spaces_folded(client, ask):
    data = ask(client, "   Xin hỏi   về\tđiều  này?  \n\n")
    assert data["text"] == "Xin hỏi về điều này?"


def test_decomposed_vietnamese_is_stored_nfc(client, store, ask):
    nfc = "Thanh niên hỏi về mạng xã hội"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    data = ask(client, nfd)
    assert data["text"] == nfc
    assert unicodedata.is_normalized("NFC", data["text"])
    assert rows(store)[0]["text"] == nfc


def test_length_is_counted_after_nfc(client, ask):
    """500 precomposed letters are accepted even though their NFD form is longer."""
    text = "ế" * 500
    nfd = unicodedata.normalize("NFD", text)
    assert len(nfd) > 500
    assert ask(client, nfd)["text"] == text


def test_one_and_five_hundred_characters_are_accepted(client, ask):
    assert ask(client, "?")["text"] == "?"
    assert ask(client, "a" * 500)["text"] == "a" * 500


@pytest.mark.parametrize("payload", [
    {"text": ""},
    {"text": "   \n\t  "},
    {"text": "\u200b"},
    {},
    {"text": None},
    {"text": "a" * 501},
    {"text": 42},
    {"text": ["a list"]},
])
def test_invalid_text_is_rejected(client, store, payload):
    response = client.post(URL, json=payload)
    assert response.status_code == 400
    assert response.is_json and response.get_json()["error"]
    assert rows(store) == []


def test_author_is_optional(client, ask):
    assert ask(client, "Câu hỏi ẩn danh")["author"] is None
    assert ask(client, "Câu hỏi có tên", author="  Nguyễn Thị Lan  ")["author"] == "Nguyễn Thị Lan"
    assert ask(client, "Tên để trống", author="   ")["author"] is None


def test_author_too_long_is_rejected(client):
    response = client.post(URL, json={"text": "Câu hỏi", "author": "x" * 81})
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_topic_must_be_one_of_the_events(client, app, store, ask):
    assert ask(client, "Có chủ đề", topic=TOPIC)["topic"] == TOPIC
    assert ask(client, "Không chủ đề")["topic"] is None
    response = client.post(URL, json={"text": "Chủ đề lạ", "topic": "Không có chủ đề này"})
    assert response.status_code == 400 and response.get_json()["error"]
    # a topic of another event does not belong to this one
    events.create(store, "test", "khac", topics=["Chủ đề riêng"], title="Sự kiện khác")
    response = client.post(URL, json={"text": "Chủ đề sự kiện khác", "topic": "Chủ đề riêng"})
    assert response.status_code == 400
    assert [q["text"] for q in rows(store)] == ["Có chủ đề", "Không chủ đề"]


def test_unknown_event_is_404(client):
    response = client.post("/api/v1/events/khong-co/questions", json={"text": "Câu hỏi"})
    assert response.status_code == 404
    assert response.get_json()["error"]


def test_same_client_id_from_same_attendee_returns_same_question(client, store):
    first = client.post(URL, json={"text": "Gửi lại khi mạng chập chờn", "client_id": "c-1"})
    again = client.post(URL, json={"text": "Gửi lại khi mạng chập chờn", "client_id": "c-1"})
    assert first.status_code == 201 and again.status_code == 201
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(rows(store)) == 1


def test_client_id_is_per_attendee(client, new_client, store):
    other = new_client()
    mine = client.post(URL, json={"text": "Câu hỏi của tôi", "client_id": "same"}).get_json()
    theirs = other.post(URL, json={"text": "Câu hỏi của bạn", "client_id": "same"}).get_json()
    assert mine["id"] != theirs["id"]
    assert theirs["text"] == "Câu hỏi của bạn"
    different = client.post(URL, json={"text": "Câu hỏi thứ hai", "client_id": "other"}).get_json()
    assert different["id"] not in (mine["id"], theirs["id"])
    assert len(rows(store)) == 3


def test_without_client_id_each_post_is_new(client, store, ask):
    assert ask(client, "Hai lần")["id"] != ask(client, "Hai lần")["id"]
    assert len(rows(store)) == 2


def test_client_id_too_long_is_rejected(client):
    response = client.post(URL, json={"text": "Câu hỏi", "client_id": "x" * 65})
    assert response.status_code == 400 and response.get_json()["error"]


def test_without_approval_questions_are_public_at_once(client, new_client, store, ask):
    events.update(store, "test", "demo", requires_approval=False)
    data = ask(client, "Không cần duyệt")
    assert data["status"] == "approved"
    listed = new_client().get(URL).get_json()["questions"]
    assert [q["text"] for q in listed] == ["Không cần duyệt"]
    # and others may vote on it right away
    assert new_client().post(f"/api/v1/questions/{data['id']}/vote").get_json() == {"votes": 1, "voted": True}


def test_each_question_raises_the_event_version(client, store, ask):
    before = store.event_by_code("demo")["version"]
    first = ask(client, "Một")
    second = ask(client, "Hai")
    assert before < first["version"] < second["version"] == store.event_by_code("demo")["version"]
