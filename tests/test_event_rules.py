"""The server says, the browser shows: the event carries the limits of its forms and what a phone may
do in its phase (`phone`), every question says whether it is public and whether it waits its turn on
stage (`queued`), and the page scripts restate none of these rules."""
import pytest

from live import text
from live.dialogue import events

from .conftest import DEMO

LIMITS = {"question_text": 500, "author": 80, "sender_detail": 120, "reject_reason": 300,
          "chair_message": 140, "answer_summary": 5000}
PHONE = {
    "draft": {"ask": False, "vote": False, "notice": "Sự kiện chưa mở nhận câu hỏi."},
    "collecting": {"ask": True, "vote": True, "notice": "Ban tổ chức đang nhận câu hỏi gửi trước buổi đối thoại."},
    "live": {"ask": True, "vote": True, "notice": None},
    "closed": {"ask": False, "vote": False, "notice": "Sự kiện đã kết thúc, không nhận thêm câu hỏi."},
}


def set_phase(moderator, phase):
    response = moderator.post(f"/api/v1/events/{DEMO}/phase", json={"phase": phase})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_limits_are_the_ones_the_domain_checks(client):
    event = client.get(f"/api/v1/events/{DEMO}").get_json()
    assert event["limits"] == LIMITS
    assert LIMITS["question_text"] == text.QUESTION_MAX and LIMITS["chair_message"] == text.MESSAGE_MAX
    too_long = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "x" * (LIMITS["question_text"] + 1)})
    assert too_long.status_code == 400
    assert client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "x" * LIMITS["question_text"]}).status_code == 201


@pytest.mark.parametrize("phase", events.PHASES)
def test_each_phase_tells_the_phone_what_it_may_do_and_the_server_agrees(client, moderator, phase):
    voted_on = moderator.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Câu hỏi để bình chọn"}).get_json()
    assert moderator.post(f"/api/v1/questions/{voted_on['id']}/approve").status_code == 200
    changed = set_phase(moderator, phase)
    event = client.get(f"/api/v1/events/{DEMO}").get_json()
    assert event["phase"] == phase and changed["phone"] == event["phone"] == PHONE[phase]
    assert event["limits"] == LIMITS
    asked = client.post(f"/api/v1/events/{DEMO}/questions", json={"text": "Câu hỏi theo giai đoạn"})
    assert asked.status_code == (201 if event["phone"]["ask"] else 409)
    voted = client.post(f"/api/v1/questions/{voted_on['id']}/vote")
    assert voted.status_code == (200 if event["phone"]["vote"] else 409)


@pytest.mark.parametrize("phase", events.PHASES)
def test_the_snapshot_and_the_event_message_carry_limits_and_phone(moderator, new_client, sockets, phase):
    phone = sockets(new_client(), role="attendee")
    assert phone.wait_for("snapshot")["event"]["phone"] == PHONE["live"]
    set_phase(moderator, phase)
    message = phone.wait_for("event", lambda e: e["phase"] == phase)
    assert message["phone"] == PHONE[phase] and message["limits"] == LIMITS
    later = sockets(new_client(), role="screen").wait_for("snapshot")["event"]
    assert later["phone"] == PHONE[phase] and later["limits"] == LIMITS


def test_a_question_says_whether_it_is_public_and_queued(client, moderator, ask):
    own = ask(client, "Câu hỏi chờ duyệt của tôi")
    assert (own["public"], own["queued"]) == (False, False)
    ids = [ask(client, f"Câu hỏi số {n} về việc làm")["id"] for n in range(3)]
    for question_id in ids:
        assert moderator.post(f"/api/v1/questions/{question_id}/approve").status_code == 200
    assert moderator.post(f"/api/v1/questions/{ids[0]}/stage").status_code == 200
    assert moderator.post(f"/api/v1/questions/{ids[1]}/merge", json={"into": ids[2]}).status_code == 200
    listed = {q["id"]: q for q in client.get(f"/api/v1/events/{DEMO}/questions").get_json()["questions"]}
    assert (listed[ids[0]]["public"], listed[ids[0]]["queued"]) == (True, False)  # on stage
    assert (listed[ids[1]]["public"], listed[ids[1]]["queued"]) == (False, False)  # merged: its author's own
    assert (listed[ids[2]]["public"], listed[ids[2]]["queued"]) == (True, True)
    answer = moderator.post(f"/api/v1/questions/{ids[2]}/answer", json={"answered_by": "Giám đốc Sở", "summary": "Đã trả lời."})
    assert answer.status_code == 200, answer.get_json()
    answered = client.get(f"/api/v1/events/{DEMO}/questions?status=answered").get_json()["questions"][0]
    assert (answered["status"], answered["public"], answered["queued"]) == ("answered", True, False)


def test_a_question_that_stops_being_public_tells_its_author_and_leaves_the_public_room(
        moderator, new_client, sockets, ask):
    author_http = new_client()
    question = ask(author_http, "Câu hỏi sẽ bị từ chối sau khi duyệt")
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    author, screen = sockets(author_http, role="attendee"), sockets(role="screen")
    author.wait_for("snapshot")
    screen.wait_for("snapshot")
    assert moderator.post(f"/api/v1/questions/{question['id']}/reject", json={}).status_code == 200
    own = author.wait_for("question", lambda q: q["id"] == question["id"] and q["status"] == "rejected")
    assert own["public"] is False and own["mine"] is True
    assert screen.wait_for("question_removed")["id"] == question["id"]

