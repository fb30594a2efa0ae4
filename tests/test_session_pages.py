"""Pages used while the session runs: the Chair's tablet and the live minutes; the Chair's
messages over Socket.IO between the moderators and the tablet; the moderator console's links."""
import html as html_module
import io
import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from .conftest import DEMO

PAGES = ("/chair/demo", "/admin/events/demo/minutes")


def scripts(html):
    """Every <script> tag's attributes and body."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)


def json_block(html, name):
    [body] = [body for attrs, body in scripts(html) if f'id="{name}"' in attrs]
    return json.loads(body)


def strings(html):
    return json_block(html, "strings")


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_users_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next={path}"


@pytest.mark.parametrize("path", PAGES)
def test_a_moderator_of_another_event_may_not_open_them(other_moderator, path):
    assert other_moderator.get(path).status_code == 403


@pytest.mark.parametrize("path", ("/chair/khong-co", "/admin/events/khong-co/minutes"))
def test_unknown_event_is_404(moderator, demo_moderator, path):
    """404 for who moderates every event; a moderator of one event is refused first (403)."""
    assert moderator.get(path).status_code == 404
    assert demo_moderator.get(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_moderators_and_organizers_open_them_without_inline_scripts(demo_moderator, moderator, path):
    for client in (demo_moderator, moderator):
        response = client.get(path)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert "Đối thoại giữa Chủ tịch UBND tỉnh" in html
        for attrs, body in scripts(html):
            # CSP-ready: code only from files, data only in JSON blocks
            assert ("src=" in attrs and not body.strip()) or 'type="application/json"' in attrs, attrs
        assert not re.search(r"\son[a-z]+=", html)


def test_chair_page_carries_its_data_and_strings(demo_moderator):
    html = demo_moderator.get("/chair/demo").get_data(as_text=True)
    page = json_block(html, "page")
    assert page["code"] == "demo" and page["timezone"] == "Asia/Ho_Chi_Minh"
    assert page["read_message"] == "/api/v1/events/demo/chair/messages/0/read"
    assert strings(html)["read"] == "Đã đọc"
    assert "js/chair.js" in html and "css/chair.css" in html


def test_chair_page_names_the_programme_items_and_the_clock_in_the_page_language(demo_moderator):
    html = demo_moderator.get("/chair/demo").get_data(as_text=True)
    assert json_block(html, "page")["labels"]["item_kind"]["performance"] == "Văn nghệ"
    assert strings(html)["countdown"] == {"on-time": "Còn lại", "warn": "Sắp hết giờ", "over": "Quá giờ"}
    english = demo_moderator.get("/chair/demo?lang=en").get_data(as_text=True)
    assert json_block(english, "page")["labels"]["item_kind"]["performance"] == "Performance"
    assert strings(english)["countdown"]["over"] == "Over time"
    assert strings(english)["late"] == "{minutes} min behind schedule"


def test_projector_page_names_the_programme_items_and_the_poll_states(client):
    html = client.get("/e/demo/screen").get_data(as_text=True)
    labels = json_block(html, "page")["labels"]
    assert labels["item_kind"]["figures"] == "Thông tin nhanh" and labels["poll_state"]["open"] == "Đang mở"
    assert strings(html)["answeredCount"] == "{count} người đã trả lời"
    english = client.get("/e/demo/screen?lang=en").get_data(as_text=True)
    assert json_block(english, "page")["labels"]["item_kind"]["figures"] == "Quick information"
    assert strings(english)["answeredCount"] == "Answers: {count}"


def test_moderator_console_links_to_the_chair_and_the_minutes(demo_moderator):
    html = demo_moderator.get("/mod/demo").get_data(as_text=True)
    assert 'href="/chair/demo"' in html
    assert 'href="/admin/events/demo/minutes"' in html
    assert "Nhắn Chủ tọa" in html
    assert strings(html)["quickInvite"] == "Mời {title} trả lời"


def test_chair_join_gets_public_questions_and_the_messages(demo_moderator, new_client, ask, publish, sockets):
    secret = ask(new_client(), "Câu hỏi chưa duyệt không lên bàn Chủ tọa")
    public = ask(new_client(), "Câu hỏi đã duyệt lên bàn Chủ tọa")
    publish(public["id"])
    sent = demo_moderator.post("/api/v1/events/demo/chair/messages", json={"text": "5 phút nữa"})
    assert sent.status_code == 201
    snap = sockets(demo_moderator, role="chair").wait_for("snapshot")
    ids = {q["id"] for q in snap["questions"]}
    assert public["id"] in ids and secret["id"] not in ids
    assert [m["text"] for m in snap["messages"]] == ["5 phút nữa"]
    assert snap["messages"][0]["read_at"] is None and snap["messages"][0]["sender"] == "demo-mod"


def test_chair_join_needs_a_staff_login_for_the_event(other_moderator, sockets):
    for client in (None, other_moderator):
        sock = sockets(client, role="chair")
        error = sock.wait_for("error")
        assert error["error"]
        assert sock.named("snapshot") == []


def test_message_reaches_the_chair_and_the_read_receipt_reaches_the_moderators(make_moderator, demo_moderator, sockets):
    chair_http = make_moderator("chu-toa", DEMO)
    chair = sockets(chair_http, role="chair")
    watcher = sockets(demo_moderator, role="moderator")
    assert chair.wait_for("snapshot")["messages"] == []
    assert watcher.wait_for("snapshot")["messages"] == []

    sent = demo_moderator.post("/api/v1/events/demo/chair/messages", json={"text": "Còn 2 phút"}).get_json()
    got = chair.wait_for("chair_message", lambda m: m["id"] == sent["id"])
    assert got["text"] == "Còn 2 phút" and got["read_at"] is None
    assert set(got) == {"id", "text", "sender", "sent_at", "read_at"}
    watcher.wait_for("chair_message", lambda m: m["id"] == sent["id"] and m["read_at"] is None)

    read = chair_http.post(f"/api/v1/events/demo/chair/messages/{sent['id']}/read")
    assert read.status_code == 200 and read.get_json()["read_at"]
    receipt = watcher.wait_for("chair_message", lambda m: m["id"] == sent["id"] and m["read_at"])
    assert receipt["read_at"] == read.get_json()["read_at"]
    chair.wait_for("chair_message", lambda m: m["id"] == sent["id"] and m["read_at"])


def test_messages_stay_in_their_event(other_moderator, demo_moderator, sockets):
    chair = sockets(demo_moderator, role="chair")
    chair.wait_for("snapshot")
    other = other_moderator.post("/api/v1/events/other-event/chair/messages", json={"text": "Lời nhắn sự kiện khác"})
    assert other.status_code == 201
    mine = demo_moderator.post("/api/v1/events/demo/chair/messages", json={"text": "Lời nhắn sự kiện này"}).get_json()
    chair.wait_for("chair_message", lambda m: m["id"] == mine["id"])
    assert "Lời nhắn sự kiện khác" not in chair.text()


def test_messages_are_signed_with_the_senders_display_name(app, moderator, sockets, login):
    created = moderator.post("/admin/users", data={"action": "create", "username": "lan", "password": "pw12345678",
                                                   "role": "moderator", "event": DEMO,
                                                   "display_name": "  Lan – Tỉnh đoàn "})
    assert created.status_code == 302
    lan = app.test_client()
    assert login(lan, "lan", "pw12345678").status_code == 200
    chair = sockets(moderator, role="chair")
    chair.wait_for("snapshot")

    sent = lan.post("/api/v1/events/demo/chair/messages", json={"text": "Còn 2 phút"}).get_json()
    assert sent["sender"] == "Lan – Tỉnh đoàn"
    assert chair.wait_for("chair_message", lambda m: m["id"] == sent["id"])["sender"] == "Lan – Tỉnh đoàn"
    unnamed = moderator.post("/api/v1/events/demo/chair/messages", json={"text": "5 phút nữa"}).get_json()
    assert unnamed["sender"] == "admin"  # an account without a display name signs with its username

    renamed = moderator.post("/admin/users", data={"action": "rename", "username": "admin",
                                                   "display_name": "Ban tổ chức"})
    assert renamed.status_code == 302
    page = moderator.get("/admin/users").get_data(as_text=True)
    assert 'value="Lan – Tỉnh đoàn"' in page and 'value="Ban tổ chức"' in page
    later = moderator.post("/api/v1/events/demo/chair/messages", json={"text": "Mời đại biểu tiếp theo"}).get_json()
    assert later["sender"] == "Ban tổ chức"
    snapshot = sockets(moderator, role="chair").wait_for("snapshot")
    signed = {m["text"]: m["sender"] for m in snapshot["messages"]}
    assert signed == {"Còn 2 phút": "Lan – Tỉnh đoàn", "5 phút nữa": "admin", "Mời đại biểu tiếp theo": "Ban tổ chức"}
    too_long = moderator.post("/admin/users", data={"action": "rename", "username": "lan", "display_name": "x" * 81})
    assert too_long.status_code == 400


def _log_answer(moderator, ask, publish, new_client):
    first = ask(new_client(), "Thanh niên khởi nghiệp được vay vốn ưu đãi thế nào?", author="Lan")
    second = ask(new_client(), "Điều kiện vay vốn khởi nghiệp cho đoàn viên?")
    for q in (first, second):
        publish(q["id"])
    assert moderator.post(f"/api/v1/questions/{first['id']}/route", json={"agency": "CA"}).status_code == 200
    response = moderator.post(f"/api/v1/questions/{first['id']}/answer", json={
        "speakers": [{"name": "Giám đốc Công an tỉnh", "agency": "CA"}, {"name": "Chủ tịch UBND tỉnh"}],
        "summary": "Tỉnh có gói vay ưu đãi qua Ngân hàng Chính sách.",
        "direction": "Giao Tỉnh đoàn phối hợp tổ chức hội nghị tư vấn vốn.",
        "commitments": [{"agency": "CA", "what": "Tổ chức tập huấn an toàn vay vốn", "due": "2025-09-30"}],
        "also": [second["id"]], "follow_up": True,
    })
    assert response.status_code == 200, response.get_json()
    return first, second


def minutes_list(client):
    return minutes_list_of(client.get("/admin/events/demo/minutes").get_data(as_text=True))


def test_minutes_show_the_answer_log_in_local_time(moderator, ask, publish, new_client):
    _log_answer(moderator, ask, publish, new_client)
    html = minutes_list(moderator)
    for text in ("Thanh niên khởi nghiệp được vay vốn ưu đãi thế nào?", "Điều kiện vay vốn khởi nghiệp cho đoàn viên?",
                 "Giám đốc Công an tỉnh", "Công an tỉnh", "Chủ tịch UBND tỉnh",
                 "Tỉnh có gói vay ưu đãi qua Ngân hàng Chính sách.",
                 "Giao Tỉnh đoàn phối hợp tổ chức hội nghị tư vấn vốn.",
                 "Tổ chức tập huấn an toàn vay vốn", "30/09/2025", "Trả lời bổ sung bằng văn bản", "Ghi bởi admin"):
        assert text in html, text
    assert "đã sửa lúc" not in html
    [answer] = moderator.get("/api/v1/events/demo/log").get_json()["answers"]
    local = datetime.fromisoformat(answer["created_at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M")
    assert f'<time datetime="{answer["created_at"]}">{local}</time>' in html

    edited = moderator.patch(f"/api/v1/answers/{answer['id']}", json={"summary": "Tóm tắt đã sửa."})
    assert edited.status_code == 200
    html = minutes_list(moderator)
    assert "Tóm tắt đã sửa." in html
    assert "đã sửa lúc" in html and "bởi admin" in html


def test_minutes_without_answers_say_so(demo_moderator):
    html = demo_moderator.get("/admin/events/demo/minutes").get_data(as_text=True)
    assert "Chưa có câu trả lời nào được ghi." in html
    assert "0 lượt trả lời" in html


def printed_entries(html):
    """What the minutes page prints of each entry: id, questions, speakers, summary, direction, commitments."""
    def texts(pattern, chunk):
        return [tuple(unescape(part) for part in found) if isinstance(found, tuple) else unescape(found)
                for found in re.findall(pattern, chunk, re.S)]

    entries = []
    for chunk in minutes_list_of(html).split('<li class="m-entry"')[1:]:
        speakers = chunk.split('<ul class="m-speakers">', 1)[1].split("</ul>", 1)[0]
        commitments = chunk.split('<ul class="m-commitments">', 1)[1].split("</ul>", 1)[0] if "m-commitments" in chunk else ""
        entries.append({
            "id": int(re.search(r'data-id="(\d+)"', chunk).group(1)),
            "questions": texts(r'<span class="m-qnum">#(\d+)</span> <span class="m-qtext">(.*?)</span>', chunk),
            "spoken_by": texts(r'<li><strong>(.*?)</strong>(?: <span class="m-agency">— (.*?)</span>)?</li>', speakers),
            "summary": texts(r'<dd class="m-summary">(.*?)</dd>', chunk),
            "direction": texts(r'<dd class="m-direction">(.*?)</dd>', chunk),
            "commitments": texts(r'<li><strong>(.*?)</strong>: (.*?)(?: <span class="m-due">\(hạn (.*?)\)</span>)?</li>',
                                 commitments),
        })
    return entries


def minutes_list_of(html):
    return re.search(r'<ol id="minutes-list".*?</ol>\s*</main>', html, re.S).group(0)


def unescape(text):
    return html_module.unescape(text)


def test_minutes_page_json_and_export_list_the_same_entries(moderator, ask, publish, new_client):
    _log_answer(moderator, ask, publish, new_client)
    third = ask(new_client(), "Tỉnh đoàn có sân chơi cuối tuần cho thanh niên không?")
    publish(third["id"])
    logged = moderator.post(f"/api/v1/questions/{third['id']}/answer", json={
        "answered_by": "Bí thư", "agency": "TINHDOAN", "summary": "Có, mỗi tối thứ Bảy."})  # one speaker, no list
    assert logged.status_code == 200, logged.get_json()

    log = moderator.get("/api/v1/events/demo/log").get_json()["answers"]
    assert [(s["name"], s["agency_name"]) for s in log[-1]["spoken_by"]] == [("Bí thư", "Tỉnh đoàn Lào Cai")]
    assert printed_entries(moderator.get("/admin/events/demo/minutes").get_data(as_text=True)) == [{
        "id": answer["id"],
        "questions": [(str(q["id"]), q["text"]) for q in answer["questions"]],
        "spoken_by": [(s["name"], s["agency_name"]) for s in answer["spoken_by"]],
        "summary": [answer["summary"]] if answer["summary"] else [],
        "direction": [answer["direction"]] if answer["direction"] else [],
        "commitments": [(c["agency_name"], c["what"], "/".join(reversed((c["due"] or "").split("-"))))
                        for c in answer["commitments"]],
    } for answer in log]

    book = load_workbook(io.BytesIO(moderator.get("/api/v1/events/demo/log.xlsx").data))
    header = [cell.value for cell in book["Câu hỏi"][1]]
    rows = {row[0]: dict(zip(header, row)) for row in book["Câu hỏi"].iter_rows(min_row=2, values_only=True)}
    for answer in log:
        for question in answer["questions"]:
            row = rows[question["id"]]
            assert row["Nội dung câu hỏi"] == question["text"] and answer["summary"] in row["Tóm tắt trả lời"]
            for speaker in answer["spoken_by"]:
                assert speaker["name"] in row["Người trả lời"] and speaker["agency_name"] in row["Người trả lời"]
    committed = [[c["agency_name"], c["what"], c["due"], ", ".join(map(str, answer["question_ids"]))]
                 for answer in log for c in answer["commitments"]]
    exported = [[agency, what, due.date().isoformat() if due else None, ids]
                for agency, what, due, ids in book["Cam kết"].iter_rows(min_row=2, values_only=True)]
    assert committed and sorted(exported) == sorted(committed)
