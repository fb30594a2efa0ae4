"""Requests that are not about who may do what: JSON nested too deep is a 400 like any malformed body,
what was made for one viewer is never stored by a browser or a proxy, and HTTPS is remembered."""
import pytest

from live.dialogue import api_keys


def nested(depth):
    return '{"text": ' + "[" * depth + "]" * depth + "}"


@pytest.mark.parametrize("depth", [30_000, 500, 40])
def test_json_nested_too_deep_is_a_400_not_a_500(client, moderator, depth):
    for who, method, path in ((client, "POST", "/api/v1/events/demo/questions"), (client, "POST", "/api/v1/login"),
                              (moderator, "PATCH", "/api/v1/events/demo/notice")):
        response = who.open(path, method=method, data=nested(depth), content_type="application/json")
        assert response.status_code == 400, (path, response.get_json())
        assert response.get_json()["error"] == "Nội dung gửi lên phải là một đối tượng JSON."


def test_json_as_deep_as_any_real_body_still_reads(client):
    response = client.post("/api/v1/events/demo/questions", data=nested(8), content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"] == "Dữ liệu phải là văn bản."
    assert client.post("/api/v1/events/demo/questions", json={"text": "Câu hỏi thường"}).status_code == 201


def no_store(response):
    return response.headers.get("Cache-Control") == "no-store"


def test_staff_pages_and_their_json_are_never_stored(moderator):
    for path in ("/staff", "/mod/demo", "/admin/events/demo/import", "/api/v1/events/demo/questions",
                 "/api/v1/me", "/e/demo"):
        response = moderator.get(path)
        assert response.status_code == 200 and no_store(response), path


def test_what_an_attendee_or_a_channel_is_sent_of_their_own_is_never_stored(client, store):
    client.post("/api/v1/events/demo/questions", json={"text": "Câu hỏi của tôi, đang chờ duyệt"})
    mine = client.get("/api/v1/events/demo/questions")
    assert [q["status"] for q in mine.get_json()["questions"]] == ["pending"] and no_store(mine)
    assert no_store(client.get("/e/demo"))
    secret = api_keys.create(store, store.event_by_code("demo"), "test", "portal", "Cổng")[1]
    pushed = client.post("/api/v1/events/demo/intake", json={"external_id": "1", "text": "Câu hỏi qua cổng"},
                         headers={"Authorization": f"Bearer {secret}"})
    assert pushed.status_code == 201 and pushed.get_json()["channel"] == "portal" and no_store(pushed)


def test_public_files_stay_cacheable(app, moderator):
    anonymous = app.test_client()
    for who in (anonymous, moderator):
        response = who.get("/static/css/base.css")
        assert "max-age" in response.headers["Cache-Control"] and not no_store(response)
    assert not no_store(anonymous.get("/healthz"))
    assert not no_store(anonymous.get("/e/demo/qr.svg"))


def test_https_is_remembered_when_served_over_https(app_factory):
    served = app_factory(LIVE_PUBLIC_URL="https://doithoai.laocai.gov.vn").test_client()
    for path in ("/e/demo", "/login", "/api/v1/events/demo"):
        hsts = served.get(path).headers.get("Strict-Transport-Security", "")
        assert hsts.startswith("max-age=") and int(hsts.split("=")[1].split(";")[0]) >= 180 * 24 * 3600, path
    hall = app_factory(LIVE_PUBLIC_URL="http://192.168.1.10:5000").test_client()
    assert "Strict-Transport-Security" not in hall.get("/e/demo").headers
