"""The province's overview (live/dialogue/overview.py, /admin/overview, /api/v1/overview): every dialogue
of a year by area with its counts and statutory steps, the areas that have not held theirs, the
agencies across dialogues, and who sees what. "Today" is a parameter; the audit clock is set."""
import io
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from live.dialogue import answers, areas, events, followup, forwarding, overview, questions, users
from live.storage import events as event_rows, moderation
from live.web import identity

from .conftest import STAFF_PASSWORD, logged_in
from .test_reminders import smtp_server  # noqa: F401 (a fixture: a real SMTP server on 127.0.0.1)

TODAY = date(2024, 4, 20)
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
AGENCIES = [{"code": "CA", "name": "Công an tỉnh"}, {"code": "SYT", "name": "Sở Y tế", "email": "syt@laocai.gov.vn"}]


@pytest.fixture
def clock(monkeypatch):
    """clock(day): what the audit log and new events record as now (08:00 in Lào Cai that day)."""
    def set_clock(day):
        stamp = f"{day}T01:00:00.000+00:00"
        for module in (moderation, event_rows):
            monkeypatch.setattr(module, "now", lambda: stamp)
    return set_clock


def dialogue(store, code, area, day, phase, draft_first=False):
    event = events.create(store, "test", code, title=f"Đối thoại {code}", date=day, area=area, agencies=AGENCIES)
    if draft_first:
        events.set_phase(store, "test", code, events.DRAFT)
    return events.set_phase(store, "test", code, phase) if phase else event


def ask(store, event, text, status="approved", agency=None, follow_up=False):
    question = questions.submit(store, store.event_by_code(event), f"a-{text}", text)[0]
    if status not in ("pending", "rejected"):
        questions.approve(store, question["id"], "test")
    if status == "rejected":
        questions.reject(store, question["id"], "test")
    if agency:
        questions.route(store, question["id"], "test", store.event_by_code(event), agency)
    if status == "answered":
        answers.record(store, question["id"], "test", store.event_by_code(event), "Giám đốc", "Tóm tắt",
                       follow_up=follow_up)
    return question["id"]


@pytest.fixture
def province(store, clock):
    return make_province(store, clock)


def make_province(store, clock):
    """Lào Cai with three areas: Tả Van held its 2024 dialogue on time, Sa Pa published its plan
    late, Y Tý has only a draft; the demo dialogue (2024) has no area; Tả Van's 2023 one is another year's."""
    areas.create(store, "test", "lao-cai", "Tỉnh Lào Cai", "province")
    for code, name, level in (("ta-van", "Xã Tả Van", "commune"), ("sa-pa", "Phường Sa Pa", "ward"),
                              ("y-ty", "Xã Y Tý", "commune")):
        areas.create(store, "test", code, name, level, parent="lao-cai")
    clock("2024-01-10")
    dialogue(store, "ta-van-2024", "ta-van", "2024-03-01", None)
    events.set_phase(store, "test", "ta-van-2024", events.DRAFT)
    clock("2024-01-20")  # the plan published 41 days before the dialogue (due 31/01)
    events.set_phase(store, "test", "ta-van-2024", events.COLLECTING)
    clock("2024-03-20")  # never a draft: published when created, 9 days after its deadline (11/03)
    dialogue(store, "sa-pa-2024", "sa-pa", "2024-04-10", events.LIVE)
    dialogue(store, "y-ty-2024", "y-ty", "2024-05-30", events.DRAFT)
    dialogue(store, "ta-van-2023", "ta-van", "2023-06-01", events.CLOSED)
    made = {"open": ask(store, "ta-van-2024", "Chưa trả lời, quá hạn", agency="CA"),
            "written": ask(store, "ta-van-2024", "Đã trả lời bằng văn bản", agency="CA"),
            "spot": ask(store, "ta-van-2024", "Trả lời tại chỗ", "answered", "SYT"),
            "promised": ask(store, "ta-van-2024", "Trả lời tại chỗ, hẹn văn bản", "answered", "SYT", follow_up=True),
            "pending": ask(store, "ta-van-2024", "Chờ duyệt", "pending"),
            "rejected": ask(store, "ta-van-2024", "Từ chối", "rejected"),
            "forwarded": ask(store, "ta-van-2024", "Chuyển lên cấp tỉnh", agency="SYT"),
            "sa-pa": ask(store, "sa-pa-2024", "Câu hỏi ở Sa Pa", agency="CA")}
    followup.answer_in_writing(store, made["written"], "ca", None, True, "Công an tỉnh đã trả lời")
    questions.edit(store, made["forwarded"], "test", store.event_by_code("ta-van-2024"), written_due="2024-05-01")
    events.set_phase(store, "test", "ta-van-2024", events.CLOSED)
    dialogue(store, "tinh-2025", "lao-cai", "2025-03-26", events.COLLECTING)  # next year's, taking proposals
    events.update(store, "test", "ta-van-2024", parent="tinh-2025")
    forwarding.forward(store, store.event_by_code("ta-van-2024"), "test", [made["forwarded"]])
    events.update_notice(store, "test", "ta-van-2024", {"date": "2024-03-08", "number": "12-TB/UBND"})
    return made


