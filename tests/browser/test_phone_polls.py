"""The attendee's phone at 390x844 during the programme: live polls (three phones answer, one of them
offline until it comes back and is counted once; one changes its answer; counts hidden until a
moderator reveals them, then bars, without a reload), the other kinds of poll, and the strip of what
runs now and next, with the question form closing during an item that takes no questions."""
import time

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, TABLET, axe_violations, log_in, mark_loaded, not_reloaded

pytestmark = pytest.mark.usefixtures("no_programme")  # the demo event as the server started it, no programme

SCAM = {"text": "Bạn đã từng gặp lừa đảo trực tuyến chưa?", "kind": "single",
        "options": ["Đã từng", "Chưa bao giờ", "Không rõ"], "open": True}
NEWS = {"text": "Bạn lấy tin tức chủ yếu từ đâu?", "kind": "multiple", "max_choices": 2,
        "options": ["Mạng xã hội", "Báo điện tử", "Truyền hình", "Bạn bè, người thân"], "open": True}
SAFETY = {"text": "Bạn đánh giá mức độ an toàn của môi trường mạng hiện nay?", "kind": "scale", "open": True}
QUESTION = "Xã em chưa có sóng 4G ổn định, tỉnh có kế hoạch gì cho vùng cao không?"


def staff(open_page):
    page = open_page(TABLET, "/login")
    log_in(page)
    return page


def phone_on(context):
    page = context.new_page()
    page.goto("/e/demo")
    expect(page.locator("#connection")).to_contain_text("Trực tuyến")
    return page


def choose(phone, poll_id, label, submit=True):
    card = phone.locator(f"#poll-{poll_id}")
    card.locator(".poll-option", has_text=label).click()
    if submit:
        card.locator(".poll-send").click()
    return card


def counts(moderator, poll_id):
    found = moderator.request.get(f"/api/v1/polls/{poll_id}/results").json()
    return found["total"], {option["label"]: option["count"] for option in found["options"]}


def answer_posts(page):
    """The answers this page sends to the server, counted as they leave."""
    sent = []
    page.on("request", lambda r: r.method == "POST" and r.url.endswith("/answer") and sent.append(r.url))
    return sent


def test_three_phones_answer_one_offline_counted_once_then_revealed(open_page, context_for):
    moderator = staff(open_page)
    poll = moderator.request.post("/api/v1/events/demo/polls", data=SCAM).json()
    first, second, third = (phone_on(context_for(PHONE, bypass_csp=True)) for _ in range(3))  # axe is a script
    mark_loaded(first, second, third)
    card = first.locator(f"#poll-{poll['id']}")
    expect(card.locator("legend")).to_have_text("Chọn một phương án")
    expect(card.locator(".poll-state")).to_have_text("Đang mở")
    expect(card.locator("input[type=radio]")).to_have_count(3)

    choose(first, poll["id"], "Đã từng")
    expect(card.locator(".poll-status")).to_have_text("Đã ghi nhận câu trả lời của bạn.")
    expect(card.locator(".poll-mine")).to_have_text("Bạn đã chọn: Đã từng")
    expect(card.locator(".poll-send")).to_have_text("Đổi câu trả lời")

    changed = choose(second, poll["id"], "Chưa bao giờ")
    expect(changed.locator(".poll-mine")).to_have_text("Bạn đã chọn: Chưa bao giờ")
    choose(second, poll["id"], "Đã từng")
    expect(changed.locator(".poll-mine")).to_have_text("Bạn đã chọn: Đã từng")

    posts = answer_posts(third)
    third.context.set_offline(True)
    offline = choose(third, poll["id"], "Chưa bao giờ")
    choose(third, poll["id"], "Không rõ")  # a newer answer replaces the one waiting
    expect(offline.locator(".poll-status")).to_have_text("Câu trả lời đang chờ gửi; sẽ tự gửi khi có kết nối.")
    kept = third.evaluate(f"JSON.parse(localStorage.getItem('live.poll.demo.{poll['id']}'))")
    assert kept["choices"] == [option["id"] for option in poll["options"] if option["label"] == "Không rõ"]
    assert counts(moderator, poll["id"])[0] == 2

    third.context.set_offline(False)
    expect(offline.locator(".poll-status")).to_have_text("Đã ghi nhận câu trả lời của bạn.", timeout=15000)
    expect(offline.locator(".poll-mine")).to_have_text("Bạn đã chọn: Không rõ")
    time.sleep(3)  # a reconnect or a retry later must not send it again
    assert posts == [posts[0]] and third.evaluate(f"localStorage.getItem('live.poll.demo.{poll['id']}')") is None
    assert counts(moderator, poll["id"]) == (3, {"Đã từng": 2, "Chưa bao giờ": 0, "Không rõ": 1})

    for phone in (first, second, third):  # hidden until revealed: only how many answered
        results = phone.locator(f"#poll-{poll['id']} .poll-results")
        expect(results.locator(".poll-total")).to_have_text("3 người đã trả lời")
        expect(results.locator(".poll-bar")).to_have_count(0)
    assert axe_violations(first) == []

    assert moderator.request.post(f"/api/v1/polls/{poll['id']}/reveal").ok
    bars = card.locator(".poll-bar")
    expect(bars).to_have_count(3)
    expect(bars.nth(0)).to_contain_text("Đã từng")
    expect(bars.nth(0)).to_contain_text("67%")
    expect(bars.nth(2)).to_contain_text("33%")
    expect(third.locator(f"#poll-{poll['id']} .poll-bar")).to_have_count(3)

    assert moderator.request.post(f"/api/v1/polls/{poll['id']}/close").ok
    expect(card.locator(".poll-state")).to_have_text("Đã đóng")
    expect(card.locator(".poll-form")).to_be_hidden()
    expect(card.locator(".poll-mine")).to_have_text("Bạn đã chọn: Đã từng")
    expect(bars).to_have_count(3)
    assert not_reloaded(first, second, third)


