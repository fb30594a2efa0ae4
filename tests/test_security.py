"""Security headers, cross-site refusal, rate limits and logging out everywhere."""
import re

import pytest

from .conftest import ADMIN_PASSWORD, logged_in, login
from .helpers import act

PAGES = ["/", "/e/demo", "/e/demo/screen", "/e/demo/poster", "/login"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_send_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PAGES + ["/mod/demo", "/staff", "/admin/users", "/admin/events/demo"])
def test_pages_hold_no_inline_script_handler_or_style(moderator, path):
    html = moderator.get(path).get_data(as_text=True)
    for script in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in script or 'type="application/json"' in script
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html


def test_a_browser_request_from_another_site_is_refused(client):
    answer = client.post("/api/v1/events/demo/questions", json={"text": "Từ trang khác"},
                         headers={"Sec-Fetch-Site": "cross-site"})
    assert answer.status_code == 403 and answer.get_json()["error"]
    answer = client.post("/api/v1/events/demo/questions", json={"text": "Từ trang khác"},
                         headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403
    answer = client.post("/e/demo/ask", data={"text": "Biểu mẫu từ trang khác"}, headers={"Origin": "https://evil.example"})
    assert answer.status_code == 403


def test_same_site_browsers_and_plain_clients_pass(client):
    same = client.post("/api/v1/events/demo/questions", json={"text": "Cùng trang"},
                       headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 201 and same.get_json()["text"] == "Cùng trang"
    plain = client.post("/api/v1/events/demo/questions", json={"text": "Không có tiêu đề trình duyệt"})
    assert plain.status_code == 201 and plain.get_json()["text"] == "Không có tiêu đề trình duyệt"


@pytest.fixture
def limited_app(app_factory):
    return app_factory(RATELIMIT_ENABLED=True, LIVE_LIMIT_QUESTIONS="3 per minute",
                       LIVE_LIMIT_VOTES="4 per second", LIVE_LIMIT_LOGINS_PER_ACCOUNT="3 per 10 minutes")


def test_questions_are_limited_per_attendee_not_per_address(limited_app):
    phone = limited_app.test_client()
    for number in range(3):
        assert phone.post("/api/v1/events/demo/questions", json={"text": f"Câu {number}"}).status_code == 201
    refused = phone.post("/api/v1/events/demo/questions", json={"text": "Câu thứ tư"})
    assert refused.status_code == 429
    assert "thao tác quá nhanh" in refused.get_json()["error"]
    neighbour = limited_app.test_client()  # same address, another attendee
    assert neighbour.post("/api/v1/events/demo/questions", json={"text": "Câu của bạn bên cạnh"}).status_code == 201


def test_votes_are_limited_per_attendee(limited_app):
    staff = logged_in(limited_app)
    question = staff.post("/api/v1/events/demo/questions", json={"text": "Câu được bình chọn"}).get_json()
    act(staff, question["id"], "approve")
    phone = limited_app.test_client()
    codes = [phone.open(f"/api/v1/questions/{question['id']}/vote", method=method).status_code
             for method in ("POST", "DELETE") * 3]
    assert codes[:4] == [200] * 4 and 429 in codes[4:]


def test_votes_without_cookies_are_capped_per_address(app_factory):
    """A script that drops its cookies is a new attendee at every vote: the per-address cap holds it."""
    app = app_factory(LIVE_LIMIT_VOTES_PER_ADDRESS="5 per minute")
    staff = logged_in(app)
    question = staff.post("/api/v1/events/demo/questions", json={"text": "Câu được bình chọn"}).get_json()
    act(staff, question["id"], "approve")

    def cookieless_vote(address):
        return app.test_client().post(f"/api/v1/questions/{question['id']}/vote",
                                      environ_base={"REMOTE_ADDR": address})
    codes = [cookieless_vote("10.1.1.1").status_code for _ in range(8)]
    assert codes == [200] * 5 + [429] * 3
    assert cookieless_vote("10.1.1.2").status_code == 200
    assert staff.get("/api/v1/events/demo/questions").get_json()["questions"][0]["votes"] == 6


def test_logins_are_limited_per_account(limited_app):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        guess = limited_app.test_client().post("/api/v1/login", json={"username": "admin", "password": "wrong"},
                                               environ_base={"REMOTE_ADDR": address})
        assert guess.status_code == 401
    blocked = limited_app.test_client().post("/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD},
                                             environ_base={"REMOTE_ADDR": "10.0.0.4"})
    assert blocked.status_code == 429


def test_logout_everywhere_ends_every_session(app):
    tablet, laptop = app.test_client(), app.test_client()
    for device in (tablet, laptop):
        assert login(device, "admin", ADMIN_PASSWORD).status_code == 200
    assert tablet.post("/api/v1/logout-everywhere").get_json() == {"ok": True}
    assert laptop.get("/api/v1/me").status_code == 401
    assert tablet.get("/api/v1/me").status_code == 401
    assert login(laptop, "admin", ADMIN_PASSWORD).status_code == 200
    assert laptop.get("/api/v1/me").status_code == 200


def test_a_new_password_ends_old_sessions(app, runner):
    device = app.test_client()
    login(device, "admin", ADMIN_PASSWORD)
    result = runner.invoke(args=["users", "set-password", "admin"], input="new-password-1\nnew-password-1\n")
    assert result.exit_code == 0, result.output
    assert device.get("/api/v1/me").status_code == 401


def test_staff_entering_questions_from_the_floor_are_not_limited(limited_app):
    staff = limited_app.test_client()
    login(staff, "admin", ADMIN_PASSWORD)
    codes = [staff.post("/api/v1/events/demo/questions", json={"text": f"Câu hỏi từ hội trường {n}"}).status_code
             for n in range(5)]
    assert codes == [201] * 5


def test_blocking_an_author_hides_their_pending_questions_and_takes_back_their_votes(app, moderator, new_client, ask):
    troll, other = new_client(), new_client()
    public = ask(other, "Câu hỏi nghiêm túc")
    moderator.post(f"/api/v1/questions/{public['id']}/approve")
    assert troll.post(f"/api/v1/questions/{public['id']}/vote").get_json()["votes"] == 1
    first = ask(troll, "Nội dung quấy rối 1")
    second = ask(troll, "Nội dung quấy rối 2")

    blocked = moderator.post(f"/api/v1/questions/{first['id']}/block-author")
    assert blocked.status_code == 200
    assert blocked.get_json() == {"blocked": True, "hidden": [first["id"], second["id"]], "votes_removed": 1}
    listed = {q["id"]: q for q in moderator.get("/api/v1/events/demo/questions").get_json()["questions"]}
    assert listed[first["id"]]["status"] == listed[second["id"]]["status"] == "rejected"
    assert listed[public["id"]]["votes"] == 0
    refused = troll.post("/api/v1/events/demo/questions", json={"text": "Lại nữa"})
    assert refused.status_code == 403 and "chặn" in refused.get_json()["error"]
    assert troll.post(f"/api/v1/questions/{public['id']}/vote").status_code == 403
    assert other.post("/api/v1/events/demo/questions", json={"text": "Người khác vẫn hỏi được"}).status_code == 201
    assert "attendee" not in str(blocked.get_json())  # moderators never learn who it was

    assert moderator.delete(f"/api/v1/questions/{first['id']}/block-author").get_json() == {"blocked": False}
    assert troll.post("/api/v1/events/demo/questions", json={"text": "Đã được bỏ chặn"}).status_code == 201


def test_only_moderators_block(client, other_moderator, new_client, ask):
    question = ask(new_client(), "Câu hỏi")
    assert client.post(f"/api/v1/questions/{question['id']}/block-author").status_code == 401
    assert other_moderator.post(f"/api/v1/questions/{question['id']}/block-author").status_code == 403


def test_cookies_are_secure_when_served_over_https(app_factory):
    app = app_factory(LIVE_PUBLIC_URL="https://doithoai.example.vn")
    client = app.test_client()
    attendee = client.get("/e/demo").headers.getlist("Set-Cookie")
    assert any(c.startswith("live_attendee=") and "Secure" in c and "HttpOnly" in c for c in attendee)
    staff = client.post("/api/v1/login", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert "Secure" in staff.headers["Set-Cookie"] and "HttpOnly" in staff.headers["Set-Cookie"]


def test_cookies_are_http_only_and_lax_on_a_hall_lan(client):
    cookie = client.get("/e/demo").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_agency_email_addresses_are_for_staff_only(client, moderator):
    moderator.patch("/api/v1/events/demo", json={"agencies": [
        {"code": "CA", "name": "Công an tỉnh", "email": "vanthu.ca@example.gov.vn"}]})
    public = client.get("/api/v1/events/demo/agencies").get_json()["agencies"]
    assert public[0]["code"] == "CA" and "email" not in public[0]
    staff = moderator.get("/api/v1/events/demo/agencies").get_json()["agencies"]
    assert staff[0]["email"] == "vanthu.ca@example.gov.vn"


def test_a_form_without_its_csrf_token_is_refused_with_a_readable_page(client, store):
    forged = client.post("/e/demo/ask", data={"text": "Biểu mẫu giả"}, without_csrf=True)
    assert forged.status_code == 400
    assert "tải lại trang" in forged.get_data(as_text=True)
    assert forged.mimetype == "text/html"
    assert store._all("SELECT * FROM question") == []
    assert client.post("/e/demo/ask", data={"text": "Biểu mẫu thật"}).status_code == 302


def test_staff_forms_need_the_token_too(moderator, store):
    forged = moderator.post("/admin/users", data={"action": "create", "username": "gia", "password": "password-123",
                                                  "role": "organizer"}, without_csrf=True)
    assert forged.status_code == 400 and store.user_by_name("gia") is None
    assert moderator.post("/api/v1/logout").status_code == 200  # the JSON API needs no token
    assert moderator.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("path", ["/e/demo", "/login", "/admin/users", "/admin/events/demo", "/staff",
                                  "/admin/events/demo/conclusion", "/admin/events/demo/followup"])
def test_every_post_form_carries_a_csrf_token(moderator, path):
    html = moderator.get(path).get_data(as_text=True)
    forms = re.findall(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S)
    assert forms
    assert all('name="csrf_token"' in form for form in forms)


def test_the_staff_home_button_logs_out_every_device(app):
    tablet, laptop = app.test_client(), app.test_client()
    for device in (tablet, laptop):
        login(device, "admin", ADMIN_PASSWORD)
    assert "Đăng xuất mọi thiết bị" in tablet.get("/staff").get_data(as_text=True)
    assert tablet.post("/logout-everywhere").status_code == 302
    assert laptop.get("/api/v1/me").status_code == 401


def test_moderators_are_not_shown_the_accounts_link(make_moderator):
    moderator = make_moderator("dieu-phoi", "demo")
    assert "/admin/users" not in moderator.get("/admin/events/demo/followup").get_data(as_text=True)
    assert moderator.get("/admin/users").status_code == 403


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> {{ 7*7 }} =1+1'


def test_hostile_text_is_shown_as_text_on_every_page_that_renders_it(app, moderator, client, store):
    question = client.post("/api/v1/events/demo/questions", json={"text": HOSTILE, "author": "<b>Tên</b>"}).get_json()
    assert question["text"] == HOSTILE  # stored as typed, never cleaned into markup
    moderator.post(f"/api/v1/questions/{question['id']}/approve")
    moderator.post(f"/api/v1/questions/{question['id']}/route", json={"agency": "CA"})
    moderator.post(f"/api/v1/questions/{question['id']}/answer", json={"answered_by": "<i>Giám đốc</i>", "summary": HOSTILE})
    moderator.post("/api/v1/events/demo/publish", json={"published": True})
    for page, viewer in (("/e/demo", client), ("/e/demo/results", client), ("/admin/events/demo/minutes", moderator),
                         ("/admin/events/demo/conclusion/print", moderator), ("/agency/demo?agency=CA", moderator)):
        html = viewer.get(page).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Tên</b>" not in html, page
        assert "&lt;script&gt;alert" in html and "{{ 7*7 }}" in html, page  # shown, never run or evaluated