def build(store, user="admin", year=2024, today=TODAY, **config):
    settings = {"LIVE_WRITTEN_ANSWER_DAYS": 15, "LIVE_CONCLUSION_DAYS": 10, "LIVE_PLAN_NOTICE_DAYS": 30, **config}
    return overview.build(store, store.user_by_name(user), year, today, settings, ZONE)


def by_code(data):
    return {row["code"]: row for row in data["dialogues"]}


def test_each_dialogue_counts_its_questions(store, province):
    shown = by_code(build(store))
    assert list(shown) == ["ta-van-2024", "demo", "sa-pa-2024", "y-ty-2024"]  # in date order; not 2023's
    counts = {key: shown["ta-van-2024"][key] for key in overview.COUNTS}
    assert counts == {"questions": 7, "answered_on_spot": 2, "forwarded": 1, "answered_in_writing": 1,
                      "to_answer_in_writing": 4, "overdue": 2}
    assert (shown["sa-pa-2024"]["questions"], shown["sa-pa-2024"]["overdue"]) == (1, 0)  # due 25/04
    assert shown["ta-van-2024"]["area"]["code"] == "ta-van" and shown["demo"]["area"] is None
    assert build(store)["totals"]["questions"] == sum(row["questions"] for row in shown.values())


def test_the_statutory_steps_are_done_due_or_late(store, province):
    steps = {code: {step["key"]: (step["state"], step["date"], step["done_on"]) for step in row["steps"]}
             for code, row in by_code(build(store)).items()}
    assert steps["ta-van-2024"] == {"plan": ("done", "2024-01-31", "2024-01-20"),
                                    "conclusion": ("done", "2024-03-11", "2024-03-08"),
                                    "written": ("late", "2024-03-16", None)}
    assert steps["sa-pa-2024"] == {"plan": ("late", "2024-03-11", "2024-03-20"),
                                   "conclusion": ("due", "2024-04-20", None),  # due today
                                   "written": ("due", "2024-04-25", None)}
    assert steps["y-ty-2024"]["plan"] == ("due", "2024-04-30", None)  # a draft has published nothing
    later = {code: {step["key"]: step["state"] for step in row["steps"]}
             for code, row in by_code(build(store, today=date(2024, 5, 2))).items()}
    assert later["y-ty-2024"]["plan"] == later["sa-pa-2024"]["conclusion"] == "late"


def test_the_deadlines_are_the_settings(store, province):
    steps = {step["key"]: step for step in by_code(build(store, LIVE_PLAN_NOTICE_DAYS=45))["ta-van-2024"]["steps"]}
    assert (steps["plan"]["date"], steps["plan"]["state"], steps["plan"]["period"]) == ("2024-01-16", "late", 45)


def test_the_areas_that_have_not_held_this_years_dialogue(store, province):
    rows = {row["code"]: row for row in build(store)["areas"]}
    assert [row["code"] for row in build(store)["areas"]] == ["lao-cai", "sa-pa", "ta-van", "y-ty"]
    assert {code: row["held"] for code, row in rows.items()} == {"lao-cai": False, "sa-pa": True, "ta-van": True,
                                                                 "y-ty": False}  # Y Tý: a draft only
    assert rows["ta-van"]["dialogues"] == ["ta-van-2024"] and rows["lao-cai"]["depth"] == 0
    assert {row["code"]: row["held"] for row in build(store, year=2023)["areas"]}["ta-van"]


def test_the_agencies_across_dialogues(store, province):
    rows = {row["agency"]: row for row in build(store)["agencies"]}
    assert {key: rows["CA"][key] for key in ("total", "answered", "overdue", "assigned")} == {
        "total": 3, "answered": 1, "overdue": 1, "assigned": 1}  # two in Tả Van, one in Sa Pa
    assert {key: rows["SYT"][key] for key in ("total", "answered", "overdue")} == {"total": 2, "answered": 0,
                                                                                  "overdue": 1}


def test_a_local_organizer_sees_only_its_own(store, province):
    local = users.create(store, "ta-van-org", STAFF_PASSWORD, users.ORGANIZER)
    store.update_user(local["id"], {"area_id": store.area_by_code("ta-van")["id"]})
    data = build(store, "ta-van-org")
    assert [row["code"] for row in data["dialogues"]] == ["ta-van-2024"]
    assert [row["code"] for row in data["areas"]] == ["ta-van"]
    assert {row["agency"] for row in data["agencies"]} == {"CA", "SYT"}
    assert {row["agency"]: row["total"] for row in data["agencies"]}["CA"] == 2  # not Sa Pa's


