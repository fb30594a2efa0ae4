"""HTML pages: status codes, key texts, the no-JavaScript fallbacks, and what they must not show.

Most of these render templates (attendee.html, screen.html, moderator.html, login.html,
poster.html, landing.html); the routes that do not render one are marked below."""
import pytest

from live.dialogue import demo

TITLE = demo.EVENT["title"]
SECRET = "Câu hỏi riêng chưa duyệt 5c8e"


def test_healthz(client):  # no template
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_qr_svg(client):  # no template
    response = client.get("/e/demo/qr.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    body = response.get_data(as_text=True)
    assert "<svg" in body and "<path" in body
    assert client.get("/e/khong-co/qr.svg").status_code == 404


def test_moderator_page_sends_anonymous_to_login(client):  # no template
    response = client.get("/mod/demo")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/mod/demo")


def test_no_js_form_submits_a_question(client, store):  # the POST itself renders nothing
    response = client.post("/e/demo/ask", data={"text": "  Câu hỏi gửi không cần JavaScript  ",
                                                "author": "Minh", "client_id": "form-1"})
    assert response.status_code in (302, 303)
    assert response.headers["Location"] == "/e/demo#mine"
    again = client.post("/e/demo/ask", data={"text": "Câu hỏi gửi không cần JavaScript", "client_id": "form-1"})
    assert again.status_code in (302, 303)
    [row] = store._all("SELECT * FROM question")
    assert (row["text"], row["author"], row["status"]) == ("Câu hỏi gửi không cần JavaScript", "Minh", "pending")
    # the same browser sees it as its own through the API
    [mine] = client.get("/api/v1/events/demo/questions").get_json()["questions"]
    assert mine["id"] == row["id"] and mine["mine"] is True


def test_no_js_form_with_bad_input_goes_back_to_the_form(client, store):
    response = client.post("/e/demo/ask", data={"text": "   "})
    assert response.status_code in (302, 303)
    assert response.headers["Location"] == "/e/demo#ask"
    response = client.post("/e/demo/ask", data={"text": "Chủ đề lạ", "topic": "Không có"})
    assert response.headers["Location"] == "/e/demo#ask"
    assert store._all("SELECT * FROM question") == []
    assert client.post("/e/khong-co/ask", data={"text": "x"}).status_code == 404


def test_no_js_vote_form(client, new_client, ask, publish, store):
    question = ask(new_client(), "Bình chọn bằng form")
    publish(question["id"])
    response = client.post(f"/e/demo/vote/{question['id']}")
    assert response.status_code in (302, 303)
    assert response.headers["Location"] == f"/e/demo#q{question['id']}"
    client.post(f"/e/demo/vote/{question['id']}")
    assert store.question(question["id"])["votes"] == 1
    client.post(f"/e/demo/vote/{question['id']}", data={"action": "unvote"})
    assert store.question(question["id"])["votes"] == 0


def test_join_by_code_redirects(client):  # no template on success
    response = client.get("/join?code=DEMO")
    assert response.status_code == 302
    assert response.headers["Location"] == "/e/demo"


def test_login_form_logs_in(client):  # no template on success
    response = client.post("/login", data={"username": "admin", "password": "admin-password",
                                           "next": "/mod/demo"})
    assert response.status_code == 302 and response.headers["Location"] == "/mod/demo"
    assert client.get("/api/v1/me").get_json()["user"]["username"] == "admin"


@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "javascript:alert(1)",
                                      "/\\evil.example/"])
def test_login_never_redirects_off_site(new_client, next_url):
    response = new_client().post("/login", data={"username": "admin", "password": "admin-password",
                                                  "next": next_url})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")) and "://" not in location


# --- pages that render templates -------------------------------------------------------------

def test_landing_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"


def test_join_unknown_code_is_404_page(client):
    response = client.get("/join?code=khong-co")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_attendee_page(client):
    response = client.get("/e/demo")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert TITLE in response.get_data(as_text=True)
    assert client.get("/e/DEMO").status_code == 200
    assert client.get("/e/demo?sort=new").status_code == 200


def test_attendee_page_shows_public_and_own_but_not_others_pending(client, new_client, ask, publish):
    author = new_client()
    own = ask(author, SECRET)
    public = ask(new_client(), "Câu hỏi công khai trên trang")
    publish(public["id"])
    page = client.get("/e/demo").get_data(as_text=True)
    assert "Câu hỏi công khai trên trang" in page
    assert SECRET not in page
    assert SECRET in author.get("/e/demo").get_data(as_text=True)
    assert own["status"] == "pending"


def test_form_submission_then_page_shows_it(client):
    response = client.post("/e/demo/ask", data={"text": "Câu hỏi của tôi qua form"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Câu hỏi của tôi qua form" in response.get_data(as_text=True)


def test_screen_page(client):
    response = client.get("/e/demo/screen")
    assert response.status_code == 200
    assert TITLE in response.get_data(as_text=True)


def test_poster_page(client):
    response = client.get("/e/demo/poster")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert TITLE in body and "<svg" in body


def test_login_page(client):
    assert client.get("/login").status_code == 200
    response = client.post("/login", data={"username": "admin", "password": "sai-mat-khau"})
    assert response.status_code == 401 and response.mimetype == "text/html"


def test_moderator_page(moderator, demo_moderator, other_moderator):
    for staff in (moderator, demo_moderator):
        response = staff.get("/mod/demo")
        assert response.status_code == 200
        assert TITLE in response.get_data(as_text=True)
    response = other_moderator.get("/mod/demo")
    assert response.status_code == 403 and response.mimetype == "text/html"
