"""What the public is promised stays private after a merge: no public surface (the attendee page, the
projector's and the Chair's feeds, the questions API, the published results as page and JSON, the
Socket.IO messages to the public rooms) shows anyone's unit, district or youth group, and a question
merged while still pending shows under its head only once a moderator approves it."""
import re

import pytest
from itsdangerous import URLSafeSerializer

from live.dialogue import events, questions

from .conftest import DEMO

HEAD = "Tỉnh có kế hoạch phủ sóng 4G cho các thôn bản vùng cao không?"
SEEN = "Bao giờ các thôn vùng cao có sóng 4G ạ?"
WAITING = "Thôn em chưa có sóng 4G, số của em là 0987 654 321 ạ"
HEAD_SENDER = {"unit": "Đoàn trường Cao đẳng Lào Cai", "district": "Thành phố Lào Cai", "youth_group": "civil_servants"}
SEEN_SENDER = {"unit": "Trường PTDTNT Si Ma Cai", "district": "Huyện Mường Khương", "youth_group": "armed_forces"}
WAITING_SENDER = {"unit": "Đoàn xã Bản Phố", "district": "Huyện Bắc Hà", "youth_group": "farmers"}
SENDERS = (HEAD_SENDER, SEEN_SENDER, WAITING_SENDER)
PRIVATE = [value for sender in SENDERS for key, value in sender.items() if key != "youth_group"]
# the attendee page's form lists every youth group: the labels must not appear outside it
GROUP_LABELS = [questions.YOUTH_GROUPS[sender["youth_group"]] for sender in SENDERS]
SENDER_KEYS = {"unit", "district", "youth_group", "channel_detail", "original_text"}


def keys_in(value):
    """Every key of every object in a JSON value."""
    if isinstance(value, dict):
        return set(value) | set().union(*map(keys_in, value.values()))
    if isinstance(value, list):
        return set().union(*map(keys_in, value))
    return set()


def without_form(html):
    return re.sub(r'<form id="ask".*?</form>', "", html, flags=re.S)


@pytest.fixture
def merged(store, demo_event, moderator, new_client, sockets):
    """HEAD (approved) with SEEN (approved) and WAITING (pending) merged into it by a moderator, each
    sent with its sender's unit, district and youth group, while the public rooms listen."""
    listening = {"attendee": sockets(new_client(), role="attendee"), "screen": sockets(role="screen"),
                 "chair": sockets(moderator, role="chair")}
    for sock in listening.values():
        sock.wait_for("snapshot")
    ids = {}
    for name, text, author, sender in (("head", HEAD, "Lò Văn Minh", HEAD_SENDER),
                                       ("seen", SEEN, "Giàng Thị Mai", SEEN_SENDER),
                                       ("waiting", WAITING, "Vàng A Sử", WAITING_SENDER)):
        question, _ = questions.submit(store, demo_event, f"attendee-{name}", text, author=author, **sender)
        ids[name] = question["id"]
    for name in ("head", "seen"):
        assert moderator.post(f"/api/v1/questions/{ids[name]}/approve").status_code == 200
    for name in ("seen", "waiting"):
        response = moderator.post(f"/api/v1/questions/{ids[name]}/merge", json={"into": ids["head"]})
        assert response.status_code == 200, response.get_json()
    events.publish(store, "test", DEMO, True)
    for sock in listening.values():  # the broadcast of the last merge has arrived
        sock.wait_for("question", lambda q: q["id"] == ids["head"] and len(q.get("merged", ())) >= 1)
    return {"ids": ids, "sockets": listening}


