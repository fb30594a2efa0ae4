"""A programme run on the demo event with set clocks, and polls answered, for the tests of the
records (minutes, XLSX, briefing, published results, conclusion notice); the tests using it start
without the demo's programme (the no_programme fixture)."""
from live.storage import programme as programme_rows

SCAM = "Bạn đã từng gặp lừa đảo trực tuyến chưa?"
NEWS = "Bạn lấy tin tức chủ yếu từ đâu?"
SAFETY = "Bạn đánh giá mức độ an toàn của môi trường mạng hiện nay?"
DRAFT = "Cuộc thăm dò chưa bao giờ mở"
# UTC: 01:03Z is 08:03 in Lào Cai (UTC+7), on the demo's day.
OPENING_START, POLL_START, DIALOGUE_START, END = (
    "2024-03-26T01:03:00.000+00:00", "2024-03-26T01:15:00.000+00:00", "2024-03-26T01:20:00.000+00:00",
    "2024-03-26T02:10:00.000+00:00")
# who answers the scam poll: (choice index, youth group, district)
SCAM_ANSWERS = [(0, "students", "Bát Xát"), (0, "students", "Bát Xát"), (0, "civil_servants", "Sa Pa"), (1, None, None)]
SAFETY_ANSWERS = [3, 4, 4]  # on the 1-5 scale: its options' positions 2, 3, 3 -> mean 3,7


def created(response):
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()


def poll(moderator, text, options=None, **fields):
    return created(moderator.post("/api/v1/events/demo/polls", json={"text": text, "options": options, **fields}))


def answer(client, poll_json, index, **about):
    option = poll_json["options"][index]["id"]
    created(client.post(f"/api/v1/polls/{poll_json['id']}/answer", json={"choices": [option], **about}))


def advance(moderator, monkeypatch, at, to="next"):
    monkeypatch.setattr(programme_rows, "now", lambda: at)
    version = created(moderator.get("/api/v1/events/demo/programme"))["version"]
    return created(moderator.post("/api/v1/events/demo/programme/advance", json={"to": to, "version": version}))


def add_item(moderator, **item):
    return created(moderator.post("/api/v1/events/demo/programme/items", json=item))


def run_day(moderator, new_client, monkeypatch, finish=True):
    """Opening planned 08:00 (10 min) started 08:03 and used 12 min; the poll item 08:10 (5 min) ran
    08:15-08:20 and opened the scam poll; the dialogue 08:15 (60 min) ran 08:20-09:10 (when `finish`).
    The scam poll (in the notice) got SCAM_ANSWERS and was revealed; the safety scale (in the notice)
    SAFETY_ANSWERS, not revealed; the news poll was opened and closed unanswered; one stayed a draft."""
    scam = poll(moderator, SCAM, ["Đã từng", "Chưa từng"], in_notice=True)
    add_item(moderator, kind="opening", title="Khai mạc", planned_start="08:00", duration=10, presenter="MC")
    add_item(moderator, kind="poll", title="Thăm dò nhanh", planned_start="08:10", duration=5, poll_id=scam["id"])
    add_item(moderator, kind="dialogue", title="Đối thoại", planned_start="08:15", duration=60)
    advance(moderator, monkeypatch, OPENING_START)
    advance(moderator, monkeypatch, POLL_START)
    for index, group, district in SCAM_ANSWERS:
        answer(new_client(), scam, index, **{k: v for k, v in (("youth_group", group), ("district", district)) if v})
    created(moderator.post(f"/api/v1/polls/{scam['id']}/reveal"))
    advance(moderator, monkeypatch, DIALOGUE_START)
    safety = poll(moderator, SAFETY, kind="scale", in_notice=True, open=True)
    for position in SAFETY_ANSWERS:
        answer(new_client(), safety, position - 1)
    news = poll(moderator, NEWS, ["Mạng xã hội", "Báo chí", "Truyền hình"], kind="multiple", open=True)
    created(moderator.post(f"/api/v1/polls/{news['id']}/close"))
    poll(moderator, DRAFT, ["Có", "Không"])
    if finish:
        advance(moderator, monkeypatch, END, to="end")
    return {"scam": scam, "safety": safety, "news": news}