def test_the_page_and_the_api(app, store, province, moderator, monkeypatch, make_moderator, responder):
    monkeypatch.setattr(identity, "today", lambda: TODAY)
    data = moderator.get("/api/v1/overview?year=2024").get_json()
    assert data == build(store)
    assert moderator.get("/api/v1/overview?year=1800").status_code == 400
    assert moderator.get("/api/v1/overview?year=abc").get_json()["error"]
    page = moderator.get("/admin/overview?year=2024").get_data(as_text=True)
    assert "Chưa gắn địa bàn" in page and "Xã Y Tý" in page and "Trễ hạn" in page
    assert 'data-agency="CA"' in page and "Gửi thư nhắc" in page
    assert "/admin/overview" in moderator.get("/staff").get_data(as_text=True)
    for refused in (make_moderator("mod-all"), responder("CA")):
        assert refused.get("/admin/overview").status_code == 403
        assert refused.get("/api/v1/overview").status_code == 403
    local = users.create(store, "sa-pa-org", STAFF_PASSWORD, users.ORGANIZER)
    store.update_user(local["id"], {"area_id": store.area_by_code("sa-pa")["id"]})
    shown = logged_in(app, "sa-pa-org", STAFF_PASSWORD).get("/api/v1/overview?year=2024").get_json()
    assert [row["code"] for row in shown["dialogues"]] == ["sa-pa-2024"]


def test_the_workbook_has_its_sheets_and_headers(store, province, moderator, monkeypatch):
    monkeypatch.setattr(identity, "today", lambda: TODAY)
    response = moderator.get("/admin/overview.xlsx?year=2024")
    assert response.status_code == 200 and "tong-quan-doi-thoai-2024.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Đối thoại", "Địa bàn", "Cơ quan"]
    head = [cell.value for cell in book["Đối thoại"][1]]
    assert head[:11] == ["Địa bàn", "Cấp", "Buổi đối thoại", "Mã", "Ngày", "Giai đoạn", "Câu hỏi", "Trả lời tại chỗ",
                         "Chuyển lên", "Trả lời bằng văn bản", "Quá hạn"]
    assert head[11].startswith("Công bố kế hoạch") and head[12:14] == ["Thời hạn", "Ngày thực hiện"]
    rows = {row[3]: row for row in book["Đối thoại"].iter_rows(min_row=2, values_only=True)}
    assert rows["ta-van-2024"][6:11] == (7, 2, 1, 1, 2) and rows["ta-van-2024"][11] == "Đã xong"
    assert rows["demo"][0] == "Chưa gắn địa bàn"
    areas_sheet = {row[0]: row[2] for row in book["Địa bàn"].iter_rows(min_row=2, values_only=True)}
    assert areas_sheet["Xã Y Tý"] == "Chưa tổ chức" and areas_sheet["Xã Tả Van"] == "Đã tổ chức"
    assert [cell.value for cell in book["Cơ quan"][1]] == ["Cơ quan", "Được giao", "Đã trả lời", "Quá hạn"]


def test_a_reminder_from_the_overview_goes_through_each_dialogue(store, province, moderator, monkeypatch):
    """Without a mail server: the follow-up page's message, nothing recorded."""
    monkeypatch.setattr(identity, "today", lambda: TODAY)
    response = moderator.post("/admin/overview/remind", data={"agency": "SYT", "year": "2024"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/overview?year=2024#agencies")
    assert "Chưa cấu hình máy chủ thư" in moderator.get("/admin/overview?year=2024").get_data(as_text=True)
    assert store.reminders(store.event_by_code("ta-van-2024")["id"]) == []


def test_a_reminder_reaches_the_agency_for_the_dialogue_it_owes(app_factory, smtp_server, clock, monkeypatch):
    """SYT owes answers in Tả Van's dialogue only: one e-mail, recorded in that dialogue's history."""
    controller, inbox = smtp_server
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1", LIVE_SMTP_PORT=controller.port, LIVE_SMTP_STARTTLS=False)
    store = app.extensions["live_store"]
    make_province(store, clock)
    monkeypatch.setattr(identity, "today", lambda: TODAY)
    response = logged_in(app).post("/admin/overview/remind", data={"agency": "SYT", "year": "2024"})
    assert response.status_code == 302
    assert [message["to"] for message in inbox.messages] == [["syt@laocai.gov.vn"]]
    assert "Trả lời tại chỗ, hẹn văn bản" in inbox.messages[0]["body"] and "/agency/ta-van-2024" in inbox.messages[0]["body"]
    assert [row["result"] for row in store.reminders(store.event_by_code("ta-van-2024")["id"])] == ["sent"]
    assert store.reminders(store.event_by_code("sa-pa-2024")["id"]) == []