def public_surfaces(client, sockets, moderator):
    """Everything the public can get, by surface: (JSON or None, text)."""
    found = {}
    for path in ("/api/v1/events/demo/questions", "/api/v1/events/demo/questions?status=approved",
                 "/api/v1/events/demo/questions?q=song%204g", "/api/v1/events/demo/results",
                 "/api/v1/events/demo/results?q=song", "/api/v1/events/demo"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_json())
        found[path] = (response.get_json(), response.get_data(as_text=True))
    for path in ("/e/demo", "/e/demo?sort=new", "/e/demo/results", "/e/demo/results?q=song", "/e/demo/screen"):
        response = client.get(path)
        assert response.status_code == 200, path
        found[path] = (None, without_form(response.get_data(as_text=True)))
    for role, http in (("attendee", None), ("screen", None), ("chair", moderator)):
        snapshot = sockets(http, role=role).wait_for("snapshot")
        found[f"snapshot {role}"] = (snapshot, repr(snapshot))
    return found


def sent_by_attendees(data):
    """A surface's JSON but for the programme: its honourees' `unit` is the organizer's, shown on purpose."""
    return {key: value for key, value in data.items() if key != "programme"} if isinstance(data, dict) else data


def assert_private(found, *hidden):
    for surface, (data, text) in found.items():
        for value in PRIVATE + GROUP_LABELS + list(hidden):
            assert value not in text, (surface, value)
        if data is not None:
            keys = keys_in(sent_by_attendees(data))
            assert not keys & SENDER_KEYS, (surface, keys & SENDER_KEYS)


def test_no_public_surface_shows_where_a_sender_comes_from_nor_a_pending_merged_question(
        merged, new_client, sockets, moderator):
    found = public_surfaces(new_client(), sockets, moderator)
    assert_private(found, WAITING, "Vàng A Sử")
    for surface in ("/api/v1/events/demo/questions", "/api/v1/events/demo/results", "/e/demo", "/e/demo/results",
                    "snapshot attendee", "snapshot screen", "snapshot chair"):
        text = found[surface][1]
        assert SEEN in text and "Giàng Thị Mai" in text, surface  # credited by name: the surface lists merges
    for role, sock in merged["sockets"].items():  # every message the public rooms received
        assert_private({f"messages {role}": (sock.named("question"), sock.text())}, WAITING, "Vàng A Sử")
        assert SEEN in sock.text(), role


def test_a_pending_merged_question_shows_once_approved_still_without_its_sender(
        merged, moderator, new_client, sockets):
    waiting = merged["ids"]["waiting"]
    assert moderator.post(f"/api/v1/questions/{waiting}/approve").status_code == 200
    for role, sock in merged["sockets"].items():  # the head goes out again with it
        head = sock.wait_for("question", lambda q: q["id"] == merged["ids"]["head"]
                             and waiting in [m["id"] for m in q["merged"]])
        assert [m["author"] for m in head["merged"]] == ["Giàng Thị Mai", "Vàng A Sử"], role
    found = public_surfaces(new_client(), sockets, moderator)
    assert_private(found)
    for surface in ("/api/v1/events/demo/questions", "/api/v1/events/demo/results", "/e/demo", "/e/demo/results",
                    "snapshot attendee", "snapshot screen"):
        assert WAITING in found[surface][1] and "Vàng A Sử" in found[surface][1], surface
    for role, sock in merged["sockets"].items():
        assert_private({f"messages {role}": (sock.named("question"), sock.text())})


def test_the_author_of_a_pending_merged_question_still_sees_it_and_moderators_see_everything(
        merged, app, moderator):
    author = app.test_client()  # the phone that sent WAITING, known by its signed cookie
    author.set_cookie("live_attendee", URLSafeSerializer(app.secret_key, salt="attendee").dumps("attendee-waiting"))
    own = {q["id"]: q for q in author.get("/api/v1/events/demo/questions").get_json()["questions"]}
    waiting, head = merged["ids"]["waiting"], merged["ids"]["head"]
    assert own[waiting]["mine"] and own[waiting]["merged_into"] == head
    assert [m["id"] for m in own[head]["merged"] if m["mine"]] == [waiting]
    staff = {q["id"]: q for q in moderator.get("/api/v1/events/demo/questions").get_json()["questions"]}
    shown = {m["id"]: m for m in staff[head]["merged"]}
    assert shown[waiting]["status"] == "pending" and shown[waiting]["unit"] == WAITING_SENDER["unit"]
    assert staff[head]["district"] == HEAD_SENDER["district"]
