"""The MC's view on a phone held upright (390x844): the words to say now follow the programme and the
question on stage without a reload, one tap moves the programme on or back, a stale tap is refused
with the reason and the page follows the newest, the timer says its state in words."""
import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, axe_violations, log_in, mark_loaded, not_reloaded, review_shot

pytestmark = pytest.mark.usefixtures("no_programme")  # the demo event as the server started it, no programme

ITEMS = [
    {"kind": "performance", "title": "Thanh niên Lào Cai vững bước", "presenter": "Đội văn nghệ Tỉnh đoàn", "duration": 10},
    {"kind": "video", "title": "Thanh niên và những tác động từ môi trường mạng",
     "presenter": "Sở Thông tin và Truyền thông", "duration": 8},
    {"kind": "dialogue", "title": "Đối thoại", "topic": "Chính sách, pháp luật về an ninh mạng", "duration": 30},
]
PERFORMANCE = ("Mở đầu chương trình, xin trân trọng giới thiệu tiết mục văn nghệ “Thanh niên Lào Cai vững bước” do "
               "Đội văn nghệ Tỉnh đoàn biểu diễn.")
VIDEO = ("Sau đây, xin mời quý vị đại biểu cùng theo dõi phóng sự “Thanh niên và những tác động từ môi trường mạng” "
         "do Sở Thông tin và Truyền thông thực hiện.")
QUESTION = "Tỉnh có giải pháp gì để cảnh báo lừa đảo trực tuyến cho thanh niên vùng cao?"



def mc_page(context_for):
    """A phone logged in as the organizer (who moderates every event); console errors allowed: the
    refused tap logs its 409. axe is injected as a script, past the page's CSP."""
    page = context_for(PHONE, bypass_csp=True).new_page()
    page.goto("/login")
    log_in(page)
    return page


def programme(page):
    """Three items, the first one started, as the organizer and a moderator would (the API)."""
    for item in ITEMS:
        assert page.request.post("/api/v1/events/demo/programme/items", data=item).ok
    assert page.request.post("/api/v1/events/demo/programme/advance", data={"to": "next"}).ok


def test_the_mc_reads_the_words_now_and_moves_the_programme_on(context_for, browser, server):
    mc = mc_page(context_for)
    programme(mc)
    mc.goto("/mc/demo")
    words = mc.locator("#words")
    expect(mc.locator("#connection")).to_have_text("Đã kết nối")
    expect(words).to_have_text(PERFORMANCE)
    expect(mc.locator("#next-line")).to_contain_text("Tiếp theo chương trình, xin mời quý vị đại biểu cùng theo dõi")
    expect(mc.locator("#timer-state")).to_have_text("Còn lại")
    expect(mc.locator("#timer-left")).to_have_text(re.compile(r"^(10:00|9:[0-5]\d)$"))
    mark_loaded(mc)
    forward, back = mc.get_by_role("button", name="Mục tiếp theo"), mc.get_by_role("button", name="Quay lại")
    for button in (forward, back):
        box = button.bounding_box()
        assert box["height"] >= 56 and box["y"] + box["height"] <= 844  # in reach without scrolling
    assert mc.evaluate("document.documentElement.scrollWidth") <= 390
    review_shot(mc, "mc-performance", full_page=True)

    forward.tap()
    expect(words).to_have_text(VIDEO)
    expect(mc.locator("#item")).to_contain_text("Phóng sự: Thanh niên và những tác động từ môi trường mạng")
    back.tap()
    expect(words).to_have_text(PERFORMANCE)

    # a tap sent on an older programme is refused with the reason; the page stays on the newest
    mc.route("**/programme/advance", lambda route: route.continue_(post_data=json.dumps({"to": "next", "version": 0})))
    forward.tap()
    expect(mc.locator("#error")).to_have_text("Chương trình vừa được thay đổi ở nơi khác. Hãy xem lại rồi thử lại.")
    expect(words).to_have_text(PERFORMANCE)
    mc.unroute("**/programme/advance")
    forward.tap()
    expect(words).to_have_text(VIDEO)
    expect(mc.locator("#error")).to_be_hidden()
    forward.tap()
    expect(words).to_contain_text("cùng đối thoại về nội dung “Chính sách, pháp luật về an ninh mạng”")

    # a moderator stages a question in the dialogue segment: the MC invites its author, then its agency
    phone = browser.new_context(base_url=server.url)
    asked = phone.request.post("/api/v1/events/demo/questions", data={
        "text": QUESTION, "author": "Lò Thị Mai", "unit": "Đoàn Thanh niên xã Tả Van"}).json()
    phone.close()
    for action, body in (("approve", {}), ("route", {"agency": "CA"}), ("stage", {})):
        assert mc.request.post(f"/api/v1/questions/{asked['id']}/{action}", data=body).ok
    lines = mc.locator("#words p")
    expect(lines).to_have_text(["Xin mời bạn Lò Thị Mai, Đoàn Thanh niên xã Tả Van, đặt câu hỏi.",
                                "Xin mời đồng chí Giám đốc Công an tỉnh trả lời."])
    expect(mc.locator("#question")).to_have_text(f"Câu hỏi: {QUESTION}")
    expect(mc.locator("#next-item")).to_have_text("Hết chương trình.")
    assert not_reloaded(mc)
    review_shot(mc, "mc-dialogue", full_page=True)
    assert axe_violations(mc) == []


def test_the_timer_turns_amber_then_red_and_says_so(context_for):
    mc = mc_page(context_for)
    assert mc.request.post("/api/v1/events/demo/programme/items", data={**ITEMS[0], "duration": 1}).ok
    assert mc.request.post("/api/v1/events/demo/programme/advance", data={"to": "next"}).ok
    mc.clock.install()
    mc.goto("/mc/demo")
    timer = mc.locator("#timer")
    expect(mc.locator("#timer-state")).to_have_text("Sắp hết giờ")  # one minute: within the last two
    expect(timer).to_have_class(re.compile(r"\bwarn\b"))
    mc.clock.fast_forward("01:05")
    expect(mc.locator("#timer-state")).to_have_text("Quá giờ")
    expect(timer).to_have_class(re.compile(r"\bover\b"))
    expect(mc.locator("#timer-left")).to_have_text(re.compile(r"^-0:0\d$"))
    assert axe_violations(mc) == []
