"""Who sees what: public questions for all, own questions for their author, everything for moderators."""
import pytest

from live.dialogue import questions

URL = "/api/v1/events/demo/questions"


def listed(client, status=None):
    response = client.get(URL, query_string={"status": status} if status else None)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["questions"]


@pytest.fixture
def board(client, new_client, store, ask):
    """One question in every state: `client` wrote `own_pending` and `own_rejected`."""
    other = new_client()
    made = {
        "own_pending": ask(client, "Câu của tôi đang chờ duyệt"),
        "own_rejected": ask(client, "Câu của tôi bị từ chối"),
        "other_pending": ask(other, "Câu bí mật của người khác"),
        "other_rejected": ask(other, "Câu bị từ chối của người khác"),
        "approved": ask(other, "Câu đã duyệt"),
        "answered": ask(other, "Câu đã trả lời"),
        "staged": ask(other, "Câu đang trình chiếu"),
    }
    ids = {name: q["id"] for name, q in made.items()}
    questions.reject(store, ids["own_rejected"], "test", reason="Nội dung trùng lặp")
    questions.reject(store, ids["other_rejected"], "test", reason="Lý do riêng")
    for name in ("approved", "answered", "staged"):
        questions.approve(store, ids[name], "test")
    questions.act(store, ids["answered"], "test", "question.answer", None, lambda q: {"status": "answered"})
    questions.stage(store, ids["staged"], "test")
    return ids


def test_attendee_sees_public_and_own(client, board):
    data = {q["id"]: q for q in listed(client)}
    assert set(data) == {board[n] for n in ("own_pending", "own_rejected", "approved", "answered", "staged")}
    assert data[board["own_pending"]]["status"] == "pending" and data[board["own_pending"]]["mine"] is True
    own_rejected = data[board["own_rejected"]]
    assert own_rejected["status"] == "rejected"
    assert own_rejected["reject_reason"] == "Nội dung trùng lặp"
    assert data[board["approved"]]["mine"] is False
    assert "reject_reason" not in data[board["approved"]]  # only for the author or moderators
    assert "original_text" not in data[board["approved"]]
    assert data[board["staged"]]["on_stage"] is True


def test_attendee_never_sees_others_pending_or_rejected(client, board):
    text = client.get(URL).get_data(as_text=True)
    assert "Câu bí mật của người khác" not in text
    assert "Câu bị từ chối của người khác" not in text
    assert "Lý do riêng" not in text


def test_a_new_attendee_sees_only_public(new_client, board):
    stranger = new_client()
    data = listed(stranger)
    assert sorted(q["id"] for q in data) == sorted(board[n] for n in ("approved", "answered", "staged"))
    assert all(q["status"] in ("approved", "answered") for q in data)
    assert all(q["mine"] is False for q in data)


def test_a_forged_attendee_cookie_is_a_stranger(client, new_client, board):
    forger = new_client()
    forger.set_cookie("live_attendee", client.get_cookie("live_attendee").value + "x")
    ids = {q["id"] for q in listed(forger)}
    assert board["own_pending"] not in ids and board["own_rejected"] not in ids


def test_attendee_status_filter_stays_within_what_they_may_see(client, new_client, board):
    assert [q["id"] for q in listed(client, "pending")] == [board["own_pending"]]
    assert [q["id"] for q in listed(client, "rejected")] == [board["own_rejected"]]
    assert listed(new_client(), "pending") == []
    assert [q["id"] for q in listed(new_client(), "on_stage")] == [board["staged"]]


def test_moderators_see_all(moderator, demo_moderator, board):
    for staff in (moderator, demo_moderator):
        data = {q["id"]: q for q in listed(staff)}
        assert set(data) == set(board.values())
        assert data[board["other_pending"]]["text"] == "Câu bí mật của người khác"
        assert data[board["other_rejected"]]["reject_reason"] == "Lý do riêng"
        assert "original_text" in data[board["approved"]] and "answers" in data[board["approved"]]


def test_a_moderator_of_another_event_sees_only_public(other_moderator, board):
    ids = {q["id"] for q in listed(other_moderator)}
    assert ids == {board[n] for n in ("approved", "answered", "staged")}


@pytest.mark.parametrize("status,names", [
    ("pending", ["own_pending", "other_pending"]),
    ("rejected", ["own_rejected", "other_rejected"]),
    ("approved", ["approved", "staged"]),
    ("answered", ["answered"]),
    ("on_stage", ["staged"]),
])
def test_moderator_status_filter(moderator, board, status, names):
    data = listed(moderator, status)
    assert sorted(q["id"] for q in data) == sorted(board[n] for n in names)
    assert {q["status"] for q in data} == {"approved" if status == "on_stage" else status}  # staged: approved


@pytest.mark.parametrize("status", ["bogus", "PENDING", "public", "on stage"])
def test_invalid_status_is_400(moderator, client, board, status):
    for caller in (moderator, client):
        response = caller.get(URL, query_string={"status": status})
        assert response.status_code == 400
        assert response.get_json()["error"]


def test_unknown_event_is_404(client):
    response = client.get("/api/v1/events/khong-co/questions")
    assert response.status_code == 404 and response.get_json()["error"]


def test_event_and_agencies(client):
    event = client.get("/api/v1/events/demo").get_json()
    assert event["code"] == "demo" and len(event["topics"]) == 4
    agencies = client.get("/api/v1/events/DEMO/agencies").get_json()["agencies"]
    assert any(a["code"] == "CA" and a["name"] == "Công an tỉnh" for a in agencies)
    assert all(set(a) >= {"code", "name"} for a in agencies)
    for response in (client.get("/api/v1/events/khong-co"), client.get("/api/v1/events/khong-co/agencies")):
        assert response.status_code == 404 and response.get_json()["error"]
