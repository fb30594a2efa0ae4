"""Reminders to agencies: a real SMTP server on 127.0.0.1 (aiosmtpd) receives the Vietnamese
e-mail with the agency's open items; without a mail server or an address, a clear message."""
import email
import email.policy
import re
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from live.dialogue import events, followup, questions, reminders
from live.web import identity

from .conftest import logged_in
from .helpers import text_of
from .support import free_port

TRACKER, REMIND = "/admin/events/demo/followup", "/admin/events/demo/followup/remind"


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append({"to": envelope.rcpt_tos, "from": envelope.mail_from, "message": message,
                              "body": message.get_body(("plain",)).get_content()})
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def setup_event(app):
    """CA has an e-mail address and two open items; STTTT has none and one open item; SNV answered."""
    store = app.extensions["live_store"]
    event = store.event_by_code("demo")
    agencies = [events.agency_view(a) for a in store.agencies(event["id"])]
    for agency in agencies:
        if agency["code"] == "CA":
            agency["email"] = "ca@laocai.gov.vn"
        if agency["code"] == "SNV":
            agency["email"] = "snv@laocai.gov.vn"
    events.update(store, "test", "demo", agencies=agencies)
    made = {}
    for key, text, agency in (("ca1", "Công an tỉnh xử lý lừa đảo qua mạng thế nào?", "CA"),
                              ("ca2", "Số điện thoại đường dây nóng về an ninh mạng là gì?", "CA"),
                              ("tt", "Khi nào phủ sóng 4G các xã vùng cao?", "STTTT"),
                              ("snv", "Chính sách thu hút cán bộ trẻ?", "SNV")):
        question = questions.submit(store, event, "someone", text)[0]
        questions.approve(store, question["id"], "test")
        questions.route(store, question["id"], "test", event, agency)
        made[key] = question["id"]
    questions.edit(store, made["ca2"], "test", event, written_due="2024-05-20", note="Kèm số liệu năm 2023")
    followup.answer_in_writing(store, made["snv"], "snv", None, True, "Đã trả lời")
    return store, made


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(identity, "today", lambda: date(2024, 4, 15))


def test_reminder_reaches_the_agency_in_vietnamese(app_factory, smtp_server, today):
    controller, inbox = smtp_server
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1", LIVE_SMTP_PORT=controller.port, LIVE_SMTP_STARTTLS=False,
                      LIVE_SMTP_FROM="doithoai@laocai.gov.vn", LIVE_PUBLIC_URL="https://doithoai.laocai.gov.vn")
    store, made = setup_event(app)
    client = logged_in(app)
    response = client.post(REMIND, data={})
    assert response.status_code == 302 and response.headers["Location"].endswith("#reminders")
    [received] = inbox.messages
    assert received["to"] == ["ca@laocai.gov.vn"] and received["from"] == "doithoai@laocai.gov.vn"
    message, body = received["message"], received["body"]
    assert message["Subject"].startswith("Đề nghị trả lời bằng văn bản: Đối thoại giữa Chủ tịch UBND tỉnh")
    assert "Kính gửi: Công an tỉnh," in body
    assert "còn 2 câu hỏi cần trả lời bằng văn bản" in body and "26/03/2024" in body
    assert "1. Công an tỉnh xử lý lừa đảo qua mạng thế nào?" in body
    assert "Hạn trả lời: 10/04/2024 (quá hạn 5 ngày)" in body
    assert "2. Số điện thoại đường dây nóng về an ninh mạng là gì?" in body
    assert "Hạn trả lời: 20/05/2024 (còn 35 ngày)" in body and "Kèm số liệu năm 2023" in body
    assert "https://doithoai.laocai.gov.vn/agency/demo" in body
    assert "4G" not in body and "cán bộ trẻ" not in body  # other agencies' items, answered ones
    # recorded: CA sent; STTTT has no address (said, not recorded); SNV has nothing open
    [record] = store.reminders(store.event_by_code("demo")["id"])
    assert (record["agency_code"], record["channel"], record["items"], record["result"], record["sent_by"]) == (
        "CA", "email", 2, "sent", "admin")
    page = text_of(client.get(TRACKER))
    assert "Đã gửi thư nhắc tới: Công an tỉnh (ca@laocai.gov.vn)." in page
    assert "Chưa có địa chỉ thư điện tử, không gửi thư: Sở Thông tin và Truyền thông." in page
    assert "Lịch sử nhắc" in page and "Đã gửi" in page


def test_reminder_to_one_agency(app_factory, smtp_server, today):
    controller, inbox = smtp_server
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1", LIVE_SMTP_PORT=controller.port, LIVE_SMTP_STARTTLS=False)
    store, _ = setup_event(app)
    client = logged_in(app)
    client.post(REMIND, data={"agency": "CA"})
    assert [m["to"] for m in inbox.messages] == [["ca@laocai.gov.vn"]]
    assert inbox.messages[0]["from"] == "doi-thoai-live@localhost"
    response = client.post(REMIND, data={"agency": "STTTT"})
    assert response.status_code == 302
    assert len(inbox.messages) == 1
    assert "Chưa có địa chỉ thư điện tử" in text_of(client.get(TRACKER))
    client.post(REMIND, data={"agency": "SNV"})  # everything answered
    assert "Cơ quan này không còn câu hỏi nào chưa trả lời." in text_of(client.get(TRACKER))
    assert len(store.reminders(store.event_by_code("demo")["id"])) == 1


