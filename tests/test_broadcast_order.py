"""The projector is sent every broadcast before the phones, and exactly what they are sent: the whole
hall watches it, and in one room with 2,000 phones it waited for their frames (the poll benchmark,
bench/README.md)."""
import pytest

from live import socketio
from live.web import rooms

from .helpers import vote_count


@pytest.fixture
def sent(monkeypatch):
    """[(message name, room, payload)] of every broadcast, in the order the server sent them."""
    found = []
    emit = socketio.emit

    def recorded(name, data=None, to=None, **options):
        found.append((name, to, data))
        return emit(name, data, to=to, **options)
    monkeypatch.setattr(socketio, "emit", recorded)
    return found


def test_the_projector_is_sent_each_broadcast_before_the_phones(moderator, new_client, sockets, ask, demo_event, sent):
    phone = new_client()
    screen = sockets(role="screen")
    sockets(phone, role="attendee").wait_for("snapshot")
    screen.wait_for("snapshot")
    question = ask(phone, "Tỉnh có hỗ trợ thanh niên khởi nghiệp trên môi trường mạng không?")
    assert moderator.post(f"/api/v1/questions/{question['id']}/approve").status_code == 200
    assert vote_count(phone, question["id"]) == 1
    poll = moderator.post("/api/v1/events/demo/polls", json={"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?",
                                                             "options": ["Có", "Chưa"], "open": True}).get_json()
    assert moderator.post(f"/api/v1/polls/{poll['id']}/reveal").status_code == 200
    answer = phone.post(f"/api/v1/polls/{poll['id']}/answer", json={"choices": [poll["options"][0]["id"]]})
    assert answer.status_code == 200
    assert screen.wait_for("poll_results", lambda r: r["total"] == 1)["options"][0]["count"] == 1

    public, own = rooms.public(demo_event["id"]), rooms.screen(demo_event["id"])
    assert {name for name, room, _ in sent if room == public} == {"question", "votes", "poll", "poll_results"}
    for number, (name, room, data) in enumerate(sent):
        if room != public:
            continue
        # the projector's room got the same message, and since then only the staff's rooms
        earlier = [index for index, (n, r, _) in enumerate(sent[:number]) if (n, r) == (name, own)]
        assert earlier, f"{name!r} reached the phones and not the projector first"
        last = earlier[-1]
        assert sent[last][2] == data
        assert all(n == name and r not in (own, public) for n, r, _ in sent[last + 1:number])
