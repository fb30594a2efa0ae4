"""Live polls: making them, one answer per attendee, results hidden until revealed, on every channel."""
import sqlite3

import pytest

from live.dialogue import polls

from .helpers import attendee

SCAM = "Bạn đã từng gặp lừa đảo trực tuyến chưa?"
NEWS = "Bạn lấy tin tức chủ yếu từ đâu?"


def create(client, expect=201, **poll):
    response = client.post("/api/v1/events/demo/polls", json=poll)
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def opened(client, **poll):
    return create(client, open=True, **poll)


def answer(client, poll, *labels, expect=200, **about):
    ids = [option["id"] for option in poll["options"] if option["label"] in labels]
    response = client.post(f"/api/v1/polls/{poll['id']}/answer", json={"choices": ids, **about})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def counts(client, poll):
    results = client.get(f"/api/v1/polls/{poll['id']}/results").get_json()
    return results["total"], {option["label"]: option["count"] for option in results["options"]}


@pytest.mark.parametrize("poll, said", [
    ({"text": SCAM}, "danh sách"),
    ({"text": SCAM, "options": []}, "từ 2 đến 10"),
    ({"text": SCAM, "options": ["Có"]}, "từ 2 đến 10"),
    ({"text": SCAM, "options": [f"Phương án {n}" for n in range(11)]}, "từ 2 đến 10"),
    ({"text": SCAM, "options": ["Có", "có"]}, "trùng"),
    ({"text": SCAM, "options": ["Có", ""]}, "để trống"),
    ({"text": SCAM, "options": ["Có", 2]}, "văn bản"),
    ({"text": "", "options": ["Có", "Chưa"]}, "câu hỏi thăm dò"),
    ({"text": SCAM, "kind": "ranking", "options": ["Có", "Chưa"]}, "Loại thăm dò"),
    ({"text": NEWS, "kind": "multiple", "options": ["Facebook", "Báo"], "max_choices": 3}, "tối đa"),
    ({"text": NEWS, "kind": "scale", "options": ["1", "2", "3"]}, "từ 5 đến 5"),
])
def test_a_bad_poll_is_refused(moderator, poll, said):
    response = moderator.post("/api/v1/events/demo/polls", json=poll)
    assert response.status_code == 400 and said in response.get_json()["error"]


def test_a_scale_has_five_points_and_a_mean(moderator, new_client):
    poll = opened(moderator, text="Bạn đánh giá mức độ an toàn của môi trường mạng hiện nay?", kind="scale")
    assert [option["label"] for option in poll["options"]] == ["1", "2", "3", "4", "5"]
    for point in ("2", "4", "4"):
        answer(new_client(), poll, point)
    results = moderator.get(f"/api/v1/polls/{poll['id']}/results").get_json()
    assert results["total"] == 3 and results["mean"] == 3.3


def test_one_answer_per_attendee_changed_while_open(moderator, new_client):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    phone = new_client()
    assert answer(phone, poll, "Đã từng")["changed"] is True
    assert answer(phone, poll, "Đã từng")["changed"] is False  # sent again (a phone back online)
    answer(new_client(), poll, "Đã từng")
    assert counts(moderator, poll) == (2, {"Đã từng": 2, "Chưa từng": 0})
    assert answer(phone, poll, "Chưa từng")["choices"] == [poll["options"][1]["id"]]
    assert counts(moderator, poll) == (2, {"Đã từng": 1, "Chưa từng": 1})


def test_the_database_holds_one_answer_per_attendee(store, moderator):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    polls.answer(store, poll["id"], "attendee-1", [poll["options"][0]["id"]])
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO poll_answer (poll_id, attendee_id) VALUES (?, 'attendee-1')", (poll["id"],))


def test_multiple_choice_up_to_its_maximum(moderator, new_client):
    poll = opened(moderator, text=NEWS, kind="multiple", options=["Facebook", "TikTok", "Báo điện tử", "Truyền hình"],
                  max_choices=2)
    phone = new_client()
    refused = answer(phone, poll, "Facebook", "TikTok", "Báo điện tử", expect=400)
    assert "tối đa 2" in refused["error"]
    answer(phone, poll, "Facebook", "TikTok")
    answer(new_client(), poll, "Facebook")
    assert counts(moderator, poll) == (2, {"Facebook": 2, "TikTok": 1, "Báo điện tử": 0, "Truyền hình": 0})
    results = moderator.get(f"/api/v1/polls/{poll['id']}/results").get_json()
    assert [option["percent"] for option in results["options"]] == [100, 50, 0, 0]  # of those who answered


@pytest.mark.parametrize("body, said", [
    ({"choices": []}, "ít nhất một"),
    ({"choices": "1"}, "ít nhất một"),
    ({"choices": [True]}, "ít nhất một"),
    ({"choices": [987654]}, "không có trong"),
    ({}, "ít nhất một"),
])
def test_a_bad_answer_is_refused_and_not_counted(moderator, client, body, said):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    response = client.post(f"/api/v1/polls/{poll['id']}/answer", json=body)
    assert response.status_code == 400 and said in response.get_json()["error"]
    assert counts(moderator, poll)[0] == 0


def test_an_option_of_another_poll_is_refused(moderator, client):
    first = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    second = opened(moderator, text=NEWS, options=["Facebook", "Báo"])
    response = client.post(f"/api/v1/polls/{first['id']}/answer", json={"choices": [second["options"][0]["id"]]})
    assert response.status_code == 400