def test_without_a_mail_server_a_clear_message_and_the_printable_list(app, today):
    store, _ = setup_event(app)
    client = logged_in(app)
    page = text_of(client.get(TRACKER))
    assert "Chưa cấu hình máy chủ thư (LIVE_SMTP_HOST)" in page and "In danh sách" in page
    response = client.post(REMIND, data={})
    assert response.status_code == 302
    page = text_of(client.get(TRACKER))
    assert "không gửi được thư điện tử" in page
    assert store.reminders(store.event_by_code("demo")["id"]) == []
    printed = text_of(client.get("/admin/events/demo/followup/print"))
    assert "Công an tỉnh xử lý lừa đảo qua mạng thế nào?" in printed and "10/04/2024" in printed
    assert "Khi nào phủ sóng 4G các xã vùng cao?" in printed and "Chính sách thu hút cán bộ trẻ?" not in printed


def remind_buttons(client):
    """{agency code or "all": (disabled, the text of what aria-describedby points to)} on the tracker."""
    html = client.get(TRACKER).get_data(as_text=True)
    found = {}
    for form in re.findall(r'<form method="post" action="/admin/events/demo/followup/remind".*?</form>', html, re.S):
        agency = re.search(r'name="agency" value="([^"]+)"', form)
        button = re.search(r"<button[^>]*>", form).group(0)
        why = re.search(r'aria-describedby="([^"]+)"', button)
        said = re.search(rf'id="{why.group(1)}"[^>]*>(.*?)</(?:p|div)>', html, re.S).group(1) if why else ""
        found[agency.group(1) if agency else "all"] = (" disabled" in button, re.sub(r"<[^>]+>|\s+", " ", said))
    return found


def test_without_a_mail_server_the_remind_buttons_are_disabled_and_say_why(app, today):
    setup_event(app)
    buttons = remind_buttons(logged_in(app))
    disabled, why = buttons.pop("all")
    assert disabled and "Chưa cấu hình máy chủ thư (LIVE_SMTP_HOST)" in why
    page = text_of(logged_in(app).get(TRACKER))
    assert "Để gửi thư nhắc: đặt LIVE_SMTP_HOST" in page and "khởi động lại ứng dụng" in page
    assert set(buttons) == {"CA", "STTTT"} and all(disabled for disabled, _ in buttons.values())


def test_with_a_mail_server_remind_all_is_enabled(app_factory, today):
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1")
    setup_event(app)
    buttons = remind_buttons(logged_in(app))
    assert buttons["all"] == (False, "") and buttons["CA"] == (False, "")
    assert buttons["STTTT"][0] and "chưa có địa chỉ" in buttons["STTTT"][1]  # no address to send to
    assert "Để gửi thư nhắc" not in text_of(logged_in(app).get(TRACKER))


def test_a_failing_mail_server_is_recorded_not_a_crash(app_factory, smtp_server, today):
    controller, inbox = smtp_server
    # the test server offers no STARTTLS: asking for it fails
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1", LIVE_SMTP_PORT=controller.port, LIVE_SMTP_STARTTLS=True)
    store, _ = setup_event(app)
    client = logged_in(app)
    assert client.post(REMIND, data={}).status_code == 302
    assert inbox.messages == []
    [record] = store.reminders(store.event_by_code("demo")["id"])
    assert record["result"].startswith("failed: ") and record["channel"] == "email"
    page = text_of(client.get(TRACKER))
    assert "Không gửi được thư tới Công an tỉnh" in page and "Lỗi" in page


def test_nothing_listening_is_recorded_not_a_crash(app_factory, today):
    app = app_factory(LIVE_SMTP_HOST="127.0.0.1", LIVE_SMTP_PORT=free_port(), LIVE_SMTP_STARTTLS=False)
    store, _ = setup_event(app)
    client = logged_in(app)
    assert client.post(REMIND, data={"agency": "CA"}).status_code == 302
    [record] = store.reminders(store.event_by_code("demo")["id"])
    assert record["result"].startswith("failed: ")


def test_reminders_need_a_moderator_of_the_event(app, client, other_moderator, demo_moderator, today):
    setup_event(app)
    refused = client.post(REMIND, data={})  # a form sent without a login: to the login page, as every page
    assert refused.status_code == 302 and refused.headers["Location"] == "/login"
    assert other_moderator.post(REMIND, data={}).status_code == 403
    response = demo_moderator.post(REMIND, data={}, follow_redirects=True)  # past the check: no mail server here
    assert response.status_code == 200 and "Chưa cấu hình máy chủ thư" in text_of(response)


def test_settings_are_read_from_the_environment():
    from live import config
    settings = config.from_environment({})
    assert (settings["LIVE_SMTP_HOST"], settings["LIVE_SMTP_PORT"], settings["LIVE_SMTP_STARTTLS"]) == ("", 587, True)
    assert not reminders.configured(settings)
    settings = config.from_environment({"LIVE_SMTP_HOST": "mail.example.vn", "LIVE_SMTP_PORT": "25",
                                        "LIVE_SMTP_STARTTLS": "0", "LIVE_SMTP_USER": "bot@example.vn"})
    assert reminders.configured(settings) and settings["LIVE_SMTP_PORT"] == 25
    assert settings["LIVE_SMTP_STARTTLS"] is False and reminders.sender(settings) == "bot@example.vn"


def test_countdown_words():
    def say(message, **values):
        return message % values
    assert reminders.countdown(3, say) == "còn 3 ngày"
    assert reminders.countdown(0, say) == "hôm nay"
    assert reminders.countdown(-2, say) == "quá hạn 2 ngày"
