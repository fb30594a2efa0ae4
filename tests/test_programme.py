"""The programme of the day: building it, moving it on, its times, and what phones may do during it."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from live.dialogue import events, policy, programme

CODE = "chuong-trinh"
TOPICS = ["An ninh mạng", "Việc làm"]
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def event(store):
    agency = {"code": "CA", "name": "Công an tỉnh", "head_title": "Giám đốc Công an tỉnh"}
    events.create(store, "test", CODE, topics=TOPICS, agencies=[agency], title="Đối thoại thử", date="2024-03-26")
    return events.set_phase(store, "test", CODE, events.LIVE)


def add(client, expect=201, **item):
    response = client.post(f"/api/v1/events/{CODE}/programme/items", json=item)
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def advance(client, to, expect=200, **body):
    response = client.post(f"/api/v1/events/{CODE}/programme/advance", json={"to": to, **body})
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def three_items(moderator):
    add(moderator, kind="performance", title="Văn nghệ chào mừng", planned_start="8:00", duration=10,
        presenter="Tỉnh đoàn", script={"intro": "Kính thưa quý vị đại biểu"})
    add(moderator, kind="figures", title="Thông tin nhanh", duration=5,
        figures=[{"value": "12.500", "label": "thanh niên được tập huấn"}])
    return add(moderator, kind="dialogue", title="Đối thoại: an ninh mạng", topic="An ninh mạng", duration=30)


def test_items_are_planned_one_after_another(moderator, event):
    built = three_items(moderator)
    assert [item["planned_clock"] for item in built["items"]] == ["08:00", "08:10", "08:15"]
    assert built["planned_end"] == "2024-03-26T08:45:00+07:00"
    dialogue = built["items"][2]
    assert dialogue["topic"] == "An ninh mạng" and dialogue["asking"] is True
    assert built["items"][0]["asking"] is False  # only a dialogue segment takes questions by default
    assert built["items"][1]["figures"] == [{"value": "12.500", "label": "thanh niên được tập huấn"}]


def test_the_mc_lines_are_for_staff_only(moderator, client, event):
    three_items(moderator)
    staff = moderator.get(f"/api/v1/events/{CODE}/programme").get_json()
    public = client.get(f"/api/v1/events/{CODE}/programme").get_json()
    assert staff["items"][0]["script"] == {"intro": "Kính thưa quý vị đại biểu"}
    assert all("script" not in item for item in public["items"])
    assert "Kính thưa" not in str(public)


def test_a_poll_items_question_is_shown_as_its_poll_is(moderator, client, event):
    poll = moderator.post(f"/api/v1/events/{CODE}/polls", json={"text": "Câu hỏi chưa mở",
                                                                 "options": ["Có", "Không"]}).get_json()
    add(moderator, kind="poll", title="Thăm dò nhanh", duration=5, poll_id=poll["id"])

    def shown(viewer):
        return viewer.get(f"/api/v1/events/{CODE}/programme").get_json()["items"][0]["poll_text"]
    assert (shown(moderator), shown(client)) == ("Câu hỏi chưa mở", None)  # a draft: staff only
    assert moderator.post(f"/api/v1/polls/{poll['id']}/open").status_code == 200
    assert shown(client) == "Câu hỏi chưa mở"


@pytest.mark.parametrize("item, said", [
    ({"kind": "concert", "title": "x", "duration": 5}, "Loại mục"),
    ({"kind": "break", "title": "  ", "duration": 5}, "cần có tên"),
    ({"kind": "break", "title": "Giải lao", "duration": 0}, "Thời lượng"),
    ({"kind": "break", "title": "Giải lao", "duration": "mười"}, "Thời lượng"),
    ({"kind": "break", "title": "Giải lao", "duration": 5, "planned_start": "25:00"}, "Giờ bắt đầu"),
    ({"kind": "dialogue", "title": "Đối thoại", "duration": 5, "topic": "Không có"}, "Không có chủ đề"),
    ({"kind": "poll", "title": "Thăm dò", "duration": 5, "poll_id": 987654}, "cuộc thăm dò"),
    ({"kind": "figures", "title": "Số liệu", "duration": 5, "figures": [{"label": "không có số"}]}, "Con số"),
    ({"kind": "break", "title": "Giải lao", "duration": 5, "script": {"outro": "Cảm ơn"}}, "Lời dẫn"),
    ({"kind": "break", "title": "Giải lao", "duration": 5, "position": "đầu"}, "Vị trí"),
])
def test_a_bad_item_is_refused_and_nothing_is_added(moderator, event, item, said):
    response = moderator.post(f"/api/v1/events/{CODE}/programme/items", json=item)
    assert response.status_code == 400 and said in response.get_json()["error"]
    assert moderator.get(f"/api/v1/events/{CODE}/programme").get_json()["items"] == []


def test_two_tablets_reordering_at_once_the_second_is_told_and_nothing_is_lost(app, moderator, event):
    built = three_items(moderator)
    ids, version = [item["id"] for item in built["items"]], built["version"]
    other_tablet = app.test_client()
    assert other_tablet.post("/api/v1/login", json={"username": "admin", "password": "admin-password"}).status_code == 200
    first = moderator.put(f"/api/v1/events/{CODE}/programme/order", json={"order": ids[::-1], "version": version})
    assert first.status_code == 200
    second = other_tablet.put(f"/api/v1/events/{CODE}/programme/order",
                              json={"order": [ids[1], ids[0], ids[2]], "version": version})
    assert second.status_code == 409 and "thay đổi ở nơi khác" in second.get_json()["error"]
    kept = moderator.get(f"/api/v1/events/{CODE}/programme").get_json()
    assert [item["id"] for item in kept["items"]] == ids[::-1]
    assert kept["version"] == version + 1


def test_an_order_must_name_every_item_once(moderator, event):
    ids = [item["id"] for item in three_items(moderator)["items"]]
    for order in (ids[:2], ids + ids[:1], ids[:2] + [987654], "1,2,3"):
        response = moderator.put(f"/api/v1/events/{CODE}/programme/order", json={"order": order})
        assert response.status_code == 400, order
    after = moderator.get(f"/api/v1/events/{CODE}/programme").get_json()
    assert [item["id"] for item in after["items"]] == ids


def test_duplicate_goes_just_after_and_delete_removes(moderator, event):
    ids = [item["id"] for item in three_items(moderator)["items"]]
    copied = moderator.post(f"/api/v1/programme/{ids[0]}/duplicate").get_json()
    assert [item["title"] for item in copied["items"]][:2] == ["Văn nghệ chào mừng"] * 2
    assert copied["items"][1]["id"] not in ids and copied["items"][2]["id"] == ids[1]
    removed = moderator.delete(f"/api/v1/programme/{copied['items'][1]['id']}").get_json()
    assert [item["id"] for item in removed["items"]] == ids


def test_edit_changes_only_what_is_sent(moderator, event):
    item_id = three_items(moderator)["items"][0]["id"]
    edited = moderator.patch(f"/api/v1/programme/{item_id}", json={"duration": 15}).get_json()["items"][0]
    assert edited["duration"] == 15 and edited["title"] == "Văn nghệ chào mừng" and edited["presenter"] == "Tỉnh đoàn"
    assert moderator.patch(f"/api/v1/programme/{item_id}", json={"kind": "nothing"}).status_code == 400


def test_moving_on_keeps_actual_times(moderator, demo_moderator, store, event):
    ids = [item["id"] for item in three_items(moderator)["items"]]
    assert advance(moderator, "back", expect=409)["error"]  # nothing runs yet
    started = advance(moderator, "next")
    assert started["current"] == ids[0] and started["next"] == ids[1]
    assert started["items"][0]["started_at"] and not started["items"][0]["ended_at"]
    advance(moderator, ids[2])  # a jump
    back = advance(moderator, "back")
    assert back["current"] == ids[1]
    items = {item["id"]: item for item in back["items"]}
    assert items[ids[0]]["ended_at"] and items[ids[2]]["ended_at"] and not items[ids[1]]["ended_at"]
    advance(moderator, "next")
    ended = advance(moderator, "next")  # past the last: the programme ends
    assert ended["current"] is None and ended["next"] is None and all(item["ended_at"] for item in ended["items"])
    actions = [row["action"] for row in store.audit(event["id"]) if row["action"].startswith("programme.")]
    assert actions.count("programme.advance") == 5


def test_moving_on_is_refused_on_an_older_programme(moderator, event):
    version = three_items(moderator)["version"]
    advance(moderator, "next", version=version)
    refused = advance(moderator, "next", expect=409, version=version)
    assert "thay đổi ở nơi khác" in refused["error"]
    assert advance(moderator, "sideways", expect=400)["error"]


def test_the_running_item_cannot_be_deleted(moderator, event):
    first = three_items(moderator)["items"][0]["id"]
    advance(moderator, "next")
    assert moderator.delete(f"/api/v1/programme/{first}").status_code == 409


def test_phones_ask_only_during_an_item_that_takes_questions(moderator, client, event):
    three_items(moderator)
    advance(moderator, "next")  # a performance
    phone = client.get(f"/api/v1/events/{CODE}").get_json()["phone"]
    assert phone == {"ask": False, "vote": True, "notice": policy.NOT_ASKING_NOW}
    refused = client.post(f"/api/v1/events/{CODE}/questions", json={"text": "Câu hỏi lúc văn nghệ"})
    assert refused.status_code == 409
    from_the_floor = moderator.post(f"/api/v1/events/{CODE}/questions",
                                    json={"text": "Câu hỏi nêu trực tiếp", "channel": "moderator"})
    assert from_the_floor.status_code == 201  # staff typing a question from the floor are not held back
    advance(moderator, "next")
    advance(moderator, "next")  # the dialogue segment
    assert client.get(f"/api/v1/events/{CODE}").get_json()["phone"]["ask"] is True
    assert client.post(f"/api/v1/events/{CODE}/questions", json={"text": "Câu hỏi về an ninh mạng"}).status_code == 201


def test_the_running_segment_puts_its_content_first(moderator, store, event):
    built = three_items(moderator)
    advance(moderator, built["items"][2]["id"])
    view = moderator.get(f"/api/v1/events/{CODE}/programme").get_json()
    assert view["focus_topic_id"] == store.topics(event["id"])[0]["id"]
    advance(moderator, "back")
    assert moderator.get(f"/api/v1/events/{CODE}/programme").get_json()["focus_topic_id"] is None


def test_projected_end_and_lateness(store, event):
    programme.add(store, "test", event, {"kind": "opening", "title": "Khai mạc", "planned_start": "08:00", "duration": 10})
    programme.add(store, "test", event, {"kind": "dialogue", "title": "Đối thoại", "duration": 60})
    items = store.programme(event["id"])
    planned_start = datetime(2024, 3, 26, 8, 0, tzinfo=ZONE)
    store.update_programme_item(items[0]["id"], {"started_at": (planned_start + timedelta(minutes=5)).isoformat()})
    store.set_current_item(event["id"], items[0]["id"], False)
    at = planned_start + timedelta(minutes=12)  # two minutes left of the opening, started five minutes late
    _, times = programme.timing(store.event_by_id(event["id"]), store.programme(event["id"]), ZONE, at)
    assert times["planned_end"] == "2024-03-26T09:10:00+07:00"
    assert datetime.fromisoformat(times["projected_end"]) == planned_start + timedelta(minutes=75)
    assert times["late_seconds"] == 5 * 60
    overrun = planned_start + timedelta(minutes=20)  # the opening runs five minutes over its time
    _, times = programme.timing(store.event_by_id(event["id"]), store.programme(event["id"]), ZONE, overrun)
    assert times["late_seconds"] == 10 * 60


def test_a_poll_item_opens_its_poll(moderator, event):
    poll = moderator.post(f"/api/v1/events/{CODE}/polls", json={"text": "Bạn thấy thế nào?", "kind": "scale"}).get_json()
    add(moderator, kind="poll", title="Thăm dò", duration=5, poll_id=poll["id"])
    assert advance(moderator, "next")["items"][0]["poll_id"] == poll["id"]
    assert moderator.get(f"/api/v1/polls/{poll['id']}/results").status_code == 200
    listed = {p["id"]: p for p in moderator.get(f"/api/v1/events/{CODE}/polls").get_json()["polls"]}
    assert listed[poll["id"]]["state"] == "open"


def test_a_programme_is_replaced_whole_or_not_at_all(store, event):
    rows = [{"kind": "opening", "title": "Khai mạc", "duration": 5}, {"kind": "bogus", "title": "x", "duration": 5}]
    with pytest.raises(Exception):
        programme.replace(store, "test", event, rows)
    assert store.programme(event["id"]) == []
    programme.replace(store, "test", event, rows[:1])
    assert [item["title"] for item in store.programme(event["id"])] == ["Khai mạc"]


def test_every_screen_is_told(moderator, sockets, event):
    screen = sockets(event=CODE, role="screen")
    snapshot = screen.wait_for("snapshot")
    assert snapshot["programme"]["items"] == [] and snapshot["polls"] == []
    three_items(moderator)
    advance(moderator, "next")
    sent = screen.wait_for("programme", lambda p: p["current"] is not None)
    assert sent["items"][0]["title"] == "Văn nghệ chào mừng" and "script" not in sent["items"][0]
    assert screen.wait_for("event", lambda e: e["phone"]["ask"] is False)["code"] == CODE


def test_the_time_now_is_the_servers(client, event):
    sent = datetime.fromisoformat(client.get(f"/api/v1/events/{CODE}/programme").get_json()["now"])
    assert abs(sent - datetime.now(timezone.utc)) < timedelta(minutes=1)