def test_a_draft_is_unknown_to_phones_and_a_closed_poll_takes_no_answer(moderator, client):
    poll = create(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    assert answer(client, poll, "Đã từng", expect=404)["error"]
    assert client.get(f"/api/v1/polls/{poll['id']}/results").status_code == 404
    assert poll["id"] not in [p["id"] for p in client.get("/api/v1/events/demo/polls").get_json()["polls"]]
    assert moderator.post(f"/api/v1/polls/{poll['id']}/close").status_code == 409  # not open yet
    assert moderator.post(f"/api/v1/polls/{poll['id']}/open").status_code == 200
    answer(client, poll, "Đã từng")
    assert moderator.post(f"/api/v1/polls/{poll['id']}/close").status_code == 200
    refused = answer(client, poll, "Chưa từng", expect=409)
    assert "đã đóng" in refused["error"]
    assert counts(moderator, poll) == (1, {"Đã từng": 1, "Chưa từng": 0})


def test_only_a_draft_is_edited(moderator):
    poll = create(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    edited = moderator.patch(f"/api/v1/polls/{poll['id']}", json={"options": ["Có", "Không", "Không nhớ"]})
    assert [option["label"] for option in edited.get_json()["options"]] == ["Có", "Không", "Không nhớ"]
    moderator.post(f"/api/v1/polls/{poll['id']}/open")
    assert moderator.patch(f"/api/v1/polls/{poll['id']}", json={"text": "Khác"}).status_code == 409


def test_a_blocked_attendee_cannot_answer(moderator, new_client, ask, publish):
    phone = attendee(new_client)
    question = ask(phone, "Câu hỏi không phù hợp")
    assert moderator.post(f"/api/v1/questions/{question['id']}/block-author").status_code == 200
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    assert answer(phone, poll, "Đã từng", expect=403)["error"]
    assert counts(moderator, poll)[0] == 0


def test_results_are_hidden_from_phones_until_revealed(moderator, client, new_client):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    answer(client, poll, "Đã từng")
    hidden = client.get(f"/api/v1/polls/{poll['id']}/results").get_json()
    assert hidden == {"poll": poll["id"], "total": 1}
    listed = client.get("/api/v1/events/demo/polls").get_json()["polls"]
    mine = next(p for p in listed if p["id"] == poll["id"])
    assert mine["results"] == hidden and mine["mine"] == [poll["options"][0]["id"]]
    moderator.post(f"/api/v1/polls/{poll['id']}/reveal")
    assert counts(new_client(), poll) == (1, {"Đã từng": 1, "Chưa từng": 0})
    moderator.post(f"/api/v1/polls/{poll['id']}/reveal", json={"revealed": False})
    assert "options" not in new_client().get(f"/api/v1/polls/{poll['id']}/results").get_json()


def test_results_by_what_attendees_said_of_themselves(store, moderator, new_client):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    answer(new_client(), poll, "Đã từng", youth_group="student", district="Sa Pa")
    answer(new_client(), poll, "Chưa từng", youth_group="student")
    answer(new_client(), poll, "Đã từng")
    found = polls.results_by(store, store.poll(poll["id"]), "youth_group")
    yes, no = (option["id"] for option in poll["options"])
    assert found == [{"part": "student", "total": 2, "counts": {yes: 1, no: 1}},
                     {"part": None, "total": 1, "counts": {yes: 1}}]
    by_area = polls.results_by(store, store.poll(poll["id"]), "district")
    assert by_area[0] == {"part": "Sa Pa", "total": 1, "counts": {yes: 1}}


def test_phones_never_see_unrevealed_counts_over_socketio(moderator, new_client, sockets):
    phone_http = attendee(new_client)
    phone = sockets(phone_http, role="attendee")
    screen = sockets(role="screen")
    staff = sockets(moderator, role="moderator")
    for joined in (phone, screen, staff):
        joined.wait_for("snapshot")
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    assert "options" in phone.wait_for("poll", lambda p: p["id"] == poll["id"])  # its options, to answer
    answer(phone_http, poll, "Đã từng")
    assert staff.wait_for("poll_results", lambda r: r["total"] == 1)["options"][0]["count"] == 1
    for public in (phone, screen):
        assert public.wait_for("poll_results", lambda r: r["total"] == 1) == {"poll": poll["id"], "total": 1}
    moderator.post(f"/api/v1/polls/{poll['id']}/reveal")
    shown = screen.wait_for("poll", lambda p: p["id"] == poll["id"] and p["revealed"])
    assert shown["results"]["options"][0]["count"] == 1
    answer(new_client(), poll, "Chưa từng")
    assert screen.wait_for("poll_results", lambda r: r["total"] == 2)["options"][1]["count"] == 1


def test_a_phone_snapshot_carries_its_own_answer(moderator, new_client, sockets):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    phone_http = attendee(new_client)
    answer(phone_http, poll, "Chưa từng")
    snapshot = sockets(phone_http, role="attendee").wait_for("snapshot")
    mine = next(p for p in snapshot["polls"] if p["id"] == poll["id"])
    assert mine["mine"] == [poll["options"][1]["id"]] and "options" not in mine["results"]


def test_every_change_is_audited(store, moderator, demo_event):
    poll = opened(moderator, text=SCAM, options=["Đã từng", "Chưa từng"])
    moderator.post(f"/api/v1/polls/{poll['id']}/reveal")
    moderator.post(f"/api/v1/polls/{poll['id']}/close")
    actions = [row["action"] for row in store.audit(demo_event["id"])
               if row["action"].startswith("poll.") and row["actor"] == "admin"]
    assert actions == ["poll.create", "poll.open", "poll.reveal", "poll.close"]
