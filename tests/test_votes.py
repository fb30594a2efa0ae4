"""Upvotes: one per attendee, idempotent, public questions only, a count that moves in O(1)."""
import sqlite3

from live.dialogue import questions

from .helpers import unvote, vote


def listed(client, question_id):
    data = client.get("/api/v1/events/demo/questions").get_json()["questions"]
    return next(q for q in data if q["id"] == question_id)


def test_vote_and_unvote_are_idempotent(client, new_client, ask, publish):
    question = ask(new_client(), "Có nên học kỹ năng số từ cấp hai?")
    publish(question["id"])
    assert vote(client, question["id"]).get_json() == {"votes": 1, "voted": True}
    assert vote(client, question["id"]).get_json() == {"votes": 1, "voted": True}
    assert listed(client, question["id"])["voted"] is True
    assert unvote(client, question["id"]).get_json() == {"votes": 0, "voted": False}
    assert unvote(client, question["id"]).get_json() == {"votes": 0, "voted": False}
    assert listed(client, question["id"])["voted"] is False


def test_counts_are_per_attendee(client, new_client, store, ask, publish):
    question = ask(client, "Câu hỏi được nhiều người quan tâm")
    publish(question["id"])
    alice, bob = new_client(), new_client()
    assert vote(alice, question["id"]).get_json()["votes"] == 1
    assert vote(bob, question["id"]).get_json()["votes"] == 2
    assert vote(alice, question["id"]).get_json()["votes"] == 2
    assert listed(alice, question["id"])["voted"] is True
    assert listed(client, question["id"])["voted"] is False
    assert unvote(bob, question["id"]).get_json() == {"votes": 1, "voted": False}
    # withdrawing a vote never given changes nothing
    assert unvote(client, question["id"]).get_json() == {"votes": 1, "voted": False}
    assert store.question(question["id"])["votes"] == 1


def test_the_author_may_vote_for_their_own_public_question(client, ask, publish):
    question = ask(client, "Tôi cũng muốn bình chọn")
    publish(question["id"])
    assert vote(client, question["id"]).get_json() == {"votes": 1, "voted": True}


def test_answered_questions_can_still_be_voted(client, new_client, store, ask, publish):
    question = ask(client, "Đã trả lời")
    publish(question["id"])
    questions.act(store, question["id"], "test", "question.answer", None, lambda q: {"status": "answered"})
    assert vote(new_client(), question["id"]).get_json() == {"votes": 1, "voted": True}


def test_voting_on_a_pending_question_fails(client, new_client, store, ask):
    question = ask(client, "Còn chờ duyệt")
    for voter in (client, new_client()):  # neither the author nor anyone else
        response = vote(voter, question["id"])
        assert 400 <= response.status_code < 500
        assert response.get_json()["error"]
        assert 400 <= unvote(voter, question["id"]).status_code < 500
    assert store.question(question["id"])["votes"] == 0
    assert store._all("SELECT * FROM vote") == []


def test_voting_on_a_rejected_question_fails(client, new_client, store, ask, publish):
    question = ask(client, "Bị từ chối sau khi duyệt")
    publish(question["id"])
    voter = new_client()
    assert vote(voter, question["id"]).get_json()["votes"] == 1
    questions.reject(store, question["id"], "test", reason="Trùng lặp")
    for who in (voter, new_client(), client):
        response = vote(who, question["id"])
        assert 400 <= response.status_code < 500 and response.get_json()["error"]
    response = unvote(voter, question["id"])
    assert 400 <= response.status_code < 500
    assert store.question(question["id"])["votes"] == 1


def test_unknown_question_is_404(client):
    for response in (vote(client, 999), unvote(client, 999)):
        assert response.status_code == 404
        assert response.get_json()["error"]


def test_the_count_moves_and_is_never_recounted(app, client, new_client, store, ask, publish):
    """The votes column is incremented in place, not recomputed with COUNT(*) over vote rows."""
    question = ask(client, "Đếm phiếu O(1)")
    publish(question["id"])
    raw = sqlite3.connect(app.config["LIVE_DB"])
    with raw:
        raw.execute("UPDATE question SET votes = 41 WHERE id = ?", (question["id"],))
    raw.close()
    voter = new_client()
    assert vote(voter, question["id"]).get_json()["votes"] == 42
    assert vote(voter, question["id"]).get_json()["votes"] == 42  # a repeat does not move it
    assert unvote(voter, question["id"]).get_json()["votes"] == 41
    assert store._one("SELECT COUNT(*) AS n FROM vote")["n"] == 0


def test_many_attendees_are_counted_exactly(client, new_client, store, ask, publish):
    first = ask(client, "Câu thứ nhất")
    second = ask(client, "Câu thứ hai")
    publish(first["id"])
    publish(second["id"])
    voters = [new_client() for _ in range(30)]
    for number, voter in enumerate(voters, start=1):
        assert vote(voter, first["id"]).get_json()["votes"] == number
        if number % 3 == 0:
            vote(voter, second["id"])
    for voter in voters[:5]:
        unvote(voter, first["id"])
    assert store.question(first["id"])["votes"] == 25
    assert store.question(second["id"])["votes"] == 10
    counts = {q["id"]: q["votes"] for q in client.get("/api/v1/events/demo/questions").get_json()["questions"]}
    assert counts == {first["id"]: 25, second["id"]: 10}
    recount = store._all("SELECT question_id, COUNT(*) AS n FROM vote GROUP BY question_id ORDER BY question_id")
    assert [(r["question_id"], r["n"]) for r in recount] == [(first["id"], 25), (second["id"], 10)]
