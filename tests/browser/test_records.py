"""The live minutes in a real browser: they follow the programme and a poll as they run, without a
reload, and stay accessible with their new sections."""
import pytest
from playwright.sync_api import expect

from .conftest import TABLET, axe_violations, log_in, mark_loaded, not_reloaded

pytestmark = pytest.mark.usefixtures("fresh")

SCAM = "Bạn đã từng gặp lừa đảo trực tuyến chưa?"


def advance(api, to):
    version = api.get("/api/v1/events/demo/programme").json()["version"]
    response = api.post("/api/v1/events/demo/programme/advance", data={"to": to, "version": version})
    assert response.ok, response.text()


def add_item(api, **item):
    response = api.post("/api/v1/events/demo/programme/items", data=item)
    assert response.ok, response.text()
    return response.json()["items"][-1]["id"]


def test_the_live_minutes_follow_the_programme_and_a_poll(open_page, browser, server):
    minutes = open_page(TABLET, "/login", bypass_csp=True)  # for axe-core
    log_in(minutes)
    minutes.goto("/admin/events/demo/minutes")
    expect(minutes.locator("#connection")).to_have_text("Đã kết nối")
    mark_loaded(minutes)
    api = minutes.request

    poll = api.post("/api/v1/events/demo/polls", data={"text": SCAM, "options": ["Đã từng", "Chưa từng"]}).json()
    opening = add_item(api, kind="opening", title="Khai mạc chương trình", planned_start="08:00", duration=10)
    asking = add_item(api, kind="poll", title="Thăm dò nhanh", duration=5, poll_id=poll["id"])
    row = minutes.locator(f"#programme-rows tr[data-id='{opening}']")
    expect(row).to_contain_text("Khai mạc chương trình")
    expect(row).to_contain_text("Chưa diễn ra")

    advance(api, opening)
    expect(row.locator("time")).to_have_count(1)
    advance(api, asking)  # opens the poll
    expect(row).to_contain_text("phút")  # ended: how it went against the plan
    phone = browser.new_context(base_url=server.url)
    answer = phone.request.post(f"/api/v1/polls/{poll['id']}/answer", data={
        "choices": [poll["options"][0]["id"]], "youth_group": "students", "district": "Bát Xát"})
    assert answer.ok, answer.text()
    phone.close()

    result = minutes.locator(f"#polls-list .poll-result[data-id='{poll['id']}']")
    expect(result).to_contain_text("1 người trả lời")
    expect(result.locator("tbody tr").first).to_contain_text("100%")
    expect(result.locator("table[data-part=youth_group]")).to_contain_text("Thanh niên học sinh, sinh viên")
    expect(result.locator("table[data-part=district]")).to_contain_text("Bát Xát")

    advance(api, "end")
    expect(minutes.locator("#programme-ran")).to_contain_text("Thực tế: từ")
    assert not_reloaded(minutes)
    assert axe_violations(minutes) == []

    # revealed and published, the poll's bars on the results page; its results in the briefing pack
    assert api.post(f"/api/v1/polls/{poll['id']}/reveal").ok
    assert api.post("/api/v1/events/demo/publish", data={"published": True}).ok
    for path in ("/e/demo/results", "/briefing/demo"):
        minutes.goto(path)
        expect(minutes.locator(f".poll-result[data-id='{poll['id']}'] meter")).to_have_count(2)
        assert axe_violations(minutes) == [], path
