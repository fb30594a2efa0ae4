"""After the session: an agency sees only what is routed to it (API and page), writes only for
itself; due dates and overdue with fixed dates; the organizers' tracker; agencies from CSV."""
import html as html_module
import io
import json
import re
from datetime import date

import pytest

from live.dialogue import answers, deadlines, events, followup, questions
from live.web import identity

from .conftest import OTHER, STAFF_PASSWORD, login
from .helpers import plain, text_of

DUE = "2024-04-10"  # the demo event's date, 2024-03-26, + LIVE_WRITTEN_ANSWER_DAYS (15)
BEFORE, AFTER = date(2024, 3, 20), date(2024, 4, 20)


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): what the web layer takes for "today"."""
    def set_today(day):
        monkeypatch.setattr(identity, "today", lambda: day)
    return set_today


@pytest.fixture
def routed(store, new_client, ask, demo_event):
    """Questions of the demo event routed to CA and STTTT, in several states, with notes."""
    def make(text, agency, status="approved", note=None):
        question = ask(new_client(), text)
        if status in ("approved", "answered", "rejected"):
            questions.approve(store, question["id"], "test")
        if agency:
            questions.route(store, question["id"], "test", demo_event, agency)
        if note:
            questions.edit(store, question["id"], "test", demo_event, note=note)
        if status == "answered":
            answers.record(store, question["id"], "test", demo_event, "Giám đốc", "Đã trả lời tại chỗ", False)
        if status == "rejected":
            questions.reject(store, question["id"], "test")
        return question["id"]
    return {
        "ca_open": make("Câu hỏi cho Công an cần văn bản", "CA", note="Ghi chú riêng cho Công an"),
        "ca_pending": make("Câu hỏi cho Công an đang chờ duyệt", "CA", status="pending", note="Chờ duyệt CA"),
        "ca_rejected": make("Câu hỏi cho Công an bị từ chối", "CA", status="rejected"),
        "ca_answered": make("Câu hỏi cho Công an đã trả lời tại chỗ", "CA", status="answered"),
        "tt_open": make("Câu hỏi cho Sở Thông tin cần văn bản", "STTTT", note="Ghi chú riêng cho Sở TT"),
        "tt_pending": make("Câu hỏi bí mật cho Sở Thông tin chờ duyệt", "STTTT", status="pending",
                           note="Ghi chú chờ duyệt Sở TT"),
        "none_open": make("Câu hỏi chưa giao cơ quan", None),
    }


# ---------- an agency sees its own, never another's ----------

def test_followup_api_gives_an_agency_only_its_items(responder, routed):
    ca = responder("CA").get("/api/v1/events/demo/followup").get_json()["items"]
    assert {item["question"]["id"] for item in ca} == {routed["ca_open"]}
    assert ca[0]["question"]["note"] == "Ghi chú riêng cho Công an"
    tt = responder("STTTT").get("/api/v1/events/demo/followup").get_json()["items"]
    assert {item["question"]["id"] for item in tt} == {routed["tt_open"]}


def test_moderators_see_every_item(moderator, demo_moderator, routed):
    for client in (moderator, demo_moderator):
        items = client.get("/api/v1/events/demo/followup").get_json()["items"]
        assert {item["question"]["id"] for item in items} == {routed["ca_open"], routed["tt_open"], routed["none_open"]}


def test_questions_api_gives_a_responder_public_ones_and_its_own_routed_ones(responder, routed):
    listed = {q["id"]: q for q in responder("CA").get("/api/v1/events/demo/questions").get_json()["questions"]}
    assert routed["ca_pending"] in listed                  # to prepare, though not public
    assert routed["tt_pending"] not in listed              # another agency's, not public
    assert routed["ca_rejected"] not in listed
    assert routed["tt_open"] in listed                     # public: everyone sees it
    assert "note" not in listed[routed["tt_open"]]         # but not the other agency's note
    assert listed[routed["ca_open"]]["note"] == "Ghi chú riêng cho Công an"


def test_agency_page_shows_only_its_questions(responder, routed, on_day):
    client = responder("CA")
    for day in (BEFORE, AFTER):
        on_day(day)
        response = client.get("/agency/demo")
        assert response.status_code == 200
        page = text_of(response)
        assert "Câu hỏi cho Công an cần văn bản" in page
        assert "Ghi chú riêng cho Công an" in page
        assert "Câu hỏi cho Công an đang chờ duyệt" in page
        for secret in ("Sở Thông tin", "Ghi chú riêng cho Sở TT", "Ghi chú chờ duyệt Sở TT", "chưa giao cơ quan",
                       "bị từ chối"):
            assert secret not in page
    # a responder cannot pick another agency
    page = text_of(client.get("/agency/demo?agency=STTTT"))
    assert "Sở Thông tin" not in page and "Câu hỏi cho Công an cần văn bản" in page


def test_agency_page_highlights_the_question_coming_next(responder, routed, store, on_day):
    on_day(BEFORE)
    client = responder("CA")
    more = questions.submit(store, store.event_by_code("demo"), "someone", "Câu nhiều phiếu của Công an")[0]
    questions.approve(store, more["id"], "test")
    questions.route(store, more["id"], "test", store.event_by_code("demo"), "CA")
    store.set_vote_count(more["id"], 1)  # more votes than the other questions for Công an
    html = client.get("/agency/demo").get_data(as_text=True)
    next_block = html.split('id="next"', 1)[1].split("</article>", 1)[0]
    assert "Câu nhiều phiếu của Công an" in next_block and "is-next" in next_block
    questions.stage(store, routed["ca_open"], "test")
    html = client.get("/agency/demo").get_data(as_text=True)
    next_block = html.split('id="next"', 1)[1].split("</article>", 1)[0]
    assert "Câu hỏi cho Công an cần văn bản" in next_block and "Đang trả lời trên sân khấu" in html


def agency_page_is_live(client):
    """Whether the agency page still leads with what to prepare (and refreshes itself)."""
    html = client.get("/agency/demo").get_data(as_text=True)
    return json.loads(re.search(r'id="page">(.*?)</script>', html, re.S).group(1))["live"]


def test_the_dialogue_is_over_once_closed_published_or_past_its_date(store, demo_event):
    assert not followup.is_over(demo_event, BEFORE) and followup.is_over(demo_event, AFTER)
    closed = events.set_phase(store, "test", "demo", events.CLOSED)
    assert followup.is_over(closed, BEFORE)
    events.set_phase(store, "test", "demo", events.LIVE)
    assert followup.is_over(events.publish(store, "test", "demo", True), BEFORE)
    assert not followup.is_over(events.publish(store, "test", "demo", False), BEFORE)


def test_agency_page_turns_to_written_answers_when_the_dialogue_is_closed(responder, routed, store, on_day):
    on_day(BEFORE)
    client = responder("CA")
    assert agency_page_is_live(client)
    events.set_phase(store, "test", "demo", events.CLOSED)  # closed early, before its date
    assert not agency_page_is_live(client)
    assert "Câu hỏi đã chuẩn bị cho buổi đối thoại" in text_of(client.get("/agency/demo"))


def test_agency_page_access(client, app, store, responder, demo_moderator, other_moderator, moderator, routed):
    response = client.get("/agency/demo")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/agency/demo")
    assert other_moderator.get("/agency/demo").status_code == 403
    assert responder("OTHER", event_code=OTHER).get("/agency/demo").status_code == 403
    picker = demo_moderator.get("/agency/demo")
    assert picker.status_code == 200 and "Chọn cơ quan trả lời" in text_of(picker)
    page = text_of(demo_moderator.get("/agency/demo?agency=STTTT"))
    assert "Câu hỏi cho Sở Thông tin cần văn bản" in page and "Câu hỏi cho Công an" not in page
    assert demo_moderator.get("/agency/demo?agency=NOPE").status_code == 404
    # a staff page: login first, then 403, then 404 (permissions.py); only who sees every event learns it is missing
    assert client.get("/agency/khong-co").headers["Location"] == "/login?next=/agency/khong-co"
    assert demo_moderator.get("/agency/khong-co").status_code == 403
    assert moderator.get("/agency/khong-co").status_code == 404


# ---------- writing the answer ----------

def test_responder_writes_for_its_own_question_only(responder, routed, store, on_day):
    on_day(AFTER)
    client = responder("CA")
    url = f"/agency/demo/written-answer/{routed['tt_open']}"
    assert client.post(url, data={"text": "Trả lời hộ cơ quan khác"}).status_code == 403
    response = client.post(f"/api/v1/questions/{routed['tt_open']}/written-answer", json={"text": "Hộ"})
    assert response.status_code == 403
    assert store.written_answers(store.event_by_code("demo")["id"]) == {}

    response = client.post(f"/agency/demo/written-answer/{routed['ca_open']}", data={"text": "  Công an trả lời  "})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/agency/demo#w{routed['ca_open']}"
    saved = store.written_answers(store.event_by_code("demo")["id"])
    assert saved[routed["ca_open"]]["text"] == "Công an trả lời"
    page = text_of(client.get("/agency/demo"))
    assert "Đã lưu câu trả lời bằng văn bản." in page and "Đã trả lời" in page
    # empty: a message, nothing changed
    client.post(f"/agency/demo/written-answer/{routed['ca_open']}", data={"text": "   "})
    assert "Hãy nhập nội dung trả lời." in text_of(client.get("/agency/demo"))
    assert store.written_answers(store.event_by_code("demo")["id"])[routed["ca_open"]]["text"] == "Công an trả lời"


def test_written_answer_form_needs_login_and_the_right_event(client, responder, routed, make_moderator):
    refused = client.post(f"/agency/demo/written-answer/{routed['ca_open']}", data={"text": "x"})
    assert refused.status_code == 302 and refused.headers["Location"] == "/login"  # a form's target is no page
    other = make_moderator("mod-other-2", OTHER)
    assert other.post(f"/agency/demo/written-answer/{routed['ca_open']}", data={"text": "x"}).status_code == 403
    assert responder("CA").post(f"/agency/{OTHER}/written-answer/{routed['ca_open']}",
                                data={"text": "x"}).status_code == 403


def test_moderator_writes_for_an_agency_and_returns_to_its_page(demo_moderator, routed, store):
    response = demo_moderator.post(f"/agency/demo/written-answer/{routed['tt_open']}", data={"text": "Nhập hộ"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/agency/demo?agency=STTTT#w{routed['tt_open']}"
    assert store.written_answers(store.event_by_code("demo")["id"])[routed["tt_open"]]["answered_by"] == "demo-mod"


# ---------- due dates and overdue, with fixed dates ----------

def test_due_date_is_event_date_plus_days_or_the_question_own(store, routed, demo_event):
    def due_of(question_id):
        event = store.event_by_code("demo")
        return {i["question"]["id"]: i["due"] for i in followup.items(store, event, BEFORE, 15)}[question_id]
    assert due_of(routed["ca_open"]) == DUE
    events.update_notice(store, "test", "demo", {}, written_answer_days=30)
    assert due_of(routed["ca_open"]) == "2024-04-25"
    questions.edit(store, routed["ca_open"], "test", demo_event, written_due="2024-05-01")
    assert due_of(routed["ca_open"]) == "2024-05-01"
    assert due_of(routed["tt_open"]) == "2024-04-25"
    events.update(store, "test", "demo", date="")
    assert due_of(routed["ca_open"]) == "2024-05-01" and due_of(routed["tt_open"]) is None


def test_due_date_uses_the_setting(app_factory):
    app = app_factory(LIVE_WRITTEN_ANSWER_DAYS=20)
    store = app.extensions["live_store"]
    event = store.event_by_code("demo")
    question = questions.submit(store, event, "a", "Câu hỏi về hạn")[0]
    questions.approve(store, question["id"], "test")
    client = app.test_client()
    login(client, "admin", "admin-password")
    [item] = client.get("/api/v1/events/demo/followup").get_json()["items"]
    assert item["due"] == "2024-04-15"


def test_overdue_only_after_the_due_date_and_never_once_answered(store, routed):
    event = store.event_by_code("demo")

    def status(day):
        return {i["question"]["id"]: i["status"] for i in followup.items(store, event, day, 15)}[routed["ca_open"]]
    assert status(date(2024, 4, 10)) == followup.ASSIGNED   # the due day itself
    assert status(date(2024, 4, 11)) == followup.OVERDUE
    followup.answer_in_writing(store, routed["ca_open"], "ca", None, True, "Đã trả lời")
    assert status(date(2024, 4, 11)) == followup.ANSWERED


def test_status_labels_on_the_agency_page(responder, routed, on_day):
    client = responder("CA")
    on_day(date(2024, 4, 8))
    assert "Đã giao" in text_of(client.get("/agency/demo")) and "còn 2 ngày" in text_of(client.get("/agency/demo"))
    on_day(date(2024, 4, 12))
    page = text_of(client.get("/agency/demo"))
    assert "Quá hạn" in page and "quá hạn 2 ngày" in page


# ---------- the organizers' tracker ----------

def test_tracker_counts(moderator, store, routed, on_day):
    on_day(AFTER)
    followup.answer_in_writing(store, routed["tt_open"], "tt", None, True, "Sở TT đã trả lời")
    rows = {row["agency"]: row for row in moderator.get("/api/v1/events/demo/followup/agencies").get_json()["agencies"]}
    assert rows["CA"]["overdue"] == 1 and rows["CA"]["answered"] == 0 and rows["CA"]["total"] == 1
    assert rows["STTTT"]["answered"] == 1 and rows["STTTT"]["overdue"] == 0
    assert rows[""]["overdue"] == 1
    response = moderator.get("/admin/events/demo/followup")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    foot = html.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert [int(n) for n in re.findall(r">(\d+)</td>", foot)] == [3, 0, 1, 2]  # total, assigned, answered, overdue
    page = text_of(response)
    assert "Sở TT đã trả lời" in page and "Công an tỉnh" in page and "(Chưa giao cơ quan)" in page


def test_tracker_countdowns(moderator, routed, on_day):
    on_day(date(2024, 3, 20))
    page = text_of(moderator.get("/admin/events/demo/followup"))
    assert "còn 6 ngày" in page            # the dialogue
    assert "còn 16 ngày" in page           # conclusion notice: 10 days after
    assert "còn 21 ngày" in page           # written answers: 15 days after
    assert "quá hạn 24 ngày" in page       # plan: 30 days before, 25/02
    on_day(date(2024, 4, 5))
    html = moderator.get("/admin/events/demo/followup").get_data(as_text=True)
    conclusion = html.split('data-key="conclusion"', 1)[1].split("</li>", 1)[0]
    assert "hôm nay" in conclusion and "05/04/2024" in conclusion
    on_day(date(2024, 4, 13))
    html = moderator.get("/admin/events/demo/followup").get_data(as_text=True)
    assert "quá hạn 3 ngày" in html.split('data-key="written"', 1)[1].split("</li>", 1)[0]


def conclusion_milestone(client):
    html = client.get("/admin/events/demo/followup").get_data(as_text=True)
    item = re.search(r'<li class="fu-deadline ([^"]*)" data-key="conclusion">(.*?)</li>', html, re.S)
    return item.group(1), plain(item.group(2))


def test_a_notice_dated_after_its_deadline_is_late_not_done(moderator, store, on_day):
    """Due 05/04/2024 (10 days after the dialogue): dated 26/11/2025 it is 600 days late, in red."""
    on_day(date(2025, 12, 1))
    events.update_notice(store, "test", "demo", {"date": "2025-11-26"})
    state, text = conclusion_milestone(moderator)
    assert state == "is-late" and "thông báo đề ngày 26/11/2025, chậm 600 ngày" in text
    events.update_notice(store, "test", "demo", {"date": "2024-04-05"})
    state, text = conclusion_milestone(moderator)
    assert state == "is-done" and "chậm" not in text
    demo = store.event_by_code("demo")
    assert [row["state"] for row in deadlines.milestones(demo, date(2024, 4, 20), [], 30, 10, 15,
                                                         date(2024, 2, 20))] == ["done", "done", "done", "past"]


def test_the_plan_is_done_on_the_day_it_was_published_late_after_its_deadline(moderator, store, on_day):
    """Due 25/02/2024 (30 days before the dialogue): published on 20/02 it is done, on 01/03 late by 5
    days, not yet published (or published after "today") it is past."""
    demo, today = store.event_by_code("demo"), date(2024, 4, 20)

    def plan(published):
        return deadlines.milestones(demo, today, [], 30, 10, 15, published)[0]
    assert plan(date(2024, 2, 20))["state"] == "done"
    assert (plan(date(2024, 3, 1))["state"], plan(date(2024, 3, 1))["late_by"]) == ("late", 5)
    assert plan(None)["state"] == plan(date(2024, 4, 21))["state"] == "past"


def test_tracker_access_and_publish_toggle(client, moderator, demo_moderator, other_moderator, responder, store):
    response = client.get("/admin/events/demo/followup")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert other_moderator.get("/admin/events/demo/followup").status_code == 403
    assert responder("CA").get("/admin/events/demo/followup").status_code == 403
    assert demo_moderator.get("/admin/events/demo/followup").status_code == 200
    assert "Chưa công bố" in text_of(moderator.get("/admin/events/demo/followup"))
    assert demo_moderator.post("/admin/events/demo/followup/publish", data={"published": "1"}).status_code == 403
    response = moderator.post("/admin/events/demo/followup/publish", data={"published": "1"})
    assert response.status_code == 302
    assert store.event_by_code("demo")["published_at"]
    assert "Đã công bố lúc" in text_of(moderator.get("/admin/events/demo/followup"))
    moderator.post("/admin/events/demo/followup/publish", data={"published": "0"})
    assert not store.event_by_code("demo")["published_at"]
    actions = [row["action"] for row in store.audit(store.event_by_code("demo")["id"])]
    assert actions[-2:] == ["event.publish", "event.unpublish"]


def test_publishing_while_live_with_questions_waiting_asks_for_confirmation(moderator, store, new_client, ask):
    """Live, with one question waiting for review and one for an answer: the form has a required
    confirmation box, and the server refuses to publish without it (no JavaScript needed)."""
    events.set_phase(store, "test", "demo", events.LIVE)
    ask(new_client(), "Câu hỏi còn chờ duyệt")
    questions.approve(store, ask(new_client(), "Câu hỏi đã duyệt, chưa trả lời")["id"], "test")
    html = moderator.get("/admin/events/demo/followup").get_data(as_text=True)
    publish_form = html.split('id="publish"', 1)[1].split("</form>", 1)[0]
    assert re.search(r'<input type="checkbox" name="confirm" value="1" required', publish_form)
    assert "còn 2 câu hỏi chưa trả lời" in plain(publish_form)
    response = moderator.post("/admin/events/demo/followup/publish", data={"published": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#publish")
    assert not store.event_by_code("demo")["published_at"]
    assert "Chưa công bố: sự kiện đang diễn ra và còn 2 câu hỏi chưa trả lời." in text_of(
        moderator.get("/admin/events/demo/followup"))
    moderator.post("/admin/events/demo/followup/publish", data={"published": "1", "confirm": "1"})
    assert store.event_by_code("demo")["published_at"]
    # taking back, and publishing once the session is closed, need no confirmation
    moderator.post("/admin/events/demo/followup/publish", data={"published": "0"})
    assert not store.event_by_code("demo")["published_at"]
    events.set_phase(store, "test", "demo", events.CLOSED)
    assert 'name="confirm"' not in moderator.get("/admin/events/demo/followup").get_data(as_text=True)
    moderator.post("/admin/events/demo/followup/publish", data={"published": "1"})
    assert store.event_by_code("demo")["published_at"]


def test_print_list_has_open_items_per_agency(moderator, routed, store, on_day):
    on_day(AFTER)
    followup.answer_in_writing(store, routed["tt_open"], "tt", None, True, "Đã xong")
    page = text_of(moderator.get("/admin/events/demo/followup/print"))
    assert "Công an tỉnh" in page and "Câu hỏi cho Công an cần văn bản" in page and "10/04/2024" in page
    assert "Sở Thông tin" not in page  # nothing open there
    single = text_of(moderator.get("/admin/events/demo/followup/print?agency=STTTT"))
    assert "không còn câu hỏi nào chưa trả lời" in single


# ---------- responder accounts from the accounts page ----------

def test_organizer_creates_a_responder_account(app, moderator, other_moderator, store):
    response = moderator.post("/admin/users", data={"action": "create", "username": "ca-user",
                                                    "password": STAFF_PASSWORD, "role": "responder",
                                                    "event": "", "agency": "demo/CA"})
    assert response.status_code == 302
    user = store.user_by_name("ca-user")
    assert (user["role"], user["event_code"], user["agency_code"]) == ("responder", "demo", "CA")
    assert "Cơ quan trả lời" in text_of(moderator.get("/admin/users"))
    # an agency of another event than the one chosen: refused
    response = moderator.post("/admin/users", data={"action": "create", "username": "bad-user",
                                                    "password": STAFF_PASSWORD, "role": "responder",
                                                    "event": OTHER, "agency": "demo/CA"})
    assert response.status_code == 400 and store.user_by_name("bad-user") is None
    assert "Cơ quan đã chọn không thuộc sự kiện đã chọn." in text_of(response)
    client = app.test_client()
    assert login(client, "ca-user", STAFF_PASSWORD).status_code == 200
    assert "Công an tỉnh" in text_of(client.get("/agency/demo"))


def test_responder_account_needs_an_agency(moderator, store):
    response = moderator.post("/admin/users", data={"action": "create", "username": "no-agency",
                                                    "password": STAFF_PASSWORD, "role": "responder", "event": "demo"})
    assert response.status_code == 400
    assert "Tài khoản cơ quan cần một sự kiện và một cơ quan." in text_of(response)
    assert store.user_by_name("no-agency") is None


# ---------- agencies from a CSV file ----------

IMPORT = "/admin/events/demo/agencies/import"


def upload(client, content, name="co-quan.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(IMPORT, data={"action": "preview", "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def confirm(client, content):
    return client.post(IMPORT, data={"action": "confirm", "csv": content})


def agency_rows(store):
    return [(a["code"], a["name"], a["email"]) for a in store.agencies(store.event_by_code("demo")["id"])]


def test_import_preview_writes_nothing_then_confirm_merges(moderator, store):
    before = agency_rows(store)
    csv_text = ("code,name,short_name,head_title,contact,email\n"
                "CA,Công an tỉnh Lào Cai,Công an,Giám đốc Công an tỉnh,0214 000,ca@laocai.gov.vn\n"
                "SYT,Sở Y tế,Y tế,Giám đốc Sở Y tế,,syt@laocai.gov.vn\n")
    response = upload(moderator, csv_text)
    assert response.status_code == 200
    page = text_of(response)
    assert "Cập nhật" in page and "Thêm mới" in page and "Xác nhận nhập" in page
    assert agency_rows(store) == before  # nothing written yet
    response = confirm(moderator, csv_text)
    assert response.status_code == 302
    after = agency_rows(store)
    assert len(after) == len(before) + 1
    assert ("CA", "Công an tỉnh Lào Cai", "ca@laocai.gov.vn") in after
    assert after[-1] == ("SYT", "Sở Y tế", "syt@laocai.gov.vn")
    assert [a for a in after if a[0] == "SNV"] == [a for a in before if a[0] == "SNV"]  # not in the file: kept
    assert [code for code, _, _ in after[:len(before)]] == [code for code, _, _ in before]  # order kept


def test_import_is_idempotent(moderator, store):
    csv_text = "code,name,email\nSYT,Sở Y tế,syt@laocai.gov.vn\nCA,Công an tỉnh,ca@laocai.gov.vn\n"
    assert confirm(moderator, csv_text).status_code == 302
    first = store.agencies(store.event_by_code("demo")["id"])
    audit = len(store.audit(store.event_by_code("demo")["id"]))
    response = upload(moderator, csv_text)
    page = text_of(response)
    assert "Không đổi" in page and "Thêm mới" not in page.split("Kết quả kiểm tra", 1)[1]
    assert re.search(r"<button [^>]*disabled>Xác nhận nhập</button>", response.get_data(as_text=True))
    assert "Không có thay đổi: danh sách cơ quan đã giống tệp." in page
    confirm(moderator, csv_text)
    assert store.agencies(store.event_by_code("demo")["id"]) == first
    assert len(store.audit(store.event_by_code("demo")["id"])) == audit
    assert "Không có thay đổi" in text_of(moderator.get(IMPORT))


def test_import_reads_bom_semicolons_and_vietnamese_headers(moderator, store):
    csv_text = ("Mã;Tên cơ quan;Tên ngắn;Chức danh người đứng đầu;Liên hệ;Email\r\n"
                "SYT;Sở Y tế;Y tế;Giám đốc Sở Y tế;\"Số 1; đường A\";syt@laocai.gov.vn\r\n")
    response = upload(moderator, b"\xef\xbb\xbf" + csv_text.encode("utf-8"))
    assert response.status_code == 200 and "Xác nhận nhập" in text_of(response)
    hidden = re.search(r'<textarea name="csv" hidden>(.*?)</textarea>', response.get_data(as_text=True), re.S).group(1)
    assert confirm(moderator, html_module.unescape(hidden)).status_code == 302
    [syt] = [a for a in store.agencies(store.event_by_code("demo")["id"]) if a["code"] == "SYT"]
    assert (syt["name"], syt["short_name"], syt["head_title"], syt["contact"], syt["email"]) == (
        "Sở Y tế", "Y tế", "Giám đốc Sở Y tế", "Số 1; đường A", "syt@laocai.gov.vn")


def test_import_is_all_or_nothing(moderator, store):
    before = agency_rows(store)
    csv_text = ("code,name,email\n"
                "SYT,Sở Y tế,syt@laocai.gov.vn\n"
                "mã sai!,Tên,\n"
                "SXD,,sxd@laocai.gov.vn\n"
                "SKH,Sở Kế hoạch,khong-phai-email\n"
                "SYT,Sở Y tế lần hai,\n")
    response = upload(moderator, csv_text)
    page = text_of(response)
    assert "Mã cơ quan gồm 1-20 chữ in hoa không dấu, số, gạch ngang." in page
    assert "Cơ quan cần có tên." in page
    assert "Địa chỉ thư điện tử không hợp lệ: khong-phai-email." in page
    assert "Mã SYT trùng với dòng 2." in page
    listed = re.search(r"Dòng 3 ?: Mã cơ quan gồm", page)  # the problems, listed before the table
    assert listed and listed.start() < page.index("Kết quả kiểm tra")
    assert "Xác nhận nhập" not in page
    response = confirm(moderator, csv_text)
    assert response.status_code == 400
    assert agency_rows(store) == before


def test_import_rejects_a_file_that_is_not_utf8_or_has_no_header(moderator, store):
    before = agency_rows(store)
    response = upload(moderator, b"code,name\nSYT,S\xf5 Y t\xea\n")  # a legacy 8-bit encoding
    assert response.status_code == 400 and "UTF-8" in text_of(response)
    response = upload(moderator, "Tên;Địa chỉ\nSở Y tế;Lào Cai\n")
    assert "Thiếu cột bắt buộc: code" in text_of(response)
    assert agency_rows(store) == before


def test_import_is_for_organizers(client, demo_moderator):
    response = client.get(IMPORT)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert demo_moderator.get(IMPORT).status_code == 403
    assert confirm(demo_moderator, "code,name\nSYT,Sở Y tế\n").status_code == 403