def test_multiple_choice_shows_its_limit_and_a_scale_takes_one_tap(open_page, context_for):
    moderator = staff(open_page)
    news = moderator.request.post("/api/v1/events/demo/polls", data=NEWS).json()
    phone = phone_on(context_for(PHONE, bypass_csp=True))  # a refused answer logs its 400; axe is a script
    card = phone.locator(f"#poll-{news['id']}")
    expect(card.locator("legend")).to_have_text("Chọn tối đa 2 phương án")
    expect(card.locator("input[type=checkbox]")).to_have_count(4)
    choose(phone, news["id"], "Mạng xã hội", submit=False)
    choose(phone, news["id"], "Báo điện tử", submit=False)
    expect(card.locator(".poll-count")).to_have_text("Đã chọn 2/2")
    choose(phone, news["id"], "Truyền hình")  # one too many: the server says so, nothing is counted
    expect(card.locator(".poll-count")).to_have_class("hint poll-count over")
    expect(card.locator(".poll-status")).to_have_text("Chọn tối đa 2 phương án.")
    choose(phone, news["id"], "Truyền hình")  # unticked again
    expect(card.locator(".poll-mine")).to_have_text("Bạn đã chọn: Mạng xã hội, Báo điện tử")

    safety = moderator.request.post("/api/v1/events/demo/polls", data=SAFETY).json()
    scale = phone.locator(f"#poll-{safety['id']}")
    expect(phone.locator(".poll-card").first).to_have_id(f"poll-{safety['id']}")  # the newest open first
    buttons = scale.locator(".poll-scale-btn")
    expect(buttons).to_have_count(5)
    for index in range(5):
        box = buttons.nth(index).bounding_box()
        assert box["width"] >= 48 and box["height"] >= 48
    buttons.nth(3).click()
    expect(scale.locator(".poll-mine")).to_have_text("Bạn đã chọn: 4")
    expect(buttons.nth(3)).to_have_attribute("aria-pressed", "true")
    total, found = counts(moderator, safety["id"])
    assert total == 1 and found["4"] == 1
    assert counts(moderator, news["id"]) == (1, {"Mạng xã hội": 1, "Báo điện tử": 1, "Truyền hình": 0,
                                                 "Bạn bè, người thân": 0})

    assert moderator.request.post(f"/api/v1/polls/{safety['id']}/close").ok
    expect(phone.locator(".poll-card").first).to_have_id(f"poll-{news['id']}")  # the one still open first
    assert axe_violations(phone) == []


def add_items(moderator, *items):
    for kind, title in items:
        assert moderator.request.post("/api/v1/events/demo/programme/items",
                                      data={"kind": kind, "title": title, "duration": 10}).ok


def advance(moderator, to="next"):
    assert moderator.request.post("/api/v1/events/demo/programme/advance", data={"to": to}).ok


def test_the_strip_and_the_question_form_follow_the_programme(open_page):
    moderator = staff(open_page)
    phone = open_page(PHONE, "/e/demo")
    expect(phone.locator("#connection")).to_contain_text("Trực tuyến")
    strip, form = phone.locator("#now-next"), phone.locator("#ask")
    expect(strip).to_be_hidden()  # no programme, no strip
    mark_loaded(phone)

    add_items(moderator, ("performance", "Tiết mục chào mừng"), ("dialogue", "An ninh mạng và thanh niên"),
              ("closing", "Bế mạc"))
    expect(strip.locator(".nn-next")).to_contain_text("Tiết mục chào mừng")
    expect(strip.locator(".nn-now")).to_be_hidden()

    phone.fill("#ask-text", QUESTION)
    advance(moderator)
    expect(strip.locator(".nn-now")).to_contain_text("Văn nghệ")
    expect(strip.locator(".nn-now")).to_contain_text("Tiết mục chào mừng")
    expect(strip.locator(".nn-next")).to_contain_text("An ninh mạng và thanh niên")
    expect(form).to_be_hidden()
    expect(phone.locator("#phase-notice")).to_have_text(
        "Phần này của chương trình không nhận câu hỏi; bạn vẫn bình chọn được các câu hỏi đã duyệt.")
    expect(phone.locator("#ask-kept")).to_be_visible()

    advance(moderator)
    expect(strip.locator(".nn-now")).to_contain_text("An ninh mạng và thanh niên")
    expect(strip.locator(".nn-next")).to_contain_text("Bế mạc")
    expect(form).to_be_visible()
    expect(phone.locator("#ask-text")).to_have_value(QUESTION)
    expect(phone.locator("#ask-kept")).to_be_hidden()
    assert not_reloaded(phone)

    advance(moderator)  # the closing takes no questions; what was typed outlives a reload too
    expect(form).to_be_hidden()
    phone.reload()
    advance(moderator, "end")
    expect(strip).to_be_hidden()
    expect(form).to_be_visible()
    expect(phone.locator("#ask-text")).to_have_value(QUESTION)
